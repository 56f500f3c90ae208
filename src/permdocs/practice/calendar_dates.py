"""Working days in England and Wales: weekdays that are not bank holidays.

Bank holidays come from the maintained ``holidays`` package (England's
calendar, which Wales shares), so substitute days and one-off holidays are
not hand-typed here. Its version is pinned: a new release can add a bank
holiday and so move a due date, which should be a deliberate upgrade. The
years 1990 to 2060 are read from a table written from that package by
tools/bank_holidays.py (a test keeps the two in step), because importing
``holidays`` loads every country's calendar, a quarter of a second of a
cold render; other years ask the package itself.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache

from .bank_holidays_england import BANK_HOLIDAYS, FIRST_YEAR, LAST_YEAR


@cache
def _bank_holidays(year: int) -> dict[date, str]:
    if FIRST_YEAR <= year <= LAST_YEAR:
        return {date.fromisoformat(f"{year}-{day}"): name for day, name in BANK_HOLIDAYS[year].items()}
    import holidays  # only for a year outside the table: it loads every country's calendar

    # Named in England's English whatever the machine's locale (the package would follow LANG).
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year, language="en_GB"))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day where there is
    no such day: 31 January + 1 month is 28 (or 29) February."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def period_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` months beginning with ``start``:
    a year beginning with 14 September 2026 ends on 13 September 2027. This
    is how the Children Act 1989 words the length of orders ("the period of
    one year beginning with the date on which it was made", Sch 3 para 6).
    Where the later month has no such day (a year from 29 February), the
    period ends on that month's last day: 29 February 2028 to 28 February 2029."""
    corresponding = add_months(start, months)
    return corresponding if corresponding.day != start.day else corresponding - timedelta(days=1)


def bank_holiday_name(day: date) -> str | None:
    """The name of the bank holiday in England and Wales on ``day``, if it is one."""
    return _bank_holidays(day.year).get(day)


#: Month and weekday names from fixed tables, not the locale (see long_date).
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(value: date) -> str:
    """``2026-05-09`` -> ``9 May 2026``, the form used in English court documents
    (here, with the dates, so that the checks word dates without the templates).

    Month names come from a fixed table, not the locale, so output does not
    depend on the machine it is rendered on.
    """
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
