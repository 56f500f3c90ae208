"""The realistic options analysis (Re B-S [2013] EWCA Civ 1146), built once as
blocks (permdocs.text.blocks) and shown the same by the options-analysis
document and the Child's Permanence Report.

It follows the order a court expects of the analysis:

1. every realistic option side by side against the same key factors;
2. each option in detail, the points about this child first, each weighed;
   the route's general character in a sentence, with its full list of
   general points left to the route comparison;
3. one holistic evaluation of all the options together;
4. only then what became of each option and the recommendation: an outcome
   printed before the weighing would read as the linear elimination that
   Re G [2013] EWCA Civ 965 criticised.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.narrative import NarrativeText
from ..case import Case
from ..case.options import KeyFactor
from ..case.planning import ChildPoint, OptionConsidered
from ..practice.knowledge import knowledge_base
from ..text import blocks
from ..text.blocks import Block, Bullets, Heading, Markdown, Paragraph, Row, Run, Table
from .common import display_name, names
from .households import apart_under_every_option, siblings_and_homes, who_would_live_with
from .labels import label
from .sources import SourceNotes, sources_word


@dataclass(frozen=True)
class AnalysisSection:
    """One part of the analysis under its own heading."""

    title: str
    anchor: str
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Analysis:
    """The analysis of a case's options, in the order it is read."""

    realistic_count: int
    sections: tuple[AnalysisSection, ...]
    #: The numbered sources of the route summaries and any general points
    #: the worker weighed for the child; empty when none is cited.
    sources: tuple[Block, ...]

    def blocks(self, level: int = 1) -> tuple[Block, ...]:
        """Every section under a heading of ``level``, then the sources."""
        out: list[Block] = []
        for section in self.sections:
            out += [Heading(section.title, level, anchor=section.anchor), *section.body]
        return (*out, *self.sources)


def option_title(case: Case, option: OptionConsidered) -> str:
    """``Special guardianship order: Mina Sampleford (maternal aunt)``."""
    carers = names(case, option.carer_ids)
    return label(option.route) + (f": {carers}" if carers else "")


def build_analysis(case: Case, *, level: int = 1, landscape: bool = True) -> Analysis:
    """The analysis as sections whose headings sit at ``level`` (an option's
    own heading one below); ``landscape`` says whether its tables sit on
    landscape pages or portrait ones (the CPR)."""
    notes = SourceNotes(knowledge_base())
    realistic = [o for o in case.options if o.realistic]
    name = case.child.preferred_name
    sections = [
        AnalysisSection("The options at a glance", "options-at-a-glance", _at_a_glance(case, realistic, landscape)),
        AnalysisSection(
            "Each option in detail", "options-each-option",
            tuple(b for o in realistic for b in _option_detail(case, o, notes, level + 1, landscape))
            or (blocks.text("No option is recorded as realistic.", "warning"),),
        ),
    ]
    # The points set aside belong to the detail, so they come before the
    # weighing, never after the outcome as if an afterthought.
    if excluded := _general_points_set_aside(case, notes):
        sections.append(AnalysisSection(f"General points that do not apply to {name}", "options-set-aside", excluded))
    sections += [
        AnalysisSection("Weighing the options together", "options-weighing", _weighing(case, level + 1)),
        AnalysisSection("What became of each option", "options-outcomes", _outcomes(case, realistic, level + 1, landscape)),
    ]
    return Analysis(len(realistic), tuple(sections), notes.blocks(level))


def legend(case: Case) -> tuple[Block, ...]:
    """How to read the weights, likelihoods and the summary's words, once, at a readable size."""
    name = case.child.preferred_name
    return (
        blocks.text(
            f"Each point about {name} carries the weight the social worker gives it in the balance (significant, "
            "moderate or limited) and, where it is a prediction rather than a present fact, how likely it is to come "
            "about (likely, possible or unlikely)."
        ),
        Paragraph((Run(
            "In the summary, For, Against, Mixed or Neutral says which way each key factor points for that option. "
            "The key factors ask:"
        ),), keep_with_next=True),
        Bullets(tuple(f"{label(factor)}: {factor.description[:1].lower()}{factor.description[1:]}" for factor in KeyFactor),
                keep_together=True),
    )


def _at_a_glance(case: Case, realistic: list[OptionConsidered], landscape: bool) -> tuple[Block, ...]:
    if not realistic:
        return (blocks.text("No option is recorded as realistic.", "warning"),)
    elsewhere = apart_under_every_option(case, realistic)
    told_once = frozenset(s.id for s in elsewhere)
    home = Row(tuple(_household_cell(case, option, told_once) for option in realistic),
               f"Who {case.child.preferred_name} would live with")
    rows = (home, *(Row(tuple(_factor_cell(option, factor) for option in realistic), label(factor)) for factor in KeyFactor))
    # On a portrait page the factors' names need a wider column to stay whole.
    label_width = 16 if landscape else 22
    width = (100 - label_width) // len(realistic)
    grid = Table(
        f"The realistic options for {case.child.preferred_name} against the key factors",
        ("", *(option_title(case, option) for option in realistic)),
        rows,
        (label_width, *(width,) * len(realistic)),
        landscape,
        # Its rows are tall: moved whole to the next page, it would leave its heading alone on one.
        keep_together=False,
    )
    if not elsewhere:
        return (grid,)
    return (grid, blocks.text(f"Under every option, these siblings would go on living elsewhere: {siblings_and_homes(elsewhere)}."))


def _household_cell(case: Case, option: OptionConsidered, told_once: frozenset[str]) -> tuple[Block, ...]:
    living, apart = who_would_live_with(case, option, apart_under_every_option=told_once)
    return (blocks.text(living), *((Paragraph((Run(apart),), "note"),) if apart else ()))


def _factor_cell(option: OptionConsidered, factor: KeyFactor) -> tuple[Block, ...]:
    assessment = option.key_factors.get(factor)
    if assessment is None:
        return (blocks.text("Not assessed.", "warning"),)
    return (Paragraph((Run(f"{label(assessment.balance)}. ", bold=True), Run(assessment.summary))),)


def _option_detail(
    case: Case, option: OptionConsidered, notes: SourceNotes, level: int, landscape: bool
) -> tuple[Block, ...]:
    title = option_title(case, option)
    route = notes.base.for_route(option.route)
    table = Table(
        f"What counts for and against this option for {case.child.preferred_name}",
        ("For", "Against"),
        (Row((_points(option, option.advantages, notes), _points(option, option.disadvantages, notes))),),
        (1, 1),
        landscape,
    )
    in_general = Paragraph((
        Run("The route in general. ", bold=True),
        Run(f"{route.summary.text} The route comparison sets out its general advantages and disadvantages, with their sources."),
    ))
    evidence = (
        Paragraph((Run("Evidence relied on: ", bold=True), Run("; ".join(option.evidence) + ".")))
        if option.evidence else blocks.text("No evidence is recorded for this option.", "warning")
    )
    return Heading(title, level), table, in_general, *notes.note(route.summary.sources), evidence


def _points(option: OptionConsidered, points: list[ChildPoint], notes: SourceNotes) -> tuple[Block, ...]:
    parts: list[Block] = []
    for point in points:
        weighing = label(point.weight) + (f", {label(point.likelihood).lower()}" if point.likelihood else "")
        if point.point_id is None:
            assert point.text is not None  # the model requires one of the two
            parts += [Markdown(NarrativeText(point.text)), Paragraph((Run(weighing),), "note")]
            continue
        standard = notes.base.point(point.point_id)
        if standard is None:  # a check (PP-028) names the unknown id; the document says only what is known
            parts.append(blocks.text("A general point the knowledge base does not hold.", "warning"))
            continue
        parts += [
            blocks.text(standard.text),
            Paragraph((Run(f"{weighing}. {_general_point(notes.marks(standard.sources))}"),), "note"),
        ]
    return tuple(parts) or (blocks.text("None recorded."),)


def _general_point(marks: str) -> str:
    return f"A general point about the route ({sources_word(marks)})." if marks else "A general point about the route."


def _weighing(case: Case, level: int) -> tuple[Block, ...]:
    analysis = case.options_analysis
    if analysis is None:
        return (blocks.text("No holistic evaluation is recorded.", "warning"),)
    out: list[Block] = []
    if analysis.single_option_reason is not None:
        out += [Heading("Why only one option is realistic", level), Markdown(NarrativeText(analysis.single_option_reason))]
    return (*out, Markdown(NarrativeText(analysis.conclusion)))


def _outcomes(case: Case, realistic: list[OptionConsidered], level: int, landscape: bool) -> tuple[Block, ...]:
    analysis = case.options_analysis
    recommended = next((o for o in case.options if analysis and o.id == analysis.recommended_option_id), None)
    out: list[Block] = []
    if realistic:
        out.append(Table(
            "The outcome of each realistic option, after the weighing",
            ("Option", "Outcome", "Reasons"),
            tuple(Row(((blocks.text(option_title(case, o)),), (blocks.text(label(o.outcome)),), (_reason(o.reasons),)))
                  for o in realistic),
            (3, 2, 7),
            landscape,
        ))
    out.append(
        Paragraph((Run("Recommendation: ", bold=True), Run(_in_words(case, recommended), bold=True)))
        if recommended else blocks.text("No option is recommended yet.", "warning")
    )
    ruled_out = [o for o in case.options if not o.realistic]
    out.append(Heading("Options that are not realistic", level))
    for option in ruled_out:
        out += [Heading(option_title(case, option), level + 1), _reason(option.reasons)]
    if not ruled_out:
        out.append(blocks.text("Every option considered was realistic."))
    return tuple(out)


def _in_words(case: Case, option: OptionConsidered) -> str:
    """``Special guardianship order with Mina Sampleford (maternal aunt).``: an option as a sentence."""
    # Inside a sentence, carers whose names this copy withholds are "the
    # prospective adopters", not a capitalised label.
    carers = "; ".join(
        display_name(p) if p.full_name else f"the {p.relationship.lower()}"
        for p in (case.person(pid) for pid in option.carer_ids)
    )
    return label(option.route) + (f" with {carers}" if carers else "") + "."


def _reason(text: str | None) -> Block:
    return Markdown(NarrativeText(text)) if text is not None else blocks.text("No reason recorded.", "warning")


def _general_points_set_aside(case: Case, notes: SourceNotes) -> tuple[Block, ...]:
    """General points of a route the worker has said do not apply to the child, with why."""
    out: list[Block] = []
    for option in case.options:
        if not option.realistic:
            continue
        for excluded in option.excluded_points:
            point = notes.base.point(excluded.point_id)
            what = point.text if point else "A general point the knowledge base does not hold."
            out += [
                Paragraph((Run(f"{option_title(case, option)}. ", bold=True), Run(what)), keep_with_next=True),
                _reason(excluded.reason),
            ]
    return tuple(out)
