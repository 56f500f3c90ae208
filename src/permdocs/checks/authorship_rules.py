"""Who a plan comes from, who signed it and who endorsed it (``$.authorship``).

Each fact has one source, and these rules keep the others true to it:

- whether and when a review endorsed the permanence plan: ``$.reviews``
  (``permanence_plan_endorsed``); ``$.authorship.endorsement`` adds who
  endorsed it and what they said, and must agree with that review;
- which council the documents speak for: the profile's; the case's
  ``$.authorship.agency`` must name the same council;
- whether the plan is signed off: the two dates in ``$.authorship``. A
  missing signature is a warning, not an error: a worker often prints the
  plan for the manager to sign, or sends it to the review before sign-off.
  A final document then says on every page that it is awaiting sign-off.

Messages name roles and dates, never a name from the case.
"""

from __future__ import annotations

import re

from ..case.legal import ReviewStatus
from ..practice.calendar_dates import long_date
from .findings import CheckInput, Severity
from .rules import Problems, rule

IRO_SOURCE = "Children Act 1989 s.25B; Care Planning, Placement and Case Review (England) Regulations 2010, reg 36"


def same_authority(agency: str, council: str) -> bool:
    """Whether the case's agency names the council: ignoring case and
    punctuation, one name may extend the other ("Fictionshire County
    Council, Children's Services" names "Fictionshire County Council")."""
    a, c = _words(agency), _words(council)
    return a == c or a.startswith(c + " ") or c.startswith(a + " ")


def _words(name: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", name.casefold()))


@rule(
    "AU-001", "The case's agency is not the profile's council", Severity.WARNING,
    "Care Planning, Placement and Case Review (England) Regulations 2010, reg 4 (the responsible authority's plan)",
)
def agency_is_not_the_council(given: CheckInput) -> Problems:
    council = given.council
    if council is not None and not same_authority(given.case.authorship.agency.name, council):
        yield (
            "$.authorship.agency.name",
            f"The case's agency is not {council}, the council of the profile in use, yet the documents speak for "
            f"{council} throughout. Render with the agency's own profile, or correct the agency's name.",
        )


@rule("AU-002", "The endorsement contradicts the review record", Severity.ERROR, IRO_SOURCE)
def endorsement_contradicts_reviews(given: CheckInput) -> Problems:
    endorsement = given.case.authorship.endorsement
    if endorsement is None:
        return
    on = long_date(endorsement.review_on)
    held = [r for r in given.case.reviews if r.status is ReviewStatus.HELD and r.date == endorsement.review_on]
    if not held:
        yield "$.authorship.endorsement.review_on", f"The endorsement names a review on {on}, but no review held that day is recorded."
    elif held[0].permanence_plan_endorsed != endorsement.endorsed:
        said, record = ("endorsed", "did not") if endorsement.endorsed else ("did not endorse", "did")
        yield (
            "$.authorship.endorsement.endorsed",
            f"The endorsement says the IRO {said} the plan at the review on {on}, but the review record says the review {record}.",
        )


@rule("AU-003", "A review endorsed the plan, but the endorsement is not recorded", Severity.WARNING, IRO_SOURCE)
def endorsement_not_recorded(given: CheckInput) -> Problems:
    case = given.case
    endorsing = [r.date for r in case.reviews if r.status is ReviewStatus.HELD and r.permanence_plan_endorsed]
    if case.authorship.endorsement is None and endorsing:
        yield (
            "$.authorship.endorsement",
            f"The review on {long_date(max(endorsing))} endorsed the permanence plan, but the plan does not record "
            "who endorsed it: add the endorsement (the IRO, the review date and any comments).",
        )


@rule("AU-004", "The plan is not signed off", Severity.WARNING, "Council procedures: the social worker signs the plan and the team manager signs it off")
def not_signed_off(given: CheckInput) -> Problems:
    authorship = given.case.authorship
    if authorship.social_worker_signed_on is None:
        yield "$.authorship.social_worker_signed_on", "The social worker has not signed the plan: final documents say it is awaiting sign-off."
    if authorship.team_manager_signed_on is None:
        yield "$.authorship.team_manager_signed_on", "The team manager has not signed the plan off: final documents say it is awaiting sign-off."
