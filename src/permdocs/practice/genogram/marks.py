"""The marks a genogram is drawn with (lines, symbols, outlines, words), and
their writing as SVG (words kept as text) and as PNG (Pillow, with the
bundled Liberation Sans): one list of marks, two formats that show the same."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal
from xml.sax.saxutils import escape

from ...base.resources import assets_dir
from .family import Shape

#: The PNG's resolution: sharp in print, small in a Word file.
PNG_DPI = 200
#: Sizes in points (1/72 inch), as dot measures: a symbol, and the words under it.
SYMBOL = 25.0
FONT_SIZE = 8.0


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    width: float = 1.0
    dash: Literal["", "dash", "dot"] = ""


@dataclass(frozen=True)
class Symbol:
    shape: Shape
    x: float
    y: float
    size: float
    width: float = 1.0
    fill: str = "#ffffff"


@dataclass(frozen=True)
class Outline:
    x: float
    y: float
    w: float
    h: float
    dash: bool = True


@dataclass(frozen=True)
class Words:
    x: float
    y: float
    text: str
    size: float = FONT_SIZE
    bold: bool = False
    anchor: Literal["middle", "start"] = "middle"


Mark = Line | Symbol | Outline | Words
GREY = "#555555"




def _shape_points(shape: Shape, x: float, y: float, size: float) -> tuple[tuple[float, float], ...]:
    h = size / 2
    if shape == "male":
        return ((x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h))
    if shape == "unknown":
        h *= 1.15
        return ((x, y - h), (x + h, y), (x, y + h), (x - h, y))
    # A carer: a box with its corners cut, wider than tall.
    w, c = h * 1.35, h * 0.35
    return ((x - w + c, y - h), (x + w - c, y - h), (x + w, y - h + c), (x + w, y + h - c), (x + w - c, y + h),
            (x - w + c, y + h), (x - w, y + h - c), (x - w, y - h + c))


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_svg(marks: list[Mark], width: float, height: float, width_mm: float, height_mm: float, title: str) -> str:
    """The marks as an SVG document: no scripts, no links, text as <text>."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{height_mm}mm" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="Liberation Sans, Arial, sans-serif" '
        'role="img"><title>' + escape(title) + "</title>",
        f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
    ]
    for mark in marks:
        if isinstance(mark, Line):
            dash = {"dash": ' stroke-dasharray="4 2.5"', "dot": ' stroke-dasharray="1.5 1.8"'}.get(mark.dash, "")
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in mark.points)
            out.append(f'<polyline points="{points}" fill="none" stroke="#000000" '
                       f'stroke-width="{_n(mark.width)}"{dash}/>')
        elif isinstance(mark, Symbol):
            style = f'fill="{mark.fill}" stroke="#000000" stroke-width="{_n(mark.width)}"'
            if mark.shape == "female":
                out.append(f'<circle cx="{_n(mark.x)}" cy="{_n(mark.y)}" r="{_n(mark.size / 2)}" {style}/>')
            else:
                points = " ".join(f"{_n(x)},{_n(y)}" for x, y in _shape_points(mark.shape, mark.x, mark.y, mark.size))
                out.append(f'<polygon points="{points}" {style}/>')
        elif isinstance(mark, Outline):
            out.append(f'<rect x="{_n(mark.x)}" y="{_n(mark.y)}" width="{_n(mark.w)}" height="{_n(mark.h)}" '
                       f'rx="6" fill="none" stroke="{GREY}" stroke-width="1" stroke-dasharray="5 3"/>')
        else:
            weight = ' font-weight="bold"' if mark.bold else ""
            out.append(f'<text x="{_n(mark.x)}" y="{_n(mark.y)}" font-size="{_n(mark.size)}" '
                       f'text-anchor="{mark.anchor}"{weight}>{escape(mark.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def to_png(marks: list[Mark], width: float, height: float) -> bytes:
    """The same marks as a PNG at PNG_DPI; the same marks give the same bytes."""
    from PIL import Image, ImageDraw

    k = PNG_DPI / 72
    image = Image.new("RGB", (round(width * k), round(height * k)), "white")
    pen = ImageDraw.Draw(image)

    def px(points: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
        return [(x * k, y * k) for x, y in points]

    for mark in marks:
        if isinstance(mark, Line):
            for a, b in _dashes(mark):
                pen.line(px((a, b)), fill="black", width=max(1, round(mark.width * k)))
        elif isinstance(mark, Symbol):
            w = max(1, round(mark.width * k))
            if mark.shape == "female":
                r = mark.size / 2
                pen.ellipse(px(((mark.x - r, mark.y - r), (mark.x + r, mark.y + r))), fill=mark.fill, outline="black",
                            width=w)
            else:
                pen.polygon(px(_shape_points(mark.shape, mark.x, mark.y, mark.size)), fill=mark.fill, outline="black",
                            width=w)
        elif isinstance(mark, Outline):
            corners = ((mark.x, mark.y), (mark.x + mark.w, mark.y), (mark.x + mark.w, mark.y + mark.h),
                       (mark.x, mark.y + mark.h), (mark.x, mark.y))
            for a, b in _dashes(Line(corners, dash="dash")):
                pen.line(px((a, b)), fill=GREY, width=max(1, round(k)))
        else:
            font = _font(mark.size * k, mark.bold)
            pen.text((mark.x * k, mark.y * k), mark.text, fill="black", font=font,
                     anchor="ms" if mark.anchor == "middle" else "ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(PNG_DPI, PNG_DPI), optimize=False)
    return buffer.getvalue()


def _dashes(line: Line) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The line's segments, cut into dashes where it is dashed or dotted."""
    on, off = {"dash": (4.0, 2.5), "dot": (1.5, 1.8)}.get(line.dash, (0.0, 0.0))
    for (x1, y1), (x2, y2) in zip(line.points, line.points[1:], strict=False):
        if not on:
            yield (x1, y1), (x2, y2)
            continue
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        t = 0.0
        while t < length:
            end = min(t + on, length)
            yield ((x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length),
                   (x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length))
            t += on + off


@cache
def _font(size: float, bold: bool):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(assets_dir() / "fonts" / name), size)


def text_width(text: str, size: float = FONT_SIZE, bold: bool = True) -> float:
    return float(_font(size * 10, bold).getlength(text)) / 10


