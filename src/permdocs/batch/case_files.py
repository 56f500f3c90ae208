"""Which files of a folder are the cases of a batch, and which ``*.json``
entries are not (a pipe, a loop of links, a folder), with the reason."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path


def case_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The case files named: files as given, and every ``*.json`` file in a
    folder named (not its subfolders, nor the ``*.schema.json`` files that
    editors read beside the cases), in name order."""
    return gather_case_files(paths)[0]


def gather_case_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The case files named (as ``case_files``), and each ``*.json`` entry of
    a folder that is not one, with the reason: a batch lists them rather than
    passing over them in silence."""
    found: list[Path] = []
    passed_over: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        for entry in sorted(path.glob("*.json")):
            if entry.name.endswith(".schema.json"):
                continue
            reason = _not_a_case_file(entry)
            if reason is None:
                found.append(entry)
            else:
                passed_over.append((entry, reason))
    return found, passed_over


def _not_a_case_file(entry: Path) -> str | None:
    try:
        mode = entry.stat().st_mode
    except FileNotFoundError:
        return "a link to nothing (its target is missing)"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a loop of links"
        return f"cannot be read ({error.strerror or type(error).__name__})"
    if stat.S_ISDIR(mode):
        return "a folder, not a case file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe or a device?)"
    return None
