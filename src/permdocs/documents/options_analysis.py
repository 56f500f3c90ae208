"""The options analysis: every realistic option's arguments for and against,
general and particular to the child, weighed together in one conclusion
(Re B-S [2013] EWCA Civ 1146; brief section 4.2)."""

from __future__ import annotations

from dataclasses import dataclass

from ..case import Case
from ..profiles import LoadedProfile
from .analysis import Analysis, build_analysis
from .common import ChildIdentity, DocumentInfo, child_identity, document_info

NAME = "options-analysis"
TITLE = "Options analysis"
SUMMARY = "The realistic options side by side, with general and child-specific points, the conclusion and the options ruled out."
NEEDS = ("$.child", "$.people", "$.options", "$.options_analysis", "$.authorship", "$.prepared_on")


@dataclass(frozen=True)
class OptionsAnalysisDocument:
    """Everything the options-analysis templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    analysis: Analysis


def build_context(case: Case, profile: LoadedProfile) -> OptionsAnalysisDocument:
    """The options-analysis context for this case."""
    return OptionsAnalysisDocument(
        document=document_info(case, profile, TITLE, "Realistic options for permanence"),
        child=child_identity(case),
        analysis=build_analysis(case),
    )
