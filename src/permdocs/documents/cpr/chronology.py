"""The report's chronology: the social worker's entries and the events the
case records in its own fields, in one table in date order, each row saying
where it comes from (permdocs.practice.chronology explains why).

A worker's entry that tells of a recorded event on the same day takes that
event's place (it is the same event, told in more detail) and takes its
source; every other recorded event is worded here from the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...practice.chronology import (
    EventKind,
    RecordedEvent,
    entry_kinds,
    entry_source,
    matches,
    recorded_events,
    source_of,
)
from ...text.blocks import Block, Row, Table, text
from ...text.templating import long_date
from ..labels import label
from .words import CaseWords

#: Source of the worker's own entries.
WORKER = "Social worker"
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True)
class ChronologyRow:
    on: date
    what: str
    source: str


def chronology_rows(words: CaseWords) -> list[ChronologyRow]:
    """Every row of the report's chronology, oldest first (a day's recorded events before its other entries)."""
    case = words.case
    events = recorded_events(case, words.on)
    folded: dict[int, str] = {}  # entry index -> the source it takes over
    told: set[int] = set()  # recorded events a worker's entry tells of
    for index, entry in enumerate(case.chronology):
        for kind in entry_kinds(case, entry.event):
            for number, event in enumerate(events):
                if event.on == entry.date and matches(kind, event) and number not in told:
                    told.add(number)
                    folded.setdefault(index, source_of(event))
    rows = [
        ChronologyRow(event.on, _recorded(words, event), source_of(event))
        for number, event in enumerate(events) if number not in told and _worth_a_row(event, events)
    ]
    rows += [
        ChronologyRow(e.date, e.event, folded.get(i) or entry_source(e.event) or WORKER) for i, e in enumerate(case.chronology)
    ]
    # Stable: on one day, recorded events first, then the worker's entries in their order.
    return sorted(rows, key=lambda row: row.on)


def _worth_a_row(event: RecordedEvent, events: list[RecordedEvent]) -> bool:
    # Becoming looked after on the day an order was made is that order's doing, not a second event.
    return not (event.kind is EventKind.LOOKED_AFTER and any(
        e.kind is EventKind.ORDER_MADE and e.on == event.on for e in events
    ))


def _recorded(words: CaseWords, event: RecordedEvent) -> str:
    """A recorded event in a sentence, from the record itself."""
    case, name = words.case, words.name
    match event.kind:
        case EventKind.BIRTH:
            return f"{name} was born."
        case EventKind.PROCEEDINGS_ISSUED:
            assert case.care_proceedings is not None
            return f"The local authority began care proceedings in the {case.care_proceedings.court}."
        case EventKind.ORDER_MADE:
            assert event.order is not None
            return _order_made(words, event)
        case EventKind.ORDER_ENDED:
            assert event.order is not None
            if event.order.value == "section_20":
                return f"{name}'s accommodation by agreement under s.20 of the Children Act 1989 ended."
            return f"The {label(event.order).lower()} ended."
        case EventKind.EXTENSION:
            assert case.care_proceedings is not None
            weeks = case.care_proceedings.extensions[event.index].weeks
            return f"The court extended the timetable of the proceedings by {weeks} weeks."
        case EventKind.FINAL_HEARING:
            return "The final hearing."
        case EventKind.LOOKED_AFTER:
            return f"{name} {words.request.profile.terms.became_looked_after}."
        case EventKind.REVIEW:
            number = _ORDINALS[event.index - 1] if event.index <= len(_ORDINALS) else f"number {event.index}"
            endorsed = f", which endorsed {words.her} permanence plan" if event.endorsed else ""
            return f"The {number} review of {name}'s care plan{endorsed}."
        case EventKind.ADM_DECISION:
            return f"The Agency Decision Maker decided that {name} should be placed for adoption."
        case EventKind.ASSESSMENT_COMPLETED:
            assert case.cpr is not None
            assessment = case.cpr.relative_assessments[event.index]
            person = case.person(assessment.person_id)
            return f"{assessment.kind} of {words.first_name(person)} completed: {assessment.outcome.value}."
        case EventKind.MOVE:
            carer = case.person(event.person_id) if event.person_id else None
            return f"{name} went to live with {words.carer(carer)}." if carer else f"{name} moved to a new home."
    raise AssertionError(event.kind)  # every kind is worded above


def _order_made(words: CaseWords, event: RecordedEvent) -> str:
    assert event.order is not None
    what = label(event.order)
    if event.order.value == "section_20":
        return f"{words.name} was accommodated by agreement, under s.20 of the Children Act 1989."
    return f"The court made {'an' if what[0] in 'AEIOU' else 'a'} {what.lower()}."


def chronology(words: CaseWords) -> list[Block]:
    """The chronology's table, with a line on how to read its sources."""
    rows = chronology_rows(words)
    blocks: list[Block] = []
    if not words.case.chronology:
        blocks.append(text(
            "The social worker's chronology has not been written yet: the table holds only the events the case records.",
            "warning",
        ))
    blocks.append(text(
        "Most entries are the social worker's account. The Source column names the record the others come from: "
        f"{words.name}'s birth record, the court's orders and hearings, reviews, assessments, the agency's "
        f"decisions and the record of where {words.she} lived. Their dates are the dates in those records.",
        "note",
    ))
    blocks.append(Table(
        f"Chronology of {words.name}'s life since birth",
        ("Date", "What happened", "Source"),
        tuple(Row(((text(long_date(r.on)),), (text(r.what),), (text(r.source),))) for r in rows),
        (22, 61, 17),
    ))
    return blocks
