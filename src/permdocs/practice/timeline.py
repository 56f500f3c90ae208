"""The child's placement timeline as data: where the child lived, under which
legal order, the court's business, the reviews and decisions, and family
time, each a span or a dated marker in one of five lanes.

The picture (:mod:`permdocs.text.timeline`) draws what this finds.
Each copy of a document is built from a case already redacted for its
reader, so a withheld carer's names are empty here: homes are labelled by
their kind ("With foster carers"), never by a carer's name or town, and
family members by their first name only where the copy still holds it.

Dates come from the case's own records, as the chronology takes them
(:mod:`permdocs.practice.chronology`): the periods people lived with the
child, the current placement, the orders, the proceedings, the reviews and
the ADM's decision. Hearings other than the final one are not fields of the
case; they are read from the worker's chronology entries, by their kind only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from ..case import Case
from ..case.family_time import FamilyTimeKind
from ..case.legal import LegalBasisKind, ReviewStatus
from ..case.people import Gender, Person, PersonRole
from .calendar_dates import add_months
from .chronology import EventKind, recorded_events


class Lane(StrEnum):
    """The picture's rows, top to bottom."""

    LIVED_WITH = "Lived with"
    LEGAL_STATUS = "Legal status"
    COURT = "Court"
    REVIEWS = "Reviews and decisions"
    FAMILY_TIME = "Family time"


class Home(StrEnum):
    """Kinds of home, as the picture colours them."""

    BIRTH_FAMILY = "birth_family"
    RELATIVES = "relatives"
    FOSTER_CARE = "foster_care"
    PERMANENT = "permanent"  # prospective adopters, adoptive family, special guardians


@dataclass(frozen=True)
class Span:
    """Something that lasted: a home, an order, the proceedings, an
    arrangement for family time. ``end`` is None while it goes on; an order
    with an expiry date has it as ``expires``. ``short`` is the label a bar
    shows where the full one does not fit."""

    lane: Lane
    kind: str
    label: str
    short: str
    start: date
    end: date | None
    source: str
    expires: date | None = None


@dataclass(frozen=True)
class Marker:
    """Something that happened on one day: a hearing, a review, a decision.
    ``planned`` is true for a date still to come (a review booked, a final
    hearing listed)."""

    lane: Lane
    kind: str
    label: str
    on: date
    source: str
    planned: bool = False


@dataclass(frozen=True)
class Timeline:
    """Everything the picture draws, from ``start`` to ``end``, with ``as_of``
    (the case's date) between past and planned."""

    child_name: str
    pronoun: str  # "her", "his" or "their"
    born: date
    as_of: date
    start: date
    end: date
    spans: tuple[Span, ...]
    markers: tuple[Marker, ...]
    #: The council's word for family time ("contact"), for the lane and the words.
    family_time_word: str = "family time"
    #: The rows drawn, top to bottom: every lane unless a document asks for fewer.
    lanes: tuple[Lane, ...] = tuple(Lane)

    def lane_name(self, lane: Lane) -> str:
        """A lane's name as the picture writes it, in the council's words."""
        if lane is Lane.FAMILY_TIME:
            return self.family_time_word[:1].upper() + self.family_time_word[1:]
        return lane.value

    def in_lane(self, lane: Lane) -> tuple[tuple[Span, ...], tuple[Marker, ...]]:
        return tuple(s for s in self.spans if s.lane is lane), tuple(m for m in self.markers if m.lane is lane)


#: A child who came into care within this many days of birth lived with no one
#: before: no "birth family" span is drawn for a few days in hospital.
NEWBORN_DAYS = 28
#: Planned dates up to this far past the case's date widen the picture; later
#: ones (a family-time arrangement to the 18th birthday) run off its edge.
PLANNED_HORIZON = timedelta(days=366)

ORDER_LABELS = {
    LegalBasisKind.SECTION_20: ("Accommodated under s.20", "s.20"),
    LegalBasisKind.INTERIM_CARE_ORDER: ("Interim care order", "ICO"),
    LegalBasisKind.CARE_ORDER: ("Care order", "CO"),
    LegalBasisKind.PLACEMENT_ORDER: ("Placement order", "PO"),
    LegalBasisKind.INTERIM_SUPERVISION_ORDER: ("Interim supervision order", "ISO"),
    LegalBasisKind.SUPERVISION_ORDER: ("Supervision order", "SO"),
    LegalBasisKind.SPECIAL_GUARDIANSHIP_ORDER: ("Special guardianship order", "SGO"),
    LegalBasisKind.CHILD_ARRANGEMENTS_ORDER: ("Child arrangements order", "CAO"),
    LegalBasisKind.ADOPTION_ORDER: ("Adoption order", "AO"),
}

_FAMILY_TIME_WORDS = {
    FamilyTimeKind.DIRECT: "Visits with",
    FamilyTimeKind.SIBLING: "Time with",
    FamilyTimeKind.VIDEO: "Video calls with",
    FamilyTimeKind.PHONE: "Calls with",
    FamilyTimeKind.LETTERBOX: "Letters with",
    FamilyTimeKind.INDIRECT_OTHER: "News with",
}

#: Hearings a worker's chronology entry may name, most specific first (PLO 2014: CMH, IRH, final hearing).
_HEARINGS = (
    (re.compile(r"\bfurther case management hearing\b", re.IGNORECASE), "further_cmh", "FCMH"),
    (re.compile(r"\bcase management hearing\b", re.IGNORECASE), "cmh", "CMH"),
    (re.compile(r"\bissues? resolution hearing\b", re.IGNORECASE), "irh", "IRH"),
    (re.compile(r"^\W*final hearing\b|\bfinal hearing\b[^.;]*\b(held|took place|began)\b", re.IGNORECASE),
     "final_hearing", "Final hearing"),
    # Not "hearing" alone: a baby's hearing screening is no court event.
    (re.compile(r"\b(?:directions|interim|contested|court|further|fact-finding) hearing\b", re.IGNORECASE), "hearing",
     "Hearing"),
)

_PARENT_ROLES = (PersonRole.MOTHER, PersonRole.FATHER, PersonRole.STEP_PARENT, PersonRole.OTHER_PR_HOLDER)


def collect(case: Case) -> Timeline:
    """The whole timeline, from the child's birth to the case's date (or to
    the planned dates of the year after it)."""
    pronoun = {Gender.FEMALE: "her", Gender.MALE: "his"}.get(case.child.gender, "their")
    spans = [*_homes(case, pronoun), *_orders(case), *_proceedings(case), *_family_time(case)]
    markers = [*_court_markers(case), *_reviews_and_decisions(case)]
    planned = [d for d in _dates(spans, markers) if case.prepared_on < d <= case.prepared_on + PLANNED_HORIZON]
    end = max([case.prepared_on, *planned])
    born = case.child.date_of_birth
    return Timeline(
        case.child.preferred_name, pronoun, born, case.prepared_on, born, end,
        tuple(sorted(spans, key=lambda s: (list(Lane).index(s.lane), s.start, s.source))),
        tuple(sorted(markers, key=lambda m: (list(Lane).index(m.lane), m.on, m.source))),
    )


def window(timeline: Timeline, since: date | None = None, until: date | None = None) -> Timeline:
    """The part of the timeline between ``since`` and ``until`` (the care plan
    shows the last two years): the spans that reach into it, with their own
    dates (the picture cuts them at its edges; the words still say when a
    home or an order began), and the markers inside it."""
    start = max(timeline.start, since) if since else timeline.start
    end = min(timeline.end, until) if until else timeline.end
    if start >= end:
        raise ValueError(f"the timeline's window is empty: {start} to {end}")
    spans = tuple(span for span in timeline.spans if span.start < end and (span.end is None or span.end > start))
    markers = tuple(m for m in timeline.markers if start <= m.on <= end)
    return replace(timeline, start=start, end=end, spans=spans, markers=markers)


def only(timeline: Timeline, lanes: tuple[Lane, ...]) -> Timeline:
    """The timeline with only these rows (the care plan: where the child
    lived, the orders and the court; its own sections list reviews and
    family time)."""
    return replace(
        timeline, lanes=lanes, spans=tuple(s for s in timeline.spans if s.lane in lanes),
        markers=tuple(m for m in timeline.markers if m.lane in lanes),
    )


def last_years(timeline: Timeline, years: int) -> Timeline:
    """The last ``years`` years up to the case's date, and what is planned after it."""
    return window(timeline, since=add_months(timeline.as_of, -12 * years))


def _dates(spans: list[Span], markers: list[Marker]) -> list[date]:
    found = [m.on for m in markers]
    for span in spans:
        found += [d for d in (span.end, span.expires) if d is not None]
    return found


# --- where the child lived ------------------------------------------------------

def _homes(case: Case, pronoun: str) -> list[Span]:
    """One span per home, from the periods people lived with the child and
    the current placement; a parent and step-parent living together are one home."""
    periods: dict[tuple[date, date | None, Home], list[tuple[str, Person]]] = {}
    for i, person in enumerate(case.people):
        kind = _home_of(person)
        if kind is None:
            continue
        for j, (start, end) in enumerate(_periods_of(case, person)):
            periods.setdefault((start, end, kind), []).append((f"$.people[{i}].lived_with_child[{j}]", person))
    if case.placement is not None:
        for carer_id in case.placement.carer_ids:
            person = case.person(carer_id)
            if not any(p.id == carer_id for group in periods.values() for _, p in group):
                periods.setdefault((case.placement.since, None, _home_of(person) or Home.FOSTER_CARE), []).append(
                    ("$.placement.since", person))
    spans = [
        Span(Lane.LIVED_WITH, kind.value, _home_label(case, kind, [p for _, p in people], pronoun), "", start, end,
             people[0][0])
        for (start, end, kind), people in periods.items()
    ]
    spans = _after_adoption(case, spans, pronoun)
    first = min((s.start for s in spans), default=case.care_episode.looked_after_on)
    born = case.child.date_of_birth
    if (first - born).days > NEWBORN_DAYS:
        # Before care the child lived at home; the case records it only as the day care began.
        spans.append(Span(Lane.LIVED_WITH, Home.BIRTH_FAMILY.value, f"With {pronoun} birth family", "", born, first,
                          "$.care_episode.looked_after_on"))
    return [replace(s, short=str(index)) for index, s in enumerate(sorted(spans, key=lambda s: s.start), start=1)]


def _periods_of(case: Case, person: Person) -> list[tuple[date, date | None]]:
    """The person's periods with the child; for the current carers, the one
    that goes on starts when the placement began (the placement's own record
    of the move) if that is earlier."""
    periods = [(p.start, p.end) for p in person.lived_with_child]
    placement = case.placement
    if placement is not None and person.id in placement.carer_ids:
        periods = [(min(start, placement.since), end) if end is None else (start, end) for start, end in periods]
    return periods


def _home_of(person: Person) -> Home | None:
    if person.role in _PARENT_ROLES:
        return Home.BIRTH_FAMILY
    if person.role in (PersonRole.RELATIVE, PersonRole.FRIEND, PersonRole.CONNECTED_PERSON_CARER):
        return Home.RELATIVES
    if person.role in (PersonRole.FOSTER_CARER, PersonRole.SIBLINGS_CARER):
        return Home.FOSTER_CARE
    if person.role in (PersonRole.PROSPECTIVE_ADOPTER, PersonRole.SPECIAL_GUARDIAN):
        return Home.PERMANENT
    return None  # a sibling living with the child shares the child's home, not the other way round


def _home_label(case: Case, kind: Home, people: list[Person], pronoun: str) -> str:
    """A home by its kind: never a carer's name, which a copy may withhold."""
    if kind is Home.BIRTH_FAMILY:
        words = sorted({_parent_word(p) for p in people})
        return f"With {pronoun} {' and '.join(words)}" if all(words) else f"With {pronoun} birth family"
    if kind is Home.RELATIVES:
        relationship = people[0].relationship.strip()
        if len(people) == 1 and relationship and len(relationship) <= 24:
            return f"With {pronoun} {relationship[0].lower()}{relationship[1:]}"
        return "With family or friends"
    if kind is Home.FOSTER_CARE:
        return "With foster carers"
    if any(p.role is PersonRole.SPECIAL_GUARDIAN for p in people):
        return f"With {pronoun} special guardians"
    return f"With {pronoun} prospective adopters"


def _parent_word(person: Person) -> str:
    return {PersonRole.MOTHER: "mother", PersonRole.FATHER: "father", PersonRole.STEP_PARENT: "step-parent"}.get(
        person.role, ""
    )


def _after_adoption(case: Case, spans: list[Span], pronoun: str) -> list[Span]:
    """From the adoption order, the prospective adopters are the child's family."""
    order = next((b for b in case.legal_basis if b.kind is LegalBasisKind.ADOPTION_ORDER), None)
    if order is None:
        return spans
    result = []
    for span in spans:
        adopted = span.kind == Home.PERMANENT.value and "adopters" in span.label
        if adopted and span.start < order.made_on and (span.end is None or span.end > order.made_on):
            result += [replace(span, end=order.made_on),
                       replace(span, label=f"With {pronoun} adoptive family", start=order.made_on,
                               source=f"$.legal_basis[{case.legal_basis.index(order)}].made_on")]
        else:
            result.append(span)
    return result


# --- legal status and the court -------------------------------------------------

def _orders(case: Case) -> list[Span]:
    return [
        Span(Lane.LEGAL_STATUS, basis.kind.value, *ORDER_LABELS[basis.kind], basis.made_on, basis.ended_on,
             f"$.legal_basis[{i}]", expires=basis.expires_on)
        for i, basis in enumerate(case.legal_basis)
    ]


def _proceedings(case: Case) -> list[Span]:
    proceedings = case.care_proceedings
    if proceedings is None:
        return []
    listed = proceedings.final_hearing_on if proceedings.concluded_on is None else None
    return [Span(Lane.COURT, "proceedings", "Care proceedings", "Proceedings", proceedings.issued_on,
                 proceedings.concluded_on, "$.care_proceedings", expires=listed)]


def _court_markers(case: Case) -> list[Marker]:
    """Proceedings issued, extensions, the final hearing (the case's fields),
    and the other hearings the worker's chronology tells of."""
    as_of = case.prepared_on
    markers: list[Marker] = []
    for event in recorded_events(case, date.max):
        if event.kind is EventKind.PROCEEDINGS_ISSUED:
            markers.append(Marker(Lane.COURT, "issued", "Issued", event.on, event.path))
        elif event.kind is EventKind.EXTENSION:
            weeks = case.care_proceedings.extensions[event.index].weeks if case.care_proceedings else 0
            markers.append(Marker(Lane.COURT, "extension", f"+{weeks} wks", event.on, event.path))
        elif event.kind is EventKind.FINAL_HEARING:
            markers.append(Marker(Lane.COURT, "final_hearing", "Final hearing", event.on, event.path, event.on > as_of))
    court_days = {m.on for m in markers}
    for i, entry in enumerate(case.chronology):
        found = next(((kind, label) for pattern, kind, label in _HEARINGS if pattern.search(entry.event)), None)
        if found is None or entry.date in court_days:
            continue  # not a hearing, or a day the case's own records already mark
        markers.append(Marker(Lane.COURT, found[0], found[1], entry.date, f"$.chronology[{i}].event"))
        court_days.add(entry.date)
    return markers


def _reviews_and_decisions(case: Case) -> list[Marker]:
    """Reviews held (numbered) and planned; the ADM's decision; each parent's
    formal consent to adoption (ACA 2002 ss.19, 20)."""
    markers = []
    held = 0
    for i, review in enumerate(case.reviews):
        if review.status is ReviewStatus.HELD:
            held += 1
            markers.append(Marker(Lane.REVIEWS, "review", str(held), review.date, f"$.reviews[{i}].date"))
        else:
            markers.append(Marker(Lane.REVIEWS, "review", "Next", review.date, f"$.reviews[{i}].date", planned=True))
    adoption = case.adoption
    if adoption is not None and adoption.adm_decision_on is not None:
        markers.append(Marker(Lane.REVIEWS, "adm_decision", "ADM", adoption.adm_decision_on, "$.adoption.adm_decision_on"))
    if adoption is not None:
        for on in sorted({c.given_on for c in adoption.consents}):
            index = next(i for i, c in enumerate(adoption.consents) if c.given_on == on)
            markers.append(Marker(Lane.REVIEWS, "consent", "Consent", on, f"$.adoption.consents[{index}].given_on"))
    return markers


# --- family time ------------------------------------------------------------------

def _family_time(case: Case) -> list[Span]:
    """Each arrangement from its start (by the model's rule, the case's date
    where none is given) to its end, if it has one."""
    spans = []
    for i, arrangement in enumerate(case.family_time):
        people = [case.person(pid) for pid in arrangement.with_person_ids if any(p.id == pid for p in case.people)]
        who = " and ".join(_family_name_for(p) for p in people) or "family"
        label = f"{_FAMILY_TIME_WORDS[arrangement.kind]} {who}"
        start = arrangement.starts_on or case.prepared_on
        spans.append(Span(Lane.FAMILY_TIME, arrangement.kind.value, label, who, start, arrangement.ends_on,
                          f"$.family_time[{i}]"))
    return spans


def _family_name_for(person: Person) -> str:
    """A family member by first name where the copy holds it (the family knows
    its own), else by relationship; a carer always by relationship."""
    first = person.given_names.split()[0] if person.given_names.strip() else ""
    if first and person.role not in (PersonRole.FOSTER_CARER, PersonRole.PROSPECTIVE_ADOPTER,
                                     PersonRole.SPECIAL_GUARDIAN, PersonRole.CONNECTED_PERSON_CARER,
                                     PersonRole.SIBLINGS_CARER):
        return first
    relationship = person.relationship.strip()
    return relationship[0].lower() + relationship[1:] if relationship else "family"
