"""Laying the timeline out: the calendar and age axes, then each lane's bars,
markers and labels, then the key (:mod:`.key`), and the PNG of the SVG."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, partial

from ...practice.calendar_dates import add_months
from ...practice.timeline import Lane, Marker, Span, Timeline
from ..blocks import Diagram
from .canvas import (
    BAR,
    BAR_GAP,
    CHART_LEFT,
    CHART_RIGHT,
    FAMILY_TIME_COLOURS,
    FONT,
    FULL_LABEL_ROWS,
    GRID,
    HOME_COLOURS,
    LABEL_ROW,
    MARKER_ROW,
    ORDER_COLOURS,
    PAD,
    PLANNED_TINT,
    PNG_DPI,
    PROCEEDINGS_COLOUR,
    SMALL,
    TITLE,
    WIDTH,
    Drawing,
    Shelves,
    Text,
    mm,
    text_width,
)
from .key import key
from .words import MONTHS, alt_text, short_date, span_dates, subject_of

# --- the picture -------------------------------------------------------------------

@dataclass(frozen=True)
class TimelinePicture:
    """The drawn timeline: SVG and alt text, every word's place (for the
    tests), and the PNG, drawn from the SVG only when it is first asked for
    (Word's copy needs it; a PDF or a web page does not)."""

    svg: str
    alt_text: str
    width_mm: float
    height_mm: float
    texts: tuple[Text, ...]

    @cached_property
    def png(self) -> bytes:
        return _png(self.svg)

    def as_diagram(self) -> Diagram:
        return Diagram(self.svg, partial(_png, self.svg), self.alt_text, self.width_mm, self.height_mm)


def draw(timeline: Timeline) -> TimelinePicture:
    """Lay out and draw the timeline."""
    drawing = Drawing()
    scale = _Scale(timeline.start, timeline.end)
    windowed = timeline.start > timeline.born
    title = f"{timeline.child_name}: {_what_it_shows(timeline)}"
    if text_width(title, TITLE, bold=True) > WIDTH - 2:
        title = f"{timeline.child_name}'s timeline"
    drawing.write(1, 4.2, title, TITLE, bold=True)
    drawing.write(1, 8.2, f"{short_date(timeline.start)} to {short_date(timeline.end)}"
                  + (" (part of the timeline)" if windowed else ""), SMALL)
    top = 10.0
    y = _calendar_axis(drawing, scale, top)
    y = _age_axis(drawing, scale, timeline, y)
    lanes_top = y
    number = 1
    for lane in timeline.lanes:
        spans, markers = timeline.in_lane(lane)
        y, number = _lane(drawing, scale, timeline, lane, spans, markers, y + 1.2, number)
        drawing.line(0, y + 0.6, WIDTH, y + 0.6, "#999999")
        y += 0.6
    lanes_bottom = y
    # Under the lanes: the planned part shaded, the case's date as a line, each new year.
    if timeline.as_of < timeline.end:
        x = scale.x(timeline.as_of)
        drawing.underlay.append(f'<rect x="{mm(x)}" y="{mm(lanes_top)}" width="{mm(CHART_RIGHT - x)}" '
                                f'height="{mm(lanes_bottom - lanes_top)}" fill="{PLANNED_TINT}"/>')
        drawing.underlay.append(f'<line x1="{mm(x)}" y1="{mm(top)}" x2="{mm(x)}" y2="{mm(lanes_bottom)}" '
                                f'stroke="#555555" stroke-width="0.2" stroke-dasharray="1 0.7"/>')
    for x in scale.year_starts():
        drawing.underlay.append(f'<line x1="{mm(x)}" y1="{mm(lanes_top)}" x2="{mm(x)}" y2="{mm(lanes_bottom)}" '
                                f'stroke="{GRID}" stroke-width="0.15"/>')
    height = key(drawing, timeline, lanes_bottom + 2.5)
    words = alt_text(timeline)
    svg = drawing.svg(height, words)
    return TimelinePicture(svg, words, WIDTH, round(height, 1), tuple(drawing.texts))


def _png(svg: str) -> bytes:
    from .cairo_bindings import cairosvg  # only when a PNG is wanted: it loads libcairo

    result = cairosvg().svg2png(bytestring=svg.encode("utf-8"), dpi=PNG_DPI, background_color="white", unsafe=False)
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
                ticks.append((day, str(year) if month == 1 else MONTHS[month - 1], month == 1))
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
        day = add_months(timeline.born, months)
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


def _lane(
    drawing: Drawing, scale: _Scale, timeline: Timeline, lane: Lane, spans: tuple[Span, ...],
    markers: tuple[Marker, ...], top: float, number: int,
) -> tuple[float, int]:
    """One lane: its name, its bars (in as many rows as overlap needs), its
    markers, and the labels that did not fit, in rows below. Returns the
    lane's bottom and the next free number for the key."""
    _lane_name(drawing, timeline.lane_name(lane), top)
    rows = _pack(spans)
    y = top
    placed: list[tuple[float, float, float, str, Span]] = []  # x0, x1, bar bottom, label, span
    for row in rows:
        for span in row:
            x0, x1 = _bar_extent(scale, span, timeline.end)
            drawing.rect(x0, y, x1 - x0, BAR, _colour(span), dashed=span.end is None and span.expires is not None)
            if _goes_on(span, timeline.end):
                drawing.goes_on(x1, y + BAR / 2)
            if span.start < timeline.start:
                # Cut at the picture's edge: its words say when it began.
                span = replace(span, label=f"{span.label} (from {short_date(span.start)})")
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
                dates = (f"to {short_date(item.end)}" if item.end else "") if began_earlier else span_dates(item)
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
    return max(bottom, top + _lane_name_height(timeline.lane_name(lane))), number


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


def _goes_on(span: Span, end: date) -> bool:
    """Whether a span lasts past the picture's right edge."""
    last = span.end or span.expires
    return last is None or last > end


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


def _what_it_shows(timeline: Timeline) -> str:
    """"where she lived, legal status, court, reviews and family time": the lanes drawn, in words."""
    names = {
        Lane.LIVED_WITH: f"where {subject_of(timeline.pronoun)} lived", Lane.LEGAL_STATUS: "legal status",
        Lane.COURT: "court", Lane.REVIEWS: "reviews", Lane.FAMILY_TIME: timeline.family_time_word,
    }
    shown = [names[lane] for lane in timeline.lanes]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
