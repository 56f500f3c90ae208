"""The same case gives byte-identical DOCX and PDF, in separate processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DOCUMENT, ROOT, visible_files

SAMPLE = ROOT / "samples" / "long-term-fostering.json"


def render_in_a_new_process(out: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # permdocs must pin it itself
    subprocess.run(
        [sys.executable, "-m", "permdocs", "render", str(SAMPLE), "--doc", DOCUMENT, "--format", "docx,pdf", "--out", str(out)],
        check=True, capture_output=True, env=env,
    )
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in visible_files(out)}


@pytest.mark.slow
def test_two_processes_produce_identical_bytes(tmp_path: Path) -> None:
    first = render_in_a_new_process(tmp_path / "first")
    second = render_in_a_new_process(tmp_path / "second")
    assert len(first) == 2
    assert first == second
