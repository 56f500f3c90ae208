"""The chronology as a court reads it: one list, in date order, in which the
key events the case records in its own fields (the birth, the proceedings,
orders, reviews, the Agency Decision Maker's decision, completed assessments
and moves) stand beside the social worker's entries.

A court compares a report's chronology with its orders and dates; a report
whose chronology says one date and whose orders table says another cannot
be relied on. So the events the case already records are taken from those
records, never retyped, and the worker's entries are read for the same kinds
of event: one on the same day is the same event told in more detail, one on
another day is a contradiction for ``permdocs check`` to report (CPR-008).

This module only finds events and their kinds; the documents word them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..case import Case
from ..case.legal import LegalBasisKind, ReviewStatus
from ..case.people import PersonRole


class EventKind(StrEnum):
    BIRTH = "birth"
    PROCEEDINGS_ISSUED = "proceedings_issued"
    ORDER_MADE = "order_made"
    ORDER_ENDED = "order_ended"
    EXTENSION = "extension"
    FINAL_HEARING = "final_hearing"
    LOOKED_AFTER = "looked_after"
    REVIEW = "review"
    ADM_DECISION = "adm_decision"
    ASSESSMENT_COMPLETED = "assessment_completed"
    MOVE = "move"


#: Where a recorded event comes from, as the chronology's Source column says.
SOURCES = {
    EventKind.BIRTH: "Birth record",
    EventKind.PROCEEDINGS_ISSUED: "Court record",
    EventKind.ORDER_MADE: "Court record",
    EventKind.ORDER_ENDED: "Court record",
    EventKind.EXTENSION: "Court record",
    EventKind.FINAL_HEARING: "Court record",
    EventKind.LOOKED_AFTER: "Care record",
    EventKind.REVIEW: "Review record",
    EventKind.ADM_DECISION: "Agency decision",
    EventKind.ASSESSMENT_COMPLETED: "Assessment",
    EventKind.MOVE: "Care record",
}

#: A worker's entry about the court's business or a finished assessment takes
#: that record's source even when no recorded event matches it (a hearing that
#: made no order, an application): one kind of event has one source.
_ENTRY_SOURCES = (
    (re.compile(r"\bhearing\b|\bappl(?:ied|ication) for an? [\w -]*order\b|\bthe court (?:made|set|granted|extended|"
                r"listed|ordered|approved)\b", re.IGNORECASE), "Court record"),
    (re.compile(r"\bassessment\b[^.;:]*\bcomplet|\bcomplet\w*\b[^.;:]*\bassessment\b", re.IGNORECASE), "Assessment"),
)


def source_of(event: "RecordedEvent") -> str:
    """The Source column for a recorded event: s.20 accommodation is agreed
    with the parents, not ordered, so its start and end are the care record's."""
    if event.order is not None and event.order.value == "section_20":
        return SOURCES[EventKind.LOOKED_AFTER]
    return SOURCES[event.kind]


def entry_source(event: str) -> str | None:
    """The source a worker's entry takes from the kind of event it tells of, if any."""
    return next((source for pattern, source in _ENTRY_SOURCES if pattern.search(event)), None)


CARER_ROLES = (
    PersonRole.FOSTER_CARER, PersonRole.PROSPECTIVE_ADOPTER, PersonRole.CONNECTED_PERSON_CARER,
    PersonRole.SPECIAL_GUARDIAN, PersonRole.SIBLINGS_CARER,
)


@dataclass(frozen=True)
class RecordedEvent:
    """An event the case records in its own fields, with the JSON path of the record.

    ``index`` says which review, order, extension or assessment it is;
    ``order`` names the order for order events; ``person_id`` the carer of
    a move or the person assessed.
    """

    on: date
    kind: EventKind
    path: str
    index: int = 0
    order: LegalBasisKind | None = None
    person_id: str | None = None
    endorsed: bool = False


def recorded_events(case: Case, as_of: date) -> list[RecordedEvent]:
    """The case's own record of key events up to ``as_of``, in date order."""
    events = [RecordedEvent(case.child.date_of_birth, EventKind.BIRTH, "$.child.date_of_birth")]
    events += _court_events(case)
    events.append(RecordedEvent(case.care_episode.looked_after_on, EventKind.LOOKED_AFTER, "$.care_episode.looked_after_on"))
    held = [(i, r) for i, r in enumerate(case.reviews) if r.status is ReviewStatus.HELD]
    events += [
        RecordedEvent(review.date, EventKind.REVIEW, f"$.reviews[{i}].date", number, endorsed=review.permanence_plan_endorsed)
        for number, (i, review) in enumerate(held, start=1)
    ]
    if case.adoption is not None and case.adoption.adm_decision_on is not None:
        events.append(RecordedEvent(case.adoption.adm_decision_on, EventKind.ADM_DECISION, "$.adoption.adm_decision_on"))
    if case.cpr is not None:
        events += [
            RecordedEvent(a.completed_on, EventKind.ASSESSMENT_COMPLETED, f"$.cpr.relative_assessments[{i}].completed_on", i,
                          person_id=a.person_id)
            for i, a in enumerate(case.cpr.relative_assessments) if a.completed_on is not None
        ]
    events += _moves(case)
    return sorted((e for e in events if e.on <= as_of), key=lambda e: e.on)


def _court_events(case: Case) -> list[RecordedEvent]:
    events = []
    if (proceedings := case.care_proceedings) is not None:
        events.append(RecordedEvent(proceedings.issued_on, EventKind.PROCEEDINGS_ISSUED, "$.care_proceedings.issued_on"))
        events += [
            RecordedEvent(e.granted_on, EventKind.EXTENSION, f"$.care_proceedings.extensions[{i}].granted_on", i)
            for i, e in enumerate(proceedings.extensions)
        ]
        if proceedings.final_hearing_on is not None:
            events.append(RecordedEvent(proceedings.final_hearing_on, EventKind.FINAL_HEARING, "$.care_proceedings.final_hearing_on"))
    for i, basis in enumerate(case.legal_basis):
        events.append(RecordedEvent(basis.made_on, EventKind.ORDER_MADE, f"$.legal_basis[{i}].made_on", i, order=basis.kind))
        if basis.ended_on is not None:
            events.append(RecordedEvent(basis.ended_on, EventKind.ORDER_ENDED, f"$.legal_basis[{i}].ended_on", i, order=basis.kind))
    return events


def _moves(case: Case) -> list[RecordedEvent]:
    """Each time the child went to live with a carer. A placement that began
    with the child becoming looked after is a move too: the day is the same."""
    moves = {}
    for i, person in enumerate(case.people):
        if person.role in CARER_ROLES:
            for j, period in enumerate(person.lived_with_child):
                moves.setdefault(period.start, RecordedEvent(
                    period.start, EventKind.MOVE, f"$.people[{i}].lived_with_child[{j}].start", person_id=person.id
                ))
    if case.placement is not None and case.placement.since not in moves:
        carer = case.placement.carer_ids[0] if case.placement.carer_ids else None
        moves[case.placement.since] = RecordedEvent(case.placement.since, EventKind.MOVE, "$.placement.since", person_id=carer)
    return list(moves.values())


# --- the worker's entries ---------------------------------------------------------

_ORDER_WORDS = {
    LegalBasisKind.INTERIM_CARE_ORDER: r"interim care order",
    LegalBasisKind.CARE_ORDER: r"(?<!interim )(?<!interim\s)care order",
    LegalBasisKind.PLACEMENT_ORDER: r"placement order",
    LegalBasisKind.INTERIM_SUPERVISION_ORDER: r"interim supervision order",
    LegalBasisKind.SUPERVISION_ORDER: r"(?<!interim )supervision order",
    LegalBasisKind.SPECIAL_GUARDIANSHIP_ORDER: r"special guardianship order",
    LegalBasisKind.CHILD_ARRANGEMENTS_ORDER: r"child arrangements order",
    LegalBasisKind.ADOPTION_ORDER: r"adoption order",
}
_MADE = re.compile(r"\b(made|granted)\b", re.IGNORECASE)
_PATTERNS = {
    EventKind.BIRTH: re.compile(r"\bwas born\b|^\W*\w+ born\b|\bbirth of\b", re.IGNORECASE),
    EventKind.PROCEEDINGS_ISSUED: re.compile(
        r"\bproceedings\b[^.;]*\b(issued|began|started)\b|\b(issued|started|began)\b[^.;]*\bproceedings\b", re.IGNORECASE
    ),
    EventKind.EXTENSION: re.compile(r"\b(extension|extended)\b[^.;]*\b(timetable|weeks|26)\b|\btimetable\b[^.;]*\bextended\b",
                                    re.IGNORECASE),
    EventKind.FINAL_HEARING: re.compile(r"^\W*final hearing\b|\bfinal hearing\b[^.;]*\b(held|took place|began)\b", re.IGNORECASE),
    EventKind.REVIEW: re.compile(
        r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|next)\b[^.;]*\breview\b"
        r"|\b(looked[- ]after|child(ren)? in care|LAC|CIC|statutory) review\b",
        re.IGNORECASE,
    ),
    EventKind.ADM_DECISION: re.compile(
        r"\b(agency decision maker|ADM)\b[^.;]*\b(placed for adoption|should be placed)\b", re.IGNORECASE
    ),
}


@dataclass(frozen=True)
class EntryKind:
    """A kind of recorded event a worker's chronology entry tells of."""

    kind: EventKind
    order: LegalBasisKind | None = None
    #: For an assessment: which of the report's relative assessments.
    index: int | None = None


def entry_kinds(case: Case, event: str) -> list[EntryKind]:
    """The kinds of recorded event a chronology entry's text tells of (none
    for most entries: a health visit, a meeting, a conference)."""
    kinds = [EntryKind(kind) for kind, pattern in _PATTERNS.items() if pattern.search(event)]
    for order, words in _ORDER_WORDS.items():
        # "Interim care order made", or an entry that opens with the order's
        # name ("Interim care order; Ada placed with ..."): the order was made that day.
        if (_MADE.search(event) and re.search(rf"\b{words}\b", event, re.IGNORECASE)) or re.match(
            rf"\W*(?:an? )?{words}\b", event, re.IGNORECASE
        ):
            kinds.append(EntryKind(EventKind.ORDER_MADE, order=order))
    if case.cpr is not None and re.search(r"\bcomplet", event, re.IGNORECASE):
        for index, assessment in enumerate(case.cpr.relative_assessments):
            person = case.person(assessment.person_id)
            if assessment.kind.lower() in event.lower() and person.given_names and person.given_names in event:
                kinds.append(EntryKind(EventKind.ASSESSMENT_COMPLETED, index=index))
    name = case.child.preferred_name
    if re.search(rf"\b{re.escape(name)}\b[^.;]*\b(moved|went to live|came to live|was placed|placed with)\b", event):
        kinds.append(EntryKind(EventKind.MOVE))
    return kinds


def matches(kind: EntryKind, event: RecordedEvent) -> bool:
    """Whether a worker's entry of this kind tells of this recorded event (the date aside)."""
    if kind.kind is not event.kind:
        return False
    if kind.kind is EventKind.ORDER_MADE:
        return kind.order is event.order
    if kind.kind is EventKind.ASSESSMENT_COMPLETED:
        return kind.index == event.index
    return True
