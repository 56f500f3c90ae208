"""The wheel carries the templates, and permdocs renders from a plain,
non-editable install of it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DOCUMENT, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("permdocs-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_templates_and_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [required for required in (
        *(f"permdocs/documents/{folder}/{name}.{kind}" for folder, name in (
            ("care_plan_permanence", "care-plan-permanence"), ("options_analysis", "options-analysis"),
            ("route_comparison", "route-comparison")) for kind in ("docx", "html")),
        "permdocs/documents/care_plan_permanence/document.toml",
        "permdocs/documents/audiences.toml",
        "permdocs/templates/html/base.html",
        "permdocs/templates/assets/print.css",
        "permdocs/templates/assets/fonts/LiberationSans-Regular.ttf",
        "permdocs/templates/assets/fonts/LICENSE-LiberationSans.txt",
        "permdocs/templates/assets/fonts/LiberationSerif-Regular.ttf",
        "permdocs/templates/knowledge/routes.toml",
        "permdocs/templates/knowledge/sources.toml",
        *(f"permdocs/templates/profiles/{name}/{file}" for name in ("default", "devon-style", "essex-style")
          for file in ("profile.toml", "logo.png")),
        "permdocs/py.typed",
        # Made ahead of time by tools/, so that a render need not (cold start, issue 28).
        "permdocs/text/timeline/cairo_ffi.py", "permdocs/base/font_tables.py", "permdocs/practice/bank_holidays_england.py",
        *(f"permdocs/samples/{path.relative_to(ROOT / 'samples').as_posix()}"
          for path in (ROOT / "samples").rglob("*") if path.is_file()),
    ) if required not in names]
    assert missing == []


@pytest.mark.slow
def test_renders_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import sys, permdocs\n"
        f"assert permdocs.__file__.startswith({str(site)!r}), permdocs.__file__\n"
        f"case = permdocs.load_case({str(ROOT / 'samples' / 'baby-in-proceedings.json')!r})\n"
        f"for fmt in ('docx', 'html', 'pdf'):\n    assert len(permdocs.render(case, {DOCUMENT!r}, fmt)) > 1000\n"
        "print('ok')"
    )
    # The unpacked wheel comes first on the path, ahead of the editable install;
    # run from elsewhere so the source tree is not found by accident.
    env = os.environ | {"PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.slow
def test_the_help_examples_work_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """After 'pip install', 'permdocs samples' gives the files the --help examples name."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    env = os.environ | {"PYTHONPATH": str(site)}
    for command in (["samples"], ["validate", "samples/baby-in-proceedings.json"], ["routes", "kinship"]):
        done = subprocess.run([sys.executable, "-m", "permdocs", *command], env=env, cwd=work, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stderr)
    assert (work / "schemas" / "case.schema.json").is_file()
