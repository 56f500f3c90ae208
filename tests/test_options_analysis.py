"""The options analysis and route comparison: layout, sources, and one analysis
shared by every document that shows it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

import permdocs
from permdocs.blocks import Paragraph
from permdocs.documents.analysis import build_analysis, build_route_comparison

from conftest import ROOT, rendered
from readable import W, docx_xml

BABY = ROOT / "samples" / "baby-in-proceedings.json"  # four realistic options
HOME = ROOT / "samples" / "return-home-supervision.json"  # two realistic options


def _landscape_pages(path: Path, document: str) -> list[str]:
    pdf = PdfReader(io.BytesIO(rendered(path, "pdf", document)))
    return [re.sub(r"\s+", " ", p.extract_text()) for p in pdf.pages if float(p.mediabox.width) > float(p.mediabox.height)]


def test_more_than_three_options_become_blocks_and_fewer_sit_side_by_side() -> None:
    baby = build_analysis(permdocs.load_case(BABY))
    home = build_analysis(permdocs.load_case(HOME))
    assert (baby.layout, len(baby.tables), baby.tables[0].header) == ("blocks", 4, ("", "For", "Against"))
    assert (home.layout, len(home.tables)) == ("columns", 1)
    assert home.tables[0].header == (
        "",
        "Return home: Farah Testbury (mother) (recommended)",
        "Child arrangements order: Karim Testbury (maternal grandfather)",
    )


def test_the_pdf_repeats_table_headers_on_every_landscape_page() -> None:
    pages = _landscape_pages(BABY, "options-analysis")
    assert len(pages) >= 3
    assert all("For Against" in page for page in pages)
    matrix = _landscape_pages(BABY, "route-comparison")
    assert all("Special guardianship order" in page or "Adoption" in page for page in matrix)


def test_the_docx_header_rows_repeat() -> None:
    body = docx_xml(rendered(BABY, "docx", "options-analysis"), "word/document.xml")
    tables = list(body.iter(f"{W}tbl"))
    assert len(tables) == 4
    assert all(t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None for t in tables)


def test_standard_and_child_points_are_told_apart_and_sourced() -> None:
    html = rendered(BABY, "html", "options-analysis").decode()
    # this child's points in the four realistic options, each with its weight
    assert len(re.findall(r'class="note">(Significant|Moderate|Limited) weight', html)) == 13
    assert '<span class="tag">General: </span><em>' in html
    assert "<h2>Sources</h2>" in html
    assert "Devon County Council 2020, Securing Permanence: Policy, Procedure and Practice, Advantages and disadvantages: Special Guardianship Order" in html


def test_excluded_points_are_left_out_and_listed_with_their_reason() -> None:
    analysis = build_analysis(permdocs.load_case(BABY))
    sgo = next(t for t in analysis.tables if t.caption.startswith("Special guardianship"))
    general = " ".join(
        run.text for row in sgo.rows for cell in row.cells for block in cell if isinstance(block, Paragraph) for run in block.runs
    )
    assert "If the placement fails and the parents have changed" not in general  # sgo-adv-05, excluded
    texts = [b.runs[0].text for b in analysis.summary if isinstance(b, Paragraph)]
    assert [t.split(". ", 1)[1][:10] for t in texts if "-adv-" in t or "-dis-" in t] == ["sgo-adv-05", "adopt-dis-"]


def test_the_conclusion_recommendation_and_ruled_out_options_follow() -> None:
    html = rendered(BABY, "html", "options-analysis").decode()
    headings = ('<h2 id="comparison">', "<h3>Holistic evaluation", "<h3>Recommendation",
                "<h3>Options that are not realistic", "<h2>Sources")
    order = [html.index(heading) for heading in headings]
    assert order == sorted(order)
    assert "Long-term fostering." in html and "Return home: Tomas Draftley" in html


def test_the_route_comparison_covers_the_realistic_routes_three_to_a_table() -> None:
    comparison = build_route_comparison(permdocs.load_case(BABY))
    assert [t.header for t in comparison.tables] == [
        ("", "Remain at or return home, with or without a supervision order", "Special guardianship order",
         "Connected persons (kinship) foster care"),
        ("", "Adoption, including early permanence (fostering for adoption)"),
    ]
    assert [row.label for row in comparison.tables[0].rows][0] == "Route into the arrangement"
    assert len(comparison.tables[0].rows) == 11
