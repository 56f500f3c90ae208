"""Where each key of a TOML file is, so that a profile's problems can name
the key as its writer sees it (``council.address``) and the line it is on.

The standard library's ``tomllib`` keeps no positions, so the file is read
a second time, line by line, for its table headers (``[council]``,
``[[routes]]``) and assignments (``address = ...``), skipping the insides
of multi-line strings and arrays. The file has already parsed, so this
reading only needs to follow valid TOML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Key = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=\s*(.*)$")


def key_lines(text: str) -> dict[Key, int]:
    """Each table and key of the file, as a path (arrays of tables by
    index), with the number of the line where it is defined."""
    lines: dict[Key, int] = {}
    table: Key = ()
    counts: dict[Key, int] = {}
    continuation = None
    for number, line in enumerate(text.splitlines(), start=1):
        if continuation is not None:
            continuation = _still_open(line, continuation)
            continue
        header = _HEADER.match(line)
        if header and not _ASSIGNMENT.match(line):
            path = tuple(_split_key(header.group(2)))
            if header.group(1) == "[[":
                index = counts.get(path, 0)
                counts[path] = index + 1
                table = (*path, index)
                lines.setdefault(path, number)
            else:
                table = path
            lines[table] = number
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            key = (*table, *_split_key(assignment.group(1)))
            lines[key] = number
            continuation = _still_open(assignment.group(2), None)
    return lines


def line_of(lines: dict[Key, int], key: Key) -> int | None:
    """The line of a key, or of the nearest table or key above it that the
    file has (a missing key is reported at its table's header)."""
    for length in range(len(key), 0, -1):
        if key[:length] in lines:
            return lines[key[:length]]
    return None


def dotted(key: Key) -> str:
    """A key path as a TOML writer names it: ``council.address``, ``routes[2].id``."""
    out = ""
    for step in key:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(the whole file)"


def _split_key(text: str) -> Iterator[str]:
    for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.\s]+", text):
        yield part[1:-1] if part[:1] in "\"'" else part


def _still_open(rest: str, state: str | None) -> str | None:
    """What is still open at the end of this text: a multi-line string
    (its quotes), an array or inline table (``[``), or None."""
    if state in ('"""', "'''"):
        return None if state in rest else state
    for quotes in ('"""', "'''"):
        if rest.lstrip().startswith(quotes) and rest.count(quotes) == 1:
            return quotes
    bare = re.sub(r"\"(?:\\.|[^\"\\])*\"|'[^']*'", "", rest).split("#")[0]
    depth = (1 if state == "[" else 0) + bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")
    return "[" if depth > 0 else None
