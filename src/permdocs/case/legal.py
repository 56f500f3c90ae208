"""The child's legal position: orders, care proceedings, and the reviews of
the time the child has been looked after."""

from __future__ import annotations

from pydantic import ConfigDict, model_validator

from ..base.strict import absent, present, schema_rules, when
from .base import CalendarDate, CaseModel, CaseReference, Code, Name, Narrative, ShortText, field
from .limits import LIST_LIMITS


class LegalBasisKind(Code):
    SECTION_20 = (
        "section_20",
        "Accommodation with the parents' agreement and no court order (Children Act 1989 s.20).",
    )
    INTERIM_CARE_ORDER = "interim_care_order", "A care order made for the time being, while proceedings go on (s.38)."
    CARE_ORDER = "care_order", "A final care order: the local authority shares parental responsibility (s.31)."
    PLACEMENT_ORDER = (
        "placement_order",
        "Authority for the local authority to place the child for adoption (Adoption and Children Act 2002 s.21).",
    )
    INTERIM_SUPERVISION_ORDER = (
        "interim_supervision_order",
        "A supervision order made for the time being, while proceedings go on (s.38).",
    )
    SUPERVISION_ORDER = (
        "supervision_order",
        "The local authority advises and befriends the child, without parental responsibility (s.31 and Schedule 3).",
    )
    SPECIAL_GUARDIANSHIP_ORDER = "special_guardianship_order", "A special guardianship order (s.14A)."
    CHILD_ARRANGEMENTS_ORDER = (
        "child_arrangements_order",
        "An order saying whom the child lives with or spends time with (s.8).",
    )
    ADOPTION_ORDER = "adoption_order", "An adoption order (Adoption and Children Act 2002 s.46)."


class LegalBasis(CaseModel):
    """An order of the court, or accommodation by agreement under s.20."""

    # The rule of _court_details_match_kind, for schema readers.
    model_config = ConfigDict(json_schema_extra=schema_rules((
        "A court order needs 'court' and 'court_case_number'; for 'section_20' (not an order) both are null.",
        when("kind", "section_20", absent("court", "court_case_number"), present("court", "court_case_number")),
    )))

    kind: LegalBasisKind = field(
        "Kind", "The order, or 'section_20' for accommodation with the parents' agreement (Children Act 1989 s.20)."
    )
    made_on: CalendarDate = field("Made on", "The date the order was made, or the date s.20 accommodation began.")
    court: ShortText | None = field("Court", "The court that made the order; null for s.20.", default=None)
    court_case_number: CaseReference | None = field(
        "Court case number", "The court's case number; null for s.20.", default=None
    )
    expires_on: CalendarDate | None = field(
        "Expires on", "When the order ends unless extended, e.g. a supervision order; null if open-ended.", default=None
    )
    ended_on: CalendarDate | None = field(
        "Ended on", "When the order or accommodation actually ended; null while it is in force.", default=None
    )
    notes: Narrative | None = field("Notes", "Conditions, extensions or other detail of the order.", default=None)

    @model_validator(mode="after")
    def _court_details_match_kind(self) -> "LegalBasis":
        is_order = self.kind is not LegalBasisKind.SECTION_20
        if is_order and (self.court is None or self.court_case_number is None):
            raise ValueError("a court order needs both 'court' and 'court_case_number'")
        if not is_order and (self.court is not None or self.court_case_number is not None):
            raise ValueError("s.20 accommodation is not a court order: leave 'court' and 'court_case_number' null")
        return self

    @property
    def in_force(self) -> bool:
        return self.ended_on is None


class CareEpisode(CaseModel):
    """The period in which the child is (or was) looked after."""

    looked_after_on: CalendarDate = field(
        "Became looked after on", "The date the child became looked after by the local authority."
    )
    ceased_on: CalendarDate | None = field(
        "Ceased to be looked after on", "The date the child stopped being looked after; null while still looked "
        "after.",
        default=None,
    )
    care_plan_made_on: CalendarDate | None = field(
        "Care plan made on", "The date the first care plan was completed; null if not recorded.", default=None
    )


class ReviewStatus(Code):
    HELD = "held", "The review has taken place."
    PLANNED = "planned", "The review is booked for a later date."


class Review(CaseModel):
    """A statutory review of the child's care plan, chaired by the IRO."""

    date: CalendarDate = field("Date", "The date the review was held, or is planned for.")
    status: ReviewStatus = field("Status", "Whether the review has been held or is planned.")
    chaired_by: Name | None = field("Chaired by", "The Independent Reviewing Officer who chaired it.", default=None)
    permanence_plan_endorsed: bool = field(
        "Permanence plan endorsed",
        "True when the IRO endorsed the permanence plan at this review. The one record of whether and when a "
        "review endorsed the plan; $.authorship.endorsement must agree with it.",
    )


class Extension(CaseModel):
    """An extension of the 26-week limit for care proceedings."""

    granted_on: CalendarDate = field("Granted on", "The date the court granted the extension.")
    weeks: int = field("Weeks", "Length of the extension in weeks (at most 8 each time).", ge=1, le=8)
    reason: ShortText = field("Reason", "Why the court extended the timetable.")


class CareProceedings(CaseModel):
    """Public-law care proceedings about the child."""

    issued_on: CalendarDate = field("Issued on", "The date the application was issued; the 26 weeks run from here.")
    court: ShortText = field("Court", "The court hearing the proceedings.")
    court_case_number: CaseReference = field("Court case number", "The court's case number.")
    extensions: list[Extension] = field(
        "Extensions", "Extensions of the 26-week timetable, oldest first.", default_factory=list,
        max_length=LIST_LIMITS["extensions"],
    )
    final_hearing_on: CalendarDate | None = field(
        "Final hearing on", "The date of the final hearing, once listed.", default=None
    )
    concluded_on: CalendarDate | None = field(
        "Concluded on", "The date the proceedings concluded; null while they are open.", default=None
    )
