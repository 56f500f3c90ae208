"""The later-life letter's language review, as practice checks (warnings).

Unlike other findings, these quote the worker's own sentence: the review
exists to point at it. See :mod:`permdocs.practice.letter_review`.
"""

from __future__ import annotations

from functools import partial

from ..practice import letter_review
from .findings import CheckInput, Severity
from .rules import Problems, rule

SOURCE = "Later-life letter guidance (brief s.4.5): plain, warm, second person, no jargon"

#: The review's rules, by id; letter_review.review() tags each finding with one.
LETTER_RULES = {
    "LL-001": "The letter reads above its target reading age",
    "LL-002": "A long sentence in the letter",
    "LL-003": "Jargon or an unexplained word in the letter",
    "LL-004": "The letter writes about the child instead of to them",
    "LL-005": "A section the guidance expects is missing from the letter",
    "LL-006": "The letter has someone taking part in an event the case says they had no part in",
}

#: Where a rule's source is not the language guidance.
_SOURCES = {
    "LL-006": "Later-life letter guidance (brief s.4.5): honest; say who each person is and what happened. "
              "The case's record of each person's involvement ($.people[].involvement)",
}


def _findings(given: CheckInput, *, rule_id: str) -> Problems:
    for finding in letter_review.review(given.case, dict(given.settings.plain_words)):
        if finding.rule == rule_id:
            yield finding.path, finding.message


for _rule_id, _title in LETTER_RULES.items():
    rule(_rule_id, _title, Severity.WARNING, _SOURCES.get(_rule_id, SOURCE))(partial(_findings, rule_id=_rule_id))
