"""Stage 1 of the pipeline, reading a case written in YAML: the same schema,
messages and JSON paths as JSON; YAML's surprises refused or left as text;
long texts in Markdown files beside the case (``!file``), never outside it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import permdocs
from permdocs.cli import main

from conftest import ROOT, case_problems

TWIN_JSON = ROOT / "samples" / "cpr-relinquished-baby.json"
TWIN_YAML = ROOT / "samples" / "written-in-yaml" / "cpr-relinquished-baby.yaml"


def _yaml_case(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """The YAML twin and its Markdown file copied into tmp_path, with ``old`` replaced by ``new`` once."""
    for source in TWIN_YAML.parent.iterdir():
        shutil.copy(source, tmp_path / source.name)
    path = tmp_path / TWIN_YAML.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_yaml_twin_holds_the_same_case_as_its_json_and_its_markdown_file_is_read() -> None:
    from_yaml, from_json = permdocs.load_case(TWIN_YAML), permdocs.load_case(TWIN_JSON)
    # Only the schema's address differs: the twin sits a folder deeper.
    assert from_yaml.model_copy(update={"schema_uri": None}) == from_json.model_copy(update={"schema_uri": None})
    assert "!file" in TWIN_YAML.read_text(encoding="utf-8")  # the sample shows the feature it documents


@pytest.mark.parametrize("fmt", ["docx", "html"])
@pytest.mark.parametrize("document", ["cpr", "care-plan-permanence"])
def test_the_yaml_twin_renders_the_same_bytes_as_its_json(document: str, fmt: str) -> None:
    from_yaml = permdocs.render(permdocs.load_case(TWIN_YAML), document, fmt)
    assert from_yaml == permdocs.render(permdocs.load_case(TWIN_JSON), document, fmt)


def test_yaml_reads_times_words_and_dates_as_text_as_json_would(tmp_path: Path) -> None:
    # YAML 1.1 would read 14:00 as 840, no as False and a date as a date object.
    from permdocs.base.safe_yaml import load_untrusted_yaml

    data = load_untrusted_yaml("t: 14:00\nb: no\nd: 2026-05-01\nn: 8\nx: 0x1F\nf: 1.5\nz: null\nok: true\n",
                               what="a case", max_nesting=10)
    assert data == {"t": "14:00", "b": "no", "d": "2026-05-01", "n": 8, "x": "0x1F", "f": 1.5, "z": None, "ok": True}


def test_a_mistake_in_a_yaml_case_is_named_by_the_same_json_path_as_in_json(tmp_path: Path) -> None:
    path = _yaml_case(tmp_path, "  ethnicity: White British and White Polish\n", "  ethnicity: 12\n")
    yaml_problems = case_problems(path)
    data = json.loads(TWIN_JSON.read_text(encoding="utf-8"))
    data["child"]["ethnicity"] = 12
    assert any(p.startswith("$.child.ethnicity:") for p in yaml_problems)
    assert [p for p in yaml_problems if "ethnicity" in p] == [p for p in case_problems(data) if "ethnicity" in p]


@pytest.mark.parametrize(("text", "expected"), [
    ("child: &c {given_names: Zz}\nother: *c\n", "uses a YAML alias at line 2"),
    ("prepared_on: '2026-11-20'\nprepared_on: '2026-11-21'\n", "the key 'prepared_on' appears twice in one mapping (line 2)"),
    ("child: [unclosed\n", "is not valid YAML"),
    ("- just\n- a list\n", "must be a mapping of the case's fields"),
    ("[" * 200 + "]" * 200, "nests lists or mappings more than"),
], ids=["alias", "duplicate-key", "malformed", "a-list", "deep"])
def test_yaml_hazards_are_refused_with_a_clear_message(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = case_problems(path)
    assert problem.startswith("$: ") and expected in problem


@pytest.mark.parametrize(("name", "expected"), [
    ("../outside.md", "must name a file inside the case file's own folder"),
    ("missing.md", "names no file in the case file's folder"),
    ("'   '", "names no file"),
], ids=["outside", "missing", "blank"])
def test_a_file_text_must_be_a_file_beside_the_case(tmp_path: Path, name: str, expected: str) -> None:
    (tmp_path.parent / "outside.md").write_text("Zzsecret text from elsewhere.\n", encoding="utf-8")
    folder = tmp_path / "case"
    folder.mkdir()
    path = _yaml_case(folder, "!file 'agency-actions.md'", f"!file {name}")
    problems = case_problems(path)
    assert len(problems) == 1 and expected in problems[0], problems
    assert problems[0].startswith("$.cpr.agency_actions.text: !file at line ")
    assert "Zzsecret" not in problems[0]


def test_the_command_line_renders_a_yaml_case_and_refuses_a_bad_one_as_input(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["render", str(TWIN_YAML), "--doc", "cpr", "--format", "docx", "--out", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    bad = _yaml_case(tmp_path, "people:\n", "child: twice\npeople:\n")
    refused = runner.invoke(main, ["check", str(bad)])
    assert refused.exit_code == 2 and "appears twice" in refused.output and "Traceback" not in refused.output
