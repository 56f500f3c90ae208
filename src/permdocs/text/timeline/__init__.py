"""The placement timeline as a picture: five lanes (where the child lived,
legal status, court, reviews and decisions, family time) against a calendar
axis with the child's age, a key, and the same in words for a reader who
cannot see it. :mod:`permdocs.practice.timeline` finds what it shows.

The geometry is worked out here, in millimetres, from the words' own width
in the bundled Liberation Sans (:mod:`.canvas`): a label goes inside its
bar, else beside it on its row, else below it with a line up to it; a home
too short for its words is numbered, and the key (:mod:`.key`) gives it in
full. So no two words overlap, however many moves a child has had.

The SVG is the picture for HTML and PDF, its words kept as text; cairosvg
draws the same SVG as a PNG at 200 dpi for Word (:mod:`.picture`); the alt
text says the same in sentences (:mod:`.words`). All are built from the
case alone: the same case gives the same bytes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...case import Case
from ...practice.timeline import Lane, collect, only, window
from ..blocks import Diagram
from .canvas import Text
from .picture import TimelinePicture, draw
from .words import alt_text

__all__ = ["Text", "TimelinePicture", "alt_text", "draw", "timeline_diagram"]


def timeline_diagram(
    case: Case, *, since: date | None = None, until: date | None = None, family_time: str = "family time",
    lanes: tuple[Lane, ...] = tuple(Lane),
) -> Diagram:
    """The placement timeline of a case (already redacted for its reader) as a
    picture block; ``since``/``until`` show part of it (the care plan: the last
    2 years), ``lanes`` some of its rows; ``family_time`` is the council's word for it."""
    timeline = replace(collect(case), family_time_word=family_time)
    if since is not None or until is not None:
        timeline = window(timeline, since, until)
    if lanes != tuple(Lane):
        timeline = only(timeline, lanes)
    return draw(timeline).as_diagram()
