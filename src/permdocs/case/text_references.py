"""@-references: free text that names a person or a placement detail by
reference, so that each copy writes it as that copy may show it.

A worker writes ``@foster-carers took Mia to @placement.school`` instead of
typing the carers' surname and the nursery's name. The agency's copy reads
"Jo and Sam Fosterfield took Mia to Bumblewick Day Nursery"; the family and
court copies read "The foster carers took Mia to her nursery". Safety then
comes from the structure of the text, not from finding names after the fact
(:mod:`permdocs.safeguarding.mentions` stays as the last net for drafts).

The forms (README, "Writing about the placement safely"):

==========================  ==================================================
``@ID``                     a person in ``people``, by id: their full name
``@ID.first``               their first names
``@ID.address``             their address ("their home" where withheld)
``@ID.phone``, ``.email``   their number or e-mail ("a number the agency holds")
``@carers``                 the people the child lives with (``placement.carer_ids``)
``@placement.address``      the placement's address ("Mia's home")
``@placement.town``         the town ("Mia's home area")
``@placement.school``       the school or nursery ("Mia's nursery")
``@placement.gp``           the GP practice ("Mia's GP surgery")
``@placement.place_of_worship``, ``@placement.clubs``
==========================  ==================================================

A possessive follows as usual (``@carers's`` or ``@carers'``): it is written
as the words chosen need. An ``@`` after a letter (an e-mail address) or
before a space is not a reference. References are checked when the case is
read (:func:`reference_problems`), so an unknown one never reaches a copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

#: A reference: ``@`` not after a letter, digit, ``@`` or ``.``; a target; maybe a detail.
REFERENCE = re.compile(
    r"(?<![\w@.])@(?P<target>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.(?P<detail>[a-z_]+))?(?P<possessive>['’]s?(?![\w]))?"
)

#: A would-be reference with capitals ("@Mother"), which is not one.
_CAPITALISED = re.compile(r"(?<![\w@.])@([A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*)")
#: What ``@ID.detail`` may name, with what a copy writes where the detail is withheld.
PERSON_DETAILS = {"first": "", "address": "their home", "phone": "a number the agency holds", "email": "an e-mail address the agency holds"}
#: ``@placement.detail`` -> (the placement's field, the noun a withholding copy writes after the child's name).
PLACEMENT_DETAILS = {
    "address": ("address", "home"),
    "town": ("town", "home area"),
    "school": ("school_or_nursery", "school"),
    "gp": ("gp_practice", "GP surgery"),
    "place_of_worship": ("place_of_worship", "place of worship"),
    "clubs": ("clubs", "clubs"),
}
#: Targets that are not person ids.
CARERS, PLACEMENT = "carers", "placement"

_DETERMINER_BEFORE = re.compile(r"(?<!\w)(?:the|a|an|her|his|their|its)\s+$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^\s*|[.!?:]\s+|\n\s*\n\s*|(?:^|\n)\s*(?:[-*+]|\d+[.)])\s+)$")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class Words:
    """How one copy writes one reference."""

    text: str
    plural: bool = False
    #: Written about the child ("Mia's nursery"): a pronoun serves where the
    #: child is already named in the sentence ("Mia loves her nursery").
    of_child: bool = False


def references_in(text: str) -> Iterator[re.Match[str]]:
    return REFERENCE.finditer(text)


def has_references(text: str) -> bool:
    return "@" in text and REFERENCE.search(text) is not None


class ReferenceWriter:
    """Writes every reference of a text as one copy may show it.

    ``words`` maps ``(target, detail)`` to the words of this copy; the
    redaction layer builds it from what the copy withholds
    (:func:`permdocs.safeguarding.redaction.reference_writer`)."""

    def __init__(self, words: Mapping[tuple[str, str], Words], child_name: str, child_pronoun: str):
        self.words = dict(words)
        self.child_name = child_name
        self.child_pronoun = child_pronoun

    def __call__(self, text: str) -> str:
        if not has_references(text):
            return text
        return REFERENCE.sub(lambda match: self._write(match, text), text)

    def _write(self, match: re.Match[str], text: str) -> str:
        key = (match.group("target"), match.group("detail") or "")
        words = self.words.get(key)
        if words is None:
            # Checked when the case was read; never guessed at here.
            return match.group(0)
        before = text[: match.start()]
        phrase = words.text
        if words.of_child:
            sentence = _SENTENCE_END.split(before)[-1]
            named = re.search(rf"(?<!\w){re.escape(self.child_name)}(?!\w)", sentence) if self.child_name else None
            phrase = f"{self.child_pronoun} {phrase}" if named else f"{self.child_name}'s {phrase}"
        elif phrase.startswith("the ") and _DETERMINER_BEFORE.search(before):
            phrase = phrase[4:]
        if match.group("possessive"):
            phrase += "'" if words.plural and phrase.endswith("s") else "'s"
        if _SENTENCE_START.search(before):
            phrase = phrase[:1].upper() + phrase[1:]
        return phrase


# --- checking references when the case is read ----------------------------------

def reference_problems(case: Mapping[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each reference in the case's text that names nothing the case holds,
    with its location; read from the case's JSON data, like the other
    cross-reference rules (:mod:`permdocs.case.consistency`)."""
    people = {
        item["id"]: item for item in case.get("people", []) or []
        if isinstance(item, Mapping) and isinstance(item.get("id"), str)
    }
    placement = case.get("placement") if isinstance(case.get("placement"), Mapping) else None
    for loc, text in _strings(case, ()):
        for match in references_in(text):
            problem = _problem(match, people, placement)
            if problem:
                yield loc, problem
        for match in _CAPITALISED.finditer(text):
            written = match.group(1)
            if written.lower() in people or written.lower() in (CARERS, PLACEMENT):
                yield loc, f"the reference '@{written}' is written with capitals; ids are lower case: write '@{written.lower()}'"


def _problem(match: re.Match[str], people: Mapping[str, Mapping[str, Any]], placement: Mapping[str, Any] | None) -> str:
    target, detail, written = match.group("target"), match.group("detail") or "", match.group(0)
    if target == CARERS:
        if detail:
            return f"the reference '{written}' takes no detail: write '@carers', or a carer's own id with '.{detail}'"
        if not placement or not placement.get("carer_ids"):
            return "the reference '@carers' names the people the child lives with, but 'placement.carer_ids' lists no one"
        return ""
    if target == PLACEMENT:
        if detail not in PLACEMENT_DETAILS:
            choices = ", ".join(f"@placement.{d}" for d in PLACEMENT_DETAILS)
            return f"the reference '{written}' names no detail of the placement; write one of {choices}"
        field = PLACEMENT_DETAILS[detail][0]
        if not placement or not placement.get(field):
            return f"the reference '{written}' names 'placement.{field}', which the case does not record"
        return ""
    person = people.get(target)
    if person is None:
        from .messages import did_you_mean

        near = did_you_mean(target, [*people, CARERS, PLACEMENT])
        hint = f" (did you mean '@{near}'?)" if near else ""
        return (
            f"the reference '@{target}' is not the id of anyone in 'people', nor '@carers' or '@placement'{hint}; "
            "for a plain @ sign, write 'at' or leave a space after it"
        )
    if detail and detail not in PERSON_DETAILS:
        return f"the reference '{written}' names no detail of a person; write '@{target}' or one of " + ", ".join(
            f"@{target}.{d}" for d in PERSON_DETAILS
        )
    if detail in ("address", "phone", "email"):
        contact = person.get("contact")
        if not isinstance(contact, Mapping) or not contact.get(detail):
            return f"the reference '{written}' names the {detail} of '{target}', which the case does not record"
    return ""


def _strings(node: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        if "@" in node:
            yield loc, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index))
