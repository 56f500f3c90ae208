"""A batch that is stopped or loses a process: SIGTERM behaves like Ctrl-C
(exit 143, the record saved, no file half-written), SIGKILL to the batch
leaves no worker behind holding the caller's pipes, and a worker killed
mid-batch names its case as failed while the others carry on. Each batch
runs in a process group of its own, which must be empty afterwards."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # each starts a batch of worker processes
#: A batch of PDFs, each taking a second or two, two to a worker: a worker
#: killed half a second after the first file is written is most likely in the
#: middle of its second case.
CASES = 4
#: Enough Word files (a tenth of a second each) that a batch signalled once its
#: first file is written is still running, however long a loaded machine takes
#: to notice that file.
MANY_CASES = 150


def _caseload(folder: Path, cases: int = CASES) -> Path:
    folder.mkdir()
    data = json.loads((ROOT / "samples" / "long-term-fostering.json").read_text(encoding="utf-8"))
    for number in range(cases):
        data["child"]["case_reference"] = f"FX-SIG-{number:03d}"
        (folder / f"case-{number}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def _start(tmp_path: Path, cases: int = MANY_CASES, fmt: str = "docx") -> tuple[subprocess.Popen[str], Path]:
    folder, out = _caseload(tmp_path / "cases", cases), tmp_path / "out"
    command = [sys.executable, "-m", "permdocs", "render", str(folder), "--doc", "care-plan-permanence",
               "--format", fmt, "--out", str(out), "--jobs", "2", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out.exists() and any(p.suffix == f".{fmt}" for p in out.iterdir())):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no case finished in two minutes"
        time.sleep(0.1)
    return process, out


def _finish(process: subprocess.Popen[str], seconds: float) -> str:
    """The batch's standard error once it ends; a batch still running after
    ``seconds`` has hung: its whole group is killed, so nothing outlives the test."""
    try:
        return process.communicate(timeout=seconds)[1]
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"the batch hung for {seconds} s")


def _workers_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _group_is_empty(group: int, within: float = 15.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        # A zombie still counts until reaped: our own child is reaped by wait().
        time.sleep(0.2)
    return False


def test_sigterm_stops_the_batch_as_ctrl_c_does(tmp_path: Path) -> None:
    process, out = _start(tmp_path)
    process.send_signal(signal.SIGTERM)
    stderr = _finish(process, 120)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "stopped (SIGTERM)" in stderr and "--resume" in stderr and "Traceback" not in stderr
    assert _group_is_empty(process.pid)
    assert not [p for p in out.iterdir() if ".tmp" in p.name]
    assert json.loads((out / ".permdocs-batch.json").read_text(encoding="utf-8"))["cases"]


def test_sigkill_to_the_batch_leaves_no_worker_behind(tmp_path: Path) -> None:
    process, _ = _start(tmp_path)
    workers = _workers_of(process.pid)
    assert workers, "the batch has no worker processes"
    process.kill()
    process.wait(timeout=30)
    assert _group_is_empty(process.pid), f"workers left: {[w for w in workers if Path(f'/proc/{w}').exists()]}"


def test_a_killed_worker_names_its_case_and_the_batch_carries_on(tmp_path: Path) -> None:
    process, out = _start(tmp_path, CASES, "pdf")  # all of them are rendered in the end
    time.sleep(0.5)  # into the next case: a PDF takes a second or two
    workers = _workers_of(process.pid)
    assert workers
    os.kill(workers[0], signal.SIGKILL)
    stderr = _finish(process, 300)
    assert "Traceback" not in stderr
    failed = stderr.count("the worker process rendering this case stopped")
    # Killed mid-case, that case is named and the batch exits 2; killed between cases, nothing is lost.
    assert (process.returncode, failed) in ((2, 1), (0, 0)), stderr
    assert len([p for p in out.iterdir() if p.suffix == ".pdf"]) == CASES - failed
    assert _group_is_empty(process.pid)
