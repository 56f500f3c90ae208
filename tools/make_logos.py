"""Draw the fictional councils' logos (simple emblems) as PNG, with no
image library: a PNG is a zlib stream of pixel rows in a few chunks."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "templates" / "profiles"


def png(width: int, height: int, pixel) -> bytes:  # type: ignore[no-untyped-def]
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def emblem(colour: tuple[int, int, int], shape: str, scale: int = 3) -> bytes:
    """A 720 x 240 banner (240 x 80 drawn at three times the resolution, so
    that it prints sharply at 14 mm high): a coloured field with a white
    emblem on the left."""

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        x, y = x / scale, y / scale
        dx, dy = x - 40, y - 40
        inside = {
            "circle": dx * dx + dy * dy <= 26 * 26,
            "diamond": abs(dx) + abs(dy) <= 28,
            "square": abs(dx) <= 22 and abs(dy) <= 22,
        }[shape]
        stripe = 90 <= x <= 230 and 34 <= y < 46
        return (255, 255, 255) if inside or stripe else colour

    return png(240 * scale, 80 * scale, pixel)


LOGOS = {
    "default": ((0x1F, 0x4E, 0x79), "circle"),
    "devon-style": ((0x00, 0x5A, 0x3C), "diamond"),
    "essex-style": ((0x6B, 0x1F, 0x5A), "square"),
}

#: The fictional councils in the samples and test fixtures borrow the shipped emblems.
EXAMPLES = {
    ROOT / "samples" / "profiles" / "cover-page-council": "default",
    ROOT / "samples" / "profiles" / "reference-doc-council": "essex-style",
    ROOT / "tests" / "fixtures" / "broken-council": "devon-style",
}

if __name__ == "__main__":
    targets = {PROFILES / name: name for name in LOGOS} | EXAMPLES
    for folder, name in targets.items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "logo.png").write_bytes(emblem(*LOGOS[name]))
        print(f"wrote {folder / 'logo.png'}", file=sys.stderr)
