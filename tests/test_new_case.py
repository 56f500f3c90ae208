"""``permdocs new``: the starter case, its placeholders, and the guided mode."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import permdocs
from permdocs.case.messages import codes_of, field_at, resolve
from permdocs.case.starter import PLACEHOLDER, placeholder_locations, starter_case
from permdocs.cli import main
from permdocs.describe.schemas import case_json_schema, schema_text


def _problems(data: Any) -> list[permdocs.Problem]:
    with pytest.raises(permdocs.InvalidCaseError) as caught:
        permdocs.load_case(data)
    return caught.value.problems


def test_the_starter_holds_every_required_field_and_only_placeholders_are_wrong() -> None:
    starter = starter_case(date(2026, 11, 20))
    assert starter["$schema"] == "case.schema.json" and starter["prepared_on"] == "2026-11-20"
    problems = _problems(starter)
    assert all("still says FILL IN" in p.message for p in problems), [str(p) for p in problems if "FILL IN" not in p.message]
    assert len(problems) == len(list(placeholder_locations(starter)))


def _filled(starter: dict[str, Any]) -> dict[str, Any]:
    """The starter with each placeholder replaced by a value of the field's kind."""
    schema = case_json_schema()
    ids = {("people", 0, "id"): "mother", ("options", 0, "id"): "home", ("child", "case_reference"): "FX-2026-0901"}
    for loc in placeholder_locations(starter):
        node = resolve(schema, field_at(schema, loc[:-1] if isinstance(loc[-1], int) else loc)) or {}
        codes = [code for code, _ in codes_of(schema, loc)]
        if loc in ids:
            value: Any = ids[loc]
        elif codes:
            value = {"outcome": "primary_plan", "kind": "section_20"}.get(str(loc[-1]), codes[0])
        elif node.get("format") == "date":
            value = "2026-01-05"
        elif node.get("type") == "boolean":
            value = True
        else:
            value = "Zzwritten by the test"
        target: Any = starter
        for step in loc[:-1]:
            target = target[step]
        target[loc[-1]] = value
    return starter


def test_a_filled_in_starter_is_a_valid_case() -> None:
    case = permdocs.load_case(_filled(starter_case(date(2026, 11, 20))))
    assert case.child.case_reference and case.plans.contingency is not None


def test_new_writes_the_starter_and_its_schema_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    result = CliRunner().invoke(main, ["new", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["$schema"] == "case.schema.json"
    assert (tmp_path / "case.schema.json").read_text() == schema_text("case")
    assert "Replace every \"FILL IN: ...\" text" in result.output
    target.write_text("{}  ")
    again = CliRunner().invoke(main, ["new", str(target)])
    assert again.exit_code == 2 and "already exist" in again.output and "--force" in again.output
    assert "--update" not in again.output and target.read_text() == "{}  "
    assert CliRunner().invoke(main, ["new", str(target), "--force"]).exit_code == 0
    assert PLACEHOLDER in target.read_text()
    assert not list(tmp_path.glob(".*"))


def test_an_older_schema_beside_the_case_is_left_alone_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "case.schema.json").write_text("{}")
    result = CliRunner().invoke(main, ["new", str(tmp_path / "second.json")])
    assert result.exit_code == 0
    assert (tmp_path / "case.schema.json").read_text() == "{}"
    assert "it is not this version's schema" in result.stderr


ANSWERS = [
    "FX-2026-0901", "Sam Zzexample", "Testington", "Sam",
    "20/11/2016", "2016-11-20",  # a British date is refused with a plain message, then the ISO one
    "Male",  # any case
    "White British", "British", "None", "English",
    "section_20", "2026-03-02", "2026-03-02",
    "kinship", "connected_persons_fostering",  # a short name is refused, with the code it stands for suggested
    "Sam stays with his aunt as a connected-person foster carer, then an SGO.", "2027-03-01", "agreed",
    "y", "special_guardianship", "An SGO to his aunt.", "2027-06-01", "being_assessed",
    "long_term_fostering", "", "", "",  # Enter leaves a field to fill in later
]


def test_interactive_mode_checks_each_answer_and_fills_the_starter(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    result = CliRunner().invoke(main, ["new", str(target), "--interactive"], input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "write the year first" in result.output
    assert "Did you mean 'connected_persons_fostering'?" in result.output
    data = json.loads(target.read_text())
    assert data["child"]["gender"] == "male" and data["child"]["date_of_birth"] == "2016-11-20"
    assert data["plans"]["primary"]["route"] == "connected_persons_fostering"
    assert data["plans"]["parallel"][0]["route"] == "special_guardianship"
    assert data["plans"]["contingency"]["route"] == "long_term_fostering"
    assert data["plans"]["contingency"]["summary"].startswith(PLACEHOLDER)
    left = [p.path for p in _problems(data)]
    assert "$.child.given_names" not in left and "$.plans.contingency.summary" in left


def test_stopping_the_questions_is_not_a_bug_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    result = CliRunner().invoke(main, ["new", str(target), "--interactive"], input="Ollie\n")  # then the input ends
    assert result.exit_code == 130 and "no file was written" in result.output
    assert not target.exists()


def test_an_existing_starter_is_kept_and_another_file_name_suggested(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    target.write_text("{}")
    result = CliRunner().invoke(main, ["new", str(target)])
    assert result.exit_code == 2 and "choose another file name" in result.output
    assert target.read_text() == "{}"
