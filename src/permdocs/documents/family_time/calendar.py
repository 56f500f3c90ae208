"""Calendar entries for the copies that offer a calendar file (the agency's
and the carers'): one per session, and one for the review.

A session on a day is timed where the schedule has a start time, all-day
otherwise; a week (the birthday week) is an all-day span Monday to Sunday,
and a month (a letter exchange "during March") an all-day span of the whole
month, so a phone shows it for as long as it lasts. Entries hold only first
names, the venue as the agreement describes it, and what the agreement is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from ...case.family_time import LETTER_KINDS, FamilyTimeKind
from ...practice.calendar_dates import add_months
from ...practice.schedules import Precision, Session, SessionList
from ...text.templating import capfirst, long_date
from .sessions import note, when
from .words import Words

_WHAT = {
    FamilyTimeKind.DIRECT: "{child} sees {names}",
    FamilyTimeKind.SIBLING: "{child} sees {names}",
    FamilyTimeKind.VIDEO: "{child}: video call with {names}",
    FamilyTimeKind.PHONE: "{child}: phone call with {names}",
    FamilyTimeKind.LETTERBOX: "letters with {names}",
    FamilyTimeKind.INDIRECT_OTHER: "cards and news with {names}",
}


@dataclass(frozen=True)
class CalendarEvent:
    """One entry. ``day`` is its first day and ``end`` the day after its last
    (RFC 5545's exclusive end of an all-day entry); a timed entry starts at
    ``start_time`` on ``day`` and lasts ``minutes``."""

    uid: str
    day: date
    end: date
    start_time: str | None
    minutes: int | None
    summary: str
    location: str | None
    description: str


def calendar_events(words: Words, sessions: SessionList | None, subtitle: str) -> list[CalendarEvent]:
    """Every session, then the review date, as calendar entries."""
    if sessions is None:
        return []
    arrangement = words.arrangement
    schedule = arrangement.schedule
    assert schedule is not None
    names = " and ".join(words.first_name(p) for p in words.people) or "family"
    summary = f"{capfirst(words.term)}: {_WHAT[arrangement.kind].format(child=words.child_name, names=names)}"
    about = f"See the {words.term} agreement: {subtitle}."
    events = []
    for session in sessions.sessions:
        timed = session.precision is Precision.DAY and schedule.start_time is not None
        notes = note(session) or ("Subject to the review of the agreement" if session.after_review else "")
        events.append(CalendarEvent(
            uid=_uid(words, session.on.isoformat()),
            day=session.on,
            end=_end(session),
            start_time=schedule.start_time if timed else None,
            minutes=schedule.length_minutes if timed else None,
            summary=summary,
            location=None if arrangement.kind in LETTER_KINDS else arrangement.venue,
            description=" ".join(filter(None, (f"{when(session)}.", about, f"{notes}." if notes else ""))),
        ))
    if arrangement.review_on is not None:
        events.append(CalendarEvent(
            uid=_uid(words, f"review-{arrangement.review_on.isoformat()}"),
            day=arrangement.review_on,
            end=arrangement.review_on + timedelta(days=1),
            start_time=None,
            minutes=None,
            summary=f"Review of the {words.term} agreement ({names})",
            location=None,
            description=f"The agreement is reviewed by {long_date(arrangement.review_on)}: the dates after it may change. {about}",
        ))
    return events


def _end(session: Session) -> date:
    if session.precision is Precision.MONTH:
        return add_months(session.on, 1)
    if session.precision is Precision.WEEK:
        return session.on + timedelta(days=7)
    return session.on + timedelta(days=1)


def _uid(words: Words, what: str) -> str:
    # Derived from the case, so the same case gives the same file; never random.
    source = f"{words.case.child.case_reference}|{words.arrangement.id}|{what}"
    return hashlib.sha256(source.encode()).hexdigest()[:32] + "@permdocs"
