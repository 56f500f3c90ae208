"""Pydantic's validation errors in plain words, for the person who wrote the
file: what is wrong, what would be right, and "did you mean" where a field
name or a code is nearly right.

The published JSON Schema is the reference for what would be right (the
field names of an object, the codes a field takes, what each means), so
case files, council profiles and bundle manifests share these messages.
The value a person wrote is used to find a suggestion and is never printed:
it may be a child's name. What is printed are names from the schema.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from ..base.schema_generation import ALIASES_KEYWORD
from ..errors import Problem

Location = tuple[str | int, ...]
Schema = Mapping[str, Any]

#: What each constrained text form in the models may hold, said in words
#: instead of the regular expression that checks it.
PATTERN_WORDS = {
    r"^[a-z0-9][a-z0-9-]{0,62}$": (
        "must be an id: lower-case letters a-z, digits 0-9 and hyphens, starting with a letter or digit, "
        "at most 63 characters, no spaces (for example 'maternal-aunt')"
    ),
    r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$": (
        "must be a reference of at most 40 letters, digits and the characters / _ . -, starting with a "
        "letter or digit, no spaces (for example 'FX-2026-0412')"
    ),
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$": "must be a time on the 24-hour clock, written HH:MM (for example '14:30')",
    r"^#[0-9A-Fa-f]{6}$": "must be a colour written as # and six hexadecimal digits (for example '#1F4E79')",
    r"^[A-Za-z0-9+/]+={0,2}$": "must be base64 text: letters, digits, + and /, perhaps ending in =",
    r"^[A-Z]$": "must be one capital letter, A to Z",
    r"^[A-Za-z0-9][A-Za-z0-9/_. -]{0,39}$": (
        "must be a case number of at most 40 letters, digits, spaces and / _ . -, starting with a letter or digit"
    ),
    r"^[A-Z](\.?[A-Z]){0,5}\.?$": "must be initials: capital letters, with or without full stops (for example 'A.M.')",
}


def problems_from(error: ValidationError, schema: Schema, *, where: Callable[[Location], str]) -> list[Problem]:
    """Each error as a Problem at ``where(loc)``."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        problems.append(Problem(where(loc), plain_message(detail, schema, loc)))
    return problems


def plain_message(detail: Mapping[str, Any], schema: Schema, loc: Location) -> str:
    """One error in words. ``detail`` is one of ``ValidationError.errors()``;
    its ``input`` helps find a suggestion and is never quoted."""
    kind = detail["type"]
    context = detail.get("ctx") or {}
    supplied = detail.get("input")
    if kind == "missing":
        return _missing(schema, loc)
    if kind == "extra_forbidden":
        return _not_a_field(schema, loc)
    if kind in ("enum", "literal_error"):
        return _not_a_code(schema, loc, supplied)
    if kind == "string_pattern_mismatch":
        return PATTERN_WORDS.get(str(context.get("pattern")), "is not written in the form this field needs")
    if kind in ("date_parsing", "date_from_datetime_parsing"):
        return _not_a_date(supplied)
    if kind in ("value_error", "assertion_error"):
        return str(detail["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("string_type", "bool_type", "int_type", "float_type", "list_type", "model_type",
                "model_attributes_type", "dict_type", "date_type") and supplied is None:
        return f"must not be null: {_TYPE_WORDS[kind]}"
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind]
    if kind in _SIZE_WORDS:
        return _SIZE_WORDS[kind](context)
    return str(detail["msg"])


_TYPE_WORDS = {
    "string_type": "must be text in double quotes",
    "bool_type": "must be true or false, without quotes",
    "bool_parsing": "must be true or false, without quotes",
    "int_type": "must be a whole number, without quotes",
    "int_parsing": "must be a whole number, without quotes",
    "int_from_float": "must be a whole number, without a decimal point",
    "float_type": "must be a number, without quotes",
    "list_type": "must be a list, in square brackets [ ]",
    "tuple_type": "must be a list, in square brackets [ ]",
    "model_type": "must be an object, in curly brackets { }",
    "model_attributes_type": "must be an object, in curly brackets { }",
    "dict_type": "must be an object, in curly brackets { }",
    "date_type": "must be a date written as a string in the form YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date only (YYYY-MM-DD), without a time",
    "string_unicode": "must be valid Unicode text",
    "finite_number": "must be a finite number (not NaN or Infinity)",
}


def _not_a_date(supplied: Any) -> str:
    """Why a string is not a date, from its shape alone (it is not quoted)."""
    message = "is not a real calendar date in the form YYYY-MM-DD"
    if not isinstance(supplied, str):
        return message
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", supplied):
        return f"{message}: there is no such day"
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", supplied.strip()):
        return f"{message}: give the month and the day two digits each (2026-12-01, not 2026-12-1)"
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", supplied.strip()):
        return f"{message}: write the year first (2026-11-20 for 20 November 2026), not day/month/year"
    if "T" in supplied or ":" in supplied:
        return f"{message}: a date only, without a time"
    return message


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number:,} {singular if number == 1 else plural}"


_SIZE_WORDS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "string_too_short": lambda c: "must not be empty" if c.get("min_length") == 1
    else f"must be at least {_count(c['min_length'], 'character', 'characters')} long",
    "string_too_long": lambda c: f"must be at most {_count(c['max_length'], 'character', 'characters')} long",
    "too_short": lambda c: f"must have at least {_count(c['min_length'], 'entry', 'entries')}",
    "too_long": lambda c: f"must have at most {_count(c['max_length'], 'entry', 'entries')}",
    "greater_than_equal": lambda c: f"must be at least {c['ge']}",
    "greater_than": lambda c: f"must be more than {c['gt']}",
    "less_than_equal": lambda c: f"must be at most {c['le']}",
    "less_than": lambda c: f"must be less than {c['lt']}",
}


# --- finding the schema of a location --------------------------------------

def resolve(schema: Schema, node: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """A schema node with ``$ref`` followed and an optional (``X | null``) unwrapped."""
    while node is not None:
        if "$ref" in node:
            node = schema["$defs"][str(node["$ref"]).rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            branches = [b for b in node["anyOf"] if b.get("type") != "null"]
            if len(branches) != 1:
                return node
            node = branches[0]
        else:
            return node
    return None


def field_at(schema: Schema, loc: Location) -> Mapping[str, Any] | None:
    """The schema of the field at ``loc`` as its parent declares it (with
    its own title and description), or None where the schema has no such field."""
    node: Mapping[str, Any] | None = schema
    for step in loc:
        parent = resolve(schema, node)
        if parent is None:
            return None
        if isinstance(step, int):
            node = parent.get("items")
        else:
            properties = parent.get("properties", {})
            extra = parent.get("additionalProperties")
            node = properties.get(step, extra if isinstance(extra, Mapping) else None)
        if node is None:
            return None
    return node


def codes_of(schema: Schema, loc: Location) -> list[tuple[str, str]]:
    """The codes a field takes and what each means (``enum`` with the
    ``oneOf`` descriptions, or a ``const``)."""
    node = resolve(schema, field_at(schema, loc))
    if node is None:
        return []
    if "const" in node:
        return [(str(node["const"]), "")]
    meanings = {str(b["const"]): str(b.get("description", "")) for b in node.get("oneOf", []) if "const" in b}
    return [(str(value), meanings.get(str(value), "")) for value in node.get("enum", [])]


def _missing(schema: Schema, loc: Location) -> str:
    node = field_at(schema, loc)
    if node is None or not node.get("title"):
        return "is required but missing"
    description = str(node.get("description", "")).rstrip(".")
    return f"is required but missing ({node['title']}: {description})" if description else f"is required but missing ({node['title']})"


def _not_a_field(schema: Schema, loc: Location) -> str:
    parent = resolve(schema, field_at(schema, loc[:-1]))
    names = list((parent or {}).get("properties", {}))
    if not names:
        return "is not a field here (check the spelling)"
    suggestion = did_you_mean(str(loc[-1]), names)
    if suggestion:
        return f"is not a field here; did you mean '{suggestion}'?"
    return f"is not a field here (check the spelling). The fields here are: {', '.join(names)}"


def aliases_of(schema: Schema, loc: Location) -> dict[str, str]:
    """Other names for the codes a field takes (``kinship``), folded as
    :func:`did_you_mean` compares them, each to its code."""
    node = resolve(schema, field_at(schema, loc)) or {}
    return {
        fold(alias): str(branch["const"])
        for branch in node.get("oneOf", []) for alias in branch.get(ALIASES_KEYWORD, [])
    }


def _not_a_code(schema: Schema, loc: Location, supplied: Any) -> str:
    codes = [code for code, _ in codes_of(schema, loc)]
    aliases = aliases_of(schema, loc)
    if not codes:
        return "is not one of the values this field takes"
    listed = ", ".join(codes)
    if len(codes) == 1:
        return f"must be {_json_literal(codes[0])}"
    suggestion = did_you_mean(supplied, codes, aliases) if isinstance(supplied, str) else None
    if suggestion:
        return f"did you mean '{suggestion}'? It must be one of the codes: {listed}"
    return f"must be one of the codes: {listed}"


def _json_literal(code: str) -> str:
    return f'"{code}" (in double quotes)'


def did_you_mean(written: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The choice closest to what was written: the same but for case,
    hyphens or spaces; another name for it (``aliases``); or a near
    spelling (difflib). None when nothing is close."""
    choices = list(choices)
    folded = fold(written)
    for choice in choices:
        if fold(choice) == folded:
            return choice
    if aliases and folded in aliases and aliases[folded] in choices:
        return aliases[folded]
    close = difflib.get_close_matches(folded, [fold(c) for c in choices], n=1, cutoff=0.75)
    if close:
        return next(choice for choice in choices if fold(choice) == close[0])
    # A short form of exactly one code ("Sat" for saturday, "kinship carer"
    # for kinship_carer...): the code it begins, or the one code it names a part of.
    starting = [c for c in choices if len(folded) >= 3 and fold(c).startswith(folded)]
    if len(starting) == 1:
        return starting[0]
    words = [w for w in folded.split("_") if len(w) >= 4]
    holding = [c for c in choices if words and all(w in fold(c) for w in words)]
    if len(holding) == 1:
        return holding[0]
    return None


def fold(text: str) -> str:
    """A name as compared for suggestions: case, hyphens and spaces aside."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")
