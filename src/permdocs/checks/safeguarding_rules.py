"""Safeguarding rules: identifying details written out in free text.

A worker who types the carers' surname, the nursery's name or a relative's
street into a narrative puts it in front of every reader of that text. The
copies that withhold it would scrub it as a last net, but a scrubbed
sentence can still read wrongly or leave a clue, so a final document is
refused until the text names the detail by @-reference instead
(:mod:`permdocs.case.text_references`), which every copy writes as it may.

Messages name the reference to write and the kind of detail, never the
value itself: findings are printed in drafts and logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..base.sensitivity import Sensitivity, Treatment
from ..case import Case
from ..safeguarding.mentions import Mention, Scrubber
from ..safeguarding.withholding import prose_texts, withheld_mentions
from .findings import CheckInput, CopyReach, Finding, Severity
from .rules import Problems, rule

WRITTEN_OUT, CLUE = "SG-001", "SG-002"
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
            "This text writes out a carer's or relative's job, or another detail that the copies for the birth family, the court or the child "
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
            f"This text writes out {what}, which the copies for the birth family, the court or the child must not show. Give that person a "
            "neutral id (such as 'carer-1') and write an @-reference to it instead.",
            "",
        )
    else:
        what = f"{_PERSON_WHAT.get(detail, 'a detail of')} '{target}'"
    return (
        f"This text writes out {what}, which the copies for the birth family, the court or the child must not show. Write '{reference}' instead: "
        "each copy then shows it as that copy may.",
        f"Wherever the text names it, in any spelling, case or form, write {reference}",
    )


@rule(WRITTEN_OUT, "An identifying detail written out in free text", Severity.ERROR, SOURCE)
def identifying_detail_written_out(given: CheckInput) -> Problems:
    for finding in written_out(given.case, given.copies):
        yield finding.path, finding.message, finding.hint




#: A distance or a journey's length: "two miles from", "10 minutes' walk", "5 km away".
_DISTANCE = re.compile(
    r"\b(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|ten|twenty|half an?)\s*-?\s*"
    r"(?:miles?|mins?|minutes?|km|kilometres?|hours?)['’]?\s+(?:walk|drive|ride|away|from|of|down|up)\b",
    re.IGNORECASE,
)
#: A landmark beside a home: "above the bakery", "opposite the Co-op", "round the corner from".
_LANDMARK = re.compile(
    r"\b(?:above|below|opposite|next door to|next to|behind|round the corner from|around the corner from|"
    r"over the road from|across the road from|across from)\s+(?:the\s+|a\s+|an\s+)?(?!(?:@|her\b|his\b|their\b))\w",
    re.IGNORECASE,
)
#: Words that make a sentence about where someone lives.
_ABOUT_A_HOME = re.compile(
    r"@carers|@placement|\b(?:home|house|flat|lives?|living|moved|placement|foster carers?|adopters?|street|road)\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


@rule(CLUE, "A clue to where someone lives, left beside a withheld detail", Severity.WARNING, SOURCE)
def clue_to_a_home(given: CheckInput) -> Problems:
    for path, text in prose_texts(given.case):
        if given.copies and not any(_prints(c, path) and c.withholds for c in given.copies):
            continue
        for sentence in _SENTENCES.split(text):
            if not _ABOUT_A_HOME.search(sentence):
                continue
            clue = "a distance from it" if _DISTANCE.search(sentence) else "a landmark beside it" if _LANDMARK.search(sentence) else ""
            if clue:
                yield path, (
                    f"This text says where someone lives by {clue} ('two miles from', 'above the shop'), which "
                    "lets a reader of the family or court copies find the home even with its name withheld. "
                    "Leave the clue out, or keep it to the agency's own records."
                )
                break
