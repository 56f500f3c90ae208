"""Many cases at once: the library's render_many and `permdocs render` over a
folder. One bad case never stops the others, an interrupted batch leaves
only whole files and resumes, and any Executor can take the work."""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import permdocs
from permdocs.batch import CaseResult, case_files, render_case, render_many
from permdocs.cli import main

from conftest import ROOT, visible_files

CASES = ("baby-in-proceedings", "long-term-fostering", "return-home-supervision")
SELECTION = permdocs.RenderRequest("care-plan-permanence,options-analysis", ("docx",))


def _caseload(folder: Path, *, broken: bool = False) -> Path:
    """Three sample cases in a folder, and one case with problems if asked."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in CASES:
        shutil.copy(ROOT / "samples" / f"{name}.json", folder / f"{name}.json")
    if broken:
        data = json.loads((ROOT / "samples" / "baby-in-proceedings.json").read_text(encoding="utf-8"))
        data["child"]["case_reference"] = "FX-BROKEN-1"
        data["people"][0]["role"] = "auntie"
        (folder / "zz-broken.json").write_text(json.dumps(data), encoding="utf-8")
    # An editor's schema beside the cases is not a case.
    shutil.copy(ROOT / "schemas" / "case.schema.json", folder / "case.schema.json")
    return folder


def test_a_folder_holds_its_cases_and_not_their_schema(tmp_path: Path) -> None:
    folder = _caseload(tmp_path / "cases")
    assert [p.name for p in case_files([folder])] == [f"{name}.json" for name in CASES]


def test_entries_that_are_not_case_files_are_listed_not_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "baby-in-proceedings.json", folder / "a-case.json")
    os.mkfifo(folder / "b-pipe.json")
    (folder / "c-loop.json").symlink_to(folder / "c-loop.json")
    (folder / "d-folder.json").mkdir()
    (folder / "e-gone.json").symlink_to(tmp_path / "nowhere.json")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(folder), "--doc", "care-plan-permanence", "--format", "html",
                                       "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "skipped" in line]
    assert said == [
        f"permdocs: warning: skipped {folder / 'b-pipe.json'}: not a regular file (a pipe or a device?)",
        f"permdocs: warning: skipped {folder / 'c-loop.json'}: a loop of links",
        f"permdocs: warning: skipped {folder / 'd-folder.json'}: a folder, not a case file",
        f"permdocs: warning: skipped {folder / 'e-gone.json'}: a link to nothing (its target is missing)",
    ]
    assert [p.suffix for p in visible_files(out)] == [".html"]
    failed = {Path(r.source).name: r.failure for r in render_many(folder, permdocs.RenderRequest("care-plan-permanence", ("html",))) if not r.ok}
    assert failed == {"b-pipe.json": "not a regular file (a pipe or a device?)", "c-loop.json": "a loop of links",
                      "d-folder.json": "a folder, not a case file", "e-gone.json": "a link to nothing (its target is missing)"}


def test_render_many_gives_each_case_its_files_and_a_bad_case_its_problems(tmp_path: Path) -> None:
    folder = _caseload(tmp_path / "cases", broken=True)
    results = {Path(r.source).stem: r for r in render_many(case_files([folder]), SELECTION, jobs=1)}
    assert set(results) == {*CASES, "zz-broken"}
    assert all(results[name].ok and len(results[name].files) == 2 for name in CASES)
    broken = results["zz-broken"]
    assert not broken.ok and broken.exit_code == 2 and not broken.files
    assert "$.people[0].role" in (broken.failure or "") and "auntie" not in (broken.failure or "")


def test_two_workers_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    sources = case_files([_caseload(tmp_path / "cases")])
    alone = {r.source: r.files for r in render_many(sources, SELECTION, jobs=1)}
    shared = {r.source: r.files for r in render_many(sources, SELECTION, jobs=2)}
    assert shared == alone


class InProcessExecutor(Executor):
    """Runs each task at once, here: stands in for a distributed engine's
    executor (a dask.distributed Client, say), which render_many uses unchanged."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_any_executor_takes_the_work_unchanged(tmp_path: Path) -> None:
    sources = case_files([_caseload(tmp_path / "cases")])
    executor = InProcessExecutor()
    results = list(render_many(sources, SELECTION, executor=executor))
    assert executor.submitted == len(sources) and all(r.ok for r in results)
    assert {r.source: r.files for r in results} == {s: render_case(s, SELECTION).files for s in map(str, sources)}


def test_a_bug_in_one_case_is_reported_without_its_data(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise ValueError("Ada Maple Sampleford")

    monkeypatch.setattr("permdocs.rendering.pipeline.render_outputs", broken)
    result = render_case(ROOT / "samples" / "baby-in-proceedings.json", SELECTION)
    assert result.exit_code == 1 and "bug in permdocs" in (result.failure or "") and "Sampleford" not in (result.failure or "")


def test_the_command_renders_a_folder_and_sums_up_the_case_that_failed(tmp_path: Path) -> None:
    folder, out = _caseload(tmp_path / "cases", broken=True), tmp_path / "out"
    args = ["render", str(folder), "--doc", "care-plan-permanence", "--format", "docx", "--out", str(out), "--jobs", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "rendered 3 documents for 3 cases" in result.output
    assert "1 case failed, and nothing was written for them:" in result.output
    assert f"{folder / 'zz-broken.json'}:" in result.output and "$.people[0].role" in result.output
    assert len(visible_files(out)) == 3 and not [p for p in visible_files(out) if "BROKEN" in p.name]
    # No progress bar or spinner when the output is not a terminal.
    assert "━" not in result.output and "Rendering" not in result.output


def test_an_interrupted_batch_leaves_whole_files_and_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = _caseload(tmp_path / "cases"), tmp_path / "out"
    args = ["render", str(folder), "--doc", "care-plan-permanence", "--format", "docx", "--out", str(out), "--jobs", "1"]
    import permdocs.base.output

    real_write, written = permdocs.base.output.write_files, []

    def write_then_stop(files: dict[str, bytes], *args: Any, **kwargs: Any) -> Any:
        if written:
            raise KeyboardInterrupt
        written.append(real_write(files, *args, **kwargs))
        return written[-1]

    monkeypatch.setattr(permdocs.base.output, "write_files", write_then_stop)
    stopped = CliRunner().invoke(main, args)
    assert stopped.exit_code == 130 and "--resume" in stopped.output
    assert len(visible_files(out)) == 1 and not list(out.glob("*.tmp*"))
    monkeypatch.setattr(permdocs.base.output, "write_files", real_write)
    resumed = CliRunner().invoke(main, [*args, "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert "resuming: 1 case already complete, skipped" in resumed.output
    assert "rendered 2 documents for 2 cases" in resumed.output and len(visible_files(out)) == 3
    # A case edited since its outputs were written is rendered again.
    again = folder / "long-term-fostering.json"
    again.write_text(again.read_text(encoding="utf-8"), encoding="utf-8")
    third = CliRunner().invoke(main, [*args, "--resume"])
    assert "resuming: 2 cases already complete, skipped" in third.output and "for 1 case" in third.output


def test_one_case_file_renders_as_before(tmp_path: Path) -> None:
    # One case is not a batch: its own problems stop it with their own message.
    result = CliRunner().invoke(main, ["render", str(tmp_path / "nowhere.json"), "--doc", "care-plan-permanence",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no such file" in result.output


def test_results_pickle_for_worker_processes() -> None:
    import pickle

    result = CaseResult("x.json", {"a.docx": b"1"}, ("b: none",), 1, 2)
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(SELECTION)) == SELECTION
    assert permdocs.render_many is render_many


def test_render_many_takes_loaded_cases_parsed_data_and_one_folder() -> None:
    # A case system holds its cases in memory; a str or a Path is one folder, never its characters.
    selection = permdocs.RenderRequest("care-plan-permanence", ("html",))
    data = json.loads((ROOT / "samples" / "baby-in-proceedings.json").read_text(encoding="utf-8"))
    loaded = permdocs.load_case(ROOT / "samples" / "long-term-fostering.json")
    results = {r.source: r for r in permdocs.render_many([data, loaded], selection, jobs=1)}
    assert set(results) == {"case FX-2026-0412", "case FX-2023-0077"}
    assert all(r.ok and r.files for r in results.values())
    from_folder = list(permdocs.render_many(str(ROOT / "samples"), selection, jobs=1))
    assert len(from_folder) == len(list((ROOT / "samples").glob("*.json")))


@pytest.mark.parametrize("record", [
    '{"cases": []}', '{"cases": "x"}', '{"cases": {"/a.json": {"selection": "0", "outputs": 5}}}',
    "[" * 5000 + "]" * 5000, "not json at all",
])
def test_a_damaged_or_tampered_record_is_ignored_with_a_warning(tmp_path: Path, record: str) -> None:
    folder, out = _caseload(tmp_path / "cases"), tmp_path / "out"
    out.mkdir()
    (out / ".permdocs-batch.json").write_text(record, encoding="utf-8")
    args = ["render", str(folder), "--doc", "care-plan-permanence", "--format", "docx", "--out", str(out), "--jobs", "1"]
    result = CliRunner().invoke(main, [*args, "--resume"])
    assert result.exit_code == 0, result.output
    assert "was ignored" in result.output and f"for {len(CASES)} cases" in result.output
    # The record is rewritten whole, as permdocs writes it.
    assert json.loads((out / ".permdocs-batch.json").read_text(encoding="utf-8"))["cases"]


def test_a_record_that_points_outside_the_folder_never_skips_a_case(tmp_path: Path) -> None:
    folder, out = _caseload(tmp_path / "cases"), tmp_path / "out"
    args = ["render", str(folder), "--doc", "care-plan-permanence", "--format", "docx", "--out", str(out), "--jobs", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    record = json.loads((out / ".permdocs-batch.json").read_text(encoding="utf-8"))
    outside = tmp_path / "outside.txt"
    outside.write_text("newer than every case", encoding="utf-8")
    for entry in record["cases"].values():
        entry["outputs"] = ["../outside.txt"]
    (out / ".permdocs-batch.json").write_text(json.dumps(record), encoding="utf-8")
    result = CliRunner().invoke(main, [*args, "--resume", "--update"])
    assert result.exit_code == 0, result.output
    assert "already complete" not in result.output


def test_the_record_is_never_written_through_a_link(tmp_path: Path) -> None:
    # A link planted where the record goes, or where an old version wrote its temporary file.
    folder, out = _caseload(tmp_path / "cases"), tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (out / ".permdocs-batch.json").symlink_to(victim)
    for pid in range(os.getpid() - 5, os.getpid() + 50):
        (out / f".permdocs-batch.json.{pid}.tmp").symlink_to(victim)
    args = ["render", str(folder), "--doc", "care-plan-permanence", "--format", "docx", "--out", str(out), "--jobs", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    record = out / ".permdocs-batch.json"
    assert not record.is_symlink() and json.loads(record.read_text(encoding="utf-8"))["cases"]
