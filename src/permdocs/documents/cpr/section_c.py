"""Section C of the Child's Permanence Report: the realistic options, taken
from the options-analysis builder, why adoption is recommended, the
sign-off and the Agency Decision Maker's decision."""

from __future__ import annotations

from ...blocks import Block, Markdown, text
from ...narrative import NarrativeText
from ..analysis import build_analysis, legend
from ..sign_off import awaiting_sign_off, sign_off_table
from .words import ReportWords, written

Part = tuple[str, list[Block]]


def section_c(words: ReportWords) -> list[Part]:
    case, cpr = words.case, words.cpr
    analysis = build_analysis(case, level=3, landscape=False)
    weighing: list[Block] = [
        text(
            "The realistic options for " + words.name + " are set out below as the options analysis gives them: "
            "first side by side, then each in detail, and then weighed together."
        ),
        *legend(case),
        *analysis.blocks(3),
    ]
    decision: list[Block] = (
        [Markdown(NarrativeText(cpr.adm_decision))] if cpr.adm_decision
        else [text("The Agency Decision Maker's decision is not yet recorded.")]
    )
    awaiting = awaiting_sign_off(case, "This report")
    return [
        ("The realistic options", weighing),
        ("Why adoption is recommended", written(cpr.why_adoption, "$.cpr.why_adoption")),
        ("Sign-off", [sign_off_table(case), *([awaiting] if awaiting else [])]),
        ("The Agency Decision Maker's decision", decision),
    ]
