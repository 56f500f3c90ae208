"""Family-time schedules: a case's recurrence rule turned into the dates (or
months) of the next 24 months.

The rule (:class:`permdocs.case.family_time.Schedule`) maps onto an RFC 5545
recurrence, which ``dateutil.rrule`` expands; no recurrence arithmetic is
written here. What this module adds is the agreement's frame: the list runs
from the agreement's start for 24 months, and stops at its end date and the
day before the child turns 18; sessions after the review date are marked as
subject to it; a session on a bank holiday is flagged or moved, as the rule
says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from dateutil import rrule

from ..case.family_time import FamilyTimeArrangement, OnBankHoliday, Repeats, Schedule, Weekday
from .calendar_dates import MONTH_NAMES, add_months, bank_holiday_name, is_working_day

#: How far ahead an agreement lists its sessions (the family-time issue's brief).
HORIZON_MONTHS = 24

_FREQUENCIES = {Repeats.WEEKLY: rrule.WEEKLY, Repeats.MONTHLY: rrule.MONTHLY, Repeats.YEARLY: rrule.YEARLY}
_WEEKDAYS = dict(zip(Weekday, (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU), strict=True))
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


class Precision(StrEnum):
    """What a schedule entry names: a day, the week holding a day, or a month."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class ListEnds(StrEnum):
    """Why the list of sessions stops where it does."""

    HORIZON = "horizon"
    END_DATE = "end_date"
    EIGHTEENTH_BIRTHDAY = "eighteenth_birthday"


@dataclass(frozen=True)
class Session:
    """One session or letter. ``on`` is the day; for a week, its Monday; for
    a month, its first day."""

    on: date
    precision: Precision
    #: The bank holiday this day falls on, where the rule keeps it there.
    bank_holiday: str | None = None
    #: The day the rule gave before a bank holiday moved it.
    moved_from: date | None = None
    #: True once the arrangement's review date has passed: the review may change it.
    after_review: bool = False


@dataclass(frozen=True)
class SessionList:
    """The sessions of one arrangement between two days, and why it stops."""

    sessions: tuple[Session, ...]
    first_day: date
    last_day: date
    ends: ListEnds


def birthday_in(born: date, year: int) -> date:
    """The child's birthday in a given year. Someone born on 29 February
    has it on 1 March in a common year: the Family Law Reform Act 1969 s.9
    counts an age from the anniversary, which a common year lacks, and
    1 March is the usual reading. The 18th birthday and the birthday week
    both follow this one rule."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def age_in_years(born: date, on: date) -> int:
    """Completed years of age on a day (see :func:`birthday_in` for 29 February)."""
    return on.year - born.year - (on < birthday_in(born, on.year))


def eighteenth_birthday(born: date) -> date:
    """The day the child turns 18 (see :func:`birthday_in` for 29 February)."""
    return birthday_in(born, born.year + 18)


def list_sessions(
    schedule: Schedule,
    *,
    starts_on: date,
    ends_on: date | None,
    review_on: date | None,
    born: date,
) -> SessionList:
    """The sessions from ``starts_on`` for 24 months, stopping at the end date
    or the day before the 18th birthday, whichever comes first."""
    last_day, ends = add_months(starts_on, HORIZON_MONTHS) - timedelta(days=1), ListEnds.HORIZON
    if ends_on is not None and ends_on < last_day:
        last_day, ends = ends_on, ListEnds.END_DATE
    adult = eighteenth_birthday(born) - timedelta(days=1)
    if adult < last_day:
        last_day, ends = adult, ListEnds.EIGHTEENTH_BIRTHDAY
    days = _expand(schedule, starts_on, last_day, born) if starts_on <= last_day else []
    precision = _precision(schedule)
    sessions = []
    for day in days:
        session = _on_bank_holiday(day, schedule.on_bank_holiday) if precision is Precision.DAY else Session(day, precision)
        if session.on > last_day:
            continue
        if precision is Precision.WEEK:
            session = Session(day - timedelta(days=day.weekday()), precision)
        if review_on is not None and session.on > review_on:
            session = Session(session.on, session.precision, session.bank_holiday, session.moved_from, after_review=True)
        sessions.append(session)
    return SessionList(tuple(sessions), starts_on, last_day, ends)


def _precision(schedule: Schedule) -> Precision:
    if schedule.birthday_week:
        return Precision.WEEK
    return Precision.MONTH if schedule.lists_months else Precision.DAY


def _expand(schedule: Schedule, first_day: date, last_day: date, born: date) -> list[date]:
    anchor = schedule.first_on or first_day
    moments = rrule.rruleset()
    for parts in _by_parts(schedule, anchor, born):
        moments.rrule(rrule.rrule(_FREQUENCIES[schedule.repeats], interval=schedule.every, dtstart=_midnight(anchor), **parts))
    return [moment.date() for moment in moments.between(_midnight(first_day), _midnight(last_day), inc=True)]


def _by_parts(schedule: Schedule, anchor: date, born: date) -> list[dict[str, object]]:
    """The BYxxx parts of the rule, as one rule or several.

    A yearly rule becomes one rule per month it names: BYSETPOS counts
    across the whole year, so the month-end clamp below must see one month
    at a time. A yearly rule naming no month keeps to the anchor's month
    (RFC 5545 would otherwise repeat a BYMONTHDAY in every month)."""
    if schedule.birthday_week:
        # Year day 60 is 29 February in a leap year and 1 March otherwise:
        # the birthday of someone born on 29 February (birthday_in).
        if (born.month, born.day) == (2, 29):
            return [{"byyearday": 60}]
        return [{"bymonth": born.month, "bymonthday": born.day}]
    parts = _day_parts(schedule, anchor)
    if schedule.repeats is not Repeats.YEARLY:
        return [parts | ({"bymonth": tuple(schedule.months)} if schedule.months else {})]
    return [parts | {"bymonth": month} for month in (sorted(schedule.months) or [anchor.month])]


def _day_parts(schedule: Schedule, anchor: date) -> dict[str, object]:
    """Which day of the week or month. A day past a month's end (31, or 29
    February) falls on the month's last day: rrule would skip that month,
    so the rule asks for the last of the days up to the one wanted
    (BYSETPOS=-1), which works per month once each rule covers one month."""
    if schedule.weekday is not None:
        weekday = _WEEKDAYS[schedule.weekday]
        return {"byweekday": weekday if schedule.week_of_month is None else weekday(schedule.week_of_month)}
    if schedule.lists_months:
        return {"bymonthday": 1}
    if schedule.day_of_month is not None:
        return _day_or_last(schedule.day_of_month)
    if schedule.repeats is not Repeats.WEEKLY:
        # Unstated day: the anchor's, kept in months too short for it.
        return _day_or_last(anchor.day)
    return {}


def _day_or_last(day: int) -> dict[str, object]:
    if day <= 28:
        return {"bymonthday": day}
    return {"bymonthday": tuple(range(28, day + 1)), "bysetpos": -1}


def _on_bank_holiday(day: date, rule: OnBankHoliday) -> Session:
    holiday = bank_holiday_name(day)
    if holiday is None:
        return Session(day, Precision.DAY)
    if rule is OnBankHoliday.FLAG:
        return Session(day, Precision.DAY, bank_holiday=holiday)
    step = timedelta(days=1 if rule is OnBankHoliday.NEXT_WORKING_DAY else -1)
    moved = day + step
    while not is_working_day(moved):
        moved += step
    return Session(moved, Precision.DAY, moved_from=day)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


# --- in words ------------------------------------------------------------------

def describe(schedule: Schedule, child_name: str, *, whose: str | None = None, clock: bool = True) -> str:
    """The rule in words, for the agreement and the care plan. ``whose``
    says whose birthday it is ("your", in the child's own copy); without
    ``clock`` the start time is left out, for a child who cannot yet read one."""
    at = f", at {schedule.start_time}" if schedule.start_time and clock else ""
    return _pattern_in_words(schedule, whose or f"{child_name}'s") + at


def _pattern_in_words(schedule: Schedule, whose: str) -> str:
    every = schedule.every
    if schedule.birthday_week:
        return f"Once a year, in the week of {whose} birthday" + (f", every {every} years" if every > 1 else "")
    unit = {Repeats.WEEKLY: "week", Repeats.MONTHLY: "month", Repeats.YEARLY: "year"}[schedule.repeats]
    cadence = f"every {unit}" if every == 1 else f"every {every} {unit}s"
    months = _and_list([MONTH_NAMES[m - 1] for m in sorted(schedule.months)])
    if schedule.weekday is not None and schedule.week_of_month is not None:
        day = f"the {_ORDINALS[schedule.week_of_month]} {schedule.weekday.value.capitalize()}"
        scope = f"of {months}" if months else ("of each month" if schedule.repeats is Repeats.MONTHLY and every == 1 else f"of the month, {cadence}")
        return _capfirst(f"{day} {scope}")
    if schedule.weekday is not None:
        return _capfirst(f"{cadence}, on a {schedule.weekday.value.capitalize()}")
    if schedule.lists_months:
        return _capfirst(f"{cadence}, in {months}")
    if schedule.day_of_month is not None:
        where = f" of {months}" if months else ""
        return _capfirst(f"{cadence}, on the {_day_ordinal(schedule.day_of_month)}{where}")
    if schedule.first_on is not None:
        return _capfirst(f"{cadence}, counting from {schedule.first_on.day} {MONTH_NAMES[schedule.first_on.month - 1]} {schedule.first_on.year}")
    return _capfirst(cadence)


#: A clock time in a worker's words: ", at 10:30", " at 2pm", " from 10.30am".
_CLOCK_TIME = re.compile(r",?\s+(?:at|from)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?(?:\s*(?:to|until|-)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)?(?=[\s,.;]|$)", re.I)


def how_often(arrangement: FamilyTimeArrangement, child_name: str, *, whose: str | None = None, clock: bool = True) -> str:
    """How often, in the worker's words where given, else the schedule's rule
    in words; without ``clock``, with no clock times (see :func:`describe`)."""
    if arrangement.frequency is not None:
        return arrangement.frequency if clock else _CLOCK_TIME.sub("", arrangement.frequency)
    if arrangement.schedule is not None:
        return describe(arrangement.schedule, child_name, whose=whose, clock=clock)
    return "Not yet agreed"


def month_label(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _day_ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]
