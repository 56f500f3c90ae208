"""What the Child's Permanence Report needs beyond the rest of the case
(Adoption Agencies Regulations 2005 reg 17 and Schedule 1; brief s.4.3).

Most of the report is built from facts the case already holds: the child,
the people, the orders, the chronology, the options and their analysis,
family time, voices. What is here is the report's own: its authors and
references, the matters for the proceedings, and the sections a social
worker writes for it. Each such section either has text or says why it does
not apply: under FPR PD14C an item that does not apply is explained, never
left blank, and ``permdocs check`` reports a section with neither.
"""

from __future__ import annotations

import base64
import binascii
import io
from datetime import date
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from ..base.strict import TextKind, declared_text, exactly_one_of, schema_rules
from .base import CalendarDate, CaseModel, Code, Identifier, Name, Narrative, ShortText, field
from .family_time import FamilyTimeArrangement
from .limits import LIST_LIMITS


class Written(CaseModel):
    """One section of the report: its text, or why it does not apply."""

    model_config = ConfigDict(json_schema_extra=schema_rules((
        "Give exactly one of 'text' and 'not_applicable_because'.", exactly_one_of("text", "not_applicable_because"),
    )))

    text: Narrative | None = field("Text", "The section, written for the adult the child will become.", default=None)
    not_applicable_because: ShortText | None = field(
        "Not applicable because", "Why the section does not apply to this child (PD14C asks for the reason).", default=None
    )

    @model_validator(mode="after")
    def _one_or_the_other(self) -> "Written":
        if (self.text is None) == (self.not_applicable_because is None):
            raise ValueError("give either text or not_applicable_because, not both and not neither")
        return self


class ReportSection(Code):
    """The three sections of the report's standard layout."""

    A = "A", "Section A: the report, its authors and the matters for the proceedings."
    B = "B", "Section B: the child, the birth family, and the agency's actions."
    C = "C", "Section C: the options considered, the recommendation and the sign-off."

#: A photograph is a small image: larger ones are refused rather than decoded.
MAX_PHOTOGRAPH_BYTES = 1024 * 1024
MAX_PHOTOGRAPH_PIXELS = 4000 * 4000


class Photograph(CaseModel):
    """A recent photograph of the child, carried in the case file itself (so a
    case system sends one file, and rendering reads nothing from disk)."""

    image_base64: Annotated[
        str, Field(max_length=MAX_PHOTOGRAPH_BYTES * 4 // 3 + 4, pattern=r"^[A-Za-z0-9+/]+={0,2}$"), TextKind.CODE,
        declared_text(TextKind.CODE),
    ] = field(
        "Image", "The photograph as a PNG or JPEG file, base64-encoded, at most 1 MB."
    )
    alt_text: ShortText = field(
        "Description", "What the photograph shows, for readers who cannot see it (screen readers, text copies)."
    )

    @model_validator(mode="after")
    def _a_small_png_or_jpeg(self) -> "Photograph":
        self.image()  # raises ValueError, reported at this field's path
        return self

    def image(self) -> tuple[bytes, str, int, int]:
        """The image's bytes, MIME type, and width and height in pixels."""
        try:
            data = base64.b64decode(self.image_base64, validate=True)
        except binascii.Error:
            raise ValueError("image_base64 is not valid base64") from None
        if len(data) > MAX_PHOTOGRAPH_BYTES:
            raise ValueError("the photograph is larger than 1 MB")
        mime = "image/png" if data.startswith(b"\x89PNG\r\n\x1a\n") else "image/jpeg" if data.startswith(b"\xff\xd8\xff") else None
        if mime is None:
            raise ValueError("the photograph must be a PNG or JPEG image")
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as picture:
                width, height = picture.size
                if width * height > MAX_PHOTOGRAPH_PIXELS:
                    raise ValueError("the photograph has more than 16 million pixels")
                picture.verify()
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
            raise ValueError("the photograph is not a readable PNG or JPEG image") from None
        return data, mime, width, height


class CprAuthor(CaseModel):
    """Someone who wrote part of the report."""

    name: Name = field("Name", "Full name.")
    role: ShortText = field("Role", "Job title.")
    sections: list[ReportSection] = field("Sections written", "The sections (A, B, C) this author wrote.", min_length=1,
        max_length=LIST_LIMITS["report_sections"])
    qualifications: ShortText | None = field("Qualifications", "Professional qualifications.", default=None)
    registration_number: ShortText | None = field(
        "Registration number", "Professional registration, e.g. with Social Work England.", default=None
    )
    qualified_for_adoption_reports: bool = field(
        "Qualified to write adoption reports",
        "Whether the author meets the requirements for writing adoption reports (the Restriction on the "
        "Preparation of Adoption Reports Regulations 2005), or writes under the supervision of someone who does.",
    )


class AgencyReference(CaseModel):
    label: ShortText = field("Label", "What the reference is, e.g. 'Adoption agency reference'.")
    value: ShortText = field("Reference", "The reference itself.")


class AssessmentOutcome(Code):
    POSITIVE = "positive", "The person was assessed as able to care for the child."
    NEGATIVE = "negative", "The assessment found the person could not care for the child."
    WITHDRAWN = "withdrawn", "The person withdrew before the assessment ended."
    ONGOING = "ongoing", "The assessment is still going on."


class RelativeAssessment(CaseModel):
    """An assessment of a relative or friend as a carer for the child."""

    person_id: Identifier = field("Person", "The id of the person assessed (see 'people').")
    kind: ShortText = field("Assessment", "What was assessed, e.g. 'Special guardianship assessment'.")
    completed_on: CalendarDate | None = field("Completed on", "When it was completed; null if it goes on.", default=None)
    outcome: AssessmentOutcome = field("Outcome", "Positive, negative, withdrawn by the person, or still going on.")
    summary: Narrative = field("Summary", "What the assessment found, and why, in plain words.")


class ChildrensGuardian(CaseModel):
    """The children's guardian appointed in the proceedings, and their view
    of the plan, which the Agency Decision Maker must take into account."""

    name: Name = field("Name", "The guardian's full name.")
    view: Written = field("View", "The guardian's view of the plan for adoption, as they gave it, and when.")


class WelfareFactor(Code):
    """The welfare checklist of the Adoption and Children Act 2002, s.1(4)."""

    WISHES = "wishes", "(a) The child's wishes and feelings about the decision, in the light of age and understanding."
    NEEDS = "needs", "(b) The child's particular needs."
    LIFELONG_EFFECT = "lifelong_effect", "(c) The likely effect on the child, throughout life, of becoming an adopted person."
    CHARACTERISTICS = "characteristics", "(d) Age, sex, background and any other relevant characteristics."
    HARM = "harm", "(e) Any harm the child has suffered or is at risk of suffering."
    RELATIONSHIPS = "relationships", (
        "(f) Relationships with relatives and others: whether they will go on and what they are worth, whether "
        "anyone could offer a secure home, and their wishes and feelings."
    )


class AdmDecision(CaseModel):
    """The Agency Decision Maker's decision, as the report records it (AAR 2005 reg 19)."""

    decided_by: Name = field("Decided by", "The Agency Decision Maker's full name.")
    role: ShortText = field("Role", "Their post, e.g. 'Head of Service, Children in Care'.")
    decided_on: CalendarDate = field("Decided on", "The date of the decision; the same as $.adoption.adm_decision_on.")
    decision: Narrative = field("Decision", "What was decided, in a sentence or two.")
    material_read: list[ShortText] = field(
        "Material read",
        "What the decision maker read: this report, the guardian's view, the expert and parenting assessments, "
        "the parents' views.",
        min_length=1, max_length=LIST_LIMITS["material_read"],
    )
    reasons: dict[WelfareFactor, Narrative] = field(
        "Reasons against the welfare checklist",
        "The reasons for the decision, factor by factor of the welfare checklist (ACA 2002 s.1(4)); a check names "
        "any factor left out.",
        default_factory=dict,
    )


class ParentAccount(CaseModel):
    """A parent as a person (AAR 2005 Sch. 1 Part 3): what an adult asking
    "what was my mother like?" needs, beyond her difficulties."""

    person_id: Identifier = field("Parent", "The id of the parent (see 'people').")
    appearance: Written = field("Appearance", "What they look like: height, build, colouring, how they dress.")
    education: Written = field("Education", "Their schooling and any qualifications.")
    employment: Written = field("Employment", "Their work, past and present.")
    personality_and_interests: Written = field("Personality and interests", "What they are like, and what they enjoy.")
    own_account: Written = field(
        "Their own account", "Their account of their own childhood and background, in their words where possible."
    )


class ChildsPermanenceReport(CaseModel):
    """The sections of the Child's Permanence Report the social worker writes."""

    authors: list[CprAuthor] = field("Authors", "Who wrote the report, and which sections.", min_length=1,
        max_length=LIST_LIMITS["report_authors"])
    agency_references: list[AgencyReference] = field(
        "Agency references", "The adoption agency's and the local authority's references.", default_factory=list,
        max_length=LIST_LIMITS["agency_references"],
    )
    respondents_under_18: Written | None = field(
        "Respondents under 18", "Any party to the proceedings who is under 18, other than the child.", default=None
    )
    matters_for_proceedings: Written | None = field(
        "Matters for the proceedings", "What the court is asked to decide, and anything it should know first.",
        default=None,
    )
    childrens_guardian: ChildrensGuardian | None = field(
        "Children's guardian", "The children's guardian in the proceedings and their view of the plan.", default=None
    )
    other_parties: Written | None = field(
        "Whether anyone else should be a party",
        "Whether anyone else should be made a party, for example a father without parental responsibility, and "
        "why (FPR PD14C Annex B); or why no one should.",
        default=None,
    )
    capacity: Written | None = field(
        "Whether a party lacks capacity",
        "Whether any party or respondent lacks capacity to take part in the proceedings, and what has been done "
        "about it (FPR PD14C Annex B); or that none does.",
        default=None,
    )
    photograph: Photograph | None = field(
        "Photograph", "A recent photograph of the child; without one, the report leaves a marked space.", default=None
    )
    physical_description: Written | None = field(
        "Physical description", "What the child looks like now (AAR 2005 Sch. 1 Part 1).", default=None
    )
    place_of_birth: ShortText | None = field("Place of birth", "Where the child was born: the town and hospital.", default=None)
    property_or_inheritance: Written | None = field(
        "Property and inheritance",
        "Any property the child has or may inherit, or rights to it; or that there is none (AAR 2005 Sch. 1 Part 1).",
        default=None,
    )
    health: Written | None = field(
        "Health", "The medical adviser's summary of the child's health, history and needs.", default=None
    )
    pregnancy_and_birth: Written | None = field(
        "Pregnancy and birth",
        "The pregnancy and birth, from the medical adviser: care in pregnancy, any exposure to alcohol or drugs "
        "before birth where a parent's use is known, and the birth itself.",
        default=None,
    )
    future_health_needs: Written | None = field(
        "Future health needs", "What the medical adviser expects the child to need, and what to watch for.", default=None
    )
    identity_analysis: Written | None = field(
        "Meeting the child's identity needs",
        "Where the child's heritage and the proposed family's differ: how the family will meet the child's needs "
        "of ethnicity, culture, religion and language, and the life-story work that goes with it.",
        default=None,
    )
    parent_accounts: list[ParentAccount] = field(
        "The parents as people", "Each parent as a person (AAR 2005 Sch. 1 Part 3).", default_factory=list,
        max_length=LIST_LIMITS["parent_accounts"],
    )
    medical_adviser: Name | None = field("Medical adviser", "Who wrote the health summary.", default=None)
    health_summary_on: CalendarDate | None = field(
        "Health summary dated", "The date of the medical adviser's summary.", default=None
    )
    development: Written | None = field(
        "Development", "Development, emotional and behavioural needs, and self-care.", default=None
    )
    education: Written | None = field("Education", "Nursery, school and learning.", default=None)
    relationships: Written | None = field(
        "Relationships", "The child's relationships and what each is worth to the child.", default=None
    )
    parenting_capacity: Written | None = field(
        "Parenting capacity", "What the assessments found about each parent's capacity to care for the child.",
        default=None,
    )
    relative_assessments: list[RelativeAssessment] = field(
        "Assessments of relatives", "Each relative or friend assessed as a carer.", default_factory=list, max_length=LIST_LIMITS["relative_assessments"]
    )
    relatives_considered: Written | None = field(
        "Relatives and friends considered",
        "Who in the family and network was considered as a carer, and why anyone not assessed was not (for "
        "example, no one else came forward). With no assessments, this is what the section says.",
        default=None,
    )
    agency_actions: Written | None = field(
        "The agency's actions and decisions", "What the agency has done and decided, and when.", default=None
    )
    family_time_now: Written | None = field(
        "Family time now",
        "The family time the child has now and how it is going, or why there is none. The current arrangements "
        "in 'family_time' are listed with it.",
        default=None,
    )
    family_time_proposed: Written | None = field(
        "Family time proposed", "The family time proposed if the child is placed for adoption.", default=None
    )
    why_adoption: Written | None = field(
        "Why adoption", "Why adoption is recommended over the other realistic options.", default=None
    )
    adm_decision: AdmDecision | None = field(
        "The Agency Decision Maker's decision",
        "Who decided, when, on what material, and the reasons factor by factor, once the decision is recorded.",
        default=None,
    )


def arrangements_in_place(arrangements: list[FamilyTimeArrangement], on: date) -> list[FamilyTimeArrangement]:
    """The arrangements in place on the report's date: begun (or undated) and not ended."""
    return [
        a for a in arrangements
        if (a.starts_on is None or a.starts_on <= on) and (a.ends_on is None or a.ends_on >= on)
    ]


def arrangements_to_come(arrangements: list[FamilyTimeArrangement], on: date) -> list[FamilyTimeArrangement]:
    """The arrangements agreed or proposed to begin after the report's date."""
    return [a for a in arrangements if a.starts_on is not None and a.starts_on > on]
