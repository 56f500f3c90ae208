"""Write a DOCX zip: the same bytes for the same parts, and quick.

python-docx stamps every zip entry with the current time, so two renders a
second apart differ (python-docx #1042). Every entry here has Word's own
fixed timestamp and fixed attributes, in the order given, so the same case
gives the same bytes on every run and in every process.

Most of a Word file never changes from one document to the next: styles.xml
alone is 350 KB of the care plan's 384 KB. Deflating it again for every
document was about a sixth of a render. Python's ``zipfile`` can only write data
it deflates itself, so this module writes the archive itself, which lets a
part deflated once (:func:`deflate`) be copied into every archive as it is.

The archive is laid out exactly as ``zipfile`` lays out the same entries
written with ``ZipInfo(name, date_time=ZIP_EPOCH)``, ``create_system = 0``,
``ZIP_DEFLATED`` at level 6 into memory, so its bytes are the ones permdocs
wrote before (tests/test_docx_package.py holds it to that). The format:
PKWARE's APPNOTE.TXT, sections 4.3.7 (local file header), 4.3.12 (central
directory header) and 4.3.16 (end of central directory record).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

#: What Word itself writes: the earliest time a zip can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: zlib's default level, the one zipfile uses when given none.
DEFLATE_LEVEL = 6

_DOS_TIME = ZIP_EPOCH[3] << 11 | ZIP_EPOCH[4] << 5 | ZIP_EPOCH[5] // 2
_DOS_DATE = (ZIP_EPOCH[0] - 1980) << 9 | ZIP_EPOCH[1] << 5 | ZIP_EPOCH[2]
_DEFLATED = 8
#: The zip version an entry needs to be read (2.0, the first with deflate), and
#: the one it was "made by" (2.0, on MS-DOS: host 0, so no Unix permissions
#: are claimed beyond the read-write bits zipfile sets in the external attributes).
_VERSION = 20
_MADE_ON_DOS = 0
_EXTERNAL_ATTRIBUTES = 0o600 << 16
_UTF8_NAME = 0x800
#: Past this, zipfile would switch to Zip64 records, which a Word file never needs.
_LARGEST = 0x7FFFFFFF
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class Deflated:
    """A part's contents deflated, ready to go into any archive as they are."""

    #: The raw deflate stream (no zlib header), as a zip entry holds it.
    stream: bytes
    #: CRC-32 and length of the contents before deflating.
    crc: int
    size: int


def deflate(data: bytes) -> Deflated:
    """``data`` deflated as zipfile deflates it."""
    compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def zip_archive(entries: Iterable[tuple[str, Deflated]]) -> bytes:
    """A zip of the entries, in the order given: each a local header and its
    stream, then the central directory that lists them, then its end record."""
    pieces: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, part in entries:
        if part.size > _LARGEST / 1.05 or len(part.stream) > _LARGEST or offset > _LARGEST:
            raise ValueError(f"the Word file's part {name} is too large for a zip without Zip64")
        encoded, flags = _name_and_flags(name)
        fields = (_VERSION, 0, flags, _DEFLATED, _DOS_TIME, _DOS_DATE, part.crc, len(part.stream), part.size)
        pieces += [_LOCAL_HEADER.pack(b"PK\x03\x04", *fields, len(encoded), 0), encoded, part.stream]
        directory += [
            _CENTRAL_HEADER.pack(b"PK\x01\x02", _VERSION, _MADE_ON_DOS, *fields, len(encoded), 0, 0, 0, 0,
                                 _EXTERNAL_ATTRIBUTES, offset),
            encoded,
        ]
        offset += _LOCAL_HEADER.size + len(encoded) + len(part.stream)
    listing = b"".join(directory)
    count = len(directory) // 2
    if count > 0xFFFF:
        raise ValueError("the Word file has too many parts for a zip without Zip64")
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, len(listing), offset, 0)
    return b"".join(pieces) + listing + end


def _name_and_flags(name: str) -> tuple[bytes, int]:
    # As zipfile: an ASCII name as it is, any other in UTF-8 with the flag that says so.
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME
