"""The published JSON Schema says what permdocs says, wherever JSON Schema
can: every sample passes both, and every bad input (tests/bad_cases.py) is
refused by ``jsonschema`` exactly where the rule is one the schema can
express, at the same place in the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import permdocs

from bad_cases import BAD_CASES, BadCase
from conftest import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _json_path(steps: Any) -> str:
    path = "$"
    for step in steps:
        path += f"[{step}]" if isinstance(step, int) else f".{step}"
    return path


def _related(one: str, other: str) -> bool:
    """Whether one path lies on the other's way from the root (or is it)."""
    shorter, longer = sorted((one, other), key=len)
    return longer == shorter or longer.startswith((shorter + ".", shorter + "["))


def test_the_validator_accepts_the_schema_itself() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_every_sample_passes_the_schema(sample_path: Path) -> None:
    errors = [f"{_json_path(e.absolute_path)}: {e.message[:120]}" for e in VALIDATOR.iter_errors(json.loads(sample_path.read_text()))]
    assert errors == []


@pytest.mark.parametrize("bad", BAD_CASES, ids=[b.id for b in BAD_CASES])
def test_the_schema_refuses_what_permdocs_refuses_where_it_can_say_so(bad: BadCase) -> None:
    data = bad.data()
    with pytest.raises(permdocs.InvalidCaseError) as refused:
        permdocs.load_case(data)
    assert any(p.path == bad.problem_path for p in refused.value.problems), refused.value.problems
    # Through JSON text, as an editor or a case system would see the file.
    errors = [_json_path(e.absolute_path) for e in VALIDATOR.iter_errors(json.loads(json.dumps(data)))]
    at_the_place = [path for path in errors if _related(path, bad.problem_path)]
    if bad.schema_expresses:
        assert at_the_place, f"the schema accepts {bad.id}: tighten it, or mark the rule as one it cannot express"
    else:
        assert not errors, f"the schema now refuses {bad.id}: mark it schema_expresses=True"
