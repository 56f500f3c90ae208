"""The timeline's drawing surface: its sizes and colours in millimetres, the
width of words in the bundled Liberation Sans, the SVG it writes, and the
rows below a lane where labels that do not fit beside their bar hang.

Every word drawn is kept with its box (:attr:`Drawing.texts`), so the tests
can check that no two overlap.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from ...base.font_tables import SANS_BOLD_ADVANCES, SANS_REGULAR_ADVANCES
from ...practice.timeline import Home

# --- sizes, in millimetres -------------------------------------------------------

WIDTH = 170.0  # the text width of an A4 portrait page with permdocs' margins
CHART_LEFT = 27.0
CHART_RIGHT = 167.0
FONT = 2.6  # about 7.5 pt: the smallest size a printed figure should use
SMALL = 2.3
TITLE = 3.2
BAR = 4.4
BAR_GAP = 1.0
LABEL_ROW = 3.3
MARKER_ROW = 3.6
PAD = 0.8
#: Rows of full labels below a lane before a label is numbered instead.
FULL_LABEL_ROWS = 2
PNG_DPI = 200
FONT_FAMILY = "Liberation Sans"

HOME_COLOURS = {
    Home.BIRTH_FAMILY.value: "#9ecae1",
    Home.RELATIVES.value: "#a1d99b",
    Home.FOSTER_CARE.value: "#fdc086",
    Home.PERMANENT.value: "#cbb2e0",
}
HOME_NAMES = {
    Home.BIRTH_FAMILY.value: "Birth family",
    Home.RELATIVES.value: "Relatives or friends",
    Home.FOSTER_CARE.value: "Foster care",
    Home.PERMANENT.value: "Adopters or special guardians",
}
ORDER_COLOURS = {
    "section_20": "#e0e0e0", "interim_care_order": "#fee391", "care_order": "#fdae6b", "placement_order": "#f4a6c6",
    "interim_supervision_order": "#d0e8f2", "supervision_order": "#9ecae1", "special_guardianship_order": "#a1d99b",
    "child_arrangements_order": "#e6dfb0", "adoption_order": "#cbb2e0",
}
#: Colours of their own, so that no kind of family time looks like a home in the key
#: (a second reader took "Visits" for "Birth family" when both were light blue).
FAMILY_TIME_COLOURS = {
    "direct": "#b3de69", "sibling": "#8dd3c7", "video": "#bebada", "phone": "#bebada", "letterbox": "#fccde5",
    "indirect_other": "#fccde5",
}
FAMILY_TIME_NAMES = {
    "direct": "Visits", "sibling": "Time with brothers or sisters", "video": "Video or phone calls",
    "phone": "Video or phone calls", "letterbox": "Letters or news", "indirect_other": "Letters or news",
}
PROCEEDINGS_COLOUR = "#d9d9d9"
PLANNED_TINT = "#f0f0f0"
INK = "#222222"
GRID = "#cccccc"
COURT_ABBREVIATIONS = {"cmh": ("CMH", "case management hearing"),
                       "further_cmh": ("FCMH", "further case management hearing"),
                       "irh": ("IRH", "issues resolution hearing")}


# --- measuring text --------------------------------------------------------------

@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    # Liberation Sans' advance widths, read from the font by tools/font_tables.py
    # (opening it here would cost a cold render the import of fontTools).
    per_em, missing, units = SANS_BOLD_ADVANCES if bold else SANS_REGULAR_ADVANCES
    return {code: advance / per_em for code, advance in units.items()}, missing / per_em


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The advance of ``text`` in Liberation Sans at ``size`` mm (no kerning, so never less than drawn)."""
    widths, missing = _advances(bold)
    return sum(widths.get(ord(c), missing) for c in text) * size


# --- what is drawn -----------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    x: float  # the left edge
    baseline: float
    text: str
    size: float = FONT
    bold: bool = False

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom: cap height above the baseline, descenders below."""
        width = text_width(self.text, self.size, bold=self.bold)
        return self.x, self.baseline - 0.78 * self.size, self.x + width, self.baseline + 0.22 * self.size


@dataclass
class Drawing:
    """The picture being drawn: shapes (SVG elements) and words (kept apart, to be checked)."""

    #: Drawn first, under everything: shading and grid lines.
    underlay: list[str] = field(default_factory=list)
    shapes: list[str] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    #: Numbered spans, for the key: (number, words).
    numbered: list[tuple[int, str]] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = INK, dashed: bool = False) -> None:
        dash = ' stroke-dasharray="0.8 0.5"' if dashed else ""
        self.shapes.append(f'<rect x="{mm(x)}" y="{mm(y)}" width="{mm(w)}" height="{mm(h)}" fill="{fill}" '
                           f'stroke="{stroke}" stroke-width="0.2"{dash}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = GRID, dashed: bool = False) -> None:
        dash = ' stroke-dasharray="1 0.7"' if dashed else ""
        self.shapes.append(f'<line x1="{mm(x1)}" y1="{mm(y1)}" x2="{mm(x2)}" y2="{mm(y2)}" stroke="{colour}" '
                           f'stroke-width="0.2"{dash}/>')

    def symbol(self, kind: str, x: float, y: float, planned: bool) -> None:
        fill = "#ffffff" if planned else {"review": "#3182bd", "adm_decision": "#756bb1", "consent": "#756bb1"}.get(kind, "#636363")
        stroke = f'stroke="{INK}" stroke-width="0.25"'
        if kind == "review":
            self.shapes.append(f'<circle cx="{mm(x)}" cy="{mm(y)}" r="1.1" fill="{fill}" {stroke}/>')
        elif kind in ("adm_decision", "consent"):
            self.shapes.append(f'<rect x="{mm(x - 1)}" y="{mm(y - 1)}" width="2" height="2" fill="{fill}" {stroke}/>')
        else:
            points = f"{mm(x)},{mm(y - 1.3)} {mm(x + 1.3)},{mm(y)} {mm(x)},{mm(y + 1.3)} {mm(x - 1.3)},{mm(y)}"
            self.shapes.append(f'<polygon points="{points}" fill="{fill}" {stroke}/>')

    def goes_on(self, x: float, y: float) -> None:
        """A small arrow after a bar that goes on past the picture's end, centred on ``y``."""
        points = f"{mm(x + 0.3)},{mm(y - 1.1)} {mm(x + 1.7)},{mm(y)} {mm(x + 0.3)},{mm(y + 1.1)}"
        self.shapes.append(f'<polygon points="{points}" fill="{INK}"/>')

    def write(self, x: float, baseline: float, text: str, size: float = FONT, bold: bool = False) -> Text:
        placed = Text(round(x, 2), round(baseline, 2), text, size, bold)
        self.texts.append(placed)
        return placed

    def svg(self, height: float, title: str) -> str:
        """The picture; ``title`` is its description in words, which a
        tagged PDF gives its Figure as alternate text."""
        bold = ' font-weight="bold"'
        words = [
            f'<text x="{mm(t.x)}" y="{mm(t.baseline)}" font-size="{mm(t.size)}"{bold if t.bold else ""}>'
            f'{escape(t.text, quote=False)}</text>'
            for t in self.texts
        ]
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{mm(WIDTH)}mm" height="{mm(height)}mm" '
            f'viewBox="0 0 {mm(WIDTH)} {mm(height)}" font-family="{FONT_FAMILY}" fill="{INK}" role="img">'
            f'<title>{escape(title, quote=False)}</title>'
            f'<rect x="0" y="0" width="{mm(WIDTH)}" height="{mm(height)}" fill="#ffffff"/>'
            + "".join(self.underlay) + "".join(self.shapes) + "".join(words) + "</svg>"
        )


def mm(value: float) -> str:
    """A coordinate as the SVG carries it: two decimals at most, the same on every machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class Shelves:
    """Rows below a lane for the labels that do not fit where they belong.
    Each label hangs below the point it names (that x stays inside it), with
    a line up to it when it is not in the first row. Labels are placed from
    left to right; a label may not cover the point of one still to come (its
    line would cross it), nor a line that passes down through its row."""

    def __init__(self, top: float, anchors: Iterable[float]) -> None:
        self.top = top
        self.rows: list[list[tuple[float, float]]] = []
        self.pending = sorted(anchors)
        self.leaders: list[tuple[float, int]] = []  # x, the row its label is in

    def place(self, anchor: float, width: float, max_rows: int | None = None) -> tuple[float, int] | None:
        """Where the label goes (its left edge and row), or None if not within ``max_rows`` rows."""
        if anchor in self.pending:
            self.pending.remove(anchor)
        gap = 1.0
        # Points within half a millimetre share a column: their lines run together.
        others = [a for a in self.pending if abs(a - anchor) > 0.5]
        for row in range(max_rows if max_rows is not None else len(self.rows) + 1):
            if any(a - 0.3 <= anchor <= b + 0.3 for above in self.rows[:row] for a, b in above):
                continue  # the line down would cross a label above
            taken = self.rows[row] if row < len(self.rows) else []
            crossing = [x for x, deepest in self.leaders if deepest > row]
            for left in (anchor - width / 2, anchor - 0.6, anchor - width + 0.2):
                left = min(max(left, CHART_LEFT), CHART_RIGHT - width)
                right = left + width
                if not left <= anchor <= right:
                    continue
                if any(left - 0.3 < a < right + 0.3 for a in [*others, *crossing]):
                    continue
                if all(right + gap <= a or left >= b + gap for a, b in taken):
                    return self._take(anchor, left, right, row)
        if max_rows is not None:
            return None
        # Crowded past every rule: a row of its own keeps the words apart all the same.
        left = min(max(anchor - width / 2, CHART_LEFT), CHART_RIGHT - width)
        return self._take(anchor, left, left + width, len(self.rows))

    def _take(self, anchor: float, left: float, right: float, row: int) -> tuple[float, int]:
        while len(self.rows) <= row:
            self.rows.append([])
        self.rows[row].append((left, right))
        if row:
            self.leaders.append((anchor, row))
        return left, row

    def baseline(self, row: int) -> float:
        return self.top + row * LABEL_ROW + 0.78 * FONT + 0.3

    @property
    def height(self) -> float:
        return len(self.rows) * LABEL_ROW
