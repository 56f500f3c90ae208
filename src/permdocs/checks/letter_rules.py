"""The later-life letter's language review, as practice checks (warnings).

Unlike other findings, these quote the worker's own sentence: the review
exists to point at it. See :mod:`permdocs.letter_review`.
"""

from __future__ import annotations

from .. import letter_review
from .findings import CheckInput, Severity
from .rules import Problems, rule

SOURCE = "Later-life letter guidance (brief s.4.5): plain, warm, second person, no jargon"


def _findings(given: CheckInput, rule_id: str) -> Problems:
    for finding in letter_review.review(given.case, dict(given.settings.plain_words)):
        if finding.rule == rule_id:
            yield finding.path, finding.message


@rule("LL-001", "The letter reads above its target reading age", Severity.WARNING, SOURCE)
def reading_age(given: CheckInput) -> Problems:
    return _findings(given, "LL-001")


@rule("LL-002", "A long sentence in the letter", Severity.WARNING, SOURCE)
def long_sentences(given: CheckInput) -> Problems:
    return _findings(given, "LL-002")


@rule("LL-003", "Jargon or an unexplained word in the letter", Severity.WARNING, SOURCE)
def jargon(given: CheckInput) -> Problems:
    return _findings(given, "LL-003")


@rule("LL-004", "The letter writes about the child instead of to them", Severity.WARNING, SOURCE)
def third_person(given: CheckInput) -> Problems:
    return _findings(given, "LL-004")


@rule("LL-005", "A section the guidance expects is missing from the letter", Severity.WARNING, SOURCE)
def missing_sections(given: CheckInput) -> Problems:
    return _findings(given, "LL-005")
