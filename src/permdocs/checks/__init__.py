"""Practice checks: the key dates of a case and the rules a plan must meet.

``check(case)`` returns findings, errors first. Errors block final documents
(``permdocs render`` without ``--draft``); warnings never do.
"""

from __future__ import annotations

from datetime import date

from ..base.policy import DEFAULT_SETTINGS, PermanencePlanDue, PolicySettings
from ..case import Case
from . import (
    analysis_rules,  # noqa: F401 - registers the options-analysis rules
    authorship_rules,  # noqa: F401 - registers the sign-off and endorsement rules
    cpr_rules,  # noqa: F401 - registers the Child's Permanence Report rules
    family_time_rules,  # noqa: F401 - registers the family-time rules
    letter_rules,  # noqa: F401 - registers the later-life letter's language review
    safeguarding_rules,  # noqa: F401 - registers the rules on identifying details written out
    support_rules,  # noqa: F401 - registers the rule on the support plan of an SGO or adoption
    voices_rules,  # noqa: F401 - registers the rules on whose views the plan records
)
from .findings import CheckInput, CopyReach, Finding, Rule, Severity
from .key_dates import KeyDate, Status, key_dates
from .rules import RULES

__all__ = [
    "DEFAULT_SETTINGS", "RULES", "CopyReach", "Finding", "KeyDate", "PermanencePlanDue", "PolicySettings", "Rule",
    "Severity", "Status", "check", "errors_in", "key_dates",
]


def check(
    case: Case, settings: PolicySettings = DEFAULT_SETTINGS, as_of: date | None = None, *, council: str | None = None,
    copies: tuple[CopyReach, ...] = (),
) -> list[Finding]:
    """Every finding for the case, errors first, then by rule and path.

    ``as_of`` is the day the case is judged on; by default the case's own
    ``prepared_on`` date, so results never depend on the clock. ``council``
    is the profile's council, which the case's agency should name (AU-001).
    ``copies`` are the copies the case will produce
    (:func:`permdocs.documents.copies_of`), which say which texts must not
    write out which details (SG-001); without them, every text is held to the
    strictest copy.
    """
    today = as_of or case.prepared_on
    given = CheckInput(case, settings, today, key_dates(case, settings, today), council, copies)
    findings = [finding for rule in RULES for finding in rule.findings(given)]
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.rule, f.path))


def errors_in(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity is Severity.ERROR]
