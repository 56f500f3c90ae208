"""Safeguarding rules: identifying details written out in free text.

A worker who types the carers' surname, the nursery's name or a relative's
street into a narrative puts it in front of every reader of that text. The
copies that withhold it would scrub it as a last net, but a scrubbed
sentence can still read wrongly or leave a clue, so a final document is
refused until the text names the detail by @-reference instead
(:mod:`permdocs.text_references`), which every copy writes as it may.

Messages name the reference to write and the kind of detail, never the
value itself: findings are printed in drafts and logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..case import Case
from ..mentions import Mention, Scrubber
from ..redaction import prose_texts, withheld_mentions
from ..sensitivity import Sensitivity, Treatment
from .findings import CheckInput, CopyReach, Finding, Severity
from .rules import Problems, rule

WRITTEN_OUT = "SG-001"
SOURCE = "Brief s.4.4 and s.4.7; FPR 29.1 (form C8): what the family and court copies never show"

#: The strictest way any copy withholds each identifying category: the court
#: copy names carers by role; every copy but the agency's leaves out a
#: relative's and a confidential person's contact details. Health is the
#: child's own and identifies no one's home, so it is not looked for here.
STRICTEST_WITHHOLDS: Mapping[Sensitivity, Treatment] = {
    Sensitivity.PLACEMENT: Treatment.ROLE,
    Sensitivity.BIRTH_FAMILY_CONTACT: Treatment.OMIT,
    Sensitivity.THIRD_PARTY: Treatment.OMIT,
    Sensitivity.CONFIDENTIAL: Treatment.OMIT,
}

_PLACEMENT_WHAT = {
    "address": "the placement's address", "town": "the town where the child lives",
    "school": "the child's school or nursery", "gp": "the child's GP practice",
    "place_of_worship": "the child's place of worship", "clubs": "a club the child goes to",
}
_PERSON_WHAT = {"": "the name of", "address": "the address of", "phone": "the phone number of", "email": "the e-mail address of"}


def written_out(case: Case, copies: tuple[CopyReach, ...] = ()) -> list[Finding]:
    """Each prose text that writes out a value a copy printing it withholds,
    with the @-reference to write instead (SG-001). A text is held to the
    strictest of the copies that print it (by the parts of the case each
    reads); with no copies given, to :data:`STRICTEST_WITHHOLDS`."""
    scrubbers: dict[frozenset[tuple[Sensitivity, Treatment]], Scrubber] = {}
    findings = []
    for path, text in prose_texts(case):
        withholds = strictest(c.withholds for c in copies if _prints(c, path)) if copies else STRICTEST_WITHHOLDS
        if not withholds:
            continue
        key = frozenset(withholds.items())
        if key not in scrubbers:
            scrubbers[key] = Scrubber(withheld_mentions(case, withholds))
        scrubber = scrubbers[key]
        for mention in scrubber.matches(text):
            message, hint = _message(mention, scrubber)
            findings.append(Finding(WRITTEN_OUT, Severity.ERROR, message, path, SOURCE, hint))
    return list(dict.fromkeys(findings))


def strictest(each: Iterable[Mapping[Sensitivity, Treatment]]) -> dict[Sensitivity, Treatment]:
    """What the strictest of several copies withholds, category by category:
    a carer named by role is stricter than by first names."""
    found: dict[Sensitivity, Treatment] = {}
    for withholds in each:
        for category, treatment in withholds.items():
            if found.get(category) in (None, Treatment.FIRST_NAMES_FOR_ADOPTERS):
                found[category] = treatment
    return found


def _prints(copy: CopyReach, path: str) -> bool:
    return any(path == prefix or path.startswith((prefix + ".", prefix + "[")) for prefix in copy.reads)


def _message(mention: Mention, scrubber: Scrubber) -> tuple[str, str]:
    reference = mention.reference
    if not reference:
        return (
            "This text writes out a carer's or relative's job, or another detail that the family and court copies "
            "withhold. Leave it out: the copies that may show it print it from its own field.",
            "",
        )
    target, _, detail = reference[1:].partition(".")
    if target == "placement":
        what = _PLACEMENT_WHAT.get(detail, "a detail of the placement")
    elif scrubber.finds(target.replace("-", " ")):
        # The id itself holds a withheld word: naming it here would leak it.
        what = f"{_PERSON_WHAT.get(detail, 'a detail of')} a carer or relative whose id holds a withheld word"
        return (
            f"This text writes out {what}, which the family and court copies must not show. Give that person a "
            "neutral id (such as 'carer-1') and write an @-reference to it instead.",
            "",
        )
    else:
        what = f"{_PERSON_WHAT.get(detail, 'a detail of')} '{target}'"
    return (
        f"This text writes out {what}, which the family and court copies must not show. Write '{reference}' instead: "
        "each copy then shows it as that copy may.",
        f"Replace the name, in whatever form it is written, with {reference}",
    )


@rule(WRITTEN_OUT, "An identifying detail written out in free text", Severity.ERROR, SOURCE)
def identifying_detail_written_out(given: CheckInput) -> Problems:
    for finding in written_out(given.case, given.copies):
        yield finding.path, finding.message, finding.hint


