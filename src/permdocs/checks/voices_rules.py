"""Whose voices the plan records (``$.voices``): the local authority must
find out, and weigh, the wishes and feelings of everyone who holds parental
responsibility for the child before it decides (Children Act 1989 s.22(4)
and (5)), so the plan records each one's view, or that they gave none, and
where each stands on the plan: their formal consent to adoption, or why
there is none, where adoption is the plan; otherwise whether they agree.

Messages name roles and ids, never a name from the case.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..case.people import Person, PersonRole
from .findings import CheckInput, Severity
from .rules import ADOPTION_ROUTES, Problems, rule

if TYPE_CHECKING:
    from ..case import Case

#: Whose formal consent adoption needs: a parent with parental responsibility
#: or a guardian, special guardians included (ACA 2002 s.19, s.52(6), s.144(1)).
#: Anyone else with parental responsibility says whether they agree, as for any plan.
CONSENT_TO_ADOPTION_ROLES = {PersonRole.MOTHER, PersonRole.FATHER, PersonRole.SPECIAL_GUARDIAN, PersonRole.OTHER_PR_HOLDER}


def holders_to_hear(case: "Case") -> Iterator[tuple[int, Person]]:
    """Everyone with parental responsibility whose view and position the plan
    must record, with their index in ``people``. The care plan shows them."""
    for index, person in enumerate(case.people):
        # Prospective adopters hold parental responsibility only once the child is placed
        # with them (ACA 2002 s.25(3)), as the plan's outcome; their view is not the plan's to seek.
        if person.has_parental_responsibility and person.role is not PersonRole.PROSPECTIVE_ADOPTER:
            yield index, person


def needs_consent_to_adoption(case: "Case", person: Person) -> bool:
    """Whether the plan must record this person's formal consent to adoption, or
    why there is none, rather than whether they agree with the plan."""
    return case.plans.primary.route in ADOPTION_ROUTES and person.role in CONSENT_TO_ADOPTION_ROLES


@rule("PP-032", "A person with parental responsibility whose view of the plan is not recorded", Severity.WARNING,
      "Children Act 1989 s.22(4) and (5)")
def view_of_each_pr_holder(given: CheckInput) -> Problems:
    with_view = {view.person_id for view in given.case.voices.others}
    for index, person in holders_to_hear(given.case):
        if person.id not in with_view:
            yield "$.voices.others", (
                f"No view is recorded from $.people[{index}] ({person.id}, {person.role.value}), who holds parental "
                "responsibility: record it, or that they did not give one."
            )


@rule("PP-033", "A person with parental responsibility whose consent, agreement or objection is not recorded",
      Severity.WARNING, "Children Act 1989 s.22(4) and (5); Adoption and Children Act 2002 s.19, s.20, s.52")
def position_of_each_pr_holder(given: CheckInput) -> Problems:
    case = given.case
    decisions = case.adoption
    with_consent_record = set() if decisions is None else {
        record.person_id for record in (*decisions.consents, *decisions.consents_not_given)
    }
    with_position = {view.person_id for view in case.voices.others if view.position is not None}
    for index, person in holders_to_hear(case):
        who = f"$.people[{index}] ({person.id}, {person.role.value}), who holds parental responsibility"
        if needs_consent_to_adoption(case, person):
            if person.id not in with_consent_record:
                yield f"$.people[{index}]", (
                    f"Adoption is the primary plan, but for {who}, neither consent to adoption nor its refusal, "
                    "withdrawal or dispensing with is recorded."
                ), ("Record the consent in $.adoption.consents, or in $.adoption.consents_not_given that it was "
                    "refused, withdrawn or dispensed with by the court, and when.")
        elif person.id not in with_position:
            yield f"$.people[{index}]", (
                f"Whether {who}, agrees with the plan or objects to it is not recorded."
            ), "Set 'position' on their view in $.voices.others: agrees, does_not_oppose, objects or undecided."
