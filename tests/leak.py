"""The leak test's two halves: what an audience must not see, read from the
published JSON Schema's x-sensitivity tags (not from permdocs' own redaction
code), and every piece of text an output carries, wherever it hides.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pikepdf
from pypdf import PdfReader

from conftest import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
ADOPTION_ROUTES = {"adoption", "early_permanence"}


# --- what must not appear ------------------------------------------------------

def withheld_values(case: dict[str, Any], withholds: dict[str, str]) -> set[str]:
    """Every string the audience withholds, with the parts that identify on their own."""
    adoption = case["plans"]["primary"]["route"] in ADOPTION_ROUTES
    found: set[str] = set()
    for category, is_name, role, field, text in _tagged(case, SCHEMA, None, ""):
        treatment = withholds.get(category)
        if treatment is None:
            continue
        keeps_first_names = treatment == "first-names-for-adopters" and role == "prospective_adopter" and adoption
        if is_name and field == "given_names" and keeps_first_names:
            continue
        found.add(text)
        if is_name:
            found.update(w for w in re.split(r"\s+|&", text) if len(w) >= 2 and w.lower() != "and")
        elif not re.search(r"[.!?](\s|$)", text) and len(text) <= 120:
            found.update(p.strip() for p in re.split(r"[,;\n]", text) if len(p.strip()) >= 4)
    return found


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolve(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]])
    for option in node.get("anyOf", ()):
        if option.get("type") != "null":
            return _resolve(option)
    return node


def _tagged(data: Any, node: dict[str, Any], role: str | None, field: str) -> Iterator[tuple[str, bool, str | None, str, str]]:
    tag = node.get("x-sensitivity")
    if isinstance(tag, dict):
        tag = tag.get(role or "", tag.get("*")) if role else None
    if tag is not None:
        for text in _strings(data):
            yield tag, node.get("x-withheld-as") == "role", role, field, text
        return
    node = _resolve(node)
    if isinstance(data, dict):
        role = data.get("role", role) if "role" in node.get("properties", {}) else role
        for key, value in data.items():
            if key in node.get("properties", {}):
                yield from _tagged(value, node["properties"][key], role, key)
    elif isinstance(data, list) and "items" in node:
        for item in data:
            yield from _tagged(item, node["items"], role, field)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


# --- every text an output carries ------------------------------------------------

def output_text(name: str, data: bytes) -> str:
    """All the text of an output: its file name, and for Word every part's text
    and attribute values (body, headers, footers, footnotes, properties, alt
    text); for PDF the pages' text and every string object (metadata,
    bookmarks, alt text, link targets); for a calendar every property of
    every event, unfolded and unescaped; for HTML the whole file."""
    if name.endswith(".docx"):
        body = _docx_text(data)
    elif name.endswith(".pdf"):
        body = _pdf_text(data)
    elif name.endswith(".ics"):
        body = _ics_text(data)
    else:
        body = html.unescape(data.decode("utf-8"))
    return f"{name}\n{body}"


def _ics_text(data: bytes) -> str:
    # RFC 5545 folds long lines (CRLF + space) and escapes commas and semicolons.
    unfolded = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), unfolded)


def _docx_text(data: bytes) -> str:
    from lxml import etree

    pieces = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.namelist():
            if not entry.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(archive.read(entry))
            for element in root.iter():
                pieces += [element.text or "", *element.attrib.values()]
    return " ".join(pieces)


def _pdf_text(data: bytes) -> str:
    pieces = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            pieces += list(_pdf_strings(obj, depth=0))
    return "\n".join(pieces)


def _pdf_strings(obj: Any, depth: int) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(obj, pikepdf.String):
        yield str(obj)
    elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key in obj.keys():
            value = obj.get(key)
            if not isinstance(value, pikepdf.Dictionary | pikepdf.Stream) or not value.is_indirect:
                yield from _pdf_strings(value, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            if not getattr(item, "is_indirect", False):
                yield from _pdf_strings(item, depth + 1)


# --- matching ----------------------------------------------------------------------

def normalise(text: str) -> str:
    """Case-folded, soft hyphens and end-of-line hyphenation removed, white space collapsed."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def leaks(text: str, values: set[str]) -> list[str]:
    """The withheld values found in the text (as whole words, across line breaks)."""
    haystack = normalise(text)
    squeezed = re.sub(r"\s+", "", haystack)
    found = []
    for value in sorted(values):
        needle = normalise(value).strip()
        if re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
            found.append(value)
        elif len(needle) >= 8 and re.sub(r"\s+", "", needle) in squeezed:
            found.append(value)
    return found
