"""The views the care plan's context is made of: display-ready values
(labels, not codes), dates as dates, narratives as NarrativeText."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...base.narrative import NarrativeText


@dataclass(frozen=True)
class PlacementView:
    description: str
    since: date
    #: Who the child lives with (carers, or a parent at home).
    lives_with: str | None
    address: str | None
    town: str | None
    school_or_nursery: str | None
    gp_practice: str | None
    clubs: str | None
    place_of_worship: str | None


@dataclass(frozen=True)
class PermanenceNeedView:
    legal: NarrativeText
    psychological: NarrativeText
    physical: NarrativeText


@dataclass(frozen=True)
class PlanView:
    heading: str
    route: str
    summary: NarrativeText
    #: Who the child would live with under the plan.
    lives_with: str | None
    target_date: date
    status: str


@dataclass(frozen=True)
class OptionView:
    route: str
    carers: str | None
    realistic: str
    outcome: str
    reasons: NarrativeText | None


@dataclass(frozen=True)
class ActionView:
    what: str
    owner: str
    due_on: date
    done_on: date | None


@dataclass(frozen=True)
class ChildVoiceView:
    method: str
    summary: NarrativeText
    recorded_on: date
    recorded_by: str


@dataclass(frozen=True)
class ViewView:
    who: str
    summary: NarrativeText
    recorded_on: date


@dataclass(frozen=True)
class IdentityView:
    aspect: str
    need: NarrativeText
    how_met: NarrativeText


@dataclass(frozen=True)
class SiblingView:
    name: str
    relation: str
    where_living: str
    together: bool
    reason: NarrativeText | None
    #: The arrangements with them, or why there are none.
    family_time: str


@dataclass(frozen=True)
class FamilyTimeView:
    with_whom: str
    kind: str
    purpose: NarrativeText
    frequency: str
    duration: str | None
    venue: str | None
    supervision: str
    court_order: str
    review_on: date | None


@dataclass(frozen=True)
class SupportView:
    service: str
    provider: str
    for_whom: str
    detail: NarrativeText | None
    until: date | None
