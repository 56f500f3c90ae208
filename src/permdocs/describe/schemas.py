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

from ..base.schema_generation import json_schema
from ..case import Case
from ..practice.knowledge import KnowledgeBase
from ..profiles.model import Profile

#: The published schemas, as ``permdocs schema --of`` names them.
SCHEMA_NAMES = ("case", "profile", "routes", "bundle")


def case_json_schema() -> dict[str, Any]:
    """The case file's schema."""
    return json_schema(Case, "case")


def schema_text(name: str) -> str:
    """A published schema as committed: two-space indented, ending in a newline.

    ``name`` is ``case``, ``profile``, ``routes`` (the knowledge base) or ``bundle`` (a bundle manifest).
    """
    from ..bundle.manifest import BundleManifest

    model = {"case": Case, "profile": Profile, "routes": KnowledgeBase, "bundle": BundleManifest}[name]
    return json.dumps(json_schema(model, name), indent=2, ensure_ascii=False) + "\n"


@cache
def published_schema(name: str) -> Mapping[str, Any]:
    """A published schema as data, made once: for reading only (messages,
    the starter's questions); read-only by contract, so never change it."""
    return MappingProxyType(json.loads(schema_text(name)))


def case_json_schema_text() -> str:
    return schema_text("case")
