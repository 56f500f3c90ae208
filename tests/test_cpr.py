"""The Child's Permanence Report: its sections and contents in PDF and Word,
what each audience's copy holds, the court copy's confidential part, and the
completeness checks. The leak test, the OOXML check, LibreOffice and qpdf
cover the report through the registry like every document."""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import cache
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import permdocs
from permdocs.cli import main

from conftest import ROOT, sample_dict
from readable import docx_as_text

SAMPLE = ROOT / "samples" / "cpr-adoption.json"
AUDIENCES = ("adm", "court", "adopters", "adult")
SECTIONS = (
    "Section A: This report and the matters for the court",
    "Section B: Poppy and Poppy's birth family",
    "Section C: The recommendation",
)


@cache
def _render(fmt: str, audience: str = "adm", part: str | None = None) -> bytes:
    return permdocs.render(permdocs.load_case(SAMPLE), "cpr", fmt, audience=audience, part=part)


def _words(audience: str, part: str | None = None) -> str:
    """The copy's main text, with punctuation, on one line."""
    from lxml import html

    main = html.fromstring(_render("html", audience, part)).find(".//main")
    return " ".join(" ".join(main.itertext()).split())


# --- the report ------------------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES[1:])  # the default copy's snapshots are test_writer_*'s
def test_every_copy_snapshot(audience: str, html_snapshot: Any, docx_snapshot: Any) -> None:
    assert _render("html", audience) == html_snapshot
    assert _render("docx", audience) == docx_snapshot


def test_the_confidential_part_snapshot(html_snapshot: Any) -> None:
    assert _render("html", "court", "confidential") == html_snapshot


def test_sections_a_b_and_c_each_start_a_page_and_have_bookmarks() -> None:
    with pikepdf.open(io.BytesIO(_render("pdf"))) as pdf, pdf.open_outline() as outline:
        sections = [child for item in outline.root for child in item.children if child.title.startswith("Section ")]
        assert [s.title for s in sections] == list(SECTIONS)
        for section in sections:
            page, top = section.destination[0], float(section.destination[3])
            height = float(page.MediaBox[3])
            # The heading is the first thing below the top margin (22 mm, 62 pt, and its own space above).
            assert top > height - 62 - 40, (section.title, top)
        starts = [section.destination[0].objgen for section in sections]
        assert len(set(starts)) == 3


def test_the_pdf_contents_link_to_the_sections_with_their_page_numbers() -> None:
    data = _render("pdf")
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() or "" for page in reader.pages]
    contents = pages[0]
    for heading in SECTIONS:
        actual = next(number for number, text in enumerate(pages[1:], start=2) if heading in text)
        line = next(line for line in contents.splitlines() if line.startswith(heading))
        assert line.rstrip().endswith(str(actual)), (line, actual)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        links = [a for a in pdf.pages[0].obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) >= 3 * 4


def test_the_word_file_has_a_filled_contents_field_and_section_breaks() -> None:
    with zipfile.ZipFile(io.BytesIO(_render("docx"))) as word:
        body = word.read("word/document.xml").decode()
        settings = word.read("word/settings.xml").decode()
    assert " TOC \\o " in body and re.search(r'w:updateFields w:val="(true|on|1)"', settings)
    for heading in SECTIONS:
        anchor = "_pd_section_" + "abc"[SECTIONS.index(heading)]
        assert f'w:anchor="{anchor}"' in body and f'w:name="{anchor}"' in body
    assert body.count("<w:pageBreakBefore/>") == 3
    text = docx_as_text(_render("docx"))
    assert text.index("Contents") < text.index(SECTIONS[0])


def test_the_long_tables_split_cleanly_with_repeating_headers() -> None:
    case = permdocs.load_case(SAMPLE)
    assert len(case.chronology) >= 60
    with zipfile.ZipFile(io.BytesIO(_render("docx"))) as word:
        body = word.read("word/document.xml").decode()
    assert body.count("<w:tblHeader/>") >= 10 and "<w:cantSplit/>" in body
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(_render("pdf"))).pages]
    chronology_pages = [text for text in pages if "What happened" in text]
    assert len(chronology_pages) >= 2, "the 60-row chronology spans pages, each with its header"


def test_the_birth_family_table_lists_each_relative() -> None:
    words = _words("adm")
    for who in ("Kerry Quillfeather (birth mother)", "Lee Dummett (birth father)", "Jayden Quillfeather (older half-brother)",
                "Maisie Quillfeather (older half-sister)", "Maureen Quillfeather (maternal grandmother)"):
        assert who in words
    assert "Lee does not hold parental responsibility for Poppy." in words
    assert "Special guardianship assessment" in words and "Negative" in words


def test_a_section_that_does_not_apply_says_why() -> None:
    assert "Not applicable: No party to the proceedings is under 18" in _words("adm")


# --- each reader's copy ------------------------------------------------------------------


def _adopters() -> tuple[str, ...]:
    case = permdocs.load_case(SAMPLE)
    adopter = next(p for p in case.people if p.role.value == "prospective_adopter")
    assert case.placement is not None
    return (adopter.family_name, adopter.contact.address, case.placement.town, case.placement.school_or_nursery)  # type: ignore[union-attr]


def test_the_court_copy_leaves_the_adopters_to_the_confidential_part() -> None:
    court = _words("court")
    assert not [value for value in _adopters() if value in court]
    assert "confidential part" in court
    confidential = _words("court", "confidential")
    assert all(value in confidential for value in _adopters())
    assert "What happened" not in confidential and "Section B" not in confidential


def test_the_confidential_part_is_its_own_file() -> None:
    outputs = permdocs.render_outputs(
        permdocs.load_case(SAMPLE), permdocs.RenderRequest("cpr", ("pdf",), "court", part="confidential")
    )
    assert list(outputs) == ["cpr_FX-2025-0620_court_confidential.pdf"]
    assert len(PdfReader(io.BytesIO(outputs.popitem()[1])).pages) == 1


def test_the_adopters_copy_has_no_birth_relatives_address() -> None:
    case = permdocs.load_case(SAMPLE)
    addresses = [p.contact.address for p in case.people if p.contact and p.contact.address and p.role.value in ("mother", "relative")]
    assert addresses and not [a for a in addresses if a in _words("adopters")]


def test_the_adults_copy_is_complete() -> None:
    adult = _words("adult")
    case = permdocs.load_case(SAMPLE)
    mother = case.person("mother")
    assert mother.contact is not None and mother.contact.address in adult
    assert all(value in adult for value in _adopters())


# --- completeness ------------------------------------------------------------------------


def test_a_missing_section_is_an_error_naming_the_section_and_path() -> None:
    data = sample_dict("cpr-adoption")
    del data["cpr"]["health"], data["cpr"]["why_adoption"]
    findings = permdocs.check(permdocs.load_case(json.dumps(data).encode()))
    cpr = [(f.rule, f.severity.value, f.path) for f in findings if f.rule.startswith("CPR-")]
    assert cpr == [("CPR-001", "error", "$.cpr.health"), ("CPR-001", "error", "$.cpr.why_adoption")]
    message = next(f.message for f in findings if f.path == "$.cpr.health")
    assert message.startswith("Section B, health")


def test_a_section_needs_text_or_a_reason() -> None:
    data = sample_dict("cpr-adoption")
    data["cpr"]["education"] = {}
    with pytest.raises(permdocs.InvalidCaseError, match=r"\$\.cpr\.education: give either text or not_applicable_because"):
        permdocs.load_case(json.dumps(data).encode())


def test_check_lists_the_report_as_its_own_group(tmp_path: Any) -> None:
    data = sample_dict("cpr-adoption")
    del data["cpr"]["education"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "Child's Permanence Report: completeness (1)" in result.output
    assert "Errors (" not in result.output


def test_cases_without_a_report_do_not_offer_one() -> None:
    case = permdocs.load_case(ROOT / "samples" / "baby-in-proceedings.json")
    assert permdocs.DOCUMENTS["cpr"].missing_from(case) == ["$.cpr"]


# --- the photograph ------------------------------------------------------------------------


def test_the_photograph_is_scaled_to_fit_keeping_its_shape() -> None:
    from permdocs.blocks import fitted

    assert fitted(300, 400, (60, 80)) == (60.0, 80.0)
    assert fitted(600, 300, (60, 80)) == (60.0, 30.0)
    assert fitted(100, 1000, (60, 80)) == (8.0, 80.0)


def test_the_photograph_appears_with_its_description_in_every_format() -> None:
    case = permdocs.load_case(SAMPLE)
    assert case.cpr is not None and case.cpr.photograph is not None
    alt = case.cpr.photograph.alt_text
    html = _render("html").decode()
    assert 'src="data:image/png;base64,' in html and f'alt="{alt}"' in html.replace("&#39;", "'")
    with zipfile.ZipFile(io.BytesIO(_render("docx"))) as word:
        assert any(name.startswith("word/media/") for name in word.namelist())
        assert f'descr="{alt}"' in word.read("word/document.xml").decode().replace("&apos;", "'")
    with pikepdf.open(io.BytesIO(_render("pdf"))) as pdf:
        images = [i for page in pdf.pages for i in page.get_images().values()]
        assert images and float(images[0].Width) / float(images[0].Height) == 300 / 400


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("bm90IGFuIGltYWdl", "the photograph must be a PNG or JPEG image"),
        ("not base64!", "must be base64 text"),
        ("iVBORw0KGgoAAAAAAAAA", "the photograph is not a readable PNG or JPEG image"),
    ],
)
def test_a_bad_photograph_is_refused_at_its_path(image: str, message: str) -> None:
    data = sample_dict("cpr-adoption")
    data["cpr"]["photograph"]["image_base64"] = image
    with pytest.raises(permdocs.InvalidCaseError) as raised:
        permdocs.load_case(json.dumps(data).encode())
    assert [str(p) for p in raised.value.problems][0].startswith("$.cpr.photograph")
    assert message in str(raised.value)


def test_without_a_photograph_the_report_leaves_a_marked_space() -> None:
    data = sample_dict("cpr-adoption")
    data["cpr"]["photograph"] = None
    html = permdocs.render(permdocs.load_case(json.dumps(data).encode()), "cpr", "html").decode()
    assert "Space for a recent photograph of Poppy" in html and "<img" not in html.split("A photograph")[1][:500]
