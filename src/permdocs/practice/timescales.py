"""The statutory timescales of permanence planning, and how key dates are named.

Figures fixed by law live here once, each with its source; figures that are
council practice are policy settings (:mod:`permdocs.base.policy`). The
practice checks compute key dates from these, and documents label them
with :func:`key_date_label` in the council's own words.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..base.policy import PermanencePlanDue, PolicySettings

#: Care Planning, Placement and Case Review (England) Regulations 2010, reg 33.
FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
REVIEWS_SOURCE = "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33"

#: Children Act 1989 s.32(1)(a)(ii); extensions of up to 8 weeks, s.32(5), (8).
PROCEEDINGS_WEEKS = 26
PROCEEDINGS_SOURCE = "Children Act 1989, s.32(1)(a)(ii) and s.32(5)"

#: Children Act 1989 Sch 3 paras 6(1) and 6(4).
SUPERVISION_ORDER_MONTHS = 12
SUPERVISION_ORDER_LIMIT_MONTHS = 36
SUPERVISION_SOURCE = "Children Act 1989, Schedule 3, paragraph 6"

#: The statutory words, used where no council profile applies (the checks).
STATUTORY_WORDS: Mapping[str, str] = {
    "care_plan": "care plan",
    "permanence_plan": "permanence plan",
    "review": "review",
    "became_looked_after": "became looked after",
}


def key_date_label(key: str, settings: PolicySettings, words: Mapping[str, str] = STATUTORY_WORDS) -> str:
    """What a key date is called, e.g. 'Second review (3 months after the first)'.

    ``key`` is a :class:`~permdocs.checks.KeyDate` key; ``words`` are a
    council's terms (a profile's ``terms``) or the statutory ones.
    """
    review = words["review"]
    if key == "care_plan":
        return f"{_cap(words['care_plan'])} in place ({settings.care_plan_working_days} working days)"
    if key == "review_1":
        return f"First {review} ({FIRST_REVIEW_WORKING_DAYS} working days after the child {words['became_looked_after']})"
    if key == "review_2":
        return f"Second {review} ({SECOND_REVIEW_MONTHS} months after the first)"
    if key.startswith("review_"):
        return f"{_cap(review)} {key.removeprefix('review_')} ({LATER_REVIEW_MONTHS} months after the last)"
    if key == "permanence_plan":
        which = "second" if settings.permanence_plan_due is PermanencePlanDue.SECOND_REVIEW else "first"
        return f"{_cap(words['permanence_plan'])} endorsed (by the {which} {review})"
    raise KeyError(key)


def proceedings_label(extended_weeks: int) -> str:
    label = f"Care proceedings decided ({PROCEEDINGS_WEEKS} weeks from issue"
    return label + (f", extended by {extended_weeks} weeks)" if extended_weeks else ")")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
