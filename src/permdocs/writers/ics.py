"""iCalendar writer: a family-time agreement's sessions as a ``.ics`` file,
for the carers' and the agency's phone calendars (RFC 5545, via the
maintained ``icalendar`` package).

Only copies whose context carries calendar entries offer this format (see
the document's ``document.toml``). Entries hold what that copy may show and
no more: a summary with first names, the venue as the agreement describes
it, and what the agreement is. The stamp is the document's date and each
UID is derived from the case, so the same input gives the same bytes.

Timed sessions are in Europe/London time (TZID with its VTIMEZONE): phone
calendars then show a 10:30 session at 10:30 in England and Wales whatever
the phone's own zone, and across the clock changes. Days, weeks and months
are all-day entries whose end is the day after their last (RFC 5545).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..errors import UnknownFormatError
from . import Styling

if TYPE_CHECKING:
    from ..documents import DocumentType

PRODUCT_ID = "-//permdocs//family-time agreement//EN"
#: Sessions in England and Wales keep their local time.
LOCAL_TIME = ZoneInfo("Europe/London")


def render(document: "DocumentType", context: Any, styling: Styling, *, layout: str = "") -> bytes:
    """The context's calendar entries as an iCalendar file (a calendar has one layout)."""
    events = getattr(context, "calendar", None)
    if events is None:
        raise UnknownFormatError(f"The {document.name} document has no calendar for this copy.")
    stamp = datetime.combine(context.document.date, time(), tzinfo=timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", context.document.metadata_title)
    for entry in events:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("summary", entry.summary)
        if entry.start_time is not None:
            hours, minutes = map(int, entry.start_time.split(":"))
            start = datetime.combine(entry.day, time(hours, minutes), tzinfo=LOCAL_TIME)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=entry.minutes or 60))
        else:
            event.add("dtstart", entry.day)
            event.add("dtend", entry.end)
            event.add("transp", "TRANSPARENT")
        if entry.location:
            event.add("location", entry.location)
        event.add("description", entry.description)
        calendar.add_component(event)
    if any(entry.start_time is not None for entry in events):
        # The zone's rules for the years the entries span, and no more: the same case, the same bytes.
        days = [entry.day for entry in events]
        calendar.add_missing_timezones(first_date=date(min(days).year, 1, 1), last_date=date(max(days).year + 1, 1, 1))
    return calendar.to_ical()
