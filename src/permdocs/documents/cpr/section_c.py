"""Section C of the Child's Permanence Report: the realistic options, taken
from the options-analysis builder (never retyped), why adoption is
recommended, the sign-off and the Agency Decision Maker's decision."""

from __future__ import annotations

from ...base.narrative import NarrativeText
from ...text.blocks import Block, Markdown, text
from ...text.templating import long_date
from ..analysis import build_analysis, legend
from ..common import DocumentInfo
from ..sign_off import awaiting_note, sign_off_table
from .words import ReportWords, written

Part = tuple[str, list[Block]]


def section_c(words: ReportWords, document: DocumentInfo) -> list[Part]:
    case, cpr = words.case, words.cpr
    analysis = build_analysis(case, level=3, landscape=False)
    weighing: list[Block] = [
        text(
            f"The realistic options for {words.name} are set out here as the options analysis sets them out: side by "
            "side first, then each in detail, then weighed together, and only after that what became of each."
        ),
        *legend(case),
        *analysis.blocks(3),
    ]
    awaiting = awaiting_note(document)
    return [
        ("The realistic options", weighing),
        ("Why adoption is recommended", written(cpr.why_adoption)),
        ("Sign-off", [sign_off_table(case), *([awaiting] if awaiting else [])]),
        ("The Agency Decision Maker's decision", _decision(words)),
    ]


def _decision(words: ReportWords) -> list[Block]:
    decided = words.case.adoption.adm_decision_on if words.case.adoption else None
    if words.cpr.adm_decision:
        return [Markdown(NarrativeText(words.cpr.adm_decision))]
    if decided is not None:
        return [text(
            f"The Agency Decision Maker decided on {long_date(decided)} that {words.name} should be placed for adoption. "
            "The record of the decision and its reasons is not yet part of this report.",
            "warning",
        )]
    return [text(f"The Agency Decision Maker has not yet decided whether {words.name} should be placed for adoption.")]
