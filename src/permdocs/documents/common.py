"""Context pieces that more than one document shows: the document's own
details, the child's identity, the legal position, names and sign-off.

Context objects hold display-ready values (labels, not codes) so templates
stay simple; dates stay ``date`` objects and are formatted by the templates'
finalize hook, narratives stay :class:`NarrativeText` for the markdown filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .. import blocks
from ..blocks import Block, Heading, Row, Table
from ..case import Case
from ..case.authorship import Professional
from ..case.people import Person
from ..checks import Finding
from ..narrative import NarrativeText
from ..request import ResolvedRequest
from ..templating import capfirst, long_date
from ..timescales import PROCEEDINGS_WEEKS
from .labels import label


def narrative(text: str | None) -> NarrativeText | None:
    return None if text is None else NarrativeText(text)


class Terms(Mapping[str, str]):
    """The council's words as a read-only mapping that pickles (a batch
    sends contexts to worker processes); templates write ``terms.review``."""

    __slots__ = ("_words",)

    def __init__(self, words: Mapping[str, str]):
        self._words = dict(words)

    def __getitem__(self, key: str) -> str:
        return self._words[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Terms, (self._words,))


@dataclass(frozen=True)
class Brand:
    """Who the documents come from, as printed on them."""

    council_name: str
    #: The address on one line, its lines joined by commas (Word headers).
    council_address: str
    has_logo: bool
    #: The address a line each, as the profile gives it (HTML and PDF).
    council_address_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    subtitle: str
    date: date
    agency_name: str
    agency_address: str
    case_reference: str
    protective_marking: str
    brand: Brand
    #: The profile's words, as a plain mapping (see ContextOnlySandbox).
    terms: Terms
    #: Goes into PDF and DOCX metadata, which travel further than the pages:
    #: it names the document and case reference, never the child.
    metadata_title: str
    #: Whose copy this is ("Family copy") and who reads it.
    copy: str
    copy_reader: str
    #: A draft carries a DRAFT mark on every page and lists the open findings.
    draft: bool
    draft_appendix: tuple[Block, ...]


def document_info(case: Case, request: ResolvedRequest, title: str, subtitle: str) -> DocumentInfo:
    """The details every document prints in its title block, header and footer."""
    agency = case.authorship.agency
    profile = request.profile
    council, branding = profile.profile.council, profile.profile.branding
    return DocumentInfo(
        title=title,
        subtitle=subtitle,
        date=case.prepared_on,
        agency_name=agency.name,
        agency_address=agency.address,
        case_reference=case.child.case_reference,
        protective_marking=branding.protective_marking,
        brand=Brand(
            council.name, ", ".join(council.address_lines), has_logo=profile.logo_path is not None,
            council_address_lines=council.address_lines,
        ),
        terms=Terms(profile.terms.model_dump()),
        metadata_title=f"{title}: case {case.child.case_reference}",
        copy=request.audience.title,
        copy_reader=request.audience.reader,
        draft=request.draft,
        draft_appendix=draft_appendix(request.findings) if request.draft else (),
    )


def draft_appendix(findings: Iterable[Finding]) -> tuple[Block, ...]:
    """The end of a draft: the practice checks' findings still open."""
    rows = tuple(
        Row((
            (blocks.text(f.severity.value.capitalize()),), (blocks.text(f.rule),), (blocks.text(f.path),),
            (blocks.text(f.message),), (blocks.text(f.source),),
        ))
        for f in findings
    )
    heading = Heading("Appendix: open findings")
    if not rows:
        return heading, blocks.text("The practice checks found nothing to fix.")
    header = ("Severity", "Rule", "Where in the case", "Finding", "Source")
    return heading, Table("What the practice checks found when this draft was made", header, rows, (2, 2, 4, 7, 4))


@dataclass(frozen=True)
class ChildIdentity:
    full_name: str
    preferred_name: str
    date_of_birth: date
    age: str
    gender: str
    ethnicity: str
    nationality: str
    religion: str
    first_language: str
    other_languages: str | None
    needs: NarrativeText | None
    case_reference: str


def child_identity(case: Case) -> ChildIdentity:
    child = case.child
    return ChildIdentity(
        full_name=f"{child.given_names} {child.family_name}",
        preferred_name=child.preferred_name,
        date_of_birth=child.date_of_birth,
        age=age_on(child.date_of_birth, case.prepared_on),
        gender=label(child.gender),
        ethnicity=child.ethnicity,
        nationality=child.nationality,
        religion=child.religion,
        first_language=child.first_language,
        other_languages=", ".join(child.other_languages) or None,
        needs=narrative(child.disability_or_additional_needs),
        case_reference=child.case_reference,
    )


def age_on(birth: date, on: date) -> str:
    """A child's age in the words a report uses: '6 months', '1 year', '12 years'."""
    months = (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''}" if months != 12 else "1 year"
    return f"{months // 12} years"


def display_name(person: Person) -> str:
    """A person's name and relationship, or only the relationship where the
    audience's copy withholds the name (permdocs.redaction empties it)."""
    if not person.full_name:
        return capfirst(person.relationship)
    return f"{person.full_name} ({unbracketed(person.relationship.lower())})"


def unbracketed(text: str) -> str:
    """Text that can sit inside brackets: its own brackets become commas, so
    'birth father (named on the birth certificate)' reads 'birth father, named
    on the birth certificate' and never '(birth father (named ...))'."""
    return re.sub(r"\s*\(([^()]*)\)", r", \1", text).replace("(", "").replace(")", "")


def names(case: Case, person_ids: list[str]) -> str | None:
    """Several people, named for the document, or None when there are none."""
    return "; ".join(display_name(case.person(pid)) for pid in person_ids) or None


@dataclass(frozen=True)
class OrderRow:
    order: str
    made_on: date
    court: str | None
    court_case_number: str | None
    expires_on: date | None
    ended_on: date | None
    notes: NarrativeText | None


@dataclass(frozen=True)
class Proceedings:
    issued_on: date
    court: str
    court_case_number: str
    week_26_date: date
    extensions: list[str]
    timetable_ends_on: date
    final_hearing_on: date | None
    concluded_on: date | None


@dataclass(frozen=True)
class LegalPosition:
    looked_after_on: date
    ceased_on: date | None
    current: list[OrderRow]
    previous: list[OrderRow]
    proceedings: Proceedings | None


def legal_position(case: Case) -> LegalPosition:
    rows = [
        OrderRow(
            order=label(basis.kind),
            made_on=basis.made_on,
            court=basis.court,
            court_case_number=basis.court_case_number,
            expires_on=basis.expires_on,
            ended_on=basis.ended_on,
            notes=narrative(basis.notes),
        )
        for basis in case.legal_basis
    ]
    return LegalPosition(
        looked_after_on=case.care_episode.looked_after_on,
        ceased_on=case.care_episode.ceased_on,
        current=[row for row in rows if row.ended_on is None],
        previous=[row for row in rows if row.ended_on is not None],
        proceedings=_proceedings(case),
    )


def _proceedings(case: Case) -> Proceedings | None:
    source = case.care_proceedings
    if source is None:
        return None
    week_26 = source.issued_on + timedelta(weeks=PROCEEDINGS_WEEKS)
    extended_weeks = sum(extension.weeks for extension in source.extensions)
    return Proceedings(
        issued_on=source.issued_on,
        court=source.court,
        court_case_number=source.court_case_number,
        week_26_date=week_26,
        extensions=[
            f"{extension.weeks} weeks, granted {long_date(extension.granted_on)}: {extension.reason}"
            for extension in source.extensions
        ],
        timetable_ends_on=week_26 + timedelta(weeks=extended_weeks),
        final_hearing_on=source.final_hearing_on,
        concluded_on=source.concluded_on,
    )


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str
    qualifications: str | None
    registration_number: str | None
    signed_on: date | None


def signatory(professional: Professional, signed_on: date | None) -> Signatory:
    return Signatory(
        name=professional.name,
        role=professional.role,
        qualifications=professional.qualifications,
        registration_number=professional.registration_number,
        signed_on=signed_on,
    )
