"""The documents of a bundle, each made into PDF bytes and checked.

A permdocs entry is rendered from its case through the ordinary pipeline,
in the court's copy: another copy may show what the court's withholds from
the parents, so it is refused unless the entry says ``allow_non_court_copy:
true``. An external entry is read from disk and refused, naming its manifest
entry, if it is missing, not a PDF, encrypted, damaged (its structure, or any
page's content) or empty. Every page is measured (:mod:`.content`): what it
draws and where, for the stamp; its text sizes; and whether it has text at
all, since a scan without a text layer cannot be searched, which the
e-bundle guidance asks for (with ``--ocr`` it is given one).
"""

from __future__ import annotations

import io
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf

from ..errors import InvalidBundleError, PermdocsError, Problem
from .active_content import without_active_content
from .content import PageContent, measure_page
from .manifest import COURT_AUDIENCE, ExternalEntry, LoadedManifest, PermdocsEntry
from .ocr import with_text_layer
from .pdf_budget import OverBudget, ReadingBudget, check_structure
from .stamping import search_area

if TYPE_CHECKING:
    from ..case import Case
    from ..documents import DocumentType

#: Larger external PDFs are refused rather than read into memory.
MAX_EXTERNAL_PDF_BYTES = 512 * 1024 * 1024




@dataclass(frozen=True)
class SourceDocument:
    """One document of the bundle, ready to merge."""

    where: str  # the manifest entry's JSON path, for messages
    title: str
    dated: date
    author: str
    kind: str | None
    pdf: bytes
    contents: tuple[PageContent, ...]  # what each page draws (see .content)
    audience: str | None = None  # a permdocs document's copy
    pages_given_text: int = 0  # by OCR
    #: The active content taken out of an external PDF, in words (see .active_content).
    removed: tuple[str, ...] = ()
    #: The case a permdocs document was made from, for the checks against the case.
    case: "Case | None" = None

    @property
    def pages(self) -> int:
        return len(self.contents)

    @property
    def pages_without_text(self) -> int:
        return sum(1 for page in self.contents if not page.shows_text)


def gather_documents(loaded: LoadedManifest, *, ocr: bool = False) -> list[list[SourceDocument]]:
    """Every section's documents, in order. All problems found are reported
    together, so a user fixes the manifest in one pass."""
    problems: list[Problem] = []
    cases: dict[Path | str, Case] = {}
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


def _rendered(loaded: LoadedManifest, entry: PermdocsEntry, where: str, cases: dict[Path | str, Case]) -> SourceDocument:
    # The render layer's own entry points: a bundle is built on the pipeline, not on the library's faces.
    from ..case import Case as LoadedCase
    from ..case import load_case
    from ..documents import DOCUMENTS
    from ..rendering.pipeline import render_outputs
    from ..rendering.request import RenderRequest

    given = loaded.given(entry.case, f"{where}.case")
    key = given if isinstance(given, Path) else entry.case
    try:
        if key not in cases:
            cases[key] = given if isinstance(given, LoadedCase) else load_case(given)
        case = cases[key]
        declaration = DOCUMENTS.get(entry.document)
        if declaration is None:
            raise InvalidBundleError(
                [Problem(f"{where}.document", f"is not a permdocs document; choose one of {', '.join(DOCUMENTS)}")]
            )
        if entry.audience not in declaration.audiences:
            offered = ", ".join(declaration.audiences)
            raise InvalidBundleError(
                [Problem(f"{where}.audience", f"is not a copy this document offers; it offers {offered}")]
            )
        if entry.audience != COURT_AUDIENCE and not entry.allow_non_court_copy:
            raise InvalidBundleError([Problem(f"{where}.audience", _NOT_THE_COURTS_COPY.format(entry.audience))])
        options = dict(entry.options) | ({"arrangement": entry.arrangement} if entry.arrangement else {})
        _check_one_file(declaration, case, options, where)
        request = RenderRequest(entry.document, ("pdf",), entry.audience, options=options, for_bundle=True)
        outputs = render_outputs(case, request)
        pdf = next(iter(outputs.values()))
    except InvalidBundleError:
        raise
    except PermdocsError as error:
        # The case's own problems, indented under the entry that named it.
        detail = str(error).replace("\n", "\n    ")
        raise InvalidBundleError([Problem(f"{where}.case", f"cannot be rendered: {detail}")]) from None
    social_worker = case.authorship.social_worker
    return SourceDocument(
        where,
        entry.title or declaration.title,
        case.prepared_on,
        f"{social_worker.name}, {social_worker.role}",
        entry.kind or declaration.bundle_kind,
        pdf,
        _measured(pdf, where),
        audience=entry.audience,
        case=case,
    )


_NOT_THE_COURTS_COPY = (
    "is '{}', not 'court': a bundle goes to every party, the parents included, and this copy shows what the "
    "court's copy withholds (where the child lives, who the carers are); use the court's copy, or, where the "
    "court has directed this copy, say so with 'allow_non_court_copy: true' on this entry"
)


def _external(loaded: LoadedManifest, entry: ExternalEntry, where: str, *, ocr: bool) -> SourceDocument:
    given = loaded.given(entry.pdf, f"{where}.pdf")
    data = _read_pdf(given, f"{where}.pdf") if isinstance(given, Path) else _given_pdf(given, f"{where}.pdf")
    contents = _measured(data, f"{where}.pdf")
    data, removed = without_active_content(data, keep_web_links=entry.keep_web_links)
    if removed:
        contents = _measured(data, f"{where}.pdf")
    without_text = sum(1 for page in contents if not page.shows_text)
    given_text = 0
    if ocr and without_text:
        data = with_text_layer(data, f"{where}.pdf")
        contents = _measured(data, f"{where}.pdf")
        given_text = without_text - sum(1 for page in contents if not page.shows_text)
    return SourceDocument(
        where, entry.title, entry.dated, entry.author, entry.kind, data, contents, pages_given_text=given_text,
        removed=tuple(removed),
    )


def _read_pdf(path: Path, where: str) -> bytes:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InvalidBundleError([Problem(where, f"is a folder, not a PDF: {path}")])
        if not stat.S_ISREG(status.st_mode):
            # A FIFO or a device would block the read, or never end.
            raise InvalidBundleError([Problem(where, f"is not a regular file (a pipe or a device?): {path}")])
        if status.st_size > MAX_EXTERNAL_PDF_BYTES:
            raise InvalidBundleError([Problem(where, f"is larger than {MAX_EXTERNAL_PDF_BYTES // 2**20} MB: {path}")])
        with path.open("rb") as handle:
            data = handle.read(MAX_EXTERNAL_PDF_BYTES + 1)
    except FileNotFoundError:
        raise InvalidBundleError([Problem(where, f"no such file: {path}")]) from None
    except OSError as error:
        raise InvalidBundleError([Problem(where, f"cannot be read ({type(error).__name__}): {path}")]) from None
    # Readers accept a header within the first kilobyte; so do we.
    if b"%PDF-" not in data[:1024]:
        raise InvalidBundleError([Problem(where, f"is not a PDF file: {path}")])
    return data


def _given_pdf(data: object, where: str) -> bytes:
    """A PDF a case system gave in memory, held to the limits of one read from disk."""
    if not isinstance(data, bytes | bytearray):
        raise InvalidBundleError([Problem(where, f"is given as {type(data).__name__}, not as a PDF's bytes")])
    if len(data) > MAX_EXTERNAL_PDF_BYTES:
        raise InvalidBundleError([Problem(where, f"is larger than {MAX_EXTERNAL_PDF_BYTES // 2**20} MB")])
    if b"%PDF-" not in data[:1024]:
        raise InvalidBundleError([Problem(where, "is not a PDF file")])
    return bytes(data)


def _measured(data: bytes, where: str) -> tuple[PageContent, ...]:
    """Every page measured; a page whose content cannot be decoded makes
    the file damaged (qpdf --check would fail the bundle)."""
    with _open_checked(data, where) as pdf:
        contents: list[PageContent] = []
        budget = ReadingBudget()
        reading = False  # whether a page was being read, or the file's structure checked
        try:
            check_structure(pdf)
            reading = True
            for page in pdf.pages:
                contents.append(measure_page(page, look_at_pictures_in=search_area(page), budget=budget))
        except pikepdf.PdfError:
            raise InvalidBundleError(
                [Problem(where, f"is damaged: the content of page {len(contents) + 1} cannot be read")]
            ) from None
        except OverBudget as over:
            on_page = f" (found on page {len(contents) + 1})" if reading else ""
            raise InvalidBundleError([Problem(
                where, f"is more than permdocs will read: the file {over}{on_page}. Print it to a new PDF "
                "(which redraws what its software built) and name that file instead",
            )]) from None
    return tuple(contents)


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


def _check_one_file(declaration: "DocumentType", case: "Case", options: dict[str, str | bool], where: str) -> None:
    """A bundle entry is one PDF. A document made once per item of a list in
    the case (per family-time arrangement) needs the entry to name the item
    where the case has several: asked before rendering, since every item's
    copy would otherwise be made only to be refused."""
    for name, option in declaration.options.items():
        if option.takes != "an-id" or name in options:
            continue
        ids = option.ids_in(case)
        if len(ids) != 1:
            path = f"{where}.{name}" if name == "arrangement" else f"{where}.options.{name}"
            raise InvalidBundleError([Problem(
                path,
                f"is needed: this document is made once per {option.names}, and the case has "
                f"{len(ids)} ({', '.join(ids)}); name the one for this entry with '{name}: <id>'",
            )])
