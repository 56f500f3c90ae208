"""The case: everything known about one child, typed once and read by every
document. Each document type takes only the parts it needs."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from ..base.strict import CodeText
from .adoption import AdoptionDecisions
from .authorship import Authorship
from .base import CalendarDate, CaseModel, ShortText, field
from .consistency import consistency_problems
from .cpr import ChildsPermanenceReport
from .family_time import FamilyTimeArrangement
from .legal import CareEpisode, CareProceedings, LegalBasis, Review
from .letter import LaterLifeLetter
from .limits import LIST_LIMITS
from .people import Child, Person, Placement
from .planning import Action, IdentityNeed, OptionConsidered, OptionsAnalysis, PermanenceNeed, Plans, SupportService
from .voices import Voices


class ChronologyEntry(CaseModel):
    """A significant event in the child's life, for reports and the court."""

    date: CalendarDate = field("Date", "When it happened.")
    event: ShortText = field("Event", "What happened, in one line.")
    reference: ShortText | None = field(
        "Evidence",
        "Where the event is evidenced, where known: a bundle page ('C12') or a document and paragraph "
        "('Parenting assessment, para 4.2'). The court chronology prints it.",
        default=None,
    )


class Case(CaseModel):
    """One child's case: the single source for every permanence document."""

    schema_uri: CodeText | None = field(
        "JSON Schema",
        "Optional link to case.schema.json, so that editors can check and complete the file. Ignored by permdocs.",
        default=None,
        alias="$schema",
    )
    schema_version: Literal["1"] = field(
        "Schema version", "The version of the case format. Always \"1\" for this release."
    )
    profile: CodeText | None = field(
        "Council profile",
        "The council profile to render with, by name: a shipped profile, or a profile folder in the profiles "
        "folder the user configures (PERMDOCS_PROFILES_DIR). Never a path. The command line's --profile takes "
        "precedence.",
        default=None,
    )
    prepared_on: CalendarDate = field(
        "Prepared on", "The date of this version of the case; documents carry it as their date."
    )
    child: Child = field("Child", "Who the child is.")
    people: list[Person] = field(
        "People", "Family, network, carers and prospective adopters.", max_length=LIST_LIMITS["people"]
    )
    legal_basis: list[LegalBasis] = field(
        "Legal status and orders", "Every order and any s.20 accommodation, past and present, oldest first.", max_length=LIST_LIMITS["legal_basis"]
    )
    care_episode: CareEpisode = field("Care episode", "When the child became looked after.")
    placement: Placement | None = field(
        "Placement", "Where the child lives now: the home, school, GP and activities. Null when not recorded.",
        default=None,
    )
    reviews: list[Review] = field("Reviews", "Reviews held and planned, in date order.", default_factory=list, max_length=LIST_LIMITS["reviews"])
    care_proceedings: CareProceedings | None = field(
        "Care proceedings", "Public-law proceedings, where there are or were any.", default=None
    )
    chronology: list[ChronologyEntry] = field(
        "Chronology", "Significant events in the child's life, oldest first.", default_factory=list, max_length=LIST_LIMITS["chronology"]
    )
    permanence_need: PermanenceNeed = field("Permanence need", "The legal, psychological and physical aspects.")
    options: list[OptionConsidered] = field(
        "Options considered", "Every route considered, realistic or not, with its outcome and reasons.", min_length=1, max_length=LIST_LIMITS["options"]
    )
    options_analysis: OptionsAnalysis | None = field(
        "Options analysis", "The holistic evaluation of the realistic options and the recommendation.", default=None
    )
    plans: Plans = field("Plans", "The primary, parallel and contingency plans.")
    adoption: AdoptionDecisions | None = field(
        "Adoption decisions", "The ADM's decision and parents' consents, where adoption is or may be the plan.",
        default=None,
    )
    actions: list[Action] = field("Actions", "What must be done, by whom and by when.", default_factory=list, max_length=LIST_LIMITS["actions"])
    voices: Voices = field("Voices", "The wishes and feelings of the child and the views of others.")
    identity_needs: list[IdentityNeed] = field(
        "Identity needs", "The child's identity needs and how the plan meets them.", default_factory=list, max_length=LIST_LIMITS["identity_needs"]
    )
    family_time: list[FamilyTimeArrangement] = field(
        "Family time", "Arrangements for time with, or news from, family and connected people.", default_factory=list, max_length=LIST_LIMITS["family_time"]
    )
    support_services: list[SupportService] = field(
        "Support services", "Services supporting the child, carers and family.", default_factory=list, max_length=LIST_LIMITS["support_services"]
    )
    authorship: Authorship = field("Authorship", "Who wrote, signed off and endorsed the plan.")
    later_life_letter: LaterLifeLetter | None = field(
        "Later-life letter", "The social worker's letter to the child, where the child is or will be adopted.",
        default=None,
    )
    cpr: ChildsPermanenceReport | None = field(
        "Child's Permanence Report",
        "The sections of the Child's Permanence Report the social worker writes, where adoption may be the plan.",
        default=None,
    )

    @model_validator(mode="after")
    def _consistent(self) -> "Case":
        # The rules read JSON data, so that loading can run them on a case
        # that failed validation elsewhere (see permdocs.case.consistency).
        problems = consistency_problems(self.model_dump(mode="json", by_alias=True))
        if problems:
            raise ValidationError.from_exception_data(
                "Case",
                [
                    InitErrorDetails(type=PydanticCustomError("case_consistency", message), loc=loc, input=None)
                    for loc, message in problems
                ],
            )
        return self

    def person(self, person_id: str) -> Person:
        """The person with this id (ids are checked on validation)."""
        return next(person for person in self.people if person.id == person_id)
