"""PDF writer: A4, page numbers, bookmarks, bundled fonts, metadata, no fetching."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import permdocs
from permdocs.writers.pdf import bundled_font_names, html_to_pdf

from conftest import DOCUMENT, rendered
from readable import pdf_fonts, pdf_outline


def reader(path: Path, document: str = DOCUMENT) -> PdfReader:
    return PdfReader(io.BytesIO(rendered(path, "pdf", document)))


@pytest.mark.one_sample_per_document
def test_pdf_snapshot(sample_path: Path, document_name: str, pdf_snapshot: Any) -> None:
    assert rendered(sample_path, "pdf", document_name) == pdf_snapshot


@pytest.mark.one_sample_per_document
def test_every_page_is_a4_and_numbered(sample_path: Path, document_name: str) -> None:
    pdf = reader(sample_path, document_name)
    total = len(pdf.pages)
    assert total > 0
    # A letter a child keeps carries no protective marking (issue 24); every other page does.
    marked = not permdocs.DOCUMENTS[document_name].default_audience.for_a_child
    for number, page in enumerate(pdf.pages, start=1):
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size in ((595, 842), (842, 595))
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert ("OFFICIAL-SENSITIVE" in text) == marked


def test_bookmarks_follow_the_headings(sample_path: Path) -> None:
    outline = pdf_outline(reader(sample_path))
    assert outline[0].lower().startswith("permanence plan (page 1)")
    assert any(line.strip().startswith("13. Sign-off and endorsement") for line in outline)


@pytest.mark.one_sample_per_document
def test_only_the_bundled_fonts_are_embedded(sample_path: Path, document_name: str) -> None:
    pdf = reader(sample_path, document_name)
    fonts = pdf_fonts(pdf)
    assert fonts and set(fonts) <= bundled_font_names()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_metadata_is_british_and_does_not_name_the_child(sample_case: permdocs.Case, sample_path: Path) -> None:
    pdf = reader(sample_path)
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"
    title = pdf.metadata["/Title"]
    assert title.lower() == f"permanence plan: case {sample_case.child.case_reference}".lower()
    everything = " ".join(str(value) for value in pdf.metadata.values())
    assert sample_case.child.family_name not in everything
    assert pdf.metadata["/CreationDate"].startswith(f"D:{sample_case.prepared_on:%Y%m%d}")


def test_named_destinations_do_not_carry_names(sample_case: permdocs.Case, sample_path: Path) -> None:
    names = list(reader(sample_path).named_destinations)
    assert not [n for n in names if sample_case.child.preferred_name.lower() in n.lower()]


HOSTILE_HTML = {
    "local file attachment": '<link rel="attachment" href="file:///etc/passwd">',
    "local file image": '<img src="file:///etc/hostname">',
    "network image": '<img src="http://127.0.0.1:9/x.png">',
    "css import": "<style>@import url(https://example.invalid/x.css);</style>",
    "escape the assets folder": '<img src="../../../../../../etc/hostname">',
}


@pytest.mark.parametrize("markup", HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_pdf_fetches_nothing_outside_the_assets(markup: str) -> None:
    with pytest.raises(permdocs.errors.BlockedResourceError):
        html_to_pdf(f"<!DOCTYPE html><html lang='en-GB'><head><title>t</title></head><body>{markup}<p>x</p></body></html>")


def test_pdf_may_read_the_bundled_assets() -> None:
    pdf = html_to_pdf("<!DOCTYPE html><html lang='en-GB'><head><title>t</title></head><body><p>x</p></body></html>")
    assert pdf.startswith(b"%PDF")
