"""Every practice rule: one case where it fires, one near miss where it must not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import permdocs
from permdocs.checks import RULES, Severity, check

from conftest import ROOT, SAMPLES, sample_dict

Change = Callable[[dict[str, Any]], None]


def findings_for(sample: str, change: Change) -> list[tuple[str, str]]:
    data = sample_dict(sample)
    change(data)
    # As permdocs check runs them: with the council of the case's profile.
    return [(f.rule, f.path) for f in permdocs.check(permdocs.load_case(data, folder=ROOT / "samples"))]


_PLACEMENT_ORDER = {"kind": "placement_order", "made_on": "2026-11-12", "court": "Family Court sitting at Exampleton",
                    "court_case_number": "ZZ26C00210"}


def _point(point_id: str) -> dict[str, Any]:
    """A standard point of the knowledge base, weighed for the child."""
    return {"point_id": point_id, "weight": "moderate", "likelihood": None}


def _set(path: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _all(*changes: Change) -> Change:
    def change(data: dict[str, Any]) -> None:
        for step in changes:
            step(data)

    return change


def _no_held_reviews(data: dict[str, Any]) -> None:
    data["reviews"] = [r for r in data["reviews"] if r["status"] == "planned"]


def _adoption_primary(data: dict[str, Any]) -> None:
    data["plans"]["primary"], data["plans"]["parallel"][0] = data["plans"]["parallel"][0], data["plans"]["primary"]


def _mother_consents_on(given_on: str) -> Change:
    return _set("adoption.consents", [{"person_id": "mother", "kind": "placement", "given_on": given_on}])


def _aunt_application(consents: list[str], leave: str | None) -> Change:
    return _set(
        "plans.primary.application",
        {"applicant_ids": ["aunt"], "planned_on": "2026-12-14", "consents": consents, "leave_granted_on": leave},
    )


BABY, LTF, HOME = "baby-in-proceedings", "long-term-fostering", "return-home-supervision"
LETTER, FIRST_DRAFT = "adopted-child-letter", "letter-first-draft"
FT = "adoption-family-time"
CPR = "cpr-adoption"
LETTERBOX = "family_time.0.letterbox"
WHO_I_AM = "later_life_letter.sections.0.text"
WHO_DECIDED = "later_life_letter.sections.4.text"

# rule id -> (sample, change that makes it fire, path it reports, near miss that must not fire)
CASES: dict[str, tuple[str, Change, str, Change]] = {
    "PP-001": (BABY, _all(_no_held_reviews, _set("prepared_on", "2026-06-18")), "$.reviews[0].date",
               _all(_no_held_reviews, _set("prepared_on", "2026-06-17"))),
    "PP-018": (BABY, _set("reviews.0.date", "2026-06-18"), "$.reviews[0].date", _set("reviews.0.date", "2026-06-17")),
    "PP-002": (BABY, _set("reviews.1.permanence_plan_endorsed", False), "$.reviews",
               _all(_set("reviews.1.permanence_plan_endorsed", False), _set("reviews.1.status", "planned"),
                    _set("prepared_on", "2026-09-13"), _set("authorship.social_worker_signed_on", None),
                    _set("authorship.team_manager_signed_on", None), _set("authorship.endorsement", None),
                    _set("adoption", None), _set("chronology", []), _set("voices.others", []),
                    _set("voices.child.recorded_on", "2026-09-01"), _set("care_proceedings.extensions", []),
                    _set("actions", []))),
    "PP-003": (BABY, _set("plans.parallel", []), "$.plans.parallel",
               _all(_set("plans.parallel", []), _set("plans.primary.route", "return_home"))),
    "PP-004": (BABY, _set("plans.contingency", None), "$.plans.contingency", _set("plans.contingency.status", "agreed")),
    "PP-005": (LTF, lambda d: d.update(options=[o for o in d["options"] if o["route"] != "adoption"]), "$.options",
               lambda d: d["options"].append(dict(d["options"][-1], id="adoption-2"))),
    "PP-006": (BABY, _all(_adoption_primary, _set("adoption", None)), "$.adoption.adm_decision_on",
               _all(_adoption_primary, _set("adoption.consents", [
                   {"person_id": "father", "kind": "placement", "given_on": "2026-10-30"},
                   {"person_id": "mother", "kind": "placement", "given_on": "2026-10-30"}]))),
    "PP-007": (BABY, _mother_consents_on("2026-06-20"), "$.adoption.consents[0].given_on",
               _mother_consents_on("2026-06-21")),
    "PP-008": (BABY, _set("options.2.carer_ids", ["mother"]), "$.options[2].carer_ids[0]",
               _set("options.2.carer_ids", ["grandmother"])),
    "PP-009": (BABY, _aunt_application([], None), "$.plans.primary.application.applicant_ids[0]",
               _aunt_application(["local_authority"], None)),
    "PP-010": (LTF, _set("family_time", []), "$.family_time", _set("people.2.sibling.together_or_apart_reason", "They are close.")),
    "PP-012": (HOME, _set("legal_basis.1.expires_on", "2029-09-14"), "$.legal_basis[1].expires_on",
               _set("legal_basis.1.expires_on", "2029-09-13")),
    "PP-013": (BABY, _set("care_proceedings.extensions", []), "$.care_proceedings.extensions",
               _all(_set("care_proceedings.extensions", []), _set("prepared_on", "2026-11-13"),
                    _set("adoption.adm_decision_on", None), _set("chronology", []))),
    "PP-014": (BABY, _set("voices.child", None), "$.voices.child",
               _set("voices.child.method", "observation")),
    "PP-015": (HOME, lambda d: d["identity_needs"].pop(), "$.identity_needs", _set("identity_needs.0.how_met", "Interpreters.")),
    "PP-016": (BABY, _set("options.0.advantages", []), "$.options[0].advantages",
               _all(_set("options.1.advantages", []), _set("options.1.disadvantages", []))),
    "PP-017": (BABY, _set("voices.child.recorded_on", "2026-11-17"), "$.voices.child.recorded_on",
               _set("voices.child.recorded_on", "2026-11-16")),
    "PP-019": (BABY, _set("options_analysis.recommended_option_id", "long-term-fostering"),
               "$.options_analysis.recommended_option_id", _set("options_analysis.recommended_option_id", "adoption")),
    "PP-020": (BABY, _set("options.2.excluded_points.0.reason", None), "$.options[2].excluded_points[0].reason",
               _set("options.2.excluded_points.0.reason", "It does not apply.")),
    "PP-021": (BABY, _set("options.2.excluded_points.0.point_id", "adopt-adv-01"), "$.options[2].excluded_points[0].point_id",
               _set("options.2.excluded_points.0.point_id", "sgo-adv-06")),
    "PP-022": (BABY, _set("options.1.reasons", None), "$.options[1].reasons", _set("options.1.reasons", "He does not seek to care.")),
    "PP-023": (HOME, _all(_set("options.1.realistic", False), _set("options.1.outcome", "ruled_out")),
               "$.options_analysis.single_option_reason",
               _all(_set("options.1.realistic", False), _set("options.1.outcome", "ruled_out"),
                    _set("options_analysis.single_option_reason", "The grandfather's health rules out a permanent move."))),
    "PP-025": (BABY, _set("options.2.route", "long_term_fostering"), "$.options[2].route",
               _set("options.2.route", "connected_persons_fostering")),
    "PP-024": (BABY, _set("options_analysis", None), "$.options_analysis",
               lambda d: [o.update(realistic=False, outcome="ruled_out") for o in d["options"]] and d.update(options_analysis=None)),
    "PP-027": (BABY, _set("options.0.key_factors", {}), "$.options[0].key_factors", _set("options.1.key_factors", {})),
    "PP-028": (BABY, _set("options.2.advantages.2", _point("adopt-adv-01")), "$.options[2].advantages[2].point_id",
               _set("options.2.advantages.2", _point("sgo-adv-06"))),
    # A point about grandparents, weighed for the aunt; weighed for the grandmother, it is true.
    "PP-031": (BABY, _set("options.2.advantages.2", _point("sgo-adv-12")), "$.options[2].advantages[2].point_id",
               _all(_set("options.2.advantages.2", _point("sgo-adv-12")), _set("options.2.carer_ids", ["grandmother"]))),
    "PP-029": (LTF, _set("plans.contingency.route", "special_guardianship"), "$.plans.contingency.route",
               _set("plans.contingency.route", "long_term_fostering")),
    "PP-030": (BABY, _set("options.0.evidence", []), "$.options[0].evidence", _set("options.1.evidence", [])),
    # The father holds parental responsibility: without his view the plan is incomplete; without his PR, it is not asked.
    "PP-032": (BABY, lambda d: d["voices"]["others"].pop(1), "$.voices.others",
               _all(lambda d: d["voices"]["others"].pop(1), _set("people.1.has_parental_responsibility", False))),
    # Issue 24: each PR holder's agreement with the plan (the baby's primary plan is an SGO); without PR, it is not asked.
    "PP-033": (BABY, _set("voices.others.1.position", None), "$.people[1]",
               _all(_set("voices.others.1.position", None), _set("people.1.has_parental_responsibility", False))),
    # The SGO support plan, expected once the plan names the special guardian.
    "PP-034": (BABY, _set("plans.support_plan", None), "$.plans.support_plan",
               _all(_set("plans.support_plan", None), _set("plans.primary.status", "achieved"))),
    # Family time: 0 is the mother's letterbox, 1 sibling time with Jayden (people[2]), 2 the grandmother's visit.
    "FT-001": (FT, _set("family_time.2.venue", None), "$.family_time[2].venue", _set("family_time.0.venue", None)),
    "FT-002": (FT, _set(f"{LETTERBOX}.agency_address", None), "$.family_time[0].letterbox.agency_address",
               _set(f"{LETTERBOX}.writes_first", "Kerry")),
    "FT-003": (FT, _set("family_time.1.review_on", None), "$.family_time[1].review_on", _set("family_time.1.review_on", "2027-06-01")),
    "FT-004": (FT, _set(f"{LETTERBOX}.signed_as", "The Plumbridge family"), "$.family_time[0].letterbox.signed_as",
               _all(_set(f"{LETTERBOX}.signed_as", "The Plumbridge family"), _set("plans.primary.route", "long_term_fostering"))),
    "FT-005": (FT, _set(f"{LETTERBOX}.may_send.0", "Birthday money"), "$.family_time[0].letterbox.may_send[0]",
               _set(f"{LETTERBOX}.may_send.0", "A letter, but no money")),
    "FT-006": (FT, _set("family_time.1.schedule.first_on", "2029-01-01"), "$.family_time[1].schedule",
               _set("family_time.1.schedule.first_on", "2028-11-04")),
    "FT-007": (FT, lambda d: d["family_time"].pop(1), "$.people[2].sibling.time_together_matters",
               _all(lambda d: d["family_time"].pop(1), _set("people.2.sibling.time_together_matters", False))),
    "FT-008": (FT, _set("family_time.1.id", "dunholt-park-plumbridge"), "$.family_time[1].id",
               _set("family_time.1.id", "park-sessions")),
    "FT-009": (FT, _set("family_time.1.review_on", "2026-11-01"), "$.family_time[1].review_on",
               _set("family_time.1.review_on", "2026-11-10")),
    "FT-010": (FT, _all(_set("family_time.2.transport_and_costs", "Ash and Remi bring Orla."),
                        _set("family_time.2.adopters_named_as", "childs_parents")), "$.family_time[2].transport_and_costs",
               _set("family_time.2.transport_and_costs", "Ash and Remi bring Orla.")),
    # The grandmother's contact details are confidential (C8); her yearly meeting is at a café.
    "FT-012": (FT, _set("family_time.2.venue", "Maureen's home"), "$.family_time[2].venue",
               _set("family_time.2.venue", "A family centre in Exampleton")),
    "FT-011": (FT, _set("family_time.2.court_order", "section_34"), "$.family_time[2].court_order",
               _set("family_time.2.court_order", "section_26")),
    "FT-013": (FT, _set(f"{LETTERBOX}.support", None), "$.family_time[0].letterbox.support",
               _set(f"{LETTERBOX}.replies", "Kerry writes back when she wishes")),
    # Jayden's wishes are recorded for the sibling time; a younger child's, not yet, are flagged too.
    "FT-014": (FT, _set("family_time.1.siblings_wishes", []), "$.family_time[1].siblings_wishes",
               _set("family_time.1.siblings_wishes.0.wishes", "Jayden wants longer visits.")),
    # One agreement naming the adopters as Orla's parents among three by first names; all four so is one way.
    "FT-015": (FT, _set("family_time.2.adopters_named_as", "childs_parents"), "$.family_time[2].adopters_named_as",
               _all(*(_set(f"family_time.{i}.adopters_named_as", "childs_parents") for i in range(4)))),
    # The Child's Permanence Report: voices.others is the mother's, the grandmother's, then the father's view.
    "CPR-001": (CPR, _set("cpr.education", None), "$.cpr.education",
                _set("cpr.education", {"not_applicable_because": "Poppy is too young for school."})),
    "CPR-002": (CPR, _set("voices.child", None), "$.voices.child", _set("voices.child.method", "observation")),
    "CPR-003": (CPR, lambda d: d["voices"]["others"].pop(), "$.voices.others", lambda d: d["voices"]["others"].pop(1)),
    "CPR-004": (CPR, _set("cpr.medical_adviser", None), "$.cpr.medical_adviser",
                _all(_set("cpr.medical_adviser", None), _set("cpr.health", {"not_applicable_because": "Not yet seen."}))),
    "CPR-005": (CPR, _set("cpr", None), "$.cpr", _all(_set("cpr", None), _set("adoption.adm_decision_on", None))),
    # The sample's identity needs speak of the father's Caribbean heritage; without them the erasure is flagged.
    "CPR-006": (CPR, _all(_set("child.ethnicity", "White British"), _set("identity_needs.0.need", "Her family's story."),
                          _set("identity_needs.0.how_met", "A life story book.")),
                "$.child.ethnicity", _set("child.ethnicity", "White British")),
    "CPR-007": (CPR, _set("cpr.health_summary_on", None), "$.cpr.health_summary_on",
                _all(_set("cpr.health_summary_on", None), _set("cpr.medical_adviser", None))),
    # chronology[48] is the second review, which the case records on 3 September 2026.
    "CPR-008": (CPR, _set("chronology.48.date", "2026-09-10"), "$.chronology[48].date", _set("chronology.1.date", "2024-09-03")),
    "CPR-010": (CPR, _set("cpr.adm_decision.decided_on", "2026-10-09"), "$.cpr.adm_decision.decided_on",
                _all(_set("cpr.adm_decision.decided_on", "2026-10-09"), _set("adoption.adm_decision_on", "2026-10-09"))),
    "CPR-011": (CPR, _set("cpr.pregnancy_and_birth.text", "Poppy was born at full term."), "$.cpr.pregnancy_and_birth.text",
                _set("cpr.pregnancy_and_birth.text", "Poppy was born at full term; Kerry drank no alcohol while pregnant.")),
    "CPR-012": (CPR, _set("cpr.identity_analysis", None), "$.cpr.identity_analysis",
                _all(_set("cpr.identity_analysis", None), _set("people.6.ethnicity", "White and Black Caribbean"))),
    # A placement order, which only a court makes, in a case that records no proceedings.
    "CPR-013": (CPR, _all(_set("care_proceedings", None), lambda d: d["legal_basis"].append(_PLACEMENT_ORDER)), "$.legal_basis[1]",
                lambda d: d["legal_basis"].append(_PLACEMENT_ORDER)),
    "CPR-009": (CPR, _set("people.6.relationship", "Adoptive parents"), "$.people[6].relationship",
                _all(_set("people.6.relationship", "Adoptive parents"), lambda d: d["legal_basis"].append({
                    "kind": "adoption_order", "made_on": "2026-10-20", "court": "Family Court sitting at Exampleton",
                    "court_case_number": "ZZ26A00001"}))),


    # Authorship: the baby's case is signed off, and endorsed at its second review (reviews[1]).
    "AU-001": (BABY, _set("authorship.agency.name", "Elsewhere Borough Council"), "$.authorship.agency.name",
               _set("authorship.agency.name", "FICTIONSHIRE County Council - children's services")),
    "AU-002": (BABY, _set("authorship.endorsement.review_on", "2026-09-15"), "$.authorship.endorsement.review_on",
               _set("authorship.endorsement.comments", None)),
    "AU-003": (BABY, _set("authorship.endorsement", None), "$.authorship.endorsement",
               _all(_set("authorship.endorsement", None), _set("reviews.1.permanence_plan_endorsed", False))),
    "AU-004": (BABY, _set("authorship.team_manager_signed_on", None), "$.authorship.team_manager_signed_on",
               _set("authorship.team_manager_signed_on", "2026-11-15")),
    # A surname typed in the plural, a town and a nursery's name: each one finding, fixed by @-references.
    "SG-001": (BABY, _set("plans.primary.summary", "Ada stays with the FOSTER-\nFIELDS in Larkhaven and goes to Bumblewick."),
               "$.plans.primary.summary",
               _set("plans.primary.summary", "Ada stays with @carers in @placement.town and goes to @placement.school.")),
    "SG-002": (BABY, _set("plans.primary.summary", "Ada's foster home is the flat above the bakery, two miles from her mother."),
               "$.plans.primary.summary", _set("plans.primary.summary", "Ada's foster home is close to her nursery.")),
    "LL-001": (LETTER, _set(WHO_I_AM, "Notwithstanding considerable organisational complexity, responsibility was "
                                      "comprehensively transferred."),
               "$.later_life_letter.sections[0].text", _set(WHO_I_AM, "I was your social worker, which means I helped you.")),
    "LL-002": (LETTER, _set(WHO_I_AM, " ".join(["I was there"] * 9) + "."), "$.later_life_letter.sections[0].text",
               _set(WHO_I_AM, " ".join(["I was there"] * 8) + ".")),
    "LL-003": (LETTER, _set(WHO_I_AM, "I helped with your contact."), "$.later_life_letter.sections[0].text",
               _set(WHO_I_AM, "I helped you keep in touch.")),
    "LL-004": (LETTER, _set(WHO_I_AM, "Mia was a happy baby."), "$.later_life_letter.sections[0].text",
               _set(WHO_I_AM, "You were a happy baby.")),
    "LL-005": (LETTER, lambda d: d["later_life_letter"]["sections"].pop(), "$.later_life_letter.sections",
               lambda d: d["later_life_letter"]["sections"].pop(7)),
    # Dean, the birth father, is recorded as not part of Mia's life ($.people[1].involvement).
    "LL-006": (LETTER, _set(WHO_DECIDED, "Jade, Dean and I all told the judge what we thought."),
               "$.later_life_letter.sections[4].text",
               _set(WHO_DECIDED, "Jade and I told the judge what we thought. Dean was not able to be part of your life.")),
}


def test_every_rule_has_a_case() -> None:
    assert {rule.id for rule in RULES} == set(CASES)


def test_rule_ids_are_unique_and_every_rule_has_a_source() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.source and rule.title for rule in RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires(rule_id: str) -> None:
    sample, change, path, _ = CASES[rule_id]
    assert (rule_id, path) in findings_for(sample, change)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_does_not_fire_on_a_near_miss(rule_id: str) -> None:
    sample, _, _, near_miss = CASES[rule_id]
    assert rule_id not in {rule for rule, _ in findings_for(sample, near_miss)}


def test_the_sample_cases_findings_are_pinned() -> None:
    expected = {
        BABY: [],
        # The manager has not signed the plan off yet (it goes out marked as awaiting sign-off).
        LTF: [("AU-004", "warning", "$.authorship.team_manager_signed_on"), ("PP-015", "warning", "$.identity_needs")],
        # Neither has signed, and the IRO's endorsement at the review is not recorded.
        HOME: [
            ("AU-003", "warning", "$.authorship.endorsement"),
            ("AU-004", "warning", "$.authorship.social_worker_signed_on"),
            ("AU-004", "warning", "$.authorship.team_manager_signed_on"),
        ],
        LETTER: [],
        # The family-time sample has an ADM decision and a placement order, and no Child's Permanence Report.
        FT: [("CPR-005", "warning", "$.cpr")], CPR: [],
        # A relinquished baby, placed with her mother's consent: nothing left to do.
        "cpr-relinquished-baby": [],
        # Special guardianship by the grandmother, with its support plan, before the final hearing.
        "special-guardianship": [],
    }
    actual = {
        path.stem: [(f.rule, f.severity.value, f.path) for f in permdocs.check(permdocs.load_case(path))] for path in SAMPLES
    }
    # The first draft's letter is full of findings on purpose (see test_later_life_letter).
    assert {rule for rule, _, _ in actual.pop(FIRST_DRAFT)} == {"LL-001", "LL-002", "LL-003", "LL-004", "LL-005"}
    assert actual == expected


def test_an_adoption_plan_in_open_proceedings_awaits_its_placement_order() -> None:
    # The placement order application is heard within the care proceedings (the CPR is its Annex B report).
    data = sample_dict(CPR)
    assert not [f for f in check(permdocs.load_case(data)) if f.rule == "PP-006"]
    data["care_proceedings"]["concluded_on"] = "2026-10-22"
    assert [f.path for f in check(permdocs.load_case(data)) if f.rule == "PP-006"] == ["$.legal_basis"]


def test_an_endorsement_that_says_the_opposite_of_its_review_is_an_error() -> None:
    findings = findings_for(BABY, _set("authorship.endorsement.endorsed", False))
    assert ("AU-002", "$.authorship.endorsement.endorsed") in findings


def test_the_agency_is_checked_against_the_profile_the_case_is_rendered_with() -> None:
    case = permdocs.load_case(sample_dict(BABY))
    assert "AU-001" in {f.rule for f in permdocs.check(case, profile="devon-style")}
    assert "AU-001" not in {f.rule for f in permdocs.check(case)}
    # Without a council to compare with (checks called directly), the rule stays quiet.
    assert "AU-001" not in {f.rule for f in check(case)}


def test_an_adopted_childs_case_needs_no_contingency_or_live_placement_order() -> None:
    assert not [f for f in check(permdocs.load_case(ROOT / "samples" / f"{LETTER}.json")) if f.rule in ("PP-004", "PP-006")]


def test_a_very_young_child_needs_an_observation() -> None:
    data = sample_dict()
    data["voices"]["child"] = None
    (finding,) = [f for f in check(permdocs.load_case(data)) if f.rule == "PP-014"]
    assert "observation" in finding.message


def test_errors_come_before_warnings() -> None:
    data = sample_dict()
    data["plans"]["contingency"] = None
    data["identity_needs"] = []
    severities = [f.severity for f in check(permdocs.load_case(data))]
    assert severities == sorted(severities, key=lambda s: s is Severity.WARNING)
    assert Severity.ERROR in severities and Severity.WARNING in severities


def test_messages_do_not_name_people() -> None:
    data = sample_dict()
    data["options"][2]["carer_ids"] = ["mother"]
    data["family_time"] = []
    data["plans"]["primary"]["application"] = {"applicant_ids": ["aunt"], "planned_on": "2026-12-14", "consents": [], "leave_granted_on": None}
    messages = " ".join(f.message for f in check(permdocs.load_case(data)))
    assert messages and "Sampleford" not in messages and "Rosa" not in messages and "Mina" not in messages


@pytest.mark.parametrize(
    ("signed_as", "fires"),
    [
        ("The Plumbridges sign with first names", True),
        ("Plumbridge's letters are signed 'Mum and Dad'", True),
        ("THE PLUMBRIDGE FAMILY", True),
        ("Ash and Remi sign with first names", False),
        ("Plumbridgeton is never named", False),
    ],
)
def test_adopters_surname_in_its_usual_forms(signed_as: str, fires: bool) -> None:
    found = findings_for(FT, _set(f"{LETTERBOX}.signed_as", signed_as))
    assert (("FT-004", "$.family_time[0].letterbox.signed_as") in found) is fires


@pytest.mark.parametrize(
    ("item", "fires"),
    [
        ("Small gifts, but not money", True),
        ("Birthday money of not more than 10 pounds", True),
        ("No more than one small present", True),
        ("A card, but no money or gifts", False),
        ("Photos, never cash or vouchers", False),
        ("Anything without gifts", False),
    ],
)
def test_gifts_allowed_next_to_a_negation(item: str, fires: bool) -> None:
    found = findings_for(FT, _set(f"{LETTERBOX}.may_send.0", item))
    assert (("FT-005", "$.family_time[0].letterbox.may_send[0]") in found) is fires


def test_a_schedule_that_ends_at_18_says_so() -> None:
    data = sample_dict(FT)
    data["child"]["date_of_birth"] = "2009-01-15"
    data["family_time"][0]["schedule"] = {"repeats": "yearly", "months": [3]}
    found = [f for f in check(permdocs.load_case(data, folder=ROOT / "samples")) if f.rule == "FT-006"]
    (finding,) = [f for f in found if f.path == "$.family_time[0].schedule"]
    assert "turns 18" in finding.message


def test_an_id_holding_a_withheld_word_is_not_quoted_in_any_message() -> None:
    data = sample_dict(FT)
    data["family_time"][1]["id"] = "dunholt-park-plumbridge"
    data["family_time"][1]["review_on"] = None
    messages = [f.message for f in check(permdocs.load_case(data, folder=ROOT / "samples"))]
    assert any("number 2" in m for m in messages)
    assert not [m for m in messages if "dunholt" in m.lower() or "plumbridge" in m.lower()]
def test_long_term_fostering_by_an_aunt_points_to_connected_persons_fostering() -> None:
    """The practitioner's mix-up: a maternal aunt as carer, recorded as long-term fostering."""
    data = sample_dict()
    data["plans"]["primary"].update(route="long_term_fostering", carer_ids=["aunt"])
    found = check(permdocs.load_case(data))
    (ruled_out,) = [f for f in found if f.rule == "PP-005" and "family or friends" in f.message]
    assert "'connected_persons_fostering'" in ruled_out.hint
    (mix_up,) = [f for f in found if f.rule == "PP-025" and f.path == "$.plans.primary.route"]
    assert mix_up.severity is Severity.WARNING and "kinship foster care" in mix_up.hint


def test_unrelated_foster_carers_recorded_as_kinship_care_get_a_hint() -> None:
    data = sample_dict()
    data["options"][4]["route"] = "connected_persons_fostering"  # the early-permanence carers, role foster_carer
    found = [f for f in check(permdocs.load_case(data)) if f.rule == "PP-025"]
    assert [f.path for f in found] == ["$.options[4].route"] and "'long_term_fostering'" in found[0].hint



def _consent_findings(sample: str, change: Change) -> list[tuple[str, str]]:
    return [(rule, path) for rule, path in findings_for(sample, change) if rule == "PP-033"]


def test_where_adoption_is_the_plan_each_parent_with_pr_needs_a_consent_or_why_there_is_none() -> None:
    # The family-time sample's mother holds PR; the court dispensed with her consent with the placement order.
    assert _consent_findings(FT, lambda d: None) == []
    without = _set("adoption.consents_not_given", [])
    assert _consent_findings(FT, without) == [("PP-033", "$.people[0]")]
    # Her agreement with the plan does not stand in for consent to adoption ...
    assert _consent_findings(FT, _all(without, _set("voices.others.0.position", "agrees"))) == [("PP-033", "$.people[0]")]
    # ... but a consent given, refused or withdrawn does.
    consent = {"person_id": "mother", "kind": "placement", "given_on": "2026-06-01"}
    assert _consent_findings(FT, _all(without, _set("adoption.consents", [consent]))) == []
    for kind in ("refused", "withdrawn", "dispensed_with_cannot_be_found"):
        refusal = [{"person_id": "mother", "kind": kind, "on": "2026-06-01"}]
        assert _consent_findings(FT, _set("adoption.consents_not_given", refusal)) == []


def test_the_consent_finding_names_the_person_by_path_and_role_and_says_where_to_record_it() -> None:
    data = sample_dict(FT)
    data["adoption"]["consents_not_given"] = []
    (finding,) = [f for f in check(permdocs.load_case(data, folder=ROOT / "samples")) if f.rule == "PP-033"]
    assert finding.severity is Severity.WARNING and finding.path == "$.people[0]"
    assert "$.people[0] (mother, mother)" in finding.message and "Kerry" not in finding.message
    assert "$.adoption.consents_not_given" in finding.hint


def test_a_support_plan_is_expected_of_an_adoption_plan_once_the_adopters_are_named() -> None:
    no_plan = _set("plans.support_plan", None)
    assert ("PP-034", "$.plans.support_plan") in findings_for(FT, no_plan)
    assert "PP-034" not in {rule for rule, _ in findings_for(FT, _all(no_plan, _set("plans.primary.carer_ids", [])))}
    # Long-term fostering has no support plan of this kind.
    assert "PP-034" not in {rule for rule, _ in findings_for(LTF, lambda d: None)}
