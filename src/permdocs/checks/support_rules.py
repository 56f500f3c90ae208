"""The support that goes with special guardianship and adoption: the SGO
support plan and the adoption support plan (``$.plans.support_plan``).

Messages name roles and routes, never a name from the case.
"""

from __future__ import annotations

from ..case.planning import PlanStatus, Route
from .findings import CheckInput, Severity
from .rules import ADOPTION_ROUTES, Problems, rule

#: Routes that come with a support plan: the SGO support plan (CA 1989 s.14F; Special Guardianship
#: Regulations 2005) or the adoption support plan (ACA 2002 s.4; Adoption Support Services Regulations 2005).
SUPPORT_PLAN_ROUTES = {Route.SPECIAL_GUARDIANSHIP} | ADOPTION_ROUTES


@rule("PP-034", "A special guardianship or adoption plan without its support plan", Severity.WARNING,
      "Children Act 1989 s.14F; Special Guardianship Regulations 2005 regs 11-18; Adoption and Children Act 2002 s.4; "
      "Essex 2021 App. 1")
def no_support_plan(given: CheckInput) -> Problems:
    primary = given.case.plans.primary
    if primary.route not in SUPPORT_PLAN_ROUTES or given.case.plans.support_plan is not None:
        return
    # The plan is written for named carers: before they are known there is no family to plan support with,
    # and once the order is made the child has left care and support is asked for afresh (Merton 2019 s.7.3).
    if not primary.carer_ids or primary.status in (PlanStatus.ACHIEVED, PlanStatus.ENDED):
        return
    kind = "special guardianship" if primary.route is Route.SPECIAL_GUARDIANSHIP else "adoption"
    yield "$.plans.support_plan", (
        f"The primary plan is {kind} with named carers, but no {kind} support plan is recorded: what support, "
        "from whom, the financial support, and how it is reviewed."
    )
