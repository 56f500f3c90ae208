"""Draw the pictures of a young child's family-time copy as PNG: who, when,
where, how long, letters, phone and video calls, and "tell someone".

They are plain shapes in two colours that a four-year-old can tell apart
and an adult can describe in one line (each has alt text where it is
used). Drawn at four times their size and scaled down, so edges are
smooth; the files are committed, and this script redraws them the same
way (Pillow comes with WeasyPrint).

    python tools/draw_child_icons.py
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "templates" / "assets" / "icons"
SIZE = 160
SCALE = 4
#: Dark teal on white passes WCAG AA contrast for graphics (over 3:1); orange marks what matters.
INK = (16, 94, 104)
MARK = (214, 96, 20)
PAPER = (255, 255, 255)


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
    image = Image.new("RGB", (SIZE * SCALE, SIZE * SCALE), PAPER)
    return image, ImageDraw.Draw(image), SCALE


def _person(draw: ImageDraw.ImageDraw, x: float, y: float, height: float, colour: tuple[int, int, int], s: int) -> None:
    """A figure of ``height`` units standing with its feet at (x, y)."""
    head = height * 0.22
    draw.ellipse([(x - head) * s, (y - height) * s, (x + head) * s, (y - height + 2 * head) * s], fill=colour)
    body_top = y - height + 2 * head + height * 0.05
    draw.rounded_rectangle(
        [(x - height * 0.28) * s, body_top * s, (x + height * 0.28) * s, y * s], radius=height * 0.18 * s, fill=colour
    )


def who() -> Image.Image:
    image, draw, s = _canvas()
    _person(draw, 58, 138, 100, INK, s)
    _person(draw, 110, 138, 70, MARK, s)
    return image


def when() -> Image.Image:
    image, draw, s = _canvas()
    draw.rounded_rectangle([20 * s, 34 * s, 140 * s, 142 * s], radius=12 * s, outline=INK, width=8 * s)
    draw.rectangle([24 * s, 38 * s, 136 * s, 62 * s], fill=INK)
    for x in (48, 112):
        draw.rounded_rectangle([(x - 5) * s, 20 * s, (x + 5) * s, 48 * s], radius=4 * s, fill=INK)
    # One day marked, as the child's own calendar would have it.
    for row in range(3):
        for col in range(4):
            cx, cy = 42 + col * 25, 80 + row * 22
            colour = MARK if (row, col) == (1, 2) else INK
            radius = 9 if colour == MARK else 4
            draw.ellipse([(cx - radius) * s, (cy - radius) * s, (cx + radius) * s, (cy + radius) * s], fill=colour)
    return image


def where() -> Image.Image:
    image, draw, s = _canvas()
    # A map pin over a path.
    draw.line([20 * s, 146 * s, 140 * s, 146 * s], fill=INK, width=8 * s)
    draw.ellipse([44 * s, 18 * s, 116 * s, 90 * s], fill=MARK)
    draw.polygon([(50 * s, 72 * s), (110 * s, 72 * s), (80 * s, 136 * s)], fill=MARK)
    draw.ellipse([66 * s, 40 * s, 94 * s, 68 * s], fill=PAPER)
    return image


def how_long() -> Image.Image:
    image, draw, s = _canvas()
    # An hourglass: time passing, with no clock face to read.
    draw.rectangle([34 * s, 16 * s, 126 * s, 28 * s], fill=INK)
    draw.rectangle([34 * s, 132 * s, 126 * s, 144 * s], fill=INK)
    draw.polygon([(44 * s, 28 * s), (116 * s, 28 * s), (84 * s, 80 * s), (116 * s, 132 * s), (44 * s, 132 * s),
                  (76 * s, 80 * s)], outline=INK, width=7 * s)
    draw.polygon([(60 * s, 40 * s), (100 * s, 40 * s), (80 * s, 72 * s)], fill=MARK)
    draw.polygon([(80 * s, 100 * s), (106 * s, 126 * s), (54 * s, 126 * s)], fill=MARK)
    return image


def letter() -> Image.Image:
    image, draw, s = _canvas()
    draw.rounded_rectangle([16 * s, 40 * s, 144 * s, 128 * s], radius=8 * s, outline=INK, width=8 * s)
    draw.line([20 * s, 44 * s, 80 * s, 92 * s, 140 * s, 44 * s], fill=INK, width=8 * s, joint="curve")
    # A heart on the envelope.
    draw.ellipse([98 * s, 92 * s, 114 * s, 108 * s], fill=MARK)
    draw.ellipse([110 * s, 92 * s, 126 * s, 108 * s], fill=MARK)
    draw.polygon([(99 * s, 103 * s), (125 * s, 103 * s), (112 * s, 120 * s)], fill=MARK)
    return image


def phone() -> Image.Image:
    image, draw, s = _canvas()
    draw.rounded_rectangle([50 * s, 14 * s, 110 * s, 146 * s], radius=12 * s, fill=INK)
    draw.rectangle([58 * s, 32 * s, 102 * s, 120 * s], fill=PAPER)
    draw.ellipse([74 * s, 126 * s, 86 * s, 138 * s], fill=PAPER)
    for radius in (14, 26):
        draw.arc([(118 - radius) * s, (40 - radius) * s, (118 + radius) * s, (40 + radius) * s], 250, 350,
                 fill=MARK, width=6 * s)
    return image


def video() -> Image.Image:
    image, draw, s = _canvas()
    draw.rounded_rectangle([14 * s, 30 * s, 146 * s, 118 * s], radius=10 * s, fill=INK)
    draw.rectangle([24 * s, 40 * s, 136 * s, 108 * s], fill=PAPER)
    _person(draw, 80, 108, 58, MARK, s)
    draw.rectangle([64 * s, 118 * s, 96 * s, 132 * s], fill=INK)
    draw.rounded_rectangle([44 * s, 130 * s, 116 * s, 140 * s], radius=4 * s, fill=INK)
    return image


def tell() -> Image.Image:
    image, draw, s = _canvas()
    draw.rounded_rectangle([14 * s, 20 * s, 146 * s, 112 * s], radius=24 * s, fill=INK)
    draw.polygon([(40 * s, 104 * s), (76 * s, 104 * s), (34 * s, 146 * s)], fill=INK)
    for x in (50, 80, 110):
        draw.ellipse([(x - 9) * s, 57 * s, (x + 9) * s, 75 * s], fill=MARK)
    return image


DRAWINGS = {
    "who": who, "when": when, "where": where, "how-long": how_long, "letter": letter, "phone": phone,
    "video": video, "tell": tell,
}


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # No metadata chunks (dates, software), so the same drawing gives the same bytes.
    image.resize((SIZE, SIZE), Image.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for name, draw in DRAWINGS.items():
        (ICONS / f"{name}.png").write_bytes(png_bytes(draw()))


if __name__ == "__main__":
    main()
