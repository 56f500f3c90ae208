"""Who wrote the plan, who signed it off, and who endorsed it."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from .base import CalendarDate, CaseModel, Name, Narrative, ShortText, field


def _at_most_255(value: str) -> str:
    if len(value) > 255:
        raise ValueError("must be at most 255 characters long (Word's limit for a document's author)")
    return value


class Agency(CaseModel):
    """The local authority or agency responsible for the child."""

    # 255: Word keeps the author property (set from this name) to 255 characters.
    name: Annotated[ShortText, AfterValidator(_at_most_255)] = field(
        "Name", "The agency's name as it should appear on documents, in at most 255 characters.",
        json_schema_extra={"maxLength": 255},
    )
    address: ShortText = field("Address", "The agency's postal address on one line.")


class Professional(CaseModel):
    """A professional named in the documents."""

    name: Name = field("Name", "Full name.")
    role: ShortText = field("Role", "Job title, e.g. 'Social worker' or 'Independent Reviewing Officer'.")
    qualifications: ShortText | None = field("Qualifications", "Professional qualifications, where relevant.", default=None)
    registration_number: ShortText | None = field(
        "Registration number", "Social Work England registration number, where relevant.", default=None
    )
    phone: ShortText | None = field("Phone", "Work telephone number.", default=None)
    email: ShortText | None = field("Email", "Work email address.", default=None)


class Endorsement(CaseModel):
    """The Independent Reviewing Officer's endorsement of the plan at a review."""

    iro: Professional = field("IRO", "The Independent Reviewing Officer.")
    review_on: CalendarDate = field("At the review of", "The date of the review at which the plan was considered.")
    endorsed: bool = field("Endorsed", "True when the IRO endorsed the permanence plan.")
    comments: Narrative | None = field("Comments", "The IRO's comments on the plan.", default=None)


class Authorship(CaseModel):
    """The people responsible for the documents, and the sign-off dates."""

    agency: Agency = field(
        "Agency",
        "The authority responsible for the child, as the case system records it. Documents name the council of "
        "the profile they are rendered with; permdocs check warns when this does not name the same council.",
    )
    social_worker: Professional = field("Social worker", "The child's allocated social worker, who writes the plan.")
    team_manager: Professional = field("Team manager", "The manager who signs the plan off.")
    social_worker_signed_on: CalendarDate | None = field(
        "Signed by social worker on", "When the social worker signed the plan; null until then.", default=None
    )
    team_manager_signed_on: CalendarDate | None = field(
        "Signed off by team manager on", "When the team manager signed the plan off; null until then.", default=None
    )
    endorsement: Endorsement | None = field(
        "Endorsement",
        "Who endorsed the plan at a review, and what they said; null until the plan has been to a review. Its "
        "review and outcome must match that review in $.reviews (permanence_plan_endorsed).",
        default=None,
    )
