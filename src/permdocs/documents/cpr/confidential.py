"""The court copy's confidential part: what identifies the prospective
adopters and where the child lives, and who the child's carers have been,
for the court only. It is filed separately from the report and not served
on the other parties, so the report itself names carers by role."""

from __future__ import annotations

from ...case.people import PersonRole
from ...practice.chronology import CARER_ROLES
from ...text.blocks import Block, Heading, Row, Table, text
from ...text.templating import capfirst, long_date
from .words import ReportWords


def confidential_part(words: ReportWords) -> list[Block]:
    placement = words.case.placement
    adopters = words.people(PersonRole.PROSPECTIVE_ADOPTER)
    name = words.name
    blocks: list[Block] = [
        Heading(f"{name}'s carers, and where {words.she} lives", 1),
        text(
            f"This part of the report is for the court only. It holds what identifies {name}'s prospective adopters "
            f"and where {words.she} lives, and who {name}'s carers have been. It is filed separately and is not "
            "served on the other parties, so the report itself names the carers only by their role."
        ),
    ]
    rows: list[Row] = []
    for adopter in adopters:
        rows.append(Row(((text(adopter.full_name),),), capfirst(words.carer_role(adopter, possessive=False))))
        if adopter.contact is not None and adopter.contact.address:
            rows.append(Row(((text(adopter.contact.address),),), "Address"))
        if adopter.employment:
            rows.append(Row(((text(adopter.employment),),), "Their work"))
    if placement is not None:
        rows += [
            Row(((text(value),),), what) for what, value in (
                ("Town", placement.town), ("School or nursery", placement.school_or_nursery),
                (f"{name} has lived there since", long_date(placement.since)),
            ) if value
        ]
    if rows:
        blocks.append(Table("The prospective adopters", ("", "Detail"), tuple(rows), (1, 2)))
    else:
        blocks.append(text(f"No prospective adopters are recorded for {name} yet."))
    carers = [
        Row(((text(person.full_name),), (text(capfirst(words.carer_role(person, possessive=False))),),
             (text(f"{long_date(period.start)} to {long_date(period.end) if period.end else 'now'}"),)))
        for person in words.people(*CARER_ROLES) for period in person.lived_with_child
    ]
    if carers:
        blocks.append(Table(f"Everyone {name} has lived with in care", ("Name", "Role", "When"), tuple(carers), (3, 2, 4)))
    return blocks
