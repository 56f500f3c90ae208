"""How long the lists of a case may be, and why.

Each limit is far above anything a real case holds (the longest chronology
a council keeps for a teenager runs to a few hundred entries), and low
enough that a file made by mistake, a 60,000-row export pasted into
``actions``, is refused in a moment by field instead of taking minutes and
gigabytes to lay out. Every list in the case schema has one (a test walks
the published schema), and so does every string (``strict.py``: a name 200
characters, a phrase 1,000, a narrative 20,000, an id 63, a reference 40).
The README's "Limits" table is checked against this one.
"""

from __future__ import annotations

from typing import NamedTuple


class Limit(NamedTuple):
    most: int
    why: str


#: Field -> the most entries it may hold, and the reason for the number.
LIMITS: dict[str, Limit] = {
    "people": Limit(200, "a large family network with every professional named is under 100"),
    "legal_basis": Limit(100, "orders and accommodation over a whole childhood, each renewal counted"),
    "reviews": Limit(200, "a review every six months for 18 years is 37"),
    "chronology": Limit(2000, "a teenager's full chronology runs to a few hundred entries"),
    "options": Limit(40, "a Re B-S analysis weighs a handful of realistic options"),
    "actions": Limit(500, "a care plan's actions are counted in tens"),
    "identity_needs": Limit(50, "the identity headings of a CPR are under 20"),
    "family_time": Limit(50, "one arrangement per person or group the child keeps in touch with"),
    "support_services": Limit(100, "services for the child, carers and family together"),
    "views": Limit(100, "parents, relatives, carers and professionals"),
    "points": Limit(50, "an option's advantages, disadvantages, excluded points or evidence, each"),
    "relative_assessments": Limit(50, "relatives and friends put forward and assessed"),
    "letter_sections": Limit(40, "a later-life letter's guided sections are about ten"),
    "people_named": Limit(20, "ids in one list: carers, applicants, who an arrangement is with"),
    "known_as": Limit(10, "a person's other names: short forms, nicknames, former names"),
    "other_languages": Limit(20, "languages spoken by or around one child"),
    "clubs": Limit(30, "clubs, groups and activities in one week"),
    "lived_with_child": Limit(50, "separate periods one person lived with the child"),
    "consents": Limit(20, "one for each parent or person with parental responsibility"),
    "extensions": Limit(20, "extensions of the 26-week timetable are granted eight weeks at a time"),
    "parallel_plans": Limit(10, "twin-track planning pursues two or three plans at once"),
    "report_authors": Limit(10, "a CPR is written by one to three people"),
    "report_sections": Limit(3, "a CPR has sections A, B and C"),
    "agency_references": Limit(10, "the adoption agency's and the council's references"),
    "letterbox_items": Limit(30, "what letters may or may not include, each"),
    "months": Limit(12, "a year has twelve months"),
    "parent_accounts": Limit(10, "a child's mother and father, and anyone else the report treats as a parent"),
    "material_read": Limit(50, "the reports and views an Agency Decision Maker reads for one decision"),
}

#: Field -> the most entries it may hold (what the models use).
LIST_LIMITS: dict[str, int] = {name: limit.most for name, limit in LIMITS.items()}
