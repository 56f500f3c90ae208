"""The case as the Child's Permanence Report reads it, and the phrases the
report keeps using."""

from __future__ import annotations

from ...blocks import Block, Markdown, Paragraph, Run, text
from ...case import Case
from ...case.cpr import Written
from ...case.people import Person, PersonRole
from ...narrative import NarrativeText
from ...request import ResolvedRequest
from ...sensitivity import Sensitivity

PARENT_ROLES = (PersonRole.MOTHER, PersonRole.FATHER)
CARER_ROLES = (
    PersonRole.FOSTER_CARER, PersonRole.PROSPECTIVE_ADOPTER, PersonRole.CONNECTED_PERSON_CARER,
    PersonRole.SPECIAL_GUARDIAN,
)


class ReportWords:
    """The case, and the phrases the report keeps using."""

    def __init__(self, case: Case, request: ResolvedRequest):
        assert case.cpr is not None  # the declaration requires $.cpr
        self.case, self.cpr, self.request = case, case.cpr, request
        self.name = case.child.preferred_name
        self.court_copy_withholds_placement = Sensitivity.PLACEMENT in request.audience.withholds

    def people(self, *roles: PersonRole) -> list[Person]:
        return [person for person in self.case.people if person.role in roles]


def written(section: Written | None, where: str) -> list[Block]:
    """A worker's section as written, its reason for not applying, or a marked gap."""
    if section is None:
        return [text(f"Not yet written ({where}).", "warning")]
    if section.text is not None:
        return [Markdown(NarrativeText(section.text))]
    return [Paragraph((Run("Not applicable: ", bold=True), Run(section.not_applicable_because or "")))]
