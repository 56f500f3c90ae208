"""The leak test's two halves: what an audience must not see, read from the
published JSON Schema's x-sensitivity tags (not from permdocs' own redaction
code), and every piece of text an output carries, wherever it hides.
"""

from __future__ import annotations

import functools
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
    """Every string the audience withholds, with the pieces that identify on
    their own: each name; each item of a short value (an address's lines, a
    job without its "Ash:" label); a line without its house number; a
    postcode; the distinctive words of a name or street ("Tiddlers" of
    "Tiddlers Nursery"). A town line alone of an address is not a piece: the
    placement's town is withheld as a value of its own, and a relative's town
    is often the agency's."""
    adoption = case["plans"]["primary"]["route"] in ADOPTION_ROUTES
    found: set[str] = set()
    for category, is_name, role, field, text in _tagged(case, SCHEMA, None, ""):
        treatment = withholds.get(category)
        if treatment is None:
            continue
        keeps_first_names = treatment == "first-names-for-adopters" and role == "prospective_adopter" and adoption
        if is_name and field in ("given_names", "known_as") and keeps_first_names:
            continue
        if field == "known_as":
            # A name a person goes by may be an ordinary word ("Will"): found as a name is written, capitalised.
            found.add(AsWritten(text))
            continue
        found.add(text)
        if is_name:
            found.update(w for w in re.split(r"\s+|&", text) if len(w) >= 2 and w.lower() != "and")
        elif not re.search(r"[.!?](\s|$)", text) and len(text) <= 120:
            found.update(_pieces(text, is_address=field == "address"))
    return found


class AsWritten(str):
    """A value matched only as written or in capitals, never in lower case."""


#: Words too common, or too generic in names of places and groups, to stand for one on their own.
COMMON_WORDS = frozenset("""
    the and of at in on for with from under road street close lane avenue drive way walk mews court crescent row
    place terrace gardens grove hill park square view rise house flat estate green bridge vale end little big new
    old north south east west upper lower central high nursery school primary infant junior academy college
    pre-school day church mosque temple chapel community centre leisure sports club class group youth football
    dance swimming scouts rainbows hut hall library pool village town council family surgery practice health
    medical pharmacy station ambulance example riverside placeholder 1st 2nd 3rd baby babies toddler
    hospital general royal infirmary university maternity cubs beavers brownies guides
""".split())


def _pieces(text: str, *, is_address: bool) -> set[str]:
    pieces: set[str] = set()
    for part in (p.strip() for p in re.split(r"[,;\n]", text)):
        part = re.sub(r"^[^:]{1,40}:\s*", "", part)
        postcodes = re.findall(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", part)
        rest = re.sub(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", "", part).strip()
        if len(part) < 4 or re.fullmatch(r"[\d\s()+.-]+", part):
            pieces.update(postcodes)
            continue
        street = re.sub(r"^(?:flat\s+)?\d+[a-z]?\b\s*", "", rest, flags=re.IGNORECASE)
        town_line = is_address and street == rest and not set(rest.lower().split()) & COMMON_WORDS
        pieces.update({part, *postcodes})
        if not town_line:
            pieces.update({street} - {""})
            pieces.update(w for w in re.findall(r"\b[A-Z][A-Za-z'-]{2,}\b", rest) if w.lower() not in COMMON_WORDS)
    return {piece for piece in pieces if len(piece) >= 4 or piece in postcodes}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolve(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]])
    for option in node.get("anyOf", ()):
        if option.get("type") != "null":
            return _resolve(option)
    return node


def _tagged(
    data: Any, node: dict[str, Any], role: str | None, field: str, confidential: bool = False,
) -> Iterator[tuple[str, bool, str | None, str, str]]:
    tag = node.get("x-sensitivity")
    if isinstance(tag, dict):
        tag = tag.get(role or "", tag.get("*")) if role else None
    if tag is not None and confidential:
        # x-confidential-when: the owner's flag (form C8) makes the details confidential, whatever the role.
        tag = "confidential"
    if tag is not None:
        for key, text in _strings(data, field):
            yield tag, node.get("x-withheld-as") == "role", role, key, text
        return
    node = _resolve(node)
    if isinstance(data, dict):
        role = data.get("role", role) if "role" in node.get("properties", {}) else role
        for key, value in data.items():
            if key in node.get("properties", {}):
                prop = node["properties"][key]
                flag = prop.get("x-confidential-when")
                yield from _tagged(value, prop, role, key, isinstance(flag, str) and data.get(flag) is True)
        if isinstance(node.get("additionalProperties"), dict):
            for key, value in data.items():
                if key not in node.get("properties", {}):
                    yield from _tagged(value, node["additionalProperties"], role, key)
    elif isinstance(data, list) and "items" in node:
        for item in data:
            yield from _tagged(item, node["items"], role, field)


# --- the free-text fields, from the schema's x-text tags -----------------------------

def prose_fields(node: dict[str, Any] | None = None, path: str = "$", depth: int = 0) -> dict[str, str]:
    """Every string field of the published case schema, by path with ``[]``
    for list items and ``.*`` for a mapping's values, and what it is:
    "prose", "code", "date", "enum" or "tagged" (x-sensitivity), or
    "unclassified" for a string the schema says nothing about."""
    node = SCHEMA if node is None else node
    found: dict[str, str] = {}
    if depth > 40:
        return found
    if "x-sensitivity" in node:
        return {path: "tagged"}
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if options:
        for option in options:
            found.update(prose_fields(option, path, depth + 1))
        return found
    if "$ref" in node:
        return prose_fields(_resolve(node), path, depth + 1)
    if "enum" in node or "const" in node or ("oneOf" in node and all("const" in o for o in node["oneOf"])):
        return {path: "enum"}
    if node.get("type") == "string":
        kind = node.get("x-text") or ("date" if node.get("format") == "date" else "unclassified")
        return {path: kind}
    for key, child in node.get("properties", {}).items():
        found.update(prose_fields(child, f"{path}.{key}", depth + 1))
    if isinstance(node.get("additionalProperties"), dict):
        found.update(prose_fields(node["additionalProperties"], f"{path}.*", depth + 1))
    if "items" in node:
        found.update(prose_fields(node["items"], f"{path}[]", depth + 1))
    return found


def prose_locations(data: Any, node: dict[str, Any] | None = None, loc: tuple[Any, ...] = (), path: str = "$") -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every free-text value in a case's JSON data: its location (keys and
    indexes) and its field's path in :func:`prose_fields`' form."""
    node = SCHEMA if node is None else node
    if "x-sensitivity" in node:
        return
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if options:
        node = options[0]
    node = _resolve(node)
    if isinstance(data, str):
        if node.get("x-text") == "prose":
            yield loc, path
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in node.get("properties", {}):
                yield from prose_locations(value, node["properties"][key], (*loc, key), f"{path}.{key}")
            elif isinstance(node.get("additionalProperties"), dict):
                yield from prose_locations(value, node["additionalProperties"], (*loc, key), f"{path}.*")
    elif isinstance(data, list) and "items" in node:
        for index, item in enumerate(data):
            yield from prose_locations(item, node["items"], (*loc, index), f"{path}[]")


def _strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
    """Each string in a tagged value, with the name of the field holding it
    (a contact's address, phone and email are one tagged value)."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, name)


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
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(
            _xml_part_text(archive.read(entry)) for entry in archive.namelist() if entry.endswith((".xml", ".rels"))
        )


@functools.lru_cache(maxsize=256)
def _xml_part_text(part: bytes) -> str:
    """Every text and attribute value of an XML part; read once for the same
    bytes (styles.xml, three quarters of a Word file, is the same in every copy)."""
    from lxml import etree

    pieces = []
    for element in etree.fromstring(part).iter():
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

@functools.cache
def _kind_of(needle: str) -> tuple[str, tuple[str, ...]]:
    """A phone number (its digit forms, also as +44), a postcode (outward and
    inward parts) or words; worked out once per value, as every file is read for it."""
    number = re.sub(r"\D", "", needle)
    if len(number) >= 6 and len(number) * 2 > len(re.sub(r"\W", "", needle)):
        return "phone", (number, *((("44" + number[1:], "440" + number[1:]) if number.startswith("0") else ())))
    if re.fullmatch(r"[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][a-z]{2}", needle):
        squeezed = needle.replace(" ", "")
        return "postcode", (squeezed[:-3], squeezed[-3:])
    return "words", ()


def normalise(text: str) -> str:
    """Case-folded, soft hyphens and end-of-line hyphenation removed, white
    space collapsed; underscores read as spaces, as file names join words with them."""
    text = text.replace("\u00ad", "").replace("\u2019", "'").replace("_", " ")
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def leaks(text: str, values: set[str]) -> list[str]:
    """The withheld values found in the text: as whole words across line
    breaks, also in the plural ("the Plumbridges"); phone numbers by their
    digits however spaced, also as +44; postcodes with or without their space."""
    haystack = normalise(text)
    squeezed = re.sub(r"\s+", "", haystack)
    # Digits with only spacing or punctuation between them, run together: "01632 960 504" -> "01632960504".
    digits = re.sub(r"(?<=\d)[\s().+-]+(?=\d)", "", haystack)
    written = re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u2019", "'").replace("_", " "))
    return [
        value for value in sorted(values)
        if (_found_as_written(value, written)
            if isinstance(value, AsWritten) else _found(normalise(value).strip(), haystack, squeezed, digits))
    ]


def _found_as_written(value: str, written: str) -> bool:
    if value not in written and value.upper() not in written:
        return False
    return re.search(rf"(?<!\w)(?:{re.escape(value)}|{re.escape(value.upper())})(?!\w)", written) is not None


def _found(needle: str, haystack: str, squeezed: str, digits: str) -> bool:
    kind, forms = _kind_of(needle)
    if kind == "phone":
        # A plain substring test first, as below: the digit-bounded match is far slower.
        return any(form in digits and re.search(rf"(?<!\d){form}(?!\d)", digits) for form in forms)
    if kind == "postcode":
        outward, inward = forms
        return inward in haystack and re.search(rf"(?<![a-z0-9]){outward}\s*{inward}(?![a-z0-9])", haystack) is not None
    # A plain substring test first: a whole-word match needs the words themselves (and is far slower).
    if needle in haystack and re.search(rf"(?<!\w){re.escape(needle)}(?:e?s)?(?!\w)", haystack):
        return True
    return len(needle) >= 8 and re.sub(r"\s+", "", needle) in squeezed
