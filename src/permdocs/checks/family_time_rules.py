"""Practice rules for family-time arrangements and their agreements
(brief s.4.4; Merton 2019 s.10.4-10.6; Devon 2020 Appendix 2).

Like every rule, messages name people by role or id, never by name, and
never quote the worker's free text.
"""

from __future__ import annotations

import re

from ..case.people import PersonRole
from ..case.planning import MEETING_KINDS, FamilyTimeArrangement, FamilyTimeKind
from ..schedules import list_sessions
from .findings import CheckInput, Severity
from .rules import ADOPTION_ROUTES, Problems, rule

SOURCE = "Merton 2019 s.10.5-10.6; Devon 2020, Appendix 2 (Family Time)"
#: Words that mean a gift or money is being sent through the letterbox.
_GIFT_WORDS = re.compile(r"\b(gifts?|presents?|money|cash|vouchers?|gift cards?)\b", re.IGNORECASE)
#: Words that rule a thing out ("no gifts"), so their item is not a permission.
_NEGATIONS = re.compile(r"\b(no|not|never|without)\b", re.IGNORECASE)


def _arrangements(given: CheckInput) -> list[tuple[str, FamilyTimeArrangement]]:
    return [(f"$.family_time[{index}]", arrangement) for index, arrangement in enumerate(given.case.family_time)]


@rule("FT-001", "Face-to-face family time without who, where or how often", Severity.WARNING, SOURCE)
def meeting_incomplete(given: CheckInput) -> Problems:
    for path, arrangement in _arrangements(given):
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
            yield f"{path}.{field}", f"Face-to-face family time ({arrangement.id}) must say who, where and how often; {what} is missing."


@rule("FT-002", "Letterbox without the agency's address", Severity.WARNING, SOURCE)
def letterbox_without_address(given: CheckInput) -> Problems:
    for path, arrangement in _arrangements(given):
        if arrangement.kind is not FamilyTimeKind.LETTERBOX:
            continue
        if arrangement.letterbox is None:
            yield f"{path}.letterbox", f"The letterbox arrangement ({arrangement.id}) has no terms: what may be sent, who writes first, how letters are signed, and the agency's address."
        elif arrangement.letterbox.agency_address is None:
            yield f"{path}.letterbox.agency_address", f"The letterbox arrangement ({arrangement.id}) does not say where letters are sent."


@rule("FT-003", "A family-time arrangement with no review date", Severity.WARNING, SOURCE)
def no_review_date(given: CheckInput) -> Problems:
    for path, arrangement in _arrangements(given):
        if arrangement.review_on is None:
            yield f"{path}.review_on", f"The arrangement ({arrangement.id}) has no review date; agreements are reviewed as the child grows."


@rule("FT-004", "An adoption-plan agreement names the adopters by surname", Severity.ERROR, "Brief s.4.4: first names only where adoption is the plan")
def adopters_surname_in_agreement(given: CheckInput) -> Problems:
    case = given.case
    if case.plans.primary.route not in ADOPTION_ROUTES:
        return
    surnames = {p.family_name for p in case.people if p.role is PersonRole.PROSPECTIVE_ADOPTER and len(p.family_name) >= 2}
    if not surnames:
        return
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(surnames))) + r")(?!\w)", re.IGNORECASE)
    for path, arrangement in _arrangements(given):
        for field, value in _texts(arrangement):
            if pattern.search(value):
                yield f"{path}.{field}", f"The agreement ({arrangement.id}) names the prospective adopters by surname; every party's copy must use first names only."


@rule("FT-005", "Gifts or money allowed through letterbox", Severity.ERROR, "Brief s.4.4; Merton 2019 s.10.6: letters, cards and photos only")
def gifts_through_letterbox(given: CheckInput) -> Problems:
    for path, arrangement in _arrangements(given):
        terms = arrangement.letterbox
        if terms is None:
            continue
        if terms.gifts_or_money_allowed:
            yield f"{path}.letterbox.gifts_or_money_allowed", f"The letterbox arrangement ({arrangement.id}) allows gifts or money; the agency's letterbox passes on letters, cards and photos only."
        for index, item in enumerate(terms.may_send):
            if _GIFT_WORDS.search(item) and not _NEGATIONS.search(item):
                yield f"{path}.letterbox.may_send[{index}]", f"The letterbox arrangement ({arrangement.id}) lists a gift or money among what may be sent."


@rule("FT-006", "A family-time schedule that gives no dates", Severity.WARNING, "Family-time agreement: the schedule lists the next 24 months")
def schedule_without_dates(given: CheckInput) -> Problems:
    case = given.case
    for path, arrangement in _arrangements(given):
        if arrangement.schedule is None:
            continue
        sessions = list_sessions(
            arrangement.schedule, starts_on=arrangement.starts_on or case.prepared_on, ends_on=arrangement.ends_on,
            review_on=arrangement.review_on, born=case.child.date_of_birth,
        )
        if not sessions.sessions:
            yield f"{path}.schedule", f"The schedule of the arrangement ({arrangement.id}) gives no dates in the 24 months from its start; check its first date, end date and months."


@rule("FT-007", "Sibling time that matters, with no agreement", Severity.WARNING, "Merton 2019 s.10.4; Devon 2020, Sibling assessment; Children Act 1989 s.22C(8)(c)")
def sibling_time_without_agreement(given: CheckInput) -> Problems:
    case = given.case
    for index, person in enumerate(case.people):
        sibling = person.sibling
        if sibling is None or sibling.lives_with_child or not sibling.time_together_matters:
            continue
        if not any(person.id in arrangement.with_person_ids for arrangement in case.family_time):
            yield f"$.people[{index}].sibling.time_together_matters", f"The plan says time with a brother or sister ({person.id}) matters, and they live apart, but there is no family-time arrangement with them."


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
