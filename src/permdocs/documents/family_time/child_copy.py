"""The child's own copy: one page in plain words, saying who they will see
or hear from, when, where, and who to tell if they want a change. It is
written to the child ("you", "your birthday"), names people as the child
does ("Nanna", where the case records it) or as a child would ("your
grandmother, your birth mum's mum"), and lists the dates up to the next
review, which may change the ones after it.

A child under :data:`~.words.PICTURE_COPY_AGE` gets the same facts with a
picture beside each part (who, when, where, how long, who to tell), the
next dates as a row of calendar cards, no clock times and no "agency"
(brief s.4.4: the child's copy is for the child's age). An adult reads it
with them.
"""

from __future__ import annotations

import re
from functools import cache

from ...base.resources import assets_dir
from ...case.family_time import LETTER_KINDS, MEETING_KINDS, FamilyTimeKind
from ...practice.calendar_dates import MONTH_NAMES, WEEKDAY_NAMES
from ...practice.schedules import Precision, Session, SessionList, how_often
from ...text.blocks import Block, Bullets, Heading, Picture, Row, Table, beside, text
from ...text.templating import capfirst, lower_first
from ..common import lower_article
from .sessions import when
from .words import Words

#: The most dates listed: enough to look forward to, and all before the review.
CHILD_COPY_DATES = 4
#: How the child keeps in touch, by kind: "You will {verb} {who} {how}".
_VERBS = {
    FamilyTimeKind.DIRECT: ("see", ""),
    FamilyTimeKind.SIBLING: ("spend time with", ""),
    FamilyTimeKind.VIDEO: ("see", "on a video call"),
    FamilyTimeKind.PHONE: ("talk to", "on the phone"),
    FamilyTimeKind.LETTERBOX: ("get letters from", ""),
    FamilyTimeKind.INDIRECT_OTHER: ("get cards and news from", ""),
}
#: A venue that already says where ("In the community") is not put after "at".
_PLACE_WORDS = ("in", "at", "on", "near", "by", "inside", "outside")


def child_title(words: Words) -> str:
    return f"Keeping in touch with {' and '.join(p.child_calls or words.first_name(p) for p in words.people) or 'your family'}"


def child_copy(words: Words, sessions: SessionList | None) -> list[Block]:
    if words.young_child:
        return _picture_copy(words, sessions)
    arrangement = words.arrangement
    body: list[Block] = [Heading("Who"), text(_who(words))]
    upcoming = [s for s in (sessions.sessions if sessions else ()) if not s.after_review][:CHILD_COPY_DATES]
    often = how_often(arrangement, words.child_name, whose="your")
    body += [Heading("When"), text(f"{often}." + _next_times(upcoming, sessions))]
    if upcoming:
        body.append(Bullets(tuple(when(s) for s in upcoming)))
    # The agency's copy says what happens when a letter or a session is missed; the
    # child's promises no more than that, and says whose fault it never is.
    body.append(text(_if_missed(words)))
    body += [Heading("Where"), text(_where(words))]
    body += [Heading("If you want something to change"), text(
        f"You can always say how you feel about this. Tell {words.carers_for_child}, or your social worker, "
        f"{words.worker.name}. They will listen, and what you say will be thought about when the plan is looked at again."
    )]
    return body


def _if_missed(words: Words) -> str:
    """What a child is told about a letter that does not come or a visit that moves."""
    grown_ups = words.carers_for_child
    if words.arrangement.kind in LETTER_KINDS:
        return (f"Sometimes a letter is late, or does not come. That is never your fault, and {grown_ups} will "
                "talk with you about it.")
    return (f"Sometimes a time has to move, or be missed. If that happens, {grown_ups} will tell you. "
            "It is never your fault.")


def _who(words: Words) -> str:
    """'You will see Skye, your half-sister, on a video call.'"""
    verb, how = _VERBS[words.arrangement.kind]
    named = [words.for_child(p) for p in words.people]
    if not named:
        return f"You will {verb} your family{' ' + how if how else ''}."
    # Each person is "Name, who they are": commas close each one where more follows.
    who = ", and ".join(named) if any("," in n for n in named) else " and ".join(named)
    if how:
        who += f", {how}" if "," in who else f" {how}"
    return f"You will {verb} {who}."


def _next_times(upcoming: list[object], sessions: SessionList | None) -> str:
    if sessions is None:
        return ""
    if not upcoming:
        return " The grown-ups will tell you the next dates."
    return " The next time is:" if len(upcoming) == 1 else " The next times are:"


def _where(words: Words) -> str:
    arrangement = words.arrangement
    if arrangement.kind in LETTER_KINDS:
        return f"The letters come to your home. {capfirst(words.carers_for_child)} will read them with you."
    if arrangement.kind not in MEETING_KINDS:
        return "From home, with a grown-up who looks after you."
    venue = arrangement.venue
    if venue is None:
        return "The grown-ups are still choosing where."
    first, _, rest = venue.partition(" ")
    if first.lower() in _PLACE_WORDS:
        return f"You will meet {first.lower()} {rest}."
    return f"You will meet at {lower_article(venue)}."


# --- the copy with pictures, for a young child ----------------------------------------

#: How big each picture is drawn, in millimetres: big enough to point at.
ICON_MM = 16
#: The picture that shows how the child keeps in touch, beside "Where".
_HOW_ICONS = {
    FamilyTimeKind.LETTERBOX: ("letter", "A picture of a letter"),
    FamilyTimeKind.INDIRECT_OTHER: ("letter", "A picture of a letter"),
    FamilyTimeKind.PHONE: ("phone", "A picture of a phone"),
    FamilyTimeKind.VIDEO: ("video", "A picture of a screen with a person on it"),
}
#: "The agency" means nothing to a young child: the worker's words say who instead.
_THE_AGENCY = re.compile(r"\bthe agency\b", re.IGNORECASE)


def _picture_copy(words: Words, sessions: SessionList | None) -> list[Block]:
    arrangement = words.arrangement
    upcoming = [s for s in (sessions.sessions if sessions else ()) if not s.after_review][:CHILD_COPY_DATES]
    often = how_often(arrangement, words.child_name, whose="your", clock=False)
    body: list[Block] = [Heading("Who"), beside(icon("who", "A picture of two people"), _who(words))]
    body += [Heading("When"), beside(icon("when", "A picture of a calendar with one day marked"), f"{often}.")]
    if upcoming:
        body.append(_calendar_cards(upcoming))
    elif sessions is not None:
        body.append(text("The grown-ups will tell you the next dates."))
    if arrangement.kind not in LETTER_KINDS and arrangement.duration:
        body.append(beside(icon("how-long", "A picture of an egg timer"),
                           f"Each time, you will be together for {lower_first(arrangement.duration)}."))
    body.append(text(_if_missed(words)))
    where_icon = _HOW_ICONS.get(arrangement.kind, ("where", "A picture of a map pin"))
    body += [Heading("Where"), beside(icon(*where_icon), _THE_AGENCY.sub("your social worker", _where(words)))]
    body += [Heading("How you feel"), beside(icon("tell", "A picture of a speech bubble"), (
        f"You can always say how you feel about this. Tell {words.carers_for_child}, or your social worker, "
        f"{words.worker.name}. They will listen."
    ))]
    return body


def icon(name: str, alt_text: str) -> Picture:
    """One of the pictures shipped for the young child's copy (tools/draw_child_icons.py)."""
    return Picture(_icon_png(name), "image/png", alt_text, ICON_MM, ICON_MM)


@cache
def _icon_png(name: str) -> bytes:
    return (assets_dir() / "icons" / f"{name}.png").read_bytes()


def _calendar_cards(upcoming: list[Session]) -> Table:
    """The next dates as a row of cards, like pages of a calendar: the day
    of the week above, the date below; no year and no clock."""
    tops, dates = zip(*(_card(s) for s in upcoming))
    return Table("Your next times", tuple(tops), (Row(tuple((text(d, bold=True),) for d in dates)),),
                 (1,) * len(upcoming), keep_together=True)


def _card(session: Session) -> tuple[str, str]:
    day = session.on
    if session.precision is Precision.MONTH:
        return "Some time in", MONTH_NAMES[day.month - 1]
    if session.precision is Precision.WEEK:
        return "The week of", f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return WEEKDAY_NAMES[day.weekday()], f"{day.day} {MONTH_NAMES[day.month - 1]}"
