"""Plain-English labels for the case model's coded values.

Kept in one table so that a council's own wording (a later profile feature)
has one place to override, and so that a test can check every code has one.
"""

from __future__ import annotations

from enum import StrEnum

from ..case.family_time import FamilyTimeKind, FamilyTimeOrder, Supervision
from ..case.legal import LegalBasisKind, ReviewStatus
from ..case.options import Balance, KeyFactor
from ..case.people import Gender, PersonRole, SiblingBlood, SiblingSide
from ..case.planning import IdentityAspect, Likelihood, OptionOutcome, PlanStatus, Route, Weight
from ..case.voices import ChildVoiceMethod

LABELS: dict[StrEnum, str] = {
    Route.REMAIN_AT_HOME: "Remain at home",
    Route.RETURN_HOME: "Return home",
    Route.PLACEMENT_WITH_PARENTS: "Placement with parents under a care order",
    Route.CONNECTED_PERSONS_FOSTERING: "Connected persons (kinship) foster care",
    Route.SPECIAL_GUARDIANSHIP: "Special guardianship order",
    Route.CHILD_ARRANGEMENTS_ORDER: "Child arrangements order",
    Route.ADOPTION: "Adoption",
    Route.EARLY_PERMANENCE: "Early permanence (fostering for adoption)",
    Route.LONG_TERM_FOSTERING: "Long-term fostering",
    Route.RESIDENTIAL_CARE: "Residential care",
    Route.STAYING_PUT_OR_INDEPENDENCE: "Staying Put or independence",
    OptionOutcome.PRIMARY_PLAN: "Primary plan",
    OptionOutcome.PARALLEL_PLAN: "Parallel plan",
    OptionOutcome.CONTINGENCY_PLAN: "Contingency plan",
    OptionOutcome.RULED_OUT: "Ruled out",
    OptionOutcome.STILL_BEING_ASSESSED: "Still being assessed",
    PlanStatus.PROPOSED: "Proposed",
    PlanStatus.BEING_ASSESSED: "Being assessed",
    PlanStatus.AGREED: "Agreed",
    PlanStatus.IN_PROGRESS: "In progress",
    PlanStatus.ACHIEVED: "Achieved",
    PlanStatus.ENDED: "Ended",
    LegalBasisKind.SECTION_20: "Accommodated under s.20 Children Act 1989",
    LegalBasisKind.INTERIM_CARE_ORDER: "Interim care order",
    LegalBasisKind.CARE_ORDER: "Care order",
    LegalBasisKind.PLACEMENT_ORDER: "Placement order",
    LegalBasisKind.INTERIM_SUPERVISION_ORDER: "Interim supervision order",
    LegalBasisKind.SUPERVISION_ORDER: "Supervision order",
    LegalBasisKind.SPECIAL_GUARDIANSHIP_ORDER: "Special guardianship order",
    LegalBasisKind.CHILD_ARRANGEMENTS_ORDER: "Child arrangements order",
    LegalBasisKind.ADOPTION_ORDER: "Adoption order",
    ReviewStatus.HELD: "Held",
    ReviewStatus.PLANNED: "Planned",
    Gender.FEMALE: "Female",
    Gender.MALE: "Male",
    Gender.NON_BINARY: "Non-binary",
    Gender.NOT_KNOWN: "Not known",
    Gender.PREFER_NOT_TO_SAY: "Prefers not to say",
    PersonRole.MOTHER: "Mother",
    PersonRole.FATHER: "Father",
    PersonRole.STEP_PARENT: "Step-parent",
    PersonRole.OTHER_PR_HOLDER: "Holder of parental responsibility",
    PersonRole.RELATIVE: "Relative",
    PersonRole.FRIEND: "Family friend",
    PersonRole.SIBLING: "Sibling",
    PersonRole.FOSTER_CARER: "Foster carer",
    PersonRole.CONNECTED_PERSON_CARER: "Connected person carer",
    PersonRole.PROSPECTIVE_ADOPTER: "Prospective adopter",
    PersonRole.SPECIAL_GUARDIAN: "Special guardian",
    PersonRole.SIBLINGS_CARER: "A brother's or sister's carer",
    SiblingBlood.FULL: "Full",
    SiblingBlood.HALF: "Half",
    SiblingBlood.STEP: "Step",
    SiblingSide.MATERNAL: "maternal",
    SiblingSide.PATERNAL: "paternal",
    SiblingSide.BOTH: "maternal and paternal",
    ChildVoiceMethod.OWN_WORDS: "In the child's own words",
    ChildVoiceMethod.OBSERVATION: "Observed (the child is too young to give a view)",
    ChildVoiceMethod.ADVOCATE: "Through an independent advocate",
    ChildVoiceMethod.CHOSEN_ADULT: "Through an adult the child chose",
    IdentityAspect.ETHNICITY: "Ethnicity",
    IdentityAspect.CULTURE: "Culture",
    IdentityAspect.RELIGION: "Religion",
    IdentityAspect.LANGUAGE: "Language",
    IdentityAspect.DISABILITY: "Disability",
    IdentityAspect.GENDER_AND_SEXUALITY: "Gender and sexuality",
    IdentityAspect.OTHER: "Other",
    FamilyTimeKind.DIRECT: "Face to face",
    FamilyTimeKind.SIBLING: "Time with a brother or sister (face to face)",
    FamilyTimeKind.VIDEO: "Video call",
    FamilyTimeKind.PHONE: "Phone call",
    FamilyTimeKind.LETTERBOX: "Letterbox (letters through the agency)",
    FamilyTimeKind.INDIRECT_OTHER: "Indirect (cards, photos or messages)",
    Supervision.SUPERVISED: "Supervised",
    Supervision.SUPPORTED: "Supported",
    Supervision.UNSUPERVISED: "Not supervised",
    Supervision.NOT_APPLICABLE: "Not applicable",
    Weight.SIGNIFICANT: "Significant weight",
    Weight.MODERATE: "Moderate weight",
    Weight.LIMITED: "Limited weight",
    Likelihood.LIKELY: "Likely",
    Likelihood.POSSIBLE: "Possible",
    Likelihood.UNLIKELY: "Unlikely",
    KeyFactor.LEGAL_SECURITY: "Legal security",
    KeyFactor.RELATIONSHIPS: "Relationships",
    KeyFactor.IDENTITY: "Identity",
    KeyFactor.RISK_OF_HARM: "Risk of harm",
    KeyFactor.TIMESCALE: "Timescale",
    KeyFactor.WISHES_AND_FEELINGS: "Wishes and feelings",
    Balance.FOR: "For",
    Balance.AGAINST: "Against",
    Balance.MIXED: "Mixed",
    Balance.NEUTRAL: "Neutral",
    FamilyTimeOrder.NONE: "No order",
    FamilyTimeOrder.SECTION_8: "Child arrangements order (s.8 Children Act 1989)",
    FamilyTimeOrder.SECTION_34: "Order for a child in care (s.34 Children Act 1989)",
    FamilyTimeOrder.SECTION_26: "Contact order for a child placed for adoption (s.26 Adoption and Children Act 2002)",
    FamilyTimeOrder.SECTION_51A: "Order after adoption (s.51A Adoption and Children Act 2002)",
}


def label(code: StrEnum) -> str:
    """The plain-English label for a coded value."""
    return LABELS[code]
