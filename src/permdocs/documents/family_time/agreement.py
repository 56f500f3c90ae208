"""The full agreement, as blocks: the copy for the agency, the carers and
the birth family (brief s.4.4). Standard wording (the agreement is for the
child; who may change it; that arrangements change as the child grows)
follows Merton 2019 s.10.5-10.6 and Devon 2020 Appendix 2, in our own words.

Page breaks: a heading always goes with what follows, a lead-in paragraph
("What may be sent:") with its list, and short tables stay whole
(``keep_together``), so no page ends on a heading, a lead-in or a lone row.
"""

from __future__ import annotations

from ...base.narrative import NarrativeText
from ...case.family_time import LETTER_KINDS, FamilyTimeKind, FamilyTimeOrder, Supervision
from ...case.people import Person, PersonRole
from ...practice.schedules import ListEnds, SessionList, eighteenth_birthday, how_often
from ...text.blocks import Block, Heading, Markdown, Row, Table, text
from ...text.templating import long_date, lower_first
from ..common import and_list, supervision_words
from ..declaration import Reader
from ..labels import label
from .letterbox import letterbox_part, reply_slip
from .parts import each_readers_part
from .sessions import note, when
from .words import SIGNING_AGE, Words

#: What each family member does in the agreement, by its kind.
_PART_BY_KIND = {
    FamilyTimeKind.DIRECT: "Meeting {child}",
    FamilyTimeKind.SIBLING: "Spending time with {child}",
    FamilyTimeKind.VIDEO: "Talking with {child} on video calls",
    FamilyTimeKind.PHONE: "Talking with {child} on the phone",
    FamilyTimeKind.LETTERBOX: "Writing to {child} through the agency, and hearing how {subject} is",
    FamilyTimeKind.INDIRECT_OTHER: "Sending cards and news to {child} through the agency",
}


def full_agreement(words: Words, sessions: SessionList | None) -> list[Block]:
    arrangement = words.arrangement
    body: list[Block] = [Heading("Who this agreement is between"), _parties(words)]
    body += [Heading("What it is for"), Markdown(NarrativeText(arrangement.purpose)), text(
        f"This agreement exists for {words.child_name}'s benefit: to keep links that matter to "
        f"{words.child_name}, and to support the home {words.child_name} lives in. Everyone who signs it "
        "agrees to put that first."
    )]
    body += [Heading("How it works"), _how_it_works(words)]
    if arrangement.letterbox is not None:
        body += letterbox_part(words)
    body += [Heading("Dates"), *_dates(words, sessions)]
    # Each heading in the words of this kind of arrangement: a letters-only agreement has no sessions.
    missed = "a letter" if arrangement.kind in LETTER_KINDS else "a session"
    body += [Heading(f"If {missed} is missed"), _or_standard(arrangement.when_missed, _standard_when_missed(words))]
    body += _wishes(words)
    body += each_readers_part(words)
    body += [Heading("Review and changes"), *_review(words)]
    if words.reader in (Reader.PROFESSIONAL, Reader.COURT):
        # The law behind the agreement, for the agency's record and the court: never another
        # council's policy. Before the signatures, so it never ends up alone on a last page.
        body.append(text(_legal_basis(words), "note"))
    body += [Heading("Signatures"), _signatures(words)]
    if words.reader is Reader.BIRTH_FAMILY and arrangement.letterbox is not None and arrangement.letterbox.reply_slip:
        body += reply_slip(words)
    return body


def _legal_basis(words: Words) -> str:
    """The law behind family time, for the agency's record: the court's powers,
    not a claim that an order exists; in the council's own word for it."""
    child, term = words.child_name, words.term
    if any(c.role is PersonRole.PROSPECTIVE_ADOPTER for c in words.carers):
        return (f"The law: while {child} is placed for adoption, the court can make orders about {term} under the "
                "Adoption and Children Act 2002, section 26, and after an adoption order under section 51A.")
    return (f"The law: the local authority must promote {term} between a child in care and their family (Children "
            f"Act 1989, Schedule 2, paragraph 15), and the court can make orders about {term} under section 34.")


# --- who and how -------------------------------------------------------------------

def _parties(words: Words) -> Table:
    part = _PART_BY_KIND[words.arrangement.kind].format(child=words.child_name, subject=words.subject)
    rows = [Row(((text(words.child_name),), (text("The child this agreement is for"),)))]
    for person in words.people:
        through = words.siblings_carers.get(person.id, [])
        rows.append(Row(((text(words.name(person)),), (text(_through_carers(person, through, words) if through else part),))))
        rows += [Row(((text(words.name(c)),), (text(_siblings_carer_part(person, words)),))) for c in through]
    rows += [Row(((text(words.party(c)),), (text(_carer_part(c, words)),))) for c in words.carers]
    rows.append(Row(((text(words.agency),), (text(f"The agency, represented by {words.worker.name}, {words.worker.role}"),))))
    return Table("The parties", ("Who", "Their part in the agreement"), tuple(rows), (3, 5), keep_together=True)


def _through_carers(sibling: Person, carers: list[Person], words: Words) -> str:
    """A brother or sister who keeps in touch through their own family."""
    family = and_list([words.first_name(c) for c in carers])
    if words.arrangement.kind in LETTER_KINDS:
        return f"Hearing from {words.child_name}, and sending news, through {family}"
    return f"Spending time with {words.child_name}, with {family}"


def _siblings_carer_part(sibling: Person, words: Words) -> str:
    """The part of a brother's or sister's own family (their adopters, say):
    they write or bring the sibling, so a young child is never named as the writer."""
    first = words.first_name(sibling)
    if words.arrangement.kind in LETTER_KINDS:
        return f"Writing to {words.child_name} through the agency for {first}, and sharing {words.child_name}'s news with {first}"
    return f"Bringing {first} to spend time with {words.child_name}, and making this arrangement happen at home"


def _carer_part(person: Person, words: Words) -> str:
    looking_after = "Bringing up" if person.role is PersonRole.PROSPECTIVE_ADOPTER else "Looking after"
    return f"{looking_after} {words.child_name}, and making this arrangement happen at home"


def _how_it_works(words: Words) -> Table:
    arrangement = words.arrangement
    facts = [("Type", label(arrangement.kind)), ("How often", how_often(arrangement, words.child_name))]
    if arrangement.kind not in LETTER_KINDS:
        facts += [("How long", arrangement.duration or "Not yet agreed"), ("Where", arrangement.venue or "Not yet agreed")]
    if arrangement.supervision is not Supervision.NOT_APPLICABLE:
        facts.append(("Supervision", supervision_words(arrangement)))
    if arrangement.kind not in LETTER_KINDS or arrangement.transport_and_costs:
        # Letters go through the post: travel is a question only for sessions, unless the worker wrote something.
        facts.append(("Transport and costs", arrangement.transport_and_costs or "Not yet agreed"))
    facts.append(("Court order", _court_order(arrangement.court_order)))
    rows = tuple(Row(((text(value),),), label=name) for name, value in facts)
    return Table(f"How the {words.term} works", ("", "Agreed"), rows, (2, 6), keep_together=True)


def _court_order(order: FamilyTimeOrder) -> str:
    if order is FamilyTimeOrder.NONE:
        return "None: the arrangement rests on everyone's agreement."
    return f"{label(order)}. This agreement sets out how the order works in practice; it cannot change the order."


# --- dates -------------------------------------------------------------------------

def _dates(words: Words, sessions: SessionList | None) -> list[Block]:
    arrangement = words.arrangement
    if sessions is None:
        return [text(f"The dates are agreed between the parties: {lower_first(how_often(arrangement, words.child_name))}.")]
    listed: list[Block] = [text(_span(sessions, words), keep_with_next=bool(sessions.sessions))]
    if not sessions.sessions:
        listed.append(text("The rule gives no dates in this period: the agency will agree dates with everyone.", "warning"))
        return listed
    # A column for notes only where a date has one (a bank holiday, a moved date).
    with_notes = any(note(s) for s in sessions.sessions)
    rows = [Row(((text(when(s)),), (text(note(s)),)) if with_notes else ((text(when(s)),),)) for s in sessions.sessions]
    first_after = next((i for i, s in enumerate(sessions.sessions) if s.after_review), None)
    if first_after is not None and arrangement.review_on is not None:
        rows.insert(first_after, _review_row(long_date(arrangement.review_on), with_notes))
    header = ("When", "Note") if with_notes else ("When",)
    listed.append(Table("The dates for the next two years", header, tuple(rows), (3, 5) if with_notes else (1,)))
    return listed


def _review_row(review_day: str, with_notes: bool) -> Row:
    if with_notes:
        return Row(((text(f"By {review_day}", bold=True),), (text("Review of this agreement: the dates after it may change", bold=True),)))
    return Row(((text(f"Review by {review_day}: the dates after it may change", bold=True),),))


def _span(sessions: SessionList, words: Words) -> str:
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


# --- when things go wrong, wishes, review, signatures -----------------------------------

def _or_standard(own: str | None, standard: str) -> Block:
    return Markdown(NarrativeText(own)) if own is not None else text(standard)


def _standard_when_missed(words: Words) -> str:
    if words.arrangement.kind in LETTER_KINDS:
        return (
            f"If a letter has not arrived a month after it was due, {words.agency} will ask why and offer help with "
            f"writing it. {words.child_name} is not told that a letter was missed unless that is right for "
            f"{words.object}. One missed letter does not end the arrangement."
        )
    return (
        f"Anyone who cannot come tells {words.agency} as early as they can, and the agency tells everyone else "
        f"before {words.child_name} is told to expect the visit. The session is offered again where possible. "
        f"If sessions are missed often, the agency will meet everyone to ask whether the arrangement still works for {words.child_name}."
    )


def _wishes(words: Words) -> list[Block]:
    """Every child in the arrangement has their wishes heard (brief s.4.4):
    the child it is for, and each brother or sister in it."""
    own = _or_standard(words.arrangement.childs_wishes, _standard_wishes(words))
    siblings = [p for p in words.people if p.role is PersonRole.SIBLING]
    if not siblings:
        return [Heading(f"Hearing {words.child_name}'s wishes"), own]
    said = {w.person_id: w.wishes for w in words.arrangement.siblings_wishes}
    blocks: list[Block] = [Heading("Hearing the children's wishes"), own]
    for sibling in siblings:
        first = words.first_name(sibling)
        blocks.append(Heading(f"What {first} wants", 2))
        blocks.append(Markdown(NarrativeText(said[sibling.id])) if sibling.id in said else text(
            f"Not yet recorded: {words.agency} will ask {first} before this agreement is signed.", "warning"
        ))
    return blocks


def _standard_wishes(words: Words) -> str:
    return (
        f"{words.child_name}'s views will be asked before each review, in a way that suits {words.possessive} age, "
        f"and will carry more weight as {words.child_name} grows up. An arrangement cannot be promised for the whole "
        f"of childhood: it may grow, change or stop if that is what {words.child_name} needs."
    )


def _review(words: Words) -> list[Block]:
    review_on = words.arrangement.review_on
    when_reviewed = (
        f"This agreement will be reviewed by {long_date(review_on)}." if review_on is not None
        else "No review date has been set yet: the agency will set one."
    )
    return [text(when_reviewed, keep_with_next=True), text(
        f"Anyone who signs it can ask for a review sooner by contacting {words.agency}. Changes are agreed by "
        f"everyone and written into a new version of this agreement; they are made only when {words.child_name}'s "
        "needs call for them."
    )]


def _signatures(words: Words) -> Table:
    """Everyone who is party to the agreement signs, each child too where
    old enough (:data:`SIGNING_AGE`); a younger child's wishes are written
    in the agreement instead, and whoever brings them up signs for them."""
    signers = [words.child_name] if words.child_age >= SIGNING_AGE else []
    for person in words.people:
        through = words.siblings_carers.get(person.id, [])
        if person.role is not PersonRole.SIBLING or words.signs(person):
            signers.append(words.name(person))
        elif not through:
            signers.append(f"For {words.first_name(person)}: their carer or social worker")
        signers += [
            words.name(c) + ("" if words.signs(person) else f", also for {words.first_name(person)}") for c in through
        ]
    signers += [words.name(c) for c in words.carers]
    if _supervised_by_another_foster_carer(words):
        signers.append("Supervising foster carer")
    signers.append(f"{words.worker.name}, for {words.agency}")
    rows = tuple(Row(((), ()), label=who) for who in signers)
    return Table("Signed by", ("Name", "Signature", "Date"), rows, (4, 4, 2), keep_together=True, for_signing=True)


def _supervised_by_another_foster_carer(words: Words) -> bool:
    # A foster carer who supervises signs too, unless they sign already as
    # the child's own carers or for a brother or sister.
    arrangement = words.arrangement
    by = (arrangement.supervised_by or "").lower()
    return (
        arrangement.supervision in (Supervision.SUPERVISED, Supervision.SUPPORTED) and "foster carer" in by
        and not any(c.role is PersonRole.FOSTER_CARER for c in words.carers)
        and not any(p.role is PersonRole.SIBLING and not words.signs(p) for p in words.people)
    )
