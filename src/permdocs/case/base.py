"""The case model's base class and text types (see :mod:`permdocs.base.strict`)."""

from __future__ import annotations

from pydantic import PrivateAttr

from ..base.strict import (
    NARRATIVE_MAX_CHARS,
    CalendarDate,
    CaseReference,
    Code,
    CodeText,
    Identifier,
    Name,
    Narrative,
    ShortText,
    StrictModel,
    field,
)

__all__ = [
    "NARRATIVE_MAX_CHARS", "CalendarDate", "CaseModel", "CaseReference", "Code", "CodeText", "Identifier", "Name",
    "Narrative",
    "ShortText", "field",
]


class CaseModel(StrictModel):
    """Base of every part of the case file."""

    # The fields a copy withheld, set by redaction: a document says "not shown
    # in this copy" only for a value there was, and "not known" for one there was not.
    _withheld: frozenset[str] = PrivateAttr(default=frozenset())

    def was_withheld(self, name: str) -> bool:
        """Whether this copy withheld a value of field ``name`` (not whether one was ever recorded)."""
        return name in self._withheld
