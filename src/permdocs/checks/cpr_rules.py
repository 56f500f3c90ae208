"""Completeness and consistency of the Child's Permanence Report (brief
s.4.3; Adoption Agencies Regulations 2005 Schedule 1; FPR PD14C).

Each required section either has content or says why it does not apply; a
section with neither is an error naming the section and the JSON path that
would fill it, so a final report never prints a gap, and never turns a gap
into a statement ("no relative was assessed") the case does not make. The
warnings catch what makes a report contradict itself or the child's story:
a chronology whose dates differ from the orders, a heritage the recorded
ethnicity leaves out, adopters called parents before any adoption order.

``permdocs check`` lists these findings as a group of their own (rule ids
CPR-...), so a worker finishing the report sees what is left in one place.
Messages name sections, paths and dates, never what a worker wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..case.cpr import WelfareFactor
from ..case.legal import LegalBasisKind
from ..case.people import PersonRole
from ..case.planning import IdentityAspect
from ..practice.calendar_dates import long_date
from ..practice.chronology import EventKind, entry_kinds, matches, recorded_events
from .findings import CheckInput, Severity
from .rules import ADOPTION_ROUTES, Problems, rule

SOURCE = "Adoption Agencies Regulations 2005 Sch. 1; FPR PD14C (Annex B)"
#: Rule ids of this group start with this.
GROUP_PREFIX = "CPR-"
#: How ``permdocs check`` titles the group.
GROUP_TITLE = "Child's Permanence Report: completeness and consistency"

#: The sections the worker writes, by field, with the report's name for them.
REQUIRED_SECTIONS = (
    ("physical_description", "Section B, what the child looks like"),
    ("property_or_inheritance", "Section B, the child's property and inheritance"),
    ("health", "Section B, health (the medical adviser's summary)"),
    ("pregnancy_and_birth", "Section B, the pregnancy and birth"),
    ("future_health_needs", "Section B, future health needs"),
    ("development", "Section B, development, emotional and behavioural needs, and self-care"),
    ("education", "Section B, education"),
    ("relationships", "Section B, relationships"),
    ("parenting_capacity", "Section B, parenting capacity"),
    ("relatives_considered", "Section B, the relatives and friends considered as carers"),
    ("agency_actions", "Section B, the agency's actions and decisions"),
    ("family_time_now", "Section B, family time now"),
    ("family_time_proposed", "Section B, family time proposed"),
    ("why_adoption", "Section C, why adoption is recommended"),
)


#: What Annex B asks of a report filed in proceedings, by field.
PROCEEDINGS_SECTIONS = (
    ("respondents_under_18", "Section A, parties under 18"),
    ("matters_for_proceedings", "Section A, the matters for the proceedings"),
    ("other_parties", "Section A, whether anyone else should be made a party"),
    ("capacity", "Section A, whether any party lacks capacity"),
)


@rule("CPR-001", "A required section of the Child's Permanence Report is missing", Severity.ERROR, SOURCE)
def missing_sections(given: CheckInput) -> Problems:
    report = given.case.cpr
    if report is None:
        return
    for name, section in REQUIRED_SECTIONS:
        if getattr(report, name) is None:
            yield f"$.cpr.{name}", f"{section} is missing: write it (text), or say why it does not apply (not_applicable_because)."
    yield from _missing_from_the_case(given)


def _missing_from_the_case(given: CheckInput) -> Problems:
    """Sections the report takes from the rest of the case."""
    case = given.case
    assert case.cpr is not None
    if not case.chronology:
        yield "$.chronology", "Section B, the chronology of the child's life since birth, is missing: add the significant events."
    if case.placement is None:
        yield "$.placement", "Section B, where the child lives now, is missing: record the child's home."
    if case.cpr.place_of_birth is None:
        yield "$.cpr.place_of_birth", "Section B, where the child was born, is missing: give the town and hospital."
    accounted = {account.person_id for account in case.cpr.parent_accounts}
    for index, person in enumerate(case.people):
        if person.role in (PersonRole.MOTHER, PersonRole.FATHER) and person.id not in accounted:
            yield "$.cpr.parent_accounts", (
                f"Section B, the {person.role.value} as a person ($.people[{index}]), is missing: add an entry with "
                "their appearance, education, work, personality and interests, and their own account of their background."
            )
    if case.care_proceedings is not None:
        # Annex B's matters for a court that will decide placement (FPR PD14C).
        for name, section in PROCEEDINGS_SECTIONS:
            if getattr(case.cpr, name) is None:
                yield f"$.cpr.{name}", f"{section} is missing: write it, or say why it does not apply (not_applicable_because)."
        if case.cpr.childrens_guardian is None:
            yield "$.cpr.childrens_guardian", (
                "Section A, the children's guardian and their view of the plan, is missing: the decision maker must "
                "take the guardian's view into account; give their name and view."
            )


@rule("CPR-002", "The Child's Permanence Report has no record of the child's wishes and feelings", Severity.ERROR, SOURCE)
def no_wishes(given: CheckInput) -> Problems:
    if given.case.cpr is not None and given.case.voices.child is None:
        yield "$.voices.child", "Section B, the child's wishes and feelings, is missing: record them, or for a baby what was observed."


@rule("CPR-003", "A parent's views are missing from the Child's Permanence Report", Severity.WARNING, SOURCE)
def parents_views(given: CheckInput) -> Problems:
    case = given.case
    if case.cpr is None:
        return
    with_view = {view.person_id for view in case.voices.others}
    for person in case.people:
        if person.role in (PersonRole.MOTHER, PersonRole.FATHER) and person.id not in with_view:
            yield "$.voices.others", f"Section B has no view from the child's {person.role.value} ({person.id}); record it, or that they did not give one."


@rule("CPR-004", "The Child's Permanence Report has no health summary author", Severity.WARNING, SOURCE)
def medical_adviser(given: CheckInput) -> Problems:
    report = given.case.cpr
    if report is not None and report.health is not None and report.health.text and report.medical_adviser is None:
        yield "$.cpr.medical_adviser", "The health summary comes from the agency's medical adviser: name them."


@rule("CPR-005", "Adoption is the plan but the case holds no Child's Permanence Report", Severity.WARNING,
      "Adoption Agencies Regulations 2005 reg 17; FPR PD14C (Annex B)")
def no_report(given: CheckInput) -> Problems:
    case = given.case
    if case.cpr is not None or case.plans.primary.route not in ADOPTION_ROUTES:
        return
    if any(b.kind is LegalBasisKind.ADOPTION_ORDER for b in case.legal_basis):
        return  # adopted: the report did its work before the order
    decided = case.adoption is not None and case.adoption.adm_decision_on is not None
    placement_order = any(b.kind is LegalBasisKind.PLACEMENT_ORDER and b.in_force for b in case.legal_basis)
    if decided or placement_order:
        reason = "an Agency Decision Maker's decision" if decided else "a placement order"
        yield "$.cpr", (
            f"The case records {reason}, which rests on a Child's Permanence Report, but holds no report: start one "
            "in $.cpr, so that it can be checked and rendered."
        )


#: Words of an ethnicity that say nothing about heritage on their own.
_NOT_HERITAGE = frozenset(
    "and or any other background mixed multiple ethnic group groups heritage of the a dual british english "
    "scottish welsh northern".split()
)


def _heritage_words(ethnicity: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]+", ethnicity.lower()) if word not in _NOT_HERITAGE}


@rule("CPR-006", "A parent's heritage is missing from the child's recorded ethnicity", Severity.WARNING,
      "Adoption Agencies Regulations 2005 Sch. 1 Part 1; Children Act 1989 s.22(5)(c)")
def heritage_left_out(given: CheckInput) -> Problems:
    case = given.case
    if case.cpr is None:
        return
    child = _heritage_words(case.child.ethnicity)
    needs = " ".join(
        f"{n.need} {n.how_met}" for n in case.identity_needs if n.aspect in (IdentityAspect.ETHNICITY, IdentityAspect.CULTURE)
    ).lower()
    for index, person in enumerate(case.people):
        if person.role not in (PersonRole.MOTHER, PersonRole.FATHER) or person.ethnicity is None:
            continue
        missing = _heritage_words(person.ethnicity) - child
        if missing and not any(re.search(rf"\b{word}\b", needs) for word in missing):
            yield "$.child.ethnicity", (
                f"The child's recorded ethnicity leaves out part of the {person.role.value}'s heritage "
                f"($.people[{index}].ethnicity), and the identity needs (ethnicity, culture) do not mention it: check "
                "the child's ethnicity, and say how that part of the child's identity is met."
            )


@rule("CPR-007", "The medical adviser's health summary is undated", Severity.WARNING, SOURCE)
def health_summary_undated(given: CheckInput) -> Problems:
    report = given.case.cpr
    if report is not None and report.medical_adviser is not None and report.health_summary_on is None:
        yield "$.cpr.health_summary_on", "The report names the medical adviser but not the date of their health summary: add it."


#: How a check message names each kind of recorded event.
_EVENT_WORDS = {
    EventKind.BIRTH: "the child's birth",
    EventKind.PROCEEDINGS_ISSUED: "the issue of care proceedings",
    EventKind.ORDER_MADE: "an order being made",
    EventKind.EXTENSION: "an extension of the timetable",
    EventKind.FINAL_HEARING: "the final hearing",
    EventKind.REVIEW: "a review",
    EventKind.ADM_DECISION: "the Agency Decision Maker's decision that the child should be placed for adoption",
    EventKind.ASSESSMENT_COMPLETED: "a relative's assessment being completed",
    EventKind.MOVE: "a move to a new home",
}


@rule("CPR-008", "The chronology gives a date the case records differently", Severity.WARNING,
      "FPR PD12A (the local authority's chronology); FPR PD14C (Annex B)")
def chronology_contradicts_the_record(given: CheckInput) -> Problems:
    case = given.case
    if case.cpr is None:
        return
    events = recorded_events(case, case.prepared_on)
    for index, entry in enumerate(case.chronology):
        for kind in entry_kinds(case, entry.event):
            same_kind = [e for e in events if matches(kind, e)]
            if any(e.on == entry.date for e in same_kind):
                continue
            what = _EVENT_WORDS[kind.kind]
            recorded = ", ".join(long_date(e.on) for e in same_kind)
            elsewhere = (
                f"the case records it on {recorded} ({same_kind[0].path})" if same_kind
                else "the case holds no record of it"
            )
            yield f"$.chronology[{index}].date", (
                f"This entry tells of {what} on {long_date(entry.date)}, but {elsewhere}. The report's chronology "
                "lists the case's own record, so correct the entry or the record."
            )


_ADOPTIVE = re.compile(r"\badoptive\b|\badopted\b", re.IGNORECASE)


@rule("CPR-009", "Prospective adopters are described as adoptive parents before any adoption order", Severity.WARNING,
      "Adoption and Children Act 2002 ss.46-47")
def adopters_called_parents(given: CheckInput) -> Problems:
    case = given.case
    # The report and the family-time agreements both print these words.
    if (case.cpr is None and not case.family_time) or any(b.kind is LegalBasisKind.ADOPTION_ORDER for b in case.legal_basis):
        return
    for path, words in _carer_descriptions(given):
        if _ADOPTIVE.search(words):
            yield path, (
                "The child's prospective adopters are described as adoptive, but no adoption order is recorded: call "
                "them prospective adopters until the court makes the order."
            )


def _carer_descriptions(given: CheckInput) -> Iterator[tuple[str, str]]:
    case = given.case
    for index, person in enumerate(case.people):
        if person.role is PersonRole.PROSPECTIVE_ADOPTER:
            yield f"$.people[{index}].relationship", person.relationship
    if case.placement is not None:
        yield "$.placement.description", case.placement.description


@rule("CPR-010", "The Agency Decision Maker's recorded decision is incomplete", Severity.WARNING,
      "Adoption Agencies Regulations 2005 reg 19; Adoption and Children Act 2002 s.1(4)")
def adm_decision_incomplete(given: CheckInput) -> Problems:
    case = given.case
    report = case.cpr
    decided_on = case.adoption.adm_decision_on if case.adoption is not None else None
    if report is None:
        return
    decision = report.adm_decision
    if decision is None:
        if decided_on is not None:
            yield "$.cpr.adm_decision", (
                f"The case records a decision on {long_date(decided_on)}, but the report does not: record who decided, "
                "on what material, and the reasons against the welfare checklist."
            )
        return
    if decided_on is not None and decision.decided_on != decided_on:
        yield "$.cpr.adm_decision.decided_on", (
            f"The report dates the decision {long_date(decision.decided_on)}; the case records "
            f"{long_date(decided_on)} ($.adoption.adm_decision_on)."
        )
    for factor in WelfareFactor:
        if factor not in decision.reasons:
            letter, what = factor.description.split(" ", 1)
            yield f"$.cpr.adm_decision.reasons.{factor.value}", (
                f"The reasons leave out factor {letter} of the welfare checklist (ACA 2002 s.1(4)), {what[0].lower()}"
                f"{what[1:-1]}: give the decision maker's reasons on it."
            )
    if report.childrens_guardian is not None and not any("guardian" in item.lower() for item in decision.material_read):
        yield "$.cpr.adm_decision.material_read", (
            "The material read does not include the children's guardian's view, which the decision maker must "
            "take into account: list it."
        )


#: Words that say a parent used alcohol or drugs, in the case's own text.
_USE = re.compile(r"\b(drink(?:ing|s)?|drunk|alcohol\w*|drugs?|cannabis|heroin|cocaine|methadone|substance)\b", re.IGNORECASE)
#: Words that say the pregnancy section has considered exposure before birth.
_EXPOSURE = re.compile(r"\b(alcohol|drink\w*|drugs?|substances?|expos\w+|foetal|fetal|FASD)\b", re.IGNORECASE)


@rule("CPR-011", "The pregnancy and birth say nothing of exposure to alcohol or drugs the case records", Severity.WARNING,
      "Adoption Agencies Regulations 2005 Sch. 1 Part 1 (health); CoramBAAF CPR England 2025")
def antenatal_exposure(given: CheckInput) -> Problems:
    case, report = given.case, given.case.cpr
    if report is None or report.pregnancy_and_birth is None or report.pregnancy_and_birth.text is None:
        return
    record = " ".join(
        [entry.event for entry in case.chronology]
        + [w.text for w in (report.parenting_capacity, report.health) if w is not None and w.text]
    )
    if _USE.search(record) and not _EXPOSURE.search(report.pregnancy_and_birth.text):
        yield "$.cpr.pregnancy_and_birth.text", (
            "The case records a parent's use of alcohol or drugs, and the pregnancy and birth do not say whether the "
            "child was exposed before birth: ask the medical adviser, and say what is known, or that it is not."
        )


@rule("CPR-012", "The child's heritage differs from the proposed family's, and the report does not say how it is met",
      Severity.WARNING, "Adoption and Children Act 2002 s.1(4)(d), (5); CoramBAAF CPR England 2025")
def identity_analysis_missing(given: CheckInput) -> Problems:
    case, report = given.case, given.case.cpr
    if report is None or (report.identity_analysis is not None and report.identity_analysis.text is not None):
        return
    adopters = [p for p in case.people if p.role is PersonRole.PROSPECTIVE_ADOPTER and p.ethnicity]
    family = set().union(*(_heritage_words(p.ethnicity or "") for p in adopters)) if adopters else set()
    if adopters and _heritage_words(case.child.ethnicity) - family:
        yield "$.cpr.identity_analysis", (
            "The child's heritage includes what the proposed family's does not: say how the family will meet the "
            "child's identity needs (ethnicity, culture, religion, language) and the life-story work that goes with it."
        )


@rule("CPR-013", "The report's route to the placement decision disagrees with the case", Severity.WARNING,
      "Adoption Agencies Regulations 2005 regs 17-19, as amended by SI 2012/1410")
def route_to_placement_disagrees(given: CheckInput) -> Problems:
    """The report names the adoption panel only where no court decides
    placement (the case records no proceedings). A placement order, which
    only a court makes, in such a case means one of the two is wrong, and
    the report would be addressed to the wrong decision makers."""
    case = given.case
    if case.cpr is None:
        return
    placement_order = next(
        (i for i, basis in enumerate(case.legal_basis) if basis.kind is LegalBasisKind.PLACEMENT_ORDER), None
    )
    if case.care_proceedings is None and placement_order is not None:
        yield f"$.legal_basis[{placement_order}]", (
            "The case records a placement order but no care proceedings, so the report is written for the adoption "
            "panel as if placement were by consent: record the proceedings in $.care_proceedings, or correct the order."
        )
