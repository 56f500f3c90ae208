"""The Child's Permanence Report (brief s.4.3; Adoption Agencies Regulations
2005 reg 17 and Schedule 1; FPR PD14C Annex B), in the standard three
sections: A, the report and the matters for the proceedings; B, the child
and the birth family; C, the recommendation.

The report is read by the Agency Decision Maker, by the court, by the
prospective adopters and, years later, by the adult the child becomes, who
may read all of it. So sentences built from facts are written as a person
would write them to that adult, and the worker's own sections are used as
written. A section the worker has not written shows as missing (and is a
check error, CPR-001); one that does not apply says why, as PD14C asks.

The court's copy never names the prospective adopters or where the child
lives: those details are withheld for that audience (permdocs.redaction),
and the separately paginated confidential part (``--part confidential``)
holds them instead. The body is built as blocks, so the HTML and Word
templates are thin and say the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...blocks import (
    Block,
    Contents,
    ContentsEntry,
    Heading,
    Markdown,
    Paragraph,
    Picture,
    Row,
    Run,
    Table,
    fitted,
    text,
)
from ...case import Case
from ...case.cpr import AssessmentOutcome, Written
from ...case.people import Person, PersonRole, SiblingBlood, SiblingSide
from ...narrative import NarrativeText
from ...request import ResolvedRequest
from ...schedules import how_often
from ...sensitivity import Sensitivity
from ...templating import capfirst, long_date
from ..analysis import build_analysis, legend
from ..common import ChildIdentity, DocumentInfo, age_on, child_identity, display_name, document_info, unbracketed
from ..labels import label
from ..sign_off import awaiting_sign_off, sign_off_table

CONFIDENTIAL_PART = "confidential"
_PARENT_ROLES = (PersonRole.MOTHER, PersonRole.FATHER)
_CARER_ROLES = (
    PersonRole.FOSTER_CARER, PersonRole.PROSPECTIVE_ADOPTER, PersonRole.CONNECTED_PERSON_CARER,
    PersonRole.SPECIAL_GUARDIAN,
)
_OUTCOMES = {
    AssessmentOutcome.POSITIVE: "Positive",
    AssessmentOutcome.NEGATIVE: "Negative",
    AssessmentOutcome.WITHDRAWN: "Withdrawn",
    AssessmentOutcome.ONGOING: "Still going on",
}


@dataclass(frozen=True)
class ChildsPermanenceReport:
    """Everything the CPR's templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> ChildsPermanenceReport:
    child = child_identity(case)
    confidential = request.part == CONFIDENTIAL_PART
    title = "Child's Permanence Report" + (": confidential part" if confidential else "")
    subtitle = "Adoption Agencies Regulations 2005, regulation 17 and Schedule 1"
    words = _Words(case, request)
    body = _confidential_part(words) if confidential else _report(words)
    return ChildsPermanenceReport(document_info(case, request, title, subtitle), child, tuple(body))


class _Words:
    """The case, and the phrases the report keeps using."""

    def __init__(self, case: Case, request: ResolvedRequest):
        assert case.cpr is not None  # the declaration requires $.cpr
        self.case, self.cpr, self.request = case, case.cpr, request
        self.name = case.child.preferred_name
        self.court_copy_withholds_placement = Sensitivity.PLACEMENT in request.audience.withholds

    def people(self, *roles: PersonRole) -> list[Person]:
        return [person for person in self.case.people if person.role in roles]


def _written(section: Written | None, where: str) -> list[Block]:
    """A worker's section as written, its reason for not applying, or a marked gap."""
    if section is None:
        return [text(f"Not yet written ({where}).", "warning")]
    if section.text is not None:
        return [Markdown(NarrativeText(section.text))]
    return [Paragraph((Run("Not applicable: ", bold=True), Run(section.not_applicable_because or "")))]


# --- the report ----------------------------------------------------------------------


def _report(words: _Words) -> list[Block]:
    sections = [
        ("a", "Section A: This report and the matters for the court", _section_a(words)),
        ("b", f"Section B: {words.name} and {words.name}'s birth family", _section_b(words)),
        ("c", "Section C: The recommendation", _section_c(words)),
    ]
    entries, body = [], []
    for key, heading, parts in sections:
        entries.append(ContentsEntry(heading, f"section-{key}", 1))
        body.append(Heading(heading, 1, anchor=f"section-{key}", new_page=True))
        for index, (subheading, blocks) in enumerate(parts, start=1):
            anchor = f"section-{key}-{index}"
            entries.append(ContentsEntry(subheading, anchor, 2))
            body.append(Heading(subheading, 2, anchor=anchor))
            body.extend(blocks)
    return [Contents(tuple(entries)), *body]


Part = tuple[str, list[Block]]


def _section_a(words: _Words) -> list[Part]:
    case, cpr = words.case, words.cpr
    about = text(
        f"This is the Child's Permanence Report for {case.child.given_names} {case.child.family_name}. It is written "
        f"for the Agency Decision Maker, who decides whether {words.name} should be placed for adoption; for the "
        f"court, as the report under Annex B of Practice Direction 14C; for the people who may adopt {words.name}; "
        f"and for {words.name}, who may read it as an adult."
    )
    authors = Table(
        "Who wrote this report",
        ("Name", "Role", "Sections", "Qualifications", "Qualified to write adoption reports"),
        tuple(
            Row((
                (text(a.name),), (text(a.role),), (text(", ".join(a.sections)),), (text(a.qualifications or "Not recorded"),),
                (text("Yes" if a.qualified_for_adoption_reports else "No"),),
            ))
            for a in cpr.authors
        ),
        (3, 3, 2, 4, 2),
    )
    agency = case.authorship.agency
    references = Table(
        "The agency and its references",
        ("", "Detail"),
        (
            Row(((text(agency.name),),), "Agency"),
            Row(((text(agency.address),),), "Address"),
            *(Row(((text(r.value),),), r.label) for r in cpr.agency_references),
        ),
        (1, 3),
    )
    return [
        ("About this report", [about, authors]),
        ("The agency", [references]),
        ("The parties", [_parties(words), Heading("Parties under 18", 3), *_written(cpr.respondents_under_18, "$.cpr.respondents_under_18")]),
        ("The matters for the proceedings", _written(cpr.matters_for_proceedings, "$.cpr.matters_for_proceedings")),
    ]


def _parties(words: _Words) -> Table:
    case = words.case
    rows = [Row(((text(case.authorship.agency.name),),), "Applicant")]
    for person in words.people(*_PARENT_ROLES):
        if person.has_parental_responsibility:
            rows.append(Row(((text(display_name(person)),),), "Respondent"))
    rows.append(Row(((text(f"{words.name}, through the children's guardian"),),), "Respondent"))
    return Table("Parties to the proceedings", ("Party", "Name"), tuple(rows), (1, 3))


def _section_b(words: _Words) -> list[Part]:
    cpr, name = words.cpr, words.name
    return [
        ("A photograph", [_photograph(words)]),
        (f"Who {name} is", [_identity(words), *_identity_needs(words)]),
        (f"Where {name} lives now", _home(words)),
        ("Legal status and orders", [_orders(words)]),
        (f"{name}'s life so far", [_chronology(words)]),
        ("Health", [*_written(cpr.health, "$.cpr.health"), *(
            [text(f"Summary by {cpr.medical_adviser}.", "note")] if cpr.medical_adviser else []
        )]),
        ("Development, emotional and behavioural needs, and self-care", _written(cpr.development, "$.cpr.development")),
        ("Education", _written(cpr.education, "$.cpr.education")),
        (f"{name}'s relationships", _written(cpr.relationships, "$.cpr.relationships")),
        (f"{name}'s wishes and feelings", _wishes(words)),
        (f"{name}'s birth family", _birth_family(words)),
        ("What the parents want", _parents_views(words)),
        ("Parenting capacity", _written(cpr.parenting_capacity, "$.cpr.parenting_capacity")),
        ("Assessments of relatives and friends", _assessments(words)),
        ("What the agency has done and decided", [*_written(cpr.agency_actions, "$.cpr.agency_actions"), _adm_line(words)]),
        ("Family time now, and as proposed", _family_time(words)),
    ]


#: The photograph's frame: scaled to fit, keeping its shape.
PHOTOGRAPH_BOX_MM = (60.0, 80.0)


def _photograph(words: _Words) -> Block:
    photograph = words.cpr.photograph
    if photograph is not None:
        data, mime, width, height = photograph.image()
        return Picture(data, mime, photograph.alt_text, *fitted(width, height, PHOTOGRAPH_BOX_MM))
    return Table(
        "Photograph",
        ("",),
        (Row(((text(f"Space for a recent photograph of {words.name}, to be added to the signed copy.", "note"),),)),),
        (1,),
    )


def _identity(words: _Words) -> Table:
    child = words.case.child
    languages = ", ".join([child.first_language, *child.other_languages])
    rows = [
        ("Name", f"{child.given_names} {child.family_name} (known as {child.preferred_name})"),
        ("Date of birth", f"{long_date(child.date_of_birth)} ({age_on(child.date_of_birth, words.case.prepared_on)})"),
        ("Gender", label(child.gender)),
        ("Nationality", child.nationality),
        ("Ethnicity", child.ethnicity),
        ("Religion", child.religion),
        ("Language", languages),
        ("Case reference", child.case_reference),
    ]
    return Table("Identity", ("", "Detail"), tuple(Row(((text(v),),), k) for k, v in rows), (1, 3))


def _identity_needs(words: _Words) -> list[Block]:
    """Culture, religion, language and heritage: what each means for the child and how it is met."""
    needs = words.case.identity_needs
    if not needs:
        return []
    return [Table(
        "Culture, religion, language and heritage",
        ("Aspect", "What it means for " + words.name, "How it is met"),
        tuple(Row(((text(label(n.aspect)),), (Markdown(NarrativeText(n.need)),), (Markdown(NarrativeText(n.how_met)),))) for n in needs),
        (2, 4, 4),
    )]


def _home(words: _Words) -> list[Block]:
    placement = words.case.placement
    if placement is None:
        return [text(f"Where {words.name} lives is not recorded ($.placement).", "warning")]
    carers = [display_name(words.case.person(i)) for i in placement.carer_ids]
    rows = [
        ("Lives with", ", ".join(carers) or "Not recorded"),
        ("Home", capfirst(placement.description)),
        ("Since", long_date(placement.since)),
        *((what, value) for what, value in (
            ("Address", placement.address), ("Town", placement.town), ("School or nursery", placement.school_or_nursery),
        ) if value),
    ]
    blocks: list[Block] = [Table("Home", ("", "Detail"), tuple(Row(((text(v),),), k) for k, v in rows), (1, 3))]
    if words.court_copy_withholds_placement:
        blocks.append(text(
            "The prospective adopters' names, address and employment, the town and the child's school or nursery are "
            "in the confidential part of this report, which is filed separately."
        ))
    return blocks


def _orders(words: _Words) -> Block:
    case = words.case
    rows = tuple(
        Row((
            (text(label(basis.kind)),), (text(long_date(basis.made_on)),),
            (text(" ".join(filter(None, (basis.court, basis.court_case_number))) or "Not a court order"),),
            (text(long_date(basis.ended_on) if basis.ended_on else "In force"),),
        ))
        for basis in case.legal_basis
    )
    return Table("Orders and legal status", ("Order or status", "Made", "Court and case number", "Ended"), rows, (3, 2, 4, 2))


def _chronology(words: _Words) -> Block:
    entries = sorted(words.case.chronology, key=lambda entry: entry.date)
    if not entries:
        return text("No chronology recorded ($.chronology).", "warning")
    return Table(
        f"Chronology of {words.name}'s life since birth",
        ("Date", "What happened"),
        tuple(Row(((text(long_date(e.date)),), (text(e.event),))) for e in entries),
        (1, 4),
    )


def _wishes(words: _Words) -> list[Block]:
    voice = words.case.voices.child
    if voice is None:
        return [text("Not yet recorded ($.voices.child).", "warning")]
    return [
        Markdown(NarrativeText(voice.summary)),
        text(f"Gathered by {voice.recorded_by} on {long_date(voice.recorded_on)} ({label(voice.method).lower()}).", "note"),
    ]


def _birth_family(words: _Words) -> list[Block]:
    family = [p for p in words.case.people if p.role not in _CARER_ROLES]
    blocks: list[Block] = [_family_table(words, family)]
    groups = (
        ("Mother", [p for p in family if p.role is PersonRole.MOTHER]),
        ("Father", [p for p in family if p.role is PersonRole.FATHER]),
        ("Others with parental responsibility", [
            p for p in family if p.role not in (*_PARENT_ROLES, PersonRole.SIBLING) and p.has_parental_responsibility
        ]),
        ("Brothers and sisters", [p for p in family if p.role is PersonRole.SIBLING]),
        ("Other relatives", [
            p for p in family if p.role not in (*_PARENT_ROLES, PersonRole.SIBLING) and not p.has_parental_responsibility
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


def _family_table(words: _Words, family: list[Person]) -> Table:
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


def _person(words: _Words, person: Person) -> list[Block]:
    name = words.name
    full_name = f"{person.given_names} {person.family_name}".strip() if person.given_names else capfirst(person.relationship)
    facts = [f"{full_name} is {name}'s {unbracketed(person.relationship.lower())}."]
    if person.role in _PARENT_ROLES:
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


def _parents_views(words: _Words) -> list[Block]:
    blocks: list[Block] = []
    views = {view.person_id: view for view in words.case.voices.others if view.person_id}
    for parent in words.people(*_PARENT_ROLES):
        view = views.get(parent.id)
        blocks.append(Heading(display_name(parent), 3))
        if view is None:
            blocks.append(text(f"{parent.given_names} has not given a view that the agency could record."))
        else:
            blocks += [Markdown(NarrativeText(view.summary)), text(f"Recorded on {long_date(view.recorded_on)}.", "note")]
    return blocks or [text("No parent is known to the agency.")]


def _assessments(words: _Words) -> list[Block]:
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


def _adm_line(words: _Words) -> Block:
    decided = words.case.adoption.adm_decision_on if words.case.adoption else None
    if decided is None:
        return text(f"The Agency Decision Maker has not yet decided whether {words.name} should be placed for adoption.")
    return text(f"The Agency Decision Maker decided on {long_date(decided)} that {words.name} should be placed for adoption.")


def _family_time(words: _Words) -> list[Block]:
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
    blocks += [Heading("Proposed", 3), *_written(words.cpr.family_time_proposed, "$.cpr.family_time_proposed")]
    return blocks


def _section_c(words: _Words) -> list[Part]:
    case, cpr = words.case, words.cpr
    analysis = build_analysis(case, level=3, landscape=False)
    weighing: list[Block] = [
        text(
            "The realistic options for " + words.name + " are set out below as the options analysis gives them: "
            "first side by side, then each in detail, and then weighed together."
        ),
        *legend(case),
        *analysis.blocks(3),
    ]
    decision: list[Block] = (
        [Markdown(NarrativeText(cpr.adm_decision))] if cpr.adm_decision
        else [text("The Agency Decision Maker's decision is not yet recorded.")]
    )
    awaiting = awaiting_sign_off(case, "This report")
    return [
        ("The realistic options", weighing),
        ("Why adoption is recommended", _written(cpr.why_adoption, "$.cpr.why_adoption")),
        ("Sign-off", [sign_off_table(case), *([awaiting] if awaiting else [])]),
        ("The Agency Decision Maker's decision", decision),
    ]


# --- the confidential part --------------------------------------------------------------


def _confidential_part(words: _Words) -> list[Block]:
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
