"""Reading a case file's text: its encoding, then its JSON syntax, with a
hint for the mistakes people make when they write JSON by hand.

Every message gives a line and a column, never a byte offset, and never
quotes the file's text: the text is a child's case. What a hint names is
the kind of character at fault (a curly quote, a byte-order mark), which
tells the writer what to look for without repeating what they wrote.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from ..errors import InvalidCaseError, Problem

#: No field of a case holds a number anywhere near this long.
MAX_NUMBER_DIGITS = 30

_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201f\u2032\u2033"
_BOM = "\ufeff"


def _refuse(message: str) -> InvalidCaseError:
    return InvalidCaseError([Problem("$", message)])


def decode_case_bytes(raw: bytes) -> str:
    """The file's text. UTF-8 is expected; a byte-order mark (Windows
    Notepad adds one, and its "Unicode" is UTF-16) says what the file is, so
    a file that starts with one is read in that encoding."""
    encoding = next((name for mark, name in _BYTE_ORDER_MARKS if raw.startswith(mark)), "utf-8")
    if encoding == "utf-8" and raw.count(b"\x00") > len(raw) // 4:
        raise _refuse("is not UTF-8 text: it looks like UTF-16 without a byte-order mark; save it as UTF-8")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise _refuse(_not_utf8(raw, error.start)) from None


def _not_utf8(raw: bytes, offset: int) -> str:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    where = f"line {line}, column {column}"
    byte = raw[offset]
    if byte in (0x91, 0x92, 0x93, 0x94):
        kind = "a curly quote"
    elif byte in (0x96, 0x97):
        kind = "a dash"
    else:
        kind = "a character"
    return (
        f"is not UTF-8 text: {kind} at {where} is in another encoding (probably Windows-1252, as older "
        "Word and Notepad save); save the file as UTF-8"
    )


class JsonObject(dict[str, Any]):
    """A parsed JSON object that remembers which of its keys appeared twice."""

    duplicate_keys: list[str]


class NonFinite:
    """Stands in for NaN or Infinity so that its path can be reported."""


class HugeNumber:
    """Stands in for an integer too long for any field (Python refuses to
    convert more than 4,300 digits), so that its path can be reported."""


def _parse_int(text: str) -> int | HugeNumber:
    return HugeNumber() if len(text.lstrip("-")) > MAX_NUMBER_DIGITS else int(text)


def _object_with_duplicates(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject()
    obj.duplicate_keys = []
    for key, value in pairs:
        if key in obj:
            obj.duplicate_keys.append(key)
        obj[key] = value
    return obj


def strip_byte_order_marks(text: str) -> str:
    """The text without the byte-order marks before its first character
    (an editor may add one to a file that already had one)."""
    return text.lstrip(_BOM)


def parse_case_json(text: str) -> Any:
    """The JSON tree, with duplicate keys, NaN and huge numbers kept
    findable; malformed JSON is an InvalidCaseError with line, column and
    a hint."""
    try:
        return json.loads(
            text, object_pairs_hook=_object_with_duplicates, parse_constant=lambda _name: NonFinite(),
            parse_int=_parse_int,
        )
    except json.JSONDecodeError as error:
        hint = syntax_hint(text, error)
        message = f"is not valid JSON at line {error.lineno}, column {error.colno}: {hint or error.msg}"
        raise _refuse(message) from None
    except RecursionError:
        raise _refuse("is nested too deeply to be a case") from None


def _quote_inside_text(text: str, pos: int) -> bool:
    """Whether the decoder stopped just after a string that a letter or a
    digit follows: the mark of a straight quote inside a text, which closed
    it (``"Ollie said: "I want..."``)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return pos > line_start and text[pos - 1] == '"' and pos < len(text) and (text[pos].isalnum() or text[pos] in " .!?")


def syntax_hint(text: str, error: json.JSONDecodeError) -> str | None:
    """What probably went wrong, in words, or None when nothing obvious did.
    The decoder's own message says what it expected, which is accurate but
    rarely tells a person what to change."""
    here = text[error.pos] if error.pos < len(text) else ""
    before = text[: error.pos].rstrip()
    line_start = text.rfind("\n", 0, error.pos) + 1
    line_end = text.find("\n", error.pos)
    line = text[max(0, text.rfind("\n", 0, line_start - 1) + 1): line_end if line_end != -1 else len(text)]
    if here == _BOM:
        return (
            "a byte-order mark (an invisible character some editors add) is here, inside the file; "
            "delete it, or save the file as UTF-8 without a byte-order mark"
        )
    if (here and here in _CURLY_QUOTES) or any(quote in line for quote in "\u201c\u201d\u201e"):
        return "curly quotes (\u201c \u201d), as Word types them: use straight quotes (\") around names and text"
    if here == "'":
        return "single quotes: JSON needs double quotes (\") around names and text"
    if before.endswith(",") and here and here in "]}":
        return "a comma before a closing bracket: remove the comma after the last entry"
    if error.msg.startswith("Expecting ',' delimiter") and _quote_inside_text(text, error.pos):
        return (
            "a double quote (\") inside a text ends it early, as in a child's words quoted inside a sentence: "
            "write \\\" for a quotation mark inside text, or use single quotes there"
        )
    if error.msg.startswith("Expecting ',' delimiter"):
        return "a comma is missing between two entries (perhaps at the end of the line before)"
    if error.msg.startswith("Expecting property name") and before.endswith(","):
        return "a comma too many: two commas in a row, or a comma with nothing after it"
    if error.msg.startswith("Expecting property name"):
        return "expected a field name in double quotes"
    if error.msg.startswith("Invalid control character"):
        return "a line break or tab inside text: write \\n for a new line and \\t for a tab"
    if error.msg.startswith("Unterminated string"):
        return "a text is not closed with a double quote (\")"
    if error.msg.startswith("Extra data"):
        return "more text after the end of the case: the file should hold one object, from { to its closing }"
    if error.msg.startswith("Expecting value") and not text.strip():
        return "the file is empty"
    if error.msg.startswith("Expecting value"):
        return "expected a value: text in double quotes, a number, true, false, null, a list [ ] or an object { }"
    return None
