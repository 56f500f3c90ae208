"""The assembled court bundle, read back page by page: the index against
where documents really are, stamps (where they sit, and that they cover
nothing), links, bookmarks, landscape pages, fonts, size, and what the
court's copy withholds. Every bundle built here passes qpdf --check.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

import permdocs
from permdocs.bundle import Bundle, load_manifest
from permdocs.bundle.checks import _small_text
from permdocs.bundle.content import measure_page
from permdocs.bundle.sources import SourceDocument, _measured
from permdocs.writers.pdf import html_to_pdf

from bundle_setup import build_checked, bundle_folder, external_pdfs, page_texts
from conftest import require_program, sample_dict
from leak import leaks, output_text, withheld_values


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Bundle, Path]:
    path = bundle_folder(tmp_path_factory.mktemp("bundle"))
    return build_checked(path), path


# --- the assembled bundle ------------------------------------------------------------------

MM = 72 / 25.4


def _page_number(pdf: pikepdf.Pdf, destination: pikepdf.Array) -> int:
    return next(i for i, page in enumerate(pdf.pages) if page.obj.objgen == destination[0].objgen)


def _words(pdf: bytes) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Each page's words with their boxes, as pdftotext (poppler, not
    permdocs) places them on the page as shown: x from the left, y down."""
    pdftotext = require_program("pdftotext")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        xhtml = subprocess.run([pdftotext, "-bbox", file.name, "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [
        [(text, (float(x0), float(y0), float(x1), float(y1))) for x0, y0, x1, y1, text in word.findall(page)]
        for page in xhtml.split("<page ")[1:]
    ]


def _shown_size(page: pikepdf.Page) -> tuple[float, float]:
    box = page.mediabox
    width, height = float(box[2] - box[0]), float(box[3] - box[1])
    return (height, width) if int(page.obj.get("/Rotate", 0)) % 180 else (width, height)


def test_index_ranges_match_where_each_document_starts_and_ends(built: tuple[Any, Path]) -> None:
    bundle, path = built
    texts = page_texts(bundle.pdf)
    assert len(texts) == bundle.front_pages + bundle.body_pages
    assert [e.page_range for e in bundle.entries] == ["A1", "D1-D10", "D11-D19", "E1-E5", "E6", "E7"]
    index_text = " ".join(texts[: bundle.front_pages])
    for entry in bundle.entries:
        assert f"{entry.page_range} {entry.title}" in " ".join(index_text.split())
        first, last = bundle.front_pages + entry.first_page, bundle.front_pages + entry.first_page + entry.pages - 1
        assert entry.title.split()[0].lower() in texts[first].lower(), entry.title
        if last + 1 < len(texts):  # the next page starts another document
            # The document's last page carries the bundle's stamp for it, and no page number of its own.
            assert texts[last].split()[-1] == entry.last_label or entry.section in ("A", "E")
            assert not re.search(r"Page \d+ of \d+", texts[last])


def test_every_page_carries_its_stamp(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    texts = page_texts(bundle.pdf)[bundle.front_pages:]
    expected = [f"{e.section}{int(e.first_label[1:]) + n}" for e in bundle.entries for n in range(e.pages)]
    assert [text.split()[-1] for text in texts] == expected


def test_every_stamp_is_printable_and_clear_of_the_pages_text(built: tuple[Any, Path]) -> None:
    """At least 10 mm from the edges, on the right, in the bottom or top
    strip, and no other word within 3 pt: not the letter's reference in its
    corner, nor permdocs' own "Page X of Y" footer."""
    bundle, _ = built
    words = _words(bundle.pdf)
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        sizes = [_shown_size(page) for page in pdf.pages]
    expected = [f"{e.section}{int(e.first_label[1:]) + n}" for e in bundle.entries for n in range(e.pages)]
    assert len(expected) == bundle.body_pages > 0
    for index, label in enumerate(expected, start=bundle.front_pages):
        width, height = sizes[index]
        stamp = [box for text, box in words[index] if text == label][-1]
        x0, y0, x1, y1 = stamp
        assert x0 > width / 2 and width - x1 >= 10 * MM, (label, stamp)
        assert min(y0, height - y1) >= 10 * MM - 1 and min(y0, height - y1) <= 50 * MM, (label, stamp)
        near = [text for text, (a, b, c, d) in words[index] if (a, b, c, d) != stamp
                and a < x1 + 3 and c > x0 - 3 and b < y1 + 3 and d > y0 - 3]
        assert near == [], (label, near)


def test_a_stamp_moves_off_what_a_page_has_in_its_corner(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    letter = bundle.front_pages + bundle.entries[-1].first_page
    words = _words(bundle.pdf)[letter]
    reference = next(box for text, box in words if text == "SCH/0000/FICTION")
    stamp = next(box for text, box in words if text == "E7")
    assert stamp[3] < reference[1] or stamp[1] > reference[3]  # above it (or at the top)


def test_index_links_and_bookmarks_land_on_first_pages(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    firsts = [bundle.front_pages + e.first_page for e in bundle.entries]
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        links = [
            _page_number(pdf, annotation.Dest)
            for page in list(pdf.pages)[: bundle.front_pages]
            for annotation in page.obj.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link"
        ]
        assert links == firsts
        with pdf.open_outline() as outline:
            sections = [item for item in outline.root if item.title[1:3] == "  "]
            assert [s.title for s in sections] == [
                "A  Preliminary documents (A1)", "D  Care plans (D1-D19)", "E  Experts' reports (E1-E7)"
            ]
            documents = [child for section in sections for child in section.children]
            assert [d.title for d in documents] == [f"{e.page_range}  {e.title}" for e in bundle.entries]
            assert [_page_number(pdf, d.destination) for d in documents] == firsts
            # A document's own bookmarks sit beneath it, on its own pages,
            # without those that repeat its title.
            care_plan, report = documents[1], documents[3]
            assert care_plan.children and all(
                firsts[1] <= _page_number(pdf, c.destination) < firsts[2] for c in care_plan.children
            )
            assert "Permanence plan" not in [c.title for c in care_plan.children]
            assert [c.title for c in report.children] == ["Parenting assessment: schedule"]


def test_links_inside_a_document_stay_inside_it(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    report = bundle.entries[3]
    start = bundle.front_pages + report.first_page
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        tree = pikepdf.NameTree(pdf.Root.Names.Dests)
        annotation = next(a for a in pdf.pages[start].obj.Annots if a.get("/Subtype") == "/Link")
        target = tree[str(annotation.Dest)]
        assert str(annotation.Dest).startswith("doc004-")
        assert _page_number(pdf, target) == start + 3  # "Go to the last page" of its 4 text pages
        assert len(set(tree.keys())) == len(list(tree.keys()))


def test_landscape_pages_stay_landscape_and_read_upright(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        options = bundle.entries[2]
        start = bundle.front_pages + options.first_page
        assert any(w > h for w, h in (_shown_size(pdf.pages[i]) for i in range(start, start + options.pages)))
        report_landscape = bundle.front_pages + bundle.entries[3].first_page + 4
        tree = bundle.front_pages + bundle.entries[4].first_page
        assert _shown_size(pdf.pages[report_landscape])[0] > _shown_size(pdf.pages[report_landscape])[1]
        assert int(pdf.pages[tree].obj.Rotate) == 90
        assert _shown_size(pdf.pages[tree])[0] > _shown_size(pdf.pages[tree])[1]
    # The family tree's content is drawn for the landscape page: its words
    # run across the page as shown, not up it.
    words = dict(_words(bundle.pdf)[tree])
    x0, y0, x1, y1 = words["Family"]
    assert x1 - x0 > y1 - y0 and y0 < 40 * MM


def test_the_rotated_page_is_stamped_along_its_visible_foot(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    page = PdfReader(io.BytesIO(bundle.pdf)).pages[bundle.front_pages + bundle.entries[4].first_page]
    found: list[tuple[str, list[float]]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: found.append((text, [*cm, *tm])) if text.strip() == "E6" else None)
    assert found, "the stamp's text was not found"
    # Drawn with a transform that turns it with the page: upright once shown.
    a, b, c, d = found[0][1][:4]
    assert (round(a), round(b), round(c), round(d)) == (0, 1, -1, 0)


def test_the_bundle_opens_at_100_percent_with_page_labels(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        assert float(pdf.Root.OpenAction[4]) == 1.0
        assert pdf.Root.PageMode == "/UseOutlines"
    reader = PdfReader(io.BytesIO(bundle.pdf))
    labels = reader.page_labels
    assert labels[: bundle.front_pages] == ["i", "ii"][: bundle.front_pages]
    assert labels[bundle.front_pages] == "A1" and labels[-1] == "E7"


def test_the_same_manifest_gives_the_same_bytes(built: tuple[Any, Path]) -> None:
    bundle, path = built
    assert build_checked(path).pdf == bundle.pdf


def test_the_bundle_stays_small_and_embeds_every_font(built: tuple[Any, Path]) -> None:
    """Within 10% of its parts: stamps add a few bytes a page and share one
    embedded font subset."""
    bundle, path = built
    loaded = load_manifest(path)
    from permdocs.bundle.sources import gather_documents

    parts = sum(len(d.pdf) for section in gather_documents(loaded) for d in section)
    front = 40_000  # the front sheet and index, with their font subset
    assert len(bundle.pdf) <= 1.1 * (parts + front), (len(bundle.pdf), parts)
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        fonts = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]
        stamp_fonts = [f for f in fonts if str(f.get("/BaseFont", "")).endswith("+LiberationSans-Bold")]
        assert len(stamp_fonts) == 1
        for font in fonts:
            described = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
            descriptor = described.get("/FontDescriptor", {})
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")


def test_text_under_12_pt_is_reported_per_document(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    # permdocs' court copies are set in 12 pt throughout (court.css), and the external PDFs are in 12 pt.
    assert not [w for w in bundle.warnings if "12 pt" in w]
    small = html_to_pdf("<html lang='en-GB'><body style='font-size: 9pt'><h1>A note</h1>"
                        + "<p>Text a court cannot read comfortably.</p>" * 20 + "</body></html>")
    document = SourceDocument("$.sections[0].documents[0]", "A note", date(2026, 12, 1), "Someone", None, small,
                              _measured(small, "$.sections[0].documents[0]"))
    warning = _small_text(document)
    assert warning is not None and warning.startswith("most of its text is 9 pt, under the 12 pt")
    with pikepdf.open(io.BytesIO(external_pdfs()["order.pdf"])) as order:
        assert set(measure_page(order.pages[0]).text_sizes) == {12.0, 16.0}  # the body, and the heading


def test_the_labels_of_a_tagged_picture_are_not_held_to_12_pt() -> None:
    """A family tree's names are set small to fit; in a tagged PDF they sit
    in a Figure's marked content, which the 12 pt check leaves out. The same
    words outside a figure still count."""
    labels = "".join(f'<text x="10" y="{12 * n}" font-size="7">Name {n}</text>' for n in range(1, 40))
    picture = f'<figure role="img" aria-label="A family tree"><svg width="400" height="500">{labels}</svg></figure>'
    tagged = html_to_pdf(f"<html lang='en-GB'><body style='font-size: 12pt'><p>The tree.</p>{picture}</body></html>")
    with pikepdf.open(io.BytesIO(tagged)) as document:
        assert set(measure_page(document.pages[0]).text_sizes) == {12.0}
    document = pikepdf.new()
    page = document.add_blank_page(page_size=(595, 842))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
    # A stray EMC closes nothing; a form that leaves its Figure open hides
    # nothing after it on the page.
    form = pikepdf.Stream(document, b"/Figure <</MCID 0>> BDC BT /F1 7 Tf (label) Tj ET")
    form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 595, 842]
    page.obj.Resources.XObject = pikepdf.Dictionary(Fm1=document.make_indirect(form))
    page.contents_add(pikepdf.Stream(document, b"EMC /Fm1 Do BT /F1 9 Tf (body text) Tj ET"))
    assert set(measure_page(page).text_sizes) == {9.0}


def test_the_measure_of_a_page_survives_malformed_operators() -> None:
    """Operators with the wrong operands are skipped, as viewers skip them;
    what comes after them is still measured."""
    document = pikepdf.new()
    page = document.add_blank_page(page_size=(595, 842))
    page.contents_add(pikepdf.Stream(document, b"1 2 cm /F9 Tf (x) Tj 0 0 1 rg 10 20 30 40 re f"))
    assert measure_page(page).boxes == ((10.0, 20.0, 40.0, 60.0),)


def test_no_withheld_value_of_the_court_copy_reaches_the_bundle(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    document = permdocs.DOCUMENTS["care-plan-permanence"]
    withholds = {str(k): str(v) for k, v in document.audiences["court"].withholds.items()}
    values = withheld_values(sample_dict("baby-in-proceedings"), withholds)
    assert values, "the court copy withholds something in this sample"
    assert leaks(output_text("bundle.pdf", bundle.pdf), values) == []


def test_continuous_numbering(built: tuple[Any, Path]) -> None:
    _, path = built
    bundle = build_checked(path, numbering="continuous")
    assert [e.page_range for e in bundle.entries] == ["1", "2-11", "12-20", "21-25", "26", "27"]
    assert page_texts(bundle.pdf)[-1].split()[-1] == "27"


