"""What the page measurer needs from a PDF font: its glyphs' widths, its
ascent and descent, whether it is embedded; and the bytes a TJ array
shows, read quickly."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

#: Character codes up to this get a lookup table (a CID font's are glyph
#: numbers, in a subset a few hundred at most).
_TABLE_LIMIT = 4096


@dataclass
class FontMetrics:
    widths: dict[int, float]  # per 1000 units of the font size
    default_width: float
    two_byte: bool
    ascent: float  # per 1000, above the baseline
    descent: float  # per 1000, below it (negative)
    embedded: bool
    name: str

    def __post_init__(self) -> None:
        size = min(max(self.widths, default=255) + 1, _TABLE_LIMIT)
        self._table = [self.default_width] * max(size, 256)
        for code, width in self.widths.items():
            if code < len(self._table):
                self._table[code] = width

    def units(self, codes: bytes | tuple[int, ...]) -> float:
        """The advance of ``codes``, per 1000 units of the font size. The
        table lookup runs in C; this is the measurer's innermost loop."""
        try:
            return sum(map(self._table.__getitem__, codes))
        except IndexError:
            return sum(self.widths.get(code, self.default_width) for code in codes)


def read_font(font: pikepdf.Dictionary) -> FontMetrics:
    subtype = font.get("/Subtype")
    name = str(font.get("/BaseFont", "/unnamed")).lstrip("/")
    name = name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name
    widths: dict[int, float] = {}
    if subtype == "/Type0":
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else pikepdf.Dictionary()
        descriptor = descendant.get("/FontDescriptor")
        default = float(descendant.get("/DW", 1000))
        w = list(descendant.get("/W", []))
        i = 0
        while i < len(w) - 1:
            first = int(w[i])
            if isinstance(w[i + 1], pikepdf.Array):
                for offset, value in enumerate(w[i + 1]):
                    widths[first + offset] = float(value)
                i += 2
            elif i + 2 < len(w):
                for code in range(first, int(w[i + 1]) + 1):
                    widths[code] = float(w[i + 2])
                i += 3
            else:
                break
        two_byte = True
    else:
        descriptor = font.get("/FontDescriptor")
        first = int(font.get("/FirstChar", 0))
        widths = {first + i: float(value) for i, value in enumerate(font.get("/Widths", []))}
        default = 556.0  # about the average advance of Latin fonts, for the standard 14 without widths
        two_byte = False
    if subtype == "/Type3":
        matrix = [float(v) for v in font.get("/FontMatrix", [0.001, 0, 0, 0.001, 0, 0])]
        widths = {code: width * matrix[0] * 1000 for code, width in widths.items()}
    ascent, descent, embedded = 900.0, -250.0, subtype == "/Type3"
    if isinstance(descriptor, pikepdf.Dictionary):
        ascent = float(descriptor.get("/Ascent", ascent)) or ascent
        descent = float(descriptor.get("/Descent", descent)) or descent
        embedded = embedded or any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return FontMetrics(widths, default, two_byte, ascent, min(descent, 0.0), embedded, name)


_TJ_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\()])*)\)|([-+]?(?:\d+\.?\d*|\.\d+))", re.S)
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f]*)>")
_ODD_HEX_STRING = re.compile(rb"<(?:[0-9A-Fa-f]{2})*[0-9A-Fa-f]>")
_NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def tj_parts(unparsed: bytes) -> tuple[bytes, float]:
    """The bytes of a TJ array's strings, joined, and the sum of its
    adjustments, from the array as qpdf writes it."""
    if b"(" not in unparsed and not _ODD_HEX_STRING.search(unparsed):
        # Hex strings only (WeasyPrint's way, and most producers' for CID
        # fonts): one regex for the strings, one for the numbers between.
        strings = _HEX_STRING.findall(unparsed)
        numbers = _NUMBER.findall(_HEX_STRING.sub(b" ", unparsed))
        return bytes.fromhex(b"".join(strings).decode()), sum(map(float, numbers))
    strings, adjustment = [], 0.0
    for hexadecimal, literal, number in _TJ_TOKEN.findall(unparsed):
        if number:
            adjustment += float(number)
        elif literal:
            strings.append(_ESCAPE.sub(_unescape, literal) if b"\\" in literal else literal)
        else:  # a hex string, or an empty one of either kind
            digits = hexadecimal.translate(None, b" \t\r\n\f")
            strings.append(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
    return b"".join(strings), adjustment


def _unescape(match: re.Match[bytes]) -> bytes:
    escaped = match.group(1)
    if escaped[:1].isdigit():
        return bytes([int(escaped, 8) & 0xFF])
    return _ESCAPES.get(escaped, escaped)
