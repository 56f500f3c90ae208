"""The child and the people around the child: family, carers and adopters."""

from __future__ import annotations

from enum import StrEnum

from pydantic import model_validator

from .base import CalendarDate, CaseModel, CaseReference, Identifier, Name, Narrative, ShortText, field


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    NOT_KNOWN = "not_known"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class Child(CaseModel):
    """Who the child is. Used by every document."""

    case_reference: CaseReference = field(
        "Case reference",
        "The council's reference for the child's case, as used on every document.",
    )
    given_names: Name = field("Given names", "The child's first and middle names, as registered.")
    family_name: Name = field("Family name", "The child's surname, as registered.")
    preferred_name: Name = field(
        "Preferred name", "What the child likes to be called; used in headings and letters."
    )
    date_of_birth: CalendarDate = field("Date of birth", "The child's date of birth.")
    gender: Gender = field("Gender", "The child's gender as the child describes it, where known.")
    ethnicity: ShortText = field("Ethnicity", "The child's ethnicity, in the family's own words where possible.")
    nationality: ShortText = field("Nationality", "The child's nationality or nationalities.")
    religion: ShortText = field(
        "Religion", "The child's religion or the family's faith, or 'none' where that is so."
    )
    first_language: ShortText = field("First language", "The language the child first learned or mainly uses.")
    other_languages: list[ShortText] = field(
        "Other languages", "Other languages spoken by or around the child.", default_factory=list
    )
    disability_or_additional_needs: Narrative | None = field(
        "Disability or additional needs",
        "Any disability, health condition or additional need, or null where there is none.",
        default=None,
    )


class PersonRole(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    STEP_PARENT = "step_parent"
    OTHER_PR_HOLDER = "other_pr_holder"
    RELATIVE = "relative"
    FRIEND = "friend"
    SIBLING = "sibling"
    FOSTER_CARER = "foster_carer"
    CONNECTED_PERSON_CARER = "connected_person_carer"
    PROSPECTIVE_ADOPTER = "prospective_adopter"
    SPECIAL_GUARDIAN = "special_guardian"


class SiblingBlood(StrEnum):
    FULL = "full"
    HALF = "half"
    STEP = "step"


class SiblingSide(StrEnum):
    MATERNAL = "maternal"
    PATERNAL = "paternal"
    BOTH = "both"


class SiblingDetails(CaseModel):
    """How a sibling is related and whether they live with the child."""

    relation: SiblingBlood = field("Relation", "Full, half or step sibling.")
    side: SiblingSide = field("Side of the family", "Whether the sibling is related through the mother, the father or both.")
    lives_with_child: bool = field("Lives with the child", "True when the sibling lives in the same home as the child.")
    where_living: ShortText = field(
        "Where the sibling lives",
        "A description of the sibling's home, e.g. 'with their father' or 'foster care'. "
        "Never an address: this appears in documents for the birth family.",
    )
    together_or_apart_reason: Narrative | None = field(
        "Why together or apart",
        "Why the siblings live together, or why they live apart; null if not yet recorded (a check flags it).",
        default=None,
    )


class ContactDetails(CaseModel):
    """How to reach a person. Never printed in a document for the birth family."""

    address: ShortText | None = field("Address", "Postal address on one line.", default=None)
    phone: ShortText | None = field("Phone", "Telephone number.", default=None)
    email: ShortText | None = field("Email", "Email address.", default=None)


class Period(CaseModel):
    """A span of time; an open end means 'until now'."""

    start: CalendarDate = field("From", "The first day.")
    end: CalendarDate | None = field("To", "The last day; null if it continues.", default=None)


class Person(CaseModel):
    """A member of the child's family or network, or a carer."""

    id: Identifier = field("Id", "A short id, unique in this case, that other entries use to refer to this person.")
    role: PersonRole = field("Role", "The person's role in the child's life.")
    relationship: ShortText = field(
        "Relationship to the child", "How the person is related to the child, e.g. 'maternal aunt'."
    )
    given_names: Name = field("Given names", "The person's first names.")
    family_name: Name = field("Family name", "The person's surname.")
    date_of_birth: CalendarDate | None = field("Date of birth", "Date of birth, or null where not known.", default=None)
    has_parental_responsibility: bool = field(
        "Holds parental responsibility", "True when the person holds parental responsibility for the child."
    )
    contact: ContactDetails | None = field("Contact details", "How to reach the person, where known.", default=None)
    sibling: SiblingDetails | None = field(
        "Sibling details", "Required when the role is 'sibling'; null otherwise.", default=None
    )
    lived_with_child: list[Period] = field(
        "Lived with the child",
        "Periods in which the child lived with this person; used to check who may apply for an SGO or CAO.",
        default_factory=list,
    )

    @model_validator(mode="after")
    def _sibling_details_match_role(self) -> "Person":
        if (self.role is PersonRole.SIBLING) != (self.sibling is not None):
            raise ValueError("sibling details are required for a sibling, and only for a sibling")
        return self

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"
