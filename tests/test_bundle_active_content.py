"""A court bundle carries no active content from its external PDFs.

An external PDF is planted with everything a hostile or careless file can
carry (page JavaScript, launch, import and submit actions, links to other
files and to file: addresses, chained actions, an attachment, a screen
annotation, a form field with keystroke JavaScript). The bundle built from
it is read back with pypdf, not with the pikepdf that wrote it, and must
hold none of it; each removal is reported by the entry's manifest path.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, TextStringObject

from permdocs.bundle import build_bundle, load_manifest

from bundle_fixtures import text_pdf
from bundle_setup import bundle_folder, fixture_manifest, without_case

#: Action types no bundle may hold.
FORBIDDEN_ACTIONS = {
    "/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/ResetForm", "/GoToR", "/GoToE", "/Movie", "/Sound",
    "/Rendition", "/Hide", "/SetOCGState",
}
FORBIDDEN_ANNOTATIONS = {"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D", "/Widget"}


def _js(code: str) -> Dictionary:
    return Dictionary(Type=Name.Action, S=Name.JavaScript, JS=String(code))


def _link(pdf: pikepdf.Pdf, action: Dictionary, y: int) -> Dictionary:
    return pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([50, y, 200, y + 20]), A=action))


def hostile_pdf() -> bytes:
    """Two pages of ordinary text, planted with every kind of active content."""
    with pikepdf.open(io.BytesIO(text_pdf("Disclosure", ["A fictional disclosure."], pages=2))) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        first.obj.AA = Dictionary(O=_js("app.alert('page open')"), C=_js("app.alert('page close')"))
        embedded = pdf.make_stream(b"not a real attachment")
        embedded.Type = Name.EmbeddedFile
        attachment = Dictionary(
            Type=Name.Annot, Subtype=Name.FileAttachment, Rect=Array([10, 10, 30, 30]),
            FS=Dictionary(Type=Name.Filespec, F=String("payload.exe"), EF=Dictionary(F=embedded)),
        )
        field = Dictionary(
            Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("name"), Rect=Array([300, 700, 500, 720]),
            AA=Dictionary(K=_js("event.rc = true")),
            A=Dictionary(S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String("http://example.invalid/collect"))),
        )
        field = pdf.make_indirect(field)
        annotations = [
            _link(pdf, Dictionary(S=Name.Launch, F=String("calc.exe")), 600),
            _link(pdf, Dictionary(S=Name.URI, URI=String("http://example.invalid/track")), 570),
            _link(pdf, Dictionary(S=Name.URI, URI=String("file:///etc/passwd")), 540),
            _link(pdf, Dictionary(S=Name.URI, URI=String("https://example.invalid/report")), 510),
            _link(pdf, Dictionary(S=Name.GoToR, F=String("other.pdf"), D=Array([0, Name.Fit])), 480),
            _link(pdf, _js("app.launchURL('http://example.invalid')"), 450),
            _link(pdf, Dictionary(S=Name.GoTo, D=Array([second.obj, Name.Fit]), Next=_js("this.print()")), 420),
            _link(pdf, Dictionary(S=Name.ImportData, F=String("data.fdf")), 390),
            pdf.make_indirect(attachment),
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Screen, Rect=Array([50, 300, 100, 350]),
                                         AA=Dictionary(PO=_js("app.alert('screen')")))),
            field,
            # A note that runs a script when the mouse enters it: the note may stay, the script goes.
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([400, 400, 420, 420]),
                                         Contents=String("A note"), AA=Dictionary(E=_js("app.alert('note')")))),
        ]
        first.obj.Annots = pdf.make_indirect(Array(annotations))
        pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
        pdf.Root.OpenAction = _js("app.alert('document open')")
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def _objects(reader: PdfReader) -> list[Any]:
    """Every object reachable from the trailer, resolved, each once."""
    seen: set[tuple[int, int]] = set()
    found: list[Any] = []
    stack: list[Any] = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        found.append(node)
        if isinstance(node, DictionaryObject):
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return found


def _active(reader: PdfReader) -> list[str]:
    problems = []
    for node in _objects(reader):
        if not isinstance(node, DictionaryObject):
            continue
        if "/JS" in node or node.get("/S") in FORBIDDEN_ACTIONS:
            problems.append(f"action {node.get('/S')}")
        if node.get("/Subtype") in FORBIDDEN_ANNOTATIONS:
            problems.append(f"annotation {node.get('/Subtype')}")
        if node.get("/Type") == "/EmbeddedFile" or "/EF" in node or "/EmbeddedFiles" in node:
            problems.append("embedded file")
        # An outline item's /Next is its next sibling; an action's is a chained action.
        if "/AA" in node or "/XFA" in node or ("/Next" in node and "/S" in node):
            problems.append("additional or chained actions")
        uri = node.get("/URI")
        if isinstance(uri, TextStringObject | str) and not str(uri).startswith("https:"):
            problems.append(f"link to {str(uri).split(':')[0]}:")
    return problems


def _bundle(tmp_path: Path, **entry: Any) -> Any:
    manifest = without_case(fixture_manifest())
    manifest["sections"][0]["documents"][0].update(entry)
    path = bundle_folder(tmp_path, manifest)
    (tmp_path / "external" / "order.pdf").write_bytes(hostile_pdf())
    return build_bundle(load_manifest(path))


def test_the_planted_pdf_carries_what_the_bundle_must_not() -> None:
    # The harness finds the plants in the source, so finding none in the bundle means something.
    planted = _active(PdfReader(io.BytesIO(hostile_pdf())))
    kinds = ("action /JavaScript", "action /Launch", "action /ImportData", "action /SubmitForm", "action /GoToR",
             "annotation /FileAttachment", "annotation /Screen", "annotation /Widget", "embedded file",
             "additional or chained actions", "link to http:", "link to file:")
    assert [kind for kind in kinds if kind not in planted] == []


@pytest.mark.slow
def test_a_bundle_holds_no_active_content_and_says_what_it_removed(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    assert _active(PdfReader(io.BytesIO(bundle.pdf))) == []
    report = [w for w in bundle.warnings if w.startswith("$.sections[0].documents[0].pdf: active content removed")]
    assert len(report) == 1, bundle.warnings
    for words in ("page action", "annotation action", "link action", "chained action", "web link", "file on the reader",
                  "attached file", "screen", "form field"):
        assert words in report[0], words
    # The https: link is gone too: the entry did not ask to keep web links.
    uris = [str(n["/URI"]) for n in _objects(PdfReader(io.BytesIO(bundle.pdf))) if isinstance(n, DictionaryObject) and "/URI" in n]
    assert uris == []


@pytest.mark.slow
def test_an_entry_may_keep_its_https_links_and_no_others(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, keep_web_links=True)
    reader = PdfReader(io.BytesIO(bundle.pdf))
    assert _active(reader) == []
    uris = [str(n["/URI"]) for n in _objects(reader) if isinstance(n, DictionaryObject) and "/URI" in n]
    assert uris == ["https://example.invalid/report"]
    # The page still reads: the text is there, under the bundle's stamp.
    assert "A fictional disclosure." in reader.pages[next(i for i, p in enumerate(reader.pages) if "disclosure" in (p.extract_text() or "").lower())].extract_text()


def test_names_do_not_hide_a_type() -> None:
    # pypdf names compare as strings: the forbidden sets are written as pypdf gives them.
    assert NameObject("/JavaScript") in FORBIDDEN_ACTIONS
