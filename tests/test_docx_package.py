"""The Word writer's quick path writes what its full path writes.

Three shortcuts make a DOCX render quicker (issue 28): the parts no render
changes are deflated once per template, and copied into each zip as they are
(writers/docx_package.py); docxtpl's paragraph clean-up is handed only the
paragraphs it would change; and its table-grid repair runs only where a grid
needs it (writers/docx_after_filling.py). Here each is held to the slow way
it replaces: the same zip bytes as Python's zipfile writes, the same text as
docxtpl's own passes, and for every document and copy the same parts as a
render that deflates everything afresh and runs docxtpl's passes in full.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st

import permdocs
from permdocs.writers import docx as docx_writer
from permdocs.writers import docx_after_filling
from permdocs.writers.docx_package import ZIP_EPOCH, Deflated, deflate, zip_archive

from conftest import BABY, DOCUMENT, ROOT, examples

# --- the zip ---------------------------------------------------------------------


def zipfile_archive(entries: list[tuple[str, bytes]]) -> bytes:
    """The entries as permdocs wrote them with zipfile before: Word's fixed
    timestamp, no attributes, deflated at level 6."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()


ENTRIES = [
    ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>' * 40),
    ("word/document.xml", "<w:t>Ada Fictional\u00a0&amp; family</w:t>".encode() * 500),
    ("word/media/empty.bin", b""),
    ("word/media/pr\u00e9sentation.png", bytes(range(256)) * 30),
]


def test_the_archive_is_laid_out_byte_for_byte_as_zipfile_lays_it_out() -> None:
    written = zip_archive((name, deflate(data)) for name, data in ENTRIES)
    assert written == zipfile_archive(ENTRIES)
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert archive.testzip() is None
        assert [(info.filename, archive.read(info)) for info in archive.infolist()] == ENTRIES


def test_a_part_deflated_once_goes_into_any_archive_unchanged() -> None:
    styles = deflate(b"<w:styles/>" * 1000)
    first = zip_archive([("word/styles.xml", styles), ("a.xml", deflate(b"<a/>"))])
    second = zip_archive([("b.xml", deflate(b"<b/>")), ("word/styles.xml", styles)])
    assert styles.stream in first and styles.stream in second
    assert zipfile.ZipFile(io.BytesIO(second)).read("word/styles.xml") == b"<w:styles/>" * 1000


def test_a_part_too_large_for_a_plain_zip_is_refused() -> None:
    with pytest.raises(ValueError, match="word/document.xml is too large"):
        zip_archive([("word/document.xml", Deflated(b"", 0, 2**31))])


# --- docxtpl's paragraph clean-up ------------------------------------------------

_DOCXTPL = DocxTemplate.__new__(DocxTemplate)

TEXT = st.lists(st.sampled_from(["Ada", " ", "\t", "\n", "\a", "\f", "&amp;", "x"]), max_size=6).map("".join)
RUN = st.builds(
    lambda bold, text: f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{text}</w:t></w:r>',
    st.booleans(), TEXT,
)
STYLE = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
PARAGRAPH = st.builds(
    lambda styled, runs: f'<w:p>{STYLE if styled else ""}{"".join(runs)}</w:p>', st.booleans(), st.lists(RUN, max_size=3),
)
#: A text box holds paragraphs inside a run of a paragraph: the clean-up's
#: lazy matching cuts such a paragraph short, and the quick path must cut it alike.
TEXT_BOX = st.builds(
    lambda inner, tail: f"<w:p><w:r><w:txbxContent>{''.join(inner)}</w:txbxContent></w:r>{tail}</w:p>",
    st.lists(PARAGRAPH, max_size=2), RUN,
)
BODY = st.lists(st.one_of(PARAGRAPH, TEXT_BOX, TEXT), max_size=6).map("".join)


@settings(max_examples=examples(400))
@given(BODY)
def test_the_clean_up_changes_what_docxtpl_changes_and_nothing_else(body: str) -> None:
    assert docx_after_filling.resolve_listing_where_needed(body) == _DOCXTPL.resolve_listing(body)


def test_a_tab_and_a_new_line_in_a_name_still_become_words_apart() -> None:
    body = '<w:p><w:r><w:t xml:space="preserve">Ada\tFictional\nSecond line</w:t></w:r></w:p><w:p><w:r><w:t>Plain</w:t></w:r></w:p>'
    cleaned = docx_after_filling.resolve_listing_where_needed(body)
    assert cleaned == _DOCXTPL.resolve_listing(body)
    assert "<w:tab/>" in cleaned and "<w:br/>" in cleaned and cleaned.endswith("<w:p><w:r><w:t>Plain</w:t></w:r></w:p>")


# --- docxtpl's table-grid repair ------------------------------------------------

#: Cell properties: none, a span, no span; and spans docxtpl cannot read (it fails on them).
SPAN = st.sampled_from([
    "", '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>', '<w:tcPr><w:tcW w:w="100"/></w:tcPr>',
    '<w:tcPr><w:gridSpan w:val="two"/></w:tcPr>', "<w:tcPr><w:gridSpan/></w:tcPr>",
])


def _cell(span: str, inner: str) -> str:
    return f"<w:tc>{span}{inner}<w:p/></w:tc>"


def _table(columns: int | None, rows: list[list[str]]) -> str:
    grid = "" if columns is None else "<w:tblGrid>" + '<w:gridCol w:w="1000"/>' * columns + "</w:tblGrid>"
    return f"<w:tbl><w:tblPr/>{grid}" + "".join(f"<w:tr>{''.join(row)}</w:tr>" for row in rows) + "</w:tbl>"


CELL = st.builds(_cell, SPAN, st.just(""))
INNER_TABLE = st.builds(_table, st.integers(0, 3), st.lists(st.lists(CELL, max_size=4), max_size=2))
CELL_WITH_TABLE = st.builds(_cell, SPAN, INNER_TABLE)
TABLE = st.builds(
    _table, st.one_of(st.integers(0, 4), st.just(None)),
    st.lists(st.lists(st.one_of(CELL, CELL, CELL_WITH_TABLE), max_size=5), max_size=3),
)
W_BODY = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@settings(max_examples=examples(400))
@given(st.lists(st.one_of(TABLE, st.just("<w:p/>")), max_size=3))
def test_the_table_repair_changes_what_docxtpl_changes_and_nothing_else(tables: list[str]) -> None:
    body = f"<w:body {W_BODY}>{''.join(tables)}</w:body>"

    def repaired(council_template: bool) -> str | type[Exception]:
        try:
            return docx_after_filling.body_with_tables_fixed(body, council_template=council_template)
        except Exception as error:  # a table without a grid breaks docxtpl's repair; it must break ours alike
            return type(error)

    assert repaired(council_template=False) == repaired(council_template=True)


def test_a_council_template_goes_through_docxtpl_s_whole_clean_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    council = tmp_path / "council"
    shutil.copytree(ROOT / "samples" / "profiles" / "cover-page-council", council)
    (council / "overrides" / "docx").mkdir(parents=True, exist_ok=True)
    shutil.copy(permdocs.DOCUMENTS[DOCUMENT].template("docx"), council / "overrides" / "docx" / f"{DOCUMENT}.docx")

    def not_for_a_council(filled: str) -> str:
        raise AssertionError("a council's template took the quick clean-up")

    monkeypatch.setattr(docx_after_filling, "resolve_listing_where_needed", not_for_a_council)
    data = permdocs.render(permdocs.load_case(BABY), DOCUMENT, "docx", profile=council)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


# --- every document, quick path against full path --------------------------------


def _full_path(quick: Any) -> Any:
    """``prepared_template`` as it was before the shortcuts: nothing deflated
    in advance, and docxtpl's clean-up over everything (as for a council's
    template, which is what ``untrusted`` selects)."""
    def prepared(*args: Any) -> Any:
        return dataclasses.replace(quick(*args), deflated={}, untrusted=True)

    return prepared


def _parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


@pytest.mark.one_sample_per_document
def test_every_copy_has_the_parts_the_full_path_writes(sample_path: Path, document_name: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    case = permdocs.load_case(sample_path)
    quick: dict[str, bytes] = {}
    full: dict[str, bytes] = {}
    for draft in (False, True):
        request = permdocs.RenderRequest(document_name, ("docx",), "all", draft=draft)
        quick |= {f"{name} (draft {draft})": data for name, data in permdocs.render_outputs(case, request).items()}
        with monkeypatch.context() as patched:
            patched.setattr(docx_writer, "prepared_template", _full_path(docx_writer.prepared_template))
            full |= {f"{name} (draft {draft})": data for name, data in permdocs.render_outputs(case, request).items()}
    assert quick.keys() == full.keys() and len(quick) >= 2
    differing = [
        f"{name}: {part}"
        for name in quick
        for (part, ours), (_, theirs) in zip(_parts(quick[name]), _parts(full[name]), strict=True)
        if ours != theirs
    ]
    assert differing == []
    # The zip around them is the same too, byte for byte.
    assert quick == full


def test_two_renders_in_one_process_give_the_same_bytes() -> None:
    case = permdocs.load_case(BABY)
    first, second = (permdocs.render(case, DOCUMENT, "docx") for _ in range(2))
    assert first == second
