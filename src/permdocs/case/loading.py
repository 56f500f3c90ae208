"""Turn a case file (path, bytes or dict) into a validated :class:`Case`, or
into an :class:`InvalidCaseError` that lists each problem by JSON path.

Two passes, because strict Pydantic alone misses things that matter here:
``json`` with hooks first finds malformed JSON, duplicate keys (where the last
one would silently win) and NaN/Infinity, each with its path; then the raw
bytes go through ``model_validate_json``, whose strict JSON mode accepts ISO
date strings but not datetimes or numbers where a date belongs.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import InvalidCaseError, Problem
from .base import Narrative
from .model import Case

#: Largest case file accepted. Real cases are tens of kilobytes; the cap keeps
#: a mistaken upload (a scanned PDF, a log file) from exhausting memory.
MAX_CASE_BYTES = 5 * 1024 * 1024

CaseSource = str | os.PathLike[str] | bytes | Mapping[str, Any]


def load_case(source: CaseSource, *, folder: str | os.PathLike[str] | None = None) -> Case:
    """Load and validate a case from a file path, JSON bytes or a dict.

    A ``str`` is taken as a path. Files the case refers to (a later-life
    letter's shared sections) are read from the case file's folder, or from
    ``folder`` for a case given as bytes or a dict. Raises
    :class:`InvalidCaseError` listing every problem found, each as a JSON
    path and a message without the input value.
    """
    if isinstance(source, Mapping):
        case = case_from_dict(source)
    elif isinstance(source, bytes | bytearray):
        case = case_from_json(bytes(source))
    else:
        path = Path(source)
        case = case_from_json(_read_case_file(path))
        folder = folder if folder is not None else path.parent
    return with_shared_files(case, None if folder is None else Path(folder))


#: Largest shared section file: a letter's section is a few paragraphs.
MAX_SHARED_FILE_BYTES = 100_000
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
            text, problem = _read_shared_file(folder, section.shared_file)
            if problem is not None:
                problems.append(Problem(where, problem))
            section = section.model_copy(update={"text": text})
        sections.append(section)
    if problems:
        raise InvalidCaseError(problems)
    return case.model_copy(update={"later_life_letter": letter.model_copy(update={"sections": sections})})


def _read_shared_file(folder: Path | None, name: str) -> tuple[str | None, str | None]:
    """The file's text, or why it cannot be used."""
    if folder is None:
        return None, "a shared file is read from the case file's folder: load the case from a file, or pass folder="
    root = folder.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root):
        return None, "must name a file inside the case file's own folder"
    if not target.is_file():
        return None, "names no file in the case file's folder"
    if target.stat().st_size > MAX_SHARED_FILE_BYTES:
        return None, f"the file is larger than {MAX_SHARED_FILE_BYTES // 1000} kB"
    try:
        return _NARRATIVE.validate_python(target.read_bytes().decode("utf-8")), None
    except UnicodeDecodeError:
        return None, "the file is not UTF-8 text"
    except ValidationError as error:
        return None, "the file's text " + error.errors(include_input=False)[0]["msg"].removeprefix("Value error, ")


def case_from_dict(data: Mapping[str, Any]) -> Case:
    """Validate a case already parsed into Python objects (e.g. by a case system).

    The dict is serialised and validated as JSON so that both entry points
    follow exactly the same rules.
    """
    problems = list(_python_hazards(data, "$"))
    if problems:
        raise InvalidCaseError(problems)
    try:
        raw = json.dumps(data, allow_nan=False, ensure_ascii=False).encode()
    except (TypeError, ValueError) as error:
        raise InvalidCaseError([Problem("$", f"contains a value JSON cannot hold ({type(error).__name__})")]) from None
    return case_from_json(raw)


#: No field of a case holds a number anywhere near this long.
MAX_NUMBER_DIGITS = 30


def _python_hazards(node: Any, path: str) -> Iterator[Problem]:
    """What a dict from a case system may hold that JSON cannot, each by path."""
    if isinstance(node, float) and not math.isfinite(node):
        yield Problem(path, "is NaN or Infinity, which JSON does not allow")
    elif isinstance(node, int) and not isinstance(node, bool) and abs(node) >= 10**MAX_NUMBER_DIGITS:
        yield Problem(path, f"is a number of more than {MAX_NUMBER_DIGITS} digits, which no field holds")
    elif isinstance(node, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in node):
        yield Problem(path, "contains a lone surrogate, which is not valid Unicode text")
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _python_hazards(value, json_path_join(path, str(key)))
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _python_hazards(value, json_path_join(path, index))


def case_from_json(raw: bytes) -> Case:
    """Validate a case from the bytes of a JSON document."""
    if len(raw) > MAX_CASE_BYTES:
        raise InvalidCaseError([Problem("$", f"the file is larger than {MAX_CASE_BYTES // (1024 * 1024)} MB")])
    # A byte-order mark (Windows Notepad adds one) is not an error; drop it.
    raw = raw.removeprefix(codecs.BOM_UTF8)
    tree = _parse_json(raw)
    problems = list(_json_hazards(tree, "$"))
    if problems:
        raise InvalidCaseError(problems)
    try:
        return Case.model_validate_json(raw)
    except ValidationError as error:
        raise InvalidCaseError(_problems_from(error)) from None


def _read_case_file(path: Path) -> bytes:
    """The file's bytes, read through a bounded reader: a device or a file
    that claims to be small (/dev/zero reports size 0) is never read whole."""
    too_large = InvalidCaseError([Problem("$", f"the file is larger than {MAX_CASE_BYTES // (1024 * 1024)} MB")])
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InvalidCaseError([Problem("$", f"is not a regular file (a device, pipe or socket): {path}")])
        with path.open("rb") as handle:
            data = handle.read(MAX_CASE_BYTES + 1)
        if len(data) > MAX_CASE_BYTES:
            raise too_large
        return data
    except FileNotFoundError:
        raise InvalidCaseError([Problem("$", f"no such file: {path}")]) from None
    except OSError as error:
        if isinstance(error, IsADirectoryError | PermissionError):
            raise InvalidCaseError([Problem("$", _READ_ERRORS[type(error)].format(path=path))]) from None
        raise InvalidCaseError([Problem("$", f"cannot be read ({type(error).__name__}): {path}")]) from None
    except IsADirectoryError:
        raise InvalidCaseError([Problem("$", f"is a folder, not a case file: {path}")]) from None
    except PermissionError:
        raise InvalidCaseError([Problem("$", f"permission denied: {path}")]) from None


class _JsonObject(dict[str, Any]):
    """A parsed JSON object that remembers which of its keys appeared twice."""

    duplicate_keys: list[str]


class _NonFinite:
    """Stands in for NaN or Infinity so that its path can be reported."""


class _HugeNumber:
    """Stands in for an integer too long for any field (Python refuses to
    convert more than 4,300 digits), so that its path can be reported."""


def _parse_int(text: str) -> int | _HugeNumber:
    return _HugeNumber() if len(text.lstrip("-")) > MAX_NUMBER_DIGITS else int(text)


_READ_ERRORS = {IsADirectoryError: "is a folder, not a case file: {path}", PermissionError: "permission denied: {path}"}


def _object_with_duplicates(pairs: list[tuple[str, Any]]) -> _JsonObject:
    obj = _JsonObject()
    obj.duplicate_keys = []
    for key, value in pairs:
        if key in obj:
            obj.duplicate_keys.append(key)
        obj[key] = value
    return obj


def _parse_json(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidCaseError([Problem("$", f"is not UTF-8 text (bad byte at offset {error.start})")]) from None
    try:
        return json.loads(
            text, object_pairs_hook=_object_with_duplicates, parse_constant=lambda _name: _NonFinite(),
            parse_int=_parse_int,
        )
    except json.JSONDecodeError as error:
        # The decoder's message names the expected token and the position,
        # never the surrounding text.
        message = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise InvalidCaseError([Problem("$", message)]) from None
    except RecursionError:
        raise InvalidCaseError([Problem("$", "is nested too deeply to be a case")]) from None


def _json_hazards(node: Any, path: str) -> Iterator[Problem]:
    if isinstance(node, _NonFinite):
        yield Problem(path, "is NaN or Infinity, which is not a number JSON allows")
    elif isinstance(node, _HugeNumber):
        yield Problem(path, f"is a number of more than {MAX_NUMBER_DIGITS} digits, which no field holds")
    elif isinstance(node, _JsonObject):
        for key in node.duplicate_keys:
            yield Problem(json_path_join(path, key), "appears more than once in the same object")
        for key, value in node.items():
            yield from _json_hazards(value, json_path_join(path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _json_hazards(value, f"{path}[{index}]")


def json_path_join(path: str, key: str | int) -> str:
    """Append one step to a JSON path: ``$.people`` + 2 -> ``$.people[2]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


def json_path(loc: tuple[str | int, ...]) -> str:
    """A Pydantic error location as a JSON path: ``('people', 2, 'dob')`` -> ``$.people[2].dob``."""
    path = "$"
    for key in loc:
        path = json_path_join(path, key)
    return path


# Pydantic's messages are accurate but written for programmers; these are
# the ones a social worker or integrator meets most.
FRIENDLY_MESSAGES = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a field of this object (check the spelling)",
    "date_parsing": "is not a real calendar date in the form YYYY-MM-DD",
    "date_from_datetime_parsing": "is not a date in the form YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date only (YYYY-MM-DD), without a time",
    "date_type": "must be a date written as a string in the form YYYY-MM-DD",
    "string_type": "must be text (a JSON string)",
    "bool_type": "must be true or false",
    "int_type": "must be a whole number",
    "list_type": "must be a list (a JSON array)",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
}


def _problems_from(error: ValidationError) -> list[Problem]:
    problems = []
    for detail in error.errors(include_input=False, include_url=False, include_context=False):
        message = FRIENDLY_MESSAGES.get(detail["type"], detail["msg"])
        if detail["type"] == "value_error":
            message = message.removeprefix("Value error, ")
        problems.append(Problem(json_path(tuple(detail["loc"])), message))
    return problems
