"""The strict building blocks of every model permdocs reads: the case, council
profiles and the knowledge base.

Why so strict: what goes into the case comes out in a legal document. A
stray form feed becomes a page break in Word, an ``\\x0b`` is silently dropped
by docxtpl, and a date such as 2025-02-30 must never be "repaired". So text
is normalised to NFC and control characters are refused here, once, before
any writer sees the data.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .font_tables import PRINTABLE_RANGES

#: Longest free-text narrative accepted. A care plan is read at a meeting; a
#: narrative longer than this belongs in an attached report, not a field.
NARRATIVE_MAX_CHARS = 20_000
SHORT_TEXT_MAX_CHARS = 1_000
NAME_MAX_CHARS = 200

# C0 and C1 controls and DEL. Newline and tab are allowed back in below for
# multi-line text only.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidirectional embedding, override and isolate controls: invisible, and able
# to turn a line (a case reference in a running header) back to front.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _normalise_text(value: str, *, multiline: bool) -> str:
    # Windows line endings come from pasted text; they are not an error.
    value = value.replace("\r\n", "\n")
    value = unicodedata.normalize("NFC", value)
    for match in _CONTROL.finditer(value):
        char = match.group()
        if multiline and char in "\n\t":
            continue
        if char in "\n\t":
            raise ValueError("must be a single line (no line breaks or tabs)")
        raise ValueError(
            f"contains the control character U+{ord(char):04X}, "
            "which cannot appear in a document"
        )
    bidi = _BIDI_CONTROL.search(value)
    if bidi:
        raise ValueError(
            f"contains the invisible direction control U+{ord(bidi.group()):04X}, which can reorder the text around it"
        )
    missing = next((char for char in value if char not in "\n\t" and ord(char) not in printable_characters()), None)
    if missing is not None:
        raise ValueError(
            f"contains a character permdocs' fonts cannot print (U+{ord(missing):04X}); it would show as an empty box"
        )
    if not value.strip():
        raise ValueError("must not be blank")
    return value


@cache
def printable_characters() -> frozenset[int]:
    """Every character the bundled fonts (Liberation Sans and Serif) can draw.

    Text outside them would print as empty boxes in the PDF, silently; so it
    is refused when the case is read, naming the field (README, "Fonts").
    Both fonts draw both families' characters alike; a character only one
    has would fail in the other, so only the shared ones count. They are
    read from the fonts by tools/font_tables.py, not here: opening the
    fonts would cost every cold start the import of fontTools.
    """
    return frozenset(code for first, last in PRINTABLE_RANGES for code in range(first, last + 1))


def single_line(value: str) -> str:
    """Text on one line, normalised, refused where it cannot be printed."""
    return _normalise_text(value, multiline=False)


def _multi_line(value: str) -> str:
    return _normalise_text(value, multiline=True)





# The same rules as JSON Schema patterns, so that editors and case systems
# refuse what permdocs refuses: no control or direction characters, and at
# least one character that is not a space. (A pattern matches anywhere, so
# each is anchored.) Which characters the fonts can print is left to the
# models: as a pattern it would be thousands of characters long.
_FORBIDDEN = r"\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN_IN_TEXT = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
# A starter's placeholder ("FILL IN: ...", see permdocs.case.starter) is
# refused too, so that an editor underlines every field still to fill in.
_NOT_A_PLACEHOLDER = r"(?!\s*FILL IN)"
SINGLE_LINE_PATTERN = rf"^{_NOT_A_PLACEHOLDER}[^{_FORBIDDEN}]*[^\s{_FORBIDDEN}][^{_FORBIDDEN}]*$"
MULTI_LINE_PATTERN = (
    rf"^{_NOT_A_PLACEHOLDER}(?:[^{_FORBIDDEN_IN_TEXT}]|\r\n)*[^\s{_FORBIDDEN}](?:[^{_FORBIDDEN_IN_TEXT}]|\r\n)*$"
)
#: What editors that read ``patternErrorMessage`` (VS Code) say instead of
#: showing the regular expression.
SINGLE_LINE_ERROR = "One line of text, not blank, without control characters, and not a FILL IN placeholder."
MULTI_LINE_ERROR = "Text, not blank, without control characters other than new lines and tabs, and not a FILL IN placeholder."
DATE_ERROR = "A real date written YYYY-MM-DD, between 1900-01-01 and 2200-12-31."
#: A real calendar date, YYYY-MM-DD, from 1900-01-01 to 2200-12-31: days
#: per month, and 29 February only in leap years (2000 was one; 1900, 2100
#: and 2200 are not).
DATE_PATTERN = (
    r"^(?:(?:19|20|21)\d\d-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
    r"|02-(?:0[1-9]|1\d|2[0-8]))|(?:19|20|21)(?:0[48]|[2468][048]|[13579][26])-02-29|2000-02-29"
    r"|2200-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))$"
)

class TextKind(StrEnum):
    """What a string field holds, declared once per text type below and
    published as ``x-text``. Redaction works from it: every prose value of a
    copy has its @-references resolved and is scrubbed of withheld values;
    a code is never scrubbed, as it ties the case together and is never
    printed as a sentence. A string field of the case is prose, a code, a
    date, an enumeration, or a tagged value (``x-sensitivity``); a test
    walks the published schema and fails on any that is none of these."""

    #: Written by a person: may name people and places.
    PROSE = "prose"
    #: An id, a reference between entries, a time of day, encoded data.
    CODE = "code"


#: JSON Schema keyword carrying a string field's :class:`TextKind`.
TEXT_KIND_KEYWORD = "x-text"


def text_kind(annotation: Any) -> TextKind | None:
    """The kind of text an annotation declares (looking inside ``list[...]``,
    ``dict[..., ...]`` and ``X | None``), or None where it declares none."""
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, TextKind):
            return item
    for arg in getattr(annotation, "__args__", ()):
        found = text_kind(arg)
        if found is not None:
            return found
    return None


def declared_text(kind: TextKind, **schema: Any) -> Any:
    return Field(json_schema_extra={TEXT_KIND_KEYWORD: kind.value, **schema})


Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NAME_MAX_CHARS),
    AfterValidator(single_line),
    TextKind.PROSE,
    declared_text(TextKind.PROSE, pattern=SINGLE_LINE_PATTERN, patternErrorMessage=SINGLE_LINE_ERROR),
]
"""A person's name or another short label on one line."""

ShortText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=SHORT_TEXT_MAX_CHARS),
    AfterValidator(single_line),
    TextKind.PROSE,
    declared_text(TextKind.PROSE, pattern=SINGLE_LINE_PATTERN, patternErrorMessage=SINGLE_LINE_ERROR),
]
"""A phrase or sentence on one line: a venue, a frequency, an address."""

Narrative = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NARRATIVE_MAX_CHARS),
    AfterValidator(_multi_line),
    TextKind.PROSE,
    declared_text(
        TextKind.PROSE, contentMediaType="text/markdown", pattern=MULTI_LINE_PATTERN, patternErrorMessage=MULTI_LINE_ERROR,
    ),
]
"""Free text in a small Markdown subset: paragraphs, bulleted and numbered
lists, **bold**, *italic* and line breaks. Anything else shows literally."""

CodeText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=SHORT_TEXT_MAX_CHARS),
    AfterValidator(single_line),
    TextKind.CODE,
    declared_text(TextKind.CODE, pattern=SINGLE_LINE_PATTERN, patternErrorMessage=SINGLE_LINE_ERROR),
]
"""A code on one line that is not an id: a schema's address, a profile's
name, a standard point's id. Never prose: no copy rewrites it."""

Identifier = Annotated[
    str,
    StringConstraints(max_length=63, pattern=r"^[a-z0-9][a-z0-9-]{0,62}$"),
    TextKind.CODE,
    declared_text(TextKind.CODE, patternErrorMessage="An id: lower-case letters, digits and hyphens, starting with a letter or digit."),
]
"""A short id that other parts of the case use to refer to this entry."""

CaseReference = Annotated[
    str,
    StringConstraints(max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$"),
    TextKind.CODE,
    declared_text(TextKind.CODE, patternErrorMessage="At most 40 letters, digits and / _ . -, starting with a letter or digit."),
]
"""A council's case or court reference: letters, digits and ``/ _ . -``."""

#: Dates a case can sensibly hold: later ones overflow the date arithmetic of
#: the checks (31 December 9999 plus a working day), earlier ones are typos.
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2200, 12, 31)


def _plausible_date(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"must be between {EARLIEST_DATE.year} and {LATEST_DATE.year}")
    return value


CalendarDate = Annotated[
    date,
    AfterValidator(_plausible_date),
    Field(json_schema_extra={"format": "date", "pattern": DATE_PATTERN, "patternErrorMessage": DATE_ERROR}),
]
"""An ISO 8601 calendar date, ``YYYY-MM-DD``, between 1900 and 2200. Times and week dates are refused."""


#: JSON Schema keyword marking a field whose value some readers must not
#: see. Its value is a category (see :mod:`permdocs.base.sensitivity`), or, for a
#: person's own details, an object mapping the person's role to a category
#: (``"*"`` for any other role).
SENSITIVITY_KEYWORD = "x-sensitivity"
#: Marks a name field: a withheld name is replaced by the person's role
#: (or first names only), never simply left out.
WITHHELD_AS_ROLE_KEYWORD = "x-withheld-as"


def field(
    title: str,
    description: str,
    *,
    sensitivity: str | dict[str, str] | None = None,
    name_of_person: bool = False,
    confidential_when: str | None = None,
    **kwargs: Any,
) -> Any:
    """A model field that always carries a title and a description.

    The published JSON Schema is what case-system integrators read, so no
    field may go without a human title and an explanation. ``sensitivity``
    tags a field that identifies where a child lives or belongs to a third
    party; it is published in the schema and drives every audience's
    redaction (:mod:`permdocs.safeguarding.redaction`).
    """
    extra: dict[str, Any] = {}
    if sensitivity is not None:
        extra[SENSITIVITY_KEYWORD] = sensitivity
    if name_of_person:
        extra[WITHHELD_AS_ROLE_KEYWORD] = "role"
    if confidential_when is not None:
        # See permdocs.base.sensitivity.CONFIDENTIAL_WHEN_KEYWORD (not imported: strict is the lowest layer).
        extra["x-confidential-when"] = confidential_when
    if extra:
        kwargs["json_schema_extra"] = extra
    return Field(title=title, description=description, **kwargs)


class Code(StrEnum):
    """The codes a field takes, each with a plain description of what it
    means, and perhaps other names people use for it. Members are written
    ``NAME = "value", "What it means.", "other-name", ...``; the description
    is published in the JSON Schema (``oneOf`` of ``const`` and
    ``description``, which editors show beside each value) and in the field
    reference, and the other names let a message suggest the code."""

    description: str
    aliases: tuple[str, ...]

    def __new__(cls, value: str, description: str = "", *aliases: str) -> "Code":
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        member.aliases = aliases
        return member


def code_description(member: StrEnum) -> str:
    """What a code means, or "" for an enum without descriptions."""
    return str(getattr(member, "description", ""))


def code_aliases(member: StrEnum) -> tuple[str, ...]:
    """Other names people use for a code (``kinship``), or none."""
    return tuple(getattr(member, "aliases", ()))


def schema_rules(*rules: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    """A model's own cross-field rules as JSON Schema (``allOf``), each with
    the sentence that says it, which the field reference prints."""
    return {"allOf": [{"description": sentence, **rule} for sentence, rule in rules]}


def exactly_one_of(first: str, second: str) -> dict[str, Any]:
    """JSON Schema for "give exactly one of these two fields" (the other
    absent or null), as a model's own validator says it."""
    return {"oneOf": [
        {"properties": {first: {"not": {"type": "null"}}, second: {"type": "null"}}, "required": [first]},
        {"properties": {second: {"not": {"type": "null"}}, first: {"type": "null"}}, "required": [second]},
    ]}


def when(field_name: str, value: Any, then: dict[str, Any], otherwise: dict[str, Any] | None = None) -> dict[str, Any]:
    """JSON Schema for "when ``field_name`` is ``value``, ``then`` applies (else ``otherwise``)"."""
    rule: dict[str, Any] = {"if": {"properties": {field_name: {"const": value}}, "required": [field_name]}, "then": then}
    if otherwise is not None:
        rule["else"] = otherwise
    return rule


def present(*names: str) -> dict[str, Any]:
    """JSON Schema: each of these fields is given and not null."""
    return {"properties": {name: {"not": {"type": "null"}} for name in names}, "required": list(names)}


def absent(*names: str) -> dict[str, Any]:
    """JSON Schema: none of these fields holds a value (each is left out or null)."""
    return {"properties": {name: {"type": "null"} for name in names}}


class StrictModel(BaseModel):
    """Base of every input model: unknown fields are errors, types are strict,
    values are immutable once validated, and errors never echo input."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        hide_input_in_errors=True,
    )
