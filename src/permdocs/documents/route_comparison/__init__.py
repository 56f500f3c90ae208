"""How the routes under consideration compare in law: who holds parental
responsibility, for how long, with what support and supervision, and how
the family stays in touch (Essex 2021, Appendix 1; brief section 4.2).
For parents, carers and lawyers."""

from __future__ import annotations

from dataclasses import dataclass

from ...case import Case
from ...request import ResolvedRequest
from ..analysis import RouteComparison, build_route_comparison
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info


@dataclass(frozen=True)
class RouteComparisonDocument:
    """Everything the route-comparison templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    comparison: RouteComparison


def build_context(case: Case, request: ResolvedRequest) -> RouteComparisonDocument:
    """The route-comparison context for this case."""
    return RouteComparisonDocument(
        document=document_info(case, request, "How the routes compare", "Legal routes to permanence under consideration"),
        child=child_identity(case),
        comparison=build_route_comparison(case),
    )
