"""A cold render of one DOCX loads only what it needs (issue 28, target 3).

Speed is measured in make bench (benchmarks/cold_start.py), never here; these
tests pin the means structurally: what a render leaves in ``sys.modules``,
and that what is prepared ahead of time (the cairo declarations, the bank
holidays) is what would otherwise be made at run time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BABY, DOCUMENT, ROOT


def _modules_after(code: str) -> list[str]:
    """The modules a fresh process has loaded after running ``code``."""
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def _loaded_by_rendering_one_docx(out: Path) -> list[str]:
    argv = ["render", str(BABY), "--doc", DOCUMENT, "--format", "docx", "--out", str(out)]
    return _modules_after(f"from permdocs.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass")


@pytest.mark.slow  # Python in a subprocess
def test_rendering_one_docx_loads_neither_the_pdf_stack_nor_other_documents_nor_every_calendar(tmp_path: Path) -> None:
    loaded = _loaded_by_rendering_one_docx(tmp_path)
    assert (tmp_path / "care-plan-permanence_FX-2026-0412.docx").exists()
    assert "permdocs.documents.care_plan_permanence" in loaded and "cairosvg" in loaded  # the timeline's PNG
    packages = {name.split(".")[0] for name in loaded}
    # PDF only: WeasyPrint and pikepdf. England's bank holidays come from a table, not the holidays package.
    assert packages.isdisjoint({"weasyprint", "pikepdf", "holidays"}), packages & {"weasyprint", "pikepdf", "holidays"}
    # The bundled fonts' facts come from a table: fontTools stays unloaded.
    assert "fontTools" not in packages
    # A JSON case: no YAML reader.
    assert "yaml" not in packages
    # Standard error is a pipe here: no status line, so no rich.
    assert "rich" not in packages
    # cairo's C declarations come prebuilt: nothing parses a C header.
    assert "pycparser" not in packages and "cffi.cparser" not in loaded
    other_documents = sorted(
        name for name in loaded
        if name.startswith("permdocs.documents.") and name.split(".")[2] in _document_folders() - {"care_plan_permanence"}
    )
    assert other_documents == []
    # The care plan draws no genogram: Graphviz's layout and its drawing stay unloaded.
    assert not any(name.startswith("permdocs.practice.genogram") for name in loaded)


def _document_folders() -> set[str]:
    from permdocs.documents import DOCUMENTS

    return {document.folder.name for document in DOCUMENTS.values()}


@pytest.mark.slow  # Python in a subprocess
def test_listing_the_documents_finds_them_all_without_importing_their_code() -> None:
    loaded = _modules_after("from permdocs.cli import main\ntry:\n    main(['docs'])\nexcept SystemExit:\n    pass")
    folders = _document_folders()
    assert len(folders) >= 9
    assert sorted(name for name in loaded if name.startswith("permdocs.documents.") and name.split(".")[2] in folders) == []


@pytest.mark.slow  # Python in a subprocess
def test_a_document_s_code_is_imported_when_first_used() -> None:
    loaded = _modules_after(
        "from permdocs.documents import DOCUMENTS\n"
        "letter = DOCUMENTS['later-life-letter']\n"
        "assert 'permdocs.documents.later_life_letter' not in sys.modules\n"
        "assert list(letter.html_filters) == ['review_marks']\n"
        "assert letter.build_context.__module__ == 'permdocs.documents.later_life_letter'"
    )
    assert "permdocs.documents.later_life_letter" in loaded
    assert "permdocs.documents.cpr" not in loaded


@pytest.mark.slow  # Python in a subprocess
def test_the_prebuilt_cairo_declarations_are_what_the_tool_makes_from_the_installed_cairocffi() -> None:
    # In a process of its own: the tool gives cairocffi's live declarations a module name.
    code = (
        "import json, sys\nsys.path.insert(0, 'tools')\nimport cairo_bindings\n"
        "print(json.dumps(cairo_bindings.generated()))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    made = json.loads(done.stdout.strip().splitlines()[-1])
    folder = ROOT / "src" / "permdocs" / "text" / "timeline"
    assert sorted(made) == ["cairo_ffi.py", "cairo_pixbuf_ffi.py"]
    for name, text in made.items():
        assert (folder / name).read_text("utf-8") == text, f"run tools/cairo_bindings.py: {name} is out of date"


@pytest.mark.slow  # Python in a subprocess
def test_a_timeline_png_is_the_same_bytes_with_the_prebuilt_declarations_as_with_cairocffi_s_own() -> None:
    import permdocs
    from permdocs.practice.timeline import collect
    from permdocs.text.timeline import draw

    svg = draw(collect(permdocs.load_case(BABY))).svg
    draw = (
        "import hashlib, sys\n{first}\nfrom permdocs.text.timeline.picture import _png\n"
        f"print(hashlib.sha256(_png({svg!r})).hexdigest(), sys.modules['cairocffi.ffi'].__file__ "
        "if hasattr(sys.modules['cairocffi.ffi'], '__file__') else 'prebuilt')"
    )
    digests = {}
    for way, first in (("cairocffi's own", "import cairocffi"), ("prebuilt", "")):
        done = subprocess.run([sys.executable, "-c", draw.format(first=first)], capture_output=True, text=True,
                              check=True, cwd=ROOT)
        digest, declared_by = done.stdout.split()
        assert (declared_by == "prebuilt") == (way == "prebuilt"), declared_by
        digests[way] = digest
    assert digests["prebuilt"] == digests["cairocffi's own"]


def test_the_font_tables_are_the_bundled_fonts() -> None:
    """What a render reads from permdocs.base.font_tables (so as not to open the
    fonts) is what the fonts say; after changing a font, tools/font_tables.py rewrites it."""
    from fontTools.ttLib import TTFont

    from permdocs.base.strict import printable_characters
    from permdocs.text.timeline.canvas import _advances

    fonts = ROOT / "templates" / "assets" / "fonts"
    sans, serif = (set(TTFont(fonts / f"Liberation{family}-Regular.ttf", lazy=True).getBestCmap()) for family in ("Sans", "Serif"))
    assert printable_characters() == frozenset((sans & serif) | {0x20})
    for bold, weight in ((False, "Regular"), (True, "Bold")):
        font = TTFont(fonts / f"LiberationSans-{weight}.ttf", lazy=True)
        per_em, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
        widths = {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
        assert _advances(bold) == (widths, metrics[".notdef"][0] / per_em), weight
    assert len(_advances(False)[0]) > 2000 and 0x20 in printable_characters()
