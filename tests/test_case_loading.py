"""Stage 1 of the pipeline, reading: what ``load_case`` accepts, and the
hints it gives for files that are not valid JSON or not UTF-8. No message
ever quotes the file's text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import permdocs

from conftest import BABY, case_problems, sample_dict

SAMPLE_TEXT = BABY.read_text(encoding="utf-8")


def test_the_type_decides_how_a_case_is_read(tmp_path: Path) -> None:
    as_path = permdocs.load_case(BABY)
    assert permdocs.load_case(str(BABY)) == as_path  # a str that is not JSON text is a path, as the CLI passes it
    assert permdocs.load_case(SAMPLE_TEXT) == as_path  # JSON text
    assert permdocs.load_case("  \n" + SAMPLE_TEXT) == as_path
    assert permdocs.load_case(SAMPLE_TEXT.encode()) == as_path  # bytes
    assert permdocs.load_case(json.loads(SAMPLE_TEXT)) == as_path  # a dict


def test_json_text_with_mistakes_is_never_taken_for_a_path_or_quoted() -> None:
    text = SAMPLE_TEXT.replace('"given_names": "Ada Maple"', '"given_names": 12', 1)
    problems = case_problems(text)
    assert problems == ["$.child.given_names: must be text in double quotes"]


@pytest.mark.parametrize(
    "source",
    ["x" * 100_000, "Zzsecret Sampleford\nborn 2026", "{broken" + "y" * 5000, "Zzsecret Sampleford was born", "[1, 2]"],
    ids=["long-string", "lines", "broken-json", "one-line", "json-list"],
)
def test_a_string_that_is_neither_path_nor_json_is_an_input_error_without_its_text(source: str) -> None:
    problems = case_problems(source)
    assert len(problems) == 1 and problems[0].startswith("$:")
    assert "Zzsecret" not in problems[0] and "yyyy" not in problems[0] and "xxxx" not in problems[0]
    assert "[1, 2]" not in problems[0]


def test_a_missing_file_given_as_a_path_is_named(tmp_path: Path) -> None:
    assert case_problems(tmp_path / "missing-case.json") == [f"$: no such file: {tmp_path / 'missing-case.json'}"]


def test_a_path_too_long_for_the_file_system_is_an_input_error() -> None:
    problems = case_problems(Path("/tmp/" + "z" * 300 + ".json"))
    assert problems == ["$: the case file cannot be read (ENAMETOOLONG)"]


@pytest.mark.parametrize("wrong", [42, None, ["a", "list"], permdocs.RenderRequest("care-plan-permanence")])
def test_anything_else_is_refused_as_misuse(wrong: Any) -> None:
    with pytest.raises(TypeError, match=r"load_case\(\) reads a path, JSON text, bytes or a dict"):
        permdocs.load_case(wrong)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SAMPLE_TEXT.replace('"Sampleford"', "\u201cSampleford\u201d", 1), "curly quotes"),
        (SAMPLE_TEXT.replace('"family_name"', "'family_name'", 1), "single quotes: JSON needs double quotes"),
        (SAMPLE_TEXT.replace('"prepared_on": "2026-11-16",', '"prepared_on": "2026-11-16",\ufeff', 1), "a byte-order mark"),
        (SAMPLE_TEXT.replace('"schema_version": "1",', '"schema_version": "1"', 1), "a comma is missing"),
        (SAMPLE_TEXT.replace('"Sampleford",\n', '"Sampleford",\n}\n', 1), "remove the comma after the last entry"),
        (SAMPLE_TEXT.replace('"given_names": "Ada Maple"', '"given_names": "Ada "Maple" here"', 1),
         "a double quote (\") inside a text ends it early"),
        (SAMPLE_TEXT.replace('"schema_version": "1",', '"schema_version": "1",,', 1), "a comma too many"),
        (SAMPLE_TEXT + "{}", "more text after the end of the case"),
        ("", "the file is empty"),
    ],
    ids=["curly-quotes", "single-quotes", "bom-inside", "missing-comma", "trailing-comma", "quote-inside-text", "comma-too-many", "extra-data", "empty"],
)
def test_json_mistakes_get_a_hint_with_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    (problem,) = case_problems(path)
    assert problem.startswith("$: is not valid JSON at line ")
    assert expected in problem
    assert "Sampleford" not in problem


def test_the_line_and_column_of_a_curly_quote(tmp_path: Path) -> None:
    lines = SAMPLE_TEXT.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if '"family_name": "Sampleford"' in line)
    lines[number] = lines[number].replace('"Sampleford"', "\u201cSampleford\u201d")
    (tmp_path / "case.json").write_text("".join(lines), encoding="utf-8")
    column = lines[number].index("\u201c") + 1
    (problem,) = case_problems(tmp_path / "case.json")
    assert f"at line {number + 1}, column {column}:" in problem


def test_a_windows_1252_file_gets_a_line_and_column_not_a_byte_offset(tmp_path: Path) -> None:
    text = SAMPLE_TEXT.replace('"Sampleford"', '"Sampl\u00e9ford"', 1)
    (tmp_path / "case.json").write_bytes(text.encode("cp1252"))
    number = next(i for i, line in enumerate(text.splitlines()) if "Sampl\u00e9ford" in line) + 1
    (problem,) = case_problems(tmp_path / "case.json")
    assert f"is not UTF-8 text: a character at line {number}, column " in problem
    assert "Windows-1252" in problem and "save the file as UTF-8" in problem
    assert "offset" not in problem


def test_curly_quotes_saved_in_windows_1252_are_named(tmp_path: Path) -> None:
    text = SAMPLE_TEXT.replace('"Sampleford"', '"Sampleford \u201cjunior\u201d"', 1)
    (tmp_path / "case.json").write_bytes(text.encode("cp1252"))
    assert "a curly quote at line" in case_problems(tmp_path / "case.json")[0]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_file_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "case.json").write_bytes(SAMPLE_TEXT.encode(encoding))
    assert permdocs.load_case(tmp_path / "case.json").child.case_reference == "FX-2026-0412"


def test_two_byte_order_marks_at_the_start_are_no_error(tmp_path: Path) -> None:
    (tmp_path / "case.json").write_bytes(b"\xef\xbb\xbf" + ("\ufeff" + SAMPLE_TEXT).encode())
    assert permdocs.load_case(tmp_path / "case.json").child.case_reference == "FX-2026-0412"


def test_utf_16_without_a_byte_order_mark_is_named(tmp_path: Path) -> None:
    (tmp_path / "case.json").write_bytes(SAMPLE_TEXT.encode("utf-16-le"))
    assert "looks like UTF-16 without a byte-order mark" in case_problems(tmp_path / "case.json")[0]


def test_placeholders_left_from_the_starter_are_named_in_file_order() -> None:
    data = sample_dict()
    data["child"]["ethnicity"] = "FILL IN: The child's ethnicity."
    data["people"][0]["id"] = "FILL IN: an id."
    problems = case_problems(data)
    assert problems[0].startswith("$.child.ethnicity: still says FILL IN: replace it (Ethnicity: ")
    assert any(p.startswith("$.people[0].id: still says FILL IN") for p in problems)
    # A placeholder id is not also reported as an id in the wrong form.
    assert not any(p.startswith("$.people[0].id: must be") for p in problems)
