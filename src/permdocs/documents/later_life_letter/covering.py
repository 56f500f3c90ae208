"""The covering letter to the adoptive parents that goes with a later-life
letter, and where the protective marking goes (issue 24).

A later-life letter becomes the child's own: they keep it for life and may
read it at fourteen or forty. A government security marking
("OFFICIAL-SENSITIVE") on it says to the child that their own story is a
council record, and means nothing once the letter has left the council. The
marking belongs on what is still the council's correspondence: the letter
to the adoptive parents that hands it over (if the council's profile says
so, ``marking_on_letters_to_a_child``) and the review copy, which stays in
the agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...case import Case
from ...case.people import PersonRole
from ...profiles.model import Branding
from ..common import and_list
from ..declaration import ResolvedRequest


@dataclass(frozen=True)
class CoveringLetter:
    """What the covering letter says, a paragraph at a time, so that its HTML
    and Word copies say the same words."""

    title: str
    paragraphs: tuple[str, ...]


def marking_for(branding: Branding, *, covering: bool, reviewing: bool) -> str:
    """The protective marking a copy of the letter carries: always on the
    agency's review copy, on the covering letter where the profile says, and
    never on the letter the child reads."""
    if reviewing and not covering:
        return branding.protective_marking
    if covering and branding.marking_on_letters_to_a_child == "covering-letter":
        return branding.protective_marking
    return ""


def adopters_names(case: Case) -> str:
    """The adoptive parents by first names, as they are greeted ("Sol and Rowan")."""
    names = [p.given_names for p in case.people if p.role is PersonRole.PROSPECTIVE_ADOPTER and p.given_names]
    return and_list(names) or "parents"


def covering_letter(case: Case, request: ResolvedRequest, marking: str) -> CoveringLetter:
    """The letter to the adoptive parents: what the later-life letter is, when
    and how to share it, keeping it safe, and the marking, if it carries one."""
    letter = case.later_life_letter
    assert letter is not None
    child = case.child.preferred_name
    council = request.profile.profile.council.name
    paragraphs = [
        f"With this letter is the later-life letter I have written for {child}. It tells {child}'s story, from "
        "birth to the day you became a family, in words written for a young person: who the birth family are, why "
        f"{child} could not stay with them, and who decided.",
        # The letter's target reading age (the language review's) is when it is written to be read.
        f"It is written for {child} to read at about the age of {letter.reading_age}, but there is no right age "
        f"for every child. Share it when you feel {child} is ready, and once {child} knows the main facts of the "
        "story from you and from the life story book, so that nothing in it comes as a shock. You might read it "
        "together the first time; after that it is theirs to keep and to come back to.",
        # The agency keeps its adoption case record, this letter in it, for at least 100 years
        # (Adoption Agencies Regulations 2005, reg. 41 and 42).
        "Please keep the letter somewhere safe, with the life story book, and keep a copy of it. The adoption "
        "agency keeps a copy in its records; if the letter is lost or damaged, the adoption support team can send "
        "you another.",
        f"If you would like help before you share the letter, or afterwards, the adoption support team at "
        f"{council} is there for you and for {child}.",
    ]
    if marking:
        paragraphs.append(
            f"This covering letter is marked {marking} because it comes from the council's records. The letter "
            f"for {child} carries no marking: it is {child}'s own."
        )
    return CoveringLetter(f"About {child}'s later-life letter", tuple(paragraphs))
