"""Section B of the Child's Permanence Report, as far as it is about the birth
family: who they are and who holds parental responsibility, what the parents
and the rest of the family want, parenting capacity, the assessments of
relatives, what the agency has done, and family time now and proposed."""

from __future__ import annotations

import re

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.adoption import AdoptionConsentKind
from ...case.cpr import AssessmentOutcome, arrangements_in_place, arrangements_to_come
from ...case.family_time import FamilyTimeArrangement
from ...case.legal import LegalBasisKind
from ...case.people import Person, PersonRole, SiblingBlood, SiblingSide
from ...practice.chronology import CARER_ROLES
from ...practice.genogram import genogram
from ...practice.schedules import how_often
from ...text.blocks import Block, Heading, Markdown, Paragraph, Row, Run, Table, text
from ...text.templating import capfirst, long_date
from ..common import and_list, display_name, genogram_block, unbracketed
from ..labels import label
from .words import PARENT_ROLES, ReportWords, written

Part = tuple[str, list[Block]]

_OUTCOMES = {
    AssessmentOutcome.POSITIVE: "Positive",
    AssessmentOutcome.NEGATIVE: "Negative",
    AssessmentOutcome.WITHDRAWN: "Withdrawn",
    AssessmentOutcome.ONGOING: "Still going on",
}
#: Orders under which the local authority (or the adoption agency) holds parental responsibility.
_PR_ORDERS = (LegalBasisKind.INTERIM_CARE_ORDER, LegalBasisKind.CARE_ORDER, LegalBasisKind.PLACEMENT_ORDER)


#: The family tree's room on the report's portrait page, width by height in millimetres.
GENOGRAM_BOX_MM = (170.0, 150.0)


def family_parts(words: ReportWords) -> list[Part]:
    name, cpr = words.name, words.cpr
    return [
        (f"{name}'s birth family", _birth_family(words)),
        (f"What {name}'s parents want", _parents_views(words)),
        (f"What others in {name}'s family think", _others_views(words)),
        ("Parenting capacity", written(cpr.parenting_capacity)),
        ("Assessments of relatives and friends", _assessments(words)),
        ("What the agency has done and decided", [*written(cpr.agency_actions), _adm_line(words)]),
        (f"{capfirst(words.family_time)} now, and as proposed", _family_time(words)),
    ]


def _family(words: ReportWords) -> list[Person]:
    return [p for p in words.case.people if p.role not in CARER_ROLES]


def _birth_family(words: ReportWords) -> list[Block]:
    family = _family(words)
    # The family tree beside the table that lists the same people: who is who at a glance
    # (half-siblings by different fathers, say), drawn from the copy's own case.
    blocks: list[Block] = [genogram_block(genogram(words.case, box_mm=GENOGRAM_BOX_MM)), _family_table(words, family), text(
        f"PR: whether the person holds parental responsibility for {words.name}.", "note"
    )]
    others = [p for p in family if p.role not in (*PARENT_ROLES, PersonRole.SIBLING)]
    name = words.name
    groups = (
        ("Mother", [p for p in family if p.role is PersonRole.MOTHER], f"{name}'s mother is not recorded in this report."),
        ("Father", [p for p in family if p.role is PersonRole.FATHER], f"{name}'s father is not recorded in this report."),
        ("Brothers and sisters", [p for p in family if p.role is PersonRole.SIBLING],
         f"This report records no brother or sister of {name}'s."),
        ("Other relatives", others, f"This report records no other relative of {name}'s."),
    )
    for heading, people, nobody in groups:
        blocks.append(Heading(heading, 3))
        if not people:
            blocks.append(text(nobody))
        for person in people:
            blocks.extend(_person(words, person))
    blocks += [Heading("Who holds parental responsibility", 3), *_parental_responsibility(words)]
    return blocks


def _family_table(words: ReportWords, family: list[Person]) -> Table:
    # Five columns, each person's relationship under their name and the
    # ethnicity under the nationality, so that an address has room to read
    # on two or three lines rather than one word to a line.
    rows = tuple(
        Row((
            (text(p.full_name or capfirst(p.relationship)),
             *((Paragraph((Run(capfirst(p.relationship)),), "note"),) if p.full_name else ())),
            (text("Yes" if p.has_parental_responsibility else "No"),),
            (text(long_date(p.date_of_birth) if p.date_of_birth else "Not known"),),
            (text(p.nationality or "Nationality not known"),
             Paragraph((Run(p.ethnicity or "Ethnicity not known"),), "note")),
            (text(_where_living(words, p)),),
        ))
        for p in family
    )
    return Table(
        "The birth family",
        ("Name and relationship", "PR", "Date of birth", "Nationality and ethnicity", "Where they live"),
        rows,
        (28, 7, 19, 23, 33),
    )


def _where_living(words: ReportWords, person: Person) -> str:
    if person.sibling is not None:
        return capfirst(person.sibling.where_living)
    if person.contact is not None and person.contact.address:
        return person.contact.address
    # "Not shown" only where there was an address to leave out: for one the
    # agency never had, it would imply that it has one.
    withheld = person.was_withheld("contact") or (person.contact is not None and person.contact.was_withheld("address"))
    return "Not shown in this copy" if withheld else "Not known"


def _person(words: ReportWords, person: Person) -> list[Block]:
    name, first = words.name, words.first_name(person)
    relationship = unbracketed(person.relationship.lower())
    if person.role in PARENT_ROLES:
        holds = "holds" if person.has_parental_responsibility else "does not hold"
        facts = f"{first} is {name}'s {relationship} and {holds} parental responsibility for {words.her_object}."
    elif person.sibling is not None:
        facts = f"{first} is {name}'s {relationship}{_side(words, person)}, and {_sibling_home(words, person)}."
    else:
        # One entry may stand for a couple ("Halina and Marek", "paternal grandparents").
        verb = "are" if re.search(r"\s(?:and|&)\s", person.given_names) else "is"
        facts = f"{first} {verb} {name}'s {relationship}."
    blocks: list[Block] = [Heading(person.full_name or capfirst(person.relationship), 4), text(facts)]
    if person.background:
        blocks.append(Markdown(NarrativeText(person.background)))
    if person.role in PARENT_ROLES:
        blocks += _as_a_person(words, person)
    if person.sibling is not None and person.sibling.together_or_apart_reason:
        blocks.append(Markdown(NarrativeText(person.sibling.together_or_apart_reason)))
    return blocks


def _as_a_person(words: ReportWords, person: Person) -> list[Block]:
    """A parent as a person (AAR 2005 Sch. 1 Part 3): what an adult asking what
    their mother or father was like looks for, beyond their difficulties."""
    first = words.first_name(person)
    account = next((a for a in words.cpr.parent_accounts if a.person_id == person.id), None)
    if account is None:
        return [text(f"What {first} is like as a person is not yet recorded.", "warning")]
    rows = (
        ("Appearance", account.appearance), ("Education", account.education), ("Work", account.employment),
        ("Personality and interests", account.personality_and_interests),
    )
    return [
        Table(f"{first} as a person", ("", "Detail"), tuple(Row((tuple(written(w)),), k) for k, w in rows), (1, 3)),
        # A heading under the parent's own (level 4), as the other parts of their section are.
        Heading(f"{first}'s own account of {'her' if person.role is PersonRole.MOTHER else 'his'} background", 5),
        *written(account.own_account),
    ]


def _side(words: ReportWords, person: Person) -> str:
    """'on her mother's side', unless the relationship already says it or they share both parents."""
    assert person.sibling is not None
    said = any(w in person.relationship.lower() for w in ("maternal", "paternal", "mother", "father"))
    if said or person.sibling.relation is SiblingBlood.FULL or person.sibling.side is SiblingSide.BOTH:
        return ""
    parent = "mother" if person.sibling.side is SiblingSide.MATERNAL else "father"
    return f" on {words.her} {parent}'s side"


def _sibling_home(words: ReportWords, person: Person) -> str:
    assert person.sibling is not None
    if person.sibling.lives_with_child:
        return f"lives with {words.name}"
    where = person.sibling.where_living
    prepositional = where.split(" ", 1)[0].lower() in ("in", "with", "at", "near", "abroad", "overseas")
    return f"lives {where}" if prepositional else f"does not live with {words.name} ({where})"


def _parental_responsibility(words: ReportWords) -> list[Block]:
    """Who holds parental responsibility, from the people and the orders in force."""
    case, name = words.case, words.name
    holders = [p for p in case.people if p.has_parental_responsibility]
    sentences = []
    orders = [b for b in case.legal_basis if b.kind in _PR_ORDERS and b.in_force]
    if orders:
        under = and_list([f"the {label(b.kind).lower()} of {long_date(b.made_on)}" for b in orders])
        sentences.append(
            f"The local authority ({case.authorship.agency.name}) holds parental responsibility for {name} under {under}."
        )
    consented = _placement_consents(case)
    if not orders and consented:
        # Consent to placement (s.19) authorises the agency to place, and gives it
        # parental responsibility while the authority lasts (s.25(2)).
        sentences.append(
            f"The adoption agency ({case.authorship.agency.name}) holds parental responsibility for {name} while it "
            f"is authorised to place {words.her_object} for adoption, with {and_list(consented)}'s consent "
            "(Adoption and Children Act 2002 ss.19 and 25)."
        )
    last = len(holders) - 1
    named = [p.full_name if p.role in PARENT_ROLES
             else words.carer(p, closed=i == last) if p.role in CARER_ROLES else display_name(p)
             for i, p in enumerate(holders)]
    if named:
        also = " also" if orders or consented else ""
        verb = "holds" if len(named) == 1 else "hold"
        sentences.append(f"{and_list(named)}{also} {verb} parental responsibility for {words.her_object}.")
    if not sentences:
        return [text(f"This report records no one who holds parental responsibility for {name}.", "warning")]
    return [text(" ".join(sentences))]


def _placement_consents(case: Case) -> list[str]:
    """The first names of the parents whose consent to placement (s.19) the case records."""
    if case.adoption is None:
        return []
    given = {c.person_id for c in case.adoption.consents if c.kind is AdoptionConsentKind.PLACEMENT}
    return [case.person(pid).given_names.split()[0] for pid in sorted(given) if case.person(pid).given_names]


def _views(words: ReportWords, people: list[Person], missing: str) -> list[Block]:
    views = {view.person_id: view for view in words.case.voices.others if view.person_id}
    blocks: list[Block] = []
    for person in people:
        view = views.get(person.id)
        blocks.append(Heading(display_name(person), 3))
        if view is None:
            blocks.append(text(missing.format(first=words.first_name(person))))
        else:
            blocks += [Markdown(NarrativeText(view.summary)), text(f"Recorded on {long_date(view.recorded_on)}.", "note")]
    return blocks


def _parents_views(words: ReportWords) -> list[Block]:
    parents = words.people(*PARENT_ROLES)
    if not parents:
        return [text(f"This report records neither of {words.name}'s parents.", "warning")]
    return _views(words, parents, "This report does not yet record a view from {first}.")


def _others_views(words: ReportWords) -> list[Block]:
    views = {view.person_id for view in words.case.voices.others if view.person_id}
    others = [p for p in _family(words) if p.role not in PARENT_ROLES and p.id in views]
    if not others:
        return [text(f"This report records no view from anyone else in {words.name}'s family.")]
    return _views(words, others, "")


def _assessments(words: ReportWords) -> list[Block]:
    """Who was considered, in the worker's words, then each assessment recorded."""
    assessments = words.cpr.relative_assessments
    blocks = written(words.cpr.relatives_considered)
    if not assessments:
        return blocks
    blocks.append(Table(
        "Assessments of relatives and friends as carers",
        ("Person", "Assessment", "Completed", "Outcome"),
        tuple(
            Row((
                (text(display_name(words.case.person(a.person_id))),), (text(a.kind),),
                (text(long_date(a.completed_on) if a.completed_on else "Not completed"),), (text(_OUTCOMES[a.outcome]),),
            ))
            for a in assessments
        ),
        (3, 3, 2, 2),
    ))
    for a in assessments:
        person = words.case.person(a.person_id)
        blocks += [Heading(f"{a.kind} of {person.full_name or person.relationship}", 3), Markdown(NarrativeText(a.summary))]
    return blocks


def _adm_line(words: ReportWords) -> Block:
    decided = words.case.adoption.adm_decision_on if words.case.adoption else None
    if decided is None:
        return text(f"The Agency Decision Maker has not yet decided whether {words.name} should be placed for adoption.")
    return text(
        f"The Agency Decision Maker's decision that {words.name} should be placed for adoption, made on "
        f"{long_date(decided)}, is set out in Section C."
    )


def _family_time(words: ReportWords) -> list[Block]:
    """In the worker's words, each followed by the arrangements the case records for then."""
    now = arrangements_in_place(words.case.family_time, words.on)
    to_come = arrangements_to_come(words.case.family_time, words.on)
    blocks: list[Block] = [Heading("Now", 3), *written(words.cpr.family_time_now)]
    if now:
        blocks.append(_family_time_table(words, f"{capfirst(words.family_time)} now", now))
    blocks += [Heading("Proposed", 3), *written(words.cpr.family_time_proposed)]
    if to_come:
        blocks.append(_family_time_table(words, f"{capfirst(words.family_time)} agreed or proposed to begin later", to_come))
    return blocks


def _family_time_table(words: ReportWords, caption: str, arrangements: list[FamilyTimeArrangement]) -> Table:
    def period(a: FamilyTimeArrangement) -> str:
        start = f"from {long_date(a.starts_on)}" if a.starts_on else ""
        end = f"until {long_date(a.ends_on)}" if a.ends_on else ""
        return capfirst(" ".join(filter(None, (start, end)))) or "No end date"

    return Table(
        caption,
        ("With", "What", "How often", "When"),
        tuple(
            Row((
                (text(and_list([display_name(words.case.person(i)) for i in a.with_person_ids]) or "Not yet named"),),
                (text(label(a.kind)),),
                (text(how_often(a, words.name)),),
                (text(period(a)),),
            ))
            for a in arrangements
        ),
        (3, 3, 3, 3),
    )
