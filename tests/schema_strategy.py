"""Hypothesis strategies built from a JSON Schema (the published case schema).

Small on purpose: it knows the keywords our schemas use ($ref, anyOf, enum,
const, object, array, string with format, pattern and lengths, integer,
boolean, null). Generated text is kept short; dates fall in the model's range.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import strategies as st

#: How the patterns of permdocs' text types begin (no FILL IN placeholder).
TEXT_PATTERN_START = "^(?!"
TEXT = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x24F, categories=("L", "N", "P", "Zs")), min_size=1, max_size=30)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values the schema describes (mostly valid, sometimes not quite: the
    model is stricter than the schema, which is what the test is after)."""
    return _strategy(schema, schema.get("$defs", {}))


def _strategy(node: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        return st.deferred(lambda: _strategy(defs[node["$ref"].rsplit("/", 1)[-1]], defs))
    if "anyOf" in node:
        return st.one_of([_strategy(option, defs) for option in node["anyOf"]])
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        properties = node.get("properties", {})
        required = set(node.get("required", ()))
        return st.fixed_dictionaries(
            {name: _strategy(sub, defs) for name, sub in properties.items() if name in required},
            optional={name: _strategy(sub, defs) for name, sub in properties.items() if name not in required},
        )
    if kind == "array":
        return st.lists(_strategy(node.get("items", {}), defs), min_size=node.get("minItems", 0), max_size=3)
    if kind == "string":
        if node.get("format") == "date":
            return st.dates(date(1900, 1, 1), date(2200, 12, 31)).map(date.isoformat)
        if node.get("pattern", "").startswith(TEXT_PATTERN_START):
            # Free text: printable Latin text, as a person types it, that the pattern allows.
            return TEXT.filter(re.compile(node["pattern"]).search)
        if "pattern" in node:
            return st.from_regex(node["pattern"], fullmatch=True).filter(lambda s: len(s) <= 60)
        return TEXT
    if kind == "integer":
        return st.integers(node.get("minimum", -1000), node.get("maximum", 1000))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return st.none()
