"""Step 1 of the genogram: the case's people read into a family graph (who is
on it, the couples, whose children they are), with the usual family inferred
where the case leaves it unsaid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ...case import Case
from ...case.people import Gender, Involvement, PartnershipStatus, Person, PersonRole, SiblingBlood, SiblingSide

Shape = Literal["female", "male", "unknown", "carer"]

#: Roles whose people belong on a family tree whether or not anyone points at them.
_FAMILY_ROLES = {
    PersonRole.MOTHER, PersonRole.FATHER, PersonRole.STEP_PARENT, PersonRole.RELATIVE, PersonRole.SIBLING,
    PersonRole.OTHER_PR_HOLDER, PersonRole.SPECIAL_GUARDIAN, PersonRole.CONNECTED_PERSON_CARER,
}
#: Roles of people who are there as carers rather than by birth or marriage.
_CARER_ROLES = {
    PersonRole.FOSTER_CARER, PersonRole.PROSPECTIVE_ADOPTER, PersonRole.SPECIAL_GUARDIAN, PersonRole.SIBLINGS_CARER,
    PersonRole.FRIEND, PersonRole.OTHER_PR_HOLDER,
}
_FEMALE_WORDS = re.compile(r"\b(mother|mum|grandmother|nan|nanna|gran|aunt|auntie|sister|daughter|stepmother|wife|niece)\b")
_MALE_WORDS = re.compile(r"\b(father|dad|grandfather|grandad|grandpa|uncle|brother|son|stepfather|husband|nephew)\b")
#: Relationships read as a parent of the mother or father, or as their
#: brother or sister; whole phrases only ("maternal great-grandmother" and
#: "maternal aunt's husband" are neither).
_GRANDPARENT = re.compile(r"(maternal|paternal) grand(mother|father|parent|ma|pa|dad|mum)")
_AUNT_OR_UNCLE = re.compile(r"(maternal|paternal) (aunt|auntie|uncle)")


@dataclass(frozen=True)
class Member:
    """One person on the genogram, or a parent the case does not name."""

    key: str
    name: str
    relationship: str
    shape: Shape
    deceased: bool = False
    parental_responsibility: bool = False
    subject: bool = False
    in_household: bool = False
    not_known: bool = False


@dataclass(frozen=True)
class Union:
    """Two people who are or were a couple, or who are the parents of a child."""

    key: str
    left: str
    right: str
    status: PartnershipStatus
    children: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    members: tuple[Member, ...]
    unions: tuple[Union, ...]
    #: (parent, child) where a child has one parent on the tree and no other.
    single_parents: tuple[tuple[str, str], ...]
    child_name: str

    def member(self, key: str) -> Member:
        return next(m for m in self.members if m.key == key)


SUBJECT = "@child"


def family_of(case: Case) -> Family:
    """The family graph of the case.

    Who is on it: the child; everyone whose role is family (parents,
    step-parents, relatives, siblings, PR holders, special guardians,
    kinship carers); the carers the child lives with now; and anyone a
    ``parent_ids`` or ``partners`` entry points at. Former foster carers,
    siblings' carers and friends who are none of these are left off.

    Where someone's ``parent_ids`` are empty, the usual parents are inferred:

    * the child's parents are the first ``mother`` and first ``father`` in
      ``people``; one who is missing, or has no name, is drawn "not known";
    * a full sibling shares both; a half sibling shares the mother
      (``side`` maternal or both) or the father (paternal), and has an other
      parent drawn "not known" (one each: the case does not say that two
      half siblings share one);
    * a relative whose relationship says "maternal"/"paternal" and
      "grandmother"/"grandfather" is a parent of the mother/father, and a
      maternal/paternal aunt or uncle is a child of that parent's parents
      (drawn "not known" where the case names neither);
    * a step-parent is the partner (married) of the mother, or of the father
      where the relationship says "stepmother";
    * the two parents of a child are a couple, status not known, unless
      ``partners`` says more. Step siblings and cousins are drawn but not
      linked: the case does not say through whom.

    A person's gender, where ``not_known``, is read from the role and the
    relationship's words ("mother", "uncle"); a carer entry that names a
    couple ("Ash and Remi") stays a carer's symbol.
    """
    builder = _FamilyBuilder(case)
    return builder.build()


class _FamilyBuilder:
    def __init__(self, case: Case):
        self.case = case
        self.child_name = case.child.preferred_name
        self.people = {p.id: p for p in case.people}
        self.members: dict[str, Member] = {}
        self.parents: dict[str, list[str]] = {}
        self.partnerships: dict[frozenset[str], tuple[str, str, PartnershipStatus]] = {}
        self.unknowns = 0
        #: (person, the mother or father whose brother or sister they are), linked once all are read.
        self.aunts_and_uncles: list[tuple[str, str]] = []
        carers = case.placement.carer_ids if case.placement else []
        self.household = {SUBJECT, *carers} | {
            p.id for p in case.people if p.sibling is not None and p.sibling.lives_with_child
        }

    def build(self) -> Family:
        case = self.case
        self.members[SUBJECT] = Member(
            SUBJECT, self.child_name, "", _shape_of_gender(case.child.gender) or "unknown",
            subject=True, in_household=True,
        )
        for person in case.people:
            if self._on_the_tree(person):
                self.members[person.id] = self._member(person)
        mother = self._parent(PersonRole.MOTHER, "mother")
        father = self._parent(PersonRole.FATHER, "father")
        self.parents[SUBJECT] = [mother, father]
        for person in case.people:
            if person.id in self.members and person.parent_ids:
                self.parents[person.id] = list(person.parent_ids)
            for partner in person.partners:
                self._partner(person.id, partner.partner_id, partner.status)
        for person in case.people:
            if person.id in self.members:
                self._infer(person, mother, father)
        return self._family()

    def _on_the_tree(self, person: Person) -> bool:
        pointed_at = any(person.id in p.parent_ids or any(q.partner_id == person.id for q in p.partners)
                         for p in self.case.people)
        return (person.role in _FAMILY_ROLES or person.id in self.household or pointed_at
                or bool(person.parent_ids) or bool(person.partners))

    def _member(self, person: Person) -> Member:
        gender = _shape_of_gender(person.gender) or _shape_from_words(person)
        carer = person.role in _CARER_ROLES and gender is None
        name = person.full_name or f"{self.child_name}'s {person.relationship.lower()}"
        return Member(
            person.id, name, person.relationship, "carer" if carer else gender or "unknown",
            deceased=person.involvement is Involvement.DECEASED,
            parental_responsibility=person.has_parental_responsibility,
            in_household=person.id in self.household,
        )

    def _parent(self, role: PersonRole, word: str) -> str:
        found = next((p for p in self.case.people if p.role is role and p.id in self.members), None)
        if found is not None and found.full_name:
            return found.id
        if found is not None:
            self.members[found.id] = Member(found.id, "not known", found.relationship, self.members[found.id].shape,
                                            not_known=True)
            return found.id
        return self._unknown(f"{self.child_name}'s {word}", "female" if word == "mother" else "male")

    def _unknown(self, relationship: str, shape: Shape = "unknown") -> str:
        self.unknowns += 1
        key = f"@unknown-{self.unknowns}"
        self.members[key] = Member(key, "not known", relationship, shape, not_known=True)
        return key

    def _partner(self, one: str, other: str, status: PartnershipStatus) -> None:
        pair = frozenset((one, other))
        if one != other and other in self.members and pair not in self.partnerships:
            self.partnerships[pair] = (one, other, status)

    def _infer(self, person: Person, mother: str, father: str) -> None:
        """Fill in what the case leaves unsaid about this person (see family_of)."""
        words = person.relationship.lower()
        side = mother if words.startswith("maternal") else father if words.startswith("paternal") else None
        side_has_parents = side is not None and side in self.people and bool(self.people[side].parent_ids)
        if person.role is PersonRole.STEP_PARENT:
            married_to = father if "stepmother" in words or "father's" in words else mother
            self._partner(married_to, person.id, PartnershipStatus.MARRIED)
        elif side is not None and not side_has_parents and _GRANDPARENT.fullmatch(words):
            grandparents = self.parents.setdefault(side, [])
            if len(grandparents) < 2:
                grandparents.append(person.id)
        if person.parent_ids:
            return
        if person.sibling is not None:
            first_name = person.given_names or person.relationship
            if person.sibling.relation is SiblingBlood.FULL:
                self.parents[person.id] = [mother, father]
            elif person.sibling.relation is SiblingBlood.HALF:
                shared = father if person.sibling.side is SiblingSide.PATERNAL else mother
                self.parents[person.id] = [shared, self._unknown(f"{first_name}'s other parent")]
        elif side is not None and not side_has_parents and _AUNT_OR_UNCLE.fullmatch(words):
            self.aunts_and_uncles.append((person.id, side))

    def _family(self) -> Family:
        for aunt, side in self.aunts_and_uncles:
            grandparents = self.parents.setdefault(side, [])
            side_word = "maternal" if self.parents[SUBJECT][0] == side else "paternal"
            while len(grandparents) < 2:
                word = "grandmother" if not grandparents else "grandfather"
                grandparents.append(self._unknown(f"{side_word.capitalize()} {word}",
                                                  "female" if word == "grandmother" else "male"))
            self.parents[aunt] = list(grandparents)
        unions: dict[frozenset[str], list[str]] = {}
        single: list[tuple[str, str]] = []
        for child, parents in self.parents.items():
            known = [p for p in parents if p in self.members]
            if len(known) >= 2:
                pair = frozenset(known[:2])
                self._partner(known[0], known[1], PartnershipStatus.NOT_KNOWN)
                unions.setdefault(pair, []).append(child)
            elif known:
                single.append((known[0], child))
        ordered = sorted(self.partnerships.items(), key=lambda item: self._couple_order(item[0]))
        built = [
            Union(f"@union-{index}", left, right, status, tuple(self._by_age(unions.get(pair, []))))
            for index, (pair, (left, right, status)) in enumerate(ordered, start=1)
        ]
        members = tuple(self._by_age(list(self.members)))
        return Family(tuple(self.members[k] for k in members), tuple(built), tuple(single), self.child_name)

    def _couple_order(self, pair: frozenset[str]) -> tuple[int, str]:
        # The child's own parents first, so that they sit side by side.
        return (0 if pair == frozenset(self.parents[SUBJECT]) else 1, "/".join(sorted(pair)))

    def _by_age(self, keys: list[str]) -> list[str]:
        """Keys in the case's order (the subject among them by date of birth,
        where the siblings give theirs): the older to the left, as genograms draw."""
        order = {key: index for index, key in enumerate(self.members)}
        born = {p.id: p.date_of_birth for p in self.case.people if p.date_of_birth}
        born[SUBJECT] = self.case.child.date_of_birth
        return sorted(keys, key=lambda k: (str(born[k]) if k in born else "9999", order[k]))


def _shape_of_gender(gender: Gender) -> Shape | None:
    return {Gender.FEMALE: "female", Gender.MALE: "male"}.get(gender)  # type: ignore[return-value]


def _shape_from_words(person: Person) -> Shape | None:
    if person.role is PersonRole.MOTHER:
        return "female"
    if person.role is PersonRole.FATHER:
        return "male"
    words = person.relationship.lower()
    if " and " in person.given_names:
        return None  # a couple in one entry
    female, male = bool(_FEMALE_WORDS.search(words)), bool(_MALE_WORDS.search(words))
    return "female" if female and not male else "male" if male and not female else None
