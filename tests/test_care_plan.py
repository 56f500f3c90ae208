"""The care plan's own facts and words: how each order ends, the tense of
the proceedings, the key dates a reviewer needs, the sign-off, and the
council's words throughout."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

import permdocs
from permdocs.documents.care_plan_permanence import build_context
from permdocs.documents.care_plan_permanence.legal import legal_position
from permdocs.documents.labels import label
from permdocs.rendering.pipeline import resolve_request

from conftest import DOCUMENT, ROOT, rendered, sample_dict
from readable import W, docx_all_text, docx_parts, docx_text, docx_xml

COURT = {"court": "Family Court sitting at Exampleton", "court_case_number": "ZZ26C00999"}


def _case(sample: str = "baby-in-proceedings", **changes: Any) -> permdocs.Case:
    data = sample_dict(sample)
    data.update(changes)
    return permdocs.load_case(data, folder=ROOT / "samples")


def _context(case: permdocs.Case, **request: Any) -> Any:
    request = {"draft": True} | request
    return build_context(case, resolve_request(case, permdocs.RenderRequest(DOCUMENT, **request)))


def _ends(kind: str, expires_on: str | None = None, sample: str = "baby-in-proceedings") -> str:
    court = {} if kind == "section_20" else COURT
    basis = {"kind": kind, "made_on": "2026-06-01", "expires_on": expires_on, "ended_on": None, "notes": None, **court}
    case = _case(sample, legal_basis=[basis])
    (row,) = legal_position(case, case.prepared_on).current
    assert row.ends is not None
    return row.ends


# The baby in proceedings was born on 10 May 2026, so she turns 18 on 10 May 2044.
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("section_20", "When a parent with parental responsibility removes the child or stops agreeing (CA 1989 s.20(8))"),
        ("interim_care_order", "When the proceedings end, unless the court sets an earlier date (CA 1989 s.38(4))"),
        ("interim_supervision_order", "When the proceedings end, unless the court sets an earlier date (CA 1989 s.38(4))"),
        ("care_order", "At 18 (10 May 2044), unless the court discharges it sooner: Children Act 1989, s.91(12)"),
        ("placement_order", "When an adoption order is made, when the court revokes it, or at 18 (10 May 2044): Adoption and Children Act 2002, s.21(4)"),
        ("supervision_order", "31 May 2027, unless the court extends it; 31 May 2029 at the latest (CA 1989 Sch 3 para 6)"),
        ("special_guardianship_order", "At 18 (10 May 2044), unless the court varies or discharges it sooner (CA 1989 s.14D, s.91(13))"),
        ("child_arrangements_order", "At 18 (10 May 2044) for an order about where the child lives, unless the court varies or discharges it (CA 1989 s.91(10A), (11))"),
        ("adoption_order", "Permanent: the adopters are the child's parents for life (ACA 2002 s.46, s.67)"),
    ],
)
def test_each_order_says_how_it_ends(kind: str, expected: str) -> None:
    assert _ends(kind) == expected


def test_an_order_with_an_end_date_gives_it() -> None:
    assert _ends("interim_care_order", "2026-12-01") == "1 December 2026, or when the proceedings end if sooner (CA 1989 s.38(4))"
    assert _ends("supervision_order", "2027-05-31").startswith("31 May 2027, unless the court extends it")


def test_no_order_is_said_to_last_until_the_court_changes_it() -> None:
    samples = ("baby-in-proceedings", "long-term-fostering", "return-home-supervision", "adopted-child-letter")
    saying = [s for s in samples if "Until changed by the court" in permdocs.render(_case(s), DOCUMENT, "html").decode()]
    assert saying == []


def _course(today: date = date(2026, 11, 16), **proceedings: Any) -> str:
    data = sample_dict()
    data["care_proceedings"].update(proceedings)
    case = permdocs.load_case(data)
    position = legal_position(case, today)
    assert position.proceedings is not None
    return position.proceedings.course


def test_the_proceedings_are_told_in_the_tense_the_case_date_calls_for() -> None:
    # Prepared on 16 November 2026: the 26-week date (13 November) has passed,
    # the extended timetable (8 January 2027) and the hearing (4 January) have not.
    assert _course() == (
        "The 26-week date was 13 November 2026; with extensions the timetable runs to 8 January 2027. "
        "The final hearing is listed for 4 January 2027."
    )
    assert _course(final_hearing_on="2026-11-10") == (
        "The 26-week date was 13 November 2026; with extensions the timetable runs to 8 January 2027. "
        "The final hearing was listed for 10 November 2026; the proceedings have not yet concluded."
    )
    concluded = _course(final_hearing_on="2026-11-10", concluded_on="2026-11-10")
    assert concluded.endswith("the timetable ran to 8 January 2027. The proceedings concluded at the final hearing on 10 November 2026.")
    assert "is listed" not in concluded and "runs to" not in concluded
    assert _course(date(2026, 11, 13), extensions=[], final_hearing_on=None) == "The 26-week date is 13 November 2026."


def test_the_plan_speaks_for_the_profiles_council_alone() -> None:
    # The baby's case records Fictionshire's agency; rendered with Moorshire's
    # profile, every part of the plan names Moorshire (and check warns, AU-001).
    case = _case()
    html = permdocs.render(case, DOCUMENT, "html", profile="devon-style").decode()
    docx = permdocs.render(case, DOCUMENT, "docx", profile="devon-style")
    word = docx_all_text(docx) + docx_parts(docx)["docProps/core.xml"].decode()
    for text in (html, word):
        assert "Fictionshire County Council" not in text
        assert "Written for Moorshire County Council." in text
    assert '<meta name="author" content="Moorshire County Council">' in html


def _statement(case: permdocs.Case) -> str:
    return _context(case).endorsement.statement


def test_the_endorsement_is_told_from_the_review_record_and_who_endorsed_it() -> None:
    baby = sample_dict()
    # The reviewing officer's comments are in the first person ("I asked that..."): the sentence says whose they are.
    assert _statement(permdocs.load_case(baby)) == (
        "At the review on 14 September 2026, Priya Reviewsworth (Independent Reviewing Officer) endorsed the permanence "
        "plan, and wrote:"
    )
    baby["authorship"]["endorsement"]["comments"] = None
    assert _statement(permdocs.load_case(baby)) == (
        "At the review on 14 September 2026, Priya Reviewsworth (Independent Reviewing Officer) endorsed the permanence plan."
    )
    baby["authorship"]["endorsement"] = None
    assert _statement(permdocs.load_case(baby)) == (
        "The review on 14 September 2026 endorsed the permanence plan; who endorsed it, and any comments, are not recorded."
    )
    baby["reviews"][1]["permanence_plan_endorsed"] = False
    assert _statement(permdocs.load_case(baby)) == "No review has yet endorsed the permanence plan."
    baby["reviews"] = [r for r in baby["reviews"] if r["status"] == "planned"]
    assert _statement(permdocs.load_case(baby)) == "The permanence plan has not yet been considered at a review."


@pytest.mark.slow  # lays out PDFs
def test_a_final_plan_awaiting_sign_off_says_so_on_every_page() -> None:
    home = _case("return-home-supervision")  # neither has signed
    # The session's render, which the PDF snapshot test shares.
    pdf = PdfReader(io.BytesIO(rendered(ROOT / "samples" / "return-home-supervision.json", "pdf")))
    assert all("AWAITING SIGN-OFF · OFFICIAL-SENSITIVE" in page.extract_text() for page in pdf.pages)
    first = pdf.pages[0].extract_text()
    assert "Awaiting sign-off: neither the social worker nor the team manager has signed this plan yet." in first
    docx = permdocs.render(home, DOCUMENT, "docx")
    assert "AWAITING SIGN-OFF · OFFICIAL-SENSITIVE" in docx_text(docx, "word/header1.xml")
    assert "Awaiting sign-off: neither the social worker" in docx_text(docx)


def test_only_a_final_plan_with_a_missing_signature_is_marked() -> None:
    signed = permdocs.render(_case(), DOCUMENT, "html").decode()
    assert "AWAITING SIGN-OFF" not in signed and "Awaiting sign-off" not in signed
    unsigned = sample_dict()
    unsigned["authorship"]["team_manager_signed_on"] = None
    case = permdocs.load_case(unsigned)
    assert _context(case, draft=False).document.awaiting_sign_off == (
        "the team manager has not yet signed this plan off. Until both have signed, it is not the agreed plan of "
        "Fictionshire County Council."
    )
    # A draft is marked DRAFT instead, and lists AU-004 among its open findings.
    assert _context(case).document.awaiting_sign_off is None
    assert "AU-004" in permdocs.render(case, DOCUMENT, "html", draft=True).decode()


def test_the_options_are_one_line_each_and_the_weighing_is_left_to_the_options_analysis() -> None:
    case = _case()
    context = _context(case)
    assert [(o.route, o.outcome) for o in context.options] == [(label(o.route), label(o.outcome)) for o in case.options]
    assert context.options_weighed.startswith("The “Options analysis”, a separate document, weighs the realistic options")
    html = permdocs.render(case, DOCUMENT, "html").decode()
    # No general points from the knowledge base, so no numbered sources either.
    for gone in ("Weighing the realistic options", "Holistic evaluation", "Sources:", "General:", "GENERAL"):
        assert gone not in html
    ruled_out = [dict(o, realistic=False, outcome="ruled_out") for o in sample_dict()["options"]]
    no_analysis = _case(options_analysis=None, options=ruled_out)
    assert "have not yet been weighed together" in _context(no_analysis).options_weighed


def test_key_dates_show_the_last_review_the_next_and_any_late_or_overdue() -> None:
    # Ten reviews since 2023: the table shows the ninth (the last held) and
    # the tenth (planned), and counts the eight before, all held on time.
    context = _context(_case("long-term-fostering"))
    labels = [row.label for row in context.key_dates.timescales]
    reviews = [label for label in labels if label.startswith("Child in Care Review")]
    assert reviews == ["Child in Care Review 9 (6 months after the last)", "Child in Care Review 10 (6 months after the last)"]
    assert context.key_dates.not_listed == (
        "The 8 earlier Child in Care Reviews, from 10 February 2023 to 10 April 2026, were all held on time."
    )
    assert labels[0].startswith("Care Plan in place") and any(label.startswith("Permanence Plan endorsed") for label in labels)
    assert any(label.startswith("Care proceedings decided") for label in labels)
    # A review held late stays in the table, with its status.
    late = sample_dict("long-term-fostering")
    late["reviews"][2]["date"] = "2023-11-10"  # the third was due on 5 November 2023
    rows = {row.label: row.status for row in _context(permdocs.load_case(late)).key_dates.timescales}
    assert rows["Child in Care Review 3 (6 months after the last)"] == "Late"


def test_dates_still_to_come_are_upcoming_not_due() -> None:
    statuses = {row.label: row.status for row in _context(_case()).key_dates.timescales}
    assert statuses["Review 3 (6 months after the last)"] == "Upcoming"
    assert "Due" not in statuses.values()


def test_a_sibling_at_home_lives_with_the_child_and_a_parent_at_home_is_who_the_child_lives_with() -> None:
    data = sample_dict("long-term-fostering")
    sister = next(p for p in data["people"] if p.get("sibling"))
    sister["sibling"]["lives_with_child"] = True
    data["family_time"] = [a for a in data["family_time"] if sister["id"] not in a["with_person_ids"]]
    (view,) = _context(permdocs.load_case(data)).siblings
    assert view.family_time == "None needed, as they live together"
    home = permdocs.render(_case("return-home-supervision"), DOCUMENT, "html").decode()
    assert '<th scope="row">Lives with</th>' in home and "Carers" not in home


def _scrubbed(value: Any, word: str) -> Any:
    """The case with a word taken out of everything the worker typed, so
    that what is left of it in a document is permdocs' own wording."""
    if isinstance(value, str):
        return re.sub(word, "visits", value, flags=re.IGNORECASE)
    if isinstance(value, dict):
        return {key: _scrubbed(item, word) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, word) for item in value]
    return value


@pytest.mark.parametrize(("profile", "foreign"), [("default", "family time"), ("devon-style", "contact")])
def test_the_plan_says_the_profiles_word_for_family_time_throughout(profile: str, foreign: str) -> None:
    saying = []
    for sample in ("baby-in-proceedings", "adoption-family-time", "long-term-fostering"):
        case = permdocs.load_case(_scrubbed(sample_dict(sample), foreign))
        html = permdocs.render(case, DOCUMENT, "html", profile=profile).decode()
        word = docx_all_text(permdocs.render(case, DOCUMENT, "docx", profile=profile))
        saying += [(sample, fmt) for fmt, text in (("html", html), ("docx", word)) if foreign in text.lower()]
    assert saying == [], profile


def test_people_are_named_without_brackets_inside_brackets() -> None:
    # The carers' relationship is "foster carers (early permanence, dual-approved)".
    html = permdocs.render(_case(), DOCUMENT, "html").decode()
    assert "Jo and Sam Fosterfield (foster carers, early permanence, dual-approved)" in html
    assert "(foster carers (" not in html


def _body(case: permdocs.Case) -> Any:
    return docx_xml(permdocs.render(case, DOCUMENT, "docx"), "word/document.xml")


def _style(paragraph: Any) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


@pytest.mark.parametrize("sample", ["baby-in-proceedings", "long-term-fostering", "return-home-supervision"])
def test_word_headings_step_down_one_level_at_a_time_and_keep_with_what_follows(sample: str) -> None:
    body = _body(_case(sample))
    levels = [int(s[-1]) for p in body.iter(f"{W}p") if (s := _style(p) or "").startswith("Heading")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    for paragraph in body.iter(f"{W}p"):
        if (_style(paragraph) or "").startswith("Heading") or _style(paragraph) == "Caption":
            assert paragraph.find(f"{W}pPr/{W}keepNext") is not None, docx_paragraph_text(paragraph)


def test_word_numbers_the_sections_and_lists_them_in_a_contents_list_of_links() -> None:
    case = _case()
    body = _body(case)
    headings = [p for p in body.iter(f"{W}p") if _style(p) == "Heading1"]
    numbered = [p for p in headings if docx_paragraph_text(p)[:1].isdigit()]
    assert [docx_paragraph_text(p) for p in numbered][:2] == ["1. About Ada", "2. Legal status"] and len(numbered) == 13
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    contents = _context(case).contents
    assert {f"_pd_{e.anchor.replace('-', '_')}" for e in contents.entries} <= bookmarks
    assert [e.text for e in contents.entries][1:3] == ["1. About Ada", "2. Legal status"]
    # Each contents entry links to its heading and asks Word (or LibreOffice)
    # for the page, so the page numbers are right once the fields update.
    links = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    assert {f"_pd_{e.anchor.replace('-', '_')}" for e in contents.entries} <= set(links) <= bookmarks
    pages = [t.text for t in body.iter(f"{W}instrText") if "PAGEREF" in t.text]
    assert len(pages) == len(contents.entries) and all(t.split()[1] in bookmarks for t in pages)


def test_word_is_asked_to_fill_the_contents_page_numbers_on_opening() -> None:
    # Word leaves PAGEREF fields empty until they are updated; the setting
    # asks it to update them as the file opens. A document with no contents
    # list is left as its template has it.
    settings = docx_xml(permdocs.render(_case(), DOCUMENT, "docx"), "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"
    assert settings.find(f"{W}updateFields").getnext().tag == f"{W}compat"  # the schema's order
    others = docx_xml(permdocs.render(_case(), "options-analysis", "docx"), "word/settings.xml")
    assert others.find(f"{W}updateFields") is None


def test_the_pdf_contents_link_every_section_with_its_page() -> None:
    html = permdocs.render(_case(), DOCUMENT, "html").decode()
    nav = html.split('<nav class="contents"')[1].split("</nav>")[0]
    anchors = re.findall(r'href="#([^"]+)"', nav)
    assert len(anchors) == 14 and all(f'id="{anchor}"' in html for anchor in anchors)


def test_captions_notes_and_rows_use_word_styles_not_direct_formatting() -> None:
    body = _body(_case())
    for table in body.iter(f"{W}tbl"):
        if table.getparent().tag == f"{W}body":
            # A table of labelled facts is named in its header row instead (Word has no row headers).
            labelled = table.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstColumn") == "1"
            first = table.find(f"{W}tr")
            header = [docx_paragraph_text(cell) for cell in first.findall(f"{W}tc")]
            named_in_header = labelled and first.find(f"{W}trPr/{W}tblHeader") is not None and header[0] and not any(header[1:])
            assert named_in_header or _style(table.getprevious()) == "Caption"
        for row in table.iter(f"{W}tr"):
            assert row.find(f"{W}trPr/{W}cantSplit") is not None
    assert not list(body.iter(f"{W}sz"))  # sizes come from styles, the 8 pt notes from Permdocs Note
    notes = [docx_paragraph_text(p) for p in body.iter(f"{W}p") if _style(p) == "PermdocsNote"]
    assert any(note.startswith("Recorded on") for note in notes)


def docx_paragraph_text(paragraph: Any) -> str:
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t"))


def test_no_contingency_plan_is_a_gap_only_while_the_primary_plan_is_still_to_achieve() -> None:
    adopted = _context(_case("adopted-child-letter"))
    assert (adopted.no_contingency, adopted.contingency_gap) == (
        "No contingency plan is needed: the primary plan has been achieved.", False)
    baby = _context(_case(plans=dict(sample_dict()["plans"], contingency=None)))
    assert (baby.no_contingency, baby.contingency_gap) == ("No contingency plan is recorded.", True)
    assert _context(_case()).no_contingency is None


#: The order OOXML gives the run properties permdocs and its templates use.
RUN_PROPERTY_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "strike", "color", "sz", "szCs", "u", "vertAlign", "lang")


@pytest.mark.parametrize("sample", ["long-term-fostering", "return-home-supervision"])
def test_every_cell_ends_in_a_paragraph_and_run_properties_keep_their_order(sample: str) -> None:
    # Word repairs a cell without a paragraph (the Support table's empty
    # Detail, which the long-term fostering case has) and run properties
    # out of order (w:sz before w:color), where LibreOffice says nothing.
    body = docx_xml(rendered(ROOT / "samples" / f"{sample}.json", "docx"), "word/document.xml")
    cells = list(body.iter(f"{W}tc"))
    assert cells and all(cell[-1].tag == f"{W}p" for cell in cells)
    for properties in body.iter(f"{W}rPr"):
        names = [child.tag.removeprefix(W) for child in properties]
        known = [name for name in names if name in RUN_PROPERTY_ORDER]
        assert known == sorted(known, key=RUN_PROPERTY_ORDER.index), names


def test_no_support_service_leaves_its_detail_cell_empty() -> None:
    # A service with no detail said nothing at all in its cell (issue 24); it says so now, in both formats.
    html = rendered(ROOT / "samples" / "baby-in-proceedings.json", "html").decode()
    support = html[html.index("Services supporting the plan"):]
    support = support[:support.index("</table>")]
    cells = re.findall(r"<td>(.*?)</td>", support, re.DOTALL)
    assert cells and all(cell.strip() for cell in cells)
    assert "None recorded." in docx_all_text(rendered(ROOT / "samples" / "baby-in-proceedings.json", "docx"))


def test_the_plan_records_the_adm_decision_and_each_consent_given() -> None:
    # Issue 24: the options analysis cites the decision, and the father consented; the plan said neither.
    from lxml import html as lxml_html

    def legal_words(sample: str) -> str:
        page = permdocs.render(permdocs.load_case(sample_dict(sample)), DOCUMENT, "html", audience="family")
        return " ".join(" ".join(lxml_html.fromstring(page).find(".//main").itertext()).split())

    baby = legal_words("baby-in-proceedings")
    assert ("Adoption decisions On 13 November 2026 the Agency Decision Maker decided that Ada should be placed for "
            "adoption (Adoption Agencies Regulations 2005, regulation 19).") in baby
    assert ("Tomas Draftley (birth father, named on the birth certificate) gave consent to placement for adoption "
            "(Adoption and Children Act 2002, section 19) on 30 October 2026") in baby
    assert "Adoption decisions" not in legal_words("long-term-fostering")  # no adoption in the plans


def _words(case: permdocs.Case, audience: str = "professional") -> str:
    """The plan's text as the HTML copy reads, spaces folded."""
    from lxml import html as lxml_html

    page = permdocs.render(case, DOCUMENT, "html", audience=audience)
    return " ".join(" ".join(lxml_html.fromstring(page).find(".//main").itertext()).split())


def test_each_person_with_parental_responsibility_has_their_view_agreement_and_consent_together() -> None:
    # Issue 24: the father holds PR and consented to placement; the plan recorded neither beside his view.
    words = _words(_case())
    father = words[words.index("Tomas Draftley (birth father, named on the birth certificate, holds parental "
                               "responsibility)"):]
    father = father[:father.index("Mina Sampleford (maternal aunt)")]
    assert "Recorded on 21 October 2026. Mr Draftley does not seek to care for Ada." in father
    assert "On the plan: Tomas agrees with the plan." in father
    assert ("Consent to adoption: Tomas gave consent to placement for adoption (Adoption and Children Act 2002, "
            "section 19) on 30 October 2026, witnessed by an officer of Cafcass.") in father
    assert "On the plan: Rosa objects to the plan." in words
    # The aunt holds no PR: her view stands with the others', without a position.
    assert "Mina Sampleford (maternal aunt) Recorded on 22 October 2026." in words


def test_a_consent_refused_or_dispensed_with_is_said_and_a_missing_one_is_flagged_in_the_plan() -> None:
    assert ("Consent to adoption: Kerry does not consent to Poppy's adoption, and said so on 20 October 2026."
            in _words(_case("cpr-adoption")))
    assert ("Consent to adoption: Kerry did not consent to Orla's adoption. On 19 June 2026 the court dispensed with "
            "Kerry's consent, as Orla's welfare requires (Adoption and Children Act 2002, section 52(1)(b)).") in _words(
        _case("adoption-family-time"))
    data = sample_dict()
    data["voices"]["others"][1]["position"] = None
    data["voices"]["others"].pop(0)
    words = _words(permdocs.load_case(data))
    assert "No view of the plan is recorded from Rosa. Whether Rosa agrees with the plan is not recorded." in words
    assert "Whether Tomas agrees with the plan is not recorded." in words


def test_the_special_guardianship_support_plan_is_in_the_plan_and_its_money_only_in_the_agencys_and_courts_copies() -> None:
    case = _case("special-guardianship")
    words = _words(case)
    start = words.index("12. Support Special")  # after the contents list
    support = words[start:words.index("13. Sign-off", start)]
    assert support.startswith("12. Support Special guardianship support plan Support needs assessed: 2 October 2026")
    assert "Play therapy Adoption Support Fund, arranged by the kinship support team Nell" in support
    assert "Financial support A special guardianship allowance of £185 a week" in support
    assert "How the plan is reviewed Reviewed with Pauline three months after the order" in support
    assert ("For three years after the special guardianship order, Fictionshire County Council is responsible for "
            "this support; after that, the council for the area where the family lives.") in support
    assert "Other support services Services supporting the plan" in support
    assert "£185" in _words(case, "court")
    family = _words(case, "family")
    assert "£185" not in family and "Financial support Not shown in this copy: it tells of the carers' means." in family


def test_an_adoption_plan_shows_its_adoption_support_plan_and_a_missing_one_says_so() -> None:
    assert "12. Support Adoption support plan Support needs assessed: 27 August 2026" in _words(_case("adoption-family-time"))
    data = sample_dict()
    data["plans"]["support_plan"] = None
    assert ("12. Support Special guardianship support plan No special guardianship support plan is recorded yet. "
            "Other support services") in _words(permdocs.load_case(data))
    # Long-term fostering has no support plan of this kind.
    assert "support plan" not in _words(_case("long-term-fostering"))
