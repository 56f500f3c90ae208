"""Policy settings: figures that are council practice rather than law.

Each has a documented default; a council changes them (later through its
profile) without touching code. Figures fixed by law are constants in
:mod:`permdocs.checks.key_dates`, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from .strict import Code


class PermanencePlanDue(Code):
    SECOND_REVIEW = (
        "second_review",
        "By the second review, about four months after the child became looked after (statutory guidance).",
    )
    FIRST_REVIEW = (
        "first_review",
        "By the first review, 20 working days after the child became looked after: a stricter local policy.",
    )


@dataclass(frozen=True)
class PolicySettings:
    """The policy figures the checks use, with their defaults and sources."""

    #: The permanence plan must be in place by this review. Statutory
    #: guidance and the seeds say the second review, about four months in
    #: (Merton 2019 s.3; Devon 2020; "Planning for Permanency" para 6).
    permanence_plan_due: PermanencePlanDue = PermanencePlanDue.SECOND_REVIEW

    #: Working days after becoming looked after within which the care plan
    #: must exist, when it was not made before placement (council procedures).
    care_plan_working_days: int = 10

    #: Working days after the adoption celebration hearing within which the
    #: later-life letter reaches the adopters (council procedures; brief s.3).
    later_life_letter_working_days: int = 10

    #: A council's own additions to the later-life letter's plain-words list
    #: (jargon -> plainer words), from its profile's ``[plain_words]``.
    plain_words: tuple[tuple[str, str], ...] = ()


DEFAULT_SETTINGS = PolicySettings()
