"""What a page draws, and where: read from its content streams.

The bundle needs three things from every page before it stamps it:

- the **boxes** the page paints (text, lines, fills, pictures, form fields),
  in the page's own coordinates, so the stamp goes where it covers nothing;
- the **sizes of its visible text**, as a reader sees them (the font size
  scaled by the text and graphics matrices), for the guidance's 12 pt floor.
  The labels of a picture are not counted when a tagged PDF marks the
  picture as a Figure: a family tree's names are set small to fit, and the
  guidance's floor is for the text a judge reads, not a diagram's labels;
- whether it shows **any text** (an OCR layer is invisible text: a page with
  none is a scan that cannot be searched), and which fonts are **not
  embedded**.

This is a small interpreter of the operators that move, paint or show
things; colour spaces, shading patterns and blend modes are not followed.
It errs on the side of "something is here": a box is the extent of a path or
a line of text, not its ink, except for pictures in the stamp's corners,
whose pixels are looked at (a scan's margins are white paper). A content
stream that cannot be decoded raises pikepdf.PdfError: qpdf --check would
refuse the bundle made from it.
"""

from __future__ import annotations

import math
import struct
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pikepdf

from .fontmetrics import FontMetrics, read_font, tj_parts
from .geometry import IDENTITY, Box, Matrix, intersection, multiply, overlaps, transformed_box
from .pdf_budget import MAX_FORM_DEPTH, OverBudget, ReadingBudget, content_streams, inflated_size

#: Pictures larger than this (in pixels) are taken as covering their whole box.
MAX_PICTURE_PIXELS = 40_000_000
#: A pixel darker than this (0 black, 255 white) is ink.
INK_BELOW = 160

_PAINTING = frozenset({"f", "F", "f*", "S", "s", "B", "B*", "b", "b*"})
_STROKING = frozenset({"S", "s", "B", "B*", "b", "b*"})
_FILLING = frozenset({"f", "F", "f*", "B", "B*", "b", "b*"})
_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
#: The operators the reader follows; pikepdf leaves the others
#: (graphics-state dictionaries, ET) in C++, which halves the time.
#: With a filter, pikepdf reports an inline image by its closing EI.
_FOLLOWED = (
    "q Q cm w re m l c v y f F f* S s B B* b b* n W W* BT Tj TJ ' \" Tf Td TD Tm T* Tc Tw Tz TL Ts Tr "
    "g rg k sc scn G RG K SC SCN cs CS Do sh EI BDC BMC EMC"
)
#: The structure tag of a picture's marked content (PDF 32000-1, 14.8.4.5).
_FIGURE = "/Figure"


@dataclass(frozen=True)
class PageContent:
    """What one page draws (see the module's notes)."""

    boxes: tuple[Box, ...]
    #: Characters of visible text by their size in points, to a tenth.
    text_sizes: dict[float, int]
    shows_text: bool
    fonts_not_embedded: frozenset[str]


def measure_page(
    page: pikepdf.Page, *, look_at_pictures_in: Box | None = None, budget: ReadingBudget | None = None
) -> PageContent:
    """Measure ``page``. Pictures whose box meets ``look_at_pictures_in`` are
    decoded, so that only their inked part counts. ``budget`` is what is left
    of the file's (``pdf_budget``); going over it raises OverBudget."""
    reader = _Reader(look_at_pictures_in, budget or ReadingBudget())
    reader.run(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), _State(), 0)
    for annotation in page.obj.get("/Annots", []):
        # A form field or a stamp annotation is drawn over the page; a link
        # or a hidden annotation shows nothing.
        flags = int(annotation.get("/F", 0))
        if annotation.get("/Subtype") not in ("/Link", "/Popup") and not flags & 2 and "/Rect" in annotation:
            x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
            reader.boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return PageContent(tuple(reader.boxes), dict(reader.sizes), reader.shows_text, frozenset(reader.not_embedded))


@dataclass
class _State:
    """The part of the graphics and text state that decides where things land."""

    ctm: Matrix = IDENTITY
    clip: Box | None = None
    fill_white: bool = False
    stroke_white: bool = False
    line_width: float = 1.0
    font: FontMetrics | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 100.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0

    def copy(self) -> _State:
        return _State(**self.__dict__)


class _Reader:
    def __init__(self, look_at_pictures_in: Box | None, budget: ReadingBudget):
        self.look_at_pictures_in = look_at_pictures_in
        self.budget = budget
        self.operators = 0
        self.forms_drawn = 0
        self.boxes: list[Box] = []
        self.sizes: Counter[float] = Counter()
        self.shows_text = False
        self.not_embedded: set[str] = set()
        #: Open marked-content sequences, True for a Figure's.
        self.marked: list[bool] = []
        self.fonts: dict[tuple[int, int], FontMetrics] = {}
        self.forms: dict[tuple[int, int], list[pikepdf.ContentStreamInstruction]] = {}

    def _instructions(self, stream: pikepdf.Object) -> list[pikepdf.ContentStreamInstruction]:
        """The operators to follow; a form drawn again on the page is not parsed again."""
        key = stream.objgen if isinstance(stream, pikepdf.Stream) and stream.is_indirect else None
        if key is not None and key in self.forms:
            instructions = self.forms[key]
        else:
            self.budget.before_reading(content_streams(stream))
            instructions = pikepdf.parse_content_stream(stream, _FOLLOWED)
            if key is not None:
                self.forms[key] = instructions
        self.operators += len(instructions)
        self.budget.spend(len(instructions), self.operators, self.forms_drawn)
        return instructions

    def run(self, stream: pikepdf.Object, resources: pikepdf.Object, state: _State, depth: int) -> None:
        stack: list[_State] = []
        path: list[float] = []  # x0, y0, x1, y1 of the current path, in page coordinates
        text_matrix = line_matrix = IDENTITY
        pending_clip = False
        fonts: dict[str, FontMetrics | None] = {}
        instructions = self._instructions(stream)
        marked_before = len(self.marked)
        # The most frequent operators come first: this loop runs for every
        # operator of every page of the bundle.
        for instruction in instructions:
            # A malformed operator (wrong operands) is skipped, as viewers do:
            # it is not damage that qpdf or a reader would refuse.
            try:
                op = str(instruction.operator)
                if op == "BT":
                    text_matrix = line_matrix = IDENTITY
                elif op == "Tm":
                    a, b, c, d, e, f = instruction.operands
                    line_matrix = text_matrix = (float(a), float(b), float(c), float(d), float(e), float(f))
                elif op == "Tf":
                    name, size = instruction.operands
                    key = str(name)
                    if key not in fonts:
                        fonts[key] = self._font(resources, name)
                    state.font, state.size = fonts[key], float(size)
                elif op in _SHOWING:
                    text_matrix = self._show(state, op, instruction.operands, text_matrix)
                    if op in ("'", '"'):
                        line_matrix = text_matrix  # _show moved to the next line first
                elif op == "q":
                    stack.append(state.copy())
                elif op == "Q":
                    if stack:
                        state = stack.pop()
                elif op in ("m", "l"):
                    x, y = instruction.operands
                    _extend(path, state.ctm, float(x), float(y))
                elif op in _PAINTING or op == "n":
                    if path and op != "n":
                        self._paint(state, path, stroke=op in _STROKING, fill=op in _FILLING)
                    if pending_clip and path:
                        state.clip = intersection(state.clip, (path[0], path[1], path[2], path[3]))
                    path, pending_clip = [], False
                elif op == "re":
                    x, y, w, h = (float(v) for v in instruction.operands)
                    for px, py in ((x, y), (x + w, y + h), (x + w, y), (x, y + h)):
                        _extend(path, state.ctm, px, py)
                elif op in ("c", "v", "y"):
                    # The curve stays inside the hull of its control points.
                    args = instruction.operands
                    for i in range(0, len(args), 2):
                        _extend(path, state.ctm, float(args[i]), float(args[i + 1]))
                elif op in ("W", "W*"):
                    pending_clip = True
                elif op == "Td" or op == "TD":
                    tx, ty = (float(v) for v in instruction.operands)
                    if op == "TD":
                        state.leading = -ty
                    line_matrix = text_matrix = multiply((1, 0, 0, 1, tx, ty), line_matrix)
                elif op == "T*":
                    line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -state.leading), line_matrix)
                elif op == "cm":
                    state.ctm = multiply(tuple(float(v) for v in instruction.operands), state.ctm)  # type: ignore[arg-type]
                elif op in ("g", "rg", "k", "sc", "scn"):
                    state.fill_white = _is_white(instruction.operands)
                elif op in ("G", "RG", "K", "SC", "SCN"):
                    state.stroke_white = _is_white(instruction.operands)
                elif op == "cs":
                    state.fill_white = False
                elif op == "CS":
                    state.stroke_white = False
                elif op == "w":
                    state.line_width = float(instruction.operands[0])
                elif op in ("Tc", "Tw", "Tz", "TL", "Ts", "Tr"):
                    _set_text_state(state, op, float(instruction.operands[0]))
                elif op == "Do":
                    self._draw_xobject(state, resources, instruction.operands[0], depth)
                elif op == "EI":
                    self._add(intersection(transformed_box((0, 0, 1, 1), state.ctm), state.clip))
                elif op == "sh":  # a shading fills the clip
                    self._add(state.clip)
                elif op in ("BDC", "BMC"):
                    self.marked.append(str(instruction.operands[0]) == _FIGURE)
                elif op == "EMC":
                    if len(self.marked) > marked_before:
                        self.marked.pop()
            except (ValueError, TypeError, IndexError, KeyError):
                continue
        # A sequence may not run past the end of its stream (14.6): one a
        # form leaves open is closed here, so it cannot hide the page's text.
        del self.marked[marked_before:]

    def _paint(self, state: _State, path: list[float], *, stroke: bool, fill: bool) -> None:
        # White fills and strokes are paper, not content (many producers
        # paint the page white first).
        if (fill and not state.fill_white) or (stroke and not state.stroke_white):
            pad = state.line_width * math.sqrt(abs(state.ctm[0] * state.ctm[3] - state.ctm[1] * state.ctm[2])) / 2
            pad = pad if stroke else 0.0
            self._add(intersection((path[0] - pad, path[1] - pad, path[2] + pad, path[3] + pad), state.clip))

    def _add(self, box: Box | None) -> None:
        if box is not None and box[2] > box[0] and box[3] > box[1]:
            self.boxes.append(box)

    def _show(self, state: _State, op: str, args: pikepdf.Object, text_matrix: Matrix) -> Matrix:
        self.shows_text = True
        if op == '"':
            state.word_spacing, state.char_spacing = float(args[0]), float(args[1])
        if op in ("'", '"'):
            text_matrix = multiply((1, 0, 0, 1, 0, -state.leading), text_matrix)
        font = state.font
        if font is None:
            return text_matrix
        # A line's advance is the sum of its glyphs' widths and spacing, less
        # the TJ adjustments; the order of the parts does not matter. A TJ
        # array is read from its unparsed bytes: walking a pikepdf Array
        # element by element costs several times more.
        data, adjustment = tj_parts(args[0].unparse()) if op == "TJ" else (bytes(args[-1]), 0.0)
        codes = struct.unpack(f">{len(data) // 2}H", data[: len(data) // 2 * 2]) if font.two_byte else data
        units = font.units(codes)
        spacing = state.char_spacing * len(codes)
        if not font.two_byte and state.word_spacing:
            spacing += state.word_spacing * data.count(32)
        size = state.size
        advance = ((units - adjustment) / 1000 * size + spacing) * state.scale / 100
        characters = len(codes)
        if state.render in (3, 7) or characters == 0:  # invisible (an OCR layer) or clipping only
            return multiply((1, 0, 0, 1, advance, 0), text_matrix)
        matrix = multiply(text_matrix, state.ctm)
        if not (state.fill_white and state.render in (0, 4)):
            if not font.embedded:
                self.not_embedded.add(font.name)
            box = (0.0, font.descent / 1000 * size + state.rise, advance, font.ascent / 1000 * size + state.rise)
            self._add(intersection(transformed_box(box, matrix), state.clip))
            if not any(self.marked):
                shown_size = round(size * math.hypot(matrix[2], matrix[3]), 1)
                self.sizes[shown_size] += characters
        return multiply((1, 0, 0, 1, advance, 0), text_matrix)

    def _font(self, resources: pikepdf.Object, name: pikepdf.Object) -> FontMetrics | None:
        fonts = resources.get("/Font") if resources is not None else None
        font = fonts.get(name) if fonts is not None else None
        if not isinstance(font, pikepdf.Dictionary):
            return None
        key = font.objgen if font.is_indirect else (id(font), 0)
        if key not in self.fonts:
            self.fonts[key] = read_font(font)
        return self.fonts[key]

    def _draw_xobject(self, state: _State, resources: pikepdf.Object, name: pikepdf.Object, depth: int) -> None:
        xobjects = resources.get("/XObject") if resources is not None else None
        xobject = xobjects.get(name) if xobjects is not None else None
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            box = intersection(transformed_box((0, 0, 1, 1), state.ctm), state.clip)
            if self.look_at_pictures_in is not None and box is not None and overlaps(box, self.look_at_pictures_in):
                inked = _inked_part(xobject)
                box = None if inked is None else intersection(transformed_box(inked, state.ctm), state.clip)
            self._add(box)
        elif subtype == "/Form":
            self.forms_drawn += 1
            if depth >= MAX_FORM_DEPTH:
                raise OverBudget(f"nests forms within forms more than {MAX_FORM_DEPTH} deep")
            matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
            ctm = multiply(matrix, state.ctm)  # type: ignore[arg-type]
            # A form starts from the state at its Do (font and colours
            # included), moved by its matrix and clipped to its box.
            inner = state.copy()
            inner.ctm = ctm
            if "/BBox" in xobject:
                x0, y0, x1, y1 = (float(v) for v in xobject.BBox)
                box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
                inner.clip = intersection(inner.clip, transformed_box(box, ctm))
            self.run(xobject, xobject.get("/Resources", resources), inner, depth + 1)


def _extend(path: list[float], m: Matrix, x: float, y: float) -> None:
    a, b, c, d, e, f = m
    px, py = a * x + c * y + e, b * x + d * y + f
    if path:
        path[0], path[1] = min(path[0], px), min(path[1], py)
        path[2], path[3] = max(path[2], px), max(path[3], py)
    else:
        path.extend((px, py, px, py))


def _is_white(args: pikepdf.Object) -> bool:
    values = [float(v) for v in args if isinstance(v, (int, float, Decimal))]
    if len(values) != len(args) or not values:
        return False  # a pattern, or a colour space we do not follow
    if len(values) == 4:
        return all(v == 0 for v in values)  # CMYK: no ink
    return all(v == 1 for v in values)


def _set_text_state(state: _State, op: str, value: float) -> None:
    if op == "Tc":
        state.char_spacing = value
    elif op == "Tw":
        state.word_spacing = value
    elif op == "Tz":
        state.scale = value
    elif op == "TL":
        state.leading = value
    elif op == "Ts":
        state.rise = value
    else:
        state.render = int(value)


def _inked_part(image: pikepdf.Stream) -> Box | None:
    """The part of a picture's unit square that holds ink, or None if it is
    blank paper. A picture that cannot be decoded counts as ink throughout."""
    whole: Box = (0.0, 0.0, 1.0, 1.0)
    try:
        width, height = int(image.Width), int(image.Height)
        if image.get("/ImageMask", False) or width * height > MAX_PICTURE_PIXELS:
            return whole
        # Decoded, a picture is at most 4 bytes a pixel (16-bit RGB is 6): a
        # stream that inflates to more is a bomb, not a picture, and is not decoded.
        if inflated_size(image, width * height * 6 + 65_536) is None:
            return whole
        picture = pikepdf.PdfImage(image).as_pil_image().convert("L")
    except Exception:  # noqa: BLE001 - any codec failure: assume the picture is all ink
        return whole
    # Quarter resolution or so is plenty to find ink, and keeps it quick.
    factor = max(1, min(picture.size) // 400)
    if factor > 1:
        picture = picture.reduce(factor)
    ink = picture.point(lambda value: 255 if value < INK_BELOW else 0).getbbox()
    if ink is None:
        return None
    width, height = picture.size
    left, top, right, bottom = ink
    return (left / width, 1 - bottom / height, right / width, 1 - top / height)
