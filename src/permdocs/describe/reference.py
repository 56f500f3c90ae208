"""The field reference: the published JSON Schema written out for people, in
Markdown and in HTML (``permdocs schema --format markdown|html``).

For each object of the file: where it is used, then a table of its fields
with their title, type, whether each is required, the description and an
example; then the object's own rules. Every code a field takes is listed
with what it means. Examples come from the shipped samples (fictional
children) and profiles, so every example is one permdocs accepts.

``docs/*-reference.md`` and ``.html`` are this module's output, committed;
a test fails when they drift from the models (``make schemas`` rewrites them).
"""

from __future__ import annotations

import html
import json
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..base.schema_generation import ALIASES_KEYWORD
from ..base.strict import (
    MULTI_LINE_PATTERN,
    NAME_MAX_CHARS,
    NARRATIVE_MAX_CHARS,
    SHORT_TEXT_MAX_CHARS,
    SINGLE_LINE_PATTERN,
)
from ..case.messages import resolve

Schema = Mapping[str, Any]

TITLES = {
    "case": "Case file reference",
    "profile": "Council profile reference",
    "routes": "Knowledge base reference",
    "bundle": "Court bundle manifest reference",
}
INTRODUCTIONS = {
    "case": (
        "One JSON file per child. Start one with `permdocs new case.json` (every required field, each holding a "
        "`FILL IN: ...` text that permdocs refuses until it is replaced), check it with `permdocs validate "
        "case.json`, and look at the samples (`permdocs samples`) for complete cases. Put "
        '`"$schema": "case.schema.json"` first in the file, with the schema beside it (`permdocs schema > '
        "case.schema.json`), and editors such as VS Code complete field names and codes and underline mistakes "
        "as you type.",
        "Text is one line unless its type says Markdown; dates are written YYYY-MM-DD; ids are lower-case letters, "
        "digits and hyphens, chosen by you, and other entries refer to people and options by them. A field that "
        "is not required may be left out, or set to null where its type allows null.",
    ),
    "profile": (
        "A council profile is a folder holding `profile.toml`, the council's logo and, optionally, fonts, a "
        "stylesheet and template overrides. Start one with `permdocs profile new our-council`, which copies the "
        "shipped default profile; problems are reported by TOML key and line (`council.address (line 9)`).",
    ),
    "routes": ("The knowledge base of routes to permanence shipped with permdocs (`permdocs routes`).",),
    "bundle": ("A court bundle manifest, in YAML or JSON, for `permdocs bundle`.",),
}


@dataclass
class _Reference:
    """What the reference says, before it is written as Markdown or HTML."""

    title: str
    introduction: tuple[str, ...]
    objects: list[tuple[str, str, list[str], list[list[str]], list[str]]] = field(default_factory=list)
    codes: list[tuple[str, str, list[tuple[str, str, str]]]] = field(default_factory=list)
    general_rules: tuple[str, ...] = ()


def reference_markdown(which: str) -> str:
    """The field reference of one published schema, as GitHub-flavoured Markdown."""
    reference = _build(which)
    lines = [f"# {reference.title}", "", f"Generated from the models by `{_command(which, 'markdown')}`: do not edit.", ""]
    for paragraph in reference.introduction:
        lines += [paragraph, ""]
    lines += ["Objects: " + ", ".join(f"[{name}](#{_anchor(name)})" for name, *_ in reference.objects) + ".", ""]
    if reference.codes:
        lines += ["Codes: " + ", ".join(f"[{name}](#{_anchor(name)})" for name, *_ in reference.codes) + ".", ""]
    for name, description, used_at, rows, rules in reference.objects:
        lines += [f"## {name}", ""]
        if description:
            lines += [description, ""]
        if used_at:
            lines += ["Used at " + ", ".join(f"`{path}`" for path in used_at) + ".", ""]
        lines += ["| Field | Title | Type | Required | Description | Example |", "| --- | --- | --- | --- | --- | --- |"]
        lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
        lines.append("")
        if rules:
            lines += ["Rules:", ""] + [f"- {rule}" for rule in rules] + [""]
    if reference.general_rules:
        lines += ["## Rules across the file", "", "The models check these as well; JSON Schema cannot say them.", ""]
        lines += [f"- {rule}" for rule in reference.general_rules] + [""]
    if reference.codes:
        lines += ["## Codes", ""]
        for name, description, values in reference.codes:
            lines += [f"### {name}", ""] + ([description, ""] if description else [])
            if any(other for _, _, other in values):
                lines += ["| Code | Meaning | Also called (refused in a file, but suggested) |", "| --- | --- | --- |"]
                lines += [f"| `{code}` | {_cell(meaning)} | {other} |" for code, meaning, other in values] + [""]
            else:
                lines += ["| Code | Meaning |", "| --- | --- |"]
                lines += [f"| `{code}` | {_cell(meaning)} |" for code, meaning, _ in values] + [""]
    return "\n".join(lines).rstrip() + "\n"


def reference_html(which: str) -> str:
    """The same reference as one standalone HTML page."""
    reference = _build(which)
    out = [
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        f"<title>{html.escape(reference.title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
        f"<h1>{html.escape(reference.title)}</h1>",
        f"<p><em>Generated from the models by <code>{_command(which, 'html')}</code>: do not edit.</em></p>",
    ]
    out += [f"<p>{_inline(paragraph)}</p>" for paragraph in reference.introduction]
    out.append("<p>Objects: " + ", ".join(_link(name) for name, *_ in reference.objects) + ".</p>")
    if reference.codes:
        out.append("<p>Codes: " + ", ".join(_link(name) for name, *_ in reference.codes) + ".</p>")
    for name, description, used_at, rows, rules in reference.objects:
        out.append(f'<h2 id="{_anchor(name)}">{html.escape(name)}</h2>')
        if description:
            out.append(f"<p>{_inline(description)}</p>")
        if used_at:
            out.append("<p>Used at " + ", ".join(f"<code>{html.escape(p)}</code>" for p in used_at) + ".</p>")
        out.append("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in _HEADINGS) + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>" for row in rows]
        out.append("</tbody></table>")
        if rules:
            out.append("<p>Rules:</p><ul>" + "".join(f"<li>{_inline(rule)}</li>" for rule in rules) + "</ul>")
    if reference.general_rules:
        out.append('<h2 id="rules-across-the-file">Rules across the file</h2>')
        out.append("<p>The models check these as well; JSON Schema cannot say them.</p>")
        out.append("<ul>" + "".join(f"<li>{_inline(rule)}</li>" for rule in reference.general_rules) + "</ul>")
    if reference.codes:
        out.append('<h2 id="codes">Codes</h2>')
        for name, description, values in reference.codes:
            out.append(f'<h3 id="{_anchor(name)}">{html.escape(name)}</h3>')
            if description:
                out.append(f"<p>{_inline(description)}</p>")
            others = any(other for _, _, other in values)
            heading = "<th>Also called (refused in a file, but suggested)</th>" if others else ""
            out.append(f"<table><thead><tr><th>Code</th><th>Meaning</th>{heading}</tr></thead><tbody>")
            out += [
                f"<tr><td><code>{html.escape(c)}</code></td><td>{_inline(m)}</td>"
                + (f"<td>{_inline(other)}</td>" if others else "") + "</tr>"
                for c, m, other in values
            ]
            out.append("</tbody></table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


_HEADINGS = ("Field", "Title", "Type", "Required", "Description", "Example")
_STYLE = (
    "body{font-family:Arial,'Liberation Sans',sans-serif;max-width:78rem;margin:2rem auto;padding:0 1rem;line-height:1.4}"
    "table{border-collapse:collapse;width:100%;margin:0 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;"
    "vertical-align:top;text-align:left}th{background:#eef2f7}code{font-size:.9em;overflow-wrap:anywhere}"
    "td:first-child code{white-space:nowrap}"
    "h2{margin-top:2.5rem;border-bottom:2px solid #1F4E79}"
)


def _build(which: str) -> _Reference:
    from .schemas import schema_text

    schema = json.loads(schema_text(which))
    reference = _Reference(TITLES[which], INTRODUCTIONS[which])
    if which == "case":
        from ..case.consistency import RULES_IN_WORDS

        reference.general_rules = RULES_IN_WORDS
    examples = _examples(schema, which)
    used_at = _used_at(schema)
    root_name = str(schema.get("title", which))
    # In the order a reader meets them, going down the file from the top.
    defs = schema.get("$defs", {})
    order = [*used_at, *(name for name in defs if name not in used_at)]
    for name, node in [(root_name, schema), *((name, defs[name]) for name in order)]:
        if "properties" in node:
            rows = [_row(schema, node, field_name, examples.get(name, {})) for field_name in node["properties"]]
            rules = [str(rule["description"]) for rule in node.get("allOf", []) if "description" in rule]
            places = [path.removeprefix("$.") if which == "profile" else path for path in used_at.get(name, [])]
            reference.objects.append((name, _prose(node.get("description", "")), places, rows, rules))
        elif "enum" in node:
            branches = {str(b["const"]): b for b in node.get("oneOf", [])}
            values = [
                (str(v), str(branches.get(str(v), {}).get("description", "")),
                 ", ".join(f"`{alias}`" for alias in branches.get(str(v), {}).get(ALIASES_KEYWORD, [])))
                for v in node["enum"]
            ]
            reference.codes.append((name, _prose(node.get("description", "")), values))
    return reference


def _row(schema: Schema, node: Schema, name: str, examples: Mapping[str, Any]) -> list[str]:
    prop = node["properties"][name]
    required = "yes" if name in node.get("required", []) else "no"
    example = _example(examples[name]) if name in examples and not _is_object_like(schema, prop) else ""
    # A field whose description is its object's own carries it only there.
    description = prop.get("description") or (resolve(schema, prop) or {}).get("description", "")
    return [f"`{name}`", str(prop.get("title", "")), _type_words(schema, prop), required, _prose(description), example]


def _prose(text: Any) -> str:
    """A docstring's lines as one paragraph."""
    return " ".join(str(text).split())


def _type_words(schema: Schema, node: Schema) -> str:
    """A field's type as a person says it, with links to objects and codes."""
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        target = schema["$defs"][name]
        return f"code: [{name}](#{_anchor(name)})" if "enum" in target else f"[{name}](#{_anchor(name)})"
    for key in ("anyOf", "oneOf"):
        if key in node and "enum" not in node:
            branches = [b for b in node[key] if b.get("type") != "null"]
            words = " or ".join(_type_words(schema, b) for b in branches)
            return f"{words}, or null" if len(branches) < len(node[key]) else words
    if "const" in node:
        return f"always `{json.dumps(node['const'])}`"
    kind = node.get("type")
    if kind == "array":
        least = node.get("minItems", 0)
        return f"list of {_type_words(schema, node.get('items', {}))}" + (f", at least {least}" if least else "")
    if kind == "object":
        values = node.get("additionalProperties")
        if not isinstance(values, Mapping) and node.get("patternProperties"):
            values = next(iter(node["patternProperties"].values()))
        return f"table of names, each set to {_type_words(schema, values)}" if isinstance(values, Mapping) else "object"
    if kind == "string":
        return _string_words(node)
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        return "whole number" + (f" {low} to {high}" if low is not None and high is not None else "")
    if kind == "boolean":
        return "true or false"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    return str(kind or "any value")


def _string_words(node: Schema) -> str:
    pattern, longest = node.get("pattern"), node.get("maxLength")
    if node.get("format") == "date":
        return "date, YYYY-MM-DD"
    if pattern == MULTI_LINE_PATTERN and node.get("contentMediaType") == "text/markdown":
        return f"text, Markdown allowed (up to {longest or NARRATIVE_MAX_CHARS:,} characters)"
    if pattern == MULTI_LINE_PATTERN:
        return f"text of one or more lines (up to {longest or NARRATIVE_MAX_CHARS:,} characters)"
    if pattern == SINGLE_LINE_PATTERN:
        return f"one line of text (up to {longest or max(NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS):,} characters)"
    if pattern == r"^[a-z0-9][a-z0-9-]{0,62}$":
        return "id (lower-case letters, digits, hyphens)"
    if pattern == r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$":
        return "reference (letters, digits, / _ . -)"
    if pattern == r"^([01][0-9]|2[0-3]):[0-5][0-9]$":
        return "time, HH:MM"
    if pattern == r"^#[0-9A-Fa-f]{6}$":
        return "colour, #RRGGBB"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    return "text" + (f" in the form `{pattern}`" if pattern else "")


def _is_object_like(schema: Schema, node: Schema) -> bool:
    resolved = resolve(schema, node) or {}
    if resolved.get("type") == "array":
        resolved = resolve(schema, resolved.get("items", {})) or {}
    return "properties" in resolved or resolved.get("type") == "object"


def _used_at(schema: Schema) -> dict[str, list[str]]:
    """Where in the file each object is used, as JSON paths."""
    found: dict[str, list[str]] = {}

    def walk(node: Schema, path: str, seen: frozenset[str]) -> None:
        if "$ref" in node:
            name = str(node["$ref"]).rsplit("/", 1)[-1]
            if name in seen:
                return
            found.setdefault(name, []).append(path)
            walk(schema["$defs"][name], path, seen | {name})
        for key in ("anyOf", "oneOf"):
            for branch in node.get(key, []):
                walk(branch, path, seen)
        if isinstance(node.get("items"), Mapping):
            walk(node["items"], f"{path}[]", seen)
        if isinstance(node.get("additionalProperties"), Mapping):
            walk(node["additionalProperties"], f"{path}.*", seen)
        for name, prop in node.get("properties", {}).items():
            walk(prop, f"{path}.{name}", seen)

    walk(schema, "$", frozenset())
    return found


def _examples(schema: Schema, which: str) -> dict[str, dict[str, Any]]:
    """For each object, the first value each field has in the example files."""
    found: dict[str, dict[str, Any]] = {}

    def walk(value: Any, node: Schema | None, name: str) -> None:
        name, node = _named(schema, node, name)
        if node is None:
            return
        if isinstance(value, Mapping) and "properties" in node:
            for key, item in value.items():
                if key in node["properties"] and item is not None and item != []:
                    found.setdefault(name, {}).setdefault(key, item)
                    walk(item, node["properties"][key], name)
        elif isinstance(value, list) and isinstance(node.get("items"), Mapping):
            for item in value:
                walk(item, node["items"], name)
        for branch in node.get("oneOf", []) if "enum" not in node else []:
            walk(value, branch, name)

    for document in _example_documents(which):
        walk(document, schema, str(schema.get("title", which)))
    return found


def _named(schema: Schema, node: Schema | None, name: str) -> tuple[str, Schema | None]:
    """A node with references and optionals resolved, and the name of the
    object it is (the last ``$ref`` followed), or ``name`` if none."""
    while node is not None:
        if "$ref" in node:
            name = str(node["$ref"]).rsplit("/", 1)[-1]
            node = schema["$defs"][name]
        elif "anyOf" in node and len([b for b in node["anyOf"] if b.get("type") != "null"]) == 1:
            node = next(b for b in node["anyOf"] if b.get("type") != "null")
        else:
            break
    return name, node


def _example_documents(which: str) -> Iterator[Any]:
    from ..base.resources import samples_dir, templates_dir

    if which == "case":
        for path in sorted(samples_dir().glob("*.json")):
            yield json.loads(path.read_text(encoding="utf-8"))
    elif which == "profile":
        profiles = templates_dir() / "profiles"
        for path in [profiles / "default", *sorted(p for p in profiles.iterdir() if p.name != "default")]:
            yield tomllib.loads((path / "profile.toml").read_text(encoding="utf-8"))
    elif which == "bundle":
        import yaml

        yield yaml.safe_load((samples_dir() / "bundle.yaml").read_text(encoding="utf-8"))
    elif which == "routes":
        from ..practice.knowledge import knowledge_base

        yield knowledge_base().model_dump(mode="json")


#: An example longer than this is cut short: the reference shows the form, not the content.
EXAMPLE_CHARS = 60


def _example(value: Any) -> str:
    # A YAML manifest's dates are dates; the reference shows them as written.
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > EXAMPLE_CHARS:
        text = text[: EXAMPLE_CHARS - 1].rstrip() + "…"
    return f"`{text}`"


def _command(which: str, fmt: str) -> str:
    return f"permdocs schema --format {fmt}" if which == "case" else f"permdocs schema --of {which} --format {fmt}"


def _anchor(name: str) -> str:
    return name.lower()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _link(name: str) -> str:
    return f'<a href="#{_anchor(name)}">{html.escape(name)}</a>'


def _inline(text: str) -> str:
    """Our own Markdown subset in table cells: `code` and [links](#anchor)."""
    import re

    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"`([^`]+)`", lambda m: f"<code>{m.group(1)}</code>", escaped)
    return re.sub(r"\[([^\]]+)\]\(#([a-z0-9-]+)\)", r'<a href="#\2">\1</a>', escaped)
