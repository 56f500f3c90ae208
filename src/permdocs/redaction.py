"""Withholding what an audience must not read, once, before any document is built.

Fields of the case model carry a sensitivity tag (:mod:`permdocs.sensitivity`).
For an audience, :func:`redact` returns a copy of the case in which every
tagged value the audience withholds is gone: optional values become null,
lists become empty, and a withheld person's names are emptied so that
documents name that person by role (or, for adopters, by first names).
Templates never decide what to hide; what they are given is all there is.

Workers sometimes repeat a withheld value in free text ("Ava goes to
Oakfield Primary", "the Plumbridges", a phone number spaced another way).
So every other text of the copy is then scrubbed of the withheld values
too, in the forms :mod:`permdocs.mentions` derives from each, which give way
to neutral words ("the school", "the foster carers", "their street") or,
where none would read true, "[withheld]".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .case import Case
from .case.people import Person, PersonRole
from .case.planning import Route
from .mentions import (
    WITHHELD_MARK,
    Mention,
    Scrubber,
    address_mentions,
    person_mentions,
    phone_mentions,
    phrase_mentions,
    place_mentions,
    school_noun,
    town_mentions,
)
from .sensitivity import Sensitivity, Treatment
from .strict import SENSITIVITY_KEYWORD, WITHHELD_AS_ROLE_KEYWORD

__all__ = ["WITHHELD_MARK", "TaggedValue", "mentions_withheld", "redact", "replace_mentions", "tagged_values", "withheld_mentions", "withheld_values"]

_ADOPTION_ROUTES = (Route.ADOPTION, Route.EARLY_PERMANENCE)
#: How a carer is named where their names are withheld, by role.
_ROLE_NOUNS = {PersonRole.PROSPECTIVE_ADOPTER: "adoptive parent", PersonRole.FOSTER_CARER: "foster carer"}


@dataclass(frozen=True)
class TaggedValue:
    """A value in the case that carries a sensitivity tag."""

    path: str
    value: Any
    category: Sensitivity
    is_name: bool
    person: Person | None


def tagged_values(case: Case) -> Iterator[TaggedValue]:
    """Every tagged, non-empty value in the case, with its JSON path."""
    yield from _walk(case, "$", None)


def withheld_values(case: Case, withholds: Mapping[Sensitivity, Treatment]) -> list[TaggedValue]:
    """The tagged values an audience withholds. A name kept under
    ``first-names-for-adopters`` is not withheld; the surname is."""
    return [tagged for tagged in tagged_values(case) if _is_withheld(case, tagged, withholds)]


def withheld_mentions(case: Case, withholds: Mapping[Sensitivity, Treatment]) -> list[Mention]:
    """Every way the withheld values may be written in free text, with what
    replaces each (see :mod:`permdocs.mentions`)."""
    found: list[Mention] = []
    names_done: set[str] = set()
    for tagged in withheld_values(case, withholds):
        person = tagged.person
        if tagged.is_name and person is not None:
            if person.id not in names_done:
                names_done.add(person.id)
                found += _person_mentions(case, person, withholds)
            continue
        for field_name, text in _named_strings(tagged.value, tagged.path.rsplit(".", 1)[-1].split("[")[0]):
            found += _value_mentions(field_name, text.strip(), tagged.category)
    return [m for m in found if m.literal]


def _person_mentions(case: Case, person: Person, withholds: Mapping[Sensitivity, Treatment]) -> list[Mention]:
    kept = _keeps_first_names(case, person, withholds.get(Sensitivity.PLACEMENT, Treatment.OMIT))
    return person_mentions(person.given_names, person.family_name, _ROLE_NOUNS.get(person.role, "carer"), kept_given_names=kept)


def _value_mentions(field_name: str, text: str, category: Sensitivity) -> list[Mention]:
    placement = category is Sensitivity.PLACEMENT
    if field_name == "address":
        return address_mentions(text, of_placement=placement)
    if field_name == "phone":
        return phone_mentions(text)
    if field_name == "town":
        return town_mentions(text)
    if field_name in _PLACE_NOUNS:
        return place_mentions(text, _PLACE_NOUNS[field_name] or school_noun(text))
    return phrase_mentions(text, split=field_name != "email")


#: The neutral words for the places a child goes to (None: the value says which).
_PLACE_NOUNS = {"school_or_nursery": None, "gp_practice": "the GP surgery", "clubs": "the club", "place_of_worship": "the place of worship"}


def mentions_withheld(case: Case, withholds: Mapping[Sensitivity, Treatment], code: str) -> bool:
    """Whether an id or other code (``dunholt-park-plumbridge``) holds a word
    the audience must not read: codes are never scrubbed, as they tie the
    case together, so where one would be shown, the caller shows another."""
    return bool(withholds) and Scrubber(withheld_mentions(case, withholds)).finds(code.replace("_", " "))


def replace_mentions(model: Any, mentions: list[Mention]) -> Any:
    """A copy of a model (or list, or text) with every mention replaced in
    its free text; ids and codes are left as they are. For a document's own
    extra withholding, such as adopters named only as the child's parents."""
    return _scrub(model, Scrubber(mentions)) if mentions else model


def redact(case: Case, withholds: Mapping[Sensitivity, Treatment]) -> Case:
    """A copy of the case without the values the audience withholds."""
    if not withholds:
        return case
    mentions = withheld_mentions(case, withholds)
    removed = _remove(case, case, withholds, None)
    return _scrub(removed, Scrubber(mentions)) if mentions else removed


# --- walking the tagged fields ---------------------------------------------

def _walk(model: BaseModel, path: str, person: Person | None) -> Iterator[TaggedValue]:
    owner = model if isinstance(model, Person) else person
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or value == [] or isinstance(value, str) and not value:
            continue
        where = f"{path}.{name}"
        category = _category(info, owner)
        if category is not None:
            yield TaggedValue(where, value, category, _is_name(info), owner)
        elif isinstance(value, BaseModel):
            yield from _walk(value, where, owner)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, f"{where}[{index}]", owner)


def _category(info: FieldInfo, person: Person | None) -> Sensitivity | None:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    tag = extra.get(SENSITIVITY_KEYWORD)
    if isinstance(tag, dict):
        if person is None:
            return None
        tag = tag.get(person.role.value, tag.get("*"))
    return None if tag is None else Sensitivity(str(tag))


def _is_name(info: FieldInfo) -> bool:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return extra.get(WITHHELD_AS_ROLE_KEYWORD) == "role"


def _keeps_first_names(case: Case, person: Person | None, treatment: Treatment) -> bool:
    return (
        treatment is Treatment.FIRST_NAMES_FOR_ADOPTERS
        and person is not None
        and person.role is PersonRole.PROSPECTIVE_ADOPTER
        and case.plans.primary.route in _ADOPTION_ROUTES
    )


def _is_withheld(case: Case, tagged: TaggedValue, withholds: Mapping[Sensitivity, Treatment]) -> bool:
    treatment = withholds.get(tagged.category)
    if treatment is None:
        return False
    kept_first_names = tagged.path.endswith(".given_names") and _keeps_first_names(case, tagged.person, treatment)
    return not kept_first_names


# --- removing ----------------------------------------------------------------

def _remove(case: Case, model: BaseModel, withholds: Mapping[Sensitivity, Treatment], person: Person | None) -> Any:
    owner = model if isinstance(model, Person) else person
    updates: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        category = _category(info, owner)
        treatment = withholds.get(category) if category is not None else None
        if treatment is not None and value is not None:
            if _is_name(info):
                keep = name == "given_names" and _keeps_first_names(case, owner, treatment)
                updates[name] = value if keep else ""
            else:
                updates[name] = [] if isinstance(value, list) else _none_for(info, name)
        elif isinstance(value, BaseModel):
            updates[name] = _remove(case, value, withholds, owner)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [_remove(case, item, withholds, owner) for item in value]
    # model_copy does not validate: an emptied name is how a redacted copy
    # says "name this person by role".
    return model.model_copy(update=updates)


def _none_for(info: FieldInfo, name: str) -> None:
    if info.is_required():
        raise TypeError(f"the tagged field '{name}' is required, so it cannot be withheld by leaving it out")
    return None


# --- scrubbing free text -------------------------------------------------------

def _scrub(model: Any, scrubber: Scrubber) -> Any:
    if isinstance(model, BaseModel):
        updates = {name: _scrub(getattr(model, name), scrubber) for name in type(model).model_fields if not _is_code(name)}
        return model.model_copy(update=updates)
    if isinstance(model, list):
        return [_scrub(item, scrubber) for item in model]
    # Enum members are str subclasses: codes, not prose.
    if type(model) is str:
        return scrubber(model)
    return model


def _is_code(field_name: str) -> bool:
    # Ids and references tie the case together and never hold prose.
    return field_name in _CODE_FIELDS or field_name.endswith(("_id", "_ids"))


_CODE_FIELDS = frozenset({"id", "schema_uri", "schema_version", "profile", "case_reference", "court_case_number"})


def _named_strings(value: Any, name: str) -> Iterator[tuple[str, str]]:
    """Each text in a tagged value with the name of the field holding it
    (a contact's address, phone and email are one tagged value)."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, list):
        for item in value:
            yield from _named_strings(item, name)
    elif isinstance(value, BaseModel):
        for field_name in type(value).model_fields:
            yield from _named_strings(getattr(value, field_name), field_name)
