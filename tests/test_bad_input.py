"""Valid or nearly valid input that once crashed permdocs now gets a clear
refusal naming the field (exit 2) or renders correctly; and a property test
that no mutation of a sample ends in anything but success or an input error.

Cases are also generated from the published JSON Schema itself
(``schema_strategy.py``; hypothesis-jsonschema does not work with the
current Hypothesis). Few of those get past cross-reference validation, so
mutating every leaf of a real sample is what reaches the renderers."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import permdocs
from permdocs.cli import main

from bad_cases import BAD_CASES, BadCase
from conftest import BABY, examples, sample_dict
from schema_strategy import from_schema


def _problems(data: dict[str, Any]) -> list[str]:
    try:
        permdocs.load_case(data)
    except permdocs.InvalidCaseError as error:
        return [str(p) for p in error.problems]
    return []


def _edit(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = sample_dict()
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


PINNED = [bad for bad in BAD_CASES if bad.message]


@pytest.mark.parametrize("bad", PINNED, ids=[bad.id for bad in PINNED])
def test_each_is_refused_naming_the_field(bad: BadCase) -> None:
    problems = _problems(bad.data())
    assert any(p.startswith(f"{bad.problem_path}: ") and bad.message in p for p in problems), problems


def test_latin_names_with_accents_are_fine() -> None:
    assert _problems(_edit(("child", "family_name"), "Ångström-Łukasz O’Brien")) == []


def test_a_huge_integer_in_a_file_names_its_path(tmp_path: Path) -> None:
    text = BABY.read_text().replace('"schema_version": "1"', '"schema_version": ' + "9" * 5000)
    (tmp_path / "case.json").write_text(text)
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "case.json")])
    assert result.exit_code == 2 and "$.schema_version: is a number of more than 30 digits" in result.output


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    data = json.loads(BABY.read_text())
    data.pop("$schema")
    (tmp_path / "case.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    assert CliRunner().invoke(main, ["validate", str(tmp_path / "case.json")]).exit_code == 0


def test_a_device_is_never_read_whole() -> None:
    done = subprocess.run([sys.executable, "-m", "permdocs", "validate", "/dev/zero"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "is not a regular file" in done.stderr


@pytest.mark.slow  # lays out PDFs
@pytest.mark.parametrize("where", [("family_time", 0, "venue"), ("actions", 0, "what")], ids=["in-text", "in-a-table"])
def test_a_long_web_address_wraps_instead_of_running_off_the_page(where: tuple[Any, ...]) -> None:
    address = "https://www.example.invalid/" + "family-centre-booking/" * 6 + "room-4"
    pdf = permdocs.render(permdocs.load_case(_edit(where, address)), "care-plan-permanence", "pdf")
    text = re.sub(r"\s+", "", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert address in text
    # ...and the table headings stay whole.
    assert "RealisticOutcomeReasons" in text


# --- property test -----------------------------------------------------------

def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _leaves(value, (*path, index))] or [path]
    return [path]


SAMPLE_LEAVES = _leaves(sample_dict())
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40), st.floats(allow_nan=True),
    st.text(max_size=40), st.sampled_from(["", " ", "2025-02-30", "2026-13-01", "9999-12-31", "x" * 25_000, "<script>",
                                           "{{ 7*7 }}", "\u202e", "mother", "adoption", "held"]),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(leaf=st.sampled_from(SAMPLE_LEAVES), value=VALUES)
def test_any_mutation_renders_or_is_refused_as_input(leaf: tuple[Any, ...], value: Any) -> None:
    data = _edit(leaf, value)
    try:
        case = permdocs.load_case(data)
    except permdocs.InvalidCaseError as error:
        assert all(p.path.startswith("$") for p in error.problems)
        return
    # PDFs for a sample of the leaves: layout is slow, and HTML already covers its input.
    pdf = SAMPLE_LEAVES.index(leaf) % 20 == 0
    for document in permdocs.DOCUMENTS.values():
        if document.missing_from(case):
            continue
        for fmt in ("html", "docx", "pdf") if pdf and document.name == "care-plan-permanence" else ("html", "docx"):
            try:
                permdocs.render_outputs(case, permdocs.RenderRequest(document.name, (fmt,), draft=True))
            except permdocs.PermdocsError as error:
                assert error.exit_code == 2, (document.name, fmt, str(error)[:200])


CASE_SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "case.schema.json").read_text())


@settings(max_examples=examples(40), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=from_schema(CASE_SCHEMA))
def test_any_case_the_schema_describes_renders_or_is_refused_as_input(data: dict[str, Any]) -> None:
    try:
        case = permdocs.load_case(data, folder=Path(__file__).parent)
    except permdocs.InvalidCaseError as error:
        assert all(p.path.startswith("$") for p in error.problems)
        return
    for document in permdocs.DOCUMENTS.values():
        if not document.missing_from(case):
            for fmt in ("html", "docx"):
                try:
                    permdocs.render_outputs(case, permdocs.RenderRequest(document.name, (fmt,), draft=True))
                except permdocs.PermdocsError as error:
                    assert error.exit_code == 2, (document.name, fmt, str(error)[:200])
