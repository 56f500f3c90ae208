"""PDF/UA-1: every PDF permdocs makes passes the structural check of
permdocs.writers.pdf_checks (veraPDF cannot be installed from the
registries these machines reach; the module says which of its rules the
check covers), and a fault planted of each kind is found.

Every withholding copy's PDF is checked where the leak test lays it out
(tests/test_leak.py); here, one sample of each document in its first copy,
the bundle, and the planted faults.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from permdocs.writers.pdf_checks import ua_problems

from conftest import ROOT, rendered


@pytest.mark.one_sample_per_document
def test_every_document_meets_pdf_ua(sample_path: Path, document_name: str) -> None:
    assert ua_problems(rendered(sample_path, "pdf", document_name)) == []


def _first(document: pikepdf.Pdf, kind: str) -> pikepdf.Dictionary:
    stack: list[pikepdf.Object] = [document.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == kind:
                return node
            if "/K" in node:
                stack.append(node.K)
    raise AssertionError(f"no {kind} in the structure tree")


def _without_alt(document: pikepdf.Pdf) -> None:
    del _first(document, "/Figure")["/Alt"]


def _skipped_heading(document: pikepdf.Pdf) -> None:
    _first(document, "/H2").S = pikepdf.Name("/H3")


def _headerless_table(document: pikepdf.Pdf) -> None:
    stack: list[pikepdf.Object] = [document.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/TD" and isinstance(node.get("/A"), pikepdf.Dictionary):
                node.A = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
            if "/K" in node:
                stack.append(node.K)


def _untagged_text(document: pikepdf.Pdf) -> None:
    page = document.pages[0]
    font = next(iter(page.obj.Resources.Font.keys()))
    page.contents_add(pikepdf.Stream(document, f"BT {font} 12 Tf 72 72 Td <0001> Tj ET".encode()), prepend=False)


def _no_title_shown(document: pikepdf.Pdf) -> None:
    document.Root.ViewerPreferences.DisplayDocTitle = False


def _no_language(document: pikepdf.Pdf) -> None:
    del document.Root["/Lang"]


def _no_xmp(document: pikepdf.Pdf) -> None:
    del document.Root["/Metadata"]


PLANTED: dict[str, tuple[Callable[[pikepdf.Pdf], None], str]] = {
    "figure-without-alt": (_without_alt, "7.3 (Matterhorn 13): a Figure has no alternate text"),
    "skipped-heading": (_skipped_heading, "7.4.2 (Matterhorn 14): heading H3 follows H1, skipping a level"),
    "table-without-headers": (_headerless_table, "7.5 (Matterhorn 15): a table cell names no header"),
    "untagged-text": (_untagged_text, "7.1 (Matterhorn 01): page 1 shows text neither tagged nor marked as an artifact"),
    "title-not-shown": (_no_title_shown, "7.1 (Matterhorn 07): the window shows the file name"),
    "no-language": (_no_language, "7.2 (Matterhorn 11): no default language"),
    "no-xmp": (_no_xmp, "5 (Matterhorn 06): no XMP metadata"),
}


@pytest.mark.parametrize("fault", PLANTED)
def test_a_planted_fault_is_found(fault: str) -> None:
    plant, expected = PLANTED[fault]
    # The CPR has every kind of structure: figures, headings to H5, tables and lists.
    with pikepdf.open(io.BytesIO(rendered(ROOT / "samples" / "cpr-adoption.json", "pdf", "cpr"))) as document:
        plant(document)
        buffer = io.BytesIO()
        document.save(buffer)
    problems = ua_problems(buffer.getvalue())
    assert any(problem.startswith(expected) for problem in problems), problems
