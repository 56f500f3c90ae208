"""The later-life letter (brief section 4.5).

The worker writes the guided sections; this builder puts them in order under
headings written for the child, adds the facts the case already holds (the
date of birth, who is who, the court's decisions, when the child moved), and,
for a review copy, the language review's notes on the sentences they concern.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup, escape

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.legal import LegalBasisKind
from ...case.letter import LaterLifeLetter, LetterSection, LetterSectionKind
from ...case.people import PersonRole
from ...practice import letter_review
from ...text.templating import long_date
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from ..declaration import ResolvedRequest

_FAMILY_ROLES = (
    PersonRole.MOTHER, PersonRole.FATHER, PersonRole.STEP_PARENT, PersonRole.OTHER_PR_HOLDER,
    PersonRole.SIBLING, PersonRole.RELATIVE,
)


@dataclass(frozen=True)
class Highlight:
    """A sentence the review has something to say about, and what: its
    number, through the letter, ties the mark to its note after the section
    (a printed page cannot show a note when the reader points at the mark)."""

    sentence: str
    notes: tuple[str, ...]
    number: int = 0


@dataclass(frozen=True)
class SectionView:
    title: str
    #: Sentences permdocs composes from the case, before the worker's text.
    facts: tuple[str, ...]
    text: NarrativeText
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True)
class ReviewView:
    """What a review copy shows above the letter."""

    reading_age: int | None
    target_age: int
    notes: tuple[str, ...]
    marked: int


@dataclass(frozen=True)
class LaterLifeLetterDocument:
    """Everything the later-life letter's templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    written_on: date
    dear: str
    sections: tuple[SectionView, ...]
    sign_off: str
    writer_name: str
    writer_role: str
    review: ReviewView | None


def build_context(case: Case, request: ResolvedRequest) -> LaterLifeLetterDocument:
    """The letter for this case (which the declaration requires to have one)."""
    letter = case.later_life_letter
    assert letter is not None  # document.toml requires $.later_life_letter
    writer = case.authorship.social_worker
    reviewing = request.options.get("review") is True
    findings = letter_review.review(case, dict(request.profile.settings.plain_words)) if reviewing else []
    return LaterLifeLetterDocument(
        document=document_info(case, request, "Later-life letter", f"A letter for {case.child.preferred_name}"),
        child=child_identity(case),
        written_on=letter.written_on,
        dear=letter.dear or case.child.preferred_name,
        sections=_numbered(tuple(_section(case, index, section, findings) for index, section in enumerate(letter.sections))),
        sign_off=letter.sign_off,
        writer_name=letter.writer_name or writer.name,
        writer_role=letter.writer_role or writer.role,
        review=_review(case, letter, findings) if reviewing else None,
    )


def _section(case: Case, index: int, section: LetterSection, findings: list[letter_review.LetterFinding]) -> SectionView:
    notes: dict[str, list[str]] = {}
    for finding in findings:
        if finding.sentence is not None and finding.sentence.section == index:
            notes.setdefault(finding.sentence.text, []).append(finding.advice or finding.message)
    # One mark per sentence, carrying every note about it.
    highlights = tuple(Highlight(sentence, tuple(messages)) for sentence, messages in notes.items())
    return SectionView(
        title=letter_review.SECTION_TITLES[section.kind],
        facts=tuple(_facts(case, section.kind)),
        text=NarrativeText(section.text or ""),
        highlights=highlights,
    )


def _numbered(sections: tuple[SectionView, ...]) -> tuple[SectionView, ...]:
    """The marks numbered through the letter, 1, 2, 3..., in reading order."""
    numbered, count = [], 0
    for section in sections:
        marks = []
        for highlight in section.highlights:
            count += 1
            marks.append(replace(highlight, number=count))
        numbered.append(replace(section, highlights=tuple(marks)))
    return tuple(numbered)


def _review(case: Case, letter: LaterLifeLetter, findings: list[letter_review.LetterFinding]) -> ReviewView:
    whole = " ".join(letter_review.plain_text(s.text or "") for s in letter.sections)
    return ReviewView(
        reading_age=letter_review.reading_age(whole),
        target_age=letter.reading_age,
        # The whole letter's reading age is said in the review's first sentence; the rest are listed.
        notes=tuple(f.message for f in findings if f.sentence is None and f.path != "$.later_life_letter"),
        marked=len({(f.sentence.section, f.sentence.number) for f in findings if f.sentence is not None}),
    )


def _facts(case: Case, kind: LetterSectionKind) -> list[str]:
    """What the case already says about this part of the child's story, said to the child."""
    people = [p for p in case.people if p.given_names]
    if kind is LetterSectionKind.YOUR_BIRTH:
        return [f"You were born on {long_date(case.child.date_of_birth)}."]
    if kind is LetterSectionKind.BIRTH_FAMILY:
        return [f"Your {p.relationship[:1].lower()}{p.relationship[1:]} is {p.given_names}." for p in people if p.role in _FAMILY_ROLES]
    if kind is LetterSectionKind.WHO_DECIDED:
        return _decisions(case)
    if kind is LetterSectionKind.FOSTER_CARE:
        return [
            f"You lived with {p.given_names}, your foster carer, from {long_date(period.start)}"
            + (f" to {long_date(period.end)}." if period.end else ".")
            for p in people if p.role is PersonRole.FOSTER_CARER for period in p.lived_with_child
        ]
    if kind is LetterSectionKind.HOW_FAMILY_CHOSEN:
        return [
            f"You moved in with {p.given_names} on {long_date(period.start)}."
            for p in people if p.role is PersonRole.PROSPECTIVE_ADOPTER for period in p.lived_with_child[:1]
        ]
    if kind is LetterSectionKind.WHERE_TO_FIND_MORE:
        # Adoption and Children Act 2002 s.60: an adopted adult may have the
        # information the adoption agency disclosed to the adopters, and more.
        return ["When you are 18, the law says you can ask the adoption agency for the information it keeps about you."]
    return []


def _decisions(case: Case) -> list[str]:
    facts = []
    adoption = case.adoption
    if adoption is not None and adoption.adm_decision_on is not None:
        facts.append(
            f"On {long_date(adoption.adm_decision_on)}, a senior manager at {case.authorship.agency.name} agreed "
            "that being adopted was the right plan for you."
        )
    for order in case.legal_basis:
        where = f"a judge at the {order.court}" if order.court else "a judge"
        if order.kind is LegalBasisKind.PLACEMENT_ORDER:
            facts.append(f"On {long_date(order.made_on)}, {where} decided that a new family could be found for you.")
        elif order.kind is LegalBasisKind.ADOPTION_ORDER:
            facts.append(f"On {long_date(order.made_on)}, {where} made the adoption order, and your family became yours for good.")
    return facts


def review_marks(html: Markup, highlights: tuple[Highlight, ...]) -> Markup:
    """Mark each reviewed sentence where it stands in already-rendered HTML,
    with its number (its note follows the section) and, on screen, its note
    as a tooltip. A sentence split by formatting (bold across it) is not
    found and stays unmarked; its numbered note is still listed."""
    marked = str(html)
    for highlight in highlights:
        # Escaped as markdown-it escapes text (quotes, not apostrophes), to match what it rendered.
        sentence = highlight.sentence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        if sentence in marked:
            note = escape(" ".join(highlight.notes))
            marked = marked.replace(
                sentence,
                f'<mark class="review" title="{note}">{sentence}</mark><sup class="review-number">{highlight.number}</sup>',
                1,
            )
    return Markup(marked)


#: The letter's own filter, which the HTML writer adds for its template.
HTML_FILTERS = {"review_marks": review_marks}
