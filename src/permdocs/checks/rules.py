"""The practice rules. Each is a small function over the case, registered
with a stable id, a severity and the source it enforces.

Messages speak to a social worker and name people by their role or their id
in the case, never by the free-text relationship a worker typed (which can
hold anything, names and addresses included), and never by name, since findings are printed and logged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..case.adoption import AdoptionConsentKind
from ..case.legal import LegalBasisKind, ReviewStatus
from ..case.people import Person, PersonRole
from ..case.planning import (
    ApplicationConsent,
    CourtApplication,
    IdentityAspect,
    OptionOutcome,
    Plan,
    PlanStatus,
    Route,
)
from ..practice.calendar_dates import add_months, long_date
from .findings import CheckInput, Rule, RuleCheck, Severity
from .key_dates import Status, proceedings_deadline, supervision_limit

if TYPE_CHECKING:
    from ..case import Case

Problems = Iterator[tuple[str, str] | tuple[str, str, str]]
RULES: list[Rule] = []


def rule(rule_id: str, title: str, severity: Severity, source: str):  # type: ignore[no-untyped-def]
    """Register a rule function under a stable id."""

    def register(check: RuleCheck) -> RuleCheck:
        RULES.append(Rule(rule_id, title, severity, source, check))
        return check

    return register


def _role(person: Person) -> str:
    """A person's role in fixed words, for messages."""
    return person.role.value.replace("_", " ")


def _plans(given: CheckInput) -> Iterator[tuple[str, Plan]]:
    plans = given.case.plans
    yield "$.plans.primary", plans.primary
    for index, plan in enumerate(plans.parallel):
        yield f"$.plans.parallel[{index}]", plan
    if plans.contingency is not None:
        yield "$.plans.contingency", plans.contingency


HOME_ROUTES = {Route.REMAIN_AT_HOME, Route.RETURN_HOME, Route.PLACEMENT_WITH_PARENTS}
FAMILY_AND_FRIENDS_ROUTES = {Route.CONNECTED_PERSONS_FOSTERING, Route.SPECIAL_GUARDIANSHIP, Route.CHILD_ARRANGEMENTS_ORDER}
ADOPTION_ROUTES = {Route.ADOPTION, Route.EARLY_PERMANENCE}
PARENTS = {PersonRole.MOTHER, PersonRole.FATHER}


@rule("PP-001", "A review is overdue", Severity.ERROR, "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33")
def review_overdue(given: CheckInput) -> Problems:
    for row in given.key_dates:
        if row.key.startswith("review_") and row.status is Status.OVERDUE:
            yield row.path, f"The {_lower_first(row.label)} was due on {long_date(row.due)} and has not been held."


@rule("PP-018", "A review was held late or is planned late", Severity.WARNING, "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33")
def review_late(given: CheckInput) -> Problems:
    for row in given.key_dates:
        if not row.key.startswith("review_"):
            continue
        if row.status is Status.LATE and row.actual is not None:
            yield row.path, f"The {_lower_first(row.label)} was held on {long_date(row.actual)}, after its due date of {long_date(row.due)}."
        elif row.status is Status.UPCOMING and row.planned is not None and row.planned > row.due:
            yield row.path, f"The {_lower_first(row.label)} is planned for {long_date(row.planned)}, after its due date of {long_date(row.due)}."


@rule("PP-002", "No permanence plan by the second review", Severity.ERROR, "Children Act 1989 Guidance Vol 2; Merton 2019 s.3; Planning for Permanency para 6")
def no_permanence_plan(given: CheckInput) -> Problems:
    held = [r for r in given.case.reviews if r.status is ReviewStatus.HELD]
    if len(held) >= 2 and not any(r.permanence_plan_endorsed for r in held):
        yield "$.reviews", "The second review has been held, but no review has endorsed a permanence plan."


@rule("PP-003", "Care proceedings without a parallel plan", Severity.ERROR, "Devon 2020, Parallel planning; Merton 2019 s.10.3")
def no_parallel_plan(given: CheckInput) -> Problems:
    case = given.case
    proceedings = case.care_proceedings
    if proceedings is None or proceedings.concluded_on is not None:
        return
    if case.plans.primary.route not in HOME_ROUTES and not case.plans.parallel:
        yield "$.plans.parallel", "Care proceedings are open and the primary plan is not a return home, but there is no parallel plan."


@rule("PP-004", "No contingency plan", Severity.ERROR, "Planning for Permanency para 7; Devon 2020, Communicating the permanence plan")
def no_contingency_plan(given: CheckInput) -> Problems:
    # Once the primary plan is achieved there is nothing left for it to fall back on.
    if given.case.plans.contingency is None and given.case.plans.primary.status is not PlanStatus.ACHIEVED:
        yield "$.plans.contingency", "There is no contingency plan for what happens if the primary plan fails."


@rule("PP-005", "Long-term fostering without the other options ruled out", Severity.ERROR, "Planning for Permanency para 6")
def long_term_fostering_without_alternatives(given: CheckInput) -> Problems:
    case = given.case
    if case.plans.primary.route is not Route.LONG_TERM_FOSTERING:
        return
    groups = (("a return home", HOME_ROUTES), ("care by family or friends", FAMILY_AND_FRIENDS_ROUTES), ("adoption", ADOPTION_ROUTES))
    for name, routes in groups:
        options = [o for o in case.options if o.route in routes]
        hint = route_mix_up(Route.LONG_TERM_FOSTERING, _carers(case, case.plans.primary.carer_ids))
        if not options:
            yield "$.options", f"Long-term fostering is the primary plan, but {name} is not recorded as considered.", hint
        elif any(o.outcome is not OptionOutcome.RULED_OUT for o in options):
            yield "$.options", f"Long-term fostering is the primary plan, but {name} is not yet ruled out with reasons.", hint


@rule("PP-025", "A route that does not fit who the carers are", Severity.WARNING, "routes knowledge base; Essex 2021 s.4")
def route_does_not_fit_the_carers(given: CheckInput) -> Problems:
    case = given.case
    routes = [(path, plan.route, plan.carer_ids) for path, plan in _plans(given)]
    routes += [(f"$.options[{i}]", option.route, option.carer_ids) for i, option in enumerate(case.options)]
    for path, route, carer_ids in routes:
        hint = route_mix_up(route, _carers(case, carer_ids))
        if hint:
            yield f"{path}.route", f"The route '{route.value}' does not fit who the carers are.", hint


#: Roles of family and friends who care for the child (kinship care).
KIN_ROLES = {PersonRole.RELATIVE, PersonRole.FRIEND, PersonRole.CONNECTED_PERSON_CARER}


def _carers(case: "Case", ids: list[str]) -> list[Person]:
    return [case.person(person_id) for person_id in ids]


def route_mix_up(route: Route, carers: list[Person]) -> str:
    """What route was probably meant, where the carers' roles and the route
    are a likely mix-up; "" otherwise."""
    kin = [c for c in carers if c.role in KIN_ROLES]
    if route is Route.LONG_TERM_FOSTERING and kin:
        return ("The carers include family or friends: kinship foster care is the route 'connected_persons_fostering' "
                "(long_term_fostering is care by unrelated foster carers).")
    if route is Route.CONNECTED_PERSONS_FOSTERING and carers and all(c.role is PersonRole.FOSTER_CARER for c in carers):
        return ("The carers are unrelated foster carers: that is 'long_term_fostering' "
                "(connected_persons_fostering is care by family or friends).")
    if route in HOME_ROUTES and kin:
        return ("The carers include family or friends, and a return home is to a parent: care by a relative is "
                "'connected_persons_fostering', 'special_guardianship' or 'child_arrangements_order'.")
    return ""


@rule("PP-006", "Adoption planned without an ADM decision, placement order or consent", Severity.ERROR, "Adoption and Children Act 2002 ss.18-21; Adoption Agencies Regulations 2005 reg 19")
def adoption_without_authority(given: CheckInput) -> Problems:
    case = given.case
    if case.plans.primary.route not in ADOPTION_ROUTES:
        return
    decisions = case.adoption
    if decisions is None or decisions.adm_decision_on is None:
        yield "$.adoption.adm_decision_on", "Adoption is the primary plan, but no Agency Decision Maker's decision is recorded."
    if any(b.kind is LegalBasisKind.ADOPTION_ORDER for b in case.legal_basis):
        return  # adopted: the placement order ended with the adoption order, as the law intends
    proceedings = case.care_proceedings
    if proceedings is not None and proceedings.concluded_on is None:
        # The local authority's placement order application is heard within the
        # open proceedings (its Annex B report, FPR PD14C): no authority yet is
        # where such a case stands, not a fault.
        return
    placement_order = any(b.kind is LegalBasisKind.PLACEMENT_ORDER and b.in_force for b in case.legal_basis)
    consenting = {c.person_id for c in (decisions.consents if decisions else []) if c.kind is AdoptionConsentKind.PLACEMENT}
    parents_with_pr = {p.id for p in case.people if p.role in PARENTS and p.has_parental_responsibility}
    if not placement_order and not (parents_with_pr and parents_with_pr <= consenting):
        yield "$.legal_basis", "Adoption is the primary plan, but there is no placement order and no consent to placement from every parent with parental responsibility."


@rule("PP-007", "Consent to adoption given too soon after birth", Severity.ERROR, "Adoption and Children Act 2002 s.52(3)")
def consent_too_early(given: CheckInput) -> Problems:
    case = given.case
    if case.adoption is None:
        return
    earliest = case.child.date_of_birth + timedelta(weeks=6)
    for index, consent in enumerate(case.adoption.consents):
        if case.person(consent.person_id).role is PersonRole.MOTHER and consent.given_on < earliest:
            yield f"$.adoption.consents[{index}].given_on", f"The mother's consent is dated less than six weeks after the birth (not before {long_date(earliest)}), so it has no effect."


@rule("PP-008", "A parent proposed as special guardian", Severity.ERROR, "Children Act 1989 s.14A(2)(b)")
def parent_as_special_guardian(given: CheckInput) -> Problems:
    case = given.case
    candidates = [(f"$.options[{i}].carer_ids", o.carer_ids) for i, o in enumerate(case.options) if o.route is Route.SPECIAL_GUARDIANSHIP]
    candidates += [(f"{path}.carer_ids", plan.carer_ids) for path, plan in _plans(given) if plan.route is Route.SPECIAL_GUARDIANSHIP]
    for path, ids in candidates:
        for position, person_id in enumerate(ids):
            person = case.person(person_id)
            if person.role in PARENTS:
                yield f"{path}[{position}]", f"The child's {person.role.value} is proposed as special guardian; a parent cannot be one."


@rule("PP-009", "SGO or CAO applicant without standing or leave", Severity.ERROR, "Children Act 1989 s.10(4)-(5A), s.10(10), s.14A(5); Merton 2019 s.7.6, s.7.7")
def applicant_without_standing(given: CheckInput) -> Problems:
    for path, plan in _plans(given):
        application = plan.application
        if plan.route not in (Route.SPECIAL_GUARDIANSHIP, Route.CHILD_ARRANGEMENTS_ORDER) or application is None:
            continue
        if application.leave_granted_on is not None or _has_consent(given, application):
            continue
        order = "an SGO" if plan.route is Route.SPECIAL_GUARDIANSHIP else "a CAO"
        for position, person_id in enumerate(application.applicant_ids):
            person = given.case.person(person_id)
            if not _entitled(person, plan.route, application.planned_on):
                yield (
                    f"{path}.application.applicant_ids[{position}]",
                    f"An applicant ({_role(person)}) does not meet the conditions to apply for {order} without the court's leave, and no leave is recorded.",
                )


def _has_consent(given: CheckInput, application: CourtApplication) -> bool:
    in_care = given.case.care_episode.ceased_on is None
    return ApplicationConsent.ALL_PR_HOLDERS in application.consents or (
        in_care and ApplicationConsent.LOCAL_AUTHORITY in application.consents
    )


def _entitled(person: Person, route: Route, applying_on: date) -> bool:
    cao_by_status = route is Route.CHILD_ARRANGEMENTS_ORDER and person.role in (
        PARENTS | {PersonRole.STEP_PARENT, PersonRole.OTHER_PR_HOLDER, PersonRole.SPECIAL_GUARDIAN}
    )
    year_before = person.role in (PersonRole.FOSTER_CARER, PersonRole.CONNECTED_PERSON_CARER, PersonRole.RELATIVE)
    return cao_by_status or (year_before and _lived_with_for_year_before(person, applying_on)) or _three_of_five_years(person, applying_on)


def _lived_with_for_year_before(person: Person, applying_on: date) -> bool:
    year_start = add_months(applying_on, -12)
    return any(p.start <= year_start and (p.end is None or p.end >= applying_on - timedelta(days=1)) for p in person.lived_with_child)


def _three_of_five_years(person: Person, applying_on: date) -> bool:
    window_start = add_months(applying_on, -60)
    days = sum(
        max(0, ((p.end or applying_on) - max(p.start, window_start)).days) for p in person.lived_with_child
    )
    last_end = max((p.end or applying_on for p in person.lived_with_child), default=None)
    return days >= 3 * 365 and last_end is not None and last_end >= add_months(applying_on, -3)


@rule("PP-010", "Siblings apart without a reason or family time", Severity.WARNING, "Merton 2019 s.10.4; Children Act 1989 s.22C(8)(c)")
def siblings_apart(given: CheckInput) -> Problems:
    case = given.case
    for index, person in enumerate(case.people):
        if person.sibling is None or person.sibling.lives_with_child:
            continue
        if person.sibling.together_or_apart_reason is None:
            yield f"$.people[{index}].sibling.together_or_apart_reason", "A brother or sister lives apart from the child and no reason is recorded."
        # Where the plan says their time together matters, FT-007 reports it instead.
        if not person.sibling.time_together_matters and not any(person.id in arrangement.with_person_ids for arrangement in case.family_time):
            yield "$.family_time", f"A brother or sister ({person.id}) lives apart from the child and there is no family-time arrangement with them."


@rule("PP-012", "Supervision order longer than three years", Severity.ERROR, "Children Act 1989, Schedule 3, paragraph 6(4)")
def supervision_order_too_long(given: CheckInput) -> Problems:
    orders = [(i, b) for i, b in enumerate(given.case.legal_basis) if b.kind is LegalBasisKind.SUPERVISION_ORDER]
    if not orders:
        return
    limit = supervision_limit(orders[0][1].made_on)
    for index, order in orders:
        if order.expires_on is not None and order.expires_on > limit:
            yield f"$.legal_basis[{index}].expires_on", f"Supervision orders may last three years in all (to {long_date(limit)} here); this one runs beyond that."


@rule("PP-013", "26-week date passed without an extension", Severity.ERROR, "Children Act 1989 s.32(1)(a)(ii), s.32(5)")
def proceedings_out_of_time(given: CheckInput) -> Problems:
    proceedings = given.case.care_proceedings
    deadline = proceedings_deadline(given.case)
    if proceedings is None or deadline is None or proceedings.concluded_on is not None or given.as_of <= deadline:
        return
    if proceedings.extensions:
        yield "$.care_proceedings.extensions", f"The extended timetable ended on {long_date(deadline)}, and no further extension is recorded."
    else:
        yield "$.care_proceedings.extensions", f"The 26-week date ({long_date(deadline)}) has passed and no extension is recorded."


#: Below this age a child is not expected to give views in words; an
#: observation of the child stands in for them (brief s.1, voice of the child).
WORDS_FROM_AGE_YEARS = 4


@rule("PP-014", "The child's wishes and feelings are missing", Severity.ERROR, "Children Act 1989 s.22(4)-(5)")
def child_voice_missing(given: CheckInput) -> Problems:
    case = given.case
    if case.voices.child is not None:
        return
    age = _age_in_years(case.child.date_of_birth, given.as_of)
    if age < WORDS_FROM_AGE_YEARS:
        yield "$.voices.child", "The child's wishes and feelings are not recorded. The child is too young to give views in words: record an observation of them instead."
    else:
        yield "$.voices.child", "The child's wishes and feelings are not recorded."


@rule("PP-015", "Identity needs not addressed", Severity.WARNING, "Children Act 1989 s.22(5)(c); Essex 2021 s.5.1")
def identity_not_addressed(given: CheckInput) -> Problems:
    required = [IdentityAspect.ETHNICITY, IdentityAspect.CULTURE, IdentityAspect.RELIGION, IdentityAspect.LANGUAGE]
    present = {need.aspect for need in given.case.identity_needs}
    missing = [aspect.value for aspect in required if aspect not in present]
    if missing:
        yield (
            "$.identity_needs", f"The plan does not say how these identity needs are met: {', '.join(missing)}.",
            f"Add an entry to identity_needs for each, with 'aspect' set to {missing[0]} and so on, saying the need "
            "and how it is met; where there is no particular need, say so in 'need'.",
        )


@rule("PP-016", "A realistic option without advantages or disadvantages", Severity.ERROR, "Re B-S (Children) [2013] EWCA Civ 1146")
def option_not_weighed(given: CheckInput) -> Problems:
    for index, option in enumerate(given.case.options):
        if not option.realistic:
            continue
        if not option.advantages:
            yield f"$.options[{index}].advantages", "A realistic option needs its advantages set out before the options are weighed together."
        if not option.disadvantages:
            yield f"$.options[{index}].disadvantages", "A realistic option needs its disadvantages set out before the options are weighed together."


@rule("PP-017", "A date in the future or before the child's birth", Severity.ERROR, "Data quality: events recorded as happened must have happened")
def impossible_dates(given: CheckInput) -> Problems:
    birth = given.case.child.date_of_birth
    for path, value, may_precede_birth in _past_dates(given):
        if value > given.as_of:
            yield path, f"is in the future ({long_date(value)}) but records something that has already happened."
        elif value < birth and not may_precede_birth:
            yield path, f"is before the child's date of birth ({long_date(value)})."


def _past_dates(given: CheckInput) -> Iterator[tuple[str, date, bool]]:
    """Dates of things that have happened: (path, date, may it precede the birth?)."""
    case = given.case
    episode = case.care_episode
    yield "$.child.date_of_birth", case.child.date_of_birth, True
    yield "$.care_episode.looked_after_on", episode.looked_after_on, False
    for name in ("ceased_on", "care_plan_made_on"):
        if (value := getattr(episode, name)) is not None:
            yield f"$.care_episode.{name}", value, False
    for i, review in enumerate(case.reviews):
        if review.status is ReviewStatus.HELD:
            yield f"$.reviews[{i}].date", review.date, False
    for i, basis in enumerate(case.legal_basis):
        yield f"$.legal_basis[{i}].made_on", basis.made_on, False
        if basis.ended_on is not None:
            yield f"$.legal_basis[{i}].ended_on", basis.ended_on, False
    if (proceedings := case.care_proceedings) is not None:
        yield "$.care_proceedings.issued_on", proceedings.issued_on, True
        if proceedings.concluded_on is not None:
            yield "$.care_proceedings.concluded_on", proceedings.concluded_on, False
        for i, extension in enumerate(proceedings.extensions):
            yield f"$.care_proceedings.extensions[{i}].granted_on", extension.granted_on, False
    for i, entry in enumerate(case.chronology):
        yield f"$.chronology[{i}].date", entry.date, True
    for i, action in enumerate(case.actions):
        if action.done_on is not None:
            yield f"$.actions[{i}].done_on", action.done_on, True
    if case.voices.child is not None:
        yield "$.voices.child.recorded_on", case.voices.child.recorded_on, False
    for i, view in enumerate(case.voices.others):
        yield f"$.voices.others[{i}].recorded_on", view.recorded_on, True
    authorship = case.authorship
    for name in ("social_worker_signed_on", "team_manager_signed_on"):
        if (value := getattr(authorship, name)) is not None:
            yield f"$.authorship.{name}", value, False
    if authorship.endorsement is not None:
        yield "$.authorship.endorsement.review_on", authorship.endorsement.review_on, False
    if case.adoption is not None:
        if case.adoption.adm_decision_on is not None:
            yield "$.adoption.adm_decision_on", case.adoption.adm_decision_on, False
        for i, consent in enumerate(case.adoption.consents):
            yield f"$.adoption.consents[{i}].given_on", consent.given_on, False
        for i, not_given in enumerate(case.adoption.consents_not_given):
            yield f"$.adoption.consents_not_given[{i}].on", not_given.on, False
    for i, person in enumerate(case.people):
        for j, period in enumerate(person.lived_with_child):
            yield f"$.people[{i}].lived_with_child[{j}].start", period.start, False
            if period.end is not None:
                yield f"$.people[{i}].lived_with_child[{j}].end", period.end, False


def _age_in_years(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
