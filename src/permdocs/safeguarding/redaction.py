"""Withholding what an audience must not read, once, before any document is built.

Fields of the case model carry a sensitivity tag (:mod:`permdocs.base.sensitivity`).
For an audience, :func:`redact` returns a copy of the case in which every
tagged value the audience withholds is gone: optional values become null,
lists become empty, and a withheld person's names are emptied so that
documents name that person by role (or, for adopters, by first names).
Templates never decide what to hide; what they are given is all there is.

Every prose text of the copy (every string field the model declares as
:attr:`~permdocs.base.strict.TextKind.PROSE`, in lists and mappings too) then has
its @-references written as the copy may show them
(:mod:`permdocs.case.text_references`): that is how a worker names the carers or
the nursery safely. Workers still sometimes type a withheld value ("Ava goes
to Oakfield Primary", "the Plumbridges", a phone number spaced another way),
which ``permdocs check`` reports (SG-001) and which blocks a final document;
so, as the last net for drafts, every prose text is also scrubbed of the
withheld values in the forms :mod:`permdocs.safeguarding.mentions` derives from each,
which give way to neutral words ("the school", "the foster carers") or,
where none would read true, "[withheld]". What is withheld and where it may
turn up is worked out in :mod:`permdocs.safeguarding.withholding`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..base.sensitivity import Sensitivity, Treatment
from ..case import Case
from ..case.people import Person
from .mentions import Scrubber
from .withholding import (
    FIRST_NAME_FIELDS,
    category_of,
    is_name_field,
    keeps_first_names,
    reference_writer,
    rewrite_prose,
    withheld_mentions,
)

__all__ = ["redact"]


def redact(case: Case, withholds: Mapping[Sensitivity, Treatment]) -> Case:
    """A copy of the case without the values the audience withholds, its
    @-references written as this copy may show them."""
    writer = reference_writer(case, withholds)
    removed = _remove(case, case, withholds, None) if withholds else case
    mentions = withheld_mentions(case, withholds) if withholds else []
    if not mentions and not writer.words:
        return removed
    scrub = Scrubber(mentions)
    return rewrite_prose(removed, lambda text: scrub(writer(text)))


# --- removing ----------------------------------------------------------------

def _remove(case: Case, model: BaseModel, withholds: Mapping[Sensitivity, Treatment], person: Person | None) -> Any:
    owner = model if isinstance(model, Person) else person
    updates: dict[str, Any] = {}
    withheld: set[str] = set()
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        category = category_of(info, owner, model)
        treatment = withholds.get(category) if category is not None else None
        if treatment is not None and value is not None:
            withheld.add(name)
            if is_name_field(info):
                # Known-as names ("Kate") are first names too: kept where the first names are.
                keep = name in FIRST_NAME_FIELDS and keeps_first_names(case, owner, treatment)
                updates[name] = value if keep else [] if isinstance(value, list) else ""
            else:
                updates[name] = [] if isinstance(value, list) else _none_for(info, name)
        elif isinstance(value, BaseModel):
            updates[name] = _remove(case, value, withholds, owner)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [_remove(case, item, withholds, owner) for item in value]
        elif isinstance(value, dict) and any(isinstance(item, BaseModel) for item in value.values()):
            updates[name] = {key: _remove(case, item, withholds, owner) for key, item in value.items()}
    # model_copy does not validate: an emptied name is how a redacted copy
    # says "name this person by role".
    copy = model.model_copy(update=updates)
    if withheld and hasattr(copy, "_withheld"):
        copy._withheld = frozenset(withheld)
    return copy


def _none_for(info: FieldInfo, name: str) -> None:
    if info.is_required():
        raise TypeError(f"the tagged field '{name}' is required, so it cannot be withheld by leaving it out")
    return None
