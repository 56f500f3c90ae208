"""The case model's base class and text types (see :mod:`permdocs.base.strict`)."""

from __future__ import annotations

from ..base.strict import (
    NARRATIVE_MAX_CHARS,
    CalendarDate,
    CaseReference,
    Code,
    Identifier,
    Name,
    Narrative,
    ShortText,
    StrictModel,
    field,
)

__all__ = [
    "NARRATIVE_MAX_CHARS", "CalendarDate", "CaseModel", "CaseReference", "Code", "Identifier", "Name", "Narrative",
    "ShortText", "field",
]


class CaseModel(StrictModel):
    """Base of every part of the case file."""
