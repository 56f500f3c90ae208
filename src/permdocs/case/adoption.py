"""The decisions and consents that adoption as a plan depends on: the Agency
Decision Maker's decision, and each parent's formal consent or why there is
none (Adoption and Children Act 2002 ss.19, 20, 52)."""

from __future__ import annotations

from .base import CalendarDate, CaseModel, Code, Identifier, field
from .limits import LIST_LIMITS


class AdoptionConsentKind(Code):
    PLACEMENT = "placement", "Consent to placement for adoption (Adoption and Children Act 2002 s.19)."
    ADVANCE = "advance", "Advance consent to an adoption order being made later (s.20 of the same Act)."


class AdoptionConsent(CaseModel):
    """A parent's formal consent to placement for adoption (ACA 2002 s.19) or
    advance consent to adoption (s.20)."""

    person_id: Identifier = field("Given by", "The id of the parent who consented.")
    kind: AdoptionConsentKind = field("Kind", "Consent to placement (s.19) or advance consent to adoption (s.20).")
    given_on: CalendarDate = field("Given on", "The date the consent was witnessed by a Cafcass officer.")


class ConsentNotGivenKind(Code):
    """Why a parent's formal consent to adoption is not in place (ACA 2002 s.19, s.52)."""

    REFUSED = "refused", "The parent was asked and does not consent."
    WITHDRAWN = "withdrawn", "The parent gave consent and has since withdrawn it (Adoption and Children Act 2002 s.52(8))."
    DISPENSED_WITH_WELFARE = (
        "dispensed_with_welfare",
        "The court dispensed with the parent's consent because the child's welfare requires it (s.52(1)(b)), "
        "usually when it made the placement order.",
    )
    DISPENSED_WITH_CANNOT_BE_FOUND = (
        "dispensed_with_cannot_be_found",
        "The court dispensed with the parent's consent because the parent cannot be found or lacks capacity to give "
        "it (s.52(1)(a)).",
    )


class ConsentNotGiven(CaseModel):
    """A parent's formal consent to adoption that is not in place, and why."""

    person_id: Identifier = field("Parent", "The id of the parent, or other person with parental responsibility.")
    kind: ConsentNotGivenKind = field(
        "Why there is no consent", "Refused, withdrawn, or dispensed with by the court (and on which ground)."
    )
    on: CalendarDate = field(
        "On", "When the parent refused or withdrew consent, or when the court dispensed with it."
    )


class AdoptionDecisions(CaseModel):
    """The agency decisions and consents that adoption as a plan depends on."""

    adm_decision_on: CalendarDate | None = field(
        "Agency Decision Maker's decision on",
        "When the Agency Decision Maker decided the child should be placed for adoption; null until then.",
        default=None,
    )
    consents: list[AdoptionConsent] = field("Consents", "Formal consents given by parents.", default_factory=list,
        max_length=LIST_LIMITS["consents"],
    )
    consents_not_given: list[ConsentNotGiven] = field(
        "Consents refused, withdrawn or dispensed with",
        "For each parent with parental responsibility who has not consented, why not: refused, withdrawn, or "
        "dispensed with by the court. Where adoption is the primary plan, a check expects each such parent here "
        "or in 'consents'.",
        default_factory=list, max_length=LIST_LIMITS["consents"],
    )
