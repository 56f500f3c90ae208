"""The options analysis (Re B-S [2013] EWCA Civ 1146) as one piece of context,
shared by the options-analysis document, the route comparison and the
care-plan section, so that the analysis is written once and shown the same
everywhere.

The tables, the summary and the sources list are blocks (permdocs.blocks):
built here once, drawn by each writer its own way. In the tables, this
child's points carry their weight and likelihood; general points from the
knowledge base are marked "General" with their source numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import blocks
from ..blocks import Block, Heading, Markdown, Paragraph, Row, Run, Table
from ..case import Case
from ..case.planning import ChildPoint, OptionConsidered
from ..knowledge import LEGAL_ROWS, Fact, KnowledgeBase, Point, RouteInfo, knowledge_base
from ..narrative import NarrativeText
from .common import names
from .labels import label

#: Up to this many realistic options sit side by side, one column each;
#: more become one block per option (the page would be too narrow).
MAX_COLUMNS = 3

@dataclass(frozen=True)
class Analysis:
    """Everything a document needs to show the options analysis, as blocks
    (permdocs.blocks) that each writer draws its own way."""

    layout: str  # "columns" or "blocks"
    tables: tuple[Table, ...]
    realistic_count: int
    #: Why only one option, the holistic evaluation, the recommendation, the
    #: options ruled out and the general points excluded.
    summary: tuple[Block, ...]
    sources: tuple[Block, ...]


@dataclass
class _Footnotes:
    """Numbers sources in order of first use, like footnotes."""

    base: KnowledgeBase
    numbers: dict[str, int] = field(default_factory=dict)

    def marks(self, source_ids: list[str]) -> str:
        return ", ".join(str(self.numbers.setdefault(s, len(self.numbers) + 1)) for s in source_ids)

    def blocks(self) -> tuple[Block, ...]:
        if not self.numbers:
            return ()
        listed = tuple(
            Paragraph((Run(f"[{n}] "), Run(self.base.sources[s].citation())), "note") for s, n in self.numbers.items()
        )
        return (Heading("Sources"), *listed)


def option_title(case: Case, option: OptionConsidered) -> str:
    carers = names(case, option.carer_ids)
    return label(option.route) + (f": {carers}" if carers else "")


def build_analysis(case: Case, layout: str | None = None, heading_level: int = 2, landscape: bool = True) -> Analysis:
    """The analysis of the case's options; ``layout`` forces columns or blocks,
    ``landscape`` says whether the tables sit on landscape or portrait pages."""
    base = knowledge_base()
    notes = _Footnotes(base)
    realistic = [o for o in case.options if o.realistic]
    chosen = layout or ("columns" if len(realistic) <= MAX_COLUMNS else "blocks")
    analysis = case.options_analysis
    recommended = next((o for o in case.options if analysis and o.id == analysis.recommended_option_id), None)
    titles = [option_title(case, o) + (" (recommended)" if o is recommended else "") for o in realistic]
    if chosen == "columns":
        tables = (_side_by_side(realistic, titles, notes, landscape),) if realistic else ()
    else:
        tables = tuple(_block(option, title, notes, landscape) for option, title in zip(realistic, titles))
    return Analysis(
        layout=chosen,
        tables=tables,
        realistic_count=len(realistic),
        summary=_summary(case, base, recommended, heading_level),
        sources=notes.blocks(),
    )


def _side_by_side(options: list[OptionConsidered], titles: list[str], notes: _Footnotes, landscape: bool) -> Table:
    rows = (
        Row(tuple((_plain(label(o.outcome)),) for o in options), "Outcome"),
        Row(tuple(_child(o.advantages) for o in options), "For: this child"),
        Row(tuple(_standard(o, "advantages", notes) for o in options), "For: in general"),
        Row(tuple(_child(o.disadvantages) for o in options), "Against: this child"),
        Row(tuple(_standard(o, "disadvantages", notes) for o in options), "Against: in general"),
        Row(tuple(_evidence(o) for o in options), "Evidence"),
    )
    widths = (12, *(88 // max(len(options), 1),) * len(options))
    return Table("The realistic options side by side", ("", *titles), rows, widths, landscape, rows_may_split=True)


def _block(option: OptionConsidered, title: str, notes: _Footnotes, landscape: bool) -> Table:
    rows = (
        Row((_child(option.advantages), _child(option.disadvantages)), "This child"),
        Row((_standard(option, "advantages", notes), _standard(option, "disadvantages", notes)), "In general"),
        Row((_evidence(option), (_plain(label(option.outcome)),)), "Evidence"),
    )
    return Table(title, ("", "For", "Against"), rows, (12, 44, 44), landscape, rows_may_split=True)


def _plain(value: str) -> Paragraph:
    return blocks.text(value)


def _child(points: list[ChildPoint]) -> tuple[Block, ...]:
    parts: list[Block] = []
    for point in points:
        note = label(point.weight) + (f", {label(point.likelihood).lower()}" if point.likelihood else "")
        parts += [Markdown(NarrativeText(point.text)), Paragraph((Run(note),), "note")]
    return tuple(parts) or (_plain("None recorded."),)


def _standard(option: OptionConsidered, kind: str, notes: _Footnotes) -> tuple[Block, ...]:
    excluded = {e.point_id for e in option.excluded_points}
    points: list[Point] = getattr(notes.base.for_route(option.route), kind)
    parts: list[Block] = []
    for point in points:
        if point.id not in excluded:
            parts += [
                Paragraph((Run("General: ", tag=True), Run(point.text, italic=True))),
                Paragraph((Run(f"Sources: {notes.marks(point.sources)}"),), "note"),
            ]
    return tuple(parts)


def _evidence(option: OptionConsidered) -> tuple[Block, ...]:
    return tuple(_plain(item) for item in option.evidence) or (_plain("None recorded."),)


def _summary(case: Case, base: KnowledgeBase, recommended: OptionConsidered | None, level: int) -> tuple[Block, ...]:
    """The weighing after the tables: one evaluation of all the options together."""
    analysis = case.options_analysis
    out: list[Block] = []
    if analysis is not None and analysis.single_option_reason is not None:
        out += [Heading("Why only one option is realistic", level), Markdown(NarrativeText(analysis.single_option_reason))]
    out.append(Heading("Holistic evaluation", level))
    out.append(Markdown(NarrativeText(analysis.conclusion)) if analysis else blocks.text("No holistic evaluation is recorded.", "warning"))
    out.append(Heading("Recommendation", level))
    out.append(
        blocks.text(option_title(case, recommended), bold=True) if recommended
        else blocks.text("No option is recommended yet.", "warning")
    )
    out.append(Heading("Options that are not realistic", level))
    ruled_out = [o for o in case.options if not o.realistic]
    for option in ruled_out:
        out.append(blocks.text(f"{option_title(case, option)}.", bold=True))
        out.append(_reason(option.reasons))
    if not ruled_out:
        out.append(blocks.text("Every option considered was realistic."))
    excluded = [(o, e) for o in case.options if o.realistic for e in o.excluded_points]
    if excluded:
        out.append(Heading("General points that do not apply to this child", level))
        for option, point in excluded:
            out.append(blocks.text(f"{option_title(case, option)}. {_point_text(base, point.point_id)}"))
            out.append(_reason(point.reason))
    return tuple(out)


def _reason(text: str | None) -> Block:
    return Markdown(NarrativeText(text)) if text is not None else blocks.text("No reason recorded.", "warning")


def _point_text(base: KnowledgeBase, point_id: str) -> str:
    point = base.point(point_id)
    return f"{point_id}: {point.text}" if point else f"{point_id} (not a standard point of this route)"


@dataclass(frozen=True)
class RouteComparison:
    tables: tuple[Table, ...]
    sources: tuple[Block, ...]


def build_route_comparison(case: Case) -> RouteComparison:
    """The legal comparison matrix (Essex 2021, Appendix 1) for the routes the
    case considers realistic, or all its routes if none are, three to a table."""
    base = knowledge_base()
    notes = _Footnotes(base)
    considered = [o for o in case.options if o.realistic] or list(case.options)
    entries: list[RouteInfo] = []
    for option in considered:
        info = base.for_route(option.route)
        if info not in entries:
            entries.append(info)
    tables = []
    for start in range(0, len(entries), MAX_COLUMNS):
        chunk = entries[start:start + MAX_COLUMNS]
        rows = tuple(
            Row(tuple(_fact(getattr(info.legal, key), notes) for info in chunk), title) for key, title in LEGAL_ROWS.items()
        )
        widths = (12, *(88 // len(chunk),) * len(chunk))
        header = ("", *(info.name for info in chunk))
        tables.append(Table("How the routes compare in law", header, rows, widths, landscape=True))
    return RouteComparison(tuple(tables), notes.blocks())


def _fact(fact: Fact, notes: _Footnotes) -> tuple[Block, ...]:
    return (_plain(fact.text), Paragraph((Run(f"Sources: {notes.marks(fact.sources)}"),), "note"))
