"""The court copy's confidential part: the prospective adopters' identifying
details, filed separately and not served on the other parties."""

from __future__ import annotations

from ...blocks import Block, Heading, Row, Table, text
from ...case.people import PersonRole
from ...templating import long_date
from .words import ReportWords


def confidential_part(words: ReportWords) -> list[Block]:
    """The prospective adopters' identifying details, kept out of the court's
    copy of the report and filed separately (brief s.4.3)."""
    placement = words.case.placement
    adopters = words.people(PersonRole.PROSPECTIVE_ADOPTER)
    blocks: list[Block] = [
        Heading("The prospective adopters", 1),
        text(
            f"This part of the report holds what identifies {words.name}'s prospective adopters and where "
            f"{words.name} lives. It is filed separately from the report and is not served on the other parties."
        ),
    ]
    if not adopters:
        return [*blocks, text("No prospective adopters are recorded for this child yet.")]
    rows: list[Row] = []
    for adopter in adopters:
        rows.append(Row(((text(f"{adopter.given_names} {adopter.family_name}"),),), "Names"))
        if adopter.contact is not None and adopter.contact.address:
            rows.append(Row(((text(adopter.contact.address),),), "Address"))
        if adopter.employment:
            rows.append(Row(((text(adopter.employment),),), "Employment"))
    if placement is not None:
        rows += [
            Row(((text(value),),), what) for what, value in (
                ("Town", placement.town), ("School or nursery", placement.school_or_nursery),
                ("Living there since", long_date(placement.since)),
            ) if value
        ]
    blocks.append(Table("Identifying details", ("", "Detail"), tuple(rows), (1, 3)))
    return blocks
