"""What a copy withholds, and where it may turn up in free text.

The model-level half of redaction: which tagged values of a case an
audience withholds (:func:`withheld_values`), the forms in which each may be
typed into free text (:func:`withheld_mentions`, from :mod:`permdocs.safeguarding.mentions`),
which texts are prose (:func:`prose_texts`, by the kinds the models declare,
:class:`permdocs.base.strict.TextKind`), and how a copy writes each @-reference
(:func:`reference_writer`). The practice checks read it (SG-001) as well as
the render layer, which applies it (:mod:`permdocs.safeguarding.redaction`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..base.sensitivity import CONFIDENTIAL_WHEN_KEYWORD, Sensitivity, Treatment
from ..base.strict import SENSITIVITY_KEYWORD, WITHHELD_AS_ROLE_KEYWORD, TextKind, text_kind
from ..case import Case
from ..case.legal import LegalBasisKind
from ..case.people import Person, PersonRole
from ..case.planning import Route
from ..case.text_references import (
    CARERS,
    PERSON_DETAILS,
    PLACEMENT,
    PLACEMENT_DETAILS,
    ReferenceWriter,
    Words,
    has_references,
)
from .mentions import (
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

__all__ = [
    "FIRST_NAME_FIELDS", "TaggedValue", "category_of", "is_code_field", "is_name_field", "keeps_first_names",
    "mentions_withheld", "prose_texts", "reference_writer", "replace_mentions", "rewrite_prose", "tagged_values",
    "withheld_mentions", "withheld_values",
]

_ADOPTION_ROUTES = (Route.ADOPTION, Route.EARLY_PERMANENCE)
#: The fields of a person's first names, kept together under ``first-names-for-adopters``.
FIRST_NAME_FIELDS = ("given_names", "known_as", "child_calls")
#: How a carer is named where their names are withheld, by role.
_ROLE_NOUNS = {
    PersonRole.PROSPECTIVE_ADOPTER: "prospective adopter", PersonRole.FOSTER_CARER: "foster carer",
    PersonRole.SIBLINGS_CARER: "sibling's carer",
}


def _role_noun(case: Case, person: Person) -> str:
    """A carer's role, as a withholding copy names them: prospective adopters
    become adoptive parents only with the adoption order (CPR-009)."""
    if person.role is PersonRole.PROSPECTIVE_ADOPTER and any(
        basis.kind is LegalBasisKind.ADOPTION_ORDER for basis in case.legal_basis
    ):
        return "adoptive parent"
    return _ROLE_NOUNS.get(person.role, "carer")


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
    replaces each (see :mod:`permdocs.safeguarding.mentions`)."""
    found: list[Mention] = []
    names_done: set[str] = set()
    # Names first, then towns, then places, then the rest: where two values
    # share a word, the first way of writing it wins (see Scrubber), and a
    # town's name reads as the town, not as "their street".
    for tagged in sorted(withheld_values(case, withholds), key=_mention_order):
        person = tagged.person
        if tagged.is_name and person is not None:
            if person.id not in names_done:
                names_done.add(person.id)
                found += _person_mentions(case, person, withholds)
            continue
        for field_name, text in _named_strings(tagged.value, tagged.path.rsplit(".", 1)[-1].split("[")[0]):
            reference = _reference_for(tagged, field_name)
            found += [replace(m, reference=reference) for m in _value_mentions(field_name, text.strip(), tagged.category)]
    return [m for m in found if m.literal]


def _mention_order(tagged: TaggedValue) -> int:
    field_name = tagged.path.rsplit(".", 1)[-1].split("[")[0]
    return 0 if tagged.is_name else 1 if field_name == "town" else 2 if field_name in _PLACE_NOUNS else 3


def _reference_for(tagged: TaggedValue, field_name: str) -> str:
    """The @-reference a worker writes instead of this value, or "" where
    none exists (a job, a relative's history: leave those out of free text)."""
    if tagged.path.startswith("$.placement."):
        detail = next((d for d, (f, _) in PLACEMENT_DETAILS.items() if f == field_name), None)
        return f"@placement.{detail}" if detail else ""
    if tagged.person is not None and field_name in PERSON_DETAILS:
        return f"@{tagged.person.id}.{field_name}"
    return ""


def _person_mentions(case: Case, person: Person, withholds: Mapping[Sensitivity, Treatment]) -> list[Mention]:
    kept = keeps_first_names(case, person, withholds.get(Sensitivity.PLACEMENT, Treatment.OMIT))
    found = person_mentions(
        person.given_names, person.family_name, _role_noun(case, person), kept_given_names=kept,
        known_as=[*person.known_as, *filter(None, [person.child_calls])],
    )
    return [replace(m, reference=f"@{person.id}") for m in found]


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


def prose_texts(case: Case) -> Iterator[tuple[str, str]]:
    """Every prose text in the case with its JSON path: the texts a copy
    rewrites, and those ``permdocs check`` reads for written-out names.
    Tagged values are left out: they are withheld whole, or shown."""
    yield from _prose(case, "$", None)


def _prose(node: Any, path: str, person: Person | None) -> Iterator[tuple[str, str]]:
    if isinstance(node, BaseModel):
        owner = node if isinstance(node, Person) else person
        for name, info in type(node).model_fields.items():
            if category_of(info, owner, node) is not None or is_code_field(type(node), name):
                continue
            yield from _prose(getattr(node, name), f"{path}.{name}", owner)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _prose(item, f"{path}[{index}]", person)
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _prose(item, f"{path}.{key}", person)
    elif type(node) is str:
        yield path, node


# --- walking the tagged fields ---------------------------------------------

def _walk(model: BaseModel, path: str, person: Person | None) -> Iterator[TaggedValue]:
    owner = model if isinstance(model, Person) else person
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or value == [] or isinstance(value, str) and not value:
            continue
        where = f"{path}.{name}"
        category = category_of(info, owner, model)
        if category is not None:
            yield TaggedValue(where, value, category, is_name_field(info), owner)
        elif isinstance(value, BaseModel):
            yield from _walk(value, where, owner)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, f"{where}[{index}]", owner)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _walk(item, f"{where}.{key}", owner)


def category_of(info: FieldInfo, person: Person | None, model: BaseModel | None = None) -> Sensitivity | None:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    tag = extra.get(SENSITIVITY_KEYWORD)
    flag = extra.get(CONFIDENTIAL_WHEN_KEYWORD)
    if tag is not None and isinstance(flag, str) and getattr(model, flag, False) is True:
        return Sensitivity.CONFIDENTIAL
    if isinstance(tag, dict):
        if person is None:
            return None
        tag = tag.get(person.role.value, tag.get("*"))
    return None if tag is None else Sensitivity(str(tag))


def is_name_field(info: FieldInfo) -> bool:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return extra.get(WITHHELD_AS_ROLE_KEYWORD) == "role"


def keeps_first_names(case: Case, person: Person | None, treatment: Treatment) -> bool:
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
    kept_first_names = tagged.path.rsplit(".", 1)[-1] in FIRST_NAME_FIELDS and keeps_first_names(case, tagged.person, treatment)
    return not kept_first_names


@cache
def is_code_field(model: type[BaseModel], name: str) -> bool:
    # Ids and references tie the case together and never hold prose; the
    # model's text types say which fields they are (permdocs.base.strict.TextKind).
    info = model.model_fields[name]
    return text_kind(info.annotation) is TextKind.CODE or any(item is TextKind.CODE for item in info.metadata)


# --- how a copy writes @-references ----------------------------------------------

def reference_writer(case: Case, withholds: Mapping[Sensitivity, Treatment]) -> ReferenceWriter:
    """How this copy writes each @-reference the case's text holds: the
    value where the copy shows it, neutral words where it withholds it."""
    withheld = {tagged.path for tagged in withheld_values(case, withholds)} if withholds else set()
    words: dict[tuple[str, str], Words] = {}
    for index, person in enumerate(case.people):
        where = f"$.people[{index}]"
        names = _person_words(case, person, where, withheld, withholds)
        words[(person.id, "")], words[(person.id, "first")] = names
        contact = person.contact
        hidden = f"{where}.contact" in withheld
        for detail in ("address", "phone", "email"):
            value = getattr(contact, detail, None) if contact is not None else None
            if value:
                words[(person.id, detail)] = Words(PERSON_DETAILS[detail] if hidden else value)
    placement = case.placement
    if placement is not None:
        carers = [p for p in case.people if p.id in placement.carer_ids]
        if carers:
            words[(CARERS, "")] = _group_words([words[(p.id, "")] for p in carers])
        for detail, (field_name, noun) in PLACEMENT_DETAILS.items():
            value = getattr(placement, field_name)
            if not value:
                continue
            if f"$.placement.{field_name}" in withheld:
                noun = school_noun(value).removeprefix("the ") if detail == "school" else noun
                noun = "club" if detail == "clubs" and len(value) == 1 else noun
                words[(PLACEMENT, detail)] = Words(noun, plural=noun.endswith("s"), of_child=True)
            else:
                text = _and_list(value) if isinstance(value, list) else value
                words[(PLACEMENT, detail)] = Words(text, plural=isinstance(value, list) and len(value) > 1)
    has_any = any(has_references(text) for _, text in prose_texts(case))
    pronoun = {"female": "her", "male": "his"}.get(case.child.gender.value, "their")
    return ReferenceWriter(words if has_any else {}, case.child.preferred_name, pronoun)


def _person_words(
    case: Case, person: Person, where: str, withheld: set[str], withholds: Mapping[Sensitivity, Treatment],
) -> tuple[Words, Words]:
    """The words of ``@ID`` and ``@ID.first`` in this copy."""
    couple = len(re.split(r"\s+(?:and|&)\s+", person.given_names.strip())) > 1
    if f"{where}.family_name" not in withheld:
        return Words(person.full_name, plural=couple), Words(person.given_names, plural=couple)
    if f"{where}.given_names" not in withheld:
        return Words(person.given_names, plural=couple), Words(person.given_names, plural=couple)
    noun = _role_noun(case, person)
    role = Words(f"the {noun}s" if couple else f"the {noun}", plural=couple)
    return role, role


def _group_words(each: list[Words]) -> Words:
    if len(each) == 1:
        return each[0]
    texts = list(dict.fromkeys(w.text for w in each))
    if len(texts) == 1 and texts[0].startswith("the "):
        # Two foster carers, each withheld: "the foster carers".
        return Words(texts[0] if texts[0].endswith("s") else texts[0] + "s", plural=True)
    return Words(_and_list(texts), plural=True)


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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


def replace_mentions(model: Any, mentions: list[Mention]) -> Any:
    """A copy of a model (or list, or text) with every mention replaced in
    its free text; ids and codes are left as they are. For a document's own
    extra withholding, such as adopters named only as the child's parents."""
    return rewrite_prose(model, Scrubber(mentions)) if mentions else model


# --- rewriting free text -------------------------------------------------------

def rewrite_prose(model: Any, rewrite: Any) -> Any:
    """Every prose text of a model rewritten; codes are left as they are."""
    if isinstance(model, BaseModel):
        updates = {
            name: rewrite_prose(getattr(model, name), rewrite)
            for name in type(model).model_fields if not is_code_field(type(model), name)
        }
        return model.model_copy(update=updates)
    if isinstance(model, list):
        return [rewrite_prose(item, rewrite) for item in model]
    if isinstance(model, dict):
        # A mapping's keys are codes (key factors); its values may be prose.
        return {key: rewrite_prose(item, rewrite) for key, item in model.items()}
    # Enum members are str subclasses: codes, not prose.
    if type(model) is str:
        return rewrite(model)
    return model
