"""Redaction, done once before any document is built: tags in the model and
the schema, each audience's treatment, and free text scrubbed of what the
audience must not see."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic import BaseModel

import permdocs
from permdocs.base.sensitivity import Sensitivity, Treatment
from permdocs.base.strict import SENSITIVITY_KEYWORD, WITHHELD_AS_ROLE_KEYWORD
from permdocs.case import Case
from permdocs.describe.schemas import schema_text
from permdocs.safeguarding.mentions import WITHHELD_MARK, Scrubber, distinctive_words, person_mentions
from permdocs.safeguarding.redaction import redact
from permdocs.safeguarding.withholding import replace_mentions, tagged_values, withheld_mentions

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
            if extra.get("x-confidential-when"):
                categories.add(Sensitivity.CONFIDENTIAL.value)
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
    # A case whose texts hold no @-reference: the agency's copy has nothing to write.
    case = permdocs.load_case(sample_dict("long-term-fostering"))
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
    assert scrubbed == "Ada is settled with the foster carers in their town and will start at\nthe nursery."
    assert redact(case, {}).permanence_need.physical == data["permanence_need"]["physical"]


def test_withheld_values_give_their_parts_but_prose_is_not_split() -> None:
    case = permdocs.load_case(sample_dict())
    literals = {m.literal for m in withheld_mentions(case, {**COURT, Sensitivity.THIRD_PARTY: Treatment.OMIT})}
    assert {"14 Quillon Mews", "Quillon Mews", "Quillon", "LH4 7QX", "Jo", "Sam", "Fosterfield", "Bumblewick"} <= literals
    assert "she has said so herself." not in literals


def _adoption_family_scrubber() -> Scrubber:
    case = permdocs.load_case(sample_dict("adoption-family-time"))
    return Scrubber(withheld_mentions(case, {**FAMILY, Sensitivity.BIRTH_FAMILY_CONTACT: Treatment.OMIT}))


# The reviewer's free text (tests/fixtures/family-time-free-text.json), and more ways of writing the same values.
@pytest.mark.parametrize(
    ("written", "scrubbed"),
    [
        ("The play park at the end of Larchmere Close", "The play park at the end of their street"),
        ("7 Larchmere Close, Dunholt, DH4 6RT", "their home"),
        ("Jayden's foster carer and the Plumbridges", "Jayden's foster carer and Ash and Remi"),
        ("The Plumbridges sign with first names", "Ash and Remi sign with first names"),
        ("Plumbridge's home; the Plumbridge family", "Ash and Remi's home; Ash and Remi"),
        ("Ash and Remi Plumbridge write first", "Ash and Remi write first"),
        ("rings Remi on 01632 960 504 or +44 (0)1632-960504", f"rings Remi on {WITHHELD_MARK} or {WITHHELD_MARK}"),
        ("Photos from Tiddlers sports day", "Photos from the nursery sports day"),
        ("at the Tiddlers Nursery; at TIDDLERS", "at the nursery; at the nursery"),
        ("Orla loves her Little Movers class", "Orla loves her club class"),
        ("Remi (a school librarian) will bring her books", "Remi (a [withheld]) will bring her books"),
        ("from Dunholt; postcode DH46RT for the sat-nav", "from their town; postcode [withheld] for the sat-nav"),
        ("She sees the GP at Dunholt Green Surgery.", "She sees the GP at the GP surgery."),
        ("Bev Hollowmere and Bev's house at 3 Thistledown Walk", "The foster carer and the foster carer's house at their home"),
        ("email plumbridge.family@example.invalid", "email [withheld]"),
        # Left alone: the agency's town, a relative's town, ordinary words.
        ("A café in Exampleton; County Hall, Exampleton FX0 0ZZ", "A café in Exampleton; County Hall, Exampleton FX0 0ZZ"),
        ("for example, a little green park", "for example, a little green park"),
    ],
)
def test_withheld_values_are_found_however_they_are_written(written: str, scrubbed: str) -> None:
    assert _adoption_family_scrubber()(written) == scrubbed


def test_carers_named_by_role_where_their_names_are_withheld() -> None:
    case = permdocs.load_case(sample_dict("adoption-family-time"))
    court = Scrubber(withheld_mentions(case, COURT))
    assert court("The Plumbridges sign; Remi writes; Mrs Plumbridge rings.") == (
        "The prospective adopters sign; the prospective adopter writes; the prospective adopter rings."
    )


def test_distinctive_words_leave_out_the_kinds_of_places() -> None:
    assert distinctive_words("Dunholt Green Surgery") == ["Dunholt"]
    assert distinctive_words("Little Movers dance class") == ["Movers"]
    assert distinctive_words("0 Example Close") == []


def test_a_document_can_replace_mentions_of_its_own() -> None:
    # The agency's copy: @-references written with the names it shows.
    case = redact(permdocs.load_case(sample_dict("adoption-family-time")), {})
    adopters = next(p for p in case.people if p.role == "prospective_adopter")
    mentions = person_mentions(adopters.given_names, "", "adoptive parent", kept_given_names=False)
    arrangement = replace_mentions(case.family_time[0], [type(m)(m.literal, m.pattern, "Orla's parents") for m in mentions])
    assert arrangement.letterbox.writes_first == "Orla's parents, by the end of March"
    assert arrangement.id == "letters-mother"


@pytest.mark.parametrize("audience", ["family", "court"])
def test_the_family_and_court_copies_say_whose_copy_they_are(audience: str) -> None:
    case = permdocs.load_case(sample_dict())
    html = permdocs.render(case, "care-plan-permanence", "html", audience=audience).decode()
    assert f"<strong>{audience.capitalize()} copy</strong>" in html
