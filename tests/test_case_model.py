"""Stage 1 of the pipeline: the case model and its published schema."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import permdocs
from permdocs.describe.schemas import case_json_schema, case_json_schema_text

from conftest import ROOT, SAMPLES, case_problems, sample_dict


def test_samples_are_valid(sample_path: Path) -> None:
    case = permdocs.load_case(sample_path)
    assert case.child.case_reference


def test_committed_schema_matches_the_models() -> None:
    committed = (ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8")
    assert committed == case_json_schema_text(), "schemas/ drifted from the models: run 'make schemas'"


def _walk_properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for model_name, model in schema["$defs"].items():
        for name, prop in model.get("properties", {}).items():
            found.append((f"{model_name}.{name}", prop))
    for name, prop in schema["properties"].items():
        found.append((f"Case.{name}", prop))
    return found


def test_every_field_has_a_title_and_a_description() -> None:
    missing = [
        name for name, prop in _walk_properties(case_json_schema())
        if not prop.get("title") or not prop.get("description")
    ]
    assert not missing


def test_every_object_forbids_unknown_fields() -> None:
    schema = case_json_schema()
    models = [schema, *schema["$defs"].values()]
    assert all(m.get("additionalProperties") is False for m in models if m.get("type") == "object")


def _field_paths(value: Any, path: str = "") -> set[str]:
    """Every field path used in a document, with list indexes dropped."""
    paths = set()
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}"
            if item is not None and item != []:
                paths.add(child)
            paths |= _field_paths(item, child)
    elif isinstance(value, list):
        for item in value:
            paths |= _field_paths(item, f"{path}[]")
    return paths


def _schema_fields(schema: dict[str, Any], node: dict[str, Any], path: str = "", model: str = "Case") -> dict[str, tuple[str, str]]:
    """Each data path the schema allows -> the (model, field) it belongs to."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _schema_fields(schema, schema["$defs"][name], path, name)
    fields: dict[str, tuple[str, str]] = {}
    for option in node.get("anyOf", []):
        fields |= _schema_fields(schema, option, path, model)
    if node.get("type") == "array":
        fields |= _schema_fields(schema, node["items"], f"{path}[]", model)
    for name, prop in node.get("properties", {}).items():
        fields[f"{path}.{name}"] = (model, name)
        fields |= _schema_fields(schema, prop, f"{path}.{name}", model)
    return fields


def test_samples_between_them_fill_every_field() -> None:
    used_paths = set().union(*(_field_paths(json.loads(p.read_text())) for p in SAMPLES))
    schema = case_json_schema()
    fields = _schema_fields(schema, schema)
    used = {fields[path] for path in used_paths if path in fields}
    unused = sorted(set(fields.values()) - used)
    assert not unused, f"no sample fills: {unused}"


def test_text_is_normalised_to_nfc() -> None:
    data = sample_dict()
    decomposed = unicodedata.normalize("NFD", "Zoë")
    data["people"][0]["given_names"] = decomposed
    case = permdocs.load_case(data)
    assert case.people[0].given_names == unicodedata.normalize("NFC", "Zoë")
    assert case.people[0].given_names != decomposed


def test_windows_line_endings_become_newlines() -> None:
    data = sample_dict()
    data["permanence_need"]["legal"] = "First line\r\nSecond line"
    assert permdocs.load_case(data).permanence_need.legal == "First line\nSecond line"


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused(char: str) -> None:
    data = sample_dict()
    data["child"]["family_name"] = f"Sample{char}ford"
    assert case_problems(data) == [
        f"$.child.family_name: contains the control character U+{ord(char):04X}, which cannot appear in a document"
    ]


def test_narratives_keep_newlines_and_tabs_but_names_do_not() -> None:
    data = sample_dict()
    data["permanence_need"]["legal"] = "Line one\n\tindented"
    assert permdocs.load_case(data).permanence_need.legal == "Line one\n\tindented"
    data["child"]["given_names"] = "Ada\nMaple"
    assert case_problems(data) == ["$.child.given_names: must be a single line (no line breaks or tabs)"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-02-30", "is not a real calendar date in the form YYYY-MM-DD: there is no such day"),
        ("2026-13-01", "is not a real calendar date in the form YYYY-MM-DD: there is no such day"),
        ("2026-05-10T00:00:00", "is not a real calendar date in the form YYYY-MM-DD: a date only, without a time"),
        ("10/05/2026", "is not a real calendar date in the form YYYY-MM-DD: write the year first"),
        ("2026-5-1", "is not a real calendar date in the form YYYY-MM-DD: give the month and the day two digits each"),
        (20260510, "must be a date written as a string in the form YYYY-MM-DD"),
        (0, "must be a date written as a string in the form YYYY-MM-DD"),
    ],
)
def test_dates_are_iso_calendar_dates_only(value: Any, message: str) -> None:
    data = sample_dict()
    data["child"]["date_of_birth"] = value
    (problem,) = case_problems(data)
    assert problem.startswith(f"$.child.date_of_birth: {message}")


def test_models_are_immutable() -> None:
    case = permdocs.load_case(sample_dict())
    with pytest.raises(ValidationError):
        case.child.preferred_name = "Changed"  # type: ignore[misc]


def test_sibling_details_go_with_the_sibling_role() -> None:
    data = sample_dict("long-term-fostering")
    data["people"][2]["sibling"] = None
    assert case_problems(data) == ["$.people[2]: sibling details are required for a sibling, and only for a sibling"]


def test_section_20_has_no_court() -> None:
    data = sample_dict("long-term-fostering")
    data["legal_basis"][0]["court"] = "Family Court sitting at Fictionbury"
    assert case_problems(data) == [
        "$.legal_basis[0]: s.20 accommodation is not a court order: leave 'court' and 'court_case_number' null"
    ]


def test_references_to_people_must_exist() -> None:
    data = sample_dict()
    data["family_time"][0]["with_person_ids"] = ["mother", "nobody"]
    data["plans"]["parallel"][0]["carer_ids"] = ["nobody"]
    ids = "(the ids there: aunt, father, foster-carers, grandmother, mother)"
    assert case_problems(data) == [
        f"$.plans.parallel[0].carer_ids[0]: does not match the id of anyone in 'people' {ids}",
        f"$.family_time[0].with_person_ids[1]: does not match the id of anyone in 'people' {ids}",
    ]


def test_a_reference_that_misses_because_its_person_has_a_malformed_id_says_so() -> None:
    data = sample_dict()
    data["people"][0]["id"] = "Zzmother Sampleford"  # the mother, named in the family time
    problems = case_problems(data)
    assert problems[0].startswith("$.people[0].id: must be an id")
    misses = [p for p in problems if "does not match the id of anyone" in p]
    assert misses and all(p.endswith("; $.people[0].id is not yet a valid id") for p in misses)
    assert "Zzmother" not in " ".join(problems)


def test_a_nearly_right_id_is_suggested_and_a_name_where_an_id_belongs_is_not_repeated() -> None:
    data = sample_dict()
    data["plans"]["parallel"][0]["carer_ids"] = ["foster-carer"]
    data["family_time"][0]["with_person_ids"] = ["Zzmother Sampleford"]
    problems = case_problems(data)
    assert problems[0].startswith("$.plans.parallel[0].carer_ids[0]: does not match the id of anyone in 'people'; "
                                  "did you mean 'foster-carers'?")
    assert "Zzmother" not in " ".join(problems)


def test_every_problem_is_reported_in_one_run_in_file_order() -> None:
    """A misspelt field, an empty name, a bad person id and a review before
    the child became looked after: all four at once, as the file orders them."""
    data = sample_dict()
    data["child"]["preferred_nam"] = data["child"].pop("preferred_name")
    data["people"][1]["given_names"] = ""
    data["plans"]["parallel"][0]["carer_ids"] = ["nobody"]
    data["reviews"][0]["date"] = "2026-05-01"
    paths = [problem.split(":")[0] for problem in case_problems(data)]
    assert paths == [
        "$.child.preferred_nam", "$.child.preferred_name", "$.people[1].given_names", "$.reviews[0].date",
        "$.plans.parallel[0].carer_ids[0]",
    ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d["child"].update(gender="Male"), "$.child.gender: did you mean 'male'? It must be one of the codes: "),
        (lambda d: d["options"][0].update(route="kinship"), "$.options[0].route: did you mean 'connected_persons_fostering'?"),
        (lambda d: d["options"][0].update(route="sgo"), "$.options[0].route: did you mean 'special_guardianship'?"),
        (lambda d: d["family_time"][1]["schedule"].update(weekday="Wed"),
         "$.family_time[1].schedule.weekday: did you mean 'wednesday'?"),
        (lambda d: d["people"][2].update(role="kinship carer"), "$.people[2].role: did you mean 'connected_person_carer'?"),
        (lambda d: d["family_time"][0].update(venu=d["family_time"][0].pop("venue")),
         "$.family_time[0].venu: is not a field here; did you mean 'venue'?"),
        (lambda d: d["people"][0].update(id="Zzsecret Person"), "$.people[0].id: must be an id: lower-case letters a-z"),
        (lambda d: d.update(options=[]), "$.options: must have at least 1 entry"),
        (lambda d: d.update(schema_version=1), '$.schema_version: must be "1" (in double quotes)'),
        (lambda d: d["child"].pop("preferred_name"), "$.child.preferred_name: is required but missing (Preferred name: "),
        (lambda d: d["care_proceedings"]["extensions"][0].update(weeks=9),
         "$.care_proceedings.extensions[0].weeks: must be at most 8"),
        (lambda d: d["reviews"][0].update(permanence_plan_endorsed="true"),
         "$.reviews[0].permanence_plan_endorsed: must be true or false, without quotes"),
        (lambda d: d["child"].update(family_name=None), "$.child.family_name: must not be null: must be text"),
    ],
    ids=["enum-case", "route-alias", "route-short-name", "weekday-short", "role-other-name", "field-name", "id-pattern", "empty-list", "literal",
         "missing", "too-large", "quoted-boolean", "null"],
)
def test_pydantic_wording_is_rewritten_in_plain_words(edit: Any, expected: str) -> None:
    data = sample_dict()
    edit(data)
    problems = case_problems(data)
    assert any(p.startswith(expected) for p in problems), problems
    assert not any("Input should" in p or "String should" in p or "List should" in p or "Zzsecret" in p for p in problems)


def test_ids_are_unique() -> None:
    data = sample_dict()
    data["people"][1]["id"] = "mother"
    assert "$.people[1].id: repeats an id used earlier in the list" in case_problems(data)


def test_an_unrealistic_option_can_only_be_ruled_out() -> None:
    data = sample_dict()
    data["options"][1]["outcome"] = "contingency_plan"
    assert case_problems(data) == [
        "$.options[1]: an option that is not realistic can only have the outcome 'ruled_out'"
    ]


def _unbounded(node: Any, path: str = "$") -> list[str]:
    """Every array without maxItems and every string without maxLength
    (enumerations, constants and dates are bounded by what they are)."""
    found: list[str] = []
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "array" and "maxItems" not in node:
            found.append(path)
        bounded_string = "maxLength" in node or "enum" in node or "const" in node or node.get("format") == "date"
        if kind == "string" and not bounded_string:
            found.append(path)
        for key, value in node.items():
            found += _unbounded(value, f"{path}.{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            found += _unbounded(value, f"{path}[{number}]")
    return found


@pytest.mark.parametrize("kind", ["case", "bundle", "profile"])
def test_every_list_and_every_string_in_an_input_schema_has_a_limit(kind: str) -> None:
    """The case, the bundle manifest and the profile are untrusted input."""
    assert _unbounded(permdocs.json_schema(kind)) == []


def test_the_readme_lists_every_limit_with_its_reason() -> None:
    from permdocs.case.limits import LIMITS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert LIMITS
    for name, limit in LIMITS.items():
        assert f"| `{name}` | {limit.most:,} | {limit.why} |" in readme, name


def test_a_hundred_thousand_languages_are_refused_at_once_by_field() -> None:
    data = sample_dict()
    data["child"]["other_languages"] = ["Welsh"] * 100_000
    problems = case_problems(data)
    assert any("child.other_languages" in problem and "at most 20" in problem for problem in problems), problems
