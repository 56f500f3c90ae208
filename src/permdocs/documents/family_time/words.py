"""How one copy of one agreement names people: the adopters by first names
or as "the child's parents" (as the arrangement says), carers by role where
their names are withheld, the child by name and pronoun, and relatives in a
child's plain words in the child's own copy."""

from __future__ import annotations

import re
from dataclasses import replace

from ...case import Case
from ...case.family_time import AdoptersNamedAs, FamilyTimeArrangement
from ...case.people import Gender, Person, PersonRole
from ...case.planning import Route
from ...practice.schedules import age_in_years
from ...safeguarding.mentions import person_mentions
from ...safeguarding.withholding import replace_mentions
from ...text.templating import capfirst
from ..common import display_name, unbracketed
from ..declaration import Reader, ResolvedRequest

ADOPTION_ROUTES = (Route.ADOPTION, Route.EARLY_PERMANENCE)
#: From this age a child signs the agreement too (a practice choice, not law:
#: Merton 2019 s.10.5 asks for the child's views to carry weight with age).
SIGNING_AGE = 10
#: Subject, object and possessive pronouns by gender; "they" where not known.
_PRONOUNS = {Gender.FEMALE: ("she", "her", "her"), Gender.MALE: ("he", "him", "his")}
#: A child's words for a birth parent, and for whose parent a grandparent, aunt or uncle is.
_PARENT_WORDS = {"mother": "birth mum", "father": "birth dad"}
_SIDE_PARENTS = {"maternal": "birth mum", "paternal": "birth dad"}
_RELATIVE_WORDS = {
    "grandmother": ("grandmother", "mum"), "grandfather": ("grandfather", "dad"),
    "aunt": ("aunt", "sister"), "uncle": ("uncle", "brother"),
}


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
        #: The birth family's copy names the adopters only as the child's parents (and its free text too).
        self.adopters_as_parents = (
            self.reader is Reader.BIRTH_FAMILY and self.adoption
            and arrangement.adopters_named_as is AdoptersNamedAs.CHILDS_PARENTS
        )
        self.arrangement = self._without_adopters_names(arrangement) if self.adopters_as_parents else arrangement
        self.people = [case.person(pid) for pid in arrangement.with_person_ids]
        self.with_whom = "; ".join(self.name(p) for p in self.people) or "people not yet named"
        #: For calendar entries, which live on phones: first names and roles only.
        self.with_whom_by_first_name = "; ".join(self.first_name_and_role(p) for p in self.people) or "people not yet named"
        self.term = request.profile.terms.family_time

    def name(self, person: Person) -> str:
        """A person as this copy names them."""
        if self.adopters_as_parents and person.role is PersonRole.PROSPECTIVE_ADOPTER:
            return self.childs_parents
        # 'foster carers, early permanence' rather than brackets inside brackets.
        return display_name(person) if not person.full_name else f"{person.full_name} ({unbracketed(person.relationship.lower())})"

    def first_name_and_role(self, person: Person) -> str:
        """"Rosa (birth mother)": never a surname, which a calendar would carry onto the carers' phones."""
        if self.adopters_as_parents and person.role is PersonRole.PROSPECTIVE_ADOPTER:
            return self.childs_parents
        if not person.given_names:
            return display_name(person)
        return f"{person.given_names} ({unbracketed(person.relationship.lower())})"

    def first_name(self, person: Person) -> str:
        if self.adopters_as_parents and person.role is PersonRole.PROSPECTIVE_ADOPTER:
            return self.childs_parents
        return person.given_names or capfirst(person.relationship)

    @property
    def childs_parents(self) -> str:
        return f"{self.child_name}'s parents"

    def for_child(self, person: Person) -> str:
        """A relative as the child's copy names them: 'Maureen, your
        grandmother, your birth mum's mum'."""
        words = plain_relationship(person.relationship)
        return f"{person.given_names}, {words}" if person.given_names else words

    @property
    def carers_for_child(self) -> str:
        """Who the child tells, in the child's copy: the carers by first
        name, or 'the people you live with' where those are withheld."""
        names = [c.given_names for c in self.carers if c.given_names]
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


def plain_relationship(relationship: str) -> str:
    """A relationship in a child's words: 'Birth mother' -> 'your birth mum';
    'Maternal grandmother' -> 'your grandmother, your birth mum's mum'."""
    words = relationship.strip().lower()
    if words.startswith("birth ") and words.removeprefix("birth ") in _PARENT_WORDS:
        return f"your {_PARENT_WORDS[words.removeprefix('birth ')]}"
    side = re.fullmatch(r"(maternal|paternal)\s+(grandmother|grandfather|aunt|uncle)", words)
    if side:
        noun, whose = _RELATIVE_WORDS[side.group(2)]
        return f"your {noun}, your {_SIDE_PARENTS[side.group(1)]}'s {whose}"
    return f"your {words}"
