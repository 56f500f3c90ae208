"""The care plan's sign-off: who wrote and signed off the plan, and what
the reviews made of it.

Whether and when a review endorsed the permanence plan is read from the
review record (``$.reviews``), as the key dates read it; the endorsement in
``$.authorship`` adds who endorsed it and what they said. The check AU-002
makes sure the two agree, so the sign-off and the key dates cannot tell
the reader different things.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.legal import ReviewStatus
from ...profiles import Terms
from ...text.templating import long_date
from ..common import narrative


@dataclass(frozen=True)
class EndorsementView:
    #: One sentence: who endorsed the plan, at which review, or why no one has yet.
    statement: str
    comments: NarrativeText | None


def endorsement_view(case: Case, terms: Terms) -> EndorsementView:
    review, plan = terms.review, terms.permanence_plan
    recorded = case.authorship.endorsement
    if recorded is not None:
        verb = "endorsed" if recorded.endorsed else "did not endorse"
        comments = narrative(recorded.comments)
        # The comments are the reviewing officer's own words, often in the first person
        # ("I asked that..."): the sentence before them says whose they are.
        statement = (
            f"At the {review} on {long_date(recorded.review_on)}, {recorded.iro.name} ({recorded.iro.role}) {verb} the "
            f"{plan}" + (", and wrote:" if comments is not None else ".")
        )
        return EndorsementView(statement, comments)
    held = [r for r in case.reviews if r.status is ReviewStatus.HELD]
    endorsing = [r.date for r in held if r.permanence_plan_endorsed]
    if endorsing:
        statement = (
            f"The {review} on {long_date(max(endorsing))} endorsed the {plan}; who endorsed it, and any comments, "
            "are not recorded."
        )
    elif held:
        statement = f"No {review} has yet endorsed the {plan}."
    else:
        statement = f"The {plan} has not yet been considered at a {review}."
    return EndorsementView(statement, None)
