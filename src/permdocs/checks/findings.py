"""What a check reports: findings, and the rules that produce them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from ..base.policy import PolicySettings
from ..base.sensitivity import Sensitivity, Treatment

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
    #: What is probably meant, where a likely mix-up explains the finding
    #: (a kinship placement recorded as long-term fostering, say); else "".
    hint: str = ""


@dataclass(frozen=True)
class CopyReach:
    """One copy a case will produce, as the checks need to know it: the parts
    of the case it prints (JSON path prefixes) and what it withholds. The
    document registry describes them (:func:`permdocs.documents.copies_of`);
    the checks never reach up to it."""

    reads: tuple[str, ...]
    withholds: Mapping[Sensitivity, Treatment]
    #: A copy a child reads: never scrubbed to "[withheld]", so a written-out
    #: value it withholds blocks even its draft.
    for_a_child: bool = False
    #: Who it is for, in words: "the family-time agreement's child's copy".
    title: str = ""


@dataclass(frozen=True)
class CheckInput:
    """What every rule may look at."""

    case: "Case"
    settings: PolicySettings
    as_of: date
    key_dates: list["KeyDate"]
    #: The council the documents speak for (the profile's), when known.
    council: str | None = None
    #: The copies the case will produce; none known: every text is read as
    #: if the strictest copy printed it.
    copies: tuple[CopyReach, ...] = ()


#: A rule yields (JSON path, message) pairs, one per problem it sees, or
#: (JSON path, message, hint) where it can say what was probably meant.
RuleCheck = Callable[[CheckInput], Iterable[tuple[str, str] | tuple[str, str, str]]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    source: str
    check: RuleCheck

    def findings(self, given: CheckInput) -> list[Finding]:
        return [Finding(self.id, self.severity, found[1], found[0], self.source, *found[2:]) for found in self.check(given)]
