"""How permdocs' models become JSON Schema: with each field's own title kept,
and every code's meaning (and other names for it) published beside it.

Apart from :mod:`permdocs.describe.schemas`, which publishes the schemas, so that the
case package can describe its own fields in messages without importing the
knowledge base or profiles.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from .strict import code_aliases, code_description

SCHEMA_BASE = "https://permdocs.invalid/schemas"
#: The JSON Schema keyword for the other names people use for a code
#: (``kinship`` for ``connected_persons_fostering``), which "did you mean" reads.
ALIASES_KEYWORD = "x-also-known-as"


class _TitledFieldsSchema(GenerateJsonSchema):
    """Keeps each field's own title where the field refers to a model or an
    enum. Pydantic drops it when it equals the model's title, but schema
    viewers show a field's title only if the field itself carries it."""

    def handle_ref_overrides(self, json_schema: dict[str, Any]) -> dict[str, Any]:
        title = json_schema.get("title")
        reduced = super().handle_ref_overrides(json_schema)
        return reduced if title is None else {**reduced, "title": title}

    def enum_schema(self, schema: Any) -> dict[str, Any]:
        """An enum's values, and what each means: ``enum`` for every schema
        reader, and ``oneOf`` a ``const`` with its ``description`` for each,
        which editors (VS Code and others) show beside the value."""
        json_schema = super().enum_schema(schema)
        members = list(schema["cls"])
        if members and all(code_description(member) for member in members):
            json_schema["oneOf"] = [_described(member) for member in members]
        return json_schema


def json_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    """A model as a JSON Schema (draft 2020-12) document."""
    schema = model.model_json_schema(mode="validation", by_alias=True, schema_generator=_TitledFieldsSchema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{SCHEMA_BASE}/{name}.schema.json", **schema}


def _described(member: Any) -> dict[str, Any]:
    branch: dict[str, Any] = {"const": member.value, "description": code_description(member)}
    if code_aliases(member):
        branch[ALIASES_KEYWORD] = list(code_aliases(member))
    return branch
