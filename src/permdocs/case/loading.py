"""Turn a case (a file's path, JSON text or bytes, or a dict) into a
validated :class:`Case`, or into an :class:`InvalidCaseError` that lists
every problem by JSON path, in the order they appear in the file.

A case file may also be YAML (``.yaml`` or ``.yml``), which is easier to
write by hand: long texts as block scalars, and any text as a Markdown file
beside the case (``history: !file history.md``). It is read safely
(permdocs.base.safe_yaml), then validated exactly as the same data in JSON,
with the same messages and paths. JSON stays the format case systems send.

In passes, because strict Pydantic alone misses things that matter here:

1. the text is decoded and parsed (:mod:`.json_text`), which finds
   malformed JSON with a hint, duplicate keys (where the last one would
   silently win) and NaN/Infinity, each with its line or path;
2. the bytes go through ``model_validate_json``, whose strict JSON mode
   accepts ISO date strings but not datetimes or numbers where a date
   belongs;
3. if that fails, the cross-reference and date rules (:mod:`.consistency`)
   still run on the parsed data, so one run reports every problem; and
   placeholders left from ``permdocs new`` are reported as such.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..base.yaml_values import YamlProblem
from ..errors import ArgumentTypeError, InvalidCaseError, Problem
from .consistency import consistency_problems
from .json_text import (
    MAX_NUMBER_DIGITS,
    HugeNumber,
    JsonObject,
    NonFinite,
    decode_case_bytes,
    parse_case_json,
    strip_byte_order_marks,
)
from .messages import field_at, problems_from
from .model import Case
from .placeholders import placeholder_locations, placeholder_message
from .text_files import with_file_texts, with_shared_files

#: Largest case file accepted. Real cases are tens of kilobytes; the cap keeps
#: a mistaken upload (a scanned PDF, a log file) from exhausting memory.
MAX_CASE_BYTES = 5 * 1024 * 1024
#: A path longer than this is not a path (PATH_MAX on Linux is 4,096 bytes).
MAX_PATH_CHARS = 4096

CaseSource = str | os.PathLike[str] | bytes | bytearray | Mapping[str, Any]


def load_case(source: CaseSource, *, folder: str | os.PathLike[str] | None = None) -> Case:
    """Load and validate a case.

    The type of ``source`` decides how it is read: a :class:`~pathlib.Path`
    (or any ``os.PathLike``) is a case file; ``bytes`` are the file's
    contents; a ``dict`` is parsed JSON; a ``str`` is JSON text when it
    starts with ``{`` (after any spaces), and otherwise the path of a case
    file, as the command line passes it. Files the case refers to (a
    later-life letter's shared sections) are read from the case file's
    folder, or from ``folder`` for a case given as text, bytes or a dict.
    Raises :class:`InvalidCaseError` listing every problem found, each as a
    JSON path and a message that never quotes the case.
    """
    if isinstance(source, Mapping):
        case = case_from_dict(source)
    elif isinstance(source, bytes | bytearray):
        case = case_from_json(bytes(source))
    elif isinstance(source, str) and strip_byte_order_marks(source).lstrip().startswith("{"):
        case = case_from_json(_utf8(source))
    elif isinstance(source, str | os.PathLike):
        path = _as_path(source)
        # A str may be a case's own text gone wrong, so its name is not
        # repeated; a Path is the caller saying "this is a file name".
        raw = _read_case_file(path, name_it=not isinstance(source, str))
        folder = folder if folder is not None else path.parent
        if path.suffix.lower() in YAML_SUFFIXES:
            case = case_from_yaml(raw, folder=Path(folder))
        else:
            case = case_from_json(raw)
    else:
        raise ArgumentTypeError(
            f"load_case() reads a path, JSON text, bytes or a dict, not {type(source).__name__}"
        )
    return with_shared_files(case, None if folder is None else Path(folder))


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidCaseError([Problem("$", "contains a lone surrogate, which is not valid Unicode text")]) from None


def _as_path(source: str | os.PathLike[str]) -> Path:
    text = os.fspath(source)
    if len(text) > MAX_PATH_CHARS or "\n" in text or "\x00" in text:
        # Not a path: perhaps a case's text that does not start with "{". Never quoted.
        raise InvalidCaseError([Problem(
            "$", "is neither the path of a case file nor JSON text (JSON text starts with '{')"
        )])
    return Path(text)


#: A case file with one of these endings is read as YAML.
YAML_SUFFIXES = (".yaml", ".yml")


def case_from_yaml(raw: bytes, *, folder: Path | None = None) -> Case:
    """Validate a case written in YAML; ``!file NAME`` texts are read from
    ``folder`` (the case file's), and never from outside it."""
    # Imported for a YAML case only: PyYAML is 30 ms of a JSON case's cold start.
    from ..base.safe_yaml import load_untrusted_yaml

    try:
        data = load_untrusted_yaml(decode_case_bytes(raw), what="a case", max_nesting=MAX_NESTING, files=True)
    except YamlProblem as problem:
        raise InvalidCaseError([Problem("$", str(problem))]) from None
    if not isinstance(data, dict):
        raise InvalidCaseError([Problem("$", "must be a mapping of the case's fields (child:, people: ...)")])
    shape = _shape_problem(data)
    if shape is not None:
        raise InvalidCaseError([shape])
    problems: list[Problem] = []
    data = with_file_texts(data, "$", folder, problems)
    if problems:
        raise InvalidCaseError(problems)
    return case_from_dict(data)


def case_from_dict(data: Mapping[str, Any]) -> Case:
    """Validate a case already parsed into Python objects (e.g. by a case system).

    The dict is serialised and validated as JSON so that both entry points
    follow exactly the same rules.
    """
    shape = _shape_problem(data)
    if shape is not None:
        raise InvalidCaseError([shape])
    problems = list(_python_hazards(data, "$"))
    if problems:
        raise InvalidCaseError(problems)
    try:
        raw = json.dumps(data, allow_nan=False, ensure_ascii=False).encode()
    except (TypeError, ValueError) as error:
        raise InvalidCaseError([Problem("$", f"contains a value JSON cannot hold ({type(error).__name__})")]) from None
    return case_from_json(raw)


#: No case is nested deeper than a few levels; a dict deeper than this, or
#: one that holds itself, is refused before anything walks it.
MAX_NESTING = 100
#: The most lists and mappings a case's data may hold (far above any case's).
MAX_CONTAINERS = 2_000_000


def _shape_problem(data: Any) -> Problem | None:
    """Whether parsed data from a case system is too deep, holds itself (a
    list inside itself), or is too large to be a case, found without recursion."""
    stack: list[tuple[Any, str, tuple[int, ...]]] = [(data, "$", ())]
    seen = 0
    while stack:
        node, path, inside = stack.pop()
        if not isinstance(node, Mapping | list | tuple):
            continue
        if id(node) in inside:
            return Problem(path, "holds itself (a list or mapping inside itself), which no JSON file can")
        if len(inside) >= MAX_NESTING:
            return Problem("$", f"is nested more than {MAX_NESTING} levels deep, too deeply to be a case")
        seen += 1
        if seen > MAX_CONTAINERS:
            return Problem("$", "holds more lists and mappings than any case does")
        ancestors = (*inside, id(node))
        items = node.items() if isinstance(node, Mapping) else enumerate(node)
        stack.extend((value, f"{path}.{key}" if isinstance(node, Mapping) else f"{path}[{key}]", ancestors)
                     for key, value in items)
    return None


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
    """Validate a case from the bytes of a JSON document (UTF-8, or any
    encoding its byte-order mark names)."""
    if len(raw) > MAX_CASE_BYTES:
        raise InvalidCaseError([Problem("$", f"the file is larger than {MAX_CASE_BYTES // (1024 * 1024)} MB")])
    text = strip_byte_order_marks(decode_case_bytes(raw))
    tree = parse_case_json(text)
    problems = list(_json_hazards(tree, "$"))
    if problems:
        raise InvalidCaseError(problems)
    placeholders = list(placeholder_locations(tree))
    try:
        case = Case.model_validate_json(text.encode("utf-8"))
    except ValidationError as error:
        raise InvalidCaseError(_every_problem(tree, error, placeholders)) from None
    if placeholders:
        raise InvalidCaseError(_placeholder_problems(placeholders))
    return case


def _every_problem(tree: Any, error: ValidationError, placeholders: list[tuple[str | int, ...]]) -> list[Problem]:
    """The model's problems, the placeholders still to fill in and the
    consistency rules' findings on what could be read, in file order; one
    problem per path, placeholders first (their field's other errors follow
    from them)."""
    problems = _placeholder_problems(placeholders)
    problems += problems_from(error, _case_schema(), where=json_path)
    problems += [Problem(json_path(loc), message) for loc, message in consistency_problems(tree)]
    seen: set[str] = set()
    unique = []
    for problem in problems:
        if problem.path not in seen:
            seen.add(problem.path)
            unique.append(problem)
    order = _file_order(tree)
    return sorted(unique, key=lambda problem: _position(order, problem.path))


def _placeholder_problems(placeholders: list[tuple[str | int, ...]]) -> list[Problem]:
    schema = _case_schema()
    return [Problem(json_path(loc), placeholder_message(field_at(schema, _field_loc(loc)))) for loc in placeholders]


def _field_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # A placeholder inside a list of ids is described by the list's field.
    return loc[:-1] if loc and isinstance(loc[-1], int) else loc


@cache
def _case_schema() -> Mapping[str, Any]:
    """The case's JSON Schema, which says what each field is, for messages."""
    from ..base.schema_generation import json_schema

    return json_schema(Case, "case")


def _file_order(tree: Any) -> dict[str, tuple[int, int]]:
    """Each JSON path in the file: where it starts and where its contents
    end, numbered in the order the file holds them."""
    order: dict[str, tuple[int, int]] = {}
    counter = iter(range(1 << 62))

    def walk(node: Any, path: str) -> None:
        start = next(counter)
        if isinstance(node, Mapping):
            for key, value in node.items():
                walk(value, json_path_join(path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")
        order[path] = (start, next(counter))

    walk(tree, "$")
    return order


def _position(order: dict[str, tuple[int, int]], path: str) -> int:
    """Where a problem's path comes in the file; a field that is missing
    comes at the end of the object it is missing from."""
    if path in order:
        return order[path][0]
    probe = path
    while probe not in order and probe != "$":
        probe = probe[: max(probe.rfind("."), probe.rfind("["))]
    return order.get(probe, (0, 0))[1]


def _read_case_file(path: Path, *, name_it: bool = True) -> bytes:
    """The file's bytes, read through a bounded reader: a device or a file
    that claims to be small (/dev/zero reports size 0) is never read whole."""
    if not name_it and not path.exists():
        raise InvalidCaseError([Problem(
            "$", "no such file (a str that does not start with '{' is read as a path; "
            "pass a pathlib.Path for a file, or JSON text, bytes or a dict for a case)"
        )])
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InvalidCaseError([Problem("$", f"is not a regular file (a device, pipe or socket): {path}")])
        with path.open("rb") as handle:
            data = handle.read(MAX_CASE_BYTES + 1)
    except FileNotFoundError:
        raise InvalidCaseError([Problem("$", f"no such file: {path}")]) from None
    except IsADirectoryError:
        raise InvalidCaseError([Problem("$", f"is a folder, not a case file: {path}")]) from None
    except PermissionError:
        raise InvalidCaseError([Problem("$", f"permission denied: {path}")]) from None
    except (OSError, ValueError) as error:
        # A name too long for the file system, say; the name is not repeated.
        name = errno_name(error)
        raise InvalidCaseError([Problem("$", f"the case file cannot be read ({name})")]) from None
    if len(data) > MAX_CASE_BYTES:
        raise InvalidCaseError([Problem("$", f"the file is larger than {MAX_CASE_BYTES // (1024 * 1024)} MB")])
    return data


def errno_name(error: Exception) -> str:
    """``ENAMETOOLONG``, say, or the exception's type: never its message,
    which repeats the path."""
    number = getattr(error, "errno", None)
    return errno.errorcode.get(number, type(error).__name__) if isinstance(number, int) else type(error).__name__


def _json_hazards(node: Any, path: str) -> Iterator[Problem]:
    if isinstance(node, NonFinite):
        yield Problem(path, "is NaN or Infinity, which is not a number JSON allows")
    elif isinstance(node, HugeNumber):
        yield Problem(path, f"is a number of more than {MAX_NUMBER_DIGITS} digits, which no field holds")
    elif isinstance(node, JsonObject):
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
