"""The options analysis (Re B-S [2013] EWCA Civ 1146) as one piece of context,
shared by the options-analysis document, the route comparison and the
care-plan section, so that the analysis is written once and shown the same
everywhere.

Tables are described as *grids*: a header and labelled rows of cells, each
cell a list of parts marked "child" (this child's points, with weight and
likelihood), "standard" (the knowledge base's general points, with source
numbers), "fact" (a legal characteristic, with source numbers) or "plain".
Each writer draws grids its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..case import Case
from ..case.planning import ChildPoint, OptionConsidered
from ..knowledge import LEGAL_ROWS, Fact, KnowledgeBase, Point, RouteInfo, knowledge_base
from ..narrative import NarrativeText
from .common import names, narrative
from .labels import label

#: Up to this many realistic options sit side by side, one column each;
#: more become one block per option (the page would be too narrow).
MAX_COLUMNS = 3

PartKind = Literal["child", "standard", "fact", "plain"]


@dataclass(frozen=True)
class CellPart:
    kind: PartKind
    text: NarrativeText
    note: str | None = None  # weight and likelihood of a child point
    marks: str | None = None  # source numbers of a standard point, e.g. "2, 5"


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: list[list[CellPart]]


@dataclass(frozen=True)
class Grid:
    caption: str
    corner: str
    header: list[str]
    rows: list[GridRow]


@dataclass(frozen=True)
class ExcludedView:
    option: str
    text: str
    reason: NarrativeText | None


@dataclass(frozen=True)
class RuledOutView:
    option: str
    reasons: NarrativeText | None


@dataclass(frozen=True)
class SourceView:
    number: int
    citation: str


@dataclass(frozen=True)
class Analysis:
    """Everything a document needs to show the options analysis."""

    layout: str  # "columns" or "blocks"
    grids: list[Grid]
    realistic_count: int
    conclusion: NarrativeText | None
    recommended: str | None
    single_option_reason: NarrativeText | None
    ruled_out: list[RuledOutView]
    excluded: list[ExcludedView]
    sources: list[SourceView]


@dataclass
class _Footnotes:
    """Numbers sources in order of first use, like footnotes."""

    base: KnowledgeBase
    numbers: dict[str, int] = field(default_factory=dict)

    def marks(self, source_ids: list[str]) -> str:
        return ", ".join(str(self.numbers.setdefault(s, len(self.numbers) + 1)) for s in source_ids)

    def views(self) -> list[SourceView]:
        return [SourceView(n, self.base.sources[s].citation()) for s, n in self.numbers.items()]


def option_title(case: Case, option: OptionConsidered) -> str:
    carers = names(case, option.carer_ids)
    return label(option.route) + (f": {carers}" if carers else "")


def build_analysis(case: Case, layout: str | None = None) -> Analysis:
    """The analysis of the case's options; ``layout`` forces columns or blocks."""
    base = knowledge_base()
    notes = _Footnotes(base)
    realistic = [o for o in case.options if o.realistic]
    chosen = layout or ("columns" if len(realistic) <= MAX_COLUMNS else "blocks")
    analysis = case.options_analysis
    recommended = next((o for o in case.options if analysis and o.id == analysis.recommended_option_id), None)
    titles = [option_title(case, o) + (" (recommended)" if o is recommended else "") for o in realistic]
    if chosen == "columns":
        grids = [_side_by_side(case, realistic, titles, notes)] if realistic else []
    else:
        grids = [_block(case, option, title, notes) for option, title in zip(realistic, titles)]
    return Analysis(
        layout=chosen,
        grids=grids,
        realistic_count=len(realistic),
        conclusion=narrative(analysis.conclusion) if analysis else None,
        recommended=option_title(case, recommended) if recommended else None,
        single_option_reason=narrative(analysis.single_option_reason) if analysis else None,
        ruled_out=[RuledOutView(option_title(case, o), narrative(o.reasons)) for o in case.options if not o.realistic],
        excluded=[
            ExcludedView(option_title(case, o), _point_text(base, e.point_id), narrative(e.reason))
            for o in realistic for e in o.excluded_points
        ],
        sources=notes.views(),
    )


def _side_by_side(case: Case, options: list[OptionConsidered], titles: list[str], notes: _Footnotes) -> Grid:
    rows = [
        GridRow("Outcome", [[CellPart("plain", NarrativeText(label(o.outcome)))] for o in options]),
        GridRow("For: this child", [_child(o.advantages) for o in options]),
        GridRow("For: in general", [_standard(o, "advantages", notes) for o in options]),
        GridRow("Against: this child", [_child(o.disadvantages) for o in options]),
        GridRow("Against: in general", [_standard(o, "disadvantages", notes) for o in options]),
        GridRow("Evidence", [_evidence(o) for o in options]),
    ]
    return Grid("The realistic options side by side", "", titles, rows)


def _block(case: Case, option: OptionConsidered, title: str, notes: _Footnotes) -> Grid:
    rows = [
        GridRow("This child", [_child(option.advantages), _child(option.disadvantages)]),
        GridRow("In general", [_standard(option, "advantages", notes), _standard(option, "disadvantages", notes)]),
        GridRow("Evidence", [_evidence(option), [CellPart("plain", NarrativeText(label(option.outcome)))]]),
    ]
    return Grid(title, "", ["For", "Against"], rows)


def _child(points: list[ChildPoint]) -> list[CellPart]:
    parts = []
    for point in points:
        note = label(point.weight) + (f", {label(point.likelihood).lower()}" if point.likelihood else "")
        parts.append(CellPart("child", NarrativeText(point.text), note=note))
    return parts or [CellPart("plain", NarrativeText("None recorded."))]


def _standard(option: OptionConsidered, kind: str, notes: _Footnotes) -> list[CellPart]:
    excluded = {e.point_id for e in option.excluded_points}
    points: list[Point] = getattr(notes.base.for_route(option.route), kind)
    return [
        CellPart("standard", NarrativeText(p.text), marks=notes.marks(p.sources)) for p in points if p.id not in excluded
    ]


def _evidence(option: OptionConsidered) -> list[CellPart]:
    return [CellPart("plain", NarrativeText(item)) for item in option.evidence] or [
        CellPart("plain", NarrativeText("None recorded."))
    ]


def _point_text(base: KnowledgeBase, point_id: str) -> str:
    point = base.point(point_id)
    return f"{point_id}: {point.text}" if point else f"{point_id} (not a standard point of this route)"


@dataclass(frozen=True)
class RouteComparison:
    grids: list[Grid]
    sources: list[SourceView]


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
    grids = []
    for start in range(0, len(entries), MAX_COLUMNS):
        chunk = entries[start:start + MAX_COLUMNS]
        rows = [
            GridRow(title, [[_fact(getattr(info.legal, key), notes)] for info in chunk])
            for key, title in LEGAL_ROWS.items()
        ]
        grids.append(Grid("How the routes compare in law", "", [info.name for info in chunk], rows))
    return RouteComparison(grids, notes.views())


def _fact(fact: Fact, notes: _Footnotes) -> CellPart:
    return CellPart("fact", NarrativeText(fact.text), marks=notes.marks(fact.sources))
