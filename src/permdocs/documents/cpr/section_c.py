"""Section C of the Child's Permanence Report: the realistic options, taken
from the options-analysis builder (never retyped), why adoption is
recommended, the sign-off and the Agency Decision Maker's decision."""

from __future__ import annotations

from ...base.narrative import NarrativeText
from ...case.cpr import AdmDecision, WelfareFactor
from ...text.blocks import Block, Bullets, Heading, Markdown, Row, Table, text
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
    if words.cpr.adm_decision is not None:
        return _recorded_decision(words, words.cpr.adm_decision)
    if decided is not None:
        return [text(
            f"The Agency Decision Maker decided on {long_date(decided)} that {words.name} should be placed for adoption. "
            "The record of the decision and its reasons is not yet part of this report.",
            "warning",
        )]
    return [text(f"The Agency Decision Maker has not yet decided whether {words.name} should be placed for adoption.")]


def _recorded_decision(words: ReportWords, decision: AdmDecision) -> list[Block]:
    """Who decided and when, what they read, the decision, and the reasons
    factor by factor of the welfare checklist (ACA 2002 s.1(4))."""
    reasons = tuple(
        Row(((Markdown(NarrativeText(decision.reasons[factor])),) if factor in decision.reasons
             else (text("Not recorded.", "warning"),),), _FACTOR_TITLES[factor])
        for factor in WelfareFactor
    )
    return [
        text(f"{decision.decided_by}, {decision.role}, made the decision on {long_date(decision.decided_on)}."),
        Markdown(NarrativeText(decision.decision)),
        Heading("What the decision maker read", 3),
        Bullets(tuple(decision.material_read)),
        Table(
            "The reasons, against the welfare checklist of the Adoption and Children Act 2002, section 1(4)",
            ("", "The decision maker's reasons"), reasons, (1, 3),
            # Six paragraphs of reasons: kept whole, the table would leave half a page empty before it.
            rows_may_split=True,
        ),
    ]


#: The checklist's factors as a table's row headings.
_FACTOR_TITLES = {
    WelfareFactor.WISHES: "(a) Wishes and feelings",
    WelfareFactor.NEEDS: "(b) Particular needs",
    WelfareFactor.LIFELONG_EFFECT: "(c) The effect, throughout life, of being adopted",
    WelfareFactor.CHARACTERISTICS: "(d) Age, sex, background and characteristics",
    WelfareFactor.HARM: "(e) Harm suffered or risked",
    WelfareFactor.RELATIONSHIPS: "(f) Relationships with relatives and others",
}
