"""How one copy of one agreement names people: the adopters by first names
or as "the child's parents" (as the arrangement says), carers by role where
their names are withheld, the child by name and pronoun, and relatives in a
child's plain words in the child's own copy."""

from __future__ import annotations

from dataclasses import replace

from ...case import Case
from ...case.family_time import AdoptersNamedAs, FamilyTimeArrangement
from ...case.legal import LegalBasisKind
from ...case.people import Gender, Person, PersonRole
from ...case.planning import Route
from ...practice.schedules import age_in_years
from ...safeguarding.mentions import person_mentions
from ...safeguarding.withholding import replace_mentions
from ...text.templating import capfirst
from ..common import plain_relationship, unbracketed
from ..declaration import Reader, ResolvedRequest

ADOPTION_ROUTES = (Route.ADOPTION, Route.EARLY_PERMANENCE)
#: From this age a child signs the agreement too, the child it is for and
#: any brother or sister in it (a practice choice, not law: Merton 2019
#: s.10.5 asks for the child's views to carry weight with age). A younger
#: child's wishes are heard and written down instead.
SIGNING_AGE = 8
#: Below this age the child's own copy is drawn with pictures and a
#: calendar of dates, with no clock times (brief s.4.4).
PICTURE_COPY_AGE = 8
#: Subject, object and possessive pronouns by gender; "they" where not known.
_PRONOUNS = {Gender.FEMALE: ("she", "her", "her"), Gender.MALE: ("he", "him", "his")}


class Words:
    """Names and phrases for one arrangement in one copy."""

    def __init__(self, case: Case, request: ResolvedRequest, arrangement: FamilyTimeArrangement):
        self.case = case
        self.reader = request.audience.reads_as
        self.child_name = case.child.preferred_name
        self.subject, self.object, self.possessive = _PRONOUNS.get(case.child.gender, ("they", "them", "their"))
        self.child_age = age_in_years(case.child.date_of_birth, case.prepared_on)
        self.agency = case.authorship.agency.name
        self.worker = case.authorship.social_worker
        self.adoption = case.plans.primary.route in ADOPTION_ROUTES
        self.carers = [case.person(pid) for pid in (case.placement.carer_ids if case.placement else [])]
        self.adopted = any(b.kind is LegalBasisKind.ADOPTION_ORDER for b in case.legal_basis)
        #: The agreement names the adopters one way in every copy, as it chooses: as the
        #: child's parents (its free text too), or by first names.
        self.adopters_as_parents = (
            self.adoption and arrangement.adopters_named_as is AdoptersNamedAs.CHILDS_PARENTS
            and any(c.role is PersonRole.PROSPECTIVE_ADOPTER for c in self.carers)
        )
        self.arrangement = self._without_adopters_names(arrangement) if self.adopters_as_parents else arrangement
        self.people = [case.person(pid) for pid in arrangement.with_person_ids]
        #: A brother's or sister's own carers (their adoptive family, say), through whom
        #: letters and visits with them go: parties to the agreement in their own right.
        self.siblings_carers = {
            sibling.id: [case.person(pid) for pid in sibling.sibling.lives_with_ids
                         if case.person(pid).role is PersonRole.SIBLINGS_CARER]
            for sibling in self.people if sibling.sibling is not None
        }
        self.with_whom = "; ".join(self.name(p) for p in self.people) or "people not yet named"
        #: For calendar entries, which live on phones: first names and roles only.
        self.with_whom_by_first_name = "; ".join(self.first_name_and_role(p) for p in self.people) or "people not yet named"
        self.term = request.profile.terms.family_time

    def name(self, person: Person) -> str:
        """A person as this copy names them."""
        if self.adopters_as_parents and person.role is PersonRole.PROSPECTIVE_ADOPTER:
            return self.childs_parents
        relationship = self.relationship(person)
        # 'foster carers, early permanence' rather than brackets inside brackets.
        return capfirst(relationship) if not person.full_name else f"{person.full_name} ({unbracketed(relationship)})"

    def party(self, person: Person) -> str:
        """A person as the table of parties names them: the adopters as the
        agreement calls them and, where this copy may name them, who they are."""
        # The birth family knows them only as the child's parents: their first names never reach its copy.
        if (self.adopters_as_parents and person.role is PersonRole.PROSPECTIVE_ADOPTER and person.full_name
                and self.reader is not Reader.BIRTH_FAMILY):
            return f"{self.childs_parents}: {person.full_name} ({self.relationship(person)})"
        return self.name(person)

    def relationship(self, person: Person) -> str:
        """A person's relationship to the child, lower case. Adopters are
        prospective adopters until the adoption order, whatever the record
        calls them (ACA 2002 s.46: the order makes them the child's parents)."""
        if person.role is PersonRole.PROSPECTIVE_ADOPTER:
            plural = person.relationship.rstrip().endswith("s") or " and " in person.given_names
            noun = "adoptive parent" if self.adopted else "prospective adopter"
            return noun + ("s" if plural else "")
        return _lower_relationship(person.relationship)
    def first_name_and_role(self, person: Person) -> str:
        """"Rosa (birth mother)": never a surname, which a calendar would carry onto the carers' phones."""
        if self.adopters_as_parents and person.role is PersonRole.PROSPECTIVE_ADOPTER:
            return self.childs_parents
        if not person.given_names:
            return capfirst(self.relationship(person))
        return f"{person.given_names} ({unbracketed(self.relationship(person))})"

    def first_name(self, person: Person) -> str:
        if self.adopters_as_parents and person.role is PersonRole.PROSPECTIVE_ADOPTER:
            return self.childs_parents
        return person.given_names or capfirst(person.relationship)

    @property
    def childs_parents(self) -> str:
        return f"{self.child_name}'s parents"

    @property
    def young_child(self) -> bool:
        """Whether the child's copy is drawn with pictures, for a child under :data:`PICTURE_COPY_AGE`."""
        return self.child_age < PICTURE_COPY_AGE

    def for_child(self, person: Person) -> str:
        """A relative as the child's copy names them, by the name the child
        uses where the case gives it: 'Nanna, your grandmother, your birth
        mum's mum'; for a young child only 'Nanna, your grandmother'."""
        words = plain_relationship(person.relationship, young=self.young_child)
        called = person.child_calls or person.given_names
        return f"{called}, {words}" if called else words

    @property
    def carers_for_child(self) -> str:
        """Who the child tells, in the child's copy: the carers by the names
        the child uses, or by first name, or 'the people you live with'
        where those are withheld."""
        names = [c.child_calls or c.given_names for c in self.carers if c.child_calls or c.given_names]
        return " and ".join(names) if names else "the people you live with"

    def signs(self, person: Person) -> bool:
        """Whether a child (this one, or a brother or sister) is old enough to sign."""
        return person.date_of_birth is not None and age_in_years(person.date_of_birth, self.case.prepared_on) >= SIGNING_AGE

    def _without_adopters_names(self, arrangement: FamilyTimeArrangement) -> FamilyTimeArrangement:
        # Where the birth family knows the adopters only as the child's parents,
        # their first names in the worker's words give way to that too.
        mentions = []
        for adopter in (p for p in self.case.people if p.role is PersonRole.PROSPECTIVE_ADOPTER and p.given_names):
            for mention in person_mentions(adopter.given_names, "", "adoptive parent", kept_given_names=False):
                together = mention.literal == adopter.given_names.strip()
                mentions.append(replace(mention, replacement=self.childs_parents if together else f"one of {self.childs_parents}"))
        return replace_mentions(arrangement, mentions)


def _lower_relationship(relationship: str) -> str:
    """'Older half-brother' -> 'older half-brother', as the words run in a
    sentence; 'Riley's adoptive parents' keeps the name it starts with."""
    first = relationship.strip().split(" ", 1)[0]
    return relationship.strip() if first.endswith(("'s", "’s")) else relationship.strip().lower()
