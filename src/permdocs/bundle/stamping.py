"""The page stamp: each page's bundle reference (A1, A2 ... B1), where it
covers nothing.

A bundle clerk looks for the reference at the foot of the page, on the
right; PD27A e-bundles put it there. So the stamp goes, in this order of
preference, to the first place that is clear of everything the page draws
(see :mod:`.content`):

1. the bottom right corner, 10 mm in from both edges (inside any printer's
   printable area), or a little higher, up to 45 mm from the foot: on
   permdocs' own pages it rises just above their "Page X of Y" footer;
2. the top right corner, 10 mm in, or a little lower;
3. if neither is clear (a photograph over the whole page, say), the bottom
   right corner all the same, on its white box, and the page is reported.

The stamp is 12 pt Liberation Sans Bold (embedded, as a subset: e-bundle
readers and PDF/A checks expect every font to be in the file) on a white
box with a thin rule, so it reads as the bundle's mark, not the document's.
It is drawn on the page as it is shown: a page turned by /Rotate gets it
along its visible foot.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from .geometry import Box, overlaps, transformed_box

#: The e-bundle guidance's minimum text size, in points.
STAMP_SIZE = 12
MILLIMETRE = 72 / 25.4
#: Distance of the stamp's box from the page's edges.
EDGE = 10 * MILLIMETRE
#: How far from its edge the stamp may move to find a clear place.
REACH = 45 * MILLIMETRE
#: White space kept between the stamp's box and anything on the page.
CLEARANCE = 2.0
PADDING_X, PADDING_Y = 3.5, 3.0
RULE_WIDTH = 0.5
STEP = 2.0
#: The characters a stamp can hold: section letters and digits.
STAMP_CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STAMP_FONT_FILE = "LiberationSans-Bold.ttf"


@dataclass(frozen=True)
class StampFont:
    """The stamp's font subset and the metrics to lay a label out with it."""

    program: bytes  # a TrueType subset of STAMP_CHARACTERS
    base_name: str  # with its subset tag, e.g. ABCDEF+LiberationSans-Bold
    widths: dict[str, float]  # advance per 1000 units of the font size
    cap_height: float
    ascent: float
    descent: float
    bbox: tuple[int, int, int, int]

    def width(self, label: str, size: float = STAMP_SIZE) -> float:
        return sum(self.widths[c] for c in label) * size / 1000


@dataclass(frozen=True)
class Placement:
    """Where a page's stamp box sits, in the page as shown (origin at its
    visible bottom left), and whether that place is clear of content."""

    x: float
    y: float
    width: float
    height: float
    clear: bool


@functools.cache
def stamp_font() -> StampFont:
    """Liberation Sans Bold cut down to the stamp's characters (4 KB), made
    once per process and the same bytes every time."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from ..base.resources import assets_dir

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.glyph_names = True
    options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "gasp"]
    font = TTFont(assets_dir() / "fonts" / STAMP_FONT_FILE, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=STAMP_CHARACTERS)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    program = buffer.getvalue()
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = {c: font["hmtx"][cmap[ord(c)]][0] * scale for c in STAMP_CHARACTERS}
    head = font["head"]
    # The subset tag: six capitals derived from the program, as PDF asks.
    digest = hashlib.sha256(program).digest()
    tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
    return StampFont(
        program,
        f"{tag}+LiberationSans-Bold",
        widths,
        font["OS/2"].sCapHeight * scale,
        font["hhea"].ascent * scale,
        font["hhea"].descent * scale,
        tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),  # type: ignore[arg-type]
    )


def font_dictionary(pdf: pikepdf.Pdf, font: StampFont) -> pikepdf.Object:
    """The stamp font as an embedded simple TrueType font of ``pdf``."""
    first, last = ord(STAMP_CHARACTERS[0]), ord(STAMP_CHARACTERS[-1])
    widths = [round(font.widths.get(chr(code), 0)) for code in range(first, last + 1)]
    program = pikepdf.Stream(pdf, font.program)
    program.Length1 = len(font.program)
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/" + font.base_name),
        Flags=32,  # non-symbolic: the codes are WinAnsi characters
        FontBBox=Array(list(font.bbox)),
        ItalicAngle=0,
        Ascent=round(font.ascent),
        Descent=round(font.descent),
        CapHeight=round(font.cap_height),
        StemV=140,
        FontFile2=pdf.make_indirect(program),
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/" + font.base_name),
            FirstChar=first,
            LastChar=last,
            Widths=Array(widths),
            Encoding=Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )


# --- where the stamp goes -------------------------------------------------------------


def shown_frame(page: pikepdf.Page) -> tuple[float, float, tuple[float, ...]]:
    """The page as shown: its width, its height, and the matrix from those
    coordinates (origin at the visible bottom left) to the page's own."""
    x0, y0, x1, y1 = (float(v) for v in (page.obj.get("/CropBox") or page.mediabox))
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    width, height = x1 - x0, y1 - y0
    frames = {
        0: (width, height, (1, 0, 0, 1, x0, y0)),
        90: (height, width, (0, 1, -1, 0, x1, y0)),
        180: (width, height, (-1, 0, 0, -1, x1, y1)),
        270: (height, width, (0, -1, 1, 0, x0, y1)),
    }
    return frames[rotate if rotate in frames else 0]


def search_area(page: pikepdf.Page) -> Box:
    """Every place the stamp may go on ``page``, in the page's coordinates:
    the strips along its right-hand corners. Pictures there are looked at
    pixel by pixel."""
    width, height, matrix = shown_frame(page)
    strip_width = width / 3
    bottom = transformed_box((width - strip_width, 0, width, EDGE + REACH), matrix)
    top = transformed_box((width - strip_width, height - EDGE - REACH, width, height), matrix)
    return (min(bottom[0], top[0]), min(bottom[1], top[1]), max(bottom[2], top[2]), max(bottom[3], top[3]))


def place(page: pikepdf.Page, label: str, boxes: Iterable[Box], font: StampFont) -> Placement:
    """The first clear place for ``label``'s stamp (see the module's notes)."""
    width, height, matrix = shown_frame(page)
    box_width = font.width(label) + 2 * PADDING_X
    box_height = font.cap_height * STAMP_SIZE / 1000 + 2 * PADDING_Y
    x = width - EDGE - box_width
    area = search_area(page)
    nearby = [box for box in boxes if overlaps(box, area)]
    for y in _heights(height, box_height):
        wanted = (x - CLEARANCE, y - CLEARANCE, x + box_width + CLEARANCE, y + box_height + CLEARANCE)
        on_page = transformed_box(wanted, matrix)
        if not any(overlaps(on_page, box) for box in nearby):
            return Placement(x, y, box_width, box_height, clear=True)
    return Placement(x, EDGE, box_width, box_height, clear=False)


def _heights(height: float, box_height: float) -> Iterator[float]:
    """Candidate heights of the box's foot: rising from the bottom corner,
    then falling from the top one."""
    y = EDGE
    while y <= EDGE + REACH - box_height:
        yield y
        y += STEP
    y = height - EDGE - box_height
    while y >= height - EDGE - REACH:
        yield y
        y -= STEP


def stamp_operators(page: pikepdf.Page, placement: Placement, font_resource: str, label: str) -> bytes:
    """Content-stream operators drawing the stamp at ``placement``."""
    *_, matrix = shown_frame(page)
    x, y, w, h = placement.x, placement.y, placement.width, placement.height
    inset = RULE_WIDTH / 2
    cm = " ".join(_number(v) for v in matrix)
    return (
        f"q {cm} cm 1 g {_number(x)} {_number(y)} {_number(w)} {_number(h)} re f "
        f"0 G {RULE_WIDTH} w {_number(x + inset)} {_number(y + inset)} {_number(w - 2 * inset)} "
        f"{_number(h - 2 * inset)} re S "
        f"BT {font_resource} {STAMP_SIZE} Tf 0 g {_number(x + PADDING_X)} {_number(y + PADDING_Y)} Td ({label}) Tj ET Q\n"
    ).encode()


def font_resource_name(page: pikepdf.Page, font: pikepdf.Object) -> Name:
    """The page's name for the stamp font, added if need be. Pages of one
    document often share a resource dictionary: the name given for the
    first is found again for the rest, so the dictionary does not grow."""
    resources = page.resources
    if "/Font" not in resources:
        resources.Font = Dictionary()
    fonts = resources.Font
    for name, value in fonts.items():
        if isinstance(value, pikepdf.Dictionary) and value.is_indirect and value.objgen == font.objgen:
            return Name(name)
    # A fixed name, not pikepdf's random prefix, so the bytes are the same every run.
    taken = set(fonts.keys())
    name = next(n for i in range(len(taken) + 1) if (n := f"/PdStamp{i}") not in taken)
    fonts[name] = font
    return Name(name)


def stamp_page(pdf: pikepdf.Pdf, page: pikepdf.Page, label: str, placement: Placement, font: pikepdf.Object) -> None:
    resource = font_resource_name(page, font)
    # Wrapping the page's own content in q/Q keeps whatever state it leaves
    # behind from moving or scaling the stamp.
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    # The stamp is pagination, not content: an artifact, which a screen
    # reader skips (PDF/UA-1, 7.8), as it skips running headers.
    stamp = b"/Artifact <</Type /Pagination>> BDC\n" + stamp_operators(page, placement, str(resource), label) + b"EMC\n"
    page.contents_add(pikepdf.Stream(pdf, b"Q\n" + stamp))


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"
