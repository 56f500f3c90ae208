"""The permanence plan section of the care plan (brief section 4.1).

Read at the child's review, where the IRO endorses it, and in proceedings by
the court, which scrutinises the permanence provisions. It is written to be a
clear, concise reference for the meeting (Merton 2019, 10.7; Devon 2020,
"Communicating the permanence plan"), so the context orders the plan first
and the evidence after it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.planning import Plan, PlanStatus
from ...case.voices import View
from ...checks.voices_rules import holders_to_hear
from ...practice.calendar_dates import add_months
from ...practice.schedules import how_often
from ...practice.timeline import Lane
from ...text.blocks import Block, Contents, Diagram
from ...text.templating import capfirst
from ...text.timeline import timeline_diagram
from ..common import (
    ChildIdentity,
    DocumentInfo,
    Signatory,
    child_identity,
    display_name,
    document_info,
    names,
    narrative,
    signatory,
    supervision_words,
)
from ..declaration import ResolvedRequest, declared_title
from ..labels import label
from .body import care_plan_body
from .dates import KeyDatesView, key_dates_view
from .legal import LegalPosition, legal_position
from .sections import Sections, sections
from .sign_off import EndorsementView, endorsement_view
from .standpoints import StandpointView, standpoints
from .support import SupportPlanPart, support_plan_part, support_view
from .views import (
    ActionView,
    ChildVoiceView,
    FamilyTimeView,
    IdentityView,
    OptionView,
    PermanenceNeedView,
    PlacementView,
    PlanView,
    SiblingView,
    SupportView,
    ViewView,
)


@dataclass(frozen=True)
class CarePlanPermanence:
    """Everything the care-plan permanence templates may use, and nothing else.

    ``body`` is the plan laid out as blocks (see :mod:`.body`), which the
    packaged templates print; the other fields are the facts it is drawn
    from, for a council's own template to print its own way.
    """

    document: DocumentInfo
    #: The sections' numbers, titles and anchors, and the contents list made from them.
    sections: Sections
    contents: Contents
    child: ChildIdentity
    legal: LegalPosition
    #: Where the child lives; null when not recorded. In a copy that
    #: withholds the placement, its identifying details are already gone.
    placement: PlacementView | None
    need: PermanenceNeedView
    primary_plan: PlanView
    parallel_plans: list[PlanView]
    contingency_plan: PlanView | None
    #: Why there is no contingency plan, where there is none; a gap (a
    #: warning, PP-004) unless the primary plan has been achieved.
    no_contingency: str | None
    contingency_gap: bool
    options: list[OptionView]
    #: Where the options are weighed in full: the options analysis, by name.
    options_weighed: str
    actions: list[ActionView]
    key_dates: KeyDatesView
    child_voice: ChildVoiceView | None
    #: Everyone with parental responsibility: their views, and their consent
    #: to adoption or agreement with the plan, or what is not recorded.
    standpoints: list[StandpointView]
    #: The views of everyone else: relatives, carers, professionals.
    other_views: list[ViewView]
    identity_needs: list[IdentityView]
    siblings: list[SiblingView]
    family_time: list[FamilyTimeView]
    #: The SGO or adoption support plan, where the primary plan takes either route.
    support_plan: SupportPlanPart | None
    support: list[SupportView]
    social_worker: Signatory
    team_manager: Signatory
    endorsement: EndorsementView
    #: Where the child has lived, the orders, the court, reviews and family time over the last two years.
    timeline: Diagram | None = None
    body: tuple[Block, ...] = ()


#: How far back the care plan's timeline looks, and what it shows: the plan is a concise
#: reference (its own sections list the reviews and family time); the CPR has the whole story.
TIMELINE_YEARS = 2
TIMELINE_LANES = (Lane.LIVED_WITH, Lane.LEGAL_STATUS, Lane.COURT)


def build_context(case: Case, request: ResolvedRequest) -> CarePlanPermanence:
    """The typed context of the care-plan permanence section for this case,
    in the words of the council's profile."""
    plans = case.plans
    authorship = case.authorship
    profile = request.profile
    terms = profile.terms
    headings = sections(case.child.preferred_name, terms)
    # As PP-004 has it: once the primary plan is achieved there is nothing to fall back on.
    achieved = plans.primary.status is PlanStatus.ACHIEVED
    holders = standpoints(case)
    heard_as_holders = {person.id for _, person in holders_to_hear(case)}
    facts = CarePlanPermanence(
        document=document_info(
            case, request, capfirst(terms.permanence_plan), f"Section of the {terms.care_plan}", signed_off=True
        ),
        sections=headings,
        contents=headings.contents(),
        child=child_identity(case),
        legal=legal_position(case, request.as_of),
        timeline=timeline_diagram(
            case, since=add_months(case.prepared_on, -12 * TIMELINE_YEARS), family_time=terms.family_time,
            lanes=TIMELINE_LANES,
        ),
        need=PermanenceNeedView(
            legal=NarrativeText(case.permanence_need.legal),
            psychological=NarrativeText(case.permanence_need.psychological),
            physical=NarrativeText(case.permanence_need.physical),
        ),
        primary_plan=_plan_view(case, "Primary plan", plans.primary),
        parallel_plans=[
            _plan_view(case, "Parallel plan" + (f" {n}" if len(plans.parallel) > 1 else ""), plan)
            for n, plan in enumerate(plans.parallel, start=1)
        ],
        contingency_plan=None if plans.contingency is None else _plan_view(case, "Contingency plan", plans.contingency),
        no_contingency=None if plans.contingency is not None else (
            "No contingency plan is needed: the primary plan has been achieved." if achieved
            else "No contingency plan is recorded."
        ),
        contingency_gap=plans.contingency is None and not achieved,
        options=[
            OptionView(
                route=label(option.route),
                carers=names(case, option.carer_ids),
                realistic="Yes" if option.realistic else "No",
                outcome=label(option.outcome),
                reasons=narrative(option.reasons),
            )
            for option in case.options
        ],
        options_weighed=_options_weighed(case),
        placement=_placement(case),
        actions=[ActionView(a.what, a.owner, a.due_on, a.done_on) for a in sorted(case.actions, key=lambda a: a.due_on)],
        key_dates=key_dates_view(case, profile.settings, terms, request.as_of),
        child_voice=_child_voice(case),
        standpoints=holders,
        other_views=[
            ViewView(
                who=_speaker(case, view),
                summary=NarrativeText(view.summary),
                recorded_on=view.recorded_on,
            )
            for view in case.voices.others if view.person_id not in heard_as_holders
        ],
        identity_needs=[
            IdentityView(label(need.aspect), NarrativeText(need.need), NarrativeText(need.how_met))
            for need in case.identity_needs
        ],
        siblings=_siblings(case),
        family_time=[
            FamilyTimeView(
                with_whom=names(case, arrangement.with_person_ids) or "",
                kind=label(arrangement.kind),
                purpose=NarrativeText(arrangement.purpose),
                frequency=how_often(arrangement, case.child.preferred_name),
                duration=arrangement.duration,
                venue=arrangement.venue,
                supervision=supervision_words(arrangement),
                court_order=label(arrangement.court_order),
                review_on=arrangement.review_on,
            )
            for arrangement in case.family_time
        ],
        support_plan=support_plan_part(case, profile.profile.council.name),
        support=[support_view(service) for service in case.support_services],
        social_worker=signatory(authorship.social_worker, authorship.social_worker_signed_on),
        team_manager=signatory(authorship.team_manager, authorship.team_manager_signed_on),
        endorsement=endorsement_view(case, terms),
    )
    return replace(facts, body=care_plan_body(facts))


def _placement(case: Case) -> PlacementView | None:
    placement = case.placement
    if placement is None:
        return None
    return PlacementView(
        description=placement.description,
        since=placement.since,
        lives_with=names(case, placement.carer_ids),
        address=placement.address,
        town=placement.town,
        school_or_nursery=placement.school_or_nursery,
        gp_practice=placement.gp_practice,
        clubs="; ".join(placement.clubs) or None,
        place_of_worship=placement.place_of_worship,
    )


def _speaker(case: Case, view: View) -> str:
    if view.person_id is not None:
        return display_name(case.person(view.person_id))
    assert view.name_and_role is not None  # the model requires one of the two
    return view.name_and_role


def _plan_view(case: Case, heading: str, plan: Plan) -> PlanView:
    return PlanView(
        heading=heading,
        route=label(plan.route),
        summary=NarrativeText(plan.summary),
        lives_with=names(case, plan.carer_ids),
        target_date=plan.target_date,
        status=label(plan.status),
    )


def _siblings(case: Case) -> list[SiblingView]:
    views = []
    for person in case.people:
        if person.sibling is None:
            continue
        details = person.sibling
        # Worker-entered text is kept exactly as typed (case matters: "Sunday").
        arrangements = [
            f"{label(arrangement.kind)}: {how_often(arrangement, case.child.preferred_name)}"
            for arrangement in case.family_time
            if person.id in arrangement.with_person_ids
        ]
        views.append(
            SiblingView(
                name=f"{person.given_names} {person.family_name}",
                relation=f"{label(details.relation)} sibling ({label(details.side)})",
                where_living=details.where_living,
                together=details.lives_with_child,
                reason=narrative(details.together_or_apart_reason),
                family_time="; ".join(arrangements) or ("None needed, as they live together" if details.lives_with_child else "None arranged"),
            )
        )
    return views


def _options_weighed(case: Case) -> str:
    """The sentence that sends the reader to the options analysis. The care
    plan keeps one line per option; the weighing itself lives there once."""
    title = declared_title("options_analysis")
    if case.options_analysis is None:
        return f"The realistic options have not yet been weighed together; that is the work of the “{title}”."
    return (
        f"The “{title}”, a separate document, weighs the realistic options together, with the arguments for "
        "and against each and the reasons for the recommendation."
    )


def _child_voice(case: Case) -> ChildVoiceView | None:
    voice = case.voices.child
    if voice is None:
        return None
    return ChildVoiceView(label(voice.method), NarrativeText(voice.summary), voice.recorded_on, voice.recorded_by)
