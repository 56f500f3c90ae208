"""How long the lists of a case may be.

Each limit is far above anything a real case holds (the longest chronology
a council keeps for a teenager runs to a few hundred entries), and low
enough that a file made by mistake, a 60,000-row export pasted into
``actions``, is refused in a moment by field instead of taking minutes and
gigabytes to lay out. The README's "Limits" lists them.
"""

from __future__ import annotations

#: Field -> the most entries it may hold.
LIST_LIMITS: dict[str, int] = {
    "people": 200,
    "legal_basis": 100,
    "reviews": 200,
    "chronology": 2000,
    "options": 40,
    "actions": 500,
    "identity_needs": 50,
    "family_time": 50,
    "support_services": 100,
    "views": 100,
    "points": 50,  # an option's advantages, disadvantages, excluded points and evidence, each
    "relative_assessments": 50,
    "letter_sections": 40,
    "people_named": 20,  # ids in one list: carers, applicants, who an arrangement is with
}
