"""The statutory and policy key dates of a case: when each thing is due,
when it happened, and whether that was on time.

"Today" is the case's ``prepared_on`` date (or an explicit ``as_of``), never
the clock, so the same case always gives the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ..base.policy import DEFAULT_SETTINGS, PermanencePlanDue, PolicySettings
from ..case import Case
from ..case.legal import LegalBasisKind, ReviewStatus
from ..practice.calendar_dates import add_months, add_working_days, period_end
from ..practice.timescales import (
    FIRST_REVIEW_WORKING_DAYS,
    LATER_REVIEW_MONTHS,
    PROCEEDINGS_SOURCE,
    PROCEEDINGS_WEEKS,
    REVIEWS_SOURCE,
    SECOND_REVIEW_MONTHS,
    SUPERVISION_ORDER_LIMIT_MONTHS,
    SUPERVISION_ORDER_MONTHS,
    SUPERVISION_SOURCE,
    key_date_label,
    proceedings_label,
)


class Status(StrEnum):
    MET = "met"
    LATE = "late"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class KeyDate:
    """One date a review meeting, a panel or a court tracks."""

    key: str
    label: str
    due: date
    actual: date | None
    planned: date | None
    status: Status
    path: str
    source: str


def status_of(due: date, actual: date | None, as_of: date) -> Status:
    if actual is not None:
        return Status.MET if actual <= due else Status.LATE
    return Status.OVERDUE if as_of > due else Status.UPCOMING


def key_dates(case: Case, settings: PolicySettings = DEFAULT_SETTINGS, as_of: date | None = None) -> list[KeyDate]:
    """Every key date of the case, in the order a reader meets them."""
    today = as_of or case.prepared_on
    rows = [_care_plan(case, settings, today)]
    reviews = _reviews(case, today)
    rows += reviews
    plan = _permanence_plan(case, settings, reviews, today)
    if plan is not None:
        rows.append(plan)
    rows += _proceedings(case, today)
    rows += _supervision_orders(case, today)
    return rows


def _care_plan(case: Case, settings: PolicySettings, today: date) -> KeyDate:
    episode = case.care_episode
    due = add_working_days(episode.looked_after_on, settings.care_plan_working_days)
    return KeyDate(
        key="care_plan", label=key_date_label("care_plan", settings),
        due=due, actual=episode.care_plan_made_on, planned=None,
        status=status_of(due, episode.care_plan_made_on, today),
        path="$.care_episode.care_plan_made_on", source="Council procedures (policy setting care_plan_working_days)",
    )


def _reviews(case: Case, today: date) -> list[KeyDate]:
    """Each review's due date follows from the one before, so the schedule
    runs review by review and stops at the first one not yet held."""
    episode = case.care_episode
    indexed = sorted(enumerate(case.reviews), key=lambda pair: pair[1].date)
    held = [(i, r) for i, r in indexed if r.status is ReviewStatus.HELD]
    planned = [(i, r) for i, r in indexed if r.status is ReviewStatus.PLANNED]
    rows: list[KeyDate] = []
    basis = episode.looked_after_on
    for number in range(1, len(held) + 2):
        if number == 1:
            due = add_working_days(basis, FIRST_REVIEW_WORKING_DAYS)
        else:
            due = add_months(basis, SECOND_REVIEW_MONTHS if number == 2 else LATER_REVIEW_MONTHS)
        if episode.ceased_on is not None and due > episode.ceased_on:
            break
        index, review = held[number - 1] if number <= len(held) else (None, None)
        next_planned = planned[0] if planned and review is None else None
        path_index = index if index is not None else (next_planned[0] if next_planned else len(case.reviews))
        rows.append(
            KeyDate(
                key=f"review_{number}", label=key_date_label(f"review_{number}", DEFAULT_SETTINGS),
                due=due, actual=review.date if review else None,
                planned=next_planned[1].date if next_planned else None,
                status=status_of(due, review.date if review else None, today),
                path=f"$.reviews[{path_index}].date", source=REVIEWS_SOURCE,
            )
        )
        if review is None:
            break
        basis = review.date
    return rows


def _permanence_plan(case: Case, settings: PolicySettings, reviews: list[KeyDate], today: date) -> KeyDate | None:
    wanted = 1 if settings.permanence_plan_due is PermanencePlanDue.FIRST_REVIEW else 2
    if len(reviews) < wanted:
        return None
    review = reviews[wanted - 1]
    due = review.actual or review.due
    endorsed = sorted(r.date for r in case.reviews if r.status is ReviewStatus.HELD and r.permanence_plan_endorsed)
    actual = endorsed[0] if endorsed else None
    return KeyDate(
        key="permanence_plan", label=key_date_label("permanence_plan", settings),
        due=due, actual=actual, planned=None, status=status_of(due, actual, today),
        path="$.reviews", source="Children Act 1989 Guidance Vol 2 (policy setting permanence_plan_due)",
    )


def proceedings_deadline(case: Case) -> date | None:
    """26 weeks from issue, moved by each recorded extension."""
    proceedings = case.care_proceedings
    if proceedings is None:
        return None
    weeks = PROCEEDINGS_WEEKS + sum(extension.weeks for extension in proceedings.extensions)
    return proceedings.issued_on + timedelta(weeks=weeks)


def _proceedings(case: Case, today: date) -> list[KeyDate]:
    proceedings = case.care_proceedings
    deadline = proceedings_deadline(case)
    if proceedings is None or deadline is None:
        return []
    extended = sum(extension.weeks for extension in proceedings.extensions)
    label = proceedings_label(extended)
    return [
        KeyDate(
            key="proceedings", label=label, due=deadline, actual=proceedings.concluded_on,
            planned=proceedings.final_hearing_on, status=status_of(deadline, proceedings.concluded_on, today),
            path="$.care_proceedings", source=PROCEEDINGS_SOURCE,
        )
    ]


def supervision_limit(first_made_on: date) -> date:
    """The last day supervision orders may run to, with every extension: the
    end of three years beginning with the day the first was made (CA 1989
    Sch 3 para 6(4)), counted the same way as the order's own year."""
    return period_end(first_made_on, SUPERVISION_ORDER_LIMIT_MONTHS)


def _supervision_orders(case: Case, today: date) -> list[KeyDate]:
    rows = []
    orders = [(i, b) for i, b in enumerate(case.legal_basis) if b.kind is LegalBasisKind.SUPERVISION_ORDER]
    for index, order in orders:
        expiry = order.expires_on or period_end(order.made_on, SUPERVISION_ORDER_MONTHS)
        rows.append(
            KeyDate(
                key=f"supervision_order_{index}_ends", label="Supervision order ends", due=expiry,
                actual=order.ended_on, planned=None,
                status=Status.MET if order.ended_on or today > expiry else Status.UPCOMING,
                path=f"$.legal_basis[{index}].expires_on", source=SUPERVISION_SOURCE,
            )
        )
    if orders:
        first_index, first = orders[0]
        limit = supervision_limit(first.made_on)
        rows.append(
            KeyDate(
                key="supervision_order_limit", label="Supervision order: latest end with extensions (3 years)",
                due=limit, actual=None, planned=None, status=Status.UPCOMING if today <= limit else Status.MET,
                path=f"$.legal_basis[{first_index}].made_on", source=SUPERVISION_SOURCE,
            )
        )
    return rows
