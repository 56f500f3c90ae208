"""The options analysis (Re B-S) and the route comparison: what a court reads
first, where the child's own points stand, when the outcome is given, and
how the pages hold together in PDF and Word."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

import permdocs
from permdocs.case.options import KeyFactor
from permdocs.documents.analysis import build_analysis
from permdocs.documents.labels import label
from permdocs.documents.route_comparison import comparison_body, routes_compared
from permdocs.practice.knowledge import knowledge_base
from permdocs.text.blocks import Heading, Markdown, Paragraph, Table

from conftest import ROOT, case_problems, rendered, sample_dict
from readable import W, docx_xml

BABY = ROOT / "samples" / "baby-in-proceedings.json"  # four realistic options
HOME = ROOT / "samples" / "return-home-supervision.json"  # two realistic options
LEO = ROOT / "samples" / "long-term-fostering.json"  # one realistic option


def _html(path=BABY, document: str = "options-analysis") -> str:  # type: ignore[no-untyped-def]
    return rendered(path, "html", document).decode()


def _text(html: str) -> str:
    """The words of the document's body, without the stylesheet."""
    main = html[html.index("<main>"):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _tables(blocks: tuple) -> list[Table]:  # type: ignore[type-arg]
    return [block for block in blocks if isinstance(block, Table)]


def test_four_options_sit_side_by_side_against_the_key_factors_first() -> None:
    analysis = build_analysis(permdocs.load_case(BABY))
    first = analysis.sections[0]
    (grid,) = _tables(first.body)
    assert first.title == "The options at a glance"
    assert len(grid.header) == 5 and grid.header[0] == ""
    assert [row.label for row in grid.rows] == ["Who Ada would live with", *(label(factor) for factor in KeyFactor)]
    assert all(len(row.cells) == 4 for row in grid.rows)


def test_a_missing_key_factor_shows_as_not_assessed() -> None:
    data = sample_dict()
    del data["options"][0]["key_factors"]["timescale"]
    grid = _tables(build_analysis(permdocs.load_case(data, folder=ROOT / "samples")).sections[0].body)[0]
    timescale = next(row for row in grid.rows if row.label == "Timescale")
    first = timescale.cells[0][0]
    assert isinstance(first, Paragraph) and first.style == "warning" and first.runs[0].text == "Not assessed."


def test_the_childs_own_points_fill_each_option_and_the_route_is_summed_up_in_a_sentence() -> None:
    html = _html()
    assert "General:" not in _text(html)
    assert html.count("The route in general.") == 4
    assert html.count("The route comparison sets out its general advantages and disadvantages") == 4
    # this child's points in the four realistic options, each with its weight
    assert len(re.findall(r'class="note">(Significant|Moderate|Limited) weight', html)) == 14


def test_a_standard_point_pulled_in_by_id_reads_in_the_knowledge_bases_words() -> None:
    html = _html()
    point = knowledge_base().point("sgo-adv-06")
    assert point is not None and point.text.replace("'", "&#39;") in html
    # Its only source is one council's guidance, which another council's report never cites as authority.
    assert [knowledge_base().sources[s].is_council_policy for s in point.sources] == [True]
    assert "Moderate weight. A general point about the route." in html
    assert "sgo-adv-06" not in html


def test_a_councils_report_cites_the_law_and_never_another_councils_policy() -> None:
    text = _text(_html())
    assert "Children Act 1989" in text[text.index("Sources"):]
    for council in ("Merton", "Devon", "Essex"):
        assert council not in text, council


def test_no_verdict_before_the_weighing() -> None:
    text = _text(_html())
    before, after = text.split("Weighing the options together", 1)
    for outcome in ("Ruled out", "Primary plan", "Parallel plan", "(recommended)"):
        assert outcome not in before, outcome
    assert after.index("What became of each option") < after.index("Recommendation:")
    assert "Primary plan" in after and "Ruled out" in after


def test_whose_analysis_it_is_and_its_sign_off() -> None:
    text = _text(_html())
    assert "Written by Dana Casewright, social worker, Fictionshire County Council" in text
    assert "Owen Signoff Team manager 16 November 2026" in text
    assert "awaiting sign-off" not in text.lower()


def test_an_unsigned_analysis_says_it_awaits_sign_off() -> None:
    data = sample_dict()
    data["authorship"]["team_manager_signed_on"] = None
    html = permdocs.render(permdocs.load_case(data, folder=ROOT / "samples"), "options-analysis", "html").decode()
    # Once as the banner at the top, once where the signature is missing.
    assert _text(html).count("the team manager has not yet signed this analysis off.") == 2
    assert "Not yet signed" in html


def test_the_labels_are_explained_once_and_no_internal_id_or_nested_bracket_shows() -> None:
    text = _text(_html())
    assert text.count("How to read this analysis") == 1
    assert "(significant, moderate or limited)" in text
    assert not re.search(r"\b[a-z]+-(adv|dis|ind)-\d{2}\b", text)
    assert not re.search(r"\([^()]*\(", text), re.search(r"\([^()]*\([^)]*\)", text)
    assert "Why:" not in text


def test_excluded_general_points_are_listed_with_their_reason_in_words() -> None:
    text = _text(_html())
    assert "General points that do not apply to Ada" in text
    assert "If the placement fails and the parents have changed" in text  # sgo-adv-05, excluded
    assert "A later return to her mother is not part of this plan." in text


@pytest.mark.slow  # lays out PDFs
def test_every_page_of_the_analysis_and_the_comparison_is_landscape() -> None:
    pages = 0
    for document in ("options-analysis", "route-comparison"):
        pdf = PdfReader(io.BytesIO(rendered(BABY, "pdf", document)))
        pages += len(pdf.pages)
        assert len(pdf.pages) > 0 and all(float(page.mediabox.width) > float(page.mediabox.height) for page in pdf.pages), document
        body = docx_xml(rendered(BABY, "docx", document), "word/document.xml")
        sections = list(body.iter(f"{W}sectPr"))
        assert len(sections) == 1 and sections[0].find(f"{W}pgSz").get(f"{W}orient") == "landscape"
    assert pages >= 2


def test_the_summary_grid_is_on_the_second_page_whole_and_the_first_page_is_full() -> None:
    pdf = PdfReader(io.BytesIO(rendered(BABY, "pdf", "options-analysis")))
    first, second = (re.sub(r"\s+", " ", page.extract_text()) for page in pdf.pages[:2])
    assert "About this analysis" in first and "How to read this analysis" in first and "Wishes and feelings:" in first
    assert "The options at a glance" in second
    assert all(label(factor) in second for factor in KeyFactor)


def test_word_keeps_short_tables_and_headers_with_what_follows() -> None:
    body = docx_xml(rendered(BABY, "docx", "options-analysis"), "word/document.xml")
    tables = list(body.iter(f"{W}tbl"))
    assert tables
    for table in tables:
        rows = table.findall(f"{W}tr")
        header_paragraphs = rows[0].iter(f"{W}p")
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in header_paragraphs)
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)


def test_the_cpr_shows_the_same_analysis() -> None:
    case = permdocs.load_case(ROOT / "samples" / "cpr-adoption.json")
    text = _text(rendered(ROOT / "samples" / "cpr-adoption.json", "html", "cpr").decode())
    analysis = build_analysis(case, level=3, landscape=False)
    headings = [b.text for b in analysis.blocks(3) if isinstance(b, Heading)]
    assert all(heading in text for heading in headings)
    conclusion = next(b for s in analysis.sections if s.anchor == "options-weighing" for b in s.body if isinstance(b, Markdown))
    assert conclusion.text.source.split("\n")[0][:60] in text


# --- the route comparison ----------------------------------------------------------------


def test_four_routes_fit_one_table_of_the_legal_matrix() -> None:
    (matrix, *_) = _tables(comparison_body(permdocs.load_case(BABY)))
    assert matrix.header[1:] == (
        "Remain at or return home, with or without a supervision order", "Special guardianship order",
        "Connected persons (kinship) foster care", "Adoption, including early permanence (fostering for adoption)",
    )
    assert len(matrix.rows) == 11 and matrix.rows[-1].label == "Who can apply to revoke or discharge, and when"


def test_one_realistic_option_is_compared_with_the_routes_ruled_out() -> None:
    case = permdocs.load_case(LEO)
    assert sum(o.realistic for o in case.options) == 1
    compared = [info.id for info in routes_compared(case, knowledge_base())]
    assert compared[0] == "long-term-fostering" and len(compared) >= 2


def test_the_comparison_lists_every_general_point_and_the_needs_table_with_sources() -> None:
    text = _text(_html(document="route-comparison"))
    sgo = knowledge_base().route("sgo")
    assert sgo is not None
    assert all(point.text.replace("'", "&#39;")[:50] in text for point in sgo.advantages + sgo.disadvantages)
    assert "Which route tends to suit which need" in text
    assert "Merton 2019, Permanence Planning Guidance, Appendix 1: Identifying Permanence Options" in text


def test_source_numbers_are_in_order_and_legal_references_never_break() -> None:
    html = _html(document="route-comparison")
    for marks in re.findall(r"Sources?: ([\d, ]+)<", html):
        numbers = [int(n) for n in marks.split(", ")]
        assert numbers == sorted(numbers)
    assert '<span class="nobreak">s.20</span>' in html


def test_matrix_rows_never_split_across_pdf_pages() -> None:
    pdf = PdfReader(io.BytesIO(rendered(BABY, "pdf", "route-comparison")))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in pdf.pages]
    label_text = "Who can apply to revoke or discharge, and when"
    assert sum(label_text in page for page in pages) == 1
    assert not any(page.strip().endswith("Who can apply to revoke or") for page in pages)


def test_word_rows_of_the_matrix_cannot_split() -> None:
    body = docx_xml(rendered(BABY, "docx", "route-comparison"), "word/document.xml")
    matrix = next(body.iter(f"{W}tbl"))
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in matrix.findall(f"{W}tr"))


# Who shares the child's home is composed from the case, never typed: a
# sentence such as "she would grow up with her mother and brother" was
# printed while the brother lived in foster care.
SAMPLE_HOUSEHOLDS = {
    # sample: {option id: (who the child would live with, siblings living elsewhere in that column)}
    "cpr-adoption": {
        "return-mother": ("Kerry Quillfeather (birth mother).", None),
        "grandmother-sgo": ("Maureen Quillfeather (maternal grandmother).", None),
        "adoption": ("Ash and Remi Plumbridge (prospective adopters).", None),
        "fostering": ("Long-term foster carers not yet identified.", None),
    },
    # Rory lives with his own father under every option: he is named once, below the grid.
    "special-guardianship": {
        "return-mother": ("Shannon Trialworth (birth mother).", None),
        "sgo-grandmother": ("Pauline Trialworth (maternal grandmother).", None),
        "kinship-fostering": ("Pauline Trialworth (maternal grandmother).", None),
        "long-term-fostering": ("Long-term foster carers not yet identified.", None),
    },
    "return-home-supervision": {
        "home": ("Farah Testbury (mother) and Zayn Testbury (brother).", None),
        "cao-grandfather": ("Karim Testbury (maternal grandfather).",
                            "Living elsewhere: Zayn Testbury (brother), at home with their mother."),
    },
}


@pytest.mark.parametrize("sample", sorted(SAMPLE_HOUSEHOLDS))
def test_who_the_child_would_live_with_follows_where_each_sibling_lives(sample: str) -> None:
    analysis = build_analysis(permdocs.load_case(ROOT / "samples" / f"{sample}.json"))
    (grid, *after) = analysis.sections[0].body
    assert isinstance(grid, Table) and grid.rows[0].label.startswith("Who ")
    case = permdocs.load_case(ROOT / "samples" / f"{sample}.json")
    realistic = [o.id for o in case.options if o.realistic]
    cells = {
        option: tuple(block.runs[0].text for block in cell if isinstance(block, Paragraph))
        for option, cell in zip(realistic, grid.rows[0].cells, strict=True)
    }
    assert cells == {option: tuple(t for t in expected if t) for option, expected in SAMPLE_HOUSEHOLDS[sample].items()}


def test_siblings_apart_under_every_option_are_named_once_below_the_grid() -> None:
    analysis = build_analysis(permdocs.load_case(ROOT / "samples" / "cpr-adoption.json"))
    (_, note) = analysis.sections[0].body
    assert isinstance(note, Paragraph)
    assert note.runs[0].text == (
        "Under every option, these siblings would go on living elsewhere: Jayden Quillfeather (older half-brother), "
        "in long-term foster care; Maisie Quillfeather (older half-sister), with her adoptive family, who she has "
        "lived with since 2022."
    )


def test_a_sibling_who_lives_with_a_named_relative_joins_that_relatives_home() -> None:
    data = sample_dict("cpr-adoption")
    jayden = next(p for p in data["people"] if p["id"] == "jayden")
    jayden["sibling"].update(lives_with_ids=["grandmother"], where_living="with his grandmother")
    analysis = build_analysis(permdocs.load_case(data))
    grid = analysis.sections[0].body[0]
    assert isinstance(grid, Table)
    by_column = [tuple(b.runs[0].text for b in cell if isinstance(b, Paragraph)) for cell in grid.rows[0].cells]
    assert by_column[1] == ("Maureen Quillfeather (maternal grandmother) and Jayden Quillfeather (older half-brother).",)
    assert by_column[0] == (
        "Kerry Quillfeather (birth mother).",
        "Living elsewhere: Jayden Quillfeather (older half-brother), with his grandmother.",
    )


def test_a_sibling_living_with_someone_the_case_does_not_name_is_refused_with_its_path() -> None:
    data = sample_dict("cpr-adoption")
    data["people"][2]["sibling"]["lives_with_ids"] = ["granny"]
    problems = case_problems(data)
    assert any(p.startswith("$.people[2].sibling.lives_with_ids[0]") for p in problems), problems


def test_a_bundle_carries_the_short_route_comparison() -> None:
    """Ten pages of general points and two dozen sources are the comparison on file, not the bundle's."""
    from permdocs.rendering.pipeline import render_outputs

    case = permdocs.load_case(BABY)
    (short,) = render_outputs(case, permdocs.RenderRequest("route-comparison", ("html",), "court", for_bundle=True)).values()
    words = _text(short.decode())
    assert "This is the short form, for the court bundle" in words
    assert "The routes side by side" in words and "general advantages and disadvantages: " not in words
    assert "Matching needs to routes" not in words
    full = _text(_html(BABY, "route-comparison"))
    assert len(words) < len(full) / 2
