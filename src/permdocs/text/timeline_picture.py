"""The placement timeline as a picture: five lanes (where the child lived,
legal status, court, reviews and decisions, family time) against a calendar
axis with the child's age, a key, and the same in words for a reader who
cannot see it.

The geometry is worked out here, in millimetres, from the text's own width
in the bundled Liberation Sans: a label that does not fit inside its bar
goes below it, in the first free row, with a line to its bar; one that does
not find room there is numbered, and the numbered key below the picture
gives it in full. So no two words ever overlap, however many moves a child
has had (:attr:`Drawing.texts` holds every word's box, for the tests).

The SVG is the picture for HTML and PDF, its words kept as text; cairosvg
draws the same SVG as a PNG at 200 dpi for Word. Both are built from the
case alone: the same case gives the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from html import escape

from ..base.resources import assets_dir
from ..case import Case
from ..practice.timeline import Home, Lane, Marker, Span, Timeline, collect, window
from .blocks import Diagram

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
FAMILY_TIME_COLOURS = {
    "direct": "#9ecae1", "sibling": "#a1d99b", "video": "#d9d2ea", "phone": "#d9d2ea", "letterbox": "#fdd0a2",
    "indirect_other": "#fdd0a2",
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

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- measuring text --------------------------------------------------------------

@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    from fontTools.ttLib import TTFont

    font = TTFont(assets_dir() / "fonts" / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf", lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / per_em


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

    shapes: list[str] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    #: Numbered spans, for the key: (number, words).
    numbered: list[tuple[int, str]] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = INK, dashed: bool = False) -> None:
        dash = ' stroke-dasharray="0.8 0.5"' if dashed else ""
        self.shapes.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}" '
                           f'stroke="{stroke}" stroke-width="0.2"{dash}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = GRID, dashed: bool = False) -> None:
        dash = ' stroke-dasharray="1 0.7"' if dashed else ""
        self.shapes.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" '
                           f'stroke-width="0.2"{dash}/>')

    def symbol(self, kind: str, x: float, y: float, planned: bool) -> None:
        fill = "#ffffff" if planned else {"review": "#3182bd", "adm_decision": "#756bb1", "consent": "#756bb1"}.get(kind, "#636363")
        stroke = f'stroke="{INK}" stroke-width="0.25"'
        if kind == "review":
            self.shapes.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="1.1" fill="{fill}" {stroke}/>')
        elif kind in ("adm_decision", "consent"):
            self.shapes.append(f'<rect x="{_n(x - 1)}" y="{_n(y - 1)}" width="2" height="2" fill="{fill}" {stroke}/>')
        else:
            points = f"{_n(x)},{_n(y - 1.3)} {_n(x + 1.3)},{_n(y)} {_n(x)},{_n(y + 1.3)} {_n(x - 1.3)},{_n(y)}"
            self.shapes.append(f'<polygon points="{points}" fill="{fill}" {stroke}/>')

    def write(self, x: float, baseline: float, text: str, size: float = FONT, bold: bool = False) -> Text:
        placed = Text(round(x, 2), round(baseline, 2), text, size, bold)
        self.texts.append(placed)
        return placed

    def svg(self, height: float) -> str:
        bold = ' font-weight="bold"'
        words = [
            f'<text x="{_n(t.x)}" y="{_n(t.baseline)}" font-size="{_n(t.size)}"{bold if t.bold else ""}>'
            f'{escape(t.text, quote=False)}</text>'
            for t in self.texts
        ]
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(WIDTH)}mm" height="{_n(height)}mm" '
            f'viewBox="0 0 {_n(WIDTH)} {_n(height)}" font-family="{FONT_FAMILY}" fill="{INK}">'
            f'<rect x="0" y="0" width="{_n(WIDTH)}" height="{_n(height)}" fill="#ffffff"/>'
            + "".join(self.shapes) + "".join(words) + "</svg>"
        )


def _n(value: float) -> str:
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


# --- the picture -------------------------------------------------------------------

@dataclass(frozen=True)
class TimelinePicture:
    """The drawn timeline: SVG, PNG and alt text, and every word's place (for the tests)."""

    svg: str
    png: bytes
    alt_text: str
    width_mm: float
    height_mm: float
    texts: tuple[Text, ...]

    def as_diagram(self) -> Diagram:
        return Diagram(self.svg, self.png, self.alt_text, self.width_mm, self.height_mm)


def timeline_diagram(case: Case, *, since: date | None = None, until: date | None = None) -> Diagram:
    """The placement timeline of a case (already redacted for its reader) as a
    picture block; ``since``/``until`` show part of it (the care plan: the last 2 years)."""
    timeline = collect(case)
    if since is not None or until is not None:
        timeline = window(timeline, since, until)
    return draw(timeline).as_diagram()


def draw(timeline: Timeline, *, png: bool = True) -> TimelinePicture:
    """Lay out and draw the timeline; ``png=False`` skips the PNG (for tests of the geometry)."""
    drawing = Drawing()
    scale = _Scale(timeline.start, timeline.end)
    windowed = timeline.start > timeline.born
    title = f"{timeline.child_name}: where {_subject(timeline.pronoun)} lived, legal status, court, reviews and family time"
    drawing.write(1, 4.2, title, TITLE, bold=True)
    drawing.write(1, 8.2, f"{_short_date(timeline.start)} to {_short_date(timeline.end)}"
                  + (" (part of the timeline)" if windowed else ""), SMALL)
    top = 10.0
    y = _calendar_axis(drawing, scale, top)
    y = _age_axis(drawing, scale, timeline, y)
    lanes_top = y
    # The planned part, shaded behind the lanes.
    drawing.shapes.append("")  # placeholder: the shading goes under everything drawn in the lanes
    shading_index = len(drawing.shapes) - 1
    number = 1
    for lane in Lane:
        spans, markers = timeline.in_lane(lane)
        y, number = _lane(drawing, scale, timeline, lane, spans, markers, y + 1.2, number)
        drawing.line(0, y + 0.6, WIDTH, y + 0.6, "#999999")
        y += 0.6
    lanes_bottom = y
    if timeline.as_of < timeline.end:
        x = scale.x(timeline.as_of)
        # Under the bars and words: the planned part shaded, and the case's date as a line.
        drawing.shapes[shading_index] = (
            f'<rect x="{_n(x)}" y="{_n(lanes_top)}" width="{_n(CHART_RIGHT - x)}" height="{_n(lanes_bottom - lanes_top)}" '
            f'fill="{PLANNED_TINT}"/><line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(lanes_bottom)}" '
            f'stroke="#555555" stroke-width="0.2" stroke-dasharray="1 0.7"/>'
        )
    for x in scale.year_starts():
        drawing.shapes.insert(shading_index + 1, f'<line x1="{_n(x)}" y1="{_n(lanes_top)}" x2="{_n(x)}" '
                                                 f'y2="{_n(lanes_bottom)}" stroke="{GRID}" stroke-width="0.15"/>')
    height = _key(drawing, timeline, lanes_bottom + 2.5)
    svg = drawing.svg(height)
    return TimelinePicture(
        svg, _png(svg) if png else b"", alt_text(timeline), WIDTH, round(height, 1), tuple(drawing.texts)
    )


def _png(svg: str) -> bytes:
    import cairosvg

    result = cairosvg.svg2png(bytestring=svg.encode("utf-8"), dpi=PNG_DPI, background_color="white", unsafe=False)
    assert isinstance(result, bytes)
    return result


@dataclass(frozen=True)
class _Scale:
    start: date
    end: date

    @property
    def days(self) -> int:
        return max((self.end - self.start).days, 1)

    def x(self, day: date) -> float:
        day = min(max(day, self.start), self.end)
        return CHART_LEFT + (day - self.start).days / self.days * (CHART_RIGHT - CHART_LEFT)

    def year_starts(self) -> list[float]:
        return [self.x(date(year, 1, 1)) for year in range(self.start.year + 1, self.end.year + 1)]


def _calendar_axis(drawing: Drawing, scale: _Scale, top: float) -> float:
    """Years along the top; for a short timeline, the quarters too."""
    baseline = top + 3.2
    years = scale.days > 4 * 366
    ticks: list[tuple[date, str, bool]] = []
    for year in range(scale.start.year, scale.end.year + 1):
        for month in (1,) if years else (1, 4, 7, 10):
            day = date(year, month, 1)
            if scale.start <= day <= scale.end:
                ticks.append((day, str(year) if month == 1 else _MONTHS[month - 1], month == 1))
    taken: list[tuple[float, float]] = []
    for main in (True, False):
        for day, label, is_year in ticks:
            if is_year != main:
                continue
            x = scale.x(day)
            drawing.line(x, baseline + 0.6, x, baseline + 1.8, "#555555")
            left, width = x + 0.5, text_width(label, SMALL, bold=is_year)
            if left + width <= CHART_RIGHT and all(left + width + 1 <= a or left >= b + 1 for a, b in taken):
                drawing.write(left, baseline, label, SMALL, bold=is_year)
                taken.append((left, left + width))
    drawing.line(CHART_LEFT, baseline + 1.8, CHART_RIGHT, baseline + 1.8, "#555555")
    return baseline + 1.8


def _age_axis(drawing: Drawing, scale: _Scale, timeline: Timeline, top: float) -> float:
    """The child's age: each birthday, or for a baby's short timeline every three months."""
    baseline = top + 3.4
    drawing.write(1, baseline, "Age", SMALL, bold=True)
    step = 3 if scale.days <= 550 else 6 if scale.days <= 3 * 366 else 12
    taken: list[tuple[float, float]] = []
    months = step
    while True:
        day = _add_months(timeline.born, months)
        if day > scale.end:
            break
        if day >= scale.start:
            x = scale.x(day)
            drawing.line(x, top, x, top + 1.2, "#555555")
            label = _age(months, step)
            width = text_width(label, SMALL)
            left = min(max(x - width / 2, CHART_LEFT), CHART_RIGHT - width)
            if all(left + width + 1 <= a or left >= b + 1 for a, b in taken):
                drawing.write(left, baseline, label, SMALL)
                taken.append((left, left + width))
        months += step
    return baseline + 1.2


def _age(months: int, step: int) -> str:
    years, rest = divmod(months, 12)
    if step == 12:
        return str(years)
    if rest == 0:
        return f"{years} yr" if years == 1 else f"{years} yrs"
    if months < 24:
        return f"{months} mths"
    return f"{years}\u00bd yrs" if rest == 6 else f"{years} yrs {rest} mths"


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _lane(
    drawing: Drawing, scale: _Scale, timeline: Timeline, lane: Lane, spans: tuple[Span, ...],
    markers: tuple[Marker, ...], top: float, number: int,
) -> tuple[float, int]:
    """One lane: its name, its bars (in as many rows as overlap needs), its
    markers, and the labels that did not fit, in rows below. Returns the
    lane's bottom and the next free number for the key."""
    _lane_name(drawing, lane.value, top)
    rows = _pack(spans)
    y = top
    placed: list[tuple[float, float, float, str, Span]] = []  # x0, x1, bar bottom, label, span
    for row in rows:
        for span in row:
            x0, x1 = _bar_extent(scale, span, timeline.end)
            drawing.rect(x0, y, x1 - x0, BAR, _colour(span), dashed=span.end is None and span.expires is not None)
            if span.start < timeline.start:
                # Cut at the picture's edge: its words say when it began.
                span = replace(span, label=f"{span.label} (from {_short_date(span.start)})")
            placed.append((x0, x1, y + BAR, _bar_label(span, x1 - x0), span))
        y += BAR + BAR_GAP
    marker_y = None
    if markers:
        marker_y = y + MARKER_ROW / 2 - 0.3
        for marker in markers:
            drawing.symbol(marker.kind, scale.x(marker.on), marker_y, marker.planned)
        y += MARKER_ROW
    outside = []
    for index, (x0, x1, bar_bottom, inside, span) in enumerate(placed):
        # The words in the bar, else beside it on its row, else its short form in it, else below.
        middle = bar_bottom - BAR / 2 + 0.78 * FONT / 2
        beside = None if inside == span.label else _beside(x0, x1, text_width(span.label, FONT), [
            (a, b) for other, (a, b, bottom, _, _) in enumerate(placed) if bottom == bar_bottom and other != index
        ])
        if beside is not None:
            drawing.write(beside, middle, span.label)
        elif inside:
            drawing.write(x0 + PAD, middle, inside)
        else:
            outside.append((x0, x1, bar_bottom, span))
    # Every label that hangs below, bars' and markers' alike, from left to right.
    hanging: list[tuple[float, Span | Marker, float]] = [((x0 + x1) / 2, span, bar_bottom) for x0, x1, bar_bottom, span in outside]
    hanging += [(scale.x(m.on), m, (marker_y or y) + 1.3) for m in markers]
    hanging.sort(key=lambda item: item[0])
    shelves = Shelves(y, [anchor for anchor, _, _ in hanging])
    leaders: list[tuple[float, float, float]] = []
    for anchor, item, line_top in hanging:
        if isinstance(item, Marker):
            size, label = SMALL, item.label
            spot = shelves.place(anchor, text_width(label, size))
        else:
            size, label = FONT, item.label
            # Below a child's many moves, rows of "With foster carers" would not say which is which:
            # a home's words go in the first row or not at all.
            words_rows = 1 if lane is Lane.LIVED_WITH else FULL_LABEL_ROWS
            spot = shelves.place(anchor, text_width(label, size), words_rows)
            if spot is None:
                # No room for the words: a number, explained in the key.
                label = str(number)
                began_earlier = item.start < timeline.start  # its label already says from when
                dates = (f"to {_short_date(item.end)}" if item.end else "") if began_earlier else _span_dates(item)
                drawing.numbered.append((number, f"{item.label}, {dates}".rstrip(", ")))
                number += 1
                spot = shelves.place(anchor, text_width(label, size))
        assert spot is not None, "a new row is always free"
        left, shelf = spot
        drawing.write(left, shelves.baseline(shelf), label, size)
        if shelf or not isinstance(item, Marker):
            leaders.append((anchor, line_top, shelves.top + shelf * LABEL_ROW + 0.2))
    for x, start, end in leaders:
        if end - start > 0.2:
            drawing.line(x, start, x, end, "#777777")
    bottom = y + shelves.height
    if not spans and not markers:
        nothing = "None in this period" if timeline.start > timeline.born else "None recorded"
        drawing.write(CHART_LEFT + 1, top + 3, nothing, SMALL)
        bottom = top + 4
    return max(bottom, top + _lane_name_height(lane.value)), number


def _beside(x0: float, x1: float, width: float, neighbours: list[tuple[float, float]]) -> float | None:
    """Where a label goes on its bar's own row, after the bar or before it, if
    the row is free there: the left edge, or None."""
    gap = 0.8
    after_limit = min([a for a, _ in neighbours if a >= x1] + [CHART_RIGHT])
    if x1 + gap + width + gap <= after_limit:
        return x1 + gap
    before_limit = max([b for _, b in neighbours if b <= x0] + [CHART_LEFT])
    if before_limit + gap + width + gap <= x0:
        return x0 - gap - width
    return None


def _lane_name(drawing: Drawing, name: str, top: float) -> None:
    for i, line in enumerate(_wrap(name, CHART_LEFT - 2, FONT)):
        drawing.write(1, top + 0.78 * FONT + 0.4 + i * (FONT + 0.6), line, FONT, bold=True)


def _lane_name_height(name: str) -> float:
    return len(_wrap(name, CHART_LEFT - 2, FONT)) * (FONT + 0.6) + 0.6


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold=True) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _bar_extent(scale: _Scale, span: Span, end: date) -> tuple[float, float]:
    x0 = scale.x(span.start)
    x1 = scale.x(span.end or span.expires or end)
    return x0, max(x1, x0 + 0.6)  # a stay of a day or two still shows


def _pack(spans: Iterable[Span]) -> list[list[Span]]:
    """Spans in rows, each in the first row where its dates overlap nothing
    (a move's day ends one home and starts the next: one row)."""
    rows: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.source)):
        for row in rows:
            ends = row[-1].end or row[-1].expires  # one that goes on fills its row to the edge
            if ends is not None and ends <= span.start:
                row.append(span)
                break
        else:
            rows.append([span])
    return rows


def _bar_label(span: Span, width: float) -> str:
    """The words inside a bar, if any fit: the full label, else its short form
    (an order's initials; not a home's number, which only the key explains)."""
    for label in (span.label, span.short if span.lane is not Lane.LIVED_WITH else ""):
        if label and text_width(label, FONT) + 2 * PAD <= width:
            return label
    return ""


def _colour(span: Span) -> str:
    if span.lane is Lane.LIVED_WITH:
        return HOME_COLOURS[span.kind]
    if span.lane is Lane.LEGAL_STATUS:
        return ORDER_COLOURS.get(span.kind, "#dddddd")
    if span.lane is Lane.FAMILY_TIME:
        return FAMILY_TIME_COLOURS.get(span.kind, "#dddddd")
    return PROCEEDINGS_COLOUR


# --- the key ---------------------------------------------------------------------

def _key(drawing: Drawing, timeline: Timeline, top: float) -> float:
    """Swatches and symbols for what the picture shows, then the numbered
    spans in full. Returns the picture's height."""
    items: list[tuple[str, str]] = []  # (swatch kind:colour, words)
    kinds = {(s.lane, s.kind) for s in timeline.spans}
    items += [(f"bar:{HOME_COLOURS[k]}", HOME_NAMES[k]) for k in HOME_COLOURS if (Lane.LIVED_WITH, k) in kinds]
    from ..practice.timeline import ORDER_LABELS

    for order, (name, short) in ORDER_LABELS.items():
        if (Lane.LEGAL_STATUS, order.value) in kinds:
            items.append((f"bar:{ORDER_COLOURS[order.value]}", f"{short}: {name.lower()}" if short != name else name))
    seen_names: set[str] = set()
    for kind, name in FAMILY_TIME_NAMES.items():
        if (Lane.FAMILY_TIME, kind) in kinds and name not in seen_names:
            seen_names.add(name)
            items.append((f"bar:{FAMILY_TIME_COLOURS[kind]}", name))
    marker_kinds = {m.kind for m in timeline.markers}
    if any(m.lane is Lane.COURT for m in timeline.markers):
        items.append(("symbol:hearing", "Court event"))
    items += [(f"text:{short}", words) for kind, (short, words) in COURT_ABBREVIATIONS.items() if kind in marker_kinds]
    if any(s.end is None and s.expires is not None for s in timeline.spans):
        items.append(("dashed:", "Dashed: the end is set or listed"))
    if "review" in marker_kinds:
        items.append(("symbol:review", "Review (numbered)"))
    if "adm_decision" in marker_kinds:
        items.append(("symbol:adm_decision", "ADM: agency decision for adoption"))
    if "consent" in marker_kinds:
        items.append(("symbol:consent", "Consent: a parent's consent to adoption"))
    if any(m.planned for m in timeline.markers):
        items.append(("symbol:planned", "Planned (hollow)"))
    if timeline.as_of < timeline.end:
        items.append((f"bar:{PLANNED_TINT}", f"Shaded: after {_short_date(timeline.as_of)}"))
    drawing.write(1, top + 0.78 * FONT, "Key", FONT, bold=True)
    x, y = CHART_LEFT, top
    for swatch, words in items:
        kind, _, value = swatch.partition(":")
        label = words
        lead = text_width(value, SMALL, bold=True) + 1 if kind == "text" else 4.2
        width = lead + text_width(label, SMALL) + 3
        if x + width > WIDTH - 1 and x > CHART_LEFT:
            x, y = CHART_LEFT, y + 3.6
        baseline = y + 0.78 * SMALL + 0.4
        if kind in ("bar", "dashed"):
            drawing.rect(x, y + 0.2, 3.2, 2.2, value or "#ffffff", dashed=kind == "dashed")
        elif kind == "symbol":
            drawing.symbol("review" if value == "planned" else value, x + 1.6, y + 1.3, value == "planned")
        else:
            drawing.write(x, baseline, value, SMALL, bold=True)
        drawing.write(x + lead, baseline, label, SMALL)
        x += width
    y += 3.6
    if drawing.numbered:
        y += 1.0
        column = (WIDTH - CHART_LEFT) / 2
        rows = (len(drawing.numbered) + 1) // 2
        for i, (number, words) in enumerate(drawing.numbered):
            col, row = divmod(i, rows)
            left = CHART_LEFT + col * column
            baseline = y + row * 3.2 + 0.78 * SMALL
            drawing.write(left, baseline, str(number), SMALL, bold=True)
            text = _fit(words, column - 5, SMALL)
            drawing.write(left + 4, baseline, text, SMALL)
        y += rows * 3.2
    return y + 1.5


def _fit(text: str, width: float, size: float) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "...", size) > width:
        text = text[:-1]
    return text.rstrip() + "..."


# --- words -----------------------------------------------------------------------

def _short_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _long_date(day: date) -> str:
    from ..practice.calendar_dates import long_date

    return long_date(day)


def _span_dates(span: Span) -> str:
    if span.end is None:
        return f"from {_short_date(span.start)}"
    return f"{_short_date(span.start)} to {_short_date(span.end)}"


def _subject(pronoun: str) -> str:
    return {"her": "she", "his": "he"}.get(pronoun, "they")


def alt_text(timeline: Timeline) -> str:
    """The timeline in words: the same facts as the picture, in date order within each lane."""
    name, subject = timeline.child_name, _subject(timeline.pronoun)
    has = "have" if subject == "they" else "has"
    sentences = []
    if timeline.start > timeline.born:
        sentences.append(f"This timeline shows {_long_date(timeline.start)} to {_long_date(timeline.end)}.")
    else:
        sentences.append(f"{name} was born on {_long_date(timeline.born)}.")
    homes, _ = timeline.in_lane(Lane.LIVED_WITH)
    parts = []
    for span in homes:
        where = span.label[0].lower() + span.label[1:]
        if span.end is None:
            parts.append(f"since {_long_date(span.start)} {subject} {has} lived {where}")
        else:
            parts.append(f"{subject} lived {where} from {_long_date(span.start)} to {_long_date(span.end)}")
    if parts:
        sentences.append(_sentence("; then ".join(parts[:-1] + [parts[-1]]) if len(parts) < 2 else
                                   "; ".join(parts[:-1]) + "; and " + parts[-1]))
    orders, _ = timeline.in_lane(Lane.LEGAL_STATUS)
    order_words = []
    for span in orders:
        if span.kind == "section_20":
            order_words.append(f"{subject} was accommodated under s.20 from {_long_date(span.start)}"
                               + (f" to {_long_date(span.end)}" if span.end else ""))
        else:
            article = "an" if span.label[0] in "AEIOU" else "a"
            order_words.append(f"{article} {span.label.lower()} was made on {_long_date(span.start)}"
                               + (f" and ended on {_long_date(span.end)}" if span.end else "")
                               + (f" (it ends on {_long_date(span.expires)})" if span.expires and not span.end else ""))
    if order_words:
        sentences.append(_sentence("; ".join(order_words)))
    court_spans, court_markers = timeline.in_lane(Lane.COURT)
    court = []
    for span in court_spans:
        court.append(f"care proceedings were issued on {_long_date(span.start)}"
                     + (f" and concluded on {_long_date(span.end)}" if span.end else " and are still open"))
    for marker in court_markers:
        if marker.kind == "issued":
            continue
        if marker.kind == "extension":
            court.append(f"on {_long_date(marker.on)} the court extended the timetable by {marker.label.strip('+')}"
                         .replace("wks", "weeks"))
            continue
        what = {"final_hearing": "the final hearing", "cmh": "a case management hearing",
                "further_cmh": "a further case management hearing", "irh": "an issues resolution hearing"}.get(
            marker.kind, "a hearing")
        court.append(f"{what} {'is listed for' if marker.planned else 'was on'} {_long_date(marker.on)}")
    if court:
        sentences.append(_sentence("; ".join(court)))
    _, reviews = timeline.in_lane(Lane.REVIEWS)
    held = [m for m in reviews if m.kind == "review" and not m.planned]
    planned = [m for m in reviews if m.kind == "review" and m.planned]
    if held:
        sentences.append(f"Reviews were held on {_listed([_long_date(m.on) for m in held])}"
                         + (f"; the next is planned for {_long_date(planned[0].on)}." if planned else "."))
    elif planned:
        sentences.append(f"The first review is planned for {_long_date(planned[0].on)}.")
    for marker in reviews:
        if marker.kind == "adm_decision":
            sentences.append(f"The agency decision maker decided on {_long_date(marker.on)} that {name} should be "
                             "placed for adoption.")
        elif marker.kind == "consent":
            sentences.append(f"A parent formally consented to adoption on {_long_date(marker.on)}.")
    family, _ = timeline.in_lane(Lane.FAMILY_TIME)
    times = [
        f"{span.label[0].lower() + span.label[1:]} from {_long_date(span.start)}"
        + (f" to {_long_date(span.end)}" if span.end else "")
        for span in family
    ]
    if times:
        sentences.append(_sentence("Family time: " + "; ".join(times)))
    return " ".join(sentences)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
