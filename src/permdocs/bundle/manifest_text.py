"""Reading a manifest's text safely: a manifest is untrusted input, so its
size, nesting, duplicate keys, YAML aliases and numbers are all bounded
before the model sees it (permdocs.bundle.manifest validates what is read)."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import yaml

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


class _ManifestLoader(yaml.SafeLoader):
    """YAML 1.1's safe loader without timestamps, duplicate keys or aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise InvalidBundleError([Problem("$", f"uses a YAML alias at line {mark.line + 1}; write the value out")])
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: ANN401
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line = key_node.start_mark.line + 1
                raise InvalidBundleError([Problem("$", f"a key at line {line} is a list or mapping; keys are plain words")])
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise InvalidBundleError([Problem("$", f"the key '{key}' appears twice in one mapping (line {line})")])
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay strings, so the model reads YAML and JSON dates alike; and only
# true and false are booleans (YAML 1.1 also reads yes, no, on and off as
# booleans, which would turn a key 'on' into True).
_ManifestLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ManifestLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _nesting_problem(text: str) -> Problem | None:
    """Brackets nested deeper than any manifest's, found before a parser
    recurses into them (strings are not told apart: a title with many
    brackets is no manifest either)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_MANIFEST_NESTING:
        return Problem("$", f"nests lists or mappings more than {MAX_MANIFEST_NESTING} deep; no manifest does")
    return None


def parse_yaml(raw: bytes) -> Any:
    """YAML manifest text, read safely (see _ManifestLoader)."""
    text = _decode(raw)
    problem = _nesting_problem(text)
    if problem is not None:
        raise InvalidBundleError([problem])
    try:
        return yaml.load(text, Loader=_ManifestLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = re.sub(r"\s+", " ", error.problem or "is malformed")
        raise InvalidBundleError([Problem("$", f"is not valid YAML: {problem}{where}")]) from None
    except yaml.YAMLError:
        raise InvalidBundleError([Problem("$", "is not valid YAML")]) from None
    except RecursionError:
        raise InvalidBundleError([Problem("$", "is nested too deeply to be a manifest")]) from None
    except ValueError:
        # Python refuses to read an integer of thousands of digits.
        raise InvalidBundleError([Problem("$", "holds a number too long to be a date, a page count or any other value")]) from None
