"""Each reader's own part of the agreement: what the carers do, in the
carers' copy; what the agency undertakes, in the agency's and the court's;
how a visit or call works, in the birth family's (their letters guide is in
``letterbox.py``). The terms are the same in every copy; this part is what
makes each copy its reader's.

What the parts ask of each side follows Merton 2019 s.10.5 (direct contact
works where everyone accepts its purpose and the carers' role, and is
never for the adults' benefit) and s.10.6 (indirect contact is negotiated
before placement and changes only where the child's needs call for it), in
our own words. The agency's part promises only what the agreement already
sets (no response times a council has not chosen).
"""

from __future__ import annotations

from ...case.family_time import LETTER_KINDS, FamilyTimeKind, Supervision
from ...text.blocks import Block, Bullets, Heading, text
from ...text.templating import capfirst, long_date
from ..common import lower_article
from ..declaration import Reader
from .words import Words

_CALLS = (FamilyTimeKind.VIDEO, FamilyTimeKind.PHONE)


def each_readers_part(words: Words) -> list[Block]:
    if words.reader is Reader.CARERS:
        return _carers_part(words)
    if words.reader in (Reader.PROFESSIONAL, Reader.COURT):
        return _agency_part(words)
    if words.reader is Reader.BIRTH_FAMILY and words.arrangement.kind not in LETTER_KINDS:
        return _visits_for_the_birth_family(words)
    return []


def _carers_part(words: Words) -> list[Block]:
    child, subject, possessive = words.child_name, words.subject, words.possessive
    relationships = sorted({words.relationship(c) for c in words.carers}) or ["carers"]
    heading = f"Your part, as {child}'s {' and '.join(relationships)}"
    if words.arrangement.kind in LETTER_KINDS:
        steps = (
            f"Write each letter on time, through the agency, signed as the agreement says. Tell {words.agency} "
            "early if a letter will be late.",
            f"Share the letters that come with {child} in a way that suits {possessive} age, and keep every letter, "
            f"card and photo safe (in a memory box or life-story book) for {child} to have as {subject} grows up.",
            "Never reply directly or give out your address, surname, or anything that shows where you live. If "
            f"anyone from {possessive} birth family gets in touch with you or with {child} outside the letterbox, "
            f"do not reply: tell {words.agency} straight away.",
            f"Tell {words.worker.name} what {child} says or asks about {possessive} birth family, so the letters "
            "and the next review can take it into account.",
        )
    else:
        steps = (
            f"Help {child} to get ready: talk about who {subject} will see, in words that suit {possessive} age, "
            f"and tell {words.agency} in good time if {child} is ill or cannot come.",
            f"Afterwards, notice how {child} is over the next few days, and tell {words.worker.name} about anything "
            f"{subject} says about the time together, or anything that worries you.",
            "Keep your address, surname and the names of school, clubs and your street out of what is said, "
            "written or photographed, and ask others at the time to do the same.",
            "Keep to the arrangement as it is written. If you think it should change, ask for a review; do not "
            "change it on your own, or agree a change at the door.",
        )
    return [Heading(heading), Bullets(steps)]


def _agency_part(words: Words) -> list[Block]:
    arrangement = words.arrangement
    child = words.child_name
    undertakes: list[str] = []
    if arrangement.kind in LETTER_KINDS:
        terms = arrangement.letterbox
        reference = f" under reference {terms.reference}" if terms is not None and terms.reference else ""
        undertakes += [
            f"Keeps the letterbox file{reference}, and records each letter that comes in and goes out.",
            "Reads each letter before passing it on, and talks with the writer about any change it needs rather "
            "than simply holding it back.",
            "Reminds the writer when a letter is due, and offers help with writing to anyone who needs it.",
        ]
    else:
        undertakes.append("Confirms each date with everyone beforehand, and tells everyone of any change as soon as it is known.")
        if arrangement.supervision in (Supervision.SUPERVISED, Supervision.SUPPORTED):
            by = f" ({lower_article(arrangement.supervised_by)})" if arrangement.supervised_by else ""
            undertakes.append(
                f"Makes sure each session is {arrangement.supervision.value} as agreed{by}, and keeps a record of "
                f"each one and of how {child} was."
            )
        undertakes.append(f"Follows up any missed {'call' if arrangement.kind in _CALLS else 'session'} with everyone.")
    review = (
        f"by {long_date(arrangement.review_on)}" if arrangement.review_on is not None else "once a review date is set"
    )
    undertakes.append(
        f"Hears {child}'s wishes, and those of every other child in the arrangement, before the review {review}, "
        "and writes any change into a new version of this agreement."
    )
    return [Heading(f"What {words.agency} does"), Bullets(tuple(undertakes))]


def _visits_for_the_birth_family(words: Words) -> list[Block]:
    child = words.child_name
    meeting = "call" if words.arrangement.kind in _CALLS else "visit"
    return [
        Heading(f"How each {meeting} works for you"),
        Bullets((
            f"Before: if you cannot make it, tell {words.agency} as early as you can, so {child} is not "
            "left waiting.",
            f"During: talk about {child}'s news and your good memories. Please do not ask where {child} lives or "
            "goes to school, and do not make promises about the future.",
            f"Photos: please take or share photos of {child} only where {words.agency} has agreed it, and never "
            "post them online.",
            f"Afterwards: you can talk to {words.worker.name} about how it went, or if anything is worrying you.",
        )),
        text(capfirst(f"{meeting}s happen for {child}'s sake. If something goes wrong, the agency will talk it "
                      "through with you, and one difficult time does not end the arrangement.")),
    ]
