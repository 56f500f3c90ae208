"""The child's own copy: one page in plain words, saying who they will see
or hear from, when, where, and who to tell if they want a change. It is
written to the child ("you", "your birthday"), names relatives as a child
would ("your grandmother, your birth mum's mum"), and lists the dates up to
the next review, which may change the ones after it."""

from __future__ import annotations

from ...case.family_time import MEETING_KINDS, FamilyTimeKind
from ...practice.schedules import SessionList, how_often
from ...text.blocks import Block, Bullets, Heading, text
from ...text.templating import capfirst
from ..common import lower_article
from .sessions import when
from .words import Words

#: The most dates listed: enough to look forward to, and all before the review.
CHILD_COPY_DATES = 4
_LETTERS = (FamilyTimeKind.LETTERBOX, FamilyTimeKind.INDIRECT_OTHER)
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
    return f"Keeping in touch with {' and '.join(words.first_name(p) for p in words.people) or 'your family'}"


def child_copy(words: Words, sessions: SessionList | None) -> list[Block]:
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
    if words.arrangement.kind in _LETTERS:
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
    if arrangement.kind in _LETTERS:
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
