"""Writing files: all or nothing, checked before the first byte, the user's
umask respected, and no debris after an interruption."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

import permdocs
from permdocs.base import output
from permdocs.errors import OutputExistsError, OutputFolderError

from conftest import visible_files

FILES = {"a.html": b"<p>a</p>", "b.html": b"<p>b</p>", "c.html": b"<p>c</p>"}


def test_every_file_is_written(tmp_path: Path) -> None:
    written = output.write_files(FILES, tmp_path / "out")
    assert sorted(p.name for p in written) == ["a.html", "b.html", "c.html"]
    assert [p.name for p in (tmp_path / "out").glob(".*")] == [output.RECORD_NAME]


def test_the_record_holds_names_and_digests_only(tmp_path: Path) -> None:
    output.write_files(FILES, tmp_path)
    record = (tmp_path / output.RECORD_NAME).read_text()
    assert sorted(json.loads(record)["files"]) == sorted(FILES)
    assert "<p>" not in record


def test_update_replaces_unchanged_files_and_refuses_edited_ones(tmp_path: Path) -> None:
    output.write_files(FILES, tmp_path)
    newer = {name: data + b"!" for name, data in FILES.items()}
    output.write_files(newer, tmp_path, update=True)
    assert (tmp_path / "a.html").read_bytes() == b"<p>a</p>!"
    (tmp_path / "b.html").write_bytes(b"edited by hand")
    with pytest.raises(OutputExistsError, match="changed since permdocs wrote (it|them)") as refused:
        output.write_files(FILES, tmp_path, update=True)
    assert refused.value.paths == [str(tmp_path / "b.html")]
    assert (tmp_path / "a.html").read_bytes() == b"<p>a</p>!"  # nothing was written
    assert "update=True" not in str(refused.value) and "force=True" in str(refused.value)


def test_update_never_replaces_a_file_permdocs_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"someone else's")
    with pytest.raises(OutputExistsError):
        output.write_files(FILES, tmp_path, update=True)


def test_names_may_hold_subfolders_but_never_leave_the_folder(tmp_path: Path) -> None:
    output.write_files({"samples/letters/x.md": b"x"}, tmp_path, keep_record=False)
    assert (tmp_path / "samples" / "letters" / "x.md").read_bytes() == b"x"
    assert [p.name for p in visible_files(tmp_path)] == ["samples"]
    with pytest.raises(ValueError):
        output.write_files({"../escape.md": b"x"}, tmp_path / "inner")


def test_a_folder_in_the_way_stops_everything_even_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "b.html").mkdir(parents=True)
    with pytest.raises(OutputFolderError, match="holds a folder named like a file to write"):
        output.write_files(FILES, out, force=True)
    assert [p.name for p in visible_files(out)] == ["b.html"]


def test_an_output_path_through_a_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputFolderError, match="is a file"):
        output.write_files(FILES, tmp_path / "afile" / "sub")
    with pytest.raises(OutputFolderError, match="is a file, not a folder"):
        output.write_files(FILES, tmp_path / "afile")


def test_files_get_the_users_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        (path, *_) = output.write_files(FILES, tmp_path / "private")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600


def test_sigterm_while_writing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = output._write_temporary
    calls = []

    def write_then_terminated(path: Path, data: bytes, temporaries: dict[Path, str]) -> None:
        calls.append(path)
        real(path, data, temporaries)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.5)  # the handler runs here

    monkeypatch.setattr(output, "_write_temporary", write_then_terminated)
    with pytest.raises(KeyboardInterrupt):
        output.write_files(FILES, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is not None  # the previous handler is back


def test_sigterm_while_writing_still_reaches_the_callers_handler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch records that SIGTERM (not Ctrl-C) stopped it: the signal must
    reach its handler even when it lands while a file is being written."""
    real = output._write_temporary
    seen: list[int] = []

    def callers_handler(signum: int, frame: object) -> None:
        seen.append(signum)
        raise KeyboardInterrupt

    def write_then_terminated(path: Path, data: bytes, temporaries: dict[Path, str]) -> None:
        real(path, data, temporaries)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.5)

    monkeypatch.setattr(output, "_write_temporary", write_then_terminated)
    previous = signal.signal(signal.SIGTERM, callers_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            output.write_files(FILES, tmp_path / "out")
        assert signal.getsignal(signal.SIGTERM) is callers_handler
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert seen == [signal.SIGTERM]
    assert list((tmp_path / "out").iterdir()) == []


def test_debris_of_a_killed_run_is_removed_next_time(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    debris = out / f".a.html.x1y2{output.TEMPORARY_SUFFIX}"
    debris.write_bytes(b"half a document")
    old = time.time() - output.STALE_AFTER_SECONDS - 60
    os.utime(debris, (old, old))
    fresh = out / f".b.html.z3{output.TEMPORARY_SUFFIX}"  # perhaps another run's, still writing
    fresh.write_bytes(b"")
    output.write_files(FILES, out)
    assert not debris.exists() and fresh.exists()


def test_the_library_write_reports_folder_problems_as_permdocs_errors(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    case = permdocs.load_case(Path(__file__).resolve().parents[1] / "samples" / "baby-in-proceedings.json")
    with pytest.raises(permdocs.PermdocsError):
        permdocs.write(case, "route-comparison", ["html"], tmp_path / "afile" / "sub")


def test_a_place_that_takes_no_folders_is_an_input_error() -> None:
    with pytest.raises(OutputFolderError, match="cannot be made there"):
        output.write_files(FILES, "/proc/permdocs-cannot-be-here")
