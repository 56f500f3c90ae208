"""The document types permdocs renders: one folder each.

To add a document: make a folder here holding ``document.toml`` (its
declaration), ``__init__.py`` (its context builder), ``NAME.html`` and
``NAME.docx`` (its templates), then add its folder to ``_FOLDERS`` below.
See :mod:`permdocs.documents.declaration` and the README's contributor
section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..checks import CopyReach
from ..errors import UnknownDocumentError
from .declaration import Audience, DocumentType, Output
from .folders import document_from_folder, document_from_package

if TYPE_CHECKING:
    from ..case import Case

__all__ = [
    "DOCUMENTS", "Audience", "DocumentType", "Output", "copies_of", "document_from_package", "get_document",
    "resolve_documents",
]

#: The registry: one line per document folder. Each is read from its
#: document.toml here; its Python package is imported only when a document of
#: its kind is built, so that rendering one document (or listing them all)
#: does not import every document's code.
_FOLDERS = (
    "care_plan_permanence",
    "options_analysis",
    "route_comparison",
    "later_life_letter",
    "family_time",
    "cpr",
    "chronology",
    "case_summary",
    "family_tree",
)

DOCUMENTS: dict[str, DocumentType] = {doc.name: doc for doc in map(document_from_folder, _FOLDERS)}


def get_document(name: str) -> DocumentType:
    """The document type called ``name``, or UnknownDocumentError listing the choices."""
    try:
        return DOCUMENTS[name.strip().lower()]
    except KeyError:
        choices = ", ".join(sorted(DOCUMENTS))
        raise UnknownDocumentError(f"There is no document type '{name}'. Choose from: {choices}, or all.") from None


def resolve_documents(names: str) -> list[DocumentType]:
    """A comma-separated list of document names, or ``all``, as document types."""
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    if [name.lower() for name in wanted] == ["all"]:
        return list(DOCUMENTS.values())
    if not wanted:
        raise UnknownDocumentError(f"Name at least one document type. Choose from: {', '.join(sorted(DOCUMENTS))}, or all.")
    return list({doc.name: doc for doc in map(get_document, wanted)}.values())


def copies_of(case: "Case") -> tuple[CopyReach, ...]:
    """Every copy of every document this case will produce, as the checks
    need to know it: what each prints and what it withholds (SG-001)."""
    return tuple(
        CopyReach(document.reads, audience.withholds, audience.for_a_child, f"the {document.title} ({audience.title})")
        for document in DOCUMENTS.values() if not document.missing_from(case)
        for audience in document.audiences.values()
    )
