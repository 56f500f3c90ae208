"""The knowledge base of permanence routes: legal characteristics, standard
advantages and disadvantages, and "may be appropriate where" indicators,
every point sourced (templates/knowledge/*.toml).

The data is ours to keep correct, so a fault in it is a bug: loading checks
that ids are unique, every cited source exists, and every route of the case
model is covered exactly once.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from functools import cache
from typing import Annotated

from pydantic import StringConstraints

from ..base.resources import templates_dir
from ..base.strict import ShortText, StrictModel, field
from ..case.planning import Route

PointId = Annotated[str, StringConstraints(pattern=r"^[a-z]+(-[a-z]+)*-(adv|dis|ind)-\d{2}$")]
SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=600)]


class SourceKind(StrEnum):
    LAW = "law"
    CASE_LAW = "case-law"
    NATIONAL_GUIDANCE = "national-guidance"
    COUNCIL_POLICY = "council-policy"


class Source(StrictModel):
    """Where a fact comes from."""

    publisher: ShortText = field("Publisher", "The council, Parliament or department that published it.")
    kind: SourceKind = field("Kind", "Law, case law, national guidance, or one council's policy.")
    document: ShortText = field("Document", "The document's title.")
    year: int = field("Year", "The year of the version used.", ge=1989, le=2100)
    section: ShortText = field("Section", "The section, appendix or heading.")

    @property
    def is_council_policy(self) -> bool:
        """One council's policy: background for the route comparison, never another council's authority."""
        return self.kind is SourceKind.COUNCIL_POLICY

    def citation(self) -> str:
        """``Devon County Council 2020, Securing Permanence..., Advantages and disadvantages: ...``."""
        return f"{self.publisher} {self.year}, {self.document}, {self.section}"


class Fact(StrictModel):
    """A legal characteristic of a route, in one or two sentences."""

    text: Text = field("Text", "The fact, in permdocs' own words.")
    sources: list[SourceId] = field("Sources", "Ids of the sources it comes from.", min_length=1)


class Point(StrictModel):
    """A standard advantage, disadvantage or indicator of a route."""

    id: PointId = field("Id", "A stable id: route, kind (adv, dis, ind) and number.")
    text: Text = field("Text", "The point, in permdocs' own words.")
    sources: list[SourceId] = field("Sources", "Ids of the sources it comes from.", min_length=1)
    only_for: list[Text] = field(
        "Only for",
        "The relationships the point is about, where it names some (grandparent): weighed for an option whose "
        "carers are none of them, check PP-031 flags it.",
        default_factory=list,
    )


#: The rows of the legal comparison matrix (Essex 2021, Appendix 1), in order.
LEGAL_ROWS: dict[str, str] = {
    "route_in": "Route into the arrangement",
    "parental_responsibility": "Parental responsibility",
    "approval_basis": "Approval basis",
    "duration": "Duration",
    "supervision": "Placement supervision",
    "support": "Support services",
    "financial_entitlement": "Financial support: entitlement",
    "financial_discretionary": "Financial support: discretionary",
    "staying_in_touch": "Staying in touch with family",
    "looked_after": "Does the child remain in care?",
    "revocation": "Who can apply to revoke or discharge, and when",
}


class LegalCharacteristics(StrictModel):
    """The legal comparison matrix's rows for one route."""

    route_in: Fact = field("Route into the arrangement", "How a child comes to be in this arrangement.")
    parental_responsibility: Fact = field("Parental responsibility", "Who holds it and how it is shared.")
    approval_basis: Fact = field("Approval basis", "Who approves or makes the arrangement.")
    duration: Fact = field("Duration", "How long it lasts.")
    supervision: Fact = field("Placement supervision", "Visits and supervision of the placement.")
    support: Fact = field("Support services", "Services the child and carers can get.")
    financial_entitlement: Fact = field("Financial support: entitlement", "Payments and benefits as of right.")
    financial_discretionary: Fact = field("Financial support: discretionary", "Payments at the authority's discretion.")
    staying_in_touch: Fact = field("Staying in touch", "How time with the family is decided.")
    looked_after: Fact = field("Remains in care", "Whether the child remains looked after by the local authority.")
    revocation: Fact = field("Revocation or discharge", "Who can apply to end it, and when.")


class RouteInfo(StrictModel):
    """Everything the knowledge base says about one route."""

    id: SourceId = field("Id", "The route's short name, as given to 'permdocs routes'.")
    aliases: list[SourceId] = field("Aliases", "Other names accepted for it.", default_factory=list)
    routes: list[Route] = field("Case routes", "The case model's route values this entry describes.", min_length=1)
    name: ShortText = field("Name", "The route's name in documents.")
    summary: Fact = field(
        "Summary", "The route's general character in a sentence or two, for the options analysis; the detail is in "
        "the route comparison."
    )
    legal: LegalCharacteristics = field("Legal characteristics", "The legal comparison matrix's rows.")
    advantages: list[Point] = field("Standard advantages", "Points in favour that apply generally.", min_length=1)
    disadvantages: list[Point] = field("Standard disadvantages", "Points against that apply generally.", min_length=1)
    indicators: list[Point] = field("May be appropriate where", "Circumstances in which the route may suit a child.")

    def points(self) -> list[Point]:
        return [*self.advantages, *self.disadvantages, *self.indicators]


class NeedsColumn(StrictModel):
    """A column of the needs-to-route table: one route, or routes the councils group."""

    id: SourceId = field("Id", "The column's id, named by each row's cells.")
    title: ShortText = field("Title", "The column heading.")
    routes: list[SourceId] = field("Routes", "Ids of the knowledge base's routes the column describes.", min_length=1)
    sources: list[SourceId] = field("Sources", "Ids of the sources the column's cells come from.", min_length=1)


class NeedsRow(StrictModel):
    """A permanence need, and what it looks like where each route suits it."""

    need: ShortText = field("Need", "The permanence need, e.g. 'Parental responsibility'.")
    cells: dict[SourceId, Text] = field("Cells", "By column id: when this route meets the need.")


class NeedsTable(StrictModel):
    """The needs-to-route table (Merton 2019, Appendix 1; Devon 2020, comparison table)."""

    columns: list[NeedsColumn] = field("Columns", "The routes compared, in order.", min_length=1)
    needs: list[NeedsRow] = field("Needs", "The rows, in order.", min_length=1)


class KnowledgeBase(StrictModel):
    """The routes file, with the sources it cites and the needs-to-route table."""

    sources: dict[SourceId, Source] = field("Sources", "Every source, by id.")
    routes: list[RouteInfo] = field("Routes", "Every route to permanence.")
    needs: NeedsTable = field("Needs to routes", "Which route tends to suit which permanence need.")

    def route(self, name: str) -> RouteInfo | None:
        """A route by case route code, id or alias (``special_guardianship``,
        ``sgo``, ``special-guardianship``), in any case, with hyphens or underscores."""
        wanted = name.strip().lower().replace("_", "-")
        for info in self.routes:
            codes = {name for r in info.routes for name in (r.value.replace("_", "-"), *r.aliases)}
            if wanted in {info.id, *info.aliases, *codes}:
                return info
        return None

    def for_route(self, route: Route) -> RouteInfo:
        return next(info for info in self.routes if route in info.routes)

    def point(self, point_id: str) -> Point | None:
        return next((p for info in self.routes for p in info.points() if p.id == point_id), None)

    def cited_sources(self) -> set[str]:
        """Every source id the routes, their summaries and the needs table cite."""
        cited = {s for info in self.routes for p in info.points() for s in p.sources}
        cited |= {s for info in self.routes for fact in (info.summary, *info.legal.__dict__.values()) for s in fact.sources}
        return cited | {s for column in self.needs.columns for s in column.sources}

    def cite(self, source_ids: list[str]) -> list[str]:
        return [self.sources[source].citation() for source in source_ids]


class KnowledgeBaseError(Exception):
    """The shipped knowledge base is inconsistent: a bug, caught by the tests."""


@cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded and cross-checked once."""
    folder = templates_dir() / "knowledge"
    data = {
        "sources": tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8")),
        "routes": tomllib.loads((folder / "routes.toml").read_text(encoding="utf-8"))["routes"],
        "needs": tomllib.loads((folder / "needs.toml").read_text(encoding="utf-8")),
    }
    base = KnowledgeBase.model_validate(data, strict=False)
    _cross_check(base)
    return base


def _cross_check(base: KnowledgeBase) -> None:
    ids = [p.id for info in base.routes for p in info.points()]
    if duplicates := {i for i in ids if ids.count(i) > 1}:
        raise KnowledgeBaseError(f"point ids used twice: {sorted(duplicates)}")
    if unknown := base.cited_sources() - set(base.sources):
        raise KnowledgeBaseError(f"unknown sources cited: {sorted(unknown)}")
    route_ids = {info.id for info in base.routes}
    if unknown := {r for column in base.needs.columns for r in column.routes} - route_ids:
        raise KnowledgeBaseError(f"needs table names unknown routes: {sorted(unknown)}")
    columns = [column.id for column in base.needs.columns]
    if bad := [row.need for row in base.needs.needs if sorted(row.cells) != sorted(columns)]:
        raise KnowledgeBaseError(f"needs table rows without a cell for every column: {bad}")
    covered = [route for info in base.routes for route in info.routes]
    if sorted(covered) != sorted(Route):
        raise KnowledgeBaseError("every case route must be described by exactly one entry")
    # A short name for one route is a name of its code, so that a case that
    # writes it is told the code (the case model does not read this file).
    def folded(names: set[str]) -> set[str]:
        return {name.replace("-", "_") for name in names}

    for info in base.routes:
        code = info.routes[0]
        if len(info.routes) == 1 and folded({info.id, *info.aliases}) - folded({code.value, *code.aliases}):
            raise KnowledgeBaseError(f"the short names of '{info.id}' must be among its route code's aliases")
