"""One arrangement's sessions: listed from its schedule, and each in words
("Saturday 21 November 2026", "During March 2027", "Week beginning Monday
16 August 2027") with its note (a bank holiday, a moved date)."""

from __future__ import annotations

from ...case import Case
from ...case.family_time import FamilyTimeArrangement
from ...practice.calendar_dates import WEEKDAY_NAMES
from ...practice.schedules import Precision, Session, SessionList, list_sessions, month_label
from ...text.templating import long_date


def sessions_of(case: Case, arrangement: FamilyTimeArrangement) -> SessionList | None:
    """The arrangement's sessions for the agreement's two years, or None without a schedule."""
    if arrangement.schedule is None:
        return None
    return list_sessions(
        arrangement.schedule,
        starts_on=arrangement.starts_on or case.prepared_on,
        ends_on=arrangement.ends_on,
        review_on=arrangement.review_on,
        born=case.child.date_of_birth,
    )


def when(session: Session) -> str:
    day = session.on
    if session.precision is Precision.MONTH:
        return f"During {month_label(day)}"
    if session.precision is Precision.WEEK:
        return f"Week beginning Monday {long_date(day)}"
    return f"{WEEKDAY_NAMES[day.weekday()]} {long_date(day)}"


def note(session: Session) -> str:
    if session.moved_from is not None:
        return f"Moved from {long_date(session.moved_from)}, a bank holiday"
    if session.bank_holiday is not None:
        return f"Bank holiday ({session.bank_holiday}): confirm in good time"
    return ""
