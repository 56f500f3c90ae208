"""DOCX per document against the fill-and-zip floor (issue 28, target 4).

The floor is the least that any docxtpl-based tool must do to write the
sample care plan as a Word file, once its template is ready in a warm
process. Made ready once, before any timing:

- the packaged care plan template opened by docxtpl; its body
  (document.xml), headers and footers patched by docxtpl (``patch_xml``) and
  compiled by Jinja into template objects, in permdocs' Word environment
  (sandboxed, autoescaping, strict);
- the other parts of the package read as bytes.

Then, for each document (what is timed):

1. fill: each compiled template rendered with the same variables as
   permdocs uses, through the same filters. The filters are permdocs' own
   drawing of narratives and blocks as WordprocessingML: the document's words
   have to become Word's XML somewhere, and this keeps the two sides writing
   the same words (the benchmark checks that they do);
2. zip: every part of the package (the filled ones, the unchanged ones and the
   pictures the filters added) written by ``zipfile`` into memory, each
   deflated at zlib's default level.

Left out of the floor, and so counted against permdocs: docxtpl's passes
after filling (its paragraph clean-up ``resolve_listing``, its table-grid
repair ``fix_tables`` with the re-parse of the body, the renumbering of
picture ids), and what permdocs adds (list numbering that restarts, core
properties from the case, fixed timestamps and attributes in the zip).

permdocs' side is the writer call that ``docx_throughput`` times:
``writers.docx.render(document, context, styling)``, with the case loaded
and its context built once.

A second, stricter row is for information: the same floor with the parts
that never change deflated once in advance (by permdocs' own zip writer,
``writers.docx_package``), as permdocs now does. It shows what permdocs
adds over the fill alone.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import Measure, first_copy, medians_taking_turns

ROOT = Path(__file__).resolve().parents[1]
BABY = ROOT / "samples" / "baby-in-proceedings.json"
DOCUMENT = "care-plan-permanence"


def measures(quick: bool) -> list[Measure]:
    """The floor row and the stricter one; ``quick`` runs the code once, measuring nothing."""
    ours, floor, strict_floor = _the_three_renders()
    same = words(ours()) == words(floor()) == words(strict_floor())
    note = "" if same else " (text differs!)"
    documents, repeats = (1, 1) if quick else (20, 15)
    ours_s, floor_s, strict_s = (seconds / documents for seconds in medians_taking_turns(
        *(_repeated(action, documents) for action in (ours, floor, strict_floor)), repeats=repeats))
    return [
        Measure(f"DOCX per document against the fill-and-zip floor, care plan{note}", f"{ours_s * 1000:.1f} ms",
                f"{floor_s * 1000:.1f} ms (docxtpl fill, zip deflating every part)", ours_s / floor_s, "<= 1.5x"),
        Measure("DOCX per document against fill and zip with the unchanging parts deflated once",
                f"{ours_s * 1000:.1f} ms", f"{strict_s * 1000:.1f} ms", ours_s / strict_s, ""),
    ]


def _repeated(action: Callable[[], bytes], times: int) -> Callable[[], None]:
    def run() -> None:
        for _ in range(times):
            action()

    return run


def _the_three_renders() -> tuple[Callable[[], bytes], Callable[[], bytes], Callable[[], bytes]]:
    from docxtpl import DocxTemplate

    import permdocs
    from permdocs.writers import Styling, docx_package, template_variables
    from permdocs.writers import docx as docx_writer

    resolved, context = first_copy(permdocs.load_case(BABY), DOCUMENT)
    styling = Styling.from_profile(resolved.profile)

    def ours() -> bytes:
        return docx_writer.render(resolved.document, context, styling)

    # --- made ready once: the template compiled, the other parts as bytes ---
    template = DocxTemplate(resolved.document.template("docx"))
    word = template.get_docx()
    saved = io.BytesIO()
    word.save(saved)
    with zipfile.ZipFile(saved) as package:
        parts = [(info.filename, package.read(info.filename)) for info in package.infolist()]
    pictures: list[bytes] = []

    def add_picture(data: bytes) -> str:
        pictures.append(data)
        return f"rIdPicture{len(pictures)}"

    env = plain_word_environment(add_picture)
    compiled = {
        name: env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(data.decode("utf-8"))))
        for name, data in parts
        if name == "word/document.xml" or (re.match(r"word/(header|footer)\d*\.xml$", name) and b"{" in data)
    }
    variables = template_variables(context) | {"logo": None}

    def filled() -> dict[str, bytes]:
        pictures.clear()
        return {name: compiled_part.render(variables).encode("utf-8") for name, compiled_part in compiled.items()}

    def floor() -> bytes:
        new = filled()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts:
                target.writestr(name, new.get(name, data))
            for number, data in enumerate(pictures, start=1):
                target.writestr(f"word/media/picture{number}.png", data)
        return out.getvalue()

    unchanging = {name: docx_package.deflate(data) for name, data in parts if name not in compiled}

    def strict_floor() -> bytes:
        new = filled()
        entries = [(name, docx_package.deflate(new[name]) if name in new else unchanging[name]) for name, _ in parts]
        entries += [(f"word/media/picture{n}.png", docx_package.deflate(data)) for n, data in enumerate(pictures, start=1)]
        return docx_package.zip_archive(entries)

    return ours, floor, strict_floor


def plain_word_environment(add_image: Callable[[bytes], str]) -> Any:
    """A Jinja environment as any docxtpl user would set one up to fill
    permdocs' Word templates: permdocs' own filters (blocks, narratives, the
    title block), and pictures handed to ``add_image``, which names them."""
    from markupsafe import Markup

    from permdocs.base import narrative
    from permdocs.text.templating import make_environment
    from permdocs.writers import docx_title
    from permdocs.writers.docx_blocks import WordBlocks

    styles = {name: name.replace(" ", "") for name in (
        "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
        "List Number 2", "List Number 3", "Caption", "Permdocs Table", "Permdocs Note")}
    env = make_environment(None, markdown=lambda text: narrative.to_wordml(text.source, lambda _s: 0, styles))
    blocks = WordBlocks(styles, lambda _s: 0, add_image=add_image)
    env.filters["blocks"] = blocks
    env.filters["title_block"] = lambda info: Markup(docx_title.title_block(info, styles | {"Title": "Title"}, None))
    env.filters["draft_banners"] = lambda info: Markup(docx_title.draft_banners(info))
    env.filters["draft_findings"] = lambda info: blocks(info.draft_appendix) if info.draft else Markup("")
    return env


def words(data: bytes) -> list[str]:
    # The floor keeps the escapes Jinja wrote (&#39;), which docxtpl's re-parse would turn back into characters.
    from html import unescape

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return re.findall(r"\w+", unescape(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))))


def main() -> None:
    """Print the rows (python benchmarks/docx_floor.py [--quick])."""
    import sys

    for measure in measures("--quick" in sys.argv):
        ratio = "" if measure.ratio is None else f"{measure.ratio:.2f}x"
        print(f"{measure.name}: {measure.ours} against {measure.baseline} = {ratio} ({measure.target} {measure.met()})")


if __name__ == "__main__":
    main()
