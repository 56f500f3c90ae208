"""The Child's Permanence Report's completeness and consistency: a missing
section is a check error naming the section and the JSON path (and the
draft says plainly what is missing, with no path); a gap is never turned
into a statement; the chronology, the child's heritage and the adopters'
title are checked against the rest of the case. Each rule's firing case and
near miss are in test_rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

import permdocs
from permdocs.cli import main

from conftest import ROOT, sample_dict

SAMPLE = "cpr-adoption"


def _load(data: dict[str, Any]) -> permdocs.Case:
    return permdocs.load_case(json.dumps(data).encode())


def _cpr_findings(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity.value, f.path) for f in permdocs.check(_load(data)) if f.rule.startswith("CPR-")]


def _draft_words(data: dict[str, Any], audience: str = "adm") -> str:
    from lxml import html

    files = permdocs.render_outputs(_load(data), permdocs.RenderRequest("cpr", ("html",), audience, draft=True))
    main = html.fromstring(next(iter(files.values()))).find(".//main")
    return " ".join(" ".join(main.itertext()).split())


def _without_findings(words: str) -> str:
    """The report's own text, less the draft's appendix of findings (which names paths on purpose)."""
    return words.split("Appendix: open findings")[0]


def test_a_missing_section_is_an_error_naming_the_section_and_path() -> None:
    data = sample_dict(SAMPLE)
    del data["cpr"]["health"], data["cpr"]["why_adoption"]
    assert _cpr_findings(data) == [("CPR-001", "error", "$.cpr.health"), ("CPR-001", "error", "$.cpr.why_adoption")]
    message = next(f.message for f in permdocs.check(_load(data)) if f.path == "$.cpr.health")
    assert message.startswith("Section B, health")


def test_sections_the_report_takes_from_the_case_are_required_too() -> None:
    data = sample_dict(SAMPLE)
    data.update(chronology=[], placement=None)
    data["cpr"].update(relatives_considered=None, family_time_now=None)
    assert _cpr_findings(data) == [
        ("CPR-001", "error", "$.chronology"), ("CPR-001", "error", "$.cpr.family_time_now"),
        ("CPR-001", "error", "$.cpr.relatives_considered"), ("CPR-001", "error", "$.placement"),
    ]
    messages = {f.path: f.message for f in permdocs.check(_load(data)) if f.rule == "CPR-001"}
    assert messages["$.chronology"].startswith("Section B, the chronology")
    assert messages["$.cpr.family_time_now"].startswith("Section B, family time now")


def test_a_final_copy_is_refused_while_a_section_is_missing() -> None:
    data = sample_dict(SAMPLE)
    data["chronology"] = []
    with pytest.raises(permdocs.PermdocsError, match="CPR-001|error"):
        permdocs.render(_load(data), "cpr", "html")


def test_the_draft_says_plainly_what_is_missing_and_asserts_nothing_in_its_place() -> None:
    data = sample_dict(SAMPLE)
    data.update(chronology=[], placement=None, family_time=[])
    data["cpr"].update(relative_assessments=[], relatives_considered=None, family_time_now=None, health=None)
    words = _without_findings(_draft_words(data))
    assert "$." not in words, "JSON paths belong to the check's findings, not to the document"
    assert "The social worker's chronology has not been written yet" in words
    assert "Where Poppy lives now is not yet recorded." in words
    assert "Poppy's health This section has not been written yet." in words
    assert "Assessments of relatives and friends This section has not been written yet." in words
    assert "Now This section has not been written yet. Proposed" in words
    # Never a negative the case does not record:
    assert "has been assessed" not in words and "has no family time" not in words and "Nobody" not in words


def test_the_worker_says_why_when_nothing_happened() -> None:
    data = sample_dict(SAMPLE)
    data["family_time"] = [a for a in data["family_time"] if a["starts_on"] > data["prepared_on"]]
    data["cpr"].update(
        relative_assessments=[], relatives_considered={"not_applicable_because": "No relative or friend came forward."},
        family_time_now={"text": "Poppy has no family time now: her mother asked for a pause while she is in hospital."},
    )
    assert _cpr_findings(data) == []
    words = _draft_words(data)
    assert "Assessments of relatives and friends Not applicable. No relative or friend came forward." in words
    assert "Now Poppy has no family time now: her mother asked for a pause while she is in hospital. Proposed" in words


def test_a_section_needs_text_or_a_reason() -> None:
    data = sample_dict(SAMPLE)
    data["cpr"]["education"] = {}
    with pytest.raises(permdocs.InvalidCaseError, match=r"\$\.cpr\.education: give either text or not_applicable_because"):
        _load(data)


def test_an_adoption_plan_without_a_report_is_flagged() -> None:
    data = sample_dict(SAMPLE)
    data["cpr"] = None
    assert _cpr_findings(data) == [("CPR-005", "warning", "$.cpr")]
    assert permdocs.DOCUMENTS["cpr"].missing_from(_load(data)) == ["$.cpr"]


def test_the_old_sample_s_contradictions_are_each_reported(tmp_path: Any) -> None:
    data = sample_dict(SAMPLE)
    data["chronology"] += [
        {"date": "2026-05-01", "event": "Care proceedings issued."},
        {"date": "2026-06-01", "event": "Interim care order made."},
        {"date": "2026-08-01", "event": "Agency Decision Maker decided Poppy should be placed for adoption."},
        {"date": "2026-08-02", "event": "Poppy moved to live with her prospective adopters."},
    ]
    data["chronology"].sort(key=lambda entry: entry["date"])
    findings = [f for f in permdocs.check(_load(data)) if f.rule == "CPR-008"]
    assert len(findings) == 4
    assert all(data["chronology"][int(f.path.split("[")[1].split("]")[0])]["event"] not in f.message for f in findings)
    assert "15 May 2026 ($.care_proceedings.issued_on)" in findings[0].message


def test_the_heritage_check_never_quotes_the_ethnicities() -> None:
    data = sample_dict(SAMPLE)
    data["child"]["ethnicity"] = "White British"
    for need in data["identity_needs"]:
        need.update(need="Her story.", how_met="A life story book.")
    (finding,) = [f for f in permdocs.check(_load(data)) if f.rule == "CPR-006"]
    assert finding.path == "$.child.ethnicity" and "$.people[1].ethnicity" in finding.message
    assert not any(word in finding.message for word in ("White", "Black", "Caribbean", "British"))


# --- permdocs check --------------------------------------------------------------------------


def test_check_lists_the_report_as_its_own_group(tmp_path: Any) -> None:
    data = sample_dict(SAMPLE)
    del data["cpr"]["education"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "Child's Permanence Report: completeness and consistency (1)" in result.output
    assert "Errors (" not in result.output and result.exit_code == 3
    report = json.loads(CliRunner().invoke(main, ["check", str(path), "--json"]).output)
    assert [(f["rule"], f["group"]) for f in report["findings"]] == [("CPR-001", "cpr")]


def test_check_says_when_the_report_is_complete() -> None:
    result = CliRunner().invoke(main, ["check", str(ROOT / "samples" / f"{SAMPLE}.json")])
    assert result.exit_code == 0
    assert "nothing missing or inconsistent" in " ".join(result.output.split())
    other = CliRunner().invoke(main, ["check", str(ROOT / "samples" / "baby-in-proceedings.json")])
    assert "Child's Permanence Report" not in other.output


def test_a_report_filed_in_proceedings_needs_the_guardian_and_annex_b_matters() -> None:
    data = sample_dict(SAMPLE)
    for name in ("childrens_guardian", "other_parties", "capacity"):
        del data["cpr"][name]
    assert _cpr_findings(data) == [
        ("CPR-001", "error", "$.cpr.capacity"), ("CPR-001", "error", "$.cpr.childrens_guardian"),
        ("CPR-001", "error", "$.cpr.other_parties"),
    ]
    # Without proceedings (a consent case), none of them applies.
    data.pop("care_proceedings")
    assert [f for f in _cpr_findings(data) if f[2] in ("$.cpr.capacity", "$.cpr.childrens_guardian", "$.cpr.other_parties")] == []


def test_a_recorded_decision_names_its_maker_material_and_every_welfare_factor() -> None:
    data = sample_dict(SAMPLE)
    decision = data["cpr"]["adm_decision"]
    del decision["reasons"]["lifelong_effect"], decision["reasons"]["harm"]
    decision["material_read"] = [item for item in decision["material_read"] if "guardian" not in item]
    decision["decided_on"] = "2026-10-09"
    found = [f for f in permdocs.check(_load(data)) if f.rule == "CPR-010"]
    assert [f.path for f in found] == [
        "$.cpr.adm_decision.decided_on", "$.cpr.adm_decision.material_read",
        "$.cpr.adm_decision.reasons.harm", "$.cpr.adm_decision.reasons.lifelong_effect",
    ]
    assert any("factor (c) of the welfare checklist (ACA 2002 s.1(4))" in f.message for f in found)
    words = _draft_words(data)
    assert "(c) The effect, throughout life, of being adopted Not recorded." in words


def test_a_decision_the_case_records_but_the_report_does_not_is_flagged() -> None:
    data = sample_dict(SAMPLE)
    del data["cpr"]["adm_decision"]
    assert ("CPR-010", "warning", "$.cpr.adm_decision") in _cpr_findings(data)


def test_the_report_shows_the_guardian_the_annex_b_matters_and_the_reasoned_decision() -> None:
    words = _draft_words(sample_dict(SAMPLE))
    for said in (
        "Poppy's children's guardian in the proceedings is Robin Fairwitness.",
        "Whether anyone else should be made a party Lee Dummett, Poppy's father, does not hold parental responsibility.",
        "Whether any party lacks capacity No party lacks capacity.",
        "Jordan Deciswell, Head of Service, Children in Care, made the decision on 8 October 2026.",
        "What the decision maker read", "The children's guardian's interim analysis of 2 October 2026",
        "The reasons, against the welfare checklist of the Adoption and Children Act 2002, section 1(4)",
        "(f) Relationships with relatives and others",
    ):
        assert said in words, said
    adult = _draft_words(sample_dict(SAMPLE), "adult")
    assert "Robin Fairwitness" not in adult and "Whether any party lacks capacity" not in adult


def test_the_child_and_the_parents_as_people_are_required() -> None:
    data = sample_dict(SAMPLE)
    for name in ("physical_description", "place_of_birth", "property_or_inheritance", "pregnancy_and_birth",
                 "future_health_needs"):
        del data["cpr"][name]
    data["cpr"]["parent_accounts"] = data["cpr"]["parent_accounts"][:1]
    assert _cpr_findings(data) == [
        ("CPR-001", "error", "$.cpr.future_health_needs"), ("CPR-001", "error", "$.cpr.parent_accounts"),
        ("CPR-001", "error", "$.cpr.physical_description"), ("CPR-001", "error", "$.cpr.place_of_birth"),
        ("CPR-001", "error", "$.cpr.pregnancy_and_birth"), ("CPR-001", "error", "$.cpr.property_or_inheritance"),
    ]
    message = next(f.message for f in permdocs.check(_load(data)) if f.path == "$.cpr.parent_accounts")
    assert message.startswith("Section B, the father as a person ($.people[1])")


def test_exposure_before_birth_is_asked_about_where_a_parent_drank() -> None:
    data = sample_dict(SAMPLE)
    data["cpr"]["pregnancy_and_birth"] = {"text": "Poppy was born at full term and needed no special care."}
    assert ("CPR-011", "warning", "$.cpr.pregnancy_and_birth.text") in _cpr_findings(data)


def test_a_heritage_the_family_does_not_share_needs_an_identity_analysis() -> None:
    data = sample_dict(SAMPLE)
    del data["cpr"]["identity_analysis"]
    assert ("CPR-012", "warning", "$.cpr.identity_analysis") in _cpr_findings(data)
    data["people"][6]["ethnicity"] = "White and Black Caribbean"  # the adopters share her heritage
    assert ("CPR-012", "warning", "$.cpr.identity_analysis") not in _cpr_findings(data)


def test_the_report_describes_the_child_and_each_parent_as_a_person() -> None:
    words = _draft_words(sample_dict(SAMPLE), "adult")
    expected = (
        "Place of birth Exampleton General Hospital, Exampleton",
        "What Poppy looks like Poppy is a small, sturdy two-year-old",
        "Property and inheritance Not applicable.",
        "Pregnancy and birth Kerry had her first antenatal appointment at twenty weeks.",
        "Future health needs Poppy should keep having speech and language therapy",
        "How Poppy's identity needs will be met",
        "Kerry as a person Detail Appearance Kerry is slim",
        "Kerry's own account of her background Kerry says her own childhood was happy",
        "Lee's own account of his background Lee said he grew up in Exampleton with his mother",
    )
    assert [said for said in expected if said not in words] == []
