"""The published JSON Schemas (case file, council profile, knowledge base),
generated from the models.

``schemas/*.schema.json`` are this module's text, committed; a test fails
when they drift apart. Strictness that JSON Schema cannot say (NFC, control
characters, cross-field rules) lives only in the models, which are the
authority.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from .case import Case
from .knowledge import KnowledgeBase
from .profiles.model import Profile
from .strict import code_description

SCHEMA_BASE = "https://permdocs.invalid/schemas"
#: The published schemas, as ``permdocs schema --of`` names them.
SCHEMA_NAMES = ("case", "profile", "routes", "bundle")


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
            json_schema["oneOf"] = [{"const": m.value, "description": code_description(m)} for m in members]
        return json_schema


def json_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    """A model as a JSON Schema (draft 2020-12) document."""
    schema = model.model_json_schema(mode="validation", by_alias=True, schema_generator=_TitledFieldsSchema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{SCHEMA_BASE}/{name}.schema.json", **schema}


def case_json_schema() -> dict[str, Any]:
    """The case file's schema."""
    return json_schema(Case, "case")


def schema_text(name: str) -> str:
    """A published schema as committed: two-space indented, ending in a newline.

    ``name`` is ``case``, ``profile``, ``routes`` (the knowledge base) or ``bundle`` (a bundle manifest).
    """
    from .bundle.manifest import BundleManifest

    model = {"case": Case, "profile": Profile, "routes": KnowledgeBase, "bundle": BundleManifest}[name]
    return json.dumps(json_schema(model, name), indent=2, ensure_ascii=False) + "\n"


@cache
def published_schema(name: str) -> Mapping[str, Any]:
    """A published schema as data, made once: for reading only (messages,
    the starter's questions); read-only by contract, so never change it."""
    return MappingProxyType(json.loads(schema_text(name)))


def case_json_schema_text() -> str:
    return schema_text("case")
