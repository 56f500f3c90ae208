"""What a check reports: findings, and the rules that produce them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from .settings import PolicySettings

if TYPE_CHECKING:
    from ..case import Case
    from .key_dates import KeyDate


class Severity(StrEnum):
    """Errors block final documents; warnings never do."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in a case, for a social worker to act on."""

    rule: str
    severity: Severity
    message: str
    path: str
    source: str


@dataclass(frozen=True)
class CheckInput:
    """What every rule may look at."""

    case: "Case"
    settings: PolicySettings
    as_of: date
    key_dates: list["KeyDate"]
    #: The council the documents speak for (the profile's), when known.
    council: str | None = None


#: A rule yields (JSON path, message) pairs, one per problem it sees.
RuleCheck = Callable[[CheckInput], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    source: str
    check: RuleCheck

    def findings(self, given: CheckInput) -> list[Finding]:
        return [Finding(self.id, self.severity, message, path, self.source) for path, message in self.check(given)]
