"""Withholding what an audience must not read, once, before any document is built.

Fields of the case model carry a sensitivity tag (:mod:`permdocs.sensitivity`).
For an audience, :func:`redact` returns a copy of the case in which every
tagged value the audience withholds is gone: optional values become null,
lists become empty, and a withheld person's names are emptied so that
documents name that person by role (or, for adopters, by first names).
Templates never decide what to hide; what they are given is all there is.

Workers sometimes repeat a withheld value in free text ("Ava goes to
Oakfield Primary"). So every other text of the copy is then scrubbed of the
withheld values too, which appear as "[withheld]".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .case import Case
from .case.people import Person, PersonRole
from .case.planning import Route
from .sensitivity import Sensitivity, Treatment
from .strict import SENSITIVITY_KEYWORD, WITHHELD_AS_ROLE_KEYWORD

#: What a withheld value mentioned in free text becomes.
WITHHELD_MARK = "[withheld]"
_ADOPTION_ROUTES = (Route.ADOPTION, Route.EARLY_PERMANENCE)
#: Shorter fragments of an address would match ordinary words.
_MIN_PART_LENGTH = 4


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


def withheld_texts(case: Case, withholds: Mapping[Sensitivity, Treatment]) -> list[str]:
    """The words that must not reach the audience: each withheld text, and
    each comma-separated part of it (an address's street, town, postcode)."""
    texts: set[str] = set()
    for tagged in withheld_values(case, withholds):
        for text in _strings(tagged.value):
            texts.add(text.strip())
            texts.update(_parts(text, is_name=tagged.is_name))
    return sorted(texts - {""}, key=lambda text: (-len(text), text))


def _parts(text: str, *, is_name: bool) -> set[str]:
    """The pieces of a value that would identify on their own: each name of
    a couple ("Jo and Sam"), each line of an address. Prose is not split:
    its fragments are ordinary words."""
    if is_name:
        return {word for word in re.split(r"\s+|&", text) if len(word) >= 2 and word.lower() != "and"}
    if re.search(r"[.!?](\s|$)", text) or len(text) > 120:
        return set()
    return {part.strip() for part in re.split(r"[,;\n]", text) if len(part.strip()) >= _MIN_PART_LENGTH}


def redact(case: Case, withholds: Mapping[Sensitivity, Treatment]) -> Case:
    """A copy of the case without the values the audience withholds."""
    if not withholds:
        return case
    texts = withheld_texts(case, withholds)
    removed = _remove(case, case, withholds, None)
    return _scrub(removed, _pattern(texts)) if texts else removed


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

def _pattern(texts: list[str]) -> re.Pattern[str]:
    # Longest first, so an address goes before the street inside it; any run
    # of white space matches, as a worker may have broken the line.
    alternatives = "|".join(r"\s+".join(map(re.escape, text.split())) for text in texts)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _scrub(model: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(model, BaseModel):
        updates = {name: _scrub(getattr(model, name), pattern) for name in type(model).model_fields if not _is_code(name)}
        return model.model_copy(update=updates)
    if isinstance(model, list):
        return [_scrub(item, pattern) for item in model]
    # Enum members are str subclasses: codes, not prose.
    if type(model) is str:
        return pattern.sub(WITHHELD_MARK, model)
    return model


def _is_code(field_name: str) -> bool:
    # Ids and references tie the case together and never hold prose.
    return field_name in _CODE_FIELDS or field_name.endswith(("_id", "_ids"))


_CODE_FIELDS = frozenset({"id", "schema_uri", "schema_version", "profile", "case_reference", "court_case_number"})


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
