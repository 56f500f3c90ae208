"""The key factors of a realistic options analysis: the questions a court
asks of every realistic option, answered side by side before the detail.

Re B-S [2013] EWCA Civ 1146 asks for a global, holistic evaluation of every
realistic option; the welfare checklists (Children Act 1989 s.1(3);
Adoption and Children Act 2002 s.1(4)) name what is weighed. The summary
grid of the options analysis shows each option against the same factors so
that a judge can compare them across one page.
"""

from __future__ import annotations

from .base import CaseModel, Code, ShortText, field


class KeyFactor(Code):
    """A question every realistic option is measured against (ACA 2002 s.1(4)
    and CA 1989 s.1(3), in our own words)."""

    LEGAL_SECURITY = (
        "legal_security",
        "How secure and lasting the child's legal position would be, and who would hold parental responsibility.",
    )
    RELATIONSHIPS = (
        "relationships", "What would become of the child's relationships with parents, siblings and the wider family."
    )
    IDENTITY = (
        "identity",
        "How the child's ethnicity, culture, religion, language and sense of their own history would be kept.",
    )
    RISK_OF_HARM = (
        "risk_of_harm",
        "The harm the child has suffered or is at risk of suffering, and whether the carers could keep them safe.",
    )
    TIMESCALE = (
        "timescale", "Whether the option can be achieved within the child's timescale, and what delay would cost them."
    )
    WISHES_AND_FEELINGS = (
        "wishes_and_feelings",
        "What the child wants or, for a young child, what is known of their attachments, weighed by age and "
        "understanding.",
    )


class Balance(Code):
    """Which way a factor points for one option."""

    FOR = "for", "The factor counts in the option's favour."
    AGAINST = "against", "The factor counts against the option."
    MIXED = "mixed", "The factor points both ways."
    NEUTRAL = "neutral", "The factor does not tell this option apart from the others."


class FactorAssessment(CaseModel):
    """How one option measures up on one key factor, in a line."""

    balance: Balance = field(
        "Balance", "Which way the factor points for this option: for, against, mixed (both ways) or neutral."
    )
    summary: ShortText = field(
        "Summary",
        "One or two short sentences about this child, e.g. 'Parental responsibility with her aunt until she is 18.' "
        "The detail belongs in the option's advantages and disadvantages.",
        max_length=300,
    )
