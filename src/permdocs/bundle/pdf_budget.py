"""How much of an external PDF permdocs will read, and how it stays within it.

An external PDF is untrusted: a 1 MB file can hold a content stream that
inflates to a gigabyte, and a 2 kB file can hold forms that draw forms ten
times over, thirty deep, so that reading its one page never ends. Before a
page is measured, and while it is, every figure that could grow without
bound is counted against a budget far above what a real court document
needs (a 500-page scanned report, a page of dense vector drawing):

- pages in one file, and objects in it;
- the inflated size of each content stream and form, and of them all, found
  by inflating a bounded amount at a time (never the whole stream at once);
- how deeply forms nest, how many forms one page draws, and how many
  drawing operators one page, and the whole file, make the reader follow.

A file over budget is refused, naming the entry and what was too much, and
the advice is the same as for a damaged file: print it to a new PDF, which
flattens what the author's software built. The README's "Limits" gives the
figures.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field

import pikepdf

MIB = 1024 * 1024
#: Pages in one external PDF: a long expert report with appendices is a few hundred.
MAX_PAGES = 2_000
#: Objects in one external PDF: a 500-page scan holds a few thousand.
MAX_OBJECTS = 500_000
#: One content stream or form, inflated: a page of text is tens of kilobytes.
MAX_STREAM_BYTES = 64 * MIB
#: All content streams and forms of one file, inflated, as the reader follows them.
MAX_CONTENT_BYTES = 512 * MIB
#: Forms drawing forms: a real document nests two or three.
MAX_FORM_DEPTH = 12
#: Forms drawn on one page, each time counted: a page of repeated symbols draws hundreds.
MAX_FORMS_PER_PAGE = 10_000
#: Drawing operators followed on one page (a form's counted each time it is drawn):
#: a dense page of vector drawing has tens of thousands.
MAX_OPERATORS_PER_PAGE = 500_000
#: Drawing operators followed in one file.
MAX_OPERATORS_PER_FILE = 3_000_000

#: Filters qpdf never inflates when a page's content is read: the picture codecs.
_PICTURE_CODECS = frozenset({"/DCTDecode", "/DCT", "/JPXDecode", "/CCITTFaxDecode", "/CCF", "/JBIG2Decode"})


class OverBudget(Exception):
    """A figure of an external PDF is beyond what permdocs reads; the message
    says which, in words that complete "the file ..."."""


def check_structure(pdf: pikepdf.Pdf) -> None:
    """Pages and objects, before any page is read."""
    if len(pdf.pages) > MAX_PAGES:
        raise OverBudget(f"has {len(pdf.pages):,} pages, more than the {MAX_PAGES:,} permdocs reads in one file")
    objects = len(pdf.objects)
    if objects > MAX_OBJECTS:
        raise OverBudget(f"holds {objects:,} objects, more than the {MAX_OBJECTS:,} permdocs reads in one file")


@dataclass
class ReadingBudget:
    """What is left for one file; one page's reader spends from it."""

    content_bytes: int = MAX_CONTENT_BYTES
    operators: int = MAX_OPERATORS_PER_FILE
    inflated: set[tuple[int, int]] = field(default_factory=set)

    def before_reading(self, streams: list[pikepdf.Stream]) -> None:
        """Each stream's inflated size, counted once per file (a form drawn on
        every page is inflated once by qpdf's cache, and counted once here)."""
        for stream in streams:
            key = stream.objgen if stream.is_indirect else (id(stream), -1)
            if key in self.inflated:
                continue
            self.inflated.add(key)
            try:
                size = inflated_size(stream, min(MAX_STREAM_BYTES, self.content_bytes))
            except ValueError:  # binascii.Error included: qpdf refuses such a stream too
                raise OverBudget("has a content stream whose encoding is damaged") from None
            if size is None:
                if self.content_bytes < MAX_STREAM_BYTES:
                    raise OverBudget(f"inflates to more than {MAX_CONTENT_BYTES // MIB} MB of drawing instructions")
                raise OverBudget(f"has a content stream that inflates to more than {MAX_STREAM_BYTES // MIB} MB")
            self.content_bytes -= size

    def spend(self, operators: int, on_this_page: int, forms_on_this_page: int) -> None:
        self.operators -= operators
        if forms_on_this_page > MAX_FORMS_PER_PAGE:
            raise OverBudget(f"makes one page draw more than {MAX_FORMS_PER_PAGE:,} forms (forms drawn within forms?)")
        if on_this_page > MAX_OPERATORS_PER_PAGE:
            raise OverBudget(
                f"makes one page draw more than {MAX_OPERATORS_PER_PAGE:,} operations"
            )
        if self.operators < 0:
            raise OverBudget(f"draws more than {MAX_OPERATORS_PER_FILE:,} operations in all")


def content_streams(holder: pikepdf.Object) -> list[pikepdf.Stream]:
    """The streams a page (its /Contents, one or an array) or a form draws from."""
    if isinstance(holder, pikepdf.Stream):
        return [holder]
    contents = holder.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    if isinstance(contents, pikepdf.Array):
        return [part for part in contents if isinstance(part, pikepdf.Stream)]
    return []


def inflated_size(stream: pikepdf.Stream, most: int) -> int | None:
    """The size of ``stream`` once its filters are undone, or None when that
    is more than ``most`` bytes. Never holds more than ``most`` bytes."""
    filters = stream.get("/Filter")
    names = [str(filters)] if isinstance(filters, pikepdf.Name) else [str(f) for f in filters or []]
    data = stream.read_raw_bytes()
    for name in names:
        if name in _PICTURE_CODECS:
            break
        undo = _UNDO.get(name)
        if undo is None:
            break  # a filter qpdf cannot undo either: reading it fails as damage
        result = undo(data, most)
        if result is None:
            return None
        data = result
    return len(data) if len(data) <= most else None


def _inflate(data: bytes, most: int) -> bytes | None:
    inflater = zlib.decompressobj()
    pieces, size = [], 0
    try:
        while data:
            piece = inflater.decompress(data, MIB)
            size += len(piece)
            if size > most:
                return None
            pieces.append(piece)
            data = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # qpdf, too, keeps what inflated before the damage
    return b"".join(pieces)


def _ascii_hex(data: bytes, most: int) -> bytes:
    digits = re.sub(rb"\s", b"", data.split(b">", 1)[0])
    return binascii.unhexlify(digits + b"0" * (len(digits) % 2))


def _ascii_85(data: bytes, most: int) -> bytes:
    text = re.sub(rb"\s", b"", data)
    text = text.removeprefix(b"<~").split(b"~>", 1)[0]
    return base64.a85decode(text)


def _run_length(data: bytes, most: int) -> bytes | None:
    out = bytearray()
    at = 0
    while at < len(data):
        length = data[at]
        if length == 128:
            break
        if length < 128:
            out += data[at + 1 : at + 2 + length]
            at += 2 + length
        else:
            out += data[at + 1 : at + 2] * (257 - length)
            at += 2
        if len(out) > most:
            return None
    return bytes(out)


def _lzw(data: bytes, most: int) -> bytes | None:
    """LZW as PDF uses it (early change, codes of 9 to 12 bits, 256 clears the table, 257 ends)."""
    out = bytearray()
    table: list[bytes] = []
    previous: bytes | None = None
    bits, buffer, held = 9, 0, 0
    for byte in data:
        buffer, held = (buffer << 8) | byte, held + 8
        while held >= bits:
            held -= bits
            code = (buffer >> held) & ((1 << bits) - 1)
            if code == 256:
                table, previous, bits = [], None, 9
                continue
            if code == 257:
                return bytes(out)
            if code < 256:
                entry = bytes((code,))
            elif code - 258 < len(table):
                entry = table[code - 258]
            elif previous is not None:
                entry = previous + previous[:1]
            else:
                return bytes(out)  # damaged: qpdf stops here too
            out += entry
            if len(out) > most:
                return None
            if previous is not None and len(table) + 258 < 4096:
                table.append(previous + entry[:1])
            previous = entry
            bits = 12 if len(table) + 258 >= 2047 else 11 if len(table) + 258 >= 1023 else 10 if len(table) + 258 >= 511 else 9
        buffer &= (1 << held) - 1
    return bytes(out)


_UNDO = {
    "/FlateDecode": _inflate, "/Fl": _inflate,
    "/ASCIIHexDecode": _ascii_hex, "/AHx": _ascii_hex,
    "/ASCII85Decode": _ascii_85, "/A85": _ascii_85,
    "/RunLengthDecode": _run_length, "/RL": _run_length,
    "/LZWDecode": _lzw, "/LZW": _lzw,
}
