"""Section B of the Child's Permanence Report, as far as it is about the
child: the photograph, identity, home, orders, chronology, health,
development, education, relationships and wishes and feelings. The birth
family's half of the section is in :mod:`.family`."""

from __future__ import annotations

import io
from datetime import date
from functools import cache

from ...base.narrative import NarrativeText
from ...case.people import Person
from ...case.voices import ChildVoiceMethod
from ...practice.chronology import CARER_ROLES
from ...text.blocks import Block, Heading, Markdown, Picture, Row, Table, fitted, text
from ...text.templating import capfirst, long_date
from ...text.timeline import timeline_diagram
from ..common import age_on, and_list, religion_in_words
from ..labels import label
from .chronology import chronology
from .family import family_parts
from .words import ReportWords, written

Part = tuple[str, list[Block]]

#: The photograph's frame: a picture is scaled to fit it, keeping its shape,
#: and without one the report leaves an empty frame this size to stick one in.
PHOTOGRAPH_BOX_MM = (60.0, 80.0)


def section_b(words: ReportWords) -> list[Part]:
    cpr, name = words.cpr, words.name
    return [
        ("A photograph", _photograph(words)),
        (f"Who {name} is", [
            _identity(words),
            Heading(f"What {name} looks like", 3), *written(cpr.physical_description),
            *_identity_needs(words), *_identity_analysis(words),
            Heading("Property and inheritance", 3), *written(cpr.property_or_inheritance),
        ]),
        (f"Where {name} lives now", _home(words)),
        ("Legal status and orders", _orders(words)),
        # The picture first: the moves, orders and hearings at a glance, then the table that lists them.
        (f"{name}'s life so far", [timeline_diagram(words.case, family_time=words.family_time), *chronology(words)]),
        ("Health", [
            Heading("Pregnancy and birth", 3), *written(cpr.pregnancy_and_birth),
            Heading(f"{name}'s health", 3), *written(cpr.health), *_health_note(words),
            Heading("Future health needs", 3), *written(cpr.future_health_needs),
        ]),
        ("Development, emotional and behavioural needs, and self-care", written(cpr.development)),
        ("Education", written(cpr.education)),
        (f"{name}'s relationships", written(cpr.relationships)),
        (f"{name}'s wishes and feelings", _wishes(words)),
        *family_parts(words),
    ]


def _photograph(words: ReportWords) -> list[Block]:
    photograph = words.cpr.photograph
    if photograph is not None:
        data, mime, width, height = photograph.image()
        return [Picture(data, mime, photograph.alt_text, *fitted(width, height, PHOTOGRAPH_BOX_MM))]
    return [
        Picture(empty_frame(), "image/png", f"An empty frame for a photograph of {words.name}", *PHOTOGRAPH_BOX_MM),
        text(f"A recent photograph of {words.name} is to go in this frame in the signed copy.", "note"),
    ]


@cache
def empty_frame() -> bytes:
    """An empty frame with a thin grey rule, as a small PNG drawn at 100 dpi
    and shown at 60 x 80 mm; the same bytes every time."""
    from PIL import Image, ImageDraw

    width, height = 236, 315
    image = Image.new("L", (width, height), 255)
    ImageDraw.Draw(image).rectangle((2, 2, width - 3, height - 3), outline=128, width=3)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _identity(words: ReportWords) -> Table:
    child = words.case.child
    rows = [
        ("Name", f"{words.full_name}, known as {child.preferred_name}"),
        ("Date of birth", long_date(child.date_of_birth)),
        *((("Place of birth", words.cpr.place_of_birth),) if words.cpr.place_of_birth else ()),
        ("Age", f"{age_on(child.date_of_birth, words.on)} on the date of this report"),
        ("Gender", label(child.gender)),
        ("Nationality", child.nationality),
        ("Ethnicity", child.ethnicity),
        ("Religion", religion_in_words(child.religion)),
        ("First language", child.first_language),
        *((("Other languages", and_list(child.other_languages)),) if child.other_languages else ()),
        ("Case reference", child.case_reference),
    ]
    return Table("Identity", ("", "Detail"), tuple(Row(((text(v),),), k) for k, v in rows), (1, 3))


def _identity_needs(words: ReportWords) -> list[Block]:
    """Culture, religion, language and heritage: what each means for the child and how it is met."""
    needs = words.case.identity_needs
    if not needs:
        return [text(f"How {words.name}'s culture, religion, language and heritage are met is not yet recorded.", "warning")]
    return [Table(
        "Culture, religion, language and heritage",
        ("Aspect", "What it means for " + words.name, "How it is met"),
        tuple(Row(((text(label(n.aspect)),), (Markdown(NarrativeText(n.need)),), (Markdown(NarrativeText(n.how_met)),)))
              for n in needs),
        (2, 4, 4),
    )]


def _identity_analysis(words: ReportWords) -> list[Block]:
    """Where the heritage of the child and of the proposed family differ: how it is met (CPR-012 asks for it)."""
    if words.cpr.identity_analysis is None:
        return []
    return [Heading(f"How {words.name}'s identity needs will be met", 3), *written(words.cpr.identity_analysis)]


def _home(words: ReportWords) -> list[Block]:
    placement, name, case = words.case.placement, words.name, words.case
    if placement is None:
        return [text(f"Where {name} lives now is not yet recorded.", "warning")]
    carers = [case.person(i) for i in placement.carer_ids]
    blocks: list[Block] = [text(_since(words, placement.since, placement.description, carers)), *_earlier_carers(words, carers)]
    if words.placement_withheld:
        blocks.append(text(
            f"Who {name}'s carers are, where {words.she} lives and the nursery or school {words.she} goes to are "
            "in the confidential part of this report, which is filed with the court separately and not served on "
            "the other parties."
        ))
        return blocks
    rows = [(capfirst(words.carer_role(c, possessive=False)), c.full_name) for c in carers if c.full_name]
    rows += [("Their work", c.employment) for c in carers if c.employment]
    rows += [(what, value) for what, value in (
        ("Address", placement.address), ("Town", placement.town), ("School or nursery", placement.school_or_nursery),
        ("GP practice", placement.gp_practice),
    ) if value]
    if rows:
        blocks.append(Table(f"{name}'s home", ("", "Detail"), tuple(Row(((text(v),),), k) for k, v in rows), (1, 3)))
    return blocks


def _since(words: ReportWords, since: date, home: str, carers: list[Person]) -> str:
    """'Since 28 September 2026, Poppy has lived with her prospective adopters, in a fostering-for-adoption home.'"""
    first_word = home.split(" ", 1)[0].lower()
    opening = f"Since {long_date(since)}, {words.name}"
    if carers:
        where = f" in {home}" if first_word in ("a", "an", "the", "her", "his", "their") else ""
        people = and_list([words.carer(c, closed=bool(where)) for c in carers])
        return f"{opening} has lived with {people}{where}."
    if first_word in ("with", "in", "at"):
        return f"{opening} has lived {home}."
    return f"{opening}'s home has been {home}."


def _earlier_carers(words: ReportWords, current: list[Person]) -> list[Block]:
    """The carers the child lived with before, most recent first, by role
    (and by name where the copy may name them)."""
    spells = sorted(
        ((period.start, period.end, person) for person in words.people(*CARER_ROLES) if person not in current
         for period in person.lived_with_child if period.end is not None),
        key=lambda spell: spell[0], reverse=True,
    )
    return [
        text(f"{'Before that' if number == 0 else 'Earlier'}, {words.name} lived with "
             f"{words.carer(person, closed=True)} from {long_date(start)} to {long_date(end)}.")
        for number, (start, end, person) in enumerate(spells)
    ]


def _orders(words: ReportWords) -> list[Block]:
    case = words.case
    blocks: list[Block] = []
    if case.legal_basis:
        blocks.append(Table(
            "Orders and legal status",
            ("Order or status", "Made", "Court and case number", "Ended"),
            tuple(
                Row((
                    (text(label(basis.kind)),), (text(long_date(basis.made_on)),),
                    (text(f"{basis.court}, {basis.court_case_number}" if basis.court else "Not a court order"),),
                    (text(long_date(basis.ended_on) if basis.ended_on else "In force"),),
                ))
                for basis in case.legal_basis
            ),
            (3, 3, 4, 3),
        ))
    else:
        blocks.append(text(f"No order or legal status is recorded for {words.name} yet.", "warning"))
    if (proceedings := case.care_proceedings) is not None and proceedings.concluded_on is None:
        hearing = proceedings.final_hearing_on
        if hearing is not None and hearing > words.on:
            blocks.append(text(f"The final hearing is listed for {long_date(hearing)}."))
        for extension in proceedings.extensions:
            blocks.append(text(
                f"On {long_date(extension.granted_on)} the court extended the timetable by {extension.weeks} weeks: "
                f"{extension.reason[:1].lower()}{extension.reason[1:]}"
            ))
    return blocks


def _health_note(words: ReportWords) -> list[Block]:
    cpr = words.cpr
    if cpr.medical_adviser is None:
        return []
    dated = f" on {long_date(cpr.health_summary_on)}" if cpr.health_summary_on else ""
    # "Dr A, medical adviser to the agency, wrote": a name with a title after it needs the closing comma.
    closing = "," if "," in cpr.medical_adviser else ""
    return [text(f"{cpr.medical_adviser}{closing} wrote this summary{dated}.", "note")]


def _wishes(words: ReportWords) -> list[Block]:
    voice = words.case.voices.child
    name = words.name
    if voice is None:
        return [text(f"{name}'s wishes and feelings are not yet recorded.", "warning")]
    on, by = long_date(voice.recorded_on), voice.recorded_by
    how = {
        ChildVoiceMethod.OWN_WORDS: f"{name} said this to {by} on {on}.",
        ChildVoiceMethod.OBSERVATION: (
            f"{name} is too young to say in words what {words.she} wants, so {by} wrote this from watching "
            f"{words.her_object}, on {on}."
        ),
        ChildVoiceMethod.ADVOCATE: f"{name}'s advocate passed this on to {by}, who wrote it down on {on}.",
        ChildVoiceMethod.CHOSEN_ADULT: f"{name} told an adult {words.she} chose, and {by} wrote it down on {on}.",
    }[voice.method]
    return [Markdown(NarrativeText(voice.summary)), text(how, "note")]
