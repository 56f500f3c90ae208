"""Section A of the Child's Permanence Report: the report itself, its
authors, the agency, the parties and the matters for the proceedings."""

from __future__ import annotations

from ...text.blocks import Block, Heading, Row, Table, text
from ...text.templating import long_date
from ..common import and_list, display_name
from .adult_note import note_to_the_adult
from .words import PARENT_ROLES, ReportWords, written

Part = tuple[str, list[Block]]


def section_a(words: ReportWords) -> list[Part]:
    cpr = words.cpr
    if words.for_adult:
        # What the adopters were given, without what was only for the court (ACA 2002 s.60(2)(b)).
        return [
            ("A note for you", note_to_the_adult(words)),
            ("The authors and the agency", [_authors(words), _agency(words)]),
        ]
    about: list[Part] = [("About this report", [_about(words), _authors(words)]), ("The agency", [_agency(words)])]
    if words.case.care_proceedings is None:
        # Annex B's matters (FPR PD14C) are for a court deciding placement; with consent, none is.
        return [*about, ("The court", [text(
            f"No court proceedings about {words.name} are under way: {words.her} placement for adoption rests on "
            "consent, so there are no parties and no matters for a court in this report."
        )])]
    return [
        *about,
        ("The parties", [
            *_parties(words), Heading("Other parties under 18", 3), *written(cpr.respondents_under_18),
            *_proceedings_matters(words),
        ]),
        ("The matters for the proceedings", written(cpr.matters_for_proceedings)),
        ("The children's guardian", _guardian(words)),
    ]


def _proceedings_matters(words: ReportWords) -> list[Block]:
    """What Annex B asks of a report filed in proceedings (FPR PD14C): who else should be a party, and capacity."""
    return [
        Heading("Whether anyone else should be made a party", 3), *written(words.cpr.other_parties),
        Heading("Whether any party lacks capacity", 3), *written(words.cpr.capacity),
    ]


def _guardian(words: ReportWords) -> list[Block]:
    guardian = words.cpr.childrens_guardian
    if guardian is None:
        return [text("The children's guardian and their view of the plan are not yet recorded.", "warning")]
    return [
        text(f"{words.name}'s children's guardian in the proceedings is {guardian.name}. The guardian's view of the plan:"),
        *written(guardian.view),
    ]


def _about(words: ReportWords) -> Block:
    name = words.name
    if words.goes_to_panel:
        deciders = (f"the adoption panel, which recommends whether {name} should be placed for adoption, and the "
                    "Agency Decision Maker, who decides")
    else:
        deciders = (f"the Agency Decision Maker, who decides whether {name} should be placed for adoption; for the "
                    "court, which receives it with the local authority's application for a placement order, as "
                    "Annex B to Practice Direction 14C asks")
    return text(
        f"This is the Child's Permanence Report about {words.full_name}, who is known as {name}. It is written for "
        f"{deciders}; for the prospective adopters, when they are matched with {name}; and for {name}, who may "
        "read the adopters' copy as an adult."
    )


def _authors(words: ReportWords) -> Table:
    def qualifications(author) -> str:  # type: ignore[no-untyped-def]
        parts = [author.qualifications or "Not recorded"]
        if author.registration_number:
            parts.append(f"registration number {author.registration_number}")
        return "; ".join(parts)

    return Table(
        "Who wrote this report",
        ("Name", "Role", "Sections written", "Qualifications and registration", "Qualified to write adoption reports"),
        tuple(
            Row((
                (text(a.name),), (text(a.role),), (text(and_list(list(a.sections))),), (text(qualifications(a)),),
                (text("Yes" if a.qualified_for_adoption_reports else "No"),),
            ))
            for a in words.cpr.authors
        ),
        (3, 3, 2, 4, 3),
    )


def _agency(words: ReportWords) -> Table:
    agency = words.case.authorship.agency
    return Table(
        "The agency and its references",
        ("", "Detail"),
        (
            Row(((text(agency.name),),), "Agency"),
            Row(((text(agency.address),),), "Address"),
            *(Row(((text(r.value),),), r.label) for r in words.cpr.agency_references),
        ),
        (1, 3),
    )


def _parties(words: ReportWords) -> list[Block]:
    case = words.case
    proceedings = case.care_proceedings
    assert proceedings is not None  # Section A has no parties without proceedings
    rows = [Row(((text(case.authorship.agency.name),),), "Applicant")]
    for person in words.people(*PARENT_ROLES):
        if person.has_parental_responsibility:
            rows.append(Row(((text(display_name(person)),),), "Respondent"))
    rows.append(Row(((text(f"{words.name}, through {words.her} children's guardian"),),), "Respondent"))
    where = f"in the {proceedings.court}, case number {proceedings.court_case_number}"
    return [
        text(f"The proceedings were issued on {long_date(proceedings.issued_on)} {where}."),
        Table("Parties to the proceedings", ("Party", "Who"), tuple(rows), (1, 3)),
    ]
