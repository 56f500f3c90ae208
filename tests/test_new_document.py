"""The recipe is true: ``make document`` (tools/new_document.py) makes a
document folder that renders in every format and passes the suite's
document tests at once. Run in a copy of the repository, so that nothing
here changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # renders every sample's new document, twice
NAME = "review-summary"
DOCUMENT_TESTS = [
    "tests/test_writer_html.py", "tests/test_writer_docx.py", "tests/test_format_parity.py", "tests/test_leak.py",
    "tests/test_ooxml.py", "tests/test_template_fields.py",
]


def _copy(target: Path) -> Path:
    ignored = shutil.ignore_patterns(".git", ".venv", "out", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info")
    for name in ("src", "templates", "tests", "samples", "schemas", "docs", "tools"):
        shutil.copytree(ROOT / name, target / name, ignore=ignored)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, target / name)
    return target


def _run(copy: Path, *command: str) -> subprocess.CompletedProcess[str]:
    # The copy's own package comes first on the path, ahead of the installed one.
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=900)


def test_a_new_document_renders_and_passes_the_document_tests(tmp_path: Path) -> None:
    copy = _copy(tmp_path / "repo")
    made = _run(copy, sys.executable, "tools/new_document.py", NAME, "--title", "Review summary")
    assert made.returncode == 0, made.stderr
    folder = copy / "src" / "permdocs" / "documents" / "review_summary"
    assert sorted(p.name for p in folder.iterdir()) == [
        "__init__.py", "document.toml", "review-summary.docx", "review-summary.html",
    ]
    # What `make document` does next: the fields reference, then the first snapshots.
    fields = _run(copy, sys.executable, "-m", "permdocs", "templates", "fields")
    assert fields.returncode == 0, fields.stderr
    (copy / "docs" / "template-fields.md").write_text(fields.stdout, encoding="utf-8")
    pinned = _run(copy, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                  "--snapshot-update", "-k", NAME, *DOCUMENT_TESTS[:2])
    assert pinned.returncode == 0, pinned.stdout[-3000:]
    checked = _run(copy, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", f"{NAME} or fields",
                   *DOCUMENT_TESTS)
    assert checked.returncode == 0, checked.stdout[-3000:]
    assert " passed" in checked.stdout and " failed" not in checked.stdout
    # Every format, from the command line.
    out = tmp_path / "out"
    rendered = _run(copy, sys.executable, "-m", "permdocs", "render", str(copy / "samples" / "baby-in-proceedings.json"),
                    "--doc", NAME, "--format", "docx,html,pdf", "--out", str(out))
    assert rendered.returncode == 0, rendered.stderr
    assert sorted(p.suffix for p in out.iterdir() if not p.name.startswith(".")) == [".docx", ".html", ".pdf"]


def test_the_name_is_checked_and_nothing_is_overwritten(tmp_path: Path) -> None:
    copy = _copy(tmp_path / "repo")
    for bad in ("Review Summary", "cpr"):
        done = _run(copy, sys.executable, "tools/new_document.py", bad)
        assert done.returncode != 0 and "Traceback" not in done.stderr
    assert (copy / "src" / "permdocs" / "documents" / "__init__.py").read_bytes() == (
        ROOT / "src" / "permdocs" / "documents" / "__init__.py"
    ).read_bytes()
