"""Whose voices the plan records (``$.voices``): the local authority must
find out, and weigh, the wishes and feelings of everyone who holds parental
responsibility for the child before it decides (Children Act 1989 s.22(4)
and (5)), so the plan records each one's view, or that they gave none.

Messages name roles and ids, never a name from the case.
"""

from __future__ import annotations

from ..case.people import PersonRole
from .findings import CheckInput, Severity
from .rules import Problems, rule


@rule("PP-032", "A person with parental responsibility whose view of the plan is not recorded", Severity.WARNING,
      "Children Act 1989 s.22(4) and (5)")
def view_of_each_pr_holder(given: CheckInput) -> Problems:
    case = given.case
    with_view = {view.person_id for view in case.voices.others}
    for index, person in enumerate(case.people):
        # Prospective adopters hold parental responsibility only once the child is placed
        # with them (ACA 2002 s.25(3)), as the plan's outcome; their view is not the plan's to seek.
        if person.role is PersonRole.PROSPECTIVE_ADOPTER:
            continue
        if person.has_parental_responsibility and person.id not in with_view:
            yield "$.voices.others", (
                f"No view is recorded from $.people[{index}] ({person.id}, {person.role.value}), who holds parental "
                "responsibility: record it, or that they did not give one."
            )
