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
from ...text.templating import capfirst

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
    #: How many earlier reviews, all held on time, the table leaves out; None when it leaves none out.
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
        not_listed=_not_listed(len(reviews) - len(wanted), terms.review),
        other=other_dates(case, terms),
    )


def _not_listed(count: int, review: str) -> str | None:
    if count == 0:
        return None
    if count == 1:
        return f"An earlier {review}, held on time, is not listed."
    return f"{count} earlier {review}s, all held on time, are not listed."


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
