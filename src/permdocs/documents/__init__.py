"""The document types permdocs renders, each a context builder plus templates.

To add a document type: write a module with ``NAME``, ``TITLE``, ``SUMMARY``,
``NEEDS`` and ``build_context(case, profile)`` returning a dataclass with a
``document`` field (a :class:`~permdocs.documents.common.DocumentInfo`), add templates named after ``NAME`` in
``templates/html/`` and ``templates/docx/``, and list the module below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..case import Case
from ..errors import UnknownDocumentError
from ..profiles import LoadedProfile
from . import care_plan_permanence, options_analysis, route_comparison


@dataclass(frozen=True)
class DocumentType:
    """A kind of document: what it is called, what it reads, how its context is built."""

    name: str
    title: str
    summary: str
    needs: tuple[str, ...]
    build_context: Callable[[Case, LoadedProfile], Any]

    @classmethod
    def from_module(cls, module: ModuleType) -> "DocumentType":
        return cls(module.NAME, module.TITLE, module.SUMMARY, module.NEEDS, module.build_context)


DOCUMENTS: dict[str, DocumentType] = {
    document.name: document
    for document in map(DocumentType.from_module, [care_plan_permanence, options_analysis, route_comparison])
}


def get_document(name: str) -> DocumentType:
    """The document type called ``name``, or UnknownDocumentError listing the choices."""
    try:
        return DOCUMENTS[name]
    except KeyError:
        choices = ", ".join(sorted(DOCUMENTS))
        raise UnknownDocumentError(f"There is no document type '{name}'. Choose from: {choices}.") from None
