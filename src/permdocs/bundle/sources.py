"""The documents of a bundle, each made into PDF bytes and checked.

A permdocs entry is rendered from its case through the ordinary pipeline,
in the court's copy unless the manifest says otherwise. An external entry is
read from disk and refused, naming its manifest entry, if it is missing, not
a PDF, encrypted, damaged or empty. Every document is looked at for a text
layer: a scan without one cannot be searched, which the e-bundle guidance
asks for, so it is reported (and, with OCR, given one).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pikepdf

from ..errors import InvalidBundleError, PermdocsError, Problem
from .manifest import ExternalEntry, LoadedManifest, PermdocsEntry

#: Larger external PDFs are refused rather than read into memory.
MAX_EXTERNAL_PDF_BYTES = 512 * 1024 * 1024

#: The page-limit kind of each permdocs document, where a limit applies.
KIND_OF_DOCUMENT = {"care-plan-permanence": "care-plan"}

#: Text-showing operators of PDF content streams.
_TEXT_OPERATORS = "Tj TJ ' \""


@dataclass(frozen=True)
class SourceDocument:
    """One document of the bundle, ready to merge."""

    where: str  # the manifest entry's JSON path, for messages
    title: str
    dated: date
    author: str
    kind: str | None
    pdf: bytes
    pages: int
    pages_without_text: int


def gather_documents(loaded: LoadedManifest, *, ocr: bool = False) -> list[list[SourceDocument]]:
    """Every section's documents, in order. All problems found are reported
    together, so a user fixes the manifest in one pass."""
    problems: list[Problem] = []
    cases: dict[Path, object] = {}
    sections: list[list[SourceDocument]] = []
    for s, section in enumerate(loaded.manifest.sections):
        documents = []
        for d, entry in enumerate(section.documents):
            where = f"$.sections[{s}].documents[{d}]"
            try:
                if isinstance(entry, PermdocsEntry):
                    document = _rendered(loaded, entry, where, cases)
                else:
                    document = _external(loaded, entry, where, ocr=ocr)
            except InvalidBundleError as error:
                problems.extend(error.problems)
                continue
            documents.append(document)
        sections.append(documents)
    if problems:
        raise InvalidBundleError(problems)
    return sections


def _rendered(loaded: LoadedManifest, entry: PermdocsEntry, where: str, cases: dict[Path, object]) -> SourceDocument:
    import permdocs

    path = loaded.resolve(entry.case, f"{where}.case")
    try:
        if path not in cases:
            cases[path] = permdocs.load_case(path)
        case = cases[path]
        assert isinstance(case, permdocs.Case)
        declaration = permdocs.DOCUMENTS.get(entry.document)
        if declaration is None:
            raise InvalidBundleError(
                [Problem(f"{where}.document", f"is not a permdocs document; choose one of {', '.join(permdocs.DOCUMENTS)}")]
            )
        if entry.audience not in declaration.audiences:
            offered = ", ".join(declaration.audiences)
            raise InvalidBundleError(
                [Problem(f"{where}.audience", f"is not a copy this document offers; it offers {offered}")]
            )
        pdf = permdocs.render(case, entry.document, "pdf", audience=entry.audience, arrangement=entry.arrangement)
    except InvalidBundleError:
        raise
    except PermdocsError as error:
        # The case's own problems, indented under the entry that named it.
        detail = str(error).replace("\n", "\n    ")
        raise InvalidBundleError([Problem(f"{where}.case", f"cannot be rendered: {detail}")]) from None
    social_worker = case.authorship.social_worker
    return _document(
        where,
        pdf,
        title=entry.title or declaration.title,
        dated=case.prepared_on,
        author=f"{social_worker.name}, {social_worker.role}",
        kind=entry.kind or KIND_OF_DOCUMENT.get(entry.document),
    )


def _external(loaded: LoadedManifest, entry: ExternalEntry, where: str, *, ocr: bool) -> SourceDocument:
    path = loaded.resolve(entry.pdf, f"{where}.pdf")
    data = _read_pdf(path, f"{where}.pdf")
    if ocr:
        with _open_checked(data, f"{where}.pdf") as pdf:
            scanned = any(not _shows_text(page) for page in pdf.pages)
        if scanned:
            data = _with_text_layer(data, f"{where}.pdf")
    return _document(
        where, data, title=entry.title, dated=entry.dated, author=entry.author, kind=entry.kind, file_field=".pdf"
    )


def _read_pdf(path: Path, where: str) -> bytes:
    try:
        if path.is_dir():
            raise InvalidBundleError([Problem(where, f"is a folder, not a PDF: {path}")])
        if path.stat().st_size > MAX_EXTERNAL_PDF_BYTES:
            raise InvalidBundleError([Problem(where, f"is larger than {MAX_EXTERNAL_PDF_BYTES // 2**20} MB: {path}")])
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidBundleError([Problem(where, f"no such file: {path}")]) from None
    except OSError as error:
        raise InvalidBundleError([Problem(where, f"cannot be read ({type(error).__name__}): {path}")]) from None
    # Readers accept a header within the first kilobyte; so do we.
    if b"%PDF-" not in data[:1024]:
        raise InvalidBundleError([Problem(where, f"is not a PDF file: {path}")])
    return data


def _document(
    where: str, data: bytes, *, title: str, dated: date, author: str, kind: str | None, file_field: str = ""
) -> SourceDocument:
    with _open_checked(data, where + file_field) as pdf:
        pages = len(pdf.pages)
        without_text = sum(1 for page in pdf.pages if not _shows_text(page))
    return SourceDocument(where, title, dated, author, kind, data, pages, without_text)


def _open_checked(data: bytes, where: str) -> pikepdf.Pdf:
    try:
        pdf = pikepdf.open(io.BytesIO(data), attempt_recovery=False)
    except pikepdf.PasswordError:
        raise InvalidBundleError([Problem(where, "is encrypted with a password; ask for an unprotected copy")]) from None
    except (pikepdf.PdfError, ValueError, RuntimeError):
        raise InvalidBundleError([Problem(where, "is damaged: its structure cannot be read")]) from None
    if pdf.is_encrypted:
        pdf.close()
        raise InvalidBundleError(
            [Problem(where, "is encrypted; save an unencrypted copy (for example 'qpdf --decrypt IN OUT')")]
        )
    if len(pdf.pages) == 0:
        pdf.close()
        raise InvalidBundleError([Problem(where, "has no pages")])
    return pdf


def _shows_text(page: pikepdf.Page | pikepdf.Object, depth: int = 0) -> bool:
    """Whether a page (or a form it draws) shows any text: a scan shows none."""
    try:
        if pikepdf.parse_content_stream(page, _TEXT_OPERATORS):
            return True
    except pikepdf.PdfError:
        return False
    resources = page.get("/Resources") if isinstance(page, pikepdf.Object) else page.obj.get("/Resources")
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    # Forms may nest; a few levels cover real documents and stop loops.
    return depth < 4 and any(
        _shows_text(xobject, depth + 1) for xobject in xobjects.values() if xobject.get("/Subtype") == "/Form"
    )


def _with_text_layer(data: bytes, where: str) -> bytes:
    """The PDF with a text layer added by OCRmyPDF (Tesseract underneath)."""
    program = shutil.which("ocrmypdf")
    if program is None:
        raise InvalidBundleError(
            [Problem(where, "has pages without text, and --ocr needs OCRmyPDF and Tesseract, which are not installed")]
        )
    with tempfile.TemporaryDirectory(prefix="permdocs-ocr-") as folder:
        source, target = Path(folder, "in.pdf"), Path(folder, "out.pdf")
        source.write_bytes(data)
        done = subprocess.run(
            [program, "--skip-text", "--quiet", "--output-type", "pdf", str(source), str(target)],
            capture_output=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0 or not target.is_file():
            raise InvalidBundleError([Problem(where, f"OCRmyPDF could not add a text layer (exit {done.returncode})")])
        return target.read_bytes()
