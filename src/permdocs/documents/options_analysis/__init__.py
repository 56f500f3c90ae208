"""The options analysis: every realistic option's arguments for and against,
general and particular to the child, weighed together in one conclusion
(Re B-S [2013] EWCA Civ 1146; brief section 4.2)."""

from __future__ import annotations

from dataclasses import dataclass

from ...case import Case
from ...request import ResolvedRequest
from ..analysis import Analysis, build_analysis
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info


@dataclass(frozen=True)
class OptionsAnalysisDocument:
    """Everything the options-analysis templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    analysis: Analysis


def build_context(case: Case, request: ResolvedRequest) -> OptionsAnalysisDocument:
    """The options-analysis context for this case."""
    return OptionsAnalysisDocument(
        document=document_info(case, request, "Options analysis", "Realistic options for permanence"),
        child=child_identity(case),
        analysis=build_analysis(case),
    )
