"""Taking active content out of an external PDF before it joins a bundle.

A bundle is served on every party, and an external PDF (a police
disclosure, an expert's report, a scanned letter) can carry what a viewer
runs or fetches: JavaScript on a page or in a link, a launch action, form
actions that submit or import data, links to other files or to ``file:``
addresses, attached files, media. None of it belongs in a court bundle. So
each external PDF is rewritten before it is measured and merged:

- form fields are flattened (what they show stays on the page, as drawn;
  what they do goes);
- page actions (``/AA``) and annotation actions go;
- attachments, sounds, films, screens, rich media and 3D annotations go;
- a link keeps only a jump inside its own document, and a web link only to
  ``https:`` and only where the manifest entry says ``keep_web_links``;
  a chained action (``/Next``) never survives.

Each removal is reported by the entry's JSON path, and the bundle's own
document-level parts (open action, names, forms) are built new, so nothing
at that level comes across.
"""

from __future__ import annotations

import io
from collections import Counter

import pikepdf
from pikepdf import Dictionary, Name

#: Annotations that exist to run, play or carry something: removed whole.
_ACTIVE_ANNOTATIONS = frozenset({
    "/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D", "/Widget",
})
#: What each removal is called in the report.
_WORDS = {
    "page-actions": "page action(s) run on opening or closing a page",
    "annotation-actions": "annotation action(s) run on mouse or focus events",
    "link-actions": "link action(s) that run a script, open a file or another program, or send or import data",
    "chained": "chained action(s)",
    "web-links": "web link(s)",
    "file-links": "link(s) to a file on the reader's computer",
    "/FileAttachment": "attached file(s)",
    "/Screen": "screen (media) annotation(s)",
    "/Movie": "film(s)",
    "/Sound": "sound(s)",
    "/RichMedia": "rich-media annotation(s)",
    "/3D": "3D model(s)",
    "/Widget": "form field(s), flattened to what they show",
}


def without_active_content(data: bytes, *, keep_web_links: bool) -> tuple[bytes, list[str]]:
    """The PDF with no active content, and what was taken out, in words."""
    removed: Counter[str] = Counter()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fields = sum(1 for page in pdf.pages for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Widget")
        if fields:
            # Draw each field's appearance into its page, as a printer would, before the fields go.
            pdf.flatten_annotations("all")
            removed["/Widget"] = fields
        for page in pdf.pages:
            if "/AA" in page.obj:
                del page.obj["/AA"]
                removed["page-actions"] += 1
            if "/Annots" in page.obj:
                kept = [a for a in page.obj.Annots if _kept(a, removed, keep_web_links=keep_web_links)]
                page.obj.Annots = pdf.make_indirect(pikepdf.Array(kept)) if kept else pikepdf.Array()
        if not removed:
            return data, []
        buffer = io.BytesIO()
        pdf.remove_unreferenced_resources()
        pdf.save(buffer, deterministic_id=True, compress_streams=True)
    return buffer.getvalue(), [f"{count} {_WORDS[kind]}" for kind, count in sorted(removed.items())]


def _kept(annotation: Dictionary, removed: Counter[str], *, keep_web_links: bool) -> bool:
    subtype = str(annotation.get("/Subtype", ""))
    if subtype in _ACTIVE_ANNOTATIONS:
        if subtype != "/Widget":  # fields were counted before flattening
            removed[subtype] += 1
        return False
    if "/AA" in annotation:
        del annotation["/AA"]
        removed["annotation-actions"] += 1
    action = annotation.get("/A")
    if isinstance(action, Dictionary) and not _harmless(action, removed, keep_web_links=keep_web_links):
        del annotation["/A"]
    return True


def _harmless(action: Dictionary, removed: Counter[str], *, keep_web_links: bool) -> bool:
    """Whether an action may stay: a jump within the document, a named viewer
    step, or an allowed https: link; its chained actions go in any case."""
    if "/Next" in action:
        del action["/Next"]
        removed["chained"] += 1
    kind = action.get("/S")
    if kind in (Name.GoTo, Name.Named):
        return True
    if kind == Name.URI:
        address = str(action.get("/URI", "")).strip().lower()
        if address.startswith("file:"):
            removed["file-links"] += 1
            return False
        if keep_web_links and address.startswith("https:"):
            return True
        removed["web-links"] += 1
        return False
    removed["link-actions"] += 1
    return False
