"""The support plan of a special guardianship or adoption plan, as the care
plan shows it: what support, from whom, the money, and how it is reviewed.

The SGO support plan (Children Act 1989 s.14F; Special Guardianship
Regulations 2005) and the adoption support plan (Adoption and Children Act
2002 s.4) belong with the primary plan when it takes either route; the IRO
and the court read whether the family will be supported once the child
leaves care (Essex 2021 App. 1; Merton 2019 s.7.3, s.7.6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.planning import Route, SupportService
from ...checks.support_rules import SUPPORT_PLAN_ROUTES
from ..common import narrative
from .views import SupportView


@dataclass(frozen=True)
class SupportPlanView:
    #: "Special guardianship support plan" or "Adoption support plan".
    title: str
    needs_assessed_on: date | None
    services: list[SupportView]
    #: The money agreed; None where not yet agreed or withheld from this copy (``financial_note`` says which).
    financial_support: NarrativeText | None
    financial_note: str
    review: NarrativeText
    #: Which council is responsible for the support, and for how long.
    responsibility: str


@dataclass(frozen=True)
class SupportPlanPart:
    """The support plan where the primary plan's route has one; ``plan`` is
    None where none is recorded (a gap, PP-034, once the carers are named)."""

    title: str
    plan: SupportPlanView | None


def support_view(service: SupportService) -> SupportView:
    return SupportView(service.service, service.provider, service.for_whom, narrative(service.detail), service.until)


def support_plan_part(case: Case, council: str) -> SupportPlanPart | None:
    """The primary plan's support plan, or None where its route has none."""
    primary = case.plans.primary
    if primary.route not in SUPPORT_PLAN_ROUTES:
        return None
    kind = "Special guardianship" if primary.route is Route.SPECIAL_GUARDIANSHIP else "Adoption"
    title = f"{kind} support plan"
    source = case.plans.support_plan
    if source is None:
        return SupportPlanPart(title, None)
    if source.financial_support is not None:
        note = ""
    elif source.was_withheld("financial_support"):
        note = "Not shown in this copy: it tells of the carers' means."
    else:
        note = "Not yet agreed."
    order = "special guardianship order" if primary.route is Route.SPECIAL_GUARDIANSHIP else "adoption order"
    # The "three-year rule" (Essex 2021 App. 1): the placing council supports the family for three years after
    # the order, then the council where the family lives.
    responsibility = (f"For three years after the {order}, {council} is responsible for this support; after that, "
                      "the council for the area where the family lives.")
    return SupportPlanPart(title, SupportPlanView(
        title=title,
        needs_assessed_on=source.needs_assessed_on,
        services=[support_view(service) for service in source.services],
        financial_support=narrative(source.financial_support),
        financial_note=note,
        review=NarrativeText(source.review),
        responsibility=responsibility,
    ))
