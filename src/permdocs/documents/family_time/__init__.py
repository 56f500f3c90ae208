"""The family-time (contact) agreement (brief section 4.4): one per
arrangement in the case, in a copy for each party.

The agency, the carers and the birth family get the same agreement, each
from a case already redacted for them (permdocs.redaction): the birth
family's copy has no carer's surname, address or contact details and
nothing that places the child. The child's copy is a short page in plain
words. The body is built as blocks (permdocs.blocks), so the HTML and Word
templates are thin and say the same words.

Standard wording (the agreement is for the child; who may change it; that
arrangements change as the child grows) follows Merton 2019 s.10.5-10.6 and
Devon 2020 Appendix 2, in our own words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from ...blocks import Block, Bullets, Heading, Markdown, Row, Table, text
from ...case import Case
from ...case.family_time import AdoptersNamedAs
from ...case.people import Person, PersonRole
from ...case.planning import MEETING_KINDS, FamilyTimeArrangement, FamilyTimeKind, FamilyTimeOrder, Route, Supervision
from ...errors import UnknownArrangementError
from ...narrative import NarrativeText
from ...request import ResolvedRequest
from ...schedules import ListEnds, Precision, Session, SessionList, eighteenth_birthday, how_often, list_sessions
from ...templating import capfirst, long_date
from ..common import ChildIdentity, DocumentInfo, child_identity, display_name, document_info
from ..declaration import Output
from ..labels import label

#: The audiences whose copy is the full agreement; the child's is its own page.
CHILD_COPY = "child"
#: Copies that may carry a calendar file: the people who organise the sessions.
CALENDAR_COPIES = ("agency", "carers")
BIRTH_FAMILY_COPY = "birth-family"
_ADOPTION_ROUTES = (Route.ADOPTION, Route.EARLY_PERMANENCE)
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The subtitle's opening, by kind: "Letters through the agency with Kerry (birth mother)".
_KIND_PHRASES = {
    FamilyTimeKind.DIRECT: "Meeting",
    FamilyTimeKind.SIBLING: "Time together with",
    FamilyTimeKind.VIDEO: "Video calls with",
    FamilyTimeKind.PHONE: "Phone calls with",
    FamilyTimeKind.LETTERBOX: "Letters through the agency with",
    FamilyTimeKind.INDIRECT_OTHER: "Cards and news with",
}
#: The child's copy lists only the next few dates: enough to look forward to.
_CHILD_COPY_DATES = 4


@dataclass(frozen=True)
class CalendarEvent:
    """One session as a calendar entry. Summary and location hold only what
    every copy that gets a calendar may show."""

    uid: str
    day: date
    start_time: str | None
    minutes: int | None
    summary: str
    location: str | None
    description: str


@dataclass(frozen=True)
class FamilyTimeAgreement:
    """Everything the family-time agreement's templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    arrangement_id: str
    #: True for the child's own copy, laid out as a short letter-like page.
    for_child: bool
    #: The child's copy's heading, e.g. "Keeping in touch with Jayden".
    child_title: str
    body: tuple[Block, ...]
    #: Calendar entries, for the copies that may have a calendar file (None otherwise).
    calendar: tuple[CalendarEvent, ...] | None


def build_context(case: Case, request: ResolvedRequest) -> FamilyTimeAgreement:
    """The agreement for the first arrangement (see :func:`outputs` for all)."""
    return outputs(case, request)[0].context


def outputs(case: Case, request: ResolvedRequest) -> list[Output]:
    """One agreement per arrangement, or only the one the request names."""
    chosen = list(case.family_time)
    if request.arrangement is not None:
        chosen = [a for a in chosen if a.id == request.arrangement]
        if not chosen:
            known = ", ".join(a.id for a in case.family_time)
            raise UnknownArrangementError(f"This case has no family-time arrangement '{request.arrangement}'. Its arrangements: {known}.")
    return [Output(_agreement(case, request, arrangement), arrangement.id) for arrangement in chosen]


def _agreement(case: Case, request: ResolvedRequest, arrangement: FamilyTimeArrangement) -> FamilyTimeAgreement:
    words = _Words(case, request, arrangement)
    sessions = _sessions(case, arrangement)
    for_child = request.audience.name == CHILD_COPY
    title = f"{capfirst(request.profile.terms.family_time)} agreement"
    subtitle = f"{_KIND_PHRASES[arrangement.kind]} {words.with_whom}"
    return FamilyTimeAgreement(
        document=document_info(case, request, title, subtitle),
        child=child_identity(case),
        arrangement_id=arrangement.id,
        for_child=for_child,
        child_title=f"Keeping in touch with {' and '.join(words.first_name(p) for p in words.people) or 'your family'}",
        body=tuple(_child_copy(words, sessions) if for_child else _full_agreement(words, sessions)),
        calendar=tuple(_calendar(words, sessions)) if request.audience.name in CALENDAR_COPIES else None,
    )


def _sessions(case: Case, arrangement: FamilyTimeArrangement) -> SessionList | None:
    if arrangement.schedule is None:
        return None
    return list_sessions(
        arrangement.schedule,
        starts_on=arrangement.starts_on or case.prepared_on,
        ends_on=arrangement.ends_on,
        review_on=arrangement.review_on,
        born=case.child.date_of_birth,
    )


class _Words:
    """Names and phrases for one arrangement in one copy."""

    def __init__(self, case: Case, request: ResolvedRequest, arrangement: FamilyTimeArrangement):
        self.case, self.arrangement = case, arrangement
        self.copy = request.audience.name
        self.child_name = case.child.preferred_name
        self.agency = case.authorship.agency.name
        self.worker = case.authorship.social_worker
        self.people = [case.person(pid) for pid in arrangement.with_person_ids]
        self.carers = [case.person(pid) for pid in (case.placement.carer_ids if case.placement else [])]
        self.adoption = case.plans.primary.route in _ADOPTION_ROUTES
        self.with_whom = "; ".join(self.name(p) for p in self.people) or "people not yet named"
        self.term = request.profile.terms.family_time

    def name(self, person: Person) -> str:
        """A person as this copy names them: the adopters as 'the child's
        parents' in the birth family's copy where the agreement says so."""
        if (
            self.copy == BIRTH_FAMILY_COPY and self.adoption and person.role is PersonRole.PROSPECTIVE_ADOPTER
            and self.arrangement.adopters_named_as is AdoptersNamedAs.CHILDS_PARENTS
        ):
            return f"{self.child_name}'s parents"
        return display_name(person)

    def first_name(self, person: Person) -> str:
        if self.copy == BIRTH_FAMILY_COPY and person.role is PersonRole.PROSPECTIVE_ADOPTER:
            return self.name(person)
        return person.given_names or capfirst(person.relationship)

    @property
    def carers_named(self) -> str:
        return " and ".join(self.name(c) for c in self.carers) or "the child's carers"


# --- the full agreement: agency, carers, birth family ---------------------------

def _full_agreement(words: _Words, sessions: SessionList | None) -> list[Block]:
    arrangement = words.arrangement
    body: list[Block] = [Heading("Who this agreement is between"), _parties(words)]
    body += [Heading("What it is for"), Markdown(NarrativeText(arrangement.purpose)), text(
        f"This agreement exists for {words.child_name}'s benefit: to keep links that matter to "
        f"{words.child_name}, and to support the home {words.child_name} lives in. Everyone who signs it "
        "agrees to put that first."
    )]
    body += [Heading("How it works"), _how_it_works(words)]
    if arrangement.letterbox is not None:
        body += _letterbox(words)
    body += [Heading("Dates"), *_dates(words, sessions)]
    body += [Heading("If a session or letter is missed"), _or_standard(arrangement.when_missed, _standard_when_missed(words))]
    body += [Heading(f"Hearing {words.child_name}'s wishes"), _or_standard(arrangement.childs_wishes, _standard_wishes(words))]
    body += [Heading("Review and changes"), *_review(words)]
    body += [Heading("Signatures"), _signatures(words)]
    if words.copy == "agency":
        body.append(text(
            "Prepared following Merton 2019 s.10.5-10.6 and Devon 2020 Appendix 2 (family-time agreements).", "note"
        ))
    return body


def _parties(words: _Words) -> Table:
    rows = [Row(((text(words.child_name),), (text("The child this agreement is for"),)))]
    rows += [Row(((text(words.name(p)),), (text(_family_role(p)),))) for p in words.people]
    rows += [Row(((text(words.name(c)),), (text(_carer_role(c, words)),))) for c in words.carers]
    rows.append(Row(((text(words.agency),), (text(f"The agency, represented by {words.worker.name}, {words.worker.role}"),))))
    return Table("The parties", ("Who", "Their part in the agreement"), tuple(rows), (3, 5))


def _family_role(person: Person) -> str:
    if person.role is PersonRole.SIBLING:
        return "Brother or sister, who keeps in touch"
    return "Family member, who keeps in touch"


def _carer_role(person: Person, words: _Words) -> str:
    if person.role is PersonRole.PROSPECTIVE_ADOPTER:
        return f"{words.child_name}'s parents, who make this arrangement happen at home"
    return f"{words.child_name}'s carer, who makes this arrangement happen at home"


def _how_it_works(words: _Words) -> Table:
    arrangement = words.arrangement
    supervision = label(arrangement.supervision) + (f", by {arrangement.supervised_by}" if arrangement.supervised_by else "")
    facts = [
        ("Type", label(arrangement.kind)),
        ("How often", how_often(arrangement, words.child_name)),
    ]
    if arrangement.kind is not FamilyTimeKind.LETTERBOX:
        facts += [("How long", arrangement.duration or "Not yet agreed"), ("Where", arrangement.venue or "Not yet agreed")]
    if arrangement.supervision is not Supervision.NOT_APPLICABLE:
        facts.append(("Supervision", supervision))
    facts += [
        ("Transport and costs", arrangement.transport_and_costs or "Not yet agreed"),
        ("Court order", _court_order(arrangement.court_order)),
    ]
    rows = tuple(Row(((text(value),),), label=name) for name, value in facts)
    return Table(f"How the {words.term} works", ("", "Agreed"), rows, (2, 6))


def _court_order(order: FamilyTimeOrder) -> str:
    if order is FamilyTimeOrder.NONE:
        return "None: the arrangement rests on everyone's agreement."
    return f"{label(order)}. This agreement sets out how the order works in practice; it cannot change the order."


def _letterbox(words: _Words) -> list[Block]:
    terms = words.arrangement.letterbox
    assert terms is not None
    not_sent = [*terms.may_not_send]
    if not terms.gifts_or_money_allowed:
        not_sent.insert(0, "Gifts or money of any kind")
    return [
        Heading("Letters"),
        text("What may be sent:"),
        Bullets(tuple(terms.may_send)),
        text("What may not be sent:"),
        Bullets(tuple(not_sent) or ("Nothing beyond the above is ruled out.",)),
        Table("How the letters work", ("", "Agreed"), (
            Row(((text(capfirst(terms.writes_first)),),), label="Who writes first"),
            Row(((text(terms.signed_as),),), label="How letters are signed"),
            Row(((text(terms.agency_address or "Not yet given: ask the agency"),),), label="Send letters to"),
        ), (2, 6)),
        text(
            f"Letters go through {words.agency}, never directly. A letterbox worker reads each one before passing it "
            "on, and may return a letter that could identify where anyone lives or that would upset "
            f"{words.child_name}, saying why. Nobody writes an address, a school or a town in a letter."
        ),
    ]


def _dates(words: _Words, sessions: SessionList | None) -> list[Block]:
    if sessions is None:
        return [text(f"The dates are agreed between the parties: {how_often(words.arrangement, words.child_name).lower()}.")]
    rows = []
    review_on = words.arrangement.review_on
    for session in sessions.sessions:
        rows.append(Row(((text(_when(session)),), (text(_note(session)),))))
    first_after = next((i for i, s in enumerate(sessions.sessions) if s.after_review), None)
    if first_after is not None and review_on is not None:
        review_row = Row(((text(f"By {long_date(review_on)}", bold=True),), (text("Review of this agreement: the dates after it may change", bold=True),)))
        rows.insert(first_after, review_row)
    listed: list[Block] = [text(_span(sessions, words))]
    if rows:
        listed.append(Table("The dates for the next two years", ("When", "Note"), tuple(rows), (3, 5)))
    else:
        listed.append(text("The rule gives no dates in this period: the agency will agree dates with everyone.", "warning"))
    return listed


def _when(session: Session) -> str:
    day = session.on
    if session.precision is Precision.MONTH:
        return f"During {long_date(day).split(' ', 1)[1]}"
    if session.precision is Precision.WEEK:
        return f"Week beginning Monday {long_date(day)}"
    return f"{_WEEKDAY_NAMES[day.weekday()]} {long_date(day)}"


def _note(session: Session) -> str:
    if session.moved_from is not None:
        return f"Moved from {long_date(session.moved_from)}, a bank holiday"
    if session.bank_holiday is not None:
        return f"Bank holiday ({session.bank_holiday}): confirm in good time"
    return ""


def _span(sessions: SessionList, words: _Words) -> str:
    start = long_date(sessions.first_day)
    if sessions.ends is ListEnds.EIGHTEENTH_BIRTHDAY:
        turns = eighteenth_birthday(words.case.child.date_of_birth)
        return (
            f"From {start} to {long_date(sessions.last_day)}. {words.child_name} turns 18 on {long_date(turns)}; "
            f"from then on, keeping in touch is {words.child_name}'s own choice."
        )
    if sessions.ends is ListEnds.END_DATE:
        return f"From {start} until the arrangement ends on {long_date(sessions.last_day)}."
    return f"From {start}, for two years (to {long_date(sessions.last_day)}). The arrangement continues after that unless the review changes it."


def _or_standard(own: str | None, standard: str) -> Block:
    return Markdown(NarrativeText(own)) if own is not None else text(standard)


def _standard_when_missed(words: _Words) -> str:
    if words.arrangement.kind in (FamilyTimeKind.LETTERBOX, FamilyTimeKind.INDIRECT_OTHER):
        return (
            f"If a letter has not arrived a month after it was due, {words.agency} will ask why and offer help with "
            f"writing it. {words.child_name} is not told that a letter was missed unless that is right for them. "
            "One missed letter does not end the arrangement."
        )
    return (
        f"Anyone who cannot come tells {words.agency} as early as they can, and the agency tells everyone else "
        f"before {words.child_name} is told to expect the visit. The session is offered again where possible. "
        f"If sessions are missed often, the agency will meet everyone to ask whether the arrangement still works for {words.child_name}."
    )


def _standard_wishes(words: _Words) -> str:
    return (
        f"{words.child_name}'s views will be asked before each review, in a way that suits their age, and will carry "
        f"more weight as {words.child_name} grows up. An arrangement cannot be promised for the whole of childhood: "
        f"it may grow, change or stop if that is what {words.child_name} needs."
    )


def _review(words: _Words) -> list[Block]:
    review_on = words.arrangement.review_on
    when = (
        f"This agreement will be reviewed by {long_date(review_on)}." if review_on is not None
        else "No review date has been set yet: the agency will set one."
    )
    return [text(when), text(
        f"Anyone who signs it can ask for a review sooner by contacting {words.agency}. Changes are agreed by "
        f"everyone and written into a new version of this agreement; they are made only when {words.child_name}'s "
        "needs call for them."
    )]


def _signatures(words: _Words) -> Table:
    signers = [words.name(p) for p in words.people if p.role is not PersonRole.SIBLING]
    signers += [f"For {words.first_name(p)}: their carer or social worker" for p in words.people if p.role is PersonRole.SIBLING]
    signers += [words.name(c) for c in words.carers]
    signers.append(f"{words.worker.name}, for {words.agency}")
    # Two empty lines per cell leave room to sign by hand.
    space = (text(" "), text(" "))
    rows = tuple(Row((space, (text(" "),)), label=who) for who in signers)
    return Table("Signed by", ("Name", "Signature", "Date"), rows, (4, 4, 2))


# --- the child's copy ------------------------------------------------------------

def _child_copy(words: _Words, sessions: SessionList | None) -> list[Block]:
    arrangement = words.arrangement
    who = " and ".join(_for_child(p, words) for p in words.people) or "your family"
    letters = arrangement.kind in (FamilyTimeKind.LETTERBOX, FamilyTimeKind.INDIRECT_OTHER)
    body: list[Block] = [Heading("Who")]
    body.append(text(f"You will get letters from {who}." if letters else f"You will see {who}."))
    body += [Heading("When"), text(_child_when(words, letters))]
    upcoming = [s for s in (sessions.sessions if sessions else ()) if not s.after_review][:_CHILD_COPY_DATES]
    if upcoming:
        body.append(Bullets(tuple(_when(s) for s in upcoming)))
    body.append(Heading("Where"))
    if letters:
        body.append(text(f"The letters come to your home. {capfirst(_grown_ups(words))} will read them with you."))
    elif arrangement.kind in MEETING_KINDS:
        body.append(text(f"You will meet at {_lower_first(arrangement.venue)}." if arrangement.venue else "The grown-ups are still choosing where."))
    else:
        body.append(text("From home, with a grown-up who looks after you."))
    body += [Heading("If you want something to change"), text(
        f"You can always say how you feel about this. Tell {_grown_ups(words)}, or your social worker, "
        f"{words.worker.name}. They will listen, and what you say will be thought about when the plan is looked at again."
    )]
    return body


def _for_child(person: Person, words: _Words) -> str:
    relationship = person.relationship[:1].lower() + person.relationship[1:]
    return f"{words.first_name(person)}, your {relationship}" if person.given_names else f"your {relationship}"


def _grown_ups(words: _Words) -> str:
    if not words.carers:
        return "the grown-ups who look after you"
    names = " and ".join(words.first_name(c) for c in words.carers)
    return f"{names}"


def _child_when(words: _Words, letters: bool) -> str:
    often = how_often(words.arrangement, words.child_name)
    return f"{often}." + (" The next times are:" if words.arrangement.schedule is not None else "")


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:]


# --- calendar entries ------------------------------------------------------------

def _calendar(words: _Words, sessions: SessionList | None) -> list[CalendarEvent]:
    if sessions is None:
        return []
    arrangement, schedule = words.arrangement, words.arrangement.schedule
    assert schedule is not None
    first_names = " and ".join(words.first_name(p) for p in words.people) or "family"
    letters = arrangement.kind in (FamilyTimeKind.LETTERBOX, FamilyTimeKind.INDIRECT_OTHER)
    summary = f"{capfirst(words.term)}: {'letter exchange with' if letters else words.child_name + ' sees'} {first_names}"
    events = []
    for session in sessions.sessions:
        uid_source = f"{words.case.child.case_reference}|{arrangement.id}|{session.on.isoformat()}"
        notes = _note(session) or ("Subject to the review of the agreement" if session.after_review else "")
        events.append(CalendarEvent(
            uid=hashlib.sha256(uid_source.encode()).hexdigest()[:32] + "@permdocs",
            day=session.on,
            start_time=schedule.start_time if session.precision is Precision.DAY else None,
            minutes=schedule.length_minutes if session.precision is Precision.DAY else None,
            summary=summary if session.precision is Precision.DAY else f"{summary} ({_when(session).lower()})",
            location=None if letters else arrangement.venue,
            description=f"See the agreement (arrangement {arrangement.id})." + (f" {notes}." if notes else ""),
        ))
    return events

