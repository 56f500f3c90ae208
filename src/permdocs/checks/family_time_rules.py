"""Practice rules for family-time arrangements and their agreements
(brief s.4.4; Merton 2019 s.10.4-10.6; Devon 2020 Appendix 2).

Like every rule, messages name people by role or id, never by name, and
never quote the worker's free text.
"""

from __future__ import annotations

import re

from ..base.sensitivity import Sensitivity, Treatment
from ..case import Case
from ..case.family_time import (
    LETTER_KINDS,
    MEETING_KINDS,
    AdoptersNamedAs,
    FamilyTimeArrangement,
    FamilyTimeKind,
    FamilyTimeOrder,
)
from ..case.legal import LegalBasisKind
from ..case.people import Person, PersonRole
from ..practice.schedules import ListEnds, list_sessions
from ..safeguarding.mentions import Scrubber, address_mentions, person_mentions
from ..safeguarding.withholding import withheld_mentions
from .findings import CheckInput, Severity
from .rules import ADOPTION_ROUTES, Problems, rule

SOURCE = "Merton 2019 s.10.5-10.6; Devon 2020, Appendix 2 (Family Time)"
#: Words that mean a gift or money is being sent through the letterbox.
_GIFT_WORDS = re.compile(r"\b(gifts?|presents?|money|cash|vouchers?|gift cards?)\b", re.IGNORECASE)
#: A word that rules out what follows it within a few words ("no gifts", "but not money")...
_RULED_OUT = re.compile(r"\b(?:no|not|never|without|nor)\b(?P<between>(?:\W+\w+){0,2}?)\W+$", re.IGNORECASE)
#: ... unless it only limits an amount ("not more than 10 pounds" allows money).
_LIMITS = re.compile(r"\b(?:more|over|above|larger|bigger|greater|than|exceeding)\b", re.IGNORECASE)
#: What the birth family's copy withholds: words from it must not name an arrangement.
_BIRTH_FAMILY_WITHHOLDS = {Sensitivity.PLACEMENT: Treatment.FIRST_NAMES_FOR_ADOPTERS, Sensitivity.BIRTH_FAMILY_CONTACT: Treatment.OMIT}


def _arrangements(given: CheckInput) -> list[tuple[str, FamilyTimeArrangement, str]]:
    """Each arrangement with its path and how messages name it: by its id,
    or by its number where the id holds a withheld word (FT-008), since
    messages reach every copy's draft."""
    return [
        (f"$.family_time[{index}]", arrangement, name)
        for (index, arrangement), name in zip(enumerate(given.case.family_time), _names(given), strict=True)
    ]


#: The names of the last checked case's arrangements: finding the withheld
#: words is the costly part, and every family-time rule asks for them.
_LAST_NAMES: list[tuple[CheckInput, list[str]]] = []


def _names(given: CheckInput) -> list[str]:
    if not _LAST_NAMES or _LAST_NAMES[0][0] is not given:
        withheld = Scrubber(withheld_mentions(given.case, _BIRTH_FAMILY_WITHHOLDS))
        names = [f"number {i + 1}" if withheld.finds(a.id) else a.id for i, a in enumerate(given.case.family_time)]
        _LAST_NAMES[:] = [(given, names)]
    return _LAST_NAMES[0][1]


@rule("FT-001", "Face-to-face family time without who, where or how often", Severity.WARNING, SOURCE)
def meeting_incomplete(given: CheckInput) -> Problems:
    for path, arrangement, name in _arrangements(given):
        if arrangement.kind not in MEETING_KINDS:
            continue
        missing = [
            (field, what) for field, what, absent in (
                ("with_person_ids", "who", not arrangement.with_person_ids),
                ("venue", "where", arrangement.venue is None),
                ("frequency", "how often", arrangement.frequency is None and arrangement.schedule is None),
            ) if absent
        ]
        for field, what in missing:
            yield f"{path}.{field}", f"Face-to-face family time ({name}) must say who, where and how often; {what} is missing."


@rule("FT-002", "Letterbox without the agency's address", Severity.WARNING, SOURCE)
def letterbox_without_address(given: CheckInput) -> Problems:
    for path, arrangement, name in _arrangements(given):
        if arrangement.kind is not FamilyTimeKind.LETTERBOX:
            continue
        if arrangement.letterbox is None:
            yield f"{path}.letterbox", f"The letterbox arrangement ({name}) has no terms: what may be sent, who writes first, how letters are signed, and the agency's address."
        elif arrangement.letterbox.agency_address is None:
            yield f"{path}.letterbox.agency_address", f"The letterbox arrangement ({name}) does not say where letters are sent."


@rule("FT-003", "A family-time arrangement with no review date", Severity.WARNING, SOURCE)
def no_review_date(given: CheckInput) -> Problems:
    for path, arrangement, name in _arrangements(given):
        if arrangement.review_on is None:
            yield f"{path}.review_on", f"The arrangement ({name}) has no review date; agreements are reviewed as the child grows."


@rule("FT-004", "An adoption-plan agreement names the adopters by surname", Severity.ERROR, "Brief s.4.4: first names only where adoption is the plan")
def adopters_surname_in_agreement(given: CheckInput) -> Problems:
    case = given.case
    if case.plans.primary.route not in ADOPTION_ROUTES:
        return
    surnames = {p.family_name for p in case.people if p.role is PersonRole.PROSPECTIVE_ADOPTER and len(p.family_name) >= 2}
    if not surnames:
        return
    # Also in the plural and the possessive: "the Plumbridges", "Plumbridge's".
    alternatives = "|".join(r"\s+".join(map(re.escape, s.split())) for s in sorted(surnames))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?:e?s)?(?!\w)", re.IGNORECASE)
    for path, arrangement, name in _arrangements(given):
        for field, value in _texts(arrangement):
            if pattern.search(value):
                yield f"{path}.{field}", f"The agreement ({name}) names the prospective adopters by surname; its wording goes into every party's copy, the birth family's too, so it must use their first names only."


@rule("FT-005", "Gifts or money allowed through letterbox", Severity.ERROR, "Brief s.4.4; Merton 2019 s.10.6: letters, cards and photos only")
def gifts_through_letterbox(given: CheckInput) -> Problems:
    for path, arrangement, name in _arrangements(given):
        terms = arrangement.letterbox
        if terms is None:
            continue
        if terms.gifts_or_money_allowed:
            yield f"{path}.letterbox.gifts_or_money_allowed", f"The letterbox arrangement ({name}) allows gifts or money; the agency's letterbox passes on letters, cards and photos only."
        for index, item in enumerate(terms.may_send):
            if any(not _ruled_out(item[: word.start()]) for word in _GIFT_WORDS.finditer(item)):
                yield f"{path}.letterbox.may_send[{index}]", f"The letterbox arrangement ({name}) lists a gift or money among what may be sent."


def _ruled_out(before: str) -> bool:
    """Whether the words just before a gift word rule it out ("no gifts",
    "but not money"), rather than limit it ("money of not more than")."""
    negation = _RULED_OUT.search(before)
    return negation is not None and not _LIMITS.search(negation.group(0))


@rule("FT-006", "A family-time schedule that gives no dates", Severity.WARNING, "Family-time agreement: the schedule lists the next 24 months")
def schedule_without_dates(given: CheckInput) -> Problems:
    case = given.case
    for path, arrangement, name in _arrangements(given):
        if arrangement.schedule is None:
            continue
        sessions = list_sessions(
            arrangement.schedule, starts_on=arrangement.starts_on or case.prepared_on, ends_on=arrangement.ends_on,
            review_on=arrangement.review_on, born=case.child.date_of_birth,
        )
        if sessions.sessions:
            continue
        if sessions.ends is ListEnds.EIGHTEENTH_BIRTHDAY:
            yield f"{path}.schedule", (
                f"The schedule of the arrangement ({name}) gives no dates before the child turns 18, when the "
                "agreement's dates stop; check its first date and months, or whether the arrangement is still needed."
            )
        else:
            yield f"{path}.schedule", f"The schedule of the arrangement ({name}) gives no dates in the 24 months from its start; check its first date, end date and months."


@rule("FT-007", "Sibling time that matters, with no agreement", Severity.WARNING, "Merton 2019 s.10.4; Devon 2020, Sibling assessment; Children Act 1989 s.22C(8)(c)")
def sibling_time_without_agreement(given: CheckInput) -> Problems:
    case = given.case
    for index, person in enumerate(case.people):
        sibling = person.sibling
        if sibling is None or sibling.lives_with_child or not sibling.time_together_matters:
            continue
        if not any(person.id in arrangement.with_person_ids for arrangement in case.family_time):
            yield f"$.people[{index}].sibling.time_together_matters", f"The plan says time with a brother or sister ({person.id}) matters, and they live apart, but there is no family-time arrangement with them."


@rule("FT-008", "An arrangement id holds a name or place the birth family must not read", Severity.ERROR, "Brief s.4.4: the birth-family copy never shows the carers' surname, address, school or town")
def arrangement_id_holds_withheld_words(given: CheckInput) -> Problems:
    for path, arrangement, name in _arrangements(given):
        if name != arrangement.id:
            yield f"{path}.id", (
                "The arrangement's id holds a surname, street, town or other word that the birth family's copy withholds; "
                "ids name the agreement's files and calendar entries: choose a neutral one, such as 'letters-mother'."
            )


@rule("FT-009", "A review date before the arrangement starts", Severity.WARNING, SOURCE)
def review_before_start(given: CheckInput) -> Problems:
    for path, arrangement, name in _arrangements(given):
        starts_on = arrangement.starts_on or given.case.prepared_on
        if arrangement.review_on is not None and arrangement.review_on < starts_on:
            yield f"{path}.review_on", f"The review date of the arrangement ({name}) is before the arrangement starts."


@rule("FT-010", "Adopters named as the child's parents, but by first name in the text", Severity.WARNING, "Brief s.4.4: adopters appear by first names only, or as the child's parents, as the agreement says")
def adopters_first_names_where_named_as_parents(given: CheckInput) -> Problems:
    case = given.case
    if case.plans.primary.route not in ADOPTION_ROUTES:
        return
    names = Scrubber(mention for p in case.people if p.role is PersonRole.PROSPECTIVE_ADOPTER and p.given_names
                     for mention in person_mentions(p.given_names, "", "adoptive parent", kept_given_names=False))
    for path, arrangement, name in _arrangements(given):
        if arrangement.adopters_named_as is not AdoptersNamedAs.CHILDS_PARENTS:
            continue
        for field, value in _texts(arrangement):
            if names.finds(value):
                yield f"{path}.{field}", (
                    f"The agreement ({name}) names the adoptive parents only as the child's parents, but this text uses "
                    "their first names; every copy puts 'the child's parents' in their place: check that it reads well."
                )


@rule("FT-011", "A s.8 or s.34 contact order while a placement order is in force", Severity.WARNING, "Adoption and Children Act 2002 s.26(1)")
def contact_order_under_placement_order(given: CheckInput) -> Problems:
    if not _placement_order_in_force(given.case):
        return
    for path, arrangement, name in _arrangements(given):
        if arrangement.court_order in (FamilyTimeOrder.SECTION_8, FamilyTimeOrder.SECTION_34):
            yield f"{path}.court_order", (
                f"The arrangement ({name}) rests on a s.8 or s.34 Children Act 1989 order, but a placement order is in force, "
                "which ends those orders' contact provision; contact is then under s.26 Adoption and Children Act 2002."
            )


def _placement_order_in_force(case: Case) -> bool:
    return any(basis.kind is LegalBasisKind.PLACEMENT_ORDER and basis.in_force for basis in case.legal_basis)


def _texts(arrangement: FamilyTimeArrangement) -> list[tuple[str, str]]:
    """The free-text fields of an arrangement that print in every copy."""
    texts = [(name, getattr(arrangement, name)) for name in (
        "purpose", "frequency", "duration", "venue", "supervised_by", "transport_and_costs", "when_missed", "childs_wishes",
    )]
    if arrangement.letterbox is not None:
        terms = arrangement.letterbox
        texts += [("letterbox.writes_first", terms.writes_first), ("letterbox.signed_as", terms.signed_as)]
        texts += [(f"letterbox.may_send[{i}]", item) for i, item in enumerate(terms.may_send)]
        texts += [(f"letterbox.may_not_send[{i}]", item) for i, item in enumerate(terms.may_not_send)]
    return [(name, value) for name, value in texts if value]


#: Words in a venue that place a session in someone's home.
_HOME_WORDS = re.compile(r"\b(?:home|house|flat|address)\b", re.IGNORECASE)


@rule("FT-012", "A party whose contact details are confidential, in an arrangement that would reveal them", Severity.WARNING, "FPR 29.1 and form C8; brief s.4.7")
def confidential_party_revealed(given: CheckInput) -> Problems:
    people = {p.id: p for p in given.case.people}
    for path, arrangement, name in _arrangements(given):
        for person_id in arrangement.with_person_ids:
            person = people.get(person_id)
            if person is None or not person.confidential_contact:
                continue
            who = f"{_role_words(person)} ({person_id}), whose contact details are confidential"
            if arrangement.kind in MEETING_KINDS and arrangement.venue and _reveals_home(person, arrangement.venue):
                yield f"{path}.venue", (
                    f"The arrangement ({name}) meets where the {who}, lives or can be traced from; every party's "
                    "copy prints the venue: choose a neutral place, such as a family centre."
                )
            if arrangement.kind in LETTER_KINDS and (
                arrangement.letterbox is None or arrangement.letterbox.agency_address is None
            ):
                yield f"{path}.letterbox", (
                    f"Letters with the {who}, must go through the agency's letterbox, so that neither side "
                    "learns the other's address: give the agency's address."
                )
            if arrangement.kind in (FamilyTimeKind.PHONE, FamilyTimeKind.VIDEO):
                yield f"{path}.kind", (
                    f"Calls with the {who}, can show their number or where they are: arrange them through the "
                    "agency, and record how in the arrangement."
                )


def _reveals_home(person: Person, venue: str) -> bool:
    if _HOME_WORDS.search(venue):
        return True
    address = person.contact.address if person.contact is not None else None
    return bool(address) and Scrubber(address_mentions(address, of_placement=False)).finds(venue)


def _role_words(person: Person) -> str:
    return person.role.value.replace("_", " ")


@rule("FT-013", "A letterbox arrangement without support or a reference for the birth relative", Severity.WARNING,
      "Family-time agreement: the birth relative is told who helps with letters, and the reference to quote")
def letterbox_without_support(given: CheckInput) -> Problems:
    for path, arrangement, name in _arrangements(given):
        terms = arrangement.letterbox
        if terms is None:
            continue
        if terms.support is None:
            yield f"{path}.letterbox.support", f"The letterbox arrangement ({name}) does not say who supports the birth relative with writing, reading letters and how it feels; the agreement can only point them to the letterbox worker."
        if terms.reference is None:
            yield f"{path}.letterbox.reference", f"The letterbox arrangement ({name}) has no letterbox reference; every letter and envelope carries one instead of names and addresses."


@rule("FT-014", "A brother or sister in an arrangement whose wishes are not recorded", Severity.WARNING,
      "Brief s.4.4; Merton 2019 s.10.4-10.5: every child in an arrangement has their wishes heard")
def siblings_wishes_missing(given: CheckInput) -> Problems:
    case = given.case
    for path, arrangement, name in _arrangements(given):
        siblings = {pid for pid in arrangement.with_person_ids if case.person(pid).role is PersonRole.SIBLING}
        heard = set()
        for index, wish in enumerate(arrangement.siblings_wishes):
            if wish.person_id not in siblings:
                yield f"{path}.siblings_wishes[{index}].person_id", (
                    f"These wishes are for someone who is not a brother or sister in the arrangement ({name}): give the "
                    "id of a sibling in its with_person_ids."
                )
            heard.add(wish.person_id)
        for index, pid in enumerate(arrangement.with_person_ids):
            if pid in siblings and pid not in heard:
                yield f"{path}.siblings_wishes", (
                    f"The arrangement ({name}) includes a brother or sister (with_person_ids[{index}]) whose wishes "
                    "about it are not recorded; every child in an arrangement has their wishes heard, and the "
                    "agreement prints them."
                )


@rule("FT-015", "The adopters are named two ways", Severity.WARNING,
      "Brief s.4.4: within an agreement, and across a case's agreements, the adopters are named one way")
def adopters_named_two_ways(given: CheckInput) -> Problems:
    case = given.case
    if case.plans.primary.route not in ADOPTION_ROUTES or not any(
        case.person(pid).role is PersonRole.PROSPECTIVE_ADOPTER for pid in (case.placement.carer_ids if case.placement else ())
    ):
        return
    arrangements = _arrangements(given)
    if not arrangements:
        return
    _, first, first_name = arrangements[0]
    as_parents = re.compile(rf"\b{re.escape(case.child.preferred_name)}'s\s+(?:adoptive\s+)?parents\b", re.IGNORECASE)
    for path, arrangement, name in arrangements:
        if arrangement.adopters_named_as is not first.adopters_named_as:
            yield f"{path}.adopters_named_as", (
                f"The agreement ({name}) names the adopters differently from the agreement ({first_name}); one case's "
                "agreements name them one way, so every reader meets the same name."
            )
        if arrangement.adopters_named_as is AdoptersNamedAs.FIRST_NAMES:
            for field, value in _texts(arrangement):
                if as_parents.search(value):
                    yield f"{path}.{field}", (
                        f"The agreement ({name}) names the adopters by their first names, but this text calls them the "
                        "child's parents: use their first names here too, or name them as the child's parents throughout."
                    )
