"""Completeness of the Child's Permanence Report (brief s.4.3; Adoption
Agencies Regulations 2005 Schedule 1; FPR PD14C). Each required section
either has text or says why it does not apply; a section with neither is an
error naming the section and the JSON path that would fill it. The rules
apply only to a case that has begun a report (``$.cpr``).

``permdocs check`` lists these findings as a group of their own (rule ids
CPR-...), so a worker finishing the report sees what is left in one place.
"""

from __future__ import annotations

from ..case.people import PersonRole
from .findings import CheckInput, Severity
from .rules import Problems, rule

SOURCE = "Adoption Agencies Regulations 2005 Sch. 1; FPR PD14C (Annex B)"
#: Rule ids of this group start with this.
GROUP_PREFIX = "CPR-"

#: The sections the worker writes, by field, with the report's name for them.
REQUIRED_SECTIONS = (
    ("respondents_under_18", "Section A, parties under 18"),
    ("matters_for_proceedings", "Section A, the matters for the proceedings"),
    ("health", "Section B, health (the medical adviser's summary)"),
    ("development", "Section B, development, emotional and behavioural needs, and self-care"),
    ("education", "Section B, education"),
    ("relationships", "Section B, relationships"),
    ("parenting_capacity", "Section B, parenting capacity"),
    ("agency_actions", "Section B, the agency's actions and decisions"),
    ("family_time_proposed", "Section B, family time proposed"),
    ("why_adoption", "Section C, why adoption is recommended"),
)


@rule("CPR-001", "A required section of the Child's Permanence Report is missing", Severity.ERROR, SOURCE)
def missing_sections(given: CheckInput) -> Problems:
    report = given.case.cpr
    if report is None:
        return
    for name, section in REQUIRED_SECTIONS:
        if getattr(report, name) is None:
            yield f"$.cpr.{name}", f"{section} is missing: write it (text), or say why it does not apply (not_applicable_because)."


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
