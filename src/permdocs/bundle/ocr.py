"""A text layer for scanned pages, by OCRmyPDF (Tesseract underneath).

OCRmyPDF's output is not the same twice: it names the text layer's form
after a random token (``/OCR-AUaKJ9mM...``) and stamps the clock into the
document's dates and id. The bundle copies only pages, so the dates and id
never reach it (its own id is derived from its content), but the resource
names would. They are renamed here, in the order the page draws them, so
two builds from the same scan give the same bytes. Tesseract runs on one
thread, which is also what keeps its recognition the same from run to run.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

from ..errors import InvalidBundleError, Problem

#: OCR of a long scan takes a while; longer than this, something is wrong.
OCR_TIMEOUT_SECONDS = 600


def with_text_layer(data: bytes, where: str) -> bytes:
    """The PDF with a text layer on every page that has none, with
    deterministic resource names (see the module's notes)."""
    program = shutil.which("ocrmypdf")
    if program is None:
        raise InvalidBundleError(
            [Problem(where, "has pages without text, and --ocr needs OCRmyPDF and Tesseract, which are not installed")]
        )
    with tempfile.TemporaryDirectory(prefix="permdocs-ocr-") as folder:
        source, target = Path(folder, "in.pdf"), Path(folder, "out.pdf")
        source.write_bytes(data)
        done = subprocess.run(
            [program, "--skip-text", "--quiet", "--jobs", "1", "--output-type", "pdf", str(source), str(target)],
            capture_output=True,
            timeout=OCR_TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        if done.returncode != 0 or not target.is_file():
            raise InvalidBundleError([Problem(where, f"OCRmyPDF could not add a text layer (exit {done.returncode})")])
        return normalised(target.read_bytes())


def normalised(data: bytes) -> bytes:
    """``data`` with every page's XObject names replaced by ``/Xo0``,
    ``/Xo1`` ... in the order its content draws them, and without the
    clock-dependent metadata."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _rename_xobjects(pdf, page)
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                del pdf.docinfo[key]
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def _rename_xobjects(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    xobjects = page.resources.get("/XObject")
    if xobjects is None:
        return
    instructions = pikepdf.parse_content_stream(page)
    renamed: dict[str, pikepdf.Name] = {}
    for instruction in instructions:
        if str(instruction.operator) == "Do":
            name = str(instruction.operands[0])
            if name in xobjects and name not in renamed:
                renamed[name] = pikepdf.Name(f"/Xo{len(renamed)}")
    if not renamed:
        return
    # A new dictionary for this page, as pages may share the old one; a name
    # the page never draws is left out.
    fresh = pikepdf.Dictionary({str(new): xobjects[old] for old, new in renamed.items()})
    rewritten = [
        pikepdf.ContentStreamInstruction([renamed[str(i.operands[0])]], i.operator)
        if str(i.operator) == "Do" and str(i.operands[0]) in renamed
        else i
        for i in instructions
    ]
    resources = pikepdf.Dictionary({key: page.resources[key] for key in page.resources.keys()})
    resources.XObject = fresh
    page.obj.Resources = resources
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
