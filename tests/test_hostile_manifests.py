"""Manifests a council's system or an attacker might hand `permdocs bundle`:
each ends in exit 2 with a message naming where, never a traceback or a
hang. Budgets (README, "Court bundles"): a manifest is at most 128 kB and
nests at most 32 levels, so it is read in a second or two at worst."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from permdocs.bundle import load_manifest
from permdocs.cli import main
from permdocs.errors import InvalidBundleError

HOSTILE = {
    "a list as a key": ("manifest.yaml", "title: T\n? [a, b]\n: 1\n", "keys are plain words"),
    "a mapping as a key": ("manifest.yaml", "title: T\n? {a: 1}\n: 1\n", "keys are plain words"),
    "deeply nested YAML": ("manifest.yaml", "title: " + "[" * 5000 + "]" * 5000 + "\n", "more than 32 deep"),
    "deeply nested JSON": ("manifest.json", '{"title": ' + "[" * 5000 + "]" * 5000 + "}", "more than 32 deep"),
    "a 5,000-digit number in YAML": ("manifest.yaml", "title: T\npage_limit: " + "9" * 5000 + "\n", "number too long"),
    "a 5,000-digit number in JSON": ("manifest.json", '{"page_limit": ' + "9" * 5000 + "}", "number too long"),
    "a 400 kB flow list": ("manifest.yaml", "title: [" + ", ".join(["a"] * 140_000) + "]\n", "larger than 128 kB"),
}


@pytest.mark.parametrize(("name", "text", "said"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_manifest_is_refused_by_path(tmp_path: Path, name: str, text: str, said: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidBundleError) as refused:
        load_manifest(path)
    assert said in str(refused.value)
    result = CliRunner().invoke(main, ["bundle", str(path), "--out", str(tmp_path / "bundle.pdf")])
    assert result.exit_code == 2 and said in result.output and "Traceback" not in result.output
    assert not (tmp_path / "bundle.pdf").exists()


def test_an_existing_bundle_file_is_kept_and_the_advice_is_the_commands_own(tmp_path: Path) -> None:
    from conftest import ROOT

    out = tmp_path / "bundle.pdf"
    out.write_bytes(b"an earlier bundle")
    result = CliRunner().invoke(main, ["bundle", str(ROOT / "samples" / "bundle.yaml"), "--out", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.output and "--update" not in result.output
    assert out.read_bytes() == b"an earlier bundle"


@pytest.mark.parametrize("kind", ["fifo", "link-loop"])
def test_an_entry_that_is_no_regular_file_is_refused_not_waited_on(tmp_path: Path, kind: str) -> None:
    import os

    from bundle_setup import bundle_folder, fixture_manifest, without_case

    path = bundle_folder(tmp_path, without_case(fixture_manifest()))
    order = tmp_path / "external" / "order.pdf"
    order.unlink()
    if kind == "fifo":
        os.mkfifo(order)
        said = "is not a regular file"
    else:
        order.symlink_to(tmp_path / "external" / "loop.pdf")
        (tmp_path / "external" / "loop.pdf").symlink_to(order)
        said = "a loop of links"
    result = CliRunner().invoke(main, ["bundle", str(path), "--out", str(tmp_path / "bundle.pdf")])
    assert result.exit_code == 2 and "$.sections[0].documents[0].pdf" in result.output and said in result.output
