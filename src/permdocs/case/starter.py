"""A starter case (``permdocs new``): every required field, each holding a
``FILL IN:`` placeholder that says what belongs there.

JSON has no comments, so the guidance goes where the social worker types:
in the value itself. The loader refuses a case while any placeholder is
left, naming each field ("still says FILL IN"), so a half-filled starter
can never become a document. The starter is made from the models, so a
new required field joins it by itself.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .placeholders import PLACEHOLDER, Location, is_placeholder, placeholder_locations, placeholder_message

__all__ = [
    "PLACEHOLDER", "Location", "is_placeholder", "placeholder_locations", "placeholder_message", "starter_case",
    "starter_text",
]

#: Optional parts a final document cannot do without (the checks report
#: their absence as errors), so the starter asks for them too.
EXPECTED_OPTIONAL = {("plans", "contingency"), ("voices", "child"), ("options", 0, "reasons")}
SCHEMA_FILE = "case.schema.json"


def starter_case(today: date, *, schema_file: str = SCHEMA_FILE) -> dict[str, Any]:
    """The starter case as JSON data: ``$schema`` for editors, today's date
    as ``prepared_on``, and a placeholder in every other required field."""
    from .model import Case

    case = {"$schema": schema_file, **_model_starter(Case, ())}
    case["prepared_on"] = today.isoformat()
    return case


def starter_text(case: Mapping[str, Any]) -> str:
    """The starter as the file is written: two-space indented UTF-8 JSON."""
    return json.dumps(case, indent=2, ensure_ascii=False) + "\n"


def _model_starter(model: type[BaseModel], loc: Location) -> dict[str, Any]:
    starter: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key == "$schema":
            continue
        if info.is_required() or (*loc, key) in EXPECTED_OPTIONAL:
            starter[key] = _value_starter(unwrap_optional(info.annotation), info, (*loc, key))
    return starter


def unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _value_starter(annotation: Any, info: FieldInfo, loc: Location, metadata: tuple[Any, ...] | None = None) -> Any:
    if metadata is None:
        metadata = tuple(info.metadata)
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, metadata = typing.get_args(annotation)[0], typing.get_args(annotation)[1:]
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if origin is list:
        item = unwrap_optional(typing.get_args(annotation)[0])
        return [_value_starter(item, info, (*loc, 0), ())]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_starter(annotation, loc)
    what = info.description or info.title or ""
    kind = _kind_words(annotation, metadata)
    return f"{PLACEHOLDER}: {kind}. {what}" if kind else f"{PLACEHOLDER}: {what}"


def _kind_words(annotation: Any, metadata: tuple[Any, ...]) -> str:
    """What kind of value a placeholder stands for."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(str(member.value) for member in annotation)
    if annotation is date:
        return "a date, YYYY-MM-DD"
    if annotation is bool:
        return "true or false, without quotes"
    if annotation is int:
        return "a whole number, without quotes"
    patterns = {getattr(item, "pattern", None) for item in metadata}
    if r"^[a-z0-9][a-z0-9-]{0,62}$" in patterns:
        return "an id (lower-case letters, digits and hyphens, e.g. 'maternal-aunt')"
    if r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$" in patterns:
        return "a reference (letters, digits and / _ . -, no spaces)"
    return ""
