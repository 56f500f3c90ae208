"""The command line: rendering, refusing bad input, exit codes, and lazy imports."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from permdocs import documents
from permdocs.cli import main

from conftest import DOCUMENT, ROOT, sample_dict, visible_files

SAMPLE = ROOT / "samples" / "baby-in-proceedings.json"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_case(tmp_path: Path, content: bytes | dict[str, Any]) -> Path:
    path = tmp_path / "case.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def _replace_first_review_date(data: dict[str, Any]) -> None:
    data["reviews"][0]["date"] = "2026-05-01"


def _edit(change: Callable[[dict[str, Any]], None]) -> bytes:
    data = sample_dict()
    change(data)
    return json.dumps(data, ensure_ascii=False).encode()


SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

# (id, case bytes, JSON path expected in the message, a value that must not be echoed)
BAD_INPUT = [
    ("malformed-json", SAMPLE_TEXT.replace('"Sampleford",', '"Sampleford"', 1).encode(), "$", "Sampleford"),
    (
        "duplicate-key",
        SAMPLE_TEXT.replace('"preferred_name": "Ada",', '"preferred_name": "Ada", "preferred_name": "Zzsecret",').encode(),
        "$.child.preferred_name",
        "Zzsecret",
    ),
    ("wrong-type", _edit(lambda d: d["people"].__getitem__(2).update(given_names=987654321)), "$.people[2].given_names", "987654321"),
    ("unknown-field", _edit(lambda d: d["child"].update(favourite_colour="Zzsecret")), "$.child.favourite_colour", "Zzsecret"),
    ("missing-field", _edit(lambda d: d["child"].pop("date_of_birth")), "$.child.date_of_birth", "2026-05-10"),
    ("impossible-date", _edit(lambda d: d["people"][2].update(date_of_birth="2025-02-30")), "$.people[2].date_of_birth", "2025-02-30"),
    ("review-before-looked-after", _edit(_replace_first_review_date), "$.reviews[0].date", "2026-05-01"),
    ("two-megabyte-narrative", _edit(lambda d: d["permanence_need"].update(legal="Zz" * 1_000_000)), "$.permanence_need.legal", "ZzZz"),
    ("nul-in-name", _edit(lambda d: d["people"][0].update(given_names="Ro\x00sa")), "$.people[0].given_names", "Ro"),
    ("vertical-tab-in-name", _edit(lambda d: d["people"][0].update(given_names="Ro\x0bsa")), "$.people[0].given_names", "Ro"),
    ("nan", SAMPLE_TEXT.replace('"weeks": 8', '"weeks": NaN').encode(), "$.care_proceedings.extensions[0].weeks", "NaN,"),
]


@pytest.mark.parametrize(("content", "path", "secret"), [b[1:] for b in BAD_INPUT], ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_refused_clearly(tmp_path: Path, content: bytes, path: str, secret: str) -> None:
    out = tmp_path / "out"
    result = run("render", str(write_case(tmp_path, content)), "--doc", DOCUMENT, "--out", str(out))
    assert result.exit_code == 2
    assert f"  {path}:" in result.output or (path == "$" and "  $: is not valid JSON" in result.output)
    assert "Traceback" not in result.output
    assert secret not in result.output
    assert len(result.output) < 2_000
    assert not out.exists()


def test_validate_reports_every_problem_at_once(tmp_path: Path) -> None:
    data = sample_dict()
    data["child"]["favourite_colour"] = "blue"
    data["reviews"][0]["date"] = "2026-05-01"
    data["plans"]["parallel"][0]["carer_ids"] = ["nobody"]
    result = run("validate", str(write_case(tmp_path, data)))
    assert result.exit_code == 2
    assert "The case has 3 problems" in result.output
    assert "$.child.favourite_colour: is not a field here" in result.output
    assert "$.reviews[0].date: is before the child became looked after" in result.output
    assert "$.plans.parallel[0].carer_ids[0]: does not match the id of anyone in 'people'" in result.output


def test_validate_takes_several_files_and_fails_if_any_is_invalid(tmp_path: Path) -> None:
    broken = write_case(tmp_path, _edit(lambda d: d["child"].pop("gender")))
    result = run("validate", str(SAMPLE), str(broken))
    assert result.exit_code == 2
    assert f"{SAMPLE}: valid" in result.output
    assert f"{broken}: The case has 1 problem" in result.output
    assert "1 file of 2 invalid" in result.output
    assert run("validate", str(SAMPLE), str(ROOT / "samples" / "long-term-fostering.json")).exit_code == 0


def test_validate_accepts_a_sample() -> None:
    result = run("validate", str(SAMPLE))
    assert result.exit_code == 0
    assert "valid" in result.output


def test_a_missing_case_file_is_an_input_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_render_writes_every_format(tmp_path: Path) -> None:
    result = run("render", str(SAMPLE), "--doc", DOCUMENT, "--format", "docx,html,pdf", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    names = [p.name for p in visible_files(tmp_path)]
    assert names == [f"care-plan-permanence_FX-2026-0412.{ext}" for ext in ("docx", "html", "pdf")]


def test_existing_files_are_never_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "care-plan-permanence_FX-2026-0412.html"
    target.write_text("a document someone edited by hand")
    result = run("render", str(SAMPLE), "--doc", DOCUMENT, "--format", "docx,html", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "--force" in result.output
    assert target.read_text() == "a document someone edited by hand"
    assert [p.name for p in visible_files(tmp_path)] == [target.name]  # not even the DOCX

    result = run("render", str(SAMPLE), "--doc", DOCUMENT, "--format", "docx,html", "--out", str(tmp_path), "--force")
    assert result.exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--doc", "no-such-doc"], "There is no document type 'no-such-doc'"),
        (["--doc", DOCUMENT, "--format", "docx,odt"], "There is no output format 'odt'"),
        (["--doc", DOCUMENT, "--format", " , "], "give at least one format"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    result = run("render", str(SAMPLE), *args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["20/11/2026", "2026-02-30", "next week"])
def test_as_of_in_another_form_gets_a_plain_message(value: str) -> None:
    result = run("check", str(SAMPLE), "--as-of", value)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output or "no such day" in result.output
    assert "does not match the format" not in result.output
    if value == "20/11/2026":
        assert "did you mean 2026-11-20?" in result.output


def test_names_of_formats_documents_and_audiences_may_be_in_any_case(tmp_path: Path) -> None:
    result = run("render", str(SAMPLE), "--doc", "Care-Plan-Permanence", "--audience", "Family", "--format", "HTML",
                 "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [p.name for p in visible_files(tmp_path)] == [
        "care-plan-permanence_FX-2026-0412_family.html"
    ]


def test_update_replaces_only_files_permdocs_wrote_and_nobody_changed(tmp_path: Path) -> None:
    args = ("render", str(SAMPLE), "--doc", DOCUMENT, "--format", "docx,html", "--out", str(tmp_path))
    assert run(*args).exit_code == 0
    assert run(*args, "--update").exit_code == 0
    edited = tmp_path / "care-plan-permanence_FX-2026-0412.docx"
    edited.write_bytes(b"edited in Word")
    result = run(*args, "--update")
    assert result.exit_code == 2
    assert "changed since permdocs wrote it" in result.output and str(edited) in result.output
    assert "--force" in result.output and "force=True" not in result.output
    assert edited.read_bytes() == b"edited in Word"
    assert run(*args, "--force").exit_code == 0
    assert edited.read_bytes().startswith(b"PK")


def test_warnings_found_while_rendering_are_mentioned(tmp_path: Path) -> None:
    from permdocs import checks, load_case
    from permdocs.profiles import load_profile

    case = load_case(SAMPLE)
    warnings = [f for f in checks.check(case, load_profile().settings, case.prepared_on)]
    result = CliRunner().invoke(main, ["render", str(SAMPLE), "--doc", DOCUMENT, "--format", "html", "--out", str(tmp_path)])
    assert result.exit_code == 0
    if warnings:
        assert f"rendered with {len(warnings)} warning" in result.stderr
        assert f"run 'permdocs check {SAMPLE}'" in result.stderr
    assert "wrote" in result.stdout and "Rendering" not in result.output  # no status line when not a terminal


def test_an_internal_failure_is_reported_as_a_bug_without_case_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_builder(case: Any, settings: Any) -> Any:
        raise RuntimeError(f"failed on {case.child.given_names} {case.child.family_name}")

    # The registry finds a document's builder in its package when it builds one.
    package = importlib.import_module(documents.DOCUMENTS[DOCUMENT].package)
    monkeypatch.setattr(package, "build_context", broken_builder)
    result = run("render", str(SAMPLE), "--doc", DOCUMENT, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "internal error" in result.output
    assert "RuntimeError" in result.output
    assert "Sampleford" not in result.output and "Ada" not in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_docs_lists_each_document_and_what_it_reads() -> None:
    result = run("docs")
    assert result.exit_code == 0
    assert DOCUMENT in result.output and "$.plans" in result.output
    listing = json.loads(run("docs", "--json").output)
    assert listing[0]["name"] == DOCUMENT


def test_every_declared_need_is_a_case_field() -> None:
    from permdocs.case import Case

    fields = {f"$.{field.alias or name}" for name, field in Case.model_fields.items()}
    assert documents.DOCUMENTS
    for document in documents.DOCUMENTS.values():
        assert set(document.reads) <= fields


def test_schema_prints_the_committed_schema() -> None:
    result = run("schema")
    assert result.output == (ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8")


def test_help_gives_examples() -> None:
    assert "Examples:" in run("--help").output
    assert "permdocs render samples/baby-in-proceedings.json" in run("render", "--help").output


def _modules_loaded_by(*argv: str) -> set[str]:
    script = (
        "import sys\nfrom permdocs.cli import main\n"
        f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'docxtpl')))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(eval(done.stdout.strip().splitlines()[-1]))  # noqa: S307 - our own output


def test_help_imports_no_renderer() -> None:
    assert _modules_loaded_by("--help") == set()


def test_a_docx_only_render_does_not_import_weasyprint(tmp_path: Path) -> None:
    loaded = _modules_loaded_by("render", str(SAMPLE), "--doc", DOCUMENT, "--format", "docx", "--out", str(tmp_path))
    assert "docxtpl" in loaded
    assert not any(name.startswith("weasyprint") for name in loaded)


def test_a_status_line_is_shown_on_a_terminal(tmp_path: Path) -> None:
    result = CliRunner(env={"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1"}).invoke(
        main, ["render", str(SAMPLE), "--doc", DOCUMENT, "--format", "html", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert "Rendering care-plan-permanence" in result.stderr and "1 of 1" in result.stderr
    assert "Rendering" not in result.stdout
