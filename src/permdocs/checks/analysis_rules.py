"""Rules for the options analysis (Re B-S [2013] EWCA Civ 1146): the options
are weighed with reasons, against the knowledge base's standard points, and
the recommendation is one of the realistic options."""

from __future__ import annotations

import re

from ..case.options import KeyFactor
from ..case.planning import OptionOutcome
from ..practice.knowledge import knowledge_base
from .findings import CheckInput, Severity
from .rules import Problems, rule

RE_BS = "Re B-S (Children) [2013] EWCA Civ 1146"


@rule("PP-019", "The recommended option is not a realistic one", Severity.ERROR, RE_BS)
def recommendation_not_realistic(given: CheckInput) -> Problems:
    analysis = given.case.options_analysis
    if analysis is None:
        return
    chosen = next(o for o in given.case.options if o.id == analysis.recommended_option_id)
    if not chosen.realistic:
        yield "$.options_analysis.recommended_option_id", "The recommended option is recorded as not realistic."


@rule("PP-020", "A standard point excluded without a reason", Severity.ERROR, RE_BS)
def exclusion_without_reason(given: CheckInput) -> Problems:
    for i, option in enumerate(given.case.options):
        for j, excluded in enumerate(option.excluded_points):
            if excluded.reason is None:
                yield f"$.options[{i}].excluded_points[{j}].reason", "Say why this standard point does not apply to the child."


@rule("PP-021", "An excluded point that is not a standard point of the route", Severity.ERROR, "permdocs knowledge base (permdocs routes)")
def exclusion_unknown(given: CheckInput) -> Problems:
    base = knowledge_base()
    for i, option in enumerate(given.case.options):
        own = {point.id for point in base.for_route(option.route).points()}
        for j, excluded in enumerate(option.excluded_points):
            if excluded.point_id not in own:
                yield f"$.options[{i}].excluded_points[{j}].point_id", "is not one of this route's standard points (see 'permdocs routes')."


@rule("PP-022", "An option without reasons", Severity.ERROR, f"{RE_BS}; Re R (A Child) [2014] EWCA Civ 1625")
def option_without_reasons(given: CheckInput) -> Problems:
    for i, option in enumerate(given.case.options):
        if option.reasons is None:
            kind = "realistic" if option.realistic else "not realistic"
            yield f"$.options[{i}].reasons", f"Say why this option ({kind}) has the outcome it has."


@rule("PP-023", "Fewer than two realistic options and no reason why", Severity.ERROR, RE_BS)
def too_few_options(given: CheckInput) -> Problems:
    realistic = [o for o in given.case.options if o.realistic]
    analysis = given.case.options_analysis
    if len(realistic) < 2 and (analysis is None or analysis.single_option_reason is None):
        yield "$.options_analysis.single_option_reason", "Only one option is realistic: record why no other option is."


@rule("PP-024", "No holistic evaluation of the realistic options", Severity.ERROR, f"{RE_BS}; Re G (A Child) [2013] EWCA Civ 965")
def no_holistic_evaluation(given: CheckInput) -> Problems:
    if given.case.options_analysis is None and any(o.realistic for o in given.case.options):
        yield "$.options_analysis", "Weigh all the realistic options together in one conclusion, and name the recommended option."


@rule("PP-027", "A realistic option not measured against every key factor", Severity.WARNING, RE_BS)
def key_factor_missing(given: CheckInput) -> Problems:
    for i, option in enumerate(given.case.options):
        if not option.realistic:
            continue
        missing = [factor for factor in KeyFactor if factor not in option.key_factors]
        if missing:
            listed = ", ".join(factor.value for factor in missing)
            yield f"$.options[{i}].key_factors", (
                f"The options analysis compares every realistic option on the same key factors; this one has none for: {listed}."
            )


@rule("PP-028", "A point weighed for the child that is not a standard point of the route", Severity.ERROR, "permdocs knowledge base (permdocs routes)")
def weighed_point_unknown(given: CheckInput) -> Problems:
    base = knowledge_base()
    for i, option in enumerate(given.case.options):
        own = {point.id for point in base.for_route(option.route).points()}
        for kind in ("advantages", "disadvantages"):
            for j, point in enumerate(getattr(option, kind)):
                if point.point_id is not None and point.point_id not in own:
                    yield f"$.options[{i}].{kind}[{j}].point_id", "is not one of this route's standard points (see 'permdocs routes')."


@rule("PP-031", "A standard point weighed for carers it is not about", Severity.WARNING, "permdocs knowledge base (permdocs routes)")
def point_for_other_carers(given: CheckInput) -> Problems:
    """A point written about grandparents, weighed for an aunt, tells the reader something untrue of this child."""
    base = knowledge_base()
    for i, option in enumerate(given.case.options):
        carers = [given.case.person(pid) for pid in option.carer_ids]
        relationships = " ".join(p.relationship.lower() for p in carers if p is not None)
        for kind in ("advantages", "disadvantages"):
            for j, weighed in enumerate(getattr(option, kind)):
                point = base.point(weighed.point_id) if weighed.point_id is not None else None
                if point is None or not point.only_for:
                    continue
                if not any(re.search(rf"\b{re.escape(word.lower())}", relationships) for word in point.only_for):
                    yield (
                        f"$.options[{i}].{kind}[{j}].point_id",
                        f"is about a {point.only_for[0]}, and this option's carers are none: weigh the point in your "
                        "own words for them instead.",
                    )


@rule("PP-029", "A plan that follows a route its options rule out", Severity.WARNING, RE_BS)
def plan_on_a_route_ruled_out(given: CheckInput) -> Problems:
    options = given.case.options
    plans = given.case.plans
    named = [("$.plans.primary", plans.primary), *((f"$.plans.parallel[{i}]", p) for i, p in enumerate(plans.parallel))]
    if plans.contingency is not None:
        named.append(("$.plans.contingency", plans.contingency))
    for path, plan in named:
        considered = [o for o in options if o.route is plan.route]
        if considered and all(not o.realistic or o.outcome is OptionOutcome.RULED_OUT for o in considered):
            yield f"{path}.route", (
                "This plan follows a route that every option considered for it rules out: record the option as "
                "realistic, with this plan as its outcome, or change the plan."
            )


@rule("PP-030", "A realistic option with no evidence recorded", Severity.WARNING, RE_BS)
def realistic_option_without_evidence(given: CheckInput) -> Problems:
    for i, option in enumerate(given.case.options):
        if option.realistic and not option.evidence:
            yield f"$.options[{i}].evidence", "Name the assessments or reports this option's analysis rests on."
