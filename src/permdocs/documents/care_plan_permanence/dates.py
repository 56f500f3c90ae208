"""The care plan's key dates: what a reviewer needs from the timescales the
checks compute (permdocs.checks.key_dates), not the whole history.

Of the reviews, the plan shows the last one held, the next one due, and any
held late or now overdue; earlier reviews held on time are counted in a
sentence instead. Every other statutory or policy date is shown: the care
plan, the permanence plan, the proceedings and any supervision order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...case import Case
from ...checks import KeyDate as KeyDateRow
from ...checks import PolicySettings, Status, key_dates
from ...practice.timescales import key_date_label
from ...profiles import Terms
from ...text.templating import capfirst, long_date

#: The status words, as ``permdocs check`` prints them.
STATUS_LABELS = {Status.MET: "Met", Status.LATE: "Late", Status.OVERDUE: "Overdue", Status.UPCOMING: "Upcoming"}


@dataclass(frozen=True)
class TimescaleView:
    """A statutory or policy deadline, computed by permdocs.checks."""

    label: str
    due: date
    actual: date | None
    planned: date | None
    status: str


@dataclass(frozen=True)
class OtherDate:
    date: date
    event: str


@dataclass(frozen=True)
class KeyDatesView:
    timescales: list[TimescaleView]
    #: The earlier reviews, all held on time, that the table leaves out, in a sentence; None when it leaves none out.
    not_listed: str | None
    other: list[OtherDate]


def key_dates_view(case: Case, settings: PolicySettings, terms: Terms, today: date) -> KeyDatesView:
    rows = key_dates(case, settings, today)
    reviews = [row for row in rows if row.key.startswith("review_")]
    held = [row for row in reviews if row.actual is not None]
    wanted = {row.key for row in reviews if row.actual is None or row.status in (Status.LATE, Status.OVERDUE)}
    if held:
        wanted.add(held[-1].key)
    shown = [row for row in rows if row not in reviews or row.key in wanted]
    return KeyDatesView(
        timescales=[
            TimescaleView(_label(row, terms, settings), row.due, row.actual, row.planned, STATUS_LABELS[row.status])
            for row in shown
        ],
        not_listed=_not_listed([row.actual for row in reviews if row.key not in wanted and row.actual], terms.review),
        other=other_dates(case, terms),
    )


def _not_listed(held_on: list[date], review: str) -> str | None:
    """The earlier reviews the table leaves out, as a reader wants to know
    them: when they were held, and that each was on time."""
    if not held_on:
        return None
    if len(held_on) == 1:
        return f"The earlier {review}, on {long_date(held_on[0])}, was held on time."
    if len(held_on) <= 3:
        dates = ", ".join(long_date(day) for day in held_on[:-1]) + f" and {long_date(held_on[-1])}"
        return f"The earlier {review}s, on {dates}, were all held on time."
    return (f"The {len(held_on)} earlier {review}s, from {long_date(held_on[0])} to {long_date(held_on[-1])}, "
            "were all held on time.")


def _label(row: KeyDateRow, terms: Terms, settings: PolicySettings) -> str:
    """The key date's label in the council's words (the checks' own labels use statutory terms)."""
    try:
        return key_date_label(row.key, settings, terms.model_dump())
    except KeyError:
        return row.label


def other_dates(case: Case, terms: Terms) -> list[OtherDate]:
    """Dates worth having to hand that are not deadlines, in date order."""
    dates = [OtherDate(case.care_episode.looked_after_on, capfirst(terms.became_looked_after))]
    proceedings = case.care_proceedings
    if proceedings is not None:
        dates.append(OtherDate(proceedings.issued_on, "Care proceedings issued"))
        if proceedings.final_hearing_on is not None:
            dates.append(OtherDate(proceedings.final_hearing_on, "Final hearing"))
    if case.care_episode.ceased_on is not None:
        dates.append(OtherDate(case.care_episode.ceased_on, capfirst(terms.stopped_being_looked_after)))
    dates.append(OtherDate(case.plans.primary.target_date, "Primary plan target date"))
    return sorted(dates, key=lambda item: item.date)
