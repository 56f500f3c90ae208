"""DOCX writer: real Word structure, header and footer, properties, snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import permdocs
from permdocs.profiles import resolve_profile

from conftest import BABY, rendered
from readable import W, docx_parts, docx_text, docx_xml


def test_docx_snapshot(sample_path: Path, document_name: str, docx_snapshot: Any) -> None:
    assert rendered(sample_path, "docx", document_name) == docx_snapshot


def test_docx_template_parts_snapshot(docx_static_snapshot: Any) -> None:
    # Styles, settings and theme are the same for every case: pinned once.
    assert rendered(BABY, "docx") == docx_static_snapshot


def _layout(document_name: str) -> Any:
    """The facts a document declares about its pages (document.toml, [layout])."""
    return permdocs.DOCUMENTS[document_name].layout


def _styles_used(data: bytes) -> set[str]:
    return {el.get(f"{W}val") for el in docx_xml(data, "word/document.xml").iter(f"{W}pStyle", f"{W}tblStyle")}


def test_uses_real_word_styles(sample_path: Path, document_name: str) -> None:
    used = _styles_used(rendered(sample_path, "docx", document_name))
    assert set(_layout(document_name).styles) <= used
    if document_name == "care-plan-permanence" and sample_path.stem in ("baby-in-proceedings", "long-term-fostering"):
        assert "Heading2" in used and used & {"ListBullet", "ListNumber"}


def test_numbered_lists_are_word_lists() -> None:
    data = rendered(Path("samples/long-term-fostering.json").resolve(), "docx")
    assert "ListNumber" in _styles_used(data)
    assert "1." not in docx_text(data).split("He asked for:")[1].splitlines()[1]


def test_table_header_rows_repeat_on_each_page(sample_path: Path, document_name: str) -> None:
    body = docx_xml(rendered(sample_path, "docx", document_name), "word/document.xml")
    tables = [t for t in body.iter(f"{W}tbl") if t.getparent().tag == f"{W}body"]
    headed = [t for t in tables if t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None]
    layout = _layout(document_name)
    if not layout.tables:
        assert tables == []  # a letter, not a form
        return
    assert tables and len(headed) == len(tables) - layout.unheaded_tables


def test_pages_are_a4_with_wide_tables_in_landscape(sample_path: Path, document_name: str) -> None:
    body = docx_xml(rendered(sample_path, "docx", document_name), "word/document.xml")
    sizes = [(s.get(f"{W}w"), s.get(f"{W}h"), s.get(f"{W}orient")) for s in body.iter(f"{W}pgSz")]
    landscape = ("16838", "11906", "landscape")
    orientation = _layout(document_name).orientation
    if orientation == "landscape":
        assert set(sizes) == {landscape}
        return
    assert sizes[0][:2] == ("11906", "16838")
    assert set(sizes) <= {("11906", "16838", None), ("11906", "16838", "portrait"), landscape}
    assert (landscape in sizes) == (orientation == "mixed")


def test_header_names_child_reference_and_marking(sample_case: permdocs.Case, sample_path: Path) -> None:
    data = rendered(sample_path, "docx")
    header = "".join(docx_text(data, name) for name in docx_parts(data) if name.startswith("word/header"))
    assert "OFFICIAL-SENSITIVE" in header
    assert sample_case.child.case_reference in header
    assert f"{sample_case.child.given_names} {sample_case.child.family_name}" in header


def test_footer_counts_pages(sample_path: Path) -> None:
    data = rendered(sample_path, "docx")
    footers = [docx_xml(data, name) for name in docx_parts(data) if name.startswith("word/footer")]
    fields = [f.get(f"{W}instr").split()[0] for footer in footers for f in footer.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in "".join(docx_text(data, name) for name in docx_parts(data) if name.startswith("word/footer"))


def test_core_properties_come_from_the_case(sample_case: permdocs.Case, sample_path: Path) -> None:
    core = docx_parts(rendered(sample_path, "docx"))["docProps/core.xml"].decode()
    assert f"permanence plan: case {sample_case.child.case_reference}".lower() in core.lower()
    # Written by the council of the case's profile, the one the whole document speaks for.
    council = resolve_profile(None, sample_case.profile).profile.council.name
    assert f"<dc:creator>{council}</dc:creator>" in core and f"<cp:lastModifiedBy>{council}</cp:lastModifiedBy>" in core
    assert f"{sample_case.prepared_on.isoformat()}T00:00:00Z" in core
    assert "python-docx" not in core
    assert sample_case.child.family_name not in core
    assert "<cp:revision>1</cp:revision>" in core


def test_no_python_docx_leftovers(sample_path: Path) -> None:
    parts = docx_parts(rendered(sample_path, "docx"))
    assert "docProps/thumbnail.jpeg" not in parts
    assert b"Microsoft Macintosh Word" not in parts["docProps/app.xml"]


def test_no_run_is_nested_in_text(sample_path: Path, document_name: str) -> None:
    # The symptom of printing rich text without {{r }}: Word calls the file unreadable.
    body = docx_xml(rendered(sample_path, "docx", document_name), "word/document.xml")
    assert not body.findall(f".//{W}t//{W}r")


def test_british_english() -> None:
    styles = docx_xml(rendered(BABY, "docx"), "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == "en-GB"


@pytest.mark.parametrize("document", sorted(permdocs.DOCUMENTS))
def test_header_and_footer_tabs_sit_inside_the_page(document: str) -> None:
    """A right tab past the text's edge (a landscape template's, on a portrait
    page) drops the right-hand half of the header and footer in Word."""
    import re
    import zipfile

    folder = permdocs.DOCUMENTS[document].folder
    checked = 0
    for path in sorted(folder.glob("*.docx")):
        with zipfile.ZipFile(path) as word:
            body = word.read("word/document.xml").decode()
            width = int(re.search(r'<w:pgSz w:w="(\d+)"', body).group(1))  # type: ignore[union-attr]
            margins = re.search(r'<w:pgMar w:top="\d+" w:right="(\d+)" w:bottom="\d+" w:left="(\d+)"', body)
            assert margins is not None
            text_width = width - int(margins.group(1)) - int(margins.group(2))
            for name in word.namelist():
                if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                    tabs = [int(t) for t in re.findall(r'<w:tab w:pos="(\d+)"', word.read(name).decode())]
                    assert all(tab <= text_width for tab in tabs), (path.name, name, tabs, text_width)
                    checked += 1
    assert checked, "every packaged Word template has a header or footer"
