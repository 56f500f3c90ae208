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
from ...case.letter import LaterLifeLetter, LetterSection, LetterSectionKind
from ...practice import letter_review
from ...practice.genogram import genogram
from ...text.blocks import Diagram
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info, genogram_block, plain_relationship
from ..declaration import Output, Reader, ResolvedRequest
from .covering import CoveringLetter, adopters_names, covering_letter, marking_for
from .facts import FOLLOWS_THE_WORKER, composed_facts


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
    #: What permdocs composes from the case, before the worker's text: one
    #: paragraph, or none where the worker has told it all (facts.py).
    facts: tuple[str, ...]
    text: NarrativeText
    highlights: tuple[Highlight, ...]
    #: The same, where it completes the worker's story and so follows it.
    facts_after: tuple[str, ...] = ()
    #: The child's family tree, after the section about the birth family, where the letter asks for it.
    family_tree: Diagram | None = None


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
    #: The adoptive parents' copy is the covering letter alone, not the letter.
    covering: CoveringLetter | None = None


def outputs(case: Case, request: ResolvedRequest) -> list[Output]:
    """One file: the letter, or for the adoptive parents the covering letter,
    in its own Word layout (later-life-letter-covering.docx)."""
    context = build_context(case, request)
    return [Output(context, layout="covering" if context.covering is not None else "")]


def build_context(case: Case, request: ResolvedRequest) -> LaterLifeLetterDocument:
    """The letter for this case (which the declaration requires to have one),
    or, in the adoptive parents' copy, the covering letter that goes with it."""
    letter = case.later_life_letter
    assert letter is not None  # document.toml requires $.later_life_letter
    writer = case.authorship.social_worker
    covering = request.audience.reads_as is Reader.CARERS
    reviewing = request.options.get("review") is True and not covering
    info = document_info(case, request, "Later-life letter", f"A letter for {case.child.preferred_name}")
    info = replace(info, protective_marking=marking_for(request.profile.profile.branding, covering=covering, reviewing=reviewing))
    if covering:
        return LaterLifeLetterDocument(
            document=info, child=child_identity(case), written_on=letter.written_on, dear=adopters_names(case),
            sections=(), sign_off="Yours sincerely,", writer_name=letter.writer_name or writer.name,
            writer_role=f"{case.child.preferred_name}'s social worker", review=None,
            covering=covering_letter(case, request, info.protective_marking),
        )
    facts = composed_facts(case, request.profile.profile.council.name)
    findings = letter_review.review(case, dict(request.profile.settings.plain_words)) if reviewing else []
    return LaterLifeLetterDocument(
        document=info,
        child=child_identity(case),
        written_on=letter.written_on,
        dear=letter.dear or case.child.preferred_name,
        sections=_with_family_tree(case, _numbered(tuple(
            _section(index, section, facts.get(section.kind), findings) for index, section in enumerate(letter.sections)
        ))),
        sign_off=letter.sign_off,
        writer_name=letter.writer_name or writer.name,
        writer_role=letter.writer_role or writer.role,
        review=_review(case, letter, findings) if reviewing else None,
    )


def _section(
    index: int, section: LetterSection, facts: str | None, findings: list[letter_review.LetterFinding]
) -> SectionView:
    notes: dict[str, list[str]] = {}
    for finding in findings:
        if finding.sentence is not None and finding.sentence.section == index:
            notes.setdefault(finding.sentence.text, []).append(finding.advice or finding.message)
    # One mark per sentence, carrying every note about it.
    highlights = tuple(Highlight(sentence, tuple(messages)) for sentence, messages in notes.items())
    paragraph = (facts,) if facts else ()
    follows = section.kind in FOLLOWS_THE_WORKER
    return SectionView(
        title=letter_review.SECTION_TITLES[section.kind],
        facts=() if follows else paragraph,
        text=NarrativeText(section.text or ""),
        highlights=highlights,
        facts_after=paragraph if follows else (),
    )


#: The family tree's room on the letter's page, width by height in millimetres.
FAMILY_TREE_BOX_MM = (160.0, 140.0)


def _with_family_tree(case: Case, sections: tuple[SectionView, ...]) -> tuple[SectionView, ...]:
    """The sections, the one about the birth family (or else the first) with
    the family tree after it, where the letter asks for one: each person
    named as the child knows them ("your birth mum"), the child as "you"."""
    letter = case.later_life_letter
    if letter is None or not letter.family_tree or not sections:
        return sections
    kinds = [section.kind for section in letter.sections]
    at = kinds.index(LetterSectionKind.BIRTH_FAMILY) if LetterSectionKind.BIRTH_FAMILY in kinds else 0
    drawn = genogram(case, box_mm=FAMILY_TREE_BOX_MM, relationship_words=lambda words: plain_relationship(words) if words else "you")
    return (*sections[:at], replace(sections[at], family_tree=genogram_block(drawn)), *sections[at + 1:])


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
