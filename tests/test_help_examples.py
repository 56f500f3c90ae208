"""Every example in every command's --help works as written, in a folder
where 'permdocs samples' has been run: what a new user does after
'pip install permdocs'. Also 'permdocs samples' itself.

To keep the suite quick, PDF layout is replaced by a stub here (every PDF
path is tested elsewhere), and the court-bundle examples, which need real
PDFs, are checked for their options and files rather than run."""

from __future__ import annotations

import glob
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from permdocs.cli import main

from conftest import ROOT


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, (*path, name))


def _examples() -> list[tuple[str, str]]:
    found = []
    for path, command in _commands(main):
        for line in (command.help or "").splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("permdocs "):
                found.append((" ".join(path) or "permdocs", line))
    return found


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def samples_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("copied")
    result = CliRunner().invoke(main, ["samples", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_samples_copies_every_sample_and_the_schemas(samples_folder: Path) -> None:
    copied = sorted(p.relative_to(samples_folder / "samples").as_posix() for p in (samples_folder / "samples").rglob("*")
                    if p.is_file())
    shipped = sorted(p.relative_to(ROOT / "samples").as_posix() for p in (ROOT / "samples").rglob("*") if p.is_file())
    assert copied == shipped
    assert (samples_folder / "schemas" / "case.schema.json").read_bytes() == (ROOT / "schemas" / "case.schema.json").read_bytes()
    again = CliRunner().invoke(main, ["samples", str(samples_folder)])
    assert again.exit_code == 2 and "already exist" in again.output


def test_every_command_has_examples() -> None:
    described = {command for command, _ in EXAMPLES}
    commands = [path for path, command in _commands(main) if not isinstance(command, click.Group)]
    assert commands
    for path in commands:
        assert " ".join(path) in described, f"'permdocs {' '.join(path)} --help' has no example"


@pytest.mark.slow
@pytest.mark.parametrize(("command", "example"), EXAMPLES, ids=[example for _, example in EXAMPLES])
def test_each_example_works_after_permdocs_samples(
    samples_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, example: str,
) -> None:
    work = tmp_path / "work"
    if example.split()[1] == "samples":
        work.mkdir()
    else:
        shutil.copytree(samples_folder, work)
    monkeypatch.chdir(work)
    monkeypatch.setattr("permdocs.writers.pdf.render", lambda document, context, styling, layout="": b"%PDF-1.7 stub")
    words = shlex.split(example)[1:]
    output = None
    if ">" in words:
        words, output = words[: words.index(">")], words[words.index(">") + 1]
    words = [match for word in words for match in (sorted(glob.glob(word)) if "*" in word else [word])]
    if words[0] == "bundle":
        main.make_context("permdocs", list(words))  # the options exist...
        assert Path(words[1]).is_file()  # ...and so does the manifest
        return
    result = CliRunner().invoke(main, words, input="\n" * 60)
    # 3 means 'check' found errors to fix in a sample: the example worked.
    assert result.exit_code in (0, 3), f"{example}\n{result.output}"
    if output:
        Path(output).write_text(result.stdout, encoding="utf-8")
        assert Path(output).stat().st_size > 100
