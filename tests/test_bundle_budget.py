"""External PDFs that would make a bundle run for minutes or take gigabytes
are refused within a budget (``bundle/pdf_budget.py``, README "Limits"):
each ends in exit 2 naming the manifest path, never a hang or exit 0 at
2 GB. The files are built here, a few kilobytes each (the inflation bomb is
1 MB, and inflates to 1 GiB)."""

from __future__ import annotations

import functools
import io
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest
import yaml
from pikepdf import Array, Dictionary, Name

from permdocs.bundle import pdf_budget
from permdocs.bundle.pdf_budget import inflated_size

from bundle_fixtures import text_pdf


def _one_page(content: pikepdf.Stream | None = None, resources: Dictionary | None = None) -> tuple[pikepdf.Pdf, pikepdf.Page]:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    if content is not None:
        page.obj.Contents = content
    if resources is not None:
        page.obj.Resources = resources
    return pdf, page


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def forms_within_forms(depth: int, fan: int) -> bytes:
    """Each form draws the one inside it ``fan`` times: ``fan ** depth`` drawings from a few kilobytes."""
    pdf, page = _one_page()
    inner = pdf.make_stream(b"0 0 m 10 10 l S")
    inner.Subtype, inner.BBox = Name.Form, Array([0, 0, 595, 842])
    for _ in range(depth):
        form = pdf.make_stream(b"/F Do " * fan)
        form.Subtype, form.BBox = Name.Form, Array([0, 0, 595, 842])
        form.Resources = Dictionary(XObject=Dictionary(F=inner))
        inner = form
    page.obj.Resources = Dictionary(XObject=Dictionary(F=inner))
    page.obj.Contents = pdf.make_stream(b"/F Do")
    return _saved(pdf)


@functools.cache
def inflation_bomb() -> bytes:
    """A 1 MB PDF whose one content stream inflates to 1 GiB of spaces."""
    deflater = zlib.compressobj(9)
    spaces = b" " * (1 << 20)
    raw = b"".join([deflater.compress(spaces) for _ in range(1024)] + [deflater.flush()])
    pdf, page = _one_page()
    stream = pikepdf.Stream(pdf, raw)
    stream.Filter = Name.FlateDecode
    page.obj.Contents = pdf.make_indirect(stream)
    return _saved(pdf)


def many_pages(count: int) -> bytes:
    pdf = pikepdf.new()
    for _ in range(count):
        pdf.add_blank_page(page_size=(595, 842))
    return _saved(pdf)


def picture_bomb() -> bytes:
    """A text page with a 100 x 100 picture in the stamp's corner whose data
    inflates to 200 MB: it is taken as ink, never decoded."""
    with pikepdf.open(io.BytesIO(text_pdf("Letter", ["A fictional letter."]))) as pdf:
        deflater = zlib.compressobj(9)
        raw = b"".join([deflater.compress(b"\0" * (1 << 20)) for _ in range(200)] + [deflater.flush()])
        picture = pikepdf.Stream(pdf, raw)
        picture.Type, picture.Subtype, picture.Filter = Name.XObject, Name.Image, Name.FlateDecode
        picture.Width, picture.Height, picture.ColorSpace, picture.BitsPerComponent = 100, 100, Name.DeviceGray, 8
        page = pdf.pages[0]
        page.add_resource(picture, Name.XObject, Name("/Bomb"))
        page.contents_add(pdf.make_stream(b"q 60 0 0 60 520 770 cm /Bomb Do Q"))
        return _saved(pdf)


HOSTILE = {
    "forms nested 30 deep": (lambda: forms_within_forms(30, 10), "nests forms within forms more than 12 deep"),
    "forms drawn 20 times, 8 deep": (lambda: forms_within_forms(8, 20), "draw more than 10,000 forms"),
    "a 1 MB stream inflating to 1 GiB": (inflation_bomb, "inflates to more than 64 MB"),
    "2,001 pages": (lambda: many_pages(pdf_budget.MAX_PAGES + 1), "has 2,001 pages"),
}


def _manifest(folder: Path, pdf: bytes) -> Path:
    (folder / "hostile.pdf").write_bytes(pdf)
    manifest = {
        "case": {
            "court": "The Family Court sitting at Exampleton", "case_number": "ZZ26C00123", "child_initials": "A.B.",
            "parties": [{"role": "Applicant", "name": "Fictionshire County Council"}],
            "hearing": {"kind": "Final hearing", "date": "2027-01-04"},
        },
        "sections": [{"letter": "E", "title": "Other documents", "documents": [
            {"pdf": "hostile.pdf", "title": "A hostile file", "dated": "2026-11-02", "author": "Unknown"},
        ]}],
    }
    path = folder / "bundle.yaml"
    path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(("make", "said"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_file_over_budget_is_refused_by_its_path(tmp_path: Path, make: object, said: str) -> None:
    manifest = _manifest(tmp_path, make())  # type: ignore[operator]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-m", "permdocs", "bundle", str(manifest), "--out", str(tmp_path / "out.pdf")],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "$.sections[0].documents[0].pdf: is more than permdocs will read" in done.stderr
    assert said in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out.pdf").exists()
    # The most memory any child has used so far: under the README's 600 MB, far from the 2 GB the bomb took.
    assert max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) < 600 * 1024


@pytest.mark.slow
def test_a_picture_that_inflates_far_beyond_its_size_is_not_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from permdocs.bundle import build_bundle, load_manifest
    from permdocs.bundle.content import measure_page

    decoded = []
    monkeypatch.setattr(pikepdf, "PdfImage", lambda image: decoded.append(image))
    with pikepdf.open(io.BytesIO(picture_bomb())) as pdf:
        # Decoded, the picture would be blank paper and leave no box; taken as ink, it is a box.
        boxes = measure_page(pdf.pages[0], look_at_pictures_in=(0, 0, 595, 842)).boxes
    assert [box for box in boxes if round(box[2] - box[0]) == 60 == round(box[3] - box[1])]
    assert decoded == []
    assert build_bundle(load_manifest(_manifest(tmp_path, picture_bomb()))).body_pages == 1


# The filter decoders that measure an inflated size, against qpdf's own.
LZW_SAMPLE = bytes.fromhex("800B6050220C0C8501")  # the PDF reference's example: "-----A---B"


@pytest.mark.parametrize(("filters", "raw"), [
    ([Name.FlateDecode], zlib.compress(b"BT /F1 12 Tf (Fictional text) Tj ET\n" * 100)),
    ([Name.ASCIIHexDecode], b"48 65 6c6C 6f 2>"),
    ([Name.ASCII85Decode], b"87cURD]i,\"Ebo80~>"),
    ([Name.RunLengthDecode], bytes([2]) + b"abc" + bytes([254]) + b"z" + bytes([128])),
    ([Name.LZWDecode], LZW_SAMPLE),
    ([Name.ASCIIHexDecode, Name.FlateDecode], zlib.compress(b"q 1 0 0 1 0 0 cm Q\n" * 50).hex().encode() + b">"),
])
def test_each_filter_is_measured_as_qpdf_decodes_it(filters: list[Name], raw: bytes) -> None:
    pdf = pikepdf.new()
    stream = pikepdf.Stream(pdf, raw)
    stream.Filter = Array(filters)
    decoded = stream.read_bytes(pikepdf.StreamDecodeLevel.specialized)  # run-length is "specialized" to qpdf
    assert inflated_size(stream, 10**6) == len(decoded)


def test_a_stream_over_the_limit_is_never_inflated_whole() -> None:
    pdf = pikepdf.new()
    stream = pikepdf.Stream(pdf, zlib.compress(b"\0" * (8 << 20)))
    stream.Filter = Name.FlateDecode
    assert inflated_size(stream, 1 << 20) is None
    assert inflated_size(stream, 16 << 20) == 8 << 20
