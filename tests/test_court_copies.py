"""Court copies follow the court's rules for documents (FPR PD27A and the
e-bundle guidance): 12 pt text, tables included; 1.5 line spacing; and
paragraphs numbered through the document, the same paragraphs in every
format, as Word numbering that renumbers when a worker adds a paragraph."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from lxml import html as lxml_html

import permdocs
from permdocs.writers.docx_court import COURT_PARAGRAPH_STYLE
from permdocs.writers.pdf_checks import ua_problems

from conftest import ROOT, SAMPLES, one_file_options, require_program
from readable import W

BABY = ROOT / "samples" / "baby-in-proceedings.json"
#: The copies filed with the court, by document: (sample, document, audience).
COURT_COPIES = [
    (path, name, audience)
    for path in SAMPLES
    for name, document in permdocs.DOCUMENTS.items()
    for audience in document.audiences.values()
    if audience.for_the_court and not document.missing_from(permdocs.load_case(path))
    for audience in (audience.name,)
]


def _html_numbered(data: bytes) -> list[str]:
    """The paragraphs court.css numbers: in the body, not in a cell, list,
    note or the title block, and not a labelled fact."""
    tree = lxml_html.fromstring(data)
    found = tree.xpath(
        "//main//section//p[not(ancestor::td or ancestor::th or ancestor::li or ancestor::dd or ancestor::aside"
        " or ancestor::nav or ancestor::figure)] | //main/p"
    )
    skipped = {"note", "draft-banner", "copy", "labelled"}
    return [" ".join(p.text_content().split()) for p in found if not skipped & set((p.get("class") or "").split())]


def _word_numbered(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as word:
        body = etree.fromstring(word.read("word/document.xml"))
    return [
        " ".join("".join(p.itertext()).split()) for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == COURT_PARAGRAPH_STYLE
    ]


def test_every_document_with_a_court_copy_is_checked() -> None:
    documents = {name for _, name, _ in COURT_COPIES}
    assert documents == {"care-plan-permanence", "options-analysis", "route-comparison", "cpr", "case-summary", "chronology",
                         "family-time", "family-tree"}


@pytest.mark.parametrize("path, document, audience", COURT_COPIES,
                         ids=[f"{p.stem}-{d}-{a}" for p, d, a in COURT_COPIES])
def test_html_and_word_number_the_same_paragraphs(path: Path, document: str, audience: str) -> None:
    case = permdocs.load_case(path)
    # A document made once per arrangement (family time): its first arrangement's copy.
    options = one_file_options(case, document)
    html = permdocs.render(case, document, "html", audience=audience, options=options)
    assert b'class="court-copy' in html or b" court-copy" in html
    in_html = _html_numbered(html)
    assert in_html, "a court copy has paragraphs to number"
    assert _word_numbered(permdocs.render(case, document, "docx", audience=audience, options=options)) == in_html


def test_other_copies_are_not_numbered() -> None:
    case = permdocs.load_case(BABY)
    assert b"court-copy" not in permdocs.render(case, "care-plan-permanence", "html", audience="family")
    assert _word_numbered(permdocs.render(case, "care-plan-permanence", "docx", audience="family")) == []


def test_word_court_copies_set_no_text_under_12_point_and_space_the_prose_at_one_and_a_half_lines() -> None:
    data = permdocs.render(permdocs.load_case(BABY), "care-plan-permanence", "docx", audience="court")
    with zipfile.ZipFile(io.BytesIO(data)) as word:
        styles = etree.fromstring(word.read("word/styles.xml"))
        numbering = word.read("word/numbering.xml").decode()
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}styleId") in {"Header", "HeaderChar", "Footer", "FooterChar"}:
            continue  # page furniture
        sizes = [int(size.get(f"{W}val")) for size in style.iter(f"{W}sz")]
        assert all(size >= 24 for size in sizes), style.get(f"{W}styleId")
    (court,) = [s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == COURT_PARAGRAPH_STYLE]
    assert court.find(f"{W}pPr/{W}spacing").get(f"{W}line") == "360"
    num_id = court.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
    assert re.search(rf'<w:num w:numId="{num_id}"><w:abstractNumId w:val="\d+"/></w:num>', numbering)


def test_a_council_stylesheet_cannot_take_a_court_copy_under_12_point() -> None:
    html = permdocs.render(permdocs.load_case(BABY), "care-plan-permanence", "html", audience="court").decode()
    # The court's rules come last, after the council's own stylesheet.
    assert html.index("body.court-copy { font-size: 12pt;") > html.rindex("<style>") - 1
    assert "line-height: 1.5" in html


@pytest.mark.slow  # runs LibreOffice
def test_word_renumbers_the_paragraphs_after_one_is_inserted(tmp_path: Path) -> None:
    soffice, pdftotext = require_program("soffice"), require_program("pdftotext")
    data = permdocs.render(permdocs.load_case(BABY), "care-plan-permanence", "docx", audience="court")
    word = Document(io.BytesIO(data))
    numbered = [p for p in word.paragraphs if p.style.style_id == COURT_PARAGRAPH_STYLE]
    second = numbered[1]
    inserted = second.insert_paragraph_before("A paragraph the social worker added by hand.", style=numbered[0].style)
    assert inserted.style.style_id == COURT_PARAGRAPH_STYLE
    source = tmp_path / "edited.docx"
    word.save(str(source))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "edited.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    first_text = " ".join(numbered[0].text.split()[:4])
    second_text = " ".join(second.text.split()[:4])
    lines = [" ".join(line.split()) for line in text.splitlines()]
    number = {what: next(int(m.group(1)) for line in lines if (m := re.match(r"(\d+)\. (.*)", line)) and
                         m.group(2).startswith(what))
              for what in (first_text, "A paragraph the social worker", second_text)}
    assert list(number.values()) == [1, 2, 3], number


@pytest.mark.slow  # lays out the bundle's PDFs
def test_a_bundle_of_court_copies_meets_the_type_rule_and_numbers_each_page_once() -> None:
    from pypdf import PdfReader

    from permdocs.bundle import build_bundle, load_manifest

    bundle = build_bundle(load_manifest(ROOT / "samples" / "bundle.yaml"))
    # Nothing about the type of permdocs' own documents, nor about what the final hearing needs.
    assert bundle.warnings == []
    # Every part is tagged, so the bundle is too: one structure tree, PDF/UA-1 (tests/test_pdf_accessibility.py).
    assert ua_problems(bundle.pdf) == []
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(bundle.pdf)).pages]
    assert not [n for n, page in enumerate(pages) if re.search(r"Page \d+ of \d+", page)]


def _running_name(html: bytes) -> str:
    return lxml_html.fromstring(html).find(".//span[@class='running-child']").text_content()


def test_a_court_copy_names_the_child_by_initials_on_every_page_as_the_bundle_does(tmp_path: Path) -> None:
    import shutil

    case = permdocs.load_case(BABY)
    assert _running_name(permdocs.render(case, "care-plan-permanence", "html", audience="court")) == "A.M.S."
    assert _running_name(permdocs.render(case, "care-plan-permanence", "html", audience="family")) == "Ada Maple Sampleford"
    with zipfile.ZipFile(io.BytesIO(permdocs.render(case, "case-summary", "docx"))) as word:
        headers = " ".join(word.read(n).decode() for n in word.namelist() if n.startswith("word/header"))
    assert "A.M.S." in headers and "Sampleford" not in headers
    # A council may choose the full name.
    profile = tmp_path / "full-name"
    shutil.copytree(ROOT / "templates" / "profiles" / "default", profile)
    toml = profile / "profile.toml"
    toml.write_text(toml.read_text().replace('protective_marking = ', 'court_copy_header = "full-name"\nprotective_marking = '))
    named = permdocs.render(case, "care-plan-permanence", "html", audience="court", profile=profile)
    assert _running_name(named) == "Ada Maple Sampleford"


@pytest.mark.slow  # lays out PDFs
@pytest.mark.parametrize("path, document", [(BABY, "care-plan-permanence"), (ROOT / "samples" / "cpr-adoption.json", "cpr")])
def test_the_pdf_numbers_the_paragraphs_the_html_and_word_number(path: Path, document: str) -> None:
    """WeasyPrint draws the numbers: none in a table cell, none skipped, the last one the Word file's last."""
    from pypdf import PdfReader

    case = permdocs.load_case(path)
    expected = len(_word_numbered(permdocs.render(case, document, "docx", audience="court")))
    pdf = PdfReader(io.BytesIO(permdocs.render(case, document, "pdf", audience="court")))
    text = "\n".join((page.extract_text() or "") for page in pdf.pages[1:])  # after the contents page
    numbers = [int(n) for n in re.findall(r"^\s*(\d{1,3})\.\s", text, re.M)]  # not a year ending a line
    assert expected > 10 and max(numbers) == expected
    assert set(range(1, expected + 1)) <= set(numbers)


# --- the case summary -----------------------------------------------------------------------

SUMMARISED = [path for path in SAMPLES if not permdocs.DOCUMENTS["case-summary"].missing_from(permdocs.load_case(path))]


def _summary_words(path: Path = BABY) -> str:
    main = lxml_html.fromstring(permdocs.render(permdocs.load_case(path), "case-summary", "html")).find(".//main")
    # Cells apart by a space; a reference kept whole in its own span ("s.14A") joins its bracket again.
    return " ".join(" ".join(main.itertext()).split()).replace(" )", ")")


def test_the_case_summary_gives_what_a_judge_reads_first() -> None:
    words = _summary_words()
    for said in (
        "Ada Maple Sampleford (known as Ada) was born on 10 May 2026",
        "The local authority issued its application on 15 May 2026 in the Family Court sitting at Exampleton "
        "(case ZZ26C00123). Ada is subject to an interim care order (made on 19 May 2026).",
        "Primary plan Special guardianship order, with Mina Sampleford (maternal aunt) 8 January 2027",
        "Contingency plan Adoption 30 June 2027",
        "The orders the local authority asks for: a special guardianship order (CA 1989 s.14A) for the primary plan; "
        "a placement order (ACA 2002 s.21) for the parallel plan.",
        "The final hearing 4 January 2027",
    ):
        assert said in words, said
    # The parties in the court's order: the applicant, the parents, the guardian, then anyone else.
    order = [words.index(who) for who in ("The local authority Supports", "Rosa Sampleford (birth mother), 20 October",
                                          "Tomas Draftley", "The children's guardian", "Mina Sampleford (maternal aunt), 22")]
    assert order == sorted(order)


@pytest.mark.slow  # lays out PDFs
@pytest.mark.parametrize("path", SUMMARISED, ids=[p.stem for p in SUMMARISED])
def test_the_case_summary_fits_two_pages(path: Path) -> None:
    from pypdf import PdfReader

    assert len(SUMMARISED) >= 4
    pdf = permdocs.render(permdocs.load_case(path), "case-summary", "pdf")
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
