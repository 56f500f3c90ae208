"""The child and the people around the child: family, carers and adopters."""

from __future__ import annotations

from pydantic import ConfigDict, model_validator

from ..base.sensitivity import CARER_NAME, CONTACT_DETAILS, EMPLOYMENT, Sensitivity
from ..base.strict import absent, present, schema_rules, when
from .base import CalendarDate, CaseModel, CaseReference, Code, Identifier, Name, Narrative, ShortText, field
from .limits import LIST_LIMITS


class Gender(Code):
    FEMALE = "female", "Female."
    MALE = "male", "Male."
    NON_BINARY = "non_binary", "Non-binary: neither only female nor only male."
    NOT_KNOWN = "not_known", "Not known, or not yet recorded."
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "The child, or for a young child the family, prefers not to say."


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
        "Other languages", "Other languages spoken by or around the child.", default_factory=list,
        max_length=LIST_LIMITS["other_languages"],
    )
    disability_or_additional_needs: Narrative | None = field(
        "Disability or additional needs",
        "Any disability, health condition or additional need, or null where there is none.",
        default=None,
        sensitivity=Sensitivity.HEALTH.value,
    )


class PersonRole(Code):
    MOTHER = "mother", "The child's mother."
    FATHER = "father", "The child's father, whether or not he holds parental responsibility."
    STEP_PARENT = "step_parent", "A parent's husband, wife or civil partner who is not the child's parent."
    OTHER_PR_HOLDER = (
        "other_pr_holder",
        "Someone else with parental responsibility, such as a guardian or the holder of a child arrangements order.",
    )
    RELATIVE = (
        "relative",
        "A member of the wider family: a grandparent, aunt, uncle or cousin. A relative approved to foster the "
        "child is a connected_person_carer.",
    )
    FRIEND = (
        "friend",
        "A family friend or someone else close to the child but not related. One approved to foster the child is a "
        "connected_person_carer.",
    )
    SIBLING = "sibling", "A brother or sister, full, half or step; give the sibling details too."
    FOSTER_CARER = (
        "foster_carer",
        "An approved foster carer who did not know the child before the placement (unrelated foster care).",
    )
    CONNECTED_PERSON_CARER = (
        "connected_person_carer",
        "A relative, friend or other connected person approved as the child's foster carer (kinship care).",
        "kinship-carer", "kinship-foster-carer", "connected-carer", "family-and-friends-carer",
    )
    PROSPECTIVE_ADOPTER = (
        "prospective_adopter",
        "Someone approved to adopt with whom the child is or may be placed, early-permanence carers included.",
    )
    SPECIAL_GUARDIAN = "special_guardian", "Someone who holds a special guardianship order for the child."
    SIBLINGS_CARER = (
        "siblings_carer",
        "Someone who brings up one of the child's brothers or sisters in another home: the sibling's adoptive parent, "
        "foster carer or special guardian. Letters and visits with that sibling go through them; give their id in "
        "the sibling's 'lives_with_ids'. Only the agency's own copies name them or give their details; others "
        "call them by their relationship ('Riley's adoptive parents').",
        "sibling-carer", "siblings-adopter", "sibling-adopter",
    )


class SiblingBlood(Code):
    FULL = "full", "The two share both parents."
    HALF = "half", "The two share one parent."
    STEP = "step", "The two share no parent: they are related through a parent's partner."


class SiblingSide(Code):
    MATERNAL = "maternal", "Related through the child's mother."
    PATERNAL = "paternal", "Related through the child's father."
    BOTH = "both", "Related through both parents."


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
    lives_with_ids: list[Identifier] = field(
        "Lives with (ids)",
        "Ids of the people in 'people' the sibling lives with, where they are a parent, relative or carer the options "
        "name: the options then say who would share the child's home. Leave empty where the sibling lives with "
        "nobody the case names; a sibling who lives with the child shares the child's home.",
        default_factory=list, max_length=LIST_LIMITS["people_named"],
    )
    time_together_matters: bool = field(
        "Time together matters",
        "True where the care plan says the child and this sibling should keep spending time together; "
        "a check then expects a family-time arrangement with them if they live apart.",
        default=False,
    )
    together_or_apart_reason: Narrative | None = field(
        "Why together or apart",
        "Why the siblings live together, or why they live apart; null if not yet recorded (a check flags it).",
        default=None,
    )


class PartnershipStatus(Code):
    """How two adults are or were partnered, as a genogram marks it: a solid
    line for a marriage or civil partnership, a dashed one for a couple who
    live together, one slash for a separation and two for a divorce."""

    MARRIED = "married", "Married to each other."
    CIVIL_PARTNERSHIP = "civil_partnership", "In a civil partnership with each other."
    TOGETHER = "together", "A couple, not married: living together or in a relationship.", "cohabiting"
    SEPARATED = "separated", "Were a couple and have separated (married or not)."
    DIVORCED = "divorced", "Were married or civil partners, and the marriage or partnership was ended in law."
    NOT_KNOWN = "not_known", "They had a child together; nothing more is recorded about them as a couple."


class Partnership(CaseModel):
    """A partnership of this person with another person in 'people'. Give it on
    one of the two only: the genogram draws one line between them."""

    partner_id: Identifier = field("Partner", "The id in 'people' of the partner.")
    status: PartnershipStatus = field(
        "Status", "married, civil_partnership, together, separated, divorced or not_known (the default).",
        default=PartnershipStatus.NOT_KNOWN,
    )


class Involvement(Code):
    """Whether someone has been part of the child's life and of the plans for
    them. The later-life letter is checked against it (LL-006): a letter
    must not tell a child that someone took part in an event the case says
    they had no part in."""

    INVOLVED = "involved", "Part of the child's life, or of the meetings, assessments and hearings about them."
    NOT_INVOLVED = (
        "not_involved",
        "Not part of the child's life, and took no part in the meetings, assessments or court hearings about them "
        "(a father who chose not to, for example).",
        "absent", "not-involved",
    )
    WHEREABOUTS_UNKNOWN = (
        "whereabouts_unknown",
        "Could not be found, so took no part in the meetings, assessments or court hearings about the child.",
        "missing", "not-found",
    )
    DECEASED = "deceased", "Has died, before the events the child's documents tell.", "died", "dead"


class ContactDetails(CaseModel):
    """How to reach a person. A carer's details identify the placement; a
    relative's are theirs alone. Audiences withhold both (see the parent
    field's x-sensitivity)."""

    address: ShortText | None = field("Address", "Postal address on one line.", default=None)
    phone: ShortText | None = field("Phone", "Telephone number.", default=None)
    email: ShortText | None = field("Email", "Email address.", default=None)


class Period(CaseModel):
    """A span of time; an open end means 'until now'."""

    start: CalendarDate = field("From", "The first day.")
    end: CalendarDate | None = field("To", "The last day; null if it continues.", default=None)


class Person(CaseModel):
    """A member of the child's family or network, or a carer."""

    # The rule of _sibling_details_match_role, for schema readers.
    model_config = ConfigDict(json_schema_extra=schema_rules((
        "'sibling' (the sibling details) is required when the role is 'sibling', and must be null for any other "
        "role.",
        when("role", "sibling", present("sibling"), absent("sibling")),
    )))

    id: Identifier = field("Id", "A short id, unique in this case, that other entries use to refer to this person.")
    role: PersonRole = field("Role", "The person's role in the child's life.")
    relationship: ShortText = field(
        "Relationship to the child", "How the person is related to the child, e.g. 'maternal aunt'."
    )
    given_names: Name = field(
        "Given names", "The person's first names. A foster carer's or adopter's are withheld from a birth family.",
        sensitivity=CARER_NAME, name_of_person=True,
    )
    family_name: Name = field(
        "Family name",
        "The person's surname. A foster carer's or adopter's is withheld from a birth family.",
        sensitivity=CARER_NAME, name_of_person=True,
    )
    known_as: list[Name] = field(
        "Known as",
        "Other names the person goes by: a short form ('Sam' for 'Samantha'), a nickname, a maiden or former name. "
        "A carer's are withheld like their given names, and permdocs check finds them written out in free text.",
        default_factory=list, max_length=LIST_LIMITS["known_as"], sensitivity=CARER_NAME, name_of_person=True,
    )
    child_calls: Name | None = field(
        "What the child calls them",
        "The name the child uses for this person, e.g. 'Nanna' or 'Mum Kerry'. The child's own copy of a family-time "
        "agreement names them so. A carer's is withheld like their given names.",
        default=None, sensitivity=CARER_NAME, name_of_person=True,
    )
    date_of_birth: CalendarDate | None = field("Date of birth", "Date of birth, or null where not known.", default=None)
    gender: Gender = field(
        "Gender",
        "The person's gender, where known: the genogram draws a circle for a female, a square for a male and a "
        "diamond otherwise. Where it is 'not_known' (the default), the genogram reads it from the role or the "
        "relationship ('mother', 'grandfather', 'aunt').",
        default=Gender.NOT_KNOWN,
    )
    parent_ids: list[Identifier] = field(
        "Parents (ids)",
        "Ids in 'people' of this person's parents, for the genogram. Where none are given, the genogram infers the "
        "usual ones: the mother and father are the child's parents, a full sibling shares them, a half sibling "
        "shares the parent on their side, and a maternal or paternal grandparent is the parent of the mother or "
        "father. Nobody may be their own ancestor.",
        default_factory=list, max_length=2,
    )
    partners: list[Partnership] = field(
        "Partners",
        "This person's partnerships with others in 'people' (a marriage, a couple, a separation, a divorce), for "
        "the genogram; give each on one of the two partners only. A mother and father who are not listed are "
        "drawn as a couple whose status is not known.",
        default_factory=list, max_length=LIST_LIMITS["people_named"],
    )
    nationality: ShortText | None = field("Nationality", "The person's nationality, where known.", default=None)
    ethnicity: ShortText | None = field(
        "Ethnicity", "The person's ethnicity in their own words, where known (the CPR's family table).", default=None
    )
    has_parental_responsibility: bool = field(
        "Holds parental responsibility", "True when the person holds parental responsibility for the child."
    )
    involvement: Involvement = field(
        "Involvement",
        "Whether the person has been part of the child's life and of the meetings, assessments and hearings about "
        "them: 'involved' (the default), 'not_involved', 'whereabouts_unknown' or 'deceased'. The later-life "
        "letter's check (LL-006) points at a sentence that has someone who took no part taking part in an event "
        "(\"Dean and I told the judge\").",
        default=Involvement.INVOLVED,
    )
    contact: ContactDetails | None = field(
        "Contact details",
        "How to reach the person, where known. Shown only in the agency's own copies where 'confidential_contact' is true.",
        default=None, sensitivity=CONTACT_DETAILS, confidential_when="confidential_contact",
    )
    confidential_contact: bool = field(
        "Contact details kept confidential (C8)",
        "True where the person's address and contact details must not be revealed to the other parties, as on form "
        "C8 (FPR 29.1): for example a parent who has fled domestic abuse, or a relative caring for a sibling. They "
        "then appear only in the agency's own copies, never in a court copy, a bundle, a family-time agreement or "
        "another party's copy.",
        default=False,
    )
    employment: ShortText | None = field(
        "Employment", "The person's job or employer, where relevant (for carers, part of their assessment).",
        default=None, sensitivity=EMPLOYMENT,
    )
    background: Narrative | None = field(
        "Background",
        "What the case records about this person's own history, health or circumstances: third-party information.",
        default=None, sensitivity=Sensitivity.THIRD_PARTY.value,
    )
    sibling: SiblingDetails | None = field(
        "Sibling details", "Required when the role is 'sibling'; null otherwise.", default=None
    )
    lived_with_child: list[Period] = field(
        "Lived with the child",
        "Periods in which the child lived with this person; used to check who may apply for an SGO or CAO.",
        default_factory=list, max_length=LIST_LIMITS["lived_with_child"],
    )

    @model_validator(mode="after")
    def _sibling_details_match_role(self) -> "Person":
        if (self.role is PersonRole.SIBLING) != (self.sibling is not None):
            raise ValueError("sibling details are required for a sibling, and only for a sibling")
        return self

    @property
    def full_name(self) -> str:
        """Given and family names; in a redacted copy either may be empty."""
        return " ".join(part for part in (self.given_names, self.family_name) if part)


class Placement(CaseModel):
    """Where the child lives now. Every detail here identifies the placement,
    so each is tagged and withheld from the readers who must not know it."""

    carer_ids: list[Identifier] = field("Carers", "Ids of the people the child lives with (see 'people').", default_factory=list,
        max_length=LIST_LIMITS["people_named"],
    )
    since: CalendarDate = field("Since", "When the child moved there.")
    description: ShortText = field(
        "Kind of home", "What kind of home it is, without identifying it, e.g. 'foster home' or 'with her aunt'."
    )
    address: ShortText | None = field(
        "Address", "The placement's postal address on one line.", default=None, sensitivity=Sensitivity.PLACEMENT.value
    )
    town: ShortText | None = field(
        "Town", "The town or area where the child lives.", default=None, sensitivity=Sensitivity.PLACEMENT.value
    )
    school_or_nursery: ShortText | None = field(
        "School or nursery", "The child's school, nursery or childminder.", default=None,
        sensitivity=Sensitivity.PLACEMENT.value,
    )
    gp_practice: ShortText | None = field(
        "GP practice", "The child's GP practice.", default=None, sensitivity=Sensitivity.PLACEMENT.value
    )
    clubs: list[ShortText] = field(
        "Clubs and activities", "Clubs, groups and activities the child goes to.", default_factory=list,
        max_length=LIST_LIMITS["clubs"],
        sensitivity=Sensitivity.PLACEMENT.value,
    )
    place_of_worship: ShortText | None = field(
        "Place of worship", "Where the child worships, if anywhere.", default=None, sensitivity=Sensitivity.PLACEMENT.value
    )
