"""The starter's placeholders (``FILL IN: ...``) and how they are found and
reported: below the models, the loader and the cross-reference rules, which
all ask whether a value is still a placeholder (:mod:`.starter` makes them).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Location = tuple[str | int, ...]

#: Every placeholder starts with this. Nothing a worker writes does.
PLACEHOLDER = "FILL IN"


def is_placeholder(value: Any) -> bool:
    """Whether a value is a starter's placeholder, still to be filled in."""
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER)


def placeholder_locations(node: Any, loc: Location = ()) -> Iterator[Location]:
    """Where a parsed case still holds placeholders, in file order."""
    if is_placeholder(node):
        yield loc
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from placeholder_locations(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from placeholder_locations(value, (*loc, index))


def placeholder_message(field_schema: Mapping[str, Any] | None) -> str:
    """The message for a field that still holds its placeholder: what to
    write, from the schema (the placeholder itself is not quoted)."""
    if not field_schema:
        return "still says FILL IN: replace the placeholder with the real value"
    what = str(field_schema.get("description") or field_schema.get("title") or "").rstrip(".")
    return f"still says FILL IN: replace it ({field_schema.get('title', 'this field')}: {what})"
