"""Section B of the Child's Permanence Report, as far as it is about the birth
family: who they are, what the parents want, the assessments of relatives,
what the agency has done, and family time."""

from __future__ import annotations

from ...blocks import Block, Heading, Markdown, Row, Table, text
from ...case.cpr import AssessmentOutcome
from ...case.people import Person, PersonRole, SiblingBlood, SiblingSide
from ...narrative import NarrativeText
from ...schedules import how_often
from ...templating import capfirst, long_date
from ..common import display_name, unbracketed
from ..labels import label
from .words import CARER_ROLES, PARENT_ROLES, ReportWords, written

_OUTCOMES = {
    AssessmentOutcome.POSITIVE: "Positive",
    AssessmentOutcome.NEGATIVE: "Negative",
    AssessmentOutcome.WITHDRAWN: "Withdrawn",
    AssessmentOutcome.ONGOING: "Still going on",
}


def birth_family(words: ReportWords) -> list[Block]:
    family = [p for p in words.case.people if p.role not in CARER_ROLES]
    blocks: list[Block] = [_family_table(words, family)]
    groups = (
        ("Mother", [p for p in family if p.role is PersonRole.MOTHER]),
        ("Father", [p for p in family if p.role is PersonRole.FATHER]),
        ("Others with parental responsibility", [
            p for p in family if p.role not in (*PARENT_ROLES, PersonRole.SIBLING) and p.has_parental_responsibility
        ]),
        ("Brothers and sisters", [p for p in family if p.role is PersonRole.SIBLING]),
        ("Other relatives", [
            p for p in family if p.role not in (*PARENT_ROLES, PersonRole.SIBLING) and not p.has_parental_responsibility
        ]),
    )
    for heading, people in groups:
        blocks.append(Heading(heading, 3))
        if not people:
            blocks.append(text(_nobody(heading, words.name)))
        for person in people:
            blocks.extend(_person(words, person))
    return blocks


def _nobody(heading: str, name: str) -> str:
    return {
        "Others with parental responsibility": f"Nobody else holds parental responsibility for {name}.",
        "Brothers and sisters": f"{name} has no brothers or sisters that the agency knows of.",
        "Other relatives": "No other relatives are involved.",
    }.get(heading, "Not known.")


def _family_table(words: ReportWords, family: list[Person]) -> Table:
    rows = tuple(
        Row((
            (text(display_name(p)),),
            (text(capfirst(p.relationship)),),
            (text("Yes" if p.has_parental_responsibility else "No"),),
            (text(long_date(p.date_of_birth) if p.date_of_birth else "Not known"),),
            (text(p.nationality or "Not known"),),
            (text(p.ethnicity or "Not known"),),
            (text(_where_living(p)),),
        ))
        for p in family
    )
    return Table(
        "The birth family",
        ("Name", "Relationship", "Parental responsibility", "Date of birth", "Nationality", "Ethnicity", "Where they live"),
        rows,
        (3, 3, 2, 2, 2, 2, 3),
    )


def _where_living(person: Person) -> str:
    if person.sibling is not None:
        return capfirst(person.sibling.where_living)
    if person.contact is not None and person.contact.address:
        return person.contact.address
    return "Not shown in this copy, or not known"


def _person(words: ReportWords, person: Person) -> list[Block]:
    name = words.name
    full_name = f"{person.given_names} {person.family_name}".strip() if person.given_names else capfirst(person.relationship)
    facts = [f"{full_name} is {name}'s {unbracketed(person.relationship.lower())}."]
    if person.role in PARENT_ROLES:
        facts.append(
            f"{person.given_names} holds parental responsibility for {name}." if person.has_parental_responsibility
            else f"{person.given_names} does not hold parental responsibility for {name}."
        )
    if person.sibling is not None:
        blood = {SiblingBlood.FULL: "full", SiblingBlood.HALF: "half", SiblingBlood.STEP: "step"}.get(person.sibling.relation, "")
        side = {SiblingSide.MATERNAL: "on their mother's side", SiblingSide.PATERNAL: "on their father's side"}.get(
            person.sibling.side, ""
        )
        together = "lives with" if person.sibling.lives_with_child else "does not live with"
        facts.append(f"They are {blood} siblings {side}; {person.given_names} {together} {name}.".replace("  ", " "))
    blocks: list[Block] = [Heading(display_name(person), 4), text(" ".join(facts))]
    if person.background:
        blocks.append(Markdown(NarrativeText(person.background)))
    if person.sibling is not None and person.sibling.together_or_apart_reason:
        blocks.append(Markdown(NarrativeText(person.sibling.together_or_apart_reason)))
    return blocks


def parents_views(words: ReportWords) -> list[Block]:
    blocks: list[Block] = []
    views = {view.person_id: view for view in words.case.voices.others if view.person_id}
    for parent in words.people(*PARENT_ROLES):
        view = views.get(parent.id)
        blocks.append(Heading(display_name(parent), 3))
        if view is None:
            blocks.append(text(f"{parent.given_names} has not given a view that the agency could record."))
        else:
            blocks += [Markdown(NarrativeText(view.summary)), text(f"Recorded on {long_date(view.recorded_on)}.", "note")]
    return blocks or [text("No parent is known to the agency.")]


def assessments(words: ReportWords) -> list[Block]:
    assessments = words.cpr.relative_assessments
    if not assessments:
        return [text(f"No relative or friend has been assessed to care for {words.name}.")]
    blocks: list[Block] = [Table(
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
    )]
    for a in assessments:
        blocks += [Heading(f"{display_name(words.case.person(a.person_id))}: {a.kind.lower()}", 3), Markdown(NarrativeText(a.summary))]
    return blocks


def adm_line(words: ReportWords) -> Block:
    decided = words.case.adoption.adm_decision_on if words.case.adoption else None
    if decided is None:
        return text(f"The Agency Decision Maker has not yet decided whether {words.name} should be placed for adoption.")
    return text(f"The Agency Decision Maker decided on {long_date(decided)} that {words.name} should be placed for adoption.")


def family_time(words: ReportWords) -> list[Block]:
    arrangements = words.case.family_time
    blocks: list[Block] = [Heading("Now", 3)]
    if arrangements:
        blocks.append(Table(
            "Family time now",
            ("With", "What", "How often"),
            tuple(
                Row((
                    (text(", ".join(display_name(words.case.person(i)) for i in a.with_person_ids) or "Not yet named"),),
                    (text(label(a.kind)),),
                    (text(how_often(a, words.name)),),
                ))
                for a in arrangements
            ),
            (3, 2, 3),
        ))
    else:
        blocks.append(text(f"{words.name} has no family time arranged."))
    blocks += [Heading("Proposed", 3), *written(words.cpr.family_time_proposed, "$.cpr.family_time_proposed")]
    return blocks
