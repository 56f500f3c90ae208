"""Reading a manifest's text safely: a manifest is untrusted input, so its
size, nesting, duplicate keys, YAML aliases and numbers are all bounded
before the model sees it (permdocs.bundle.manifest validates what is read)."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

from ..base.safe_yaml import YamlProblem, load_untrusted_yaml, nested_deeper_than
from ..errors import InvalidBundleError, Problem

#: A manifest is a page of text; anything larger is not one.
#: A manifest for the largest bundle (350 pages, a few hundred documents) is
#: a few tens of kilobytes; a larger file is refused before it is parsed, so
#: that no manifest takes more than a second or two to read.
MAX_MANIFEST_BYTES = 128 * 1024
#: Lists and mappings in a manifest nest a few levels; deeper is refused unread.
MAX_MANIFEST_NESTING = 32


def read_manifest_file(path: Path) -> bytes:
    """A manifest file's bytes, refused if it is not a regular file or too long for a manifest."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InvalidBundleError([Problem("$", f"the manifest {path} is not a regular file")])
        with path.open("rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        raise InvalidBundleError([Problem("$", f"no such manifest file: {path}")]) from None
    except OSError as error:
        raise InvalidBundleError([Problem("$", f"the manifest {path} cannot be read ({type(error).__name__})")]) from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise InvalidBundleError([Problem("$", f"the manifest is larger than {MAX_MANIFEST_BYTES // 1024} kB; no bundle needs one so long")])
    return raw


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidBundleError([Problem("$", f"the manifest is not UTF-8 text (bad byte at offset {error.start})")]) from None


def parse_json(raw: bytes) -> Any:
    """JSON manifest text, without duplicate keys, deep nesting or endless numbers."""
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        for key in keys:
            if keys.count(key) > 1:
                raise InvalidBundleError([Problem("$", f"the key '{key}' appears twice in one object")])
        return dict(pairs)

    text = _decode(raw)
    problem = _nesting_problem(text)
    if problem is not None:
        raise InvalidBundleError([problem])
    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_int=_small_int)
    except RecursionError:
        raise InvalidBundleError([Problem("$", "is nested too deeply to be a manifest")]) from None
    except json.JSONDecodeError as error:
        raise InvalidBundleError(
            [Problem("$", f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")]
        ) from None


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise InvalidBundleError([Problem("$", "holds a number too long to be a date, a page count or any other value")])
    return int(text)


def _nesting_problem(text: str) -> Problem | None:
    if nested_deeper_than(text, MAX_MANIFEST_NESTING):
        return Problem("$", f"nests lists or mappings more than {MAX_MANIFEST_NESTING} deep; no manifest does")
    return None


def parse_yaml(raw: bytes) -> Any:
    """YAML manifest text, read safely (see permdocs.base.safe_yaml)."""
    try:
        return load_untrusted_yaml(_decode(raw), what="a manifest", max_nesting=MAX_MANIFEST_NESTING)
    except YamlProblem as problem:
        raise InvalidBundleError([Problem("$", str(problem))]) from None
