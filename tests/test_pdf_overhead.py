"""What a PDF costs beyond WeasyPrint's own layout (issue 28, target 2):
the pictures for Word are not drawn for a PDF or a web page, and the
post-processing of WeasyPrint's file keeps giving the same bytes."""

from __future__ import annotations

from typing import Any

import pytest

import permdocs
from permdocs.practice import genogram
from permdocs.text.timeline import picture

from conftest import ROOT

CPR = ROOT / "samples" / "cpr-adoption.json"


@pytest.fixture
def rasterising(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the PNG drawers called while the test runs (they still draw)."""
    called: list[str] = []

    def counted(name: str, draw: Any) -> Any:
        def drawer(*args: Any) -> bytes:
            called.append(name)
            return draw(*args)  # type: ignore[no-any-return]
        return drawer

    monkeypatch.setattr(picture, "_png", counted("timeline", picture._png))
    monkeypatch.setattr(genogram, "to_png", counted("genogram", genogram.to_png))
    return called


def test_a_web_page_draws_no_png_of_the_timeline_or_the_genogram(rasterising: list[str]) -> None:
    # The CPR shows both pictures: as SVG on a page, so their PNGs (Word's) are never needed.
    page = permdocs.render(permdocs.load_case(CPR), "cpr", "html", draft=True)
    assert b"<svg" in page and rasterising == []


def test_word_still_gets_both_pictures_as_png(rasterising: list[str]) -> None:
    permdocs.render(permdocs.load_case(CPR), "cpr", "docx", draft=True)
    assert sorted(rasterising) == ["genogram", "timeline"]


@pytest.mark.slow
def test_a_pdf_draws_no_png(rasterising: list[str]) -> None:
    pdf = permdocs.render(permdocs.load_case(CPR), "cpr", "pdf", draft=True)
    assert pdf.startswith(b"%PDF") and rasterising == []
