"""What each document's templates can print: its context's fields, made
from the typed context dataclasses that the document builders return and
``templates check`` reads templates against (``permdocs templates fields``,
committed as docs/template-fields.md, drift-tested).

For each document, the names a template starts from; then every type those
names lead to, a table of its fields each, in words a template author
needs: text, a date (printed as "9 May 2026"), a narrative (print it with
``|markdown``), an optional value (test it with ``is not none``).
"""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..base.narrative import NarrativeText
from ..documents import DOCUMENTS
from ..profiles.model import Terms

#: Names every template may use besides its context's fields (see template_check.EXTRA_NAMES).
EXTRAS = {
    "terms": "The council profile's words (see the Terms table).",
    "logo": "The council's logo for an `<img src>` (HTML), or for the Word header; none when the profile has none.",
    "stylesheet": "HTML only: permdocs' stylesheet and the profile's colour and font, for the page's `<style>`.",
    "print_stylesheet": "HTML only: the page rules for the PDF; empty in the HTML file.",
    "council_stylesheet": "HTML only: the profile's own stylesheet and, for the PDF, its fonts; empty without them.",
    "court_stylesheet": "HTML only: a court copy's rules (12 pt, 1.5 spacing, numbered paragraphs), after the council's; empty for other copies.",
    "bundle_stylesheet": "HTML only: for a PDF made for a court bundle, leaves off the document's own page numbers; empty otherwise.",
}


def template_fields_markdown() -> str:
    """The reference of template fields, as Markdown."""
    lines = [
        "# Template fields", "",
        "Generated from the document contexts by `permdocs templates fields`: do not edit.", "",
        "A template (a council's override, or a reference Word file's header) can print these and nothing else;",
        "`permdocs templates check` reads every template against them, and suggests the right name for a "
        "misspelt one. Print a narrative with `{{ x|markdown }}` (HTML) or `{{p x|markdown }}` (Word), blocks "
        "with `|blocks`, and test an optional value with `{% if x is not none %}`.", "",
    ]
    seen: dict[type, None] = {}
    for document in DOCUMENTS.values():
        context = typing.get_type_hints(document.build_context)["return"]
        lines += [f"## {document.name}", "", f"{document.title}. The names a template starts from:", ""]
        lines += ["| Name | Type | What it is |", "| --- | --- | --- |"]
        for name, hint in typing.get_type_hints(context).items():
            lines.append(f"| `{name}` | {_words(hint, seen)} | {_doc_of(hint)} |")
        lines += [f"| `{name}` | {'[Terms](#terms)' if name == 'terms' else 'text'} | {text} |" for name, text in EXTRAS.items()]
        lines.append("")
    lines += ["## Types", ""]
    done: set[type] = set()
    while any(kind not in done for kind in seen):
        kind = next(kind for kind in seen if kind not in done)
        done.add(kind)
        lines += [f"### {kind.__name__}", "", _docstring(kind), "", "| Field | Type |", "| --- | --- |"]
        lines += [f"| `{name}` | {_words(hint, seen)} |" for name, hint in typing.get_type_hints(kind).items()]
        lines.append("")
    lines += ["### Terms", "", "The council profile's words, written as they read mid-sentence "
              "(`{{ terms.family_time|capfirst }}` starts a sentence).", "", "| Field | What it is |", "| --- | --- |"]
    lines += [f"| `{name}` | {info.description} |" for name, info in Terms.model_fields.items()]
    return "\n".join(lines).rstrip() + "\n"


def _words(hint: Any, seen: dict[type, None]) -> str:
    """A type as a template author needs to know it, with links to its table."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) < len(typing.get_args(hint)) and len(options) == 1:
            return f"{_words(options[0], seen)}, or none (test with `is not none`)"
        if all(getattr(option, "__module__", "").endswith(".blocks") for option in options):
            return "a block (print with `|blocks`)"
        return " or ".join(_words(option, seen) for option in options)
    if origin in (list, tuple):
        args = [arg for arg in typing.get_args(hint) if arg is not Ellipsis]
        return f"list of {_words(args[0], seen)}" if args else "list"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{value}`" for value in typing.get_args(hint))
    if hint is NarrativeText:
        return "narrative (print with `|markdown`)"
    if hint is date:
        return "date (prints as 9 May 2026)"
    if hint in (str, bytes):
        return "text"
    if hint in (int, float):
        return "number"
    if hint is bool:
        return "true or false"
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if hint.__module__.endswith(".blocks"):
            return "a block (print with `|blocks`)"
        seen.setdefault(hint, None)
        return f"[{hint.__name__}](#{hint.__name__.lower()})"
    if isinstance(hint, type) and issubclass(hint, Mapping):
        return "[Terms](#terms)" if hint.__name__ == "Terms" else "mapping"
    return getattr(hint, "__name__", str(hint))


def _doc_of(hint: Any) -> str:
    for option in (hint, *typing.get_args(hint)):
        if isinstance(option, type) and dataclasses.is_dataclass(option):
            return _docstring(option)
    return ""


def _docstring(kind: type) -> str:
    text = inspect.getdoc(kind) or ""
    # dataclasses writes a signature when a class has no docstring of its own.
    if text.startswith(f"{kind.__name__}("):
        return ""
    return " ".join(text.split()).replace("|", "\\|")
