"""The court chronology: Section A of a bundle (FPR PD27A) holds one, in the
form of the Public Law Outline's social work chronology (date, event,
source, and where the evidence is, where known), after the placement
timeline that draws the same events.

Its rows are the Child's Permanence Report's rows (cpr.chronology): the
social worker's entries and the events the case records in its own fields
(orders, hearings, reviews, moves, decisions), each event told once, with
one source for each kind of event. A judge reading both documents finds the
same dates.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...case import Case
from ...text.blocks import Block, Heading, Row, Table, text
from ...text.templating import long_date
from ...text.timeline import timeline_diagram
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from ..cpr.chronology import chronology_rows
from ..cpr.words import CaseWords
from ..declaration import ResolvedRequest


@dataclass(frozen=True)
class ChronologyDocument:
    """Everything the chronology templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> ChronologyDocument:
    words = CaseWords(case, request)
    return ChronologyDocument(
        document=document_info(case, request, "Chronology", "Social work chronology"),
        child=child_identity(case),
        body=(*_events(words), *_about(words)),
    )


def _events(words: CaseWords) -> tuple[Block, ...]:
    case = words.case
    references = {(entry.date, entry.event): entry.reference for entry in case.chronology if entry.reference}
    rows = chronology_rows(words)
    with_references = bool(references)
    header = ("Date", "Event", "Source", *(("Evidence",) if with_references else ()))
    # "Assessment" and "17 September 2026" each fit their column on one line at 12 pt.
    widths = (27, 40, 19, 14) if with_references else (27, 53, 20)
    return (
        Heading(f"{words.name}'s chronology", anchor="chronology"),
        # The whole timeline opens the chronology, as it opens the CPR's: the
        # case summary before it in Section A has no room for it in its two
        # pages of 12 pt type.
        timeline_diagram(case, family_time=words.family_time),
        Table(
            f"Significant events in {words.name}'s life and the proceedings, oldest first",
            header,
            tuple(
                Row((
                    (text(long_date(row.on)),), (text(row.what),), (text(row.source),),
                    *(((text(references.get((row.on, row.what), "")),),) if with_references else ()),
                ))
                for row in rows
            ),
            widths,
            # Rows may flow on from under the timeline: a short chronology
            # moved whole would leave the first page half empty.
            keep_together=False,
        ),
    )


def _about(words: CaseWords) -> tuple[Block, ...]:
    case = words.case
    author = case.authorship.social_worker
    return (
        Heading("About this chronology", anchor="about"),
        text(
            f"{author.name} ({author.role.lower()}) prepared this chronology on {long_date(case.prepared_on)}. Most "
            "entries are the social worker's account. The Source column names the record the others come from: "
            f"{words.name}'s birth record, the court's orders and hearings, reviews, assessments, the agency's "
            f"decisions and the record of where {words.she} lived; their dates are the dates in those records."
        ),
        *((text("The Child's Permanence Report's chronology is made from the same records, so the two give the "
                 "same dates."),) if case.cpr is not None else ()),
        *((text("The Evidence column says where an event is evidenced, where that is known."),)
          if any(entry.reference for entry in case.chronology) else ()),
    )
