"""Section A of the Child's Permanence Report: the report itself, the agency,
the parties and the matters for the proceedings."""

from __future__ import annotations

from ...blocks import Block, Heading, Row, Table, text
from ..common import display_name
from .words import PARENT_ROLES, ReportWords, written

Part = tuple[str, list[Block]]


def section_a(words: ReportWords) -> list[Part]:
    case, cpr = words.case, words.cpr
    about = text(
        f"This is the Child's Permanence Report for {case.child.given_names} {case.child.family_name}. It is written "
        f"for the Agency Decision Maker, who decides whether {words.name} should be placed for adoption; for the "
        f"court, as the report under Annex B of Practice Direction 14C; for the people who may adopt {words.name}; "
        f"and for {words.name}, who may read it as an adult."
    )
    authors = Table(
        "Who wrote this report",
        ("Name", "Role", "Sections", "Qualifications", "Qualified to write adoption reports"),
        tuple(
            Row((
                (text(a.name),), (text(a.role),), (text(", ".join(a.sections)),), (text(a.qualifications or "Not recorded"),),
                (text("Yes" if a.qualified_for_adoption_reports else "No"),),
            ))
            for a in cpr.authors
        ),
        (3, 3, 2, 4, 2),
    )
    agency = case.authorship.agency
    references = Table(
        "The agency and its references",
        ("", "Detail"),
        (
            Row(((text(agency.name),),), "Agency"),
            Row(((text(agency.address),),), "Address"),
            *(Row(((text(r.value),),), r.label) for r in cpr.agency_references),
        ),
        (1, 3),
    )
    return [
        ("About this report", [about, authors]),
        ("The agency", [references]),
        ("The parties", [_parties(words), Heading("Parties under 18", 3), *written(cpr.respondents_under_18, "$.cpr.respondents_under_18")]),
        ("The matters for the proceedings", written(cpr.matters_for_proceedings, "$.cpr.matters_for_proceedings")),
    ]


def _parties(words: ReportWords) -> Table:
    case = words.case
    rows = [Row(((text(case.authorship.agency.name),),), "Applicant")]
    for person in words.people(*PARENT_ROLES):
        if person.has_parental_responsibility:
            rows.append(Row(((text(display_name(person)),),), "Respondent"))
    rows.append(Row(((text(f"{words.name}, through the children's guardian"),),), "Respondent"))
    return Table("Parties to the proceedings", ("Party", "Name"), tuple(rows), (1, 3))
