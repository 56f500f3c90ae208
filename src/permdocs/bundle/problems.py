"""Pydantic's validation errors about a manifest, in plain words.

Pydantic writes for programmers ("String should match pattern '^[A-Z]$'",
"List should have at least 1 item after validation, not 0"). A manifest is
written by a lawyer or a bundle clerk, so each problem says, at its JSON
path, what the field must be.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ..case.loading import json_path
from ..case.messages import plain_message
from ..errors import Problem

#: What each patterned field must look like, by the field's name.
_PATTERNS = {
    "letter": "must be one capital letter, A to Z",
    "case_number": "must be the court's case number: up to 40 letters, digits, spaces and / _ . -",
    "child_initials": "must be the child's initials in capitals, such as A.M.S. (never a name)",
}
_IDENTIFIER = "must be a short lower-case name, such as care-plan (letters, digits and hyphens)"
#: What an empty list is missing, by the list's name.
_EMPTY_LISTS = {
    "sections": "lists no sections; a bundle needs at least one",
    "documents": "lists no documents; a section needs at least one",
    "parties": "lists no parties; name at least the applicant",
}


def plain_problems(error: ValidationError, schema: Mapping[str, Any]) -> list[Problem]:
    """Each problem at its JSON path: the manifest's own words for its fields,
    and the case file's plain words (with "did you mean") for the rest, read
    from the manifest's published ``schema``."""
    problems = []
    for detail in error.errors(include_url=False):
        # The union's tags ('permdocs', 'external') are Pydantic's, not the user's.
        loc = [step for step in detail["loc"] if step not in ("permdocs", "external")]
        key_of_mapping = bool(loc) and loc[-1] == "[key]"
        if key_of_mapping:
            loc.pop()
        field_name = next((step for step in reversed(loc) if isinstance(step, str)), "")
        message = _IDENTIFIER if key_of_mapping else _message(detail, field_name)
        if message is None:
            message = plain_message(detail, schema, tuple(loc))
        problems.append(Problem(json_path(tuple(loc)), message))
    return problems


def _message(detail: Any, field_name: str) -> str | None:
    """The manifest's own words for a problem, or None for the shared ones.
    The user's input is never quoted."""
    kind, context = detail["type"], detail.get("ctx", {})
    if kind == "too_short":
        return _EMPTY_LISTS.get(field_name, f"must list at least {context.get('min_length', 1)}")
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than the {context.get('max_length')} characters allowed"
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(field_name, _IDENTIFIER)
    if kind == "greater_than_equal":
        return f"must be at least {context.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {context.get('le')}"
    if kind in ("int_parsing", "int_from_float"):
        return "must be a whole number"
    return None
