"""The facts permdocs adds to a later-life letter, each only where the
worker's own sections do not already tell it (issue 24).

A child should read each fact of their story once. The case holds facts the
worker may or may not have written into the letter: the date of birth, who
each birth relative is, the dated decisions of the agency and the court, the
dates of moves. Each one is composed only when it is not already told, in
the worker's text of *any* section (the child reads the whole letter, so
"your birth mother, Jade" in "When you were born" already says who Jade is)
or by a fact composed earlier in the letter.

How "already told" is decided, fact by fact:

- **A date** is told when the text names it in any common written form:
  "14 March 2019", "14th March", "March 14, 2019", "14 Mar 19",
  "14/03/2019", "14.3.19", "2019-03-14". A day and month with no year count
  (a worker writing "your birthday, 14 March" has told the date); with a
  different year they do not.
- **Who a person is** is told when one sentence holds the person's name and
  "your" before a word for the relationship: "your birth mother, Jade",
  "Kai is your older half-brother", "your dad, Dean". The relationship
  words are the case's own ('Older half-brother' gives "brother") and the
  usual words for the role ("mum", "dad"). A sentence naming the person
  without the relationship ("Dean did not live with you") does not count:
  it says what happened, not who he is.
- **A decision** is told when the text gives its date, or names it: "the
  placement order", "the adoption order", "the agency decision maker". A
  placement order is also told by the story of it, a sentence in which a
  judge or the court decided the child should be adopted.
- **A move** (into foster care, to the adopters) is told when its date is.

Dates and names were chosen as the test because they are what a fact *is*;
matching the worker's wording against ours would miss "Jade, your mum" and
find repeats in any two sentences that share a few words. Where the worker
tells an event but not its date ("You were born early on a Thursday
morning"), the date is still given, in words that do not tell the event a
second time.

The facts of one section are said in one paragraph, in the letter's voice
("Dean is your birth father, and Kai is your older half-brother."), never a
column of one-line statements. The paragraph opens its section, except where
it completes the worker's story (``FOLLOWS_THE_WORKER``): the dated decisions
come after the worker has said what a judge is and what they decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from ...case import Case
from ...case.legal import LegalBasisKind
from ...case.letter import LetterSectionKind
from ...case.people import Person, PersonRole
from ...practice import letter_review
from ...practice.calendar_dates import MONTH_NAMES
from ...text.templating import long_date

FAMILY_ROLES = (
    PersonRole.MOTHER, PersonRole.FATHER, PersonRole.STEP_PARENT, PersonRole.OTHER_PR_HOLDER,
    PersonRole.SIBLING, PersonRole.RELATIVE,
)

#: Sections whose facts follow the worker's text rather than open the section.
FOLLOWS_THE_WORKER = frozenset({LetterSectionKind.WHO_DECIDED})


#: The usual words for each role, beside the case's own relationship words.
_ROLE_WORDS: dict[PersonRole, tuple[str, ...]] = {
    PersonRole.MOTHER: ("mother", "mum", "mummy", "mom", "mam"),
    PersonRole.FATHER: ("father", "dad", "daddy"),
    PersonRole.SIBLING: ("brother", "sister", "sibling"),
    PersonRole.STEP_PARENT: ("stepmother", "stepfather", "stepmum", "stepdad", "step-parent"),
    PersonRole.FOSTER_CARER: ("foster carer", "foster mum", "foster dad", "carer"),
}


def date_pattern(day: date) -> re.Pattern[str]:
    """A date in the ways people write one (see the module's docstring)."""
    month = MONTH_NAMES[day.month - 1]
    # "March" or "Mar" (and "Sept"); never a bare "Ma" or "Jun" inside a word.
    month_word = rf"(?:{month}|{month[:3]}{'t' if day.month == 9 else ''}\.?)"
    ordinal = rf"0?{day.day}(?:st|nd|rd|th)?"
    year = rf"(?:{day.year}|'?{day.year % 100:02d})"
    # A year, if one follows, must be this one: "14 March 2020" is another day.
    then_year = rf"(?:,?\s+{year}(?!\d)|(?!,?\s+'?\d{{2,4}}(?!\d)))"
    numeric_day, numeric_month = rf"0?{day.day}", rf"0?{day.month}"
    forms = (
        rf"(?<!\d){ordinal}\s+(?:of\s+)?{month_word}(?![a-z]){then_year}",
        rf"\b{month_word}\s+(?:the\s+)?{ordinal}(?!\d){then_year}",
        rf"(?<![\d/.-]){numeric_day}([/.-]){numeric_month}\1{year}(?![\d/.-])",
        rf"(?<!\d){day.year}-{day.month:02d}-{day.day:02d}(?!\d)",
    )
    return re.compile("|".join(f"(?:{form})" for form in forms), re.IGNORECASE)


def kin_words(person: Person) -> tuple[str, ...]:
    """The words that say how this person is related to the child: the
    case's relationship ('Older half-brother' gives 'half-brother' and
    'brother') and the usual words for the role."""
    words = person.relationship.lower().split()
    own = {words[-1], words[-1].split("-")[-1], " ".join(words[-2:])} if words else set()
    return tuple(sorted(own | set(_ROLE_WORDS.get(person.role, ())), key=len, reverse=True))


def names_of(person: Person) -> tuple[str, ...]:
    """What the letter may call the person: their first given name, each of
    their given names when they are a couple ('Sol and Rowan'), and the
    names they are known by."""
    given = [n for n in re.split(r"\s+(?:and|&)\s+|\s+", person.given_names) if n]
    return tuple(dict.fromkeys([*given[:1], *(given if " and " in person.given_names else []), *person.known_as]))


class Told:
    """What the letter has told so far: the worker's sentences, and the facts
    composed before this one."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.sentences = [s for s in sentences if s.strip()]

    def add(self, fact: str) -> str:
        self.sentences.append(fact)
        return fact

    def date(self, day: date) -> bool:
        pattern = date_pattern(day)
        return any(pattern.search(s) for s in self.sentences)

    def who(self, person: Person) -> bool:
        """Whether a sentence names the person as "your <relationship>", the
        name right beside it: "your birth mother, Jade", "Jade, your mum",
        "Kai is your brother", "your dad is Dean". In "your mum, Jade, and
        Dean" only Jade is told."""
        words = "|".join(re.escape(w) for w in kin_words(person))
        kin = rf"(?i:\byour\s+(?:[\w'-]+\s+){{0,2}}?(?:\w+-)?(?:{words})s?\b)"
        name = "(?:" + "|".join(rf"\b{re.escape(n)}\b" for n in names_of(person)) + ")"
        beside = re.compile(rf"{name}(?:\s*,\s*|\s+(?:is|was)\s+){kin}|{kin}(?:\s*,\s*|\s+(?:is|was)\s+|\s+){name}")
        return any(beside.search(s) for s in self.sentences)

    def matches(self, *patterns: str) -> bool:
        """Whether one sentence matches every pattern (ignoring case)."""
        return any(all(re.search(p, s, re.IGNORECASE) for p in patterns) for s in self.sentences)


def composed_facts(case: Case, council: str) -> dict[LetterSectionKind, str]:
    """Each section's facts, as one paragraph, for the sections with a fact
    left to tell. ``council`` is the council as its profile names it (the
    letterhead's), who made the agency's decision."""
    letter = case.later_life_letter
    assert letter is not None
    told = Told(s.text for s in letter_review.sentences(case))
    paragraphs = {}
    for section in letter.sections:
        worker_said = letter_review.plain_text(section.text or "")
        facts = [told.add(fact) for fact in _section_facts(case, council, section.kind, worker_said, told)]
        if facts:
            paragraphs[section.kind] = " ".join(facts)
    return paragraphs


def _section_facts(case: Case, council: str, kind: LetterSectionKind, worker_said: str, told: Told) -> list[str]:
    people = [p for p in case.people if p.given_names]
    if kind is LetterSectionKind.YOUR_BIRTH:
        return _birth(case.child.date_of_birth, worker_said, told)
    if kind is LetterSectionKind.BIRTH_FAMILY:
        return _who_is_who([p for p in people if p.role in FAMILY_ROLES], told)
    if kind is LetterSectionKind.WHO_DECIDED:
        return _decisions(case, council, told)
    if kind is LetterSectionKind.FOSTER_CARE:
        return [
            fact for p in people if p.role is PersonRole.FOSTER_CARER for period in p.lived_with_child
            for fact in _foster_care(p, period.start, period.end, told)
        ]
    if kind is LetterSectionKind.HOW_FAMILY_CHOSEN:
        return [
            f"You moved in with {p.given_names} on {long_date(period.start)}."
            for p in people if p.role is PersonRole.PROSPECTIVE_ADOPTER for period in p.lived_with_child[:1]
            if not told.date(period.start)
        ]
    if kind is LetterSectionKind.WHERE_TO_FIND_MORE and not told.matches(r"\b(?:18|eighteen)\b", r"\b(?:file|records?|information)\b"):
        # Adoption and Children Act 2002 s.60: an adopted adult may have the
        # information the adoption agency disclosed to the adopters, and more.
        return ["When you are 18, the law says you can ask the adoption agency for the information it keeps about you."]
    return []


def _birth(born: date, worker_said: str, told: Told) -> list[str]:
    if told.date(born):
        return []
    # "You were born early on a Thursday morning" already tells the birth: give its date without retelling it.
    if re.search(r"\bborn\b", worker_said, re.IGNORECASE):
        return [f"Your story starts on {long_date(born)}."]
    return [f"You were born on {long_date(born)}."]


def _who_is_who(family: Sequence[Person], told: Told) -> list[str]:
    untold = [p for p in family if not told.who(p)]
    if not untold:
        return []
    clauses = [f"{p.given_names} is your {p.relationship[:1].lower()}{p.relationship[1:]}" for p in untold]
    # Whole clauses, so a comma before the last "and": "Dean is your birth father, and Kai is ...".
    said = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + ", and " + clauses[-1]
    return [said + "."]


def _foster_care(carer: Person, start: date, end: date | None, told: Told) -> list[str]:
    if told.date(start):
        return []
    who = carer.given_names if told.who(carer) else f"{carer.given_names}, your foster carer,"
    if end is None or told.date(end):
        return [f"You went to live with {who} on {long_date(start)}."]
    return [f"You lived with {who} from {long_date(start)} to {long_date(end)}."]


def _decisions(case: Case, council: str, told: Told) -> list[str]:
    facts = []
    adoption = case.adoption
    if adoption is not None and adoption.adm_decision_on is not None and not (
        told.date(adoption.adm_decision_on) or told.matches(r"\b(?:agency decision[- ]maker|senior manager)\b")
    ):
        facts.append(
            f"On {long_date(adoption.adm_decision_on)}, a senior manager at {council} agreed "
            "that being adopted was the right plan for you."
        )
    for order in case.legal_basis:
        where = f"a judge at the {order.court}" if order.court else "a judge"
        if order.kind is LegalBasisKind.PLACEMENT_ORDER and not (told.date(order.made_on) or _placement_told(told)):
            facts.append(f"On {long_date(order.made_on)}, {where} decided that a new family could be found for you.")
        elif order.kind is LegalBasisKind.ADOPTION_ORDER and not (
            told.date(order.made_on) or told.matches(r"\badoption order\b")
        ):
            facts.append(f"On {long_date(order.made_on)}, {where} made the adoption order, and your family became yours for good.")
    return facts


def _placement_told(told: Told) -> bool:
    """The placement order by name, or its story: a judge or the court decided the child would be adopted."""
    if told.matches(r"\bplacement order\b"):
        return True
    return any(
        re.search(r"\b(?:judge|court)\b", s, re.I) and re.search(r"\b(?:decided|agreed|said)\b", s, re.I)
        and re.search(r"\b(?:adopted|a new family)\b", s, re.I) and not re.search(r"\badoption order\b", s, re.I)
        for s in told.sentences
    )
