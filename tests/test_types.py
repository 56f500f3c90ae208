"""The public API's types are checked strictly (mypy, configured in
pyproject.toml), and the package says it is typed (py.typed)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_mypy_finds_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_is_marked_as_typed() -> None:
    assert (ROOT / "src" / "permdocs" / "py.typed").is_file()
