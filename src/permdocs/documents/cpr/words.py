"""The case as the Child's Permanence Report reads it, and the phrases the
report keeps using.

Sentences the report composes are written to the adult the child becomes:
the child by name and pronoun, carers by their role ("her foster carer",
"her prospective adopters"), named only where the copy may name them, and
a gap in the case said plainly as a gap, never as a fact.
"""

from __future__ import annotations

from ...base.narrative import NarrativeText
from ...base.sensitivity import Sensitivity
from ...case import Case
from ...case.cpr import Written
from ...case.legal import LegalBasisKind
from ...case.people import Gender, Person, PersonRole
from ...text.blocks import Block, Markdown, Paragraph, Run, text
from ..declaration import Reader, ResolvedRequest

PARENT_ROLES = (PersonRole.MOTHER, PersonRole.FATHER)
#: Subject, object and possessive pronouns for the child.
_PRONOUNS = {Gender.FEMALE: ("she", "her", "her"), Gender.MALE: ("he", "him", "his")}

#: What a gap in a section says, in the draft that may show one: plainly,
#: without the JSON path (that is in the check's finding, CPR-001).
NOT_WRITTEN = "This section has not been written yet."


class CaseWords:
    """The case, the copy being made, and the phrases a composed sentence
    about the child uses: the report's, and the court chronology's, which
    tells the same events."""

    def __init__(self, case: Case, request: ResolvedRequest):
        self.case, self.request = case, request
        child = case.child
        self.name = child.preferred_name
        self.full_name = f"{child.given_names} {child.family_name}"
        self.she, self.her_object, self.her = _PRONOUNS.get(child.gender, ("they", "them", "their"))
        # What this copy withholds: the audience's categories, less any the
        # requested part exists to show (the court's confidential part).
        shown = set(request.document.parts[request.part].shows) if request.part else set()
        withholds = set(request.audience.withholds) - shown
        #: The copy names carers by role and leaves out where the child lives.
        self.placement_withheld = Sensitivity.PLACEMENT in withholds
        self.contact_withheld = Sensitivity.BIRTH_FAMILY_CONTACT in withholds
        self.adopted = any(b.kind is LegalBasisKind.ADOPTION_ORDER for b in case.legal_basis)
        self.on = case.prepared_on
        #: The council's word for family time ("contact", "family time"), for headings and sentences.
        self.family_time = request.profile.terms.family_time

    def people(self, *roles: PersonRole) -> list[Person]:
        return [person for person in self.case.people if person.role in roles]

    def carer_role(self, person: Person, *, possessive: bool = True) -> str:
        """A carer by role, as the child's: 'her foster carer', 'her prospective adopters'."""
        plural = person.relationship.lower().rstrip().endswith("s")
        role = {
            PersonRole.FOSTER_CARER: "foster carer",
            # Prospective adopters become adoptive parents only with the adoption order.
            PersonRole.PROSPECTIVE_ADOPTER: "adoptive parent" if self.adopted else "prospective adopter",
            PersonRole.SPECIAL_GUARDIAN: "special guardian",
        }.get(person.role, "carer")
        return f"{self.her + ' ' if possessive else ''}{role}{'s' if plural else ''}"

    def carer(self, person: Person, *, closed: bool = False) -> str:
        """A carer by role and, where this copy may name them, by name;
        ``closed`` ends a name in mid-sentence with a comma."""
        role = self.carer_role(person)
        if not person.full_name or self.placement_withheld:
            return role
        return f"{role}, {person.full_name}{',' if closed else ''}"

    def first_name(self, person: Person) -> str:
        """How composed sentences name a relative: first names, or the relationship."""
        return person.given_names or f"{self.name}'s {person.relationship.lower()}"


class ReportWords(CaseWords):
    """The Child's Permanence Report's words: the case's, with the report itself."""

    def __init__(self, case: Case, request: ResolvedRequest):
        super().__init__(case, request)
        assert case.cpr is not None  # the declaration requires $.cpr
        self.cpr = case.cpr
        #: The adult's copy: the adopters' copy with a note first and no matters for the court.
        self.for_adult = request.audience.reads_as is Reader.ADOPTED_ADULT
        #: Since 2012 (SI 2012/1410) the adoption panel recommends on placement only where no
        #: court will decide it: parents' consent, a relinquished baby. With proceedings, the ADM decides alone.
        self.goes_to_panel = case.care_proceedings is None


def written(section: Written | None) -> list[Block]:
    """A worker's section as written, its reason for not applying, or a marked gap."""
    if section is None:
        return [text(NOT_WRITTEN, "warning")]
    if section.text is not None:
        return [Markdown(NarrativeText(section.text))]
    return [Paragraph((Run("Not applicable. ", bold=True), Run(section.not_applicable_because or "")))]
