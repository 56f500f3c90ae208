"""Context pieces that more than one document shows: the document's own
details, the child's identity, names and sign-off.

Context objects hold display-ready values (labels, not codes) so templates
stay simple; dates stay ``date`` objects and are formatted by the templates'
finalize hook, narratives stay :class:`NarrativeText` for the markdown filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..base.narrative import NarrativeText
from ..case import Case
from ..case.authorship import Professional
from ..case.family_time import FamilyTimeArrangement, Supervision
from ..case.people import Person
from ..checks import Finding
from ..text import blocks
from ..text.blocks import Block, Diagram, Heading, Row, Table
from ..text.templating import capfirst
from .declaration import ResolvedRequest
from .labels import label

if TYPE_CHECKING:
    # For a type only: the genogram (Graphviz, Pillow) loads with the documents that draw one.
    from ..practice.genogram import Genogram


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
    """Who the documents come from, as printed on them: the profile's
    council, the one authority a document speaks for (in its title block,
    header, footer, sign-off and properties). The case's own record of its
    agency is checked against it (AU-001), never printed beside it."""

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
    case_reference: str
    protective_marking: str
    brand: Brand
    #: The profile's words, as a plain mapping (see ContextOnlySandbox).
    terms: Terms
    #: Goes into PDF and DOCX metadata, which travel further than the pages:
    #: it names the document and case reference, never the child.
    metadata_title: str
    #: Whose copy this is ("Family copy") and who reads it, as the rest of
    #: the sentence after the copy's title.
    copy: str
    copy_reader: str
    #: A draft carries a DRAFT mark on every page and lists the open findings.
    draft: bool
    draft_appendix: tuple[Block, ...]
    #: Whose signature a final document still lacks, as the rest of a
    #: sentence after "Awaiting sign-off:"; every page is marked while it is
    #: set. None when signed off, in a draft, or for documents not signed off.
    awaiting_sign_off: str | None = None
    #: A copy filed with the court: 12 pt text, 1.5 line spacing and
    #: numbered paragraphs, in every format (FPR PD27A; the e-bundle guidance).
    for_the_court: bool = False
    #: All text 12 pt or more, tables included, for a reader outside the profession (a birth parent).
    large_type: bool = False
    #: A PDF for a court bundle: the bundle's stamps number its pages, so its own numbers are left off.
    in_bundle: bool = False
    #: How the running header names the child: the full name, or in a court
    #: copy the initials a bundle's front sheet uses (the profile chooses).
    running_name: str = ""
    #: Whom the document is about, printed after the subtitle ("Section of
    #: the care plan for **Ada**"); None where the subtitle names them itself.
    subject: str | None = None


def document_info(
    case: Case, request: ResolvedRequest, title: str, subtitle: str, *, signed_off: bool = False, what: str = "plan"
) -> DocumentInfo:
    """The details every document prints in its title block, header and footer.

    ``signed_off``: the document is one the social worker signs and the team
    manager signs off (``$.authorship``), so a final copy says so while a
    signature is missing (AU-004 reports it).
    """
    profile = request.profile
    council, branding = profile.profile.council, profile.profile.branding
    return DocumentInfo(
        title=title,
        subtitle=subtitle,
        date=case.prepared_on,
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
        awaiting_sign_off=awaiting_sign_off(case, council.name, what) if signed_off and not request.draft else None,
        for_the_court=request.audience.for_the_court,
        large_type=request.audience.large_type,
        subject=case.child.preferred_name,
        in_bundle=request.for_bundle,
        running_name=(child_initials(case) if request.audience.for_the_court and branding.court_copy_header == "initials"
                      else f"{case.child.given_names} {case.child.family_name}"),
    )


def child_initials(case: Case) -> str:
    """``A.M.S.`` for Ada Maple Sampleford; a hyphenated name keeps its hyphen (``T-S.``)."""
    names = f"{case.child.given_names} {case.child.family_name}".split()
    return "".join("-".join(part[:1].upper() for part in name.split("-") if part) + "." for name in names)


def awaiting_sign_off(case: Case, council: str, what: str = "plan") -> str | None:
    """Whose signature the document (``what``: "plan", "analysis", "report")
    still needs, in a sentence; None once both have signed."""
    authorship = case.authorship
    worker, manager = authorship.social_worker_signed_on is None, authorship.team_manager_signed_on is None
    if worker and manager:
        missing = f"neither the social worker nor the team manager has signed this {what} yet."
    elif worker:
        missing = f"the social worker has not yet signed this {what}."
    elif manager:
        missing = f"the team manager has not yet signed this {what} off."
    else:
        return None
    return f"{missing} Until both have signed, it is not the agreed {what} of {council}."


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
        religion=religion_in_words(child.religion),
        first_language=child.first_language,
        other_languages=", ".join(child.other_languages) or None,
        needs=narrative(child.disability_or_additional_needs),
        case_reference=child.case_reference,
    )


#: How workers record that a child has no religion; a table would print the bare word.
_NO_RELIGION = frozenset({"none", "no religion", "no faith", "nil", "n/a", "not applicable"})


def religion_in_words(religion: str) -> str:
    """The child's religion as a reader takes it: 'None' reads 'No religion'."""
    return "No religion" if religion.strip().lower().rstrip(".") in _NO_RELIGION else religion


def age_on(birth: date, on: date) -> str:
    """A child's age in the words a report uses: '6 months', '1 year', '12 years'."""
    months = (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''}" if months != 12 else "1 year"
    return f"{months // 12} years"


def display_name(person: Person) -> str:
    """A person's name and relationship, or only the relationship where the
    audience's copy withholds the name (permdocs.safeguarding.redaction empties it)."""
    if not person.full_name:
        return capfirst(person.relationship)
    # The relationship goes in brackets, so its own brackets become commas.
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


def supervision_words(arrangement: FamilyTimeArrangement) -> str:
    """'Supervised by a family-time worker from the agency'."""
    how = label(arrangement.supervision)
    if arrangement.supervised_by is None or arrangement.supervision is Supervision.UNSUPERVISED:
        return how
    return f"{how} by {lower_article(arrangement.supervised_by)}"


#: First words of a worker's phrase that are not names, so read in lower case mid-sentence.
_COMMON_FIRST_WORDS = frozenset("""
    a an the both each either one two their his her its our foster family contact social support supervising
    agency carers carer staff worker workers
""".split())


def lower_article(value: str) -> str:
    """'A family-time worker' and 'Foster carers' read in lower case inside a
    sentence; a name, or 'Jayden's foster carer', keeps its capital."""
    first, _, rest = value.partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in _COMMON_FIRST_WORDS and rest else value


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def genogram_block(drawn: Genogram) -> Diagram:
    """A drawn genogram as a block any document can place (the family tree,
    the CPR's birth family, the later-life letter)."""
    return Diagram(drawn.svg, drawn.draw_png, drawn.alt_text, drawn.width_mm, drawn.height_mm)


#: A child's words for a birth parent, and for whose parent a grandparent, aunt or uncle is.
_PARENT_WORDS = {"mother": "birth mum", "father": "birth dad"}
_SIDE_PARENTS = {"maternal": "birth mum", "paternal": "birth dad"}
_RELATIVE_WORDS = {
    "grandmother": ("grandmother", "mum"), "grandfather": ("grandfather", "dad"),
    "aunt": ("aunt", "sister"), "uncle": ("uncle", "brother"),
}


def plain_relationship(relationship: str, *, young: bool = False) -> str:
    """A relationship in a child's words: 'Birth mother' -> 'your birth mum';
    'Maternal grandmother' -> 'your grandmother, your birth mum's mum', or
    for a young child 'your grandmother'; 'Older half-brother' -> 'your
    brother' for a young child, who has no use yet for 'half'. One that
    starts with someone's name ("Kai's other parent") keeps its words."""
    words = relationship.strip().lower()
    if relationship.strip().split(" ", 1)[0].endswith(("'s", "\u2019s")):
        return relationship.strip()
    if words.startswith("birth ") and words.removeprefix("birth ") in _PARENT_WORDS:
        return f"your {_PARENT_WORDS[words.removeprefix('birth ')]}"
    side = re.fullmatch(r"(maternal|paternal)\s+(grandmother|grandfather|aunt|uncle)", words)
    if side:
        noun, whose = _RELATIVE_WORDS[side.group(2)]
        return f"your {noun}" if young else f"your {noun}, your {_SIDE_PARENTS[side.group(1)]}'s {whose}"
    if young:
        words = re.sub(r"\b(older|younger|big|little|maternal|paternal)\s+|\b(half|step)[- ]", "", words)
    return f"your {words}"
