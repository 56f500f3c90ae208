"""Rules that tie one part of a case to another: ids that must be unique or
must exist, and dates that must come in order.

They read the case as JSON data (a parsed file, or a validated case dumped
to JSON), not as the model, so that they also run on the parts of a case
that validated when other parts did not: a misspelt field, a bad person id
and a review dated before the child became looked after are all reported
in one run. Each rule skips what it cannot read (a missing list, a date
that is not a date): the model's own errors already name those.

Practice rules (late reviews, missing plans) are not here: those are
findings of the checks, not invalid data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from .messages import did_you_mean
from .placeholders import is_placeholder

Location = tuple[str | int, ...]
Tree = Mapping[str, Any]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Valid ids are listed in a message up to this many; a long list helps no one.
MAX_IDS_LISTED = 25

#: The rules below in words, for the field reference: JSON Schema cannot say them.
RULES_IN_WORDS = (
    "Ids are unique within 'people', within 'options' and within 'family_time'.",
    "Every person id the case uses (carers, applicants, consents, views, family time, assessments of relatives) "
    "is the id of someone in 'people'.",
    "Nobody in 'people' is their own ancestor through 'parent_ids', nor their own partner.",
    "'options_analysis.recommended_option_id' is the id of one of the 'options'.",
    "Every @-reference in free text names a person in 'people' (@ID, @ID.first, @ID.address, @ID.phone, @ID.email), "
    "'@carers', or a detail the placement records (@placement.address, .town, .school, .gp, .place_of_worship, .clubs).",
    "The child became looked after on or after their date of birth, and every review is on or after that day.",
    "Every order was made on or after the child's date of birth, and ended (if it has) on or after it was made.",
    "Every extension of care proceedings was granted on or after the day the proceedings were issued.",
)


def consistency_problems(case: Tree) -> list[tuple[Location, str]]:
    """Every cross-reference and date-order problem in a case's JSON data."""
    if not isinstance(case, Mapping):
        return []
    from .text_references import reference_problems

    return [
        *_duplicate_ids(case), *_unknown_references(case), *_own_ancestors(case), *reference_problems(case),
        *_dates_out_of_order(case),
    ]


def _items(node: Any, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The objects in the list ``node[key]``, with their indexes."""
    value = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, Mapping)]


def _object(node: Any, key: str) -> Mapping[str, Any]:
    value = node.get(key) if isinstance(node, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _date(node: Any, key: str) -> date | None:
    value = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _ids(node: Any, key: str) -> list[str]:
    return [item["id"] for _, item in _items(node, key) if isinstance(item.get("id"), str)]


def _duplicate_ids(case: Tree) -> Iterator[tuple[Location, str]]:
    for collection in ("people", "options", "family_time"):
        seen: set[str] = set()
        for index, item in _items(case, collection):
            identifier = item.get("id")
            if not isinstance(identifier, str):
                continue
            if identifier in seen:
                yield (collection, index, "id"), "repeats an id used earlier in the list"
            seen.add(identifier)


def _plans(case: Tree) -> Iterator[tuple[Location, Mapping[str, Any]]]:
    plans = _object(case, "plans")
    if isinstance(plans.get("primary"), Mapping):
        yield ("plans", "primary"), plans["primary"]
    for index, plan in _items(plans, "parallel"):
        yield ("plans", "parallel", index), plan
    if isinstance(plans.get("contingency"), Mapping):
        yield ("plans", "contingency"), plans["contingency"]


def _id_list(node: Mapping[str, Any], key: str, loc: Location) -> list[tuple[Location, Any]]:
    value = node.get(key)
    return [((*loc, key, j), pid) for j, pid in enumerate(value)] if isinstance(value, list) else []


def _person_references(case: Tree) -> list[tuple[Location, Any]]:
    """Every place the case names a person by id."""
    found: list[tuple[Location, Any]] = []
    for i, option in _items(case, "options"):
        found += _id_list(option, "carer_ids", ("options", i))
    for loc, plan in _plans(case):
        found += _id_list(plan, "carer_ids", loc)
    for i, arrangement in _items(case, "family_time"):
        found += _id_list(arrangement, "with_person_ids", ("family_time", i))
        found += [
            (("family_time", i, "siblings_wishes", j, "person_id"), wish.get("person_id"))
            for j, wish in _items(arrangement, "siblings_wishes")
        ]
    for loc, plan in _plans(case):
        found += _id_list(_object(plan, "application"), "applicant_ids", (*loc, "application"))
    for key in ("consents", "consents_not_given"):
        found += [
            (("adoption", key, i, "person_id"), consent.get("person_id"))
            for i, consent in _items(_object(case, "adoption"), key)
        ]
    found += _id_list(_object(case, "placement"), "carer_ids", ("placement",))
    for i, person in _items(case, "people"):
        found += _id_list(_object(person, "sibling"), "lives_with_ids", ("people", i, "sibling"))
        found += _id_list(person, "parent_ids", ("people", i))
        found += [
            (("people", i, "partners", j, "partner_id"), partner.get("partner_id"))
            for j, partner in _items(person, "partners")
        ]
    found += [
        (("voices", "others", i, "person_id"), view["person_id"])
        for i, view in _items(_object(case, "voices"), "others") if view.get("person_id") is not None
    ]
    found += [
        (("cpr", "relative_assessments", i, "person_id"), a.get("person_id"))
        for i, a in _items(_object(case, "cpr"), "relative_assessments")
    ]
    return found


def _unknown_references(case: Tree) -> Iterator[tuple[Location, str]]:

    people = _ids(case, "people")
    # A person whose own id is malformed is reported there; a reference that
    # misses says so, lest the worker think that person is missing.
    malformed = [f"$.people[{i}].id" for i, item in _items(case, "people")
                 if isinstance(item.get("id"), str) and not _ID.match(item["id"])]
    for loc, person_id in _person_references(case):
        if isinstance(person_id, str) and not is_placeholder(person_id) and person_id not in people:
            message = not_found("anyone in 'people'", person_id, people)
            if malformed:
                message += f"; {', '.join(malformed[:3])} {'is' if len(malformed) == 1 else 'are'} not yet a valid id"
            yield loc, message
    analysis = _object(case, "options_analysis")
    recommended = analysis.get("recommended_option_id")
    options = _ids(case, "options")
    if isinstance(recommended, str) and not is_placeholder(recommended) and recommended not in options:
        yield ("options_analysis", "recommended_option_id"), not_found("any option in 'options'", recommended, options)


def _own_ancestors(case: Tree) -> Iterator[tuple[Location, str]]:
    """People who are their own parent, grandparent or further ancestor
    through 'parent_ids': a family tree cannot be drawn with such a loop.
    Reported once per loop, at the first person of it in 'people'."""
    index_of: dict[str, int] = {}
    parents: dict[str, list[str]] = {}
    for index, person in _items(case, "people"):
        identifier = person.get("id")
        if isinstance(identifier, str) and identifier not in index_of:
            index_of[identifier] = index
            listed = person.get("parent_ids")
            parents[identifier] = [p for p in listed if isinstance(p, str)] if isinstance(listed, list) else []
    reported: set[str] = set()
    for start in index_of:
        trail = _path_back_to(start, parents)
        if trail and not reported & set(trail):
            reported |= set(trail)
            loop = " -> ".join([start, *trail])
            yield ("people", index_of[start], "parent_ids"), f"makes this person their own ancestor ({loop})"
    for index, person in _items(case, "people"):
        for j, partner in _items(person, "partners"):
            if partner.get("partner_id") == person.get("id"):
                yield ("people", index, "partners", j, "partner_id"), "is this person's own id"


def _path_back_to(start: str, parents: Mapping[str, list[str]]) -> list[str]:
    """The ids from a parent of ``start`` up to ``start`` again, or [] if
    ``start`` is not its own ancestor (a depth-first search, ids only)."""
    stack: list[tuple[str, list[str]]] = [(p, [p]) for p in parents.get(start, [])]
    seen: set[str] = set()
    while stack:
        current, trail = stack.pop()
        if current == start:
            return trail
        if current in seen:
            continue
        seen.add(current)
        stack += [(p, [*trail, p]) for p in parents.get(current, [])]
    return []


def not_found(what: str, written: str, ids: list[str]) -> str:
    """``does not match the id of anyone in 'people' (the ids there: ...)``.

    Ids are identifiers chosen for the case, not personal data, so the valid
    ones are listed; only those in the form of an id, so that a name typed
    where an id belongs is never repeated. What was written is used for the
    suggestion and is not printed.
    """
    valid = sorted({i for i in ids if _ID.match(i)})
    if not valid:
        return f"does not match the id of {what}: there are no ids there yet"
    suggestion = did_you_mean(written, valid)
    hint = f"; did you mean '{suggestion}'?" if suggestion else ""
    listed = ", ".join(valid[:MAX_IDS_LISTED]) + (", ..." if len(valid) > MAX_IDS_LISTED else "")
    return f"does not match the id of {what}{hint} (the ids there: {listed})"


def _dates_out_of_order(case: Tree) -> Iterator[tuple[Location, str]]:
    birth = _date(_object(case, "child"), "date_of_birth")
    looked_after = _date(_object(case, "care_episode"), "looked_after_on")
    if looked_after and birth and looked_after < birth:
        yield ("care_episode", "looked_after_on"), "is before the child's date of birth"
    for index, review in _items(case, "reviews"):
        held = _date(review, "date")
        if held and looked_after and held < looked_after:
            yield ("reviews", index, "date"), "is before the child became looked after"
    for index, basis in _items(case, "legal_basis"):
        made, ended = _date(basis, "made_on"), _date(basis, "ended_on")
        if made and birth and made < birth:
            yield ("legal_basis", index, "made_on"), "is before the child's date of birth"
        if made and ended and ended < made:
            yield ("legal_basis", index, "ended_on"), "is before the date the order was made"
    proceedings = _object(case, "care_proceedings")
    issued = _date(proceedings, "issued_on")
    for index, extension in _items(proceedings, "extensions"):
        granted = _date(extension, "granted_on")
        if granted and issued and granted < issued:
            yield ("care_proceedings", "extensions", index, "granted_on"), "is before the proceedings were issued"
