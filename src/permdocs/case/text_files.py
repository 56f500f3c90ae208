"""Texts a case keeps in files beside it: a later-life letter's shared
sections (``shared_file``) and, in a YAML case, any text written
``!file NAME.md``. Each is read only from the case file's own folder,
bounded in size, and validated as narrative text; a file that cannot be
used is a problem at its field's JSON path."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..base.yaml_values import FileReference
from ..errors import InvalidCaseError, Problem
from .base import Narrative
from .model import Case

#: Largest text file: a letter's section or a CPR section is a few pages at most.
MAX_TEXT_FILE_BYTES = 100_000
_NARRATIVE = TypeAdapter(Narrative)


def with_shared_files(case: Case, folder: Path | None) -> Case:
    """The case with each later-life-letter section that names a shared file
    filled in from that file, which must lie inside ``folder``."""
    letter = case.later_life_letter
    if letter is None or all(section.shared_file is None for section in letter.sections):
        return case
    problems, sections = [], []
    for index, section in enumerate(letter.sections):
        if section.shared_file is not None:
            where = f"$.later_life_letter.sections[{index}].shared_file"
            text, problem = _read_text_file(folder, section.shared_file)
            if problem is not None:
                problems.append(Problem(where, problem))
            section = section.model_copy(update={"text": text})
        sections.append(section)
    if problems:
        raise InvalidCaseError(problems)
    return case.model_copy(update={"later_life_letter": letter.model_copy(update={"sections": sections})})


def _read_text_file(folder: Path | None, name: str) -> tuple[str | None, str | None]:
    """The file's text, or why it cannot be used."""
    if folder is None:
        return None, "a shared file is read from the case file's folder: load the case from a file, or pass folder="
    try:
        root = folder.resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root):
            return None, "must name a file inside the case file's own folder"
        status = target.stat()
    except FileNotFoundError:
        return None, "names no file in the case file's folder"
    except (RuntimeError, OSError):
        # A loop of links, or a name longer than the system allows.
        return None, "cannot be followed: a loop of links, or a name too long"
    if not stat.S_ISREG(status.st_mode):
        return None, "names no regular file in the case file's folder (a folder, a pipe or a device)"
    if status.st_size > MAX_TEXT_FILE_BYTES:
        return None, f"the file is larger than {MAX_TEXT_FILE_BYTES // 1000} kB"
    try:
        with target.open("rb") as handle:
            text = handle.read(MAX_TEXT_FILE_BYTES + 1)
        # A file's last line ends in a newline; the text does not.
        return _NARRATIVE.validate_python(text.decode("utf-8").rstrip("\r\n")), None
    except OSError:
        return None, "the file cannot be read"
    except UnicodeDecodeError:
        return None, "the file is not UTF-8 text"
    except ValidationError as error:
        return None, "the file's text " + error.errors(include_input=False)[0]["msg"].removeprefix("Value error, ")


def with_file_texts(node: Any, path: str, folder: Path | None, problems: list[Problem]) -> Any:
    """The data with each ``!file`` replaced by its file's text; a file
    that cannot be used is a problem at its path."""
    if isinstance(node, FileReference):
        text, problem = _read_text_file(folder, node.name) if node.name else (None, "names no file; write !file NAME.md")
        if problem is not None:
            problems.append(Problem(path, f"!file at line {node.line}: {problem}"))
        return text
    if isinstance(node, dict):
        return {key: with_file_texts(value, f"{path}.{key}", folder, problems) for key, value in node.items()}
    if isinstance(node, list):
        return [with_file_texts(value, f"{path}[{index}]", folder, problems) for index, value in enumerate(node)]
    return node
