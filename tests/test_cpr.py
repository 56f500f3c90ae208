"""The Child's Permanence Report: its sections and contents in PDF and Word
(through LibreOffice too), the chronology merged with the case's record,
what each audience's copy holds and how it names people, the court copy's
confidential part, and the photograph. Completeness and consistency checks
are in test_cpr_checks; the leak test, the OOXML check and qpdf cover the
report through the registry like every document."""

from __future__ import annotations

import functools
import io
import json
import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

import permdocs
from permdocs.text.templating import long_date

from conftest import ROOT, require_program, sample_dict
from readable import W, docx_xml

SAMPLE = ROOT / "samples" / "cpr-adoption.json"
AUDIENCES = ("adm", "court", "adopters", "adult")
SECTIONS = (
    "Section A: This report and the matters for the court",
    "Section B: Poppy and her birth family",
    "Section C: The recommendation",
)
CONFIDENTIAL = "Confidential part: not to be served"


@cache
def _render(fmt: str, audience: str = "adm", part: str | None = None) -> bytes:
    return permdocs.render(permdocs.load_case(SAMPLE), "cpr", fmt, audience=audience, part=part)


def _words(audience: str = "adm", part: str | None = None, data: bytes | None = None) -> str:
    """The copy's main text, with punctuation, on one line."""
    from lxml import html

    main = html.fromstring(data or _render("html", audience, part)).find(".//main")
    return " ".join(" ".join(main.itertext()).split())


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


@functools.cache
def _pdf_pages(audience: str = "adm") -> tuple[str, ...]:
    """The text of each page of a copy's PDF, read once per test process
    (reading a 20-page PDF's text takes longer than laying it out from cache)."""
    return tuple(_pages(_render("pdf", audience)))


def _draft(data: dict[str, Any], audience: str = "adm") -> str:
    case = permdocs.load_case(json.dumps(data).encode())
    files = permdocs.render_outputs(case, permdocs.RenderRequest("cpr", ("html",), audience, draft=True))
    return _words(data=next(iter(files.values())))


# --- the report ------------------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES[1:])  # the default copy's snapshots are test_writer_*'s
def test_every_copy_snapshot(audience: str, html_snapshot: Any, docx_snapshot: Any) -> None:
    assert _render("html", audience) == html_snapshot
    assert _render("docx", audience) == docx_snapshot


def test_the_confidential_part_snapshot(html_snapshot: Any) -> None:
    assert _render("html", "court", "confidential") == html_snapshot


@pytest.mark.slow  # lays out PDFs
def test_sections_a_b_and_c_each_start_a_page_and_have_bookmarks() -> None:
    with pikepdf.open(io.BytesIO(_render("pdf"))) as pdf, pdf.open_outline() as outline:
        sections = [child for item in outline.root for child in item.children if child.title.startswith("Section ")]
        assert [s.title for s in sections] == list(SECTIONS)
        for section in sections:
            page, top = section.destination[0], float(section.destination[3])
            # The heading is the first thing below the top margin (22 mm, 62 pt, and its own space above).
            assert top > float(page.MediaBox[3]) - 62 - 40, (section.title, top)
        assert len({section.destination[0].objgen for section in sections}) == 3


def test_the_pdf_contents_link_to_the_sections_with_their_page_numbers() -> None:
    data = _render("pdf")
    pages = _pages(data)
    for heading in SECTIONS:
        actual = next(number for number, text in enumerate(pages[1:], start=2) if heading in text)
        # The leader between them is laid out but not drawn, so a text
        # extractor may put the number on a line of its own.
        listed = re.search(rf"^{re.escape(heading)}\s+(\d+)$", pages[0], re.MULTILINE)
        assert listed is not None and listed.group(1) == str(actual), (heading, actual)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        links = [a for a in pdf.pages[0].obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) >= 3 * 4


def test_the_word_contents_are_links_with_page_references_to_bookmarks() -> None:
    data = _render("docx")
    body = docx_xml(data, "word/document.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as word:
        settings = word.read("word/settings.xml").decode()
    entries = [p for p in body.iter(f"{W}p") if any("PAGEREF" in (t.text or "") for t in p.iter(f"{W}instrText"))]
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert len(entries) > 20
    for entry in entries:
        (link,) = entry.iter(f"{W}hyperlink")
        (code,) = [t.text for t in entry.iter(f"{W}instrText")]
        assert code.split()[:2] == ["PAGEREF", link.get(f"{W}anchor")] and link.get(f"{W}anchor") in bookmarks
    # Word leaves page references empty until fields are updated, so the
    # file asks it to update them as it opens (LibreOffice fills them anyway).
    assert '<w:updateFields w:val="true"/>' in settings
    # The three sections are the contents' top level, in Word's own contents styles.
    assert [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in entries].count("TOC1") == 3
    assert b"<w:pageBreakBefore/>" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


@pytest.mark.slow
def test_libreoffice_fills_the_word_contents_with_the_right_page_numbers(tmp_path: Path) -> None:
    soffice, pdftotext = require_program("soffice"), require_program("pdftotext")
    source = tmp_path / "cpr.docx"
    source.write_bytes(_render("docx", "court"))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "cpr.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    contents = [line.strip() for line in pages[0].splitlines() if re.search(r"\.{5,}", line)]
    assert len(contents) > 20
    for line in contents:
        heading, number = re.fullmatch(r"(.+?)\.{5,}\s*(\d+)", line).groups()  # type: ignore[union-attr]
        first = next(i for i, page in enumerate(pages[1:], start=2)
                     if heading.strip() in (line.strip() for line in page.splitlines()))
        assert int(number) == first, line


@pytest.mark.slow  # lays out PDFs
def test_the_long_tables_split_cleanly_with_repeating_headers() -> None:
    case = permdocs.load_case(SAMPLE)
    assert len(case.chronology) >= 60
    with zipfile.ZipFile(io.BytesIO(_render("docx"))) as word:
        body = word.read("word/document.xml").decode()
    assert body.count("<w:tblHeader/>") >= 10 and "<w:cantSplit/>" in body
    chronology_pages = [text for text in _pdf_pages() if "What happened" in text]
    assert len(chronology_pages) >= 2, "the 60-row chronology spans pages, each with its header"


@pytest.mark.slow  # lays out PDFs
@pytest.mark.parametrize("heading, first_row", [
    ("The options at a glance", "Who Poppy would live with"),  # a grid of tall rows, once moved whole
    ("Poppy's life so far", "Poppy: where she lived"),  # the timeline, then the chronology
    ("The birth family", "Kerry Quillfeather"),
])
@pytest.mark.parametrize("audience", ["adm", "court"])
def test_no_heading_ends_a_page_without_what_it_heads(heading: str, first_row: str, audience: str) -> None:
    pages = _pdf_pages(audience)[1:]  # the contents page lists every heading
    (page,) = [p for p in pages if re.search(rf"^{re.escape(heading)}$", p, re.M)]
    assert first_row in " ".join(page[page.index(heading):].split()), (audience, heading)


@pytest.mark.slow  # lays out PDFs
def test_dates_in_the_tables_never_wrap() -> None:
    # "29 September 2024" at the report's 10.5 pt table size fits the chronology's date column.
    text = "\n".join(_pdf_pages())
    case = permdocs.load_case(SAMPLE)
    assert all(long_date(entry.date) in text for entry in case.chronology)
    (chronology,) = [t for t in docx_xml(_render("docx"), "word/document.xml").iter(f"{W}tbl")
                     if "What happened" in "".join(t.itertext())]
    date_column = int(chronology.find(f"{W}tblGrid/{W}gridCol").get(f"{W}w"))
    assert date_column >= 2100  # twips: 37 mm, the date's 34 mm and the cell's margins


def test_the_birth_family_table_names_each_relative_once() -> None:
    words = _words()
    assert "Name and relationship PR Date of birth Nationality and ethnicity Where they live" in words
    assert "Kerry Quillfeather Birth mother Yes 2 May 1998 British White British Flat 4" in words
    assert "PR: whether the person holds parental responsibility for Poppy." in words
    assert "Lee is Poppy's birth father and does not hold parental responsibility for her." in words
    assert "Jayden is Poppy's older half-brother on her mother's side, and lives in long-term foster care." in words
    assert "The local authority (Fictionshire County Council, Children's Services) holds parental responsibility " \
           "for Poppy under the interim care order of 18 May 2026." in words


def test_a_section_that_does_not_apply_says_why() -> None:
    words = _words()
    assert "Other parties under 18 Not applicable. Poppy is the only party under 18" in words


def test_composed_sentences_read_as_a_person_writes() -> None:
    words = _words()
    assert "Poppy is too young to say in words what she wants, so Dana Casewright wrote this from watching her" in words
    assert "Dr Avery Notreal, medical adviser to the adoption agency, wrote this summary on 15 September 2026." in words
    assert "Since 28 September 2026, Poppy has lived with her prospective adopters, Ash and Remi Plumbridge, in a " \
           "fostering-for-adoption home." in words
    assert "((" not in words and "))" not in words and "Poppy and Poppy's" not in words
    assert words.count("Agency Decision Maker decided that Poppy should be placed for adoption") == 1  # the chronology's row
    assert "The report on Poppy under the Adoption Agencies Regulations 2005, regulation 17 and Schedule 1 " \
           "Fictionshire" in words


def test_what_others_in_the_family_think_and_the_authors_registration() -> None:
    words = _words()
    assert "What others in Poppy's family think Jayden Quillfeather (older half-brother)" in words
    assert "Maureen accepts that she cannot care for Poppy full time." in words
    assert "registration number SW000001" in words


# --- the chronology ----------------------------------------------------------------------


def test_the_chronology_takes_the_case_record_and_marks_it() -> None:
    words = _words()
    # Recorded events worded from the record, with their source ...
    assert "18 May 2026 The court made an interim care order. Court record" in words
    assert "11 June 2026 The first review of Poppy's care plan. Review record" in words
    assert "8 October 2026 The Agency Decision Maker decided that Poppy should be placed for adoption. Agency decision" in words
    # ... and a worker's entry about the same event on the same day stands in its place, once.
    assert "3 September 2026 Second review: the plan for adoption endorsed. Review record" in words
    assert "second review of Poppy's care plan" not in words
    assert "Poppy moved to live with her prospective adopters, under fostering for adoption. Care record" in words


def test_every_order_and_review_date_is_in_the_chronology() -> None:
    from permdocs.documents.cpr.chronology import chronology_rows
    from permdocs.documents.cpr.words import ReportWords
    from permdocs.rendering.pipeline import resolve_request

    case = permdocs.load_case(SAMPLE)
    rows = chronology_rows(ReportWords(case, resolve_request(case, permdocs.RenderRequest("cpr"))))
    recorded = {(row.on, row.source) for row in rows}
    assert all((basis.made_on, "Court record") in recorded for basis in case.legal_basis)
    assert all((review.date, "Review record") in recorded for review in case.reviews if review.status.value == "held")
    assert [row.on for row in rows] == sorted(row.on for row in rows)


# --- each reader's copy ------------------------------------------------------------------


def _adopters() -> tuple[str, ...]:
    case = permdocs.load_case(SAMPLE)
    adopter = next(p for p in case.people if p.role.value == "prospective_adopter")
    assert case.placement is not None and adopter.contact is not None
    return (adopter.family_name, adopter.contact.address, case.placement.town, case.placement.school_or_nursery)  # type: ignore[return-value]


def test_the_court_copy_names_carers_by_role_and_leaves_the_rest_to_the_confidential_part() -> None:
    court = _words("court")
    assert not [value for value in (*_adopters(), "Bev", "Ash and Remi") if value in court]
    assert "Since 28 September 2026, Poppy has lived with her prospective adopters in a fostering-for-adoption home." in court
    assert "Before that, Poppy lived with her foster carer from 18 May 2026 to 28 September 2026." in court
    assert "in the confidential part of this report, which is filed with the court separately" in court
    # The sample's own text names carers by role too, so nothing had to be scrubbed from it.
    assert "[withheld]" not in court
    confidential = _words("court", "confidential")
    assert all(value in confidential for value in _adopters())
    assert "Bev Hollowmere Foster carer 18 May 2026 to 28 September 2026" in confidential
    assert "What happened" not in confidential and "Section B" not in confidential


def test_no_copy_calls_the_prospective_adopters_adoptive_parents() -> None:
    # Until an adoption order is made they are prospective adopters (Maisie's, who adopted her, are her parents).
    assert "Adoption: Prospective adopters" in _words("court")
    assert "Adoption: Ash and Remi Plumbridge (prospective adopters)" in _words("adm")
    for audience in AUDIENCES:
        assert "Adoptive parents" not in _words(audience) and "her adoptive family's" not in _words(audience)


@pytest.mark.slow  # lays out PDFs
def test_every_page_says_which_copy_it_is() -> None:
    for audience, mark in (("court", "Court copy"), ("adopters", "Prospective adopters' copy")):
        assert all(mark in page for page in _pdf_pages(audience))
    header = "".join(docx_xml(_render("docx", "court"), "word/header3.xml").itertext())
    assert header.endswith("Court copy")


def test_the_confidential_part_is_its_own_file_marked_not_to_be_served() -> None:
    outputs = permdocs.render_outputs(
        permdocs.load_case(SAMPLE), permdocs.RenderRequest("cpr", ("pdf", "docx"), "court", part="confidential")
    )
    assert list(outputs) == ["cpr_FX-2025-0620_court_confidential.pdf", "cpr_FX-2025-0620_court_confidential.docx"]
    (page,) = _pages(outputs["cpr_FX-2025-0620_court_confidential.pdf"])
    assert page.count(CONFIDENTIAL) >= 2, "in the header and the footer"
    # A no-break space keeps the title's last two words together.
    assert "Permanence Report: confidential\u00a0part" in _render("html", "court", "confidential").decode()
    word = outputs["cpr_FX-2025-0620_court_confidential.docx"]
    for part in ("word/header3.xml", "word/footer3.xml"):
        assert CONFIDENTIAL in "".join(docx_xml(word, part).itertext())
    words = _words("court", "confidential")
    assert "never names" not in words and "It is for the court only and is not served on the other parties." in words


def test_the_adopters_copy_says_which_addresses_it_leaves_out() -> None:
    case = permdocs.load_case(SAMPLE)
    addresses = [p.contact.address for p in case.people if p.contact and p.contact.address and p.role.value in ("mother", "relative")]
    adopters = _words("adopters")
    assert addresses and not [a for a in addresses if a in adopters]
    # The mother's and the grandmother's addresses are left out; the father's was never known, and says so.
    assert adopters.count("Not shown in this copy") == 2
    assert "Lee Dummett Birth father No Not known British White and Black Caribbean Not known" in adopters
    assert "Lee Dummett Birth father No Not known British White and Black Caribbean Not known" in _words("adm")


def test_the_adults_copy_is_the_adopters_copy_without_the_matters_for_the_court() -> None:
    """ACA 2002 s.60(2)(b): the adult has what the adopters were given (s.54);
    identifying information about others is protected (s.57, s.61)."""
    from permdocs.documents import get_document
    from permdocs.safeguarding.withholding import withheld_values

    case = permdocs.load_case(SAMPLE)
    adopters_copy = get_document("cpr").audiences["adopters"]
    def strings(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        dumped = value.model_dump() if hasattr(value, "model_dump") else value
        if isinstance(dumped, dict):
            return [text for item in dumped.values() for text in strings(item)]
        return [text for item in dumped for text in strings(item)] if isinstance(dumped, list) else []

    withheld = [text for tagged in withheld_values(case, adopters_copy.withholds) for text in strings(tagged.value)]
    adult = _words("adult")
    assert withheld and [value for value in withheld if value in adult] == []
    mother = case.person("mother")
    assert mother.contact is not None and mother.contact.address not in adult
    # Nothing that was only for the court: the parties and the matters for the proceedings. (The orders
    # table keeps each order's court and case number: the adult's own history, and how to find its records.)
    proceedings = case.care_proceedings
    assert proceedings is not None and f"case number {proceedings.court_case_number}" not in adult
    assert "The proceedings were issued on" not in adult
    for heading in ("The parties", "The matters for the proceedings", "Parties to the proceedings"):
        assert heading not in adult
    assert case.cpr is not None and case.cpr.matters_for_proceedings is not None
    assert (case.cpr.matters_for_proceedings.text or "")[:60] not in adult
    # What the adopters were given is all there.
    assert all(value in adult for value in _adopters())
    assert "Their work Ash: bus driver; Remi: school librarian" in adult


def test_the_adults_copy_opens_with_a_note_to_the_adult() -> None:
    adult = _words("adult")
    start = adult.rindex("A note for you")  # the heading in the body, after the contents list
    note = adult[start:adult.index("The authors and the agency", start)]
    for said in ("Poppy, this report was written about you when you were", "this version is dated",
                 "have changed since", "section 60(2)(b)", "sections 57 and 61", "keeps your adoption file",
                 "counselling", "You do not have to read it alone"):
        assert said in note, said
    assert ("Copy for the adopted adult: for Poppy to read as an adult. It is the copy her adoptive parents were "
            "given, without the parts that were only for the court") in _words_of_title("adult")
    assert "Section A: This report " in adult and "the matters for the court" not in adult
    assert "A note for you" not in _words("adopters") and "A note for you" not in _words("adm")


def test_the_panel_is_named_only_where_no_court_decides_placement() -> None:
    """Since SI 2012/1410 a case in proceedings goes to the ADM without a panel."""
    assert "panel" not in _words("adm") and "panel" not in _words_of_title("adm")
    data = sample_dict("cpr-adoption")
    data.pop("care_proceedings")
    words = _draft(data, "adm")
    assert "for the adoption panel and the Agency Decision Maker" in words
    assert "the adoption panel, which recommends whether Poppy should be placed for adoption" in words


RELINQUISHED = ROOT / "samples" / "cpr-relinquished-baby.json"


def _relinquished(audience: str = "adm") -> str:
    return _words(data=permdocs.render(permdocs.load_case(RELINQUISHED), "cpr", "html", audience=audience))


def test_a_relinquished_babys_report_goes_to_the_panel_and_has_no_matters_for_a_court() -> None:
    """A mother's consent (ACA 2002 s.19), no proceedings: the panel recommends, the ADM decides."""
    words = _relinquished()
    assert "for the adoption panel and the Agency Decision Maker" in words
    assert "the adoption panel, which recommends whether Hazel should be placed for adoption" in words
    assert "Section A: This report " in words and "the matters for the court" not in words
    assert "No court proceedings about Hazel are under way" in words
    for absent in ("Parties to the proceedings", "children's guardian", "Annex B", "Other parties under 18"):
        assert absent not in words, absent


def test_consent_to_placement_gives_the_agency_parental_responsibility_in_the_report() -> None:
    words = _relinquished()
    assert ("The adoption agency (Fictionshire County Council, Children's Services) holds parental responsibility "
            "for Hazel while it is authorised to place her for adoption, with Ellie's consent") in words
    assert "her prospective adopters, Rosa and Callum Thistlewood-Sample, also hold parental responsibility" in words


def test_accommodation_under_section_20_is_the_care_records_not_the_courts() -> None:
    from permdocs.documents.cpr.chronology import chronology_rows
    from permdocs.documents.cpr.words import ReportWords
    from permdocs.rendering.pipeline import resolve_request

    case = permdocs.load_case(RELINQUISHED)
    rows = {row.what: row.source for row in chronology_rows(ReportWords(case, resolve_request(case, permdocs.RenderRequest("cpr"))))}
    started = "Hazel was accommodated by agreement, under s.20 of the Children Act 1989."
    ended = "Hazel's accommodation by agreement under s.20 of the Children Act 1989 ended."
    assert rows[started] == "Care record" and rows[ended] == "Care record"


def _words_of_title(audience: str) -> str:
    from lxml import html

    block = html.fromstring(_render("html", audience)).find(".//div[@class='title-block']")
    return " ".join(" ".join(block.itertext()).split()).replace(" :", ":")


def test_the_report_is_set_in_12_point_type() -> None:
    assert "body.cpr { font-size: 12pt; }" in _render("html").decode()
    with zipfile.ZipFile(io.BytesIO(_render("docx"))) as word:
        styles = word.read("word/styles.xml").decode()
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)  # type: ignore[union-attr]
    assert '<w:sz w:val="24"/>' in defaults


def test_the_sign_off_leaves_room_to_sign_by_hand() -> None:
    words = _words()
    assert "Signed by Name Role Date Signature Dana Casewright Social worker 23 October 2026" in words
    assert "Signed on" not in words


# --- the photograph ------------------------------------------------------------------------


def test_the_photograph_is_scaled_to_fit_keeping_its_shape() -> None:
    from permdocs.text.blocks import fitted

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


def test_without_a_photograph_the_report_leaves_a_framed_space_60_by_80_mm() -> None:
    data = sample_dict("cpr-adoption")
    data["cpr"]["photograph"] = None
    case = permdocs.load_case(json.dumps(data).encode())
    html = permdocs.render(case, "cpr", "html").decode()
    assert 'alt="An empty frame for a photograph of Poppy" style="width: 60.0mm; height: 80.0mm"' in html
    assert "A recent photograph of Poppy is to go in this frame in the signed copy." in html
    body = docx_xml(permdocs.render(case, "cpr", "docx"), "word/document.xml")
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    (frame,) = [i for i in body.iter(f"{drawing}inline") if i.find(f"{drawing}docPr").get("descr", "").startswith("An empty")]
    extent = frame.find(f"{drawing}extent")
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (60 * 36000, 80 * 36000)


def test_one_kind_of_event_has_one_source_in_the_chronology() -> None:
    from permdocs.documents.cpr.chronology import chronology_rows
    from permdocs.documents.cpr.words import ReportWords
    from permdocs.rendering.pipeline import resolve_request

    case = permdocs.load_case(SAMPLE)
    rows = chronology_rows(ReportWords(case, resolve_request(case, permdocs.RenderRequest("cpr", ("html",)))))
    hearings = [row.source for row in rows if re.search(r"\bhearing\b|applied for a placement order", row.what)]
    finished = [row.source for row in rows if re.search(r"assessment\b.*\bcompleted", row.what, re.IGNORECASE)]
    assert len(hearings) >= 3 and set(hearings) == {"Court record"}
    assert len(finished) >= 2 and set(finished) == {"Assessment"}
    note = _words()
    assert "Source column names the record the others come from" in note and "'Social worker'" not in note


def test_a_religion_of_none_reads_as_a_fact() -> None:
    assert "Religion No religion" in _words() and "Religion None" not in _words()
