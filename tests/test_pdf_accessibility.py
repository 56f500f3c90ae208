"""PDF/UA-1: every PDF permdocs makes passes the structural check of
permdocs.writers.pdf_checks (veraPDF cannot be installed from the
registries these machines reach; the module says which of its rules the
check covers), and a fault planted of each kind is found.

Every withholding copy's PDF is checked where the leak test lays it out
(tests/test_leak.py); here, one sample of each document in its first copy,
the bundle, and the planted faults.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from permdocs.writers.pdf_checks import pdfa_problems, ua_problems

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


# --- bundles ------------------------------------------------------------------------------

def _untagged_pdf() -> bytes:
    """A one-page PDF with text and no tags, as a scanner or an old word processor makes."""
    document = pikepdf.new()
    page = document.add_blank_page(page_size=(595, 842))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
    page.contents_add(pikepdf.Stream(document, b"BT /F1 12 Tf 72 700 Td (A letter with no tags.) Tj ET"))
    buffer = io.BytesIO()
    document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def test_a_bundle_carries_its_parts_structure_and_names_an_untagged_part(tmp_path: Path) -> None:
    from permdocs.bundle import build_bundle, load_manifest

    from bundle_setup import bundle_folder, fixture_manifest, without_case

    manifest = without_case(fixture_manifest())
    manifest["sections"][0]["documents"].append(
        {"pdf": "external/untagged.pdf", "title": "Letter from the health visitor", "dated": "2026-12-02",
         "author": "The health visitor"})
    path = bundle_folder(tmp_path, manifest)
    (tmp_path / "external" / "untagged.pdf").write_bytes(_untagged_pdf())
    bundle = build_bundle(load_manifest(path))
    assert [w for w in bundle.warnings if "not a tagged PDF" in w] == [
        "$.sections[0].documents[1]: Letter from the health visitor is not a tagged PDF, so a screen reader reads "
        "its pages without headings, tables or reading order; ask for a tagged copy (PDF/UA), for example saved "
        "from Word with 'Document structure tags for accessibility' ticked"
    ]
    with pikepdf.open(io.BytesIO(bundle.pdf)) as document:
        parts = [str(part.get("/T")) for part in document.Root.StructTreeRoot.K.K if part.get("/S") == "/Part"]
        # Each tagged part under its title, in bundle order; the untagged letter adds none.
        assert parts[:2] == ["Interim care order", "Placeholder for the care plan"]
        assert "Letter from the health visitor" not in parts
    # The only faults left are the untagged letter's: its page, and its font, which it does not embed.
    assert ua_problems(bundle.pdf) == [
        "7.1 (Matterhorn 01): page 4 shows text neither tagged nor marked as an artifact",
        "7.21.3 (Matterhorn 31): fonts not embedded: Helvetica",
    ]


def test_weasyprints_running_text_is_mended_into_artifacts() -> None:
    """WeasyPrint gives the page margins' text (the marking, the running
    title, the page number) ids outside the structure tree; permdocs marks
    it as pagination artifacts, which a screen reader skips."""
    from weasyprint import HTML

    from permdocs.writers.pdf import running_text_as_artifacts

    markup = ("<html lang='en-GB'><head><title>T</title><style>@page { @top-right { content: 'OFFICIAL' } }"
              "</style></head><body><h1>A heading</h1><p>Words.</p></body></html>")
    raw = HTML(string=markup).write_pdf(pdf_variant="pdf/ua-1")
    assert any("outside the tree" in p for p in ua_problems(raw))
    assert ua_problems(running_text_as_artifacts(raw)) == []


# --- archival copies: PDF/A-2u as well ------------------------------------------------------

ARCHIVAL = [("cpr-adoption", "cpr", "adm", {}), ("letter-first-draft", "later-life-letter", None, {}),
            ("adoption-family-time", "family-time", "agency", {"arrangement": "letters-riley"})]


@functools.cache
def _archival(sample: str, document: str, audience: str | None, options: tuple[tuple[str, str], ...]) -> bytes:
    import permdocs

    case = permdocs.load_case(ROOT / "samples" / f"{sample}.json")
    request = permdocs.RenderRequest(document, ("pdf",), audience, options=dict(options), archival=True)
    (data,) = permdocs.render_outputs(case, request).values()
    return data


@pytest.mark.parametrize(("sample", "document", "audience", "options"), ARCHIVAL, ids=[a[1] for a in ARCHIVAL])
def test_an_archival_copy_is_pdf_a_2u_and_pdf_ua(sample: str, document: str, audience: str | None,
                                                 options: dict[str, str]) -> None:
    data = _archival(sample, document, audience, tuple(options.items()))
    assert pdfa_problems(data) == []
    assert ua_problems(data) == []
    assert _archival.__wrapped__(sample, document, audience, tuple(options.items())) == data  # same bytes


def _no_output_intent(document: pikepdf.Pdf) -> None:
    del document.Root["/OutputIntents"]


def _font_without_unicode(document: pikepdf.Pdf) -> None:
    font = next(iter(document.pages[0].obj.Resources.Font.values()))
    del font["/ToUnicode"]


@pytest.mark.parametrize(("plant", "expected"), [
    (_no_output_intent, "6.2.3: no PDF/A output intent"),
    (_font_without_unicode, "6.2.11.7.2: fonts with no map to Unicode"),
], ids=["no-output-intent", "font-without-unicode"])
def test_a_planted_archival_fault_is_found(plant: Callable[[pikepdf.Pdf], None], expected: str) -> None:
    with pikepdf.open(io.BytesIO(_archival(*ARCHIVAL[1][:3], ()))) as document:
        plant(document)
        buffer = io.BytesIO()
        document.save(buffer)
    assert any(problem.startswith(expected) for problem in pdfa_problems(buffer.getvalue()))


def test_archival_is_a_render_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from permdocs.cli import main

    result = CliRunner().invoke(main, ["render", str(ROOT / "samples" / "letter-first-draft.json"), "--doc",
                                       "later-life-letter", "--format", "pdf", "--archival", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.glob("*.pdf")
    assert pdfa_problems(written.read_bytes()) == []
