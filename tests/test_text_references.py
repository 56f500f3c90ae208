"""@-references in free text, and the scrubbing net behind them: each copy
writes a reference as it may show it, SG-001 names what was typed out, and
what a draft scrubs reads as a sentence, without fragments."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import permdocs
from permdocs.base.sensitivity import Sensitivity, Treatment
from permdocs.checks import check
from permdocs.safeguarding.mentions import Scrubber
from permdocs.safeguarding.redaction import redact
from permdocs.safeguarding.withholding import withheld_mentions

from conftest import ROOT, SAMPLES, sample_dict

AGENCY: dict[Sensitivity, Treatment] = {}
FAMILY = {Sensitivity.PLACEMENT: Treatment.FIRST_NAMES_FOR_ADOPTERS, Sensitivity.BIRTH_FAMILY_CONTACT: Treatment.OMIT,
          Sensitivity.CONFIDENTIAL: Treatment.OMIT}
COURT = {Sensitivity.PLACEMENT: Treatment.ROLE, Sensitivity.BIRTH_FAMILY_CONTACT: Treatment.OMIT,
         Sensitivity.CONFIDENTIAL: Treatment.OMIT}


def _baby(summary: str, **changes: Any) -> permdocs.Case:
    data = sample_dict()
    data["plans"]["primary"]["summary"] = summary
    for person in data["people"]:
        person.update(changes.get(person["id"], {}))
    return permdocs.load_case(data)


def _written(case: permdocs.Case, withholds: dict[Sensitivity, Treatment]) -> str:
    return redact(case, withholds).plans.primary.summary


@pytest.mark.parametrize(("written", "agency", "court"), [
    ("Ada lives with @carers.", "Ada lives with Jo and Sam Fosterfield.", "Ada lives with the foster carers."),
    ("@carers's home is warm.", "Jo and Sam Fosterfield's home is warm.", "The foster carers' home is warm."),
    ("She sees the @carers daily.", "She sees the Jo and Sam Fosterfield daily.", "She sees the foster carers daily."),
    ("Ada goes to @placement.school.", "Ada goes to Bumblewick Day Nursery.", "Ada goes to her nursery."),
    ("Swimming is near @placement.school.", "Swimming is near Bumblewick Day Nursery.", "Swimming is near Ada's nursery."),
    ("They live in @placement.town.", "They live in Larkhaven.", "They live in Ada's home area."),
    ("Ring @aunt.phone first.", "Ring 01632 960002 first.", "Ring a number the agency holds first."),
    ("Post to @aunt.address.", "Post to 0 Placeholder Row, Exampleton FX0 0AB.", "Post to their home."),
    ("Write to kim@example.invalid or meet @ 10.", "Write to kim@example.invalid or meet @ 10.", "Write to kim@example.invalid or meet @ 10."),
])
def test_each_copy_writes_a_reference_as_it_may_show_it(written: str, agency: str, court: str) -> None:
    case = _baby(written)
    assert _written(case, AGENCY) == agency
    assert _written(case, COURT) == court


def test_adopters_keep_their_first_names_where_the_copy_does() -> None:
    data = sample_dict("adoption-family-time")
    case = permdocs.load_case(data)
    summary = "Orla to be adopted by @adopters.first, who she has lived with since September 2026."
    assert redact(case, FAMILY).plans.primary.summary == summary.replace("@adopters.first", "Ash and Remi")
    assert redact(case, COURT).plans.primary.summary == summary.replace("@adopters.first", "the prospective adopters")


@pytest.mark.parametrize(("written", "problem"), [
    ("Ada lives with @fostercarers.", "(did you mean '@foster-carers'?)"),
    ("Ada goes to @placement.church.", "names no detail of the placement"),
    ("Ada lives with @Foster-Carers.", "ids are lower case: write '@foster-carers'"),
    ("Ring @father.address.", "the address of 'father', which the case does not record"),
])
def test_a_reference_that_names_nothing_is_refused_with_its_path(written: str, problem: str) -> None:
    data = sample_dict()
    data["plans"]["primary"]["summary"] = written
    with pytest.raises(permdocs.InvalidCaseError) as refused:
        permdocs.load_case(data)
    assert [p.path for p in refused.value.problems] == ["$.plans.primary.summary"]
    assert problem in str(refused.value)


@pytest.mark.parametrize("typed", [
    "Ada lives with the Fosterfields.",
    "Ada lives with the FOSTERFIELDS.",
    "Ada is at the Fosterfields' house.",
    "Ada is at Fos-\nterfield's house.",
    "Jo Fosterfield takes her to nursery.",
    "She loves Bumblewick.",
    "The carers live at 14 Quillon Mews.",
    "Postcode LH47QX.",
    "Ring 01632 960 010.",
])
def test_a_detail_typed_out_is_found_with_the_reference_to_write(typed: str) -> None:
    case = _baby(typed)
    found = [f for f in check(case) if f.rule == "SG-001"]
    assert found and {f.path for f in found} == {"$.plans.primary.summary"}, typed
    # The message names the reference, never the value.
    for finding in found:
        assert "@" in finding.message and "Fosterfield" not in finding.message and "Quillon" not in finding.message


def test_short_forms_and_known_as_names_are_found_as_capitalised_words_only() -> None:
    data = sample_dict("adoption-family-time")
    adopters = next(p for p in data["people"] if p["id"] == "adopters")
    adopters.update(given_names="Katherine and William", known_as=["Bunny"])
    case = permdocs.load_case(data)
    scrub = Scrubber(withheld_mentions(case, COURT))
    assert scrub("Kate and Will will write first; Bunny sends photos.") == (
        "The prospective adopters will write first; the prospective adopter sends photos."
    )
    assert not scrub.finds("It will rain, and the kate bush flowers.")


@pytest.mark.parametrize(("place", "typed", "scrubbed"), [
    ("St Aldhelm's C of E Primary School", "She walks to St Aldhelm's each day.", "She walks to the school each day."),
    ("Hazel Wood Infant and Junior School", "She starts at Hazel Wood Junior in September.", "She starts at the school in September."),
])
def test_a_school_goes_whole_leaving_no_fragment(place: str, typed: str, scrubbed: str) -> None:
    data = sample_dict("long-term-fostering")
    data["placement"]["school_or_nursery"] = place
    scrub = Scrubber(withheld_mentions(permdocs.load_case(data), COURT))
    assert scrub(typed) == scrubbed


def test_a_street_named_like_a_place_and_a_town_read_as_what_they_are() -> None:
    data = sample_dict("long-term-fostering")
    data["placement"]["place_of_worship"] = "Grace Chapel, Tannery Road"
    data["placement"]["address"] = "7 Wrenfold Road, Wrenfold, WF2 8RT"
    scrub = Scrubber(withheld_mentions(permdocs.load_case(data), COURT))
    assert scrub("He walks up Grace Road to Grace Chapel.") == "He walks up a nearby street to the place of worship."
    assert scrub("He was born in Wrenfold.") == "He was born in their town."


def test_confidential_contact_details_reach_only_the_agency() -> None:
    case = _baby("Ada sees her aunt.", aunt={"confidential_contact": True})
    aunt = next(p for p in redact(case, COURT).people if p.id == "aunt")
    assert aunt.contact is None
    assert next(p for p in redact(case, AGENCY).people if p.id == "aunt").contact is not None
    # The adopters' copy of the CPR keeps relatives' contacts, but not a confidential one.
    adopters = permdocs.DOCUMENTS["cpr"].audiences["adopters"].withholds
    assert adopters[Sensitivity.CONFIDENTIAL] is Treatment.OMIT


def test_a_childs_copy_is_refused_rather_than_scrubbed() -> None:
    data = sample_dict("adoption-family-time")
    data["family_time"][1]["purpose"] = "For Orla to see Jayden; the Plumbridges bring her."
    case = permdocs.load_case(data)
    request = permdocs.RenderRequest("family-time", ("html",), "child", draft=True, options={"arrangement": "jayden-sessions"})
    with pytest.raises(permdocs.UnresolvedFindingsError) as refused:
        permdocs.render_outputs(case, request)
    assert "never rendered with details scrubbed out, not even as a draft" in str(refused.value)
    assert [f.path for f in refused.value.findings] == ["$.family_time[1].purpose"]
    # The birth family's draft is scrubbed as before.
    request = permdocs.RenderRequest("family-time", ("html",), "birth-family", draft=True, options={"arrangement": "jayden-sessions"})
    html = next(iter(permdocs.render_outputs(case, request).values())).decode()
    assert "Plumbridge" not in html


def test_key_factor_summaries_are_rewritten_in_every_copy() -> None:
    data = sample_dict()
    data["options"][4]["key_factors"]["wishes_and_feelings"]["summary"] = "Keeps her home with the Fosterfields."
    case = permdocs.load_case(data)
    factor = redact(case, FAMILY).options[4].key_factors
    assert str(factor["wishes_and_feelings"].summary) == "Keeps her home with the foster carers."


FIXTURE_CASES = sorted((ROOT / "tests" / "fixtures" / "cases").glob("*.json"))


@pytest.mark.parametrize("fixture", FIXTURE_CASES, ids=[f.stem for f in FIXTURE_CASES])
def test_check_names_the_path_and_the_reference_for_each_detail_typed_out(fixture: Path) -> None:
    findings = [f for f in permdocs.check(permdocs.load_case(fixture)) if f.rule == "SG-001"]
    assert len(findings) >= 8, fixture.stem
    for finding in findings:
        assert finding.path.startswith("$.") and finding.severity == "error"
        assert re.search(r"Write '@[a-z0-9_.-]+' instead|Leave it out", finding.message), finding.message


def test_the_samples_name_the_placement_by_reference_only() -> None:
    assert SAMPLES
    for sample in SAMPLES:
        case = permdocs.load_case(sample)
        assert [f.path for f in permdocs.check(case) if f.rule.startswith("SG-")] == [], sample.stem


#: What a replacement must never leave behind: a stray word of the name it replaced.
FRAGMENTS = re.compile(
    r"\bSt\.? (?:the|their|a) |\bthe (?:school|nursery|place of worship|club|GP surgery|leisure centre) [A-Z][a-z]+"
    r"|\b(?:their town|their street|a nearby street|their home) (?:Road|Street|Lane|Close|Avenue|Way|Junior|Primary)\b"
    r"|\[withheld\]'s|\bthe the\b"
)


@pytest.mark.parametrize("case_file", [*FIXTURE_CASES, *SAMPLES], ids=lambda p: p.stem)
def test_no_copy_reads_with_a_fragment_and_no_childs_copy_says_withheld(case_file: Path) -> None:
    case = permdocs.load_case(case_file)
    read = 0
    for document in permdocs.DOCUMENTS.values():
        if document.missing_from(case):
            continue
        for audience in document.audiences.values():
            if not audience.withholds:
                continue
            request = permdocs.RenderRequest(document.name, ("html",), audience.name, draft=True)
            try:
                outputs = permdocs.render_outputs(case, request)
            except permdocs.UnresolvedFindingsError:
                assert audience.for_a_child  # refused rather than scrubbed
                continue
            for name, body in outputs.items():
                text = re.sub(r"<[^>]+>", " ", body.decode())
                assert FRAGMENTS.search(text) is None, f"{name}: {FRAGMENTS.search(text).group(0)!r}"
                if audience.for_a_child:
                    assert "[withheld]" not in text, name
                read += 1
    assert read
