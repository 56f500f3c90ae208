"""How the routes under consideration compare in law: who holds parental
responsibility, for how long, with what support and supervision, and how
the family stays in touch (Essex 2021, Appendix 1; brief section 4.2); each
route's general advantages and disadvantages, to which the options analysis
refers; and the needs-to-route table councils use to match a child's needs
to a route (Merton 2019, Appendix 1; Devon 2020, comparison table).

Written about the routes in general, for parents, carers and lawyers; what
suits this child is the options analysis's business.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...case import Case
from ...practice.knowledge import LEGAL_ROWS, Fact, KnowledgeBase, Point, RouteInfo, knowledge_base
from ...text import blocks
from ...text.blocks import Block, Bullets, Heading, Paragraph, Row, Run, Table, contents_of
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from ..declaration import ResolvedRequest
from ..sources import SourceNotes, sources_word

#: Routes side by side in one table: four fit a landscape page.
ROUTES_PER_TABLE = 4


@dataclass(frozen=True)
class RouteComparisonDocument:
    """Everything the route-comparison templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    #: The whole body, drawn alike by both templates.
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> RouteComparisonDocument:
    """The route-comparison context for this case."""
    return RouteComparisonDocument(
        document=document_info(case, request, "How the routes compare", "Legal routes to permanence under consideration"),
        child=child_identity(case),
        # In a court bundle, the short form: the realistic routes in law, without the general points and
        # their long source list, which fill ten pages the judge has in the route comparison on file.
        body=short_comparison_body(case) if request.for_bundle else comparison_body(case),
    )


def routes_compared(case: Case, base: KnowledgeBase) -> list[RouteInfo]:
    """The routes of the realistic options and of every plan; where that is
    a single route, the other routes considered too, so that the one left is
    compared with the ones ruled out rather than with nothing."""
    wanted = [o.route for o in case.options if o.realistic]
    plans = case.plans
    wanted += [plan.route for plan in (plans.primary, *plans.parallel, plans.contingency) if plan is not None]
    entries = _unique(base.for_route(route) for route in wanted)
    if len(entries) < 2:
        entries = _unique([*entries, *(base.for_route(o.route) for o in case.options)])
    return entries


def short_comparison_body(case: Case) -> tuple[Block, ...]:
    """The short form for a bundle: the realistic routes side by side in law, and the sources they cite."""
    base = knowledge_base()
    notes = SourceNotes(base, councils_policies=False)
    realistic = _unique(base.for_route(option.route) for option in case.options if option.realistic)
    entries = realistic if len(realistic) >= 2 else routes_compared(case, base)
    name = case.child.preferred_name
    return (
        Heading("About this comparison", anchor="about"),
        blocks.text(
            f"This is the short form, for the court bundle, of the comparison of the routes realistic for {name}: "
            "who holds parental responsibility, for how long, with what support, and how the family stays in touch. "
            f"It describes each route in general; the options analysis weighs what suits {name}. The full "
            "comparison, with each route's general advantages and disadvantages and their sources, is in the "
            "local authority's copy."
        ),
        Heading("The routes side by side", anchor="matrix"),
        *_legal_matrices(entries, notes),
        *notes.blocks(council=case.authorship.agency.name),
    )


def comparison_body(case: Case) -> tuple[Block, ...]:
    """About, the legal matrix, each route's general points, the needs table, sources."""
    base = knowledge_base()
    notes = SourceNotes(base, councils_policies=True)
    entries = routes_compared(case, base)
    name = case.child.preferred_name
    body: list[Block] = [
        Heading("About this comparison", anchor="about"),
        blocks.text(
            f"The routes being considered for {name} differ in who holds parental responsibility, how long the "
            "arrangement lasts, what support comes with it and how the family stays in touch. This document sets "
            f"them side by side. It describes each route in general; what suits {name} is set out in the options analysis."
        ),
        Heading("The routes side by side", anchor="matrix"),
        *_legal_matrices(entries, notes),
        Heading("Each route's general advantages and disadvantages", anchor="general-points"),
        blocks.text(
            "These points hold for the route in general, whoever the child. The options analysis weighs what they "
            f"mean for {name}, and says which of them do not apply.", keep_with_next=True,
        ),
    ]
    for info in entries:
        body += _general_points(info, notes)
    body += [Heading("Matching needs to routes", anchor="needs"), *_needs_table(base, notes)]
    body += notes.blocks(council=case.authorship.agency.name)
    # A contents list after the opening paragraph: the comparison runs to ten pages for four routes.
    return (*body[:2], contents_of(body, landscape=True), *body[2:])


def _legal_matrices(entries: list[RouteInfo], notes: SourceNotes) -> list[Block]:
    if not entries:
        return [blocks.text("No route is under consideration.", "warning")]
    tables: list[Block] = []
    for start in range(0, len(entries), ROUTES_PER_TABLE):
        chunk = entries[start:start + ROUTES_PER_TABLE]
        rows = tuple(
            Row(tuple(_fact(getattr(info.legal, key), notes) for info in chunk), title) for key, title in LEGAL_ROWS.items()
        )
        width = 84 // len(chunk)
        caption = "How the routes compare in law" + (f" ({start // ROUTES_PER_TABLE + 1})" if len(entries) > ROUTES_PER_TABLE else "")
        tables.append(Table(caption, ("", *(info.name for info in chunk)), rows, (16, *(width,) * len(chunk)), landscape=True))
    return tables


def _fact(fact: Fact, notes: SourceNotes) -> tuple[Block, ...]:
    return blocks.text(fact.text), *notes.note(fact.sources)


def _general_points(info: RouteInfo, notes: SourceNotes) -> list[Block]:
    # One point to a cell, side by side, so that no point is parted from its
    # source and no row has to split across a page.
    advantages, disadvantages = info.advantages, info.disadvantages
    rows = tuple(
        Row((_point(advantages, n, notes), _point(disadvantages, n, notes)))
        for n in range(max(len(advantages), len(disadvantages)))
    )
    table = Table(f"General advantages and disadvantages: {info.name}", ("Advantages", "Disadvantages"), rows, (1, 1),
                  landscape=True)
    out: list[Block] = [Heading(info.name, 2, anchor=f"route-{info.id}"), table]
    if info.indicators:
        out += [
            Paragraph((Run("It may suit a child where:", bold=True),), keep_with_next=True),
            Bullets(tuple(f"{point.text} ({sources_word(notes.marks(point.sources))})" for point in info.indicators),
                    keep_together=True),
        ]
    return out


def _point(points: list[Point], index: int, notes: SourceNotes) -> tuple[Block, ...]:
    if index >= len(points):
        return ()
    return blocks.text(points[index].text), *notes.note(points[index].sources)


def _needs_table(base: KnowledgeBase, notes: SourceNotes) -> list[Block]:
    table = base.needs
    rows = tuple(
        Row(tuple((blocks.text(need.cells[column.id]),) for column in table.columns), need.need) for need in table.needs
    )
    width = 84 // len(table.columns)
    sources = sorted({s for column in table.columns for s in column.sources})
    return [
        blocks.text(
            "Councils use this table to see which route tends to suit which permanence need. It is a guide to "
            "the questions to ask, not a rule: the options analysis weighs this child's own needs.", keep_with_next=True,
        ),
        Table(
            "Which route tends to suit which need", ("Need", *(column.title for column in table.columns)),
            rows, (16, *(width,) * len(table.columns)), landscape=True,
        ),
        *notes.note(sources),
    ]


def _unique(items: Iterable[RouteInfo]) -> list[RouteInfo]:
    seen: list[RouteInfo] = []
    for info in items:
        if info not in seen:
            seen.append(info)
    return seen
