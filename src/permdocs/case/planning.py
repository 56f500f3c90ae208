"""What the plan is and how it was reached: the permanence need, the options
weighed, the plans chosen with their support, and the actions that deliver
them. The views heard are in :mod:`.voices`, the adoption decisions in
:mod:`.adoption`.
"""

from __future__ import annotations

from pydantic import ConfigDict, model_validator

from ..base.sensitivity import Sensitivity
from ..base.strict import CodeText, schema_rules, when
from .base import CalendarDate, CaseModel, Code, Identifier, Narrative, ShortText, field
from .limits import LIST_LIMITS
from .options import FactorAssessment, KeyFactor


class Route(Code):
    """The routes to permanence (brief section 1; Merton 2019 s.7; Essex 2021 s.4).
    The other names are those people use, and the knowledge base's short
    names (``permdocs routes``), which must be among them."""

    REMAIN_AT_HOME = (
        "remain_at_home",
        "The child goes on living with their parents, with support, perhaps under a supervision order.",
    )
    RETURN_HOME = "return_home", "The child goes back to live with a parent after time in care (reunification)."
    PLACEMENT_WITH_PARENTS = (
        "placement_with_parents",
        "The child lives with a parent while the local authority keeps a care order.",
        "pwp",
    )
    CONNECTED_PERSONS_FOSTERING = (
        "connected_persons_fostering",
        "The child lives with a relative, friend or other connected person approved as their foster carer, and "
        "stays in care (kinship fostering). Use this, not long_term_fostering, when the carer is family or a friend.",
        "connected-persons", "kinship", "connected", "kinship-fostering", "family-and-friends-care",
    )
    SPECIAL_GUARDIANSHIP = (
        "special_guardianship",
        "A special guardianship order gives the carer, often a relative, parental responsibility they may exercise "
        "alone until the child is 18; the child leaves care.",
        "sgo", "special-guardianship-order",
    )
    CHILD_ARRANGEMENTS_ORDER = (
        "child_arrangements_order",
        "A child arrangements order says the child lives with the carer (a relative, friend or former foster "
        "carer), who gains parental responsibility; the child leaves care.",
        "cao", "residence-order",
    )
    ADOPTION = (
        "adoption",
        "An adoption order makes the adopters the child's legal parents for life and ends the birth parents' "
        "parental responsibility.",
    )
    EARLY_PERMANENCE = (
        "early_permanence",
        "Placement with carers approved both to foster and to adopt (Fostering for Adoption, concurrent planning), "
        "so the child need not move again if adoption becomes the plan.",
        "fostering-for-adoption", "ffa", "concurrent-planning",
    )
    LONG_TERM_FOSTERING = (
        "long_term_fostering",
        "The child stays in care with unrelated foster carers into adulthood, under a care order or s.20. When the "
        "carer is family or a friend, use connected_persons_fostering.",
        "ltf", "fostering", "permanent-fostering",
    )
    RESIDENTIAL_CARE = (
        "residential_care",
        "The child lives in a children's home or residential school for a year or more.",
        "residential", "childrens-home",
    )
    STAYING_PUT_OR_INDEPENDENCE = (
        "staying_put_or_independence",
        "A young person stays on with former foster carers after 18 (Staying Put), or moves towards living "
        "independently.",
        "staying-put", "independence",
    )


class PermanenceNeed(CaseModel):
    """The three aspects of permanence (Merton 2019 s.1; Devon 2020, 'What is permanence')."""

    legal: Narrative = field("Legal permanence", "Who needs to hold parental responsibility, and under what order.")
    psychological: Narrative = field(
        "Psychological permanence", "The secure, lasting attachment the child needs and with whom."
    )
    physical: Narrative = field(
        "Physical permanence", "The stable home and community the child needs, including identity needs."
    )


class OptionOutcome(Code):
    PRIMARY_PLAN = "primary_plan", "Chosen as the primary plan."
    PARALLEL_PLAN = "parallel_plan", "Pursued alongside the primary plan (twin-track planning)."
    CONTINGENCY_PLAN = "contingency_plan", "The plan if the primary plan cannot be achieved."
    RULED_OUT = "ruled_out", "Considered and ruled out, for the reasons given."
    STILL_BEING_ASSESSED = "still_being_assessed", "Not yet decided: an assessment is under way."


class Weight(Code):
    """How much a point counts in the holistic evaluation."""

    SIGNIFICANT = "significant", "Counts for a great deal in the balance."
    MODERATE = "moderate", "Counts for something, but does not decide the balance."
    LIMITED = "limited", "Counts for little."


class Likelihood(Code):
    """How likely the benefit or harm a point describes is to come about."""

    LIKELY = "likely", "More likely than not to come about."
    POSSIBLE = "possible", "A real possibility."
    UNLIKELY = "unlikely", "Not expected, though it cannot be ruled out."


class ChildPoint(CaseModel):
    """An argument for or against an option, as it bears on this child: the
    worker's own words, or a standard point of the knowledge base pulled into
    the child's analysis by its id."""

    text: Narrative | None = field(
        "Point", "The argument, about this child. Give this or 'point_id', not both.", default=None
    )
    point_id: CodeText | None = field(
        "Standard point",
        "The id of a standard point of the option's route (see 'permdocs routes'), e.g. 'sgo-adv-01', to weigh it "
        "for this child in the knowledge base's words, with its source. Give this or 'text', not both.",
        default=None,
    )
    weight: Weight = field("Weight", "How much the worker gives it in the balance.")
    likelihood: Likelihood | None = field(
        "Likelihood", "How likely the benefit or harm is to come about; null where it is a present fact.", default=None
    )

    @model_validator(mode="after")
    def _text_or_standard_point(self) -> "ChildPoint":
        if (self.text is None) == (self.point_id is None):
            raise ValueError("give exactly one of 'text' and 'point_id'")
        return self


class ExcludedPoint(CaseModel):
    """A standard point of the knowledge base that does not apply to this child."""

    point_id: CodeText = field("Point", "The id of the standard point, e.g. 'sgo-adv-05' (see 'permdocs routes').")
    reason: Narrative | None = field(
        "Reason", "Why it does not apply to this child; null if not yet recorded (a check flags it).", default=None
    )


class OptionConsidered(CaseModel):
    """One route considered for the child, realistic or not."""

    # The rule of _unrealistic_options_are_ruled_out, for schema readers.
    model_config = ConfigDict(json_schema_extra=schema_rules((
        "An option that is not realistic ('realistic': false) has the outcome 'ruled_out'.",
        when("realistic", False, {"properties": {"outcome": {"const": "ruled_out"}}}),
    )))

    id: Identifier = field("Id", "A short id, unique among the options.")
    route: Route = field("Route", "The route to permanence this option would take.")
    carer_ids: list[Identifier] = field(
        "Carers", "Ids of the people who would care for the child under this option, if any.", default_factory=list, max_length=LIST_LIMITS["people_named"]
    )
    realistic: bool = field(
        "Realistic", "True when the option is realistic and must be weighed (Re B-S [2013] EWCA Civ 1146)."
    )
    outcome: OptionOutcome = field("Outcome", "What became of the option.")
    reasons: Narrative | None = field(
        "Reasons", "Why the option has this outcome, in plain words; null if not yet recorded (a check flags it).",
        default=None,
    )
    advantages: list[ChildPoint] = field(
        "Advantages for this child",
        "Arguments for this option specific to this child (Re B-S [2013] EWCA Civ 1146). The route's standard "
        "advantages from the knowledge base apply as well, unless excluded.",
        default_factory=list, max_length=LIST_LIMITS["points"],
    )
    disadvantages: list[ChildPoint] = field(
        "Disadvantages for this child",
        "Arguments against this option specific to this child. The route's standard disadvantages apply as well, "
        "unless excluded.",
        default_factory=list, max_length=LIST_LIMITS["points"],
    )
    excluded_points: list[ExcludedPoint] = field(
        "Standard points excluded", "Standard points of the route that do not apply to this child, each with a "
        "reason.",
        default_factory=list, max_length=LIST_LIMITS["points"],
    )
    evidence: list[ShortText] = field(
        "Evidence", "The assessments and reports the analysis of this option rests on.", default_factory=list, max_length=LIST_LIMITS["points"]
    )
    key_factors: dict[KeyFactor, FactorAssessment] = field(
        "Key factors",
        "For a realistic option: how it measures up on each key factor (legal_security, relationships, identity, "
        "risk_of_harm, timescale, wishes_and_feelings), one line each. The options analysis shows every realistic "
        "option against these factors side by side, before the detail.",
        default_factory=dict,
    )

    @model_validator(mode="after")
    def _unrealistic_options_are_ruled_out(self) -> "OptionConsidered":
        if not self.realistic and self.outcome is not OptionOutcome.RULED_OUT:
            raise ValueError("an option that is not realistic can only have the outcome 'ruled_out'")
        return self


class OptionsAnalysis(CaseModel):
    """The holistic evaluation of all realistic options together (Re B-S; Re G [2013] EWCA Civ 965)."""

    conclusion: Narrative = field(
        "Holistic conclusion", "All the realistic options weighed against each other, not eliminated one by one."
    )
    recommended_option_id: Identifier = field("Recommended option", "The id of the option recommended.")
    single_option_reason: Narrative | None = field(
        "Why only one option is realistic", "Required when fewer than two options are realistic.", default=None
    )


class PlanStatus(Code):
    PROPOSED = "proposed", "Put forward, not yet agreed."
    BEING_ASSESSED = "being_assessed", "Depends on an assessment (of a carer or a parent) that is under way."
    AGREED = "agreed", "Agreed, at a review or by the court."
    IN_PROGRESS = "in_progress", "Agreed and being carried out."
    ACHIEVED = "achieved", "Done: the child is settled under this plan."
    ENDED = "ended", "Stopped before it was achieved."


class ApplicationConsent(Code):
    LOCAL_AUTHORITY = (
        "local_authority",
        "The local authority consents, which an applicant needs while the child is in care.",
    )
    ALL_PR_HOLDERS = "all_pr_holders", "Everyone with parental responsibility consents."


class CourtApplication(CaseModel):
    """An application for the order a plan needs (an SGO or a CAO)."""

    applicant_ids: list[Identifier] = field("Applicants", "Ids of the people who will apply.", min_length=1, max_length=LIST_LIMITS["people_named"])
    planned_on: CalendarDate = field("Made or planned on", "When the application was or will be made.")
    consents: list[ApplicationConsent] = field(
        "Consents held",
        "Consents that give the applicants standing: the local authority's (child in care) or every PR holder's.",
        default_factory=list, max_length=LIST_LIMITS["consents"],
    )
    leave_granted_on: CalendarDate | None = field(
        "Leave granted on", "When the court gave leave to apply, where leave was needed.", default=None
    )


class SupportService(CaseModel):
    """A service that supports the child, the carers or the family."""

    service: ShortText = field("Service", "What the service is.")
    provider: ShortText = field("Provider", "Who provides it.")
    for_whom: ShortText = field("For whom", "Who receives it: the child, the carers, a parent.")
    detail: Narrative | None = field("Detail", "How often, what it aims at, anything else worth knowing.", default=None)
    until: CalendarDate | None = field("Until", "When the service is planned to end; null if open-ended.", default=None)


class SupportPlan(CaseModel):
    """The support plan that goes with special guardianship or adoption: the
    services, who gives them, the money, and how the plan is reviewed.

    For special guardianship it is the SGO support plan (Children Act 1989
    s.14F; Special Guardianship Regulations 2005, regs 11-18; Merton 2019
    s.7.6; Essex 2021 App. 1: a child looked after before the order is
    entitled to an assessment of support needs, financial support included,
    and may have therapy paid for by the Adoption Support Fund). For adoption
    it is the adoption support plan (Adoption and Children Act 2002 s.4;
    Adoption Support Services Regulations 2005; Merton 2019 s.7.3, Devon 2020
    "Adoption": adopters may be supported, financially too, and may ask for an
    assessment of support needs at any time).
    """

    needs_assessed_on: CalendarDate | None = field(
        "Support needs assessed on",
        "When the assessment of the family's support needs was completed; null while it is under way.",
        default=None,
    )
    services: list[SupportService] = field(
        "Support services",
        "What support is planned and from whom: for example therapeutic parenting support, help with family time, "
        "training, a support group, therapy paid for by the Adoption Support Fund.",
        default_factory=list, max_length=LIST_LIMITS["support_services"],
    )
    financial_support: Narrative | None = field(
        "Financial support",
        "The money agreed, and on what terms: a special guardianship or adoption allowance, one-off payments, how "
        "it is means-tested and when it is reassessed (Essex 2021 App. 1), or that none is needed and why; null "
        "while not yet agreed. It tells of the carers' means, so the family's copy leaves it out.",
        default=None, sensitivity=Sensitivity.THIRD_PARTY.value,
    )
    review: Narrative = field(
        "How the plan is reviewed",
        "When and how the support plan is reviewed, and whom the family contacts if their needs change.",
    )


class Plan(CaseModel):
    """A plan for permanence, with where it should lead and by when."""

    route: Route = field("Route", "The route to permanence this plan follows.")
    summary: Narrative = field("Summary", "The intended outcome, stated clearly and concisely.")
    carer_ids: list[Identifier] = field(
        "Carers", "Ids of the people who would care for the child under this plan.", default_factory=list, max_length=LIST_LIMITS["people_named"]
    )
    target_date: CalendarDate = field("Target date", "When the plan should be achieved.")
    status: PlanStatus = field("Status", "Where the plan stands today.")
    application: CourtApplication | None = field(
        "Court application", "The application for the order this plan needs (SGO or CAO), if any.", default=None
    )


class Plans(CaseModel):
    """The primary plan, any parallel plans run alongside it, and the fallback."""

    primary: Plan = field("Primary plan", "The plan the local authority is working to.")
    parallel: list[Plan] = field(
        "Parallel plans", "Plans pursued at the same time so that no time is lost (twin-track planning).",
        default_factory=list, max_length=LIST_LIMITS["parallel_plans"],
    )
    contingency: Plan | None = field(
        "Contingency plan", "What happens if the primary plan cannot be achieved.", default=None
    )
    support_plan: SupportPlan | None = field(
        "Support plan",
        "The primary plan's support plan: for special guardianship, the SGO support plan; for adoption, the "
        "adoption support plan. A check expects one once the primary plan names its carers.",
        default=None,
    )


class Action(CaseModel):
    """A task that moves the plan forward."""

    what: ShortText = field("What", "What has to be done.")
    owner: ShortText = field("Who", "Who is responsible: a named role, team or person.")
    due_on: CalendarDate = field("By when", "When it must be done.")
    done_on: CalendarDate | None = field("Done on", "When it was done; null while outstanding.", default=None)


class IdentityAspect(Code):
    ETHNICITY = "ethnicity", "The child's ethnic heritage."
    CULTURE = "culture", "The culture, customs and traditions the child belongs to."
    RELIGION = "religion", "Faith and religious practice."
    LANGUAGE = "language", "The languages of the child and the family."
    DISABILITY = "disability", "A disability, and what it means for who the child is."
    GENDER_AND_SEXUALITY = "gender_and_sexuality", "Gender identity and sexuality."
    OTHER = "other", "Any other part of who the child is."


class IdentityNeed(CaseModel):
    """One aspect of the child's identity and how the plan keeps it alive."""

    aspect: IdentityAspect = field("Aspect", "Which part of the child's identity this concerns.")
    need: Narrative = field("Need", "What the child needs.")
    how_met: Narrative = field("How it is met", "How the plan and the carers meet the need.")
