"""What kinds of personal data some readers must not see.

Fields of the case model carry one of these categories as their
``x-sensitivity`` tag (published in the JSON Schema). An audience says, per
category, whether and how it withholds such values; :mod:`permdocs.safeguarding.redaction`
applies that once, before any document is built.
"""

from __future__ import annotations

from enum import StrEnum


class Sensitivity(StrEnum):
    #: Who the carers or prospective adopters are and where the child lives:
    #: their names, address, phone, email and employment, the town, and the
    #: child's school or nursery, GP, clubs and place of worship.
    PLACEMENT = "placement"
    #: Addresses, phone numbers and emails of birth parents and relatives.
    BIRTH_FAMILY_CONTACT = "birth-family-contact"
    #: What the case holds about someone other than the child and the reader:
    #: a relative's history, health or circumstances, their employment.
    THIRD_PARTY = "third-party"
    #: The child's health and disability.
    HEALTH = "health"
    #: A person's address and contact details that the court has been asked
    #: to keep confidential (FPR 29.1, form C8): only the agency's own copies
    #: show them; never a court copy, a bundle or another party's copy.
    CONFIDENTIAL = "confidential"


class Treatment(StrEnum):
    """How an audience withholds a category."""

    #: The value is left out, as if it had never been recorded.
    OMIT = "omit"
    #: A person is named by their role ("foster carer"); other values are left out.
    ROLE = "role"
    #: Prospective adopters, where the primary plan is adoption, keep their
    #: first names and lose their surname; other carers are named by role.
    FIRST_NAMES_FOR_ADOPTERS = "first-names-for-adopters"


#: Roles whose details identify the placement, for per-role tags.
CARER_ROLES = ("foster_carer", "prospective_adopter", "connected_person_carer", "special_guardian")
#: Roles whose very names identify the placement to a birth family.
STRANGER_CARER_ROLES = ("foster_carer", "prospective_adopter")

#: The tag of a person's contact details and employment: the placement's for a
#: carer, a relative's own otherwise.
CONTACT_DETAILS = {**{role: Sensitivity.PLACEMENT.value for role in CARER_ROLES}, "*": Sensitivity.BIRTH_FAMILY_CONTACT.value}
EMPLOYMENT = {**{role: Sensitivity.PLACEMENT.value for role in CARER_ROLES}, "*": Sensitivity.THIRD_PARTY.value}
#: JSON Schema keyword naming a true/false field of the same object that,
#: when true, makes a tagged field's category ``confidential`` whatever the
#: person's role: a person's contact details under form C8.
CONFIDENTIAL_WHEN_KEYWORD = "x-confidential-when"

#: The tag of a person's names: only carers a birth family does not know.
#: A brother's or sister's carers (their adoptive family, say) are named
#: only in the agency's own copies: their names would lead to the sibling,
#: so every other copy calls them by their relationship ("Riley's adoptive
#: parents").
CARER_NAME = {
    **{role: Sensitivity.PLACEMENT.value for role in STRANGER_CARER_ROLES},
    "siblings_carer": Sensitivity.CONFIDENTIAL.value,
}
