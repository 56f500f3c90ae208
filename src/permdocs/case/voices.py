"""Whose voices shaped the plan: the child's wishes and feelings, and the
views of parents, relatives, carers and professionals, with where each
person with parental responsibility stands on the plan."""

from __future__ import annotations

from pydantic import ConfigDict, model_validator

from ..base.strict import exactly_one_of, schema_rules
from .base import CalendarDate, CaseModel, Code, Identifier, Name, Narrative, ShortText, field
from .limits import LIST_LIMITS


class ChildVoiceMethod(Code):
    OWN_WORDS = "own_words", "The child said it, in their own words."
    OBSERVATION = "observation", "Seen in how a child too young to say behaves and relates to people."
    ADVOCATE = "advocate", "Passed on by an independent advocate."
    CHOSEN_ADULT = "chosen_adult", "Passed on by an adult the child chose to speak for them."


class ChildVoice(CaseModel):
    """The child's wishes and feelings, or, for a very young child, what was observed."""

    method: ChildVoiceMethod = field(
        "How heard", "How the child's voice was heard: their own words, observation (for a very young child), "
        "an advocate or an adult the child chose."
    )
    summary: Narrative = field("Wishes and feelings", "What the child said or showed, weighted by age and understanding.")
    recorded_on: CalendarDate = field("Recorded on", "When the wishes and feelings were gathered.")
    recorded_by: Name = field("Recorded by", "Who gathered them.")


class PlanPosition(Code):
    """Where someone stands on the plan, for a plan other than adoption: the
    care plan records it for everyone with parental responsibility (CA 1989
    s.22(4)-(5); brief s.4.1, "wishes and feelings of ... parents"). Where
    adoption is the plan, the formal consent or its absence is recorded in
    ``$.adoption`` instead."""

    AGREES = "agrees", "Agrees with the plan."
    DOES_NOT_OPPOSE = "does_not_oppose", "Does not oppose the plan, without supporting it."
    OBJECTS = "objects", "Objects to the plan."
    UNDECIDED = "undecided", "Was asked and has not yet said whether they agree."


class View(CaseModel):
    """The view of a parent, relative, carer or professional on the plan."""

    model_config = ConfigDict(json_schema_extra=schema_rules((
        "Give exactly one of 'person_id' (someone in 'people') and 'name_and_role' (anyone else).",
        exactly_one_of("person_id", "name_and_role"),
    )))

    person_id: Identifier | None = field(
        "Person", "The id of the person in 'people', or null for someone not listed there.", default=None
    )
    name_and_role: ShortText | None = field(
        "Name and role", "For someone not in 'people', e.g. 'Children's Guardian'; null otherwise.", default=None
    )
    summary: Narrative = field("View", "Their view of the plan, in their own words where possible.")
    recorded_on: CalendarDate = field("Recorded on", "When the view was given.")
    position: PlanPosition | None = field(
        "Agrees or objects",
        "Whether they agree with the plan, do not oppose it, object to it, or have not yet said. Expected of everyone "
        "with parental responsibility where the primary plan is not adoption (a check flags it missing); where it is "
        "adoption, record their formal consent, or why there is none, in 'adoption' instead.",
        default=None,
    )

    @model_validator(mode="after")
    def _exactly_one_speaker(self) -> "View":
        if (self.person_id is None) == (self.name_and_role is None):
            raise ValueError("give exactly one of 'person_id' and 'name_and_role'")
        return self


class Voices(CaseModel):
    """Whose voices shaped the plan."""

    child: ChildVoice | None = field(
        "The child", "The child's wishes and feelings; null if not yet gathered (a check flags it).", default=None
    )
    others: list[View] = field("Others", "The views of parents, relatives, carers and professionals.", default_factory=list, max_length=LIST_LIMITS["views"])
