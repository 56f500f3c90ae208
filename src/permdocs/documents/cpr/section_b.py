"""Section B of the Child's Permanence Report, as far as it is about the child:
identity, home, orders, chronology, health, development, relationships and wishes."""

from __future__ import annotations

from ...blocks import Block, Markdown, Picture, Row, Table, fitted, text
from ...narrative import NarrativeText
from ...templating import capfirst, long_date
from ..common import age_on, display_name
from ..labels import label
from .family import adm_line, assessments, birth_family, family_time, parents_views
from .words import ReportWords, written

Part = tuple[str, list[Block]]


def section_b(words: ReportWords) -> list[Part]:
    cpr, name = words.cpr, words.name
    return [
        ("A photograph", [_photograph(words)]),
        (f"Who {name} is", [_identity(words), *_identity_needs(words)]),
        (f"Where {name} lives now", _home(words)),
        ("Legal status and orders", [_orders(words)]),
        (f"{name}'s life so far", [_chronology(words)]),
        ("Health", [*written(cpr.health, "$.cpr.health"), *(
            [text(f"Summary by {cpr.medical_adviser}.", "note")] if cpr.medical_adviser else []
        )]),
        ("Development, emotional and behavioural needs, and self-care", written(cpr.development, "$.cpr.development")),
        ("Education", written(cpr.education, "$.cpr.education")),
        (f"{name}'s relationships", written(cpr.relationships, "$.cpr.relationships")),
        (f"{name}'s wishes and feelings", _wishes(words)),
        (f"{name}'s birth family", birth_family(words)),
        ("What the parents want", parents_views(words)),
        ("Parenting capacity", written(cpr.parenting_capacity, "$.cpr.parenting_capacity")),
        ("Assessments of relatives and friends", assessments(words)),
        ("What the agency has done and decided", [*written(cpr.agency_actions, "$.cpr.agency_actions"), adm_line(words)]),
        ("Family time now, and as proposed", family_time(words)),
    ]


#: The photograph's frame: scaled to fit, keeping its shape.
PHOTOGRAPH_BOX_MM = (60.0, 80.0)


def _photograph(words: ReportWords) -> Block:
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


def _identity(words: ReportWords) -> Table:
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


def _identity_needs(words: ReportWords) -> list[Block]:
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


def _home(words: ReportWords) -> list[Block]:
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


def _orders(words: ReportWords) -> Block:
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


def _chronology(words: ReportWords) -> Block:
    entries = sorted(words.case.chronology, key=lambda entry: entry.date)
    if not entries:
        return text("No chronology recorded ($.chronology).", "warning")
    return Table(
        f"Chronology of {words.name}'s life since birth",
        ("Date", "What happened"),
        tuple(Row(((text(long_date(e.date)),), (text(e.event),))) for e in entries),
        (1, 4),
    )


def _wishes(words: ReportWords) -> list[Block]:
    voice = words.case.voices.child
    if voice is None:
        return [text("Not yet recorded ($.voices.child).", "warning")]
    return [
        Markdown(NarrativeText(voice.summary)),
        text(f"Gathered by {voice.recorded_by} on {long_date(voice.recorded_on)} ({label(voice.method).lower()}).", "note"),
    ]
