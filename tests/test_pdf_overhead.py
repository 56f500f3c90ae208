"""What a PDF costs beyond WeasyPrint's own layout (issue 28, target 2):
the pictures for Word are not drawn for a PDF or a web page; the collector
does not walk permdocs' own objects during a layout; the structure tree is
walked once, cheaply. None of it changes a byte of the output."""

from __future__ import annotations

import contextlib
import gc
from typing import Any

import pikepdf
import pytest

import permdocs
from permdocs.practice import genogram
from permdocs.text.timeline import picture
from permdocs.writers import pdf, pdf_checks

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


# --- the same bytes, by the faster path -----------------------------------------------


def _plain_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF writer as it was before it was made faster: the collector
    left as it is during layout, and the structure tree walked by the
    general walk that the PDF/UA checks use."""
    monkeypatch.setattr(pdf, "_earlier_objects_left_uncollected", contextlib.nullcontext)
    monkeypatch.setattr(pdf, "elements_in_tree", lambda tree: {
        element.objgen for element, _ in pdf_checks._elements(tree.get("/K")) if element.is_indirect})


@pytest.mark.slow
@pytest.mark.parametrize(("sample", "document"), [("baby-in-proceedings", "care-plan-permanence"), ("cpr-adoption", "cpr")])
def test_the_faster_path_writes_the_same_bytes(sample: str, document: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = permdocs.load_case(ROOT / "samples" / f"{sample}.json")
    fast = permdocs.render(case, document, "pdf", draft=True)
    again = permdocs.render(case, document, "pdf", draft=True)
    _plain_path(monkeypatch)
    plain = permdocs.render(case, document, "pdf", draft=True)
    assert fast == again
    assert fast == plain


@pytest.mark.slow
def test_the_collector_is_left_as_it_was_found() -> None:
    # Objects set aside for the layout are handed back; a host's own frozen objects stay frozen.
    case = permdocs.load_case(ROOT / "samples" / "baby-in-proceedings.json")
    permdocs.render(case, "care-plan-permanence", "pdf")
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        permdocs.render(case, "care-plan-permanence", "pdf")
        # Not unfrozen (0), nor more frozen; a frozen object may still be freed when nothing refers to it.
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_the_structure_walk_finds_what_the_general_walk_finds() -> None:
    # A tree with a loop, an element reached twice, a marked-content reference and an orphan.
    document = pikepdf.new()
    leaf = document.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.P, K=0))
    orphan = document.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Span, K=1))
    middle = document.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Sect))
    middle.K = pikepdf.Array([leaf, leaf, pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=2)])
    top = document.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Document, K=pikepdf.Array([middle])))
    leaf.K = pikepdf.Array([top])  # a damaged tree that loops back
    tree = pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=top)
    general = {element.objgen for element, _ in pdf_checks._elements(tree.get("/K")) if element.is_indirect}
    assert pdf_checks.elements_in_tree(tree) == general == {top.objgen, middle.objgen, leaf.objgen}
    assert orphan.objgen not in general
