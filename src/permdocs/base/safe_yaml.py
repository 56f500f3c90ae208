"""YAML (and bracket nesting) read as untrusted input: case files and bundle manifests.

PyYAML's safe loader still does things a hand-written file must not
surprise its writer with, or that a hostile file could use:

- aliases (``*name``), which can expand a small file into a huge one;
- duplicate keys, where the last would silently win;
- YAML 1.1's implicit types: ``2026-05-15`` as a date object (the models
  read dates as ISO text, as in JSON), ``no`` and ``on`` as booleans, and
  ``14:00`` as the sexagesimal number 840.

So this loader refuses aliases and duplicate keys, and reads as typed only
``true``, ``false``, ``null``, and plain decimal numbers; everything else is
text. Callers turn :class:`YamlProblem` into their own error with a path.

A case may also give a long text as a Markdown file beside it, written
``!file history.md``; the loader leaves a :class:`FileReference` in its
place for the caller to read, within the folder it allows.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .yaml_values import FileReference, YamlProblem

__all__ = ["FileReference", "YamlProblem", "load_untrusted_yaml", "nested_deeper_than"]


def load_untrusted_yaml(text: str, *, what: str, max_nesting: int, files: bool = False) -> Any:
    """The data in ``text``, or :class:`YamlProblem`. ``what`` names the
    kind of file in messages ("a case"); ``files`` allows ``!file`` tags."""
    if nested_deeper_than(text, max_nesting):
        raise YamlProblem(f"nests lists or mappings more than {max_nesting} deep; {what} never does")
    loader = _WithFiles if files else _Untrusted
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        said = re.sub(r"\s+", " ", error.problem or "is malformed")
        raise YamlProblem(f"is not valid YAML: {said}{where}") from None
    except yaml.YAMLError:
        raise YamlProblem("is not valid YAML") from None
    except RecursionError:
        raise YamlProblem(f"is nested too deeply to be {what}") from None
    except ValueError:
        # Python refuses to read an integer of thousands of digits.
        raise YamlProblem("holds a number too long to be a date, a count or any other value") from None


def nested_deeper_than(text: str, max_nesting: int) -> bool:
    """Whether brackets (JSON's, or YAML's flow style) nest deeper than
    ``max_nesting``, found before a parser recurses into them (strings are
    not told apart: a text of many brackets is no real file either)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest > max_nesting


class _Untrusted(yaml.SafeLoader):
    """YAML's safe loader without aliases, duplicate keys or surprising types."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise YamlProblem(f"uses a YAML alias at line {mark.line + 1}; write the value out")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: ANN401
        seen: set[Any] = set()
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(f"a key at line {line} is a list or mapping; keys are plain words")
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise YamlProblem(f"the key '{key}' appears twice in one mapping (line {line})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_TYPED = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|false)$"),
    "tag:yaml.org,2002:null": re.compile(r"^(?:null|~|)$"),
    "tag:yaml.org,2002:int": re.compile(r"^[-+]?[0-9]+$"),
    "tag:yaml.org,2002:float": re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
}
_Untrusted.yaml_implicit_resolvers = {}
for _tag, _pattern in _TYPED.items():
    _Untrusted.add_implicit_resolver(_tag, _pattern, list("tfn~-+0123456789.") + [""])


class _WithFiles(_Untrusted):
    """The same, with ``!file NAME`` for a text kept in a file of its own."""


def _file_reference(loader: _WithFiles, node: yaml.Node) -> FileReference:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlProblem(f"!file at line {node.start_mark.line + 1} names no file; write !file NAME.md")
    return FileReference(node.value.strip(), node.start_mark.line + 1)


_WithFiles.add_constructor("!file", _file_reference)
