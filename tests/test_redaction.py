"""Redaction, done once before any document is built: tags in the model and
the schema, each audience's treatment, and free text scrubbed of what the
audience must not see."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic import BaseModel

import permdocs
from permdocs.case import Case
from permdocs.redaction import WITHHELD_MARK, redact, tagged_values, withheld_texts
from permdocs.schemas import schema_text
from permdocs.sensitivity import Sensitivity, Treatment
from permdocs.strict import SENSITIVITY_KEYWORD, WITHHELD_AS_ROLE_KEYWORD

from conftest import sample_dict

FAMILY = {Sensitivity.PLACEMENT: Treatment.FIRST_NAMES_FOR_ADOPTERS, Sensitivity.THIRD_PARTY: Treatment.OMIT}
COURT = {Sensitivity.PLACEMENT: Treatment.ROLE}


def _models(model: type[BaseModel], seen: set[type] | None = None) -> set[type[BaseModel]]:
    seen = seen if seen is not None else set()
    if model in seen:
        return seen
    seen.add(model)
    for info in model.model_fields.values():
        for arg in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    _models(inner, seen)
    return seen


def test_every_category_of_the_issue_is_tagged_and_published() -> None:
    categories = set()
    for model in _models(Case):
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            tag = extra.get(SENSITIVITY_KEYWORD)
            if tag is None:
                continue
            categories |= set(tag.values()) if isinstance(tag, dict) else {tag}
            # A withheld value is left out, so it must be optional; names are replaced by a role instead.
            assert not info.is_required() or extra.get(WITHHELD_AS_ROLE_KEYWORD) == "role", f"{model.__name__}.{name}"
    assert categories == {s.value for s in Sensitivity}
    schema = schema_text("case")
    assert '"x-sensitivity": "placement"' in schema and '"x-withheld-as": "role"' in schema


def test_the_placement_and_carers_are_tagged() -> None:
    case = permdocs.load_case(sample_dict("long-term-fostering"))
    paths = {t.path: t.category for t in tagged_values(case)}
    assert paths["$.placement.address"] is Sensitivity.PLACEMENT
    assert paths["$.placement.clubs"] is Sensitivity.PLACEMENT
    carers = next(i for i, p in enumerate(case.people) if p.role == "foster_carer")
    mother = next(i for i, p in enumerate(case.people) if p.role == "mother")
    assert paths[f"$.people[{carers}].family_name"] is Sensitivity.PLACEMENT
    assert paths[f"$.people[{carers}].contact"] is Sensitivity.PLACEMENT
    assert paths[f"$.people[{mother}].contact"] is Sensitivity.BIRTH_FAMILY_CONTACT
    assert f"$.people[{mother}].family_name" not in paths  # the family knows its own names


def test_no_withholding_returns_the_same_case() -> None:
    case = permdocs.load_case(sample_dict())
    assert redact(case, {}) is case


def test_a_withheld_placement_is_gone_and_carers_are_named_by_role() -> None:
    case = permdocs.load_case(sample_dict())
    copy = redact(case, COURT)
    assert copy.placement is not None and copy.placement.address is None and copy.placement.clubs == []
    carers = next(p for p in copy.people if p.role == "foster_carer")
    assert (carers.given_names, carers.family_name, carers.contact, carers.employment) == ("", "", None, None)
    assert carers.id == "foster-carers"  # ids still tie the case together
    assert copy.child == case.child


def _adoption_case() -> dict[str, Any]:
    data = sample_dict()
    data["plans"]["primary"]["route"] = "adoption"
    for person in data["people"]:
        if person["id"] == "foster-carers":
            person.update(role="prospective_adopter", given_names="Jo and Sam", relationship="Prospective adopters")
    return data


def test_adopters_keep_first_names_only_where_the_plan_is_adoption() -> None:
    case = permdocs.load_case(_adoption_case())
    adopters = next(p for p in redact(case, FAMILY).people if p.role == "prospective_adopter")
    assert (adopters.given_names, adopters.family_name) == ("Jo and Sam", "")
    # The court copy names them by role.
    adopters = next(p for p in redact(case, COURT).people if p.role == "prospective_adopter")
    assert adopters.full_name == ""
    html = permdocs.render(case, "care-plan-permanence", "html", audience="family", draft=True).decode()
    assert "Jo and Sam" in html and "Fosterfield" not in html


def test_free_text_is_scrubbed_of_withheld_values() -> None:
    data = sample_dict()
    data["permanence_need"]["physical"] = (
        "Ada is settled with the FOSTERFIELD family in Larkhaven and will start at\nBumblewick Day Nursery."
    )
    case = permdocs.load_case(data)
    scrubbed = redact(case, COURT).permanence_need.physical
    assert scrubbed == f"Ada is settled with the {WITHHELD_MARK} family in {WITHHELD_MARK} and will start at\n{WITHHELD_MARK}."
    assert redact(case, {}).permanence_need.physical == data["permanence_need"]["physical"]


def test_withheld_texts_split_addresses_and_couples_but_not_prose() -> None:
    case = permdocs.load_case(sample_dict())
    texts = withheld_texts(case, {**COURT, Sensitivity.THIRD_PARTY: Treatment.OMIT})
    assert {"14 Quillon Mews", "LH4 7QX", "Jo", "Sam", "Fosterfield"} <= set(texts)
    assert "she has said so herself." not in texts


@pytest.mark.parametrize("audience", ["family", "court"])
def test_the_family_and_court_copies_say_whose_copy_they_are(audience: str) -> None:
    case = permdocs.load_case(sample_dict())
    html = permdocs.render(case, "care-plan-permanence", "html", audience=audience).decode()
    assert f"<strong>{audience.capitalize()} copy</strong>" in html
