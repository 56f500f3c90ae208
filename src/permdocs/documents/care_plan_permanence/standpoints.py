"""Where each person with parental responsibility stands: their views of the
plan, and their consent to adoption or why there is none, or, for any other
plan, whether they agree with it.

The local authority must find out and weigh the wishes and feelings of
everyone with parental responsibility (Children Act 1989 s.22(4)-(5)), and
adoption needs each parent's consent or the court's dispensing with it
(Adoption and Children Act 2002 ss.19, 20, 52). The IRO and the court read
each person's position in one place, next to their own words; what is not
recorded is said, as the checks PP-032 and PP-033 flag it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.adoption import ConsentNotGivenKind
from ...case.people import Person
from ...case.voices import PlanPosition
from ...checks.voices_rules import holders_to_hear, needs_consent_to_adoption
from ...text.templating import long_date
from ..common import display_name
from .legal import CONSENT_WORDS
from .views import ViewView


@dataclass(frozen=True)
class StandpointView:
    """One person with parental responsibility, as the plan records them."""

    #: Their name and relationship, and that they hold parental responsibility.
    who: str
    #: Their views of the plan, oldest first; empty where none is recorded.
    views: list[ViewView]
    #: Whether they agree with the plan, as a sentence; None where not recorded.
    agreement: str | None
    #: Their consent to adoption, or why there is none, as sentences in date order.
    consent: list[str]
    #: Sentences saying what the plan should record and does not.
    missing: list[str]


def standpoints(case: Case) -> list[StandpointView]:
    """Everyone with parental responsibility whose view the plan must hear, in the order of ``people``."""
    return [_standpoint(case, person) for _, person in holders_to_hear(case)]


def _standpoint(case: Case, person: Person) -> StandpointView:
    name = _called(person)
    own_views = sorted((v for v in case.voices.others if v.person_id == person.id), key=lambda v: v.recorded_on)
    positions = [v.position for v in own_views if v.position is not None]
    consents = _consents(case, person, name)
    missing = [] if own_views else [f"No view of the plan is recorded from {name}."]
    if needs_consent_to_adoption(case, person):
        if not consents:
            missing.append(f"Neither {name}'s consent to adoption, nor its refusal or dispensing with, is recorded.")
    elif not positions:
        missing.append(f"Whether {name} agrees with the plan is not recorded.")
    who = display_name(person)
    who = who[:-1] + ", holds parental responsibility)" if who.endswith(")") else f"{who} (holds parental responsibility)"
    return StandpointView(
        who=who,
        views=[ViewView(who, NarrativeText(v.summary), v.recorded_on) for v in own_views],
        agreement=_agreement(name, positions[-1]) if positions else None,
        consent=consents,
        missing=missing,
    )


def _called(person: Person) -> str:
    """How the sentences name the person: the first given name, as the plan's
    legal status does, or the relationship where this copy withholds the name."""
    return person.given_names.split()[0] if person.given_names else f"the {person.relationship.lower()}"


def _agreement(name: str, position: PlanPosition) -> str:
    return {
        PlanPosition.AGREES: f"{name} agrees with the plan.",
        PlanPosition.DOES_NOT_OPPOSE: f"{name} does not oppose the plan.",
        PlanPosition.OBJECTS: f"{name} objects to the plan.",
        PlanPosition.UNDECIDED: f"{name} has not yet said whether they agree with the plan.",
    }[position]


def _consents(case: Case, person: Person, name: str) -> list[str]:
    """Each formal consent the person gave, and each consent refused,
    withdrawn or dispensed with, in date order."""
    decisions = case.adoption
    if decisions is None:
        return []
    child = case.child.preferred_name
    dated = [
        (consent.given_on, f"{name} gave {CONSENT_WORDS[consent.kind]} on {long_date(consent.given_on)}, "
                           "witnessed by an officer of Cafcass.")
        for consent in decisions.consents if consent.person_id == person.id
    ]
    for record in decisions.consents_not_given:
        if record.person_id != person.id:
            continue
        on = long_date(record.on)
        dated.append((record.on, {
            ConsentNotGivenKind.REFUSED: f"{name} does not consent to {child}'s adoption, and said so on {on}.",
            ConsentNotGivenKind.WITHDRAWN: f"{name} withdrew consent to {child}'s adoption on {on} "
                                           "(Adoption and Children Act 2002, section 52(8)).",
            ConsentNotGivenKind.DISPENSED_WITH_WELFARE: (
                f"{name} did not consent to {child}'s adoption. On {on} the court dispensed with {name}'s consent, "
                f"as {child}'s welfare requires (Adoption and Children Act 2002, section 52(1)(b))."
            ),
            ConsentNotGivenKind.DISPENSED_WITH_CANNOT_BE_FOUND: (
                f"On {on} the court dispensed with {name}'s consent to {child}'s adoption, because {name} cannot be "
                "found or cannot give consent (Adoption and Children Act 2002, section 52(1)(a))."
            ),
        }[record.kind]))
    return [sentence for _, sentence in sorted(dated, key=lambda pair: pair[0])]
