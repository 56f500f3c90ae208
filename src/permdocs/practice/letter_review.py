"""The language review of a later-life letter (``permdocs review-letter``).

A later-life letter is read by a teenager, often years after everyone in it
has moved on; social workers used to writing for courts slip into jargon,
the third person and long sentences (brief section 4.5). The review points
at each such sentence, section by section. Its findings are warnings: they
never block rendering.

Reading age: the Flesch-Kincaid grade level, computed by ``textstat``, plus
five years (a US school grade is roughly the age a child starts it, less
five). It was chosen because it works on short texts (SMOG needs thirty
sentences; a section has a handful), counts sentence length and word length
as the two things that make a letter hard, and is the formula most UK
readability tools report.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from ..base.narrative import parse
from ..base.resources import templates_dir
from ..case import Case
from ..case.letter import LetterSectionKind
from ..case.people import Involvement, Person

#: How each section is headed in the letter, in words for the child.
SECTION_TITLES: Mapping[LetterSectionKind, str] = {
    LetterSectionKind.WHO_I_AM: "Who I am",
    LetterSectionKind.YOUR_BIRTH: "When you were born",
    LetterSectionKind.BIRTH_FAMILY: "Your birth family",
    LetterSectionKind.WHY_NOT_STAY: "Why you could not stay",
    LetterSectionKind.WHO_DECIDED: "Who decided, and how",
    LetterSectionKind.FOSTER_CARE: "Your time in foster care",
    LetterSectionKind.HOW_FAMILY_CHOSEN: "How your family was chosen",
    LetterSectionKind.HAPPY_MEMORIES: "Happy memories",
    LetterSectionKind.BIRTH_FAMILY_WISHES: "What your birth family wished for you",
    LetterSectionKind.WHERE_TO_FIND_MORE: "Finding out more",
    LetterSectionKind.CLOSING: "To end",
}

#: Sections the guidance expects every letter to have (brief 4.5).
EXPECTED_SECTIONS = (
    LetterSectionKind.WHO_I_AM, LetterSectionKind.YOUR_BIRTH, LetterSectionKind.BIRTH_FAMILY,
    LetterSectionKind.WHY_NOT_STAY, LetterSectionKind.WHO_DECIDED, LetterSectionKind.WHERE_TO_FIND_MORE,
    LetterSectionKind.CLOSING,
)

#: Words that show a hard term is being explained where it is used.
_EXPLAINED = re.compile(r"\bwhich means\b|\bmeans\b|\bis someone\b|\bare people\b|\bis a\b|\bis when\b|\(|—|:", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+")


@dataclass(frozen=True)
class Sentence:
    section: int  # index in the letter's sections
    number: int  # 1-based within the section
    text: str


@dataclass(frozen=True)
class LetterFinding:
    """One thing to look at again, pointing at a section and, mostly, a sentence."""

    rule: str
    path: str
    message: str
    sentence: Sentence | None = None
    #: The advice alone, for a note printed beside its sentence (the review
    #: copy), where naming the part and quoting the sentence would repeat it.
    advice: str = ""


@dataclass(frozen=True)
class PlainWords:
    acronyms: Mapping[str, str]
    words: Mapping[str, str]
    explain: Mapping[str, str]


@cache
def shipped_plain_words() -> PlainWords:
    """The shipped word list (templates/knowledge/plain-words.toml)."""
    data = tomllib.loads((templates_dir() / "knowledge" / "plain-words.toml").read_text("utf-8"))
    return PlainWords(data["acronyms"], data["words"], data["explain"])


def plain_text(markdown: str) -> str:
    """A narrative's words without its Markdown, one paragraph or list item per line."""
    lines = []
    for token in parse(markdown):
        if token.type == "inline":
            lines.append(" ".join(child.content for child in token.children or () if child.type == "text"))
    return "\n".join(line for line in lines if line.strip())


def sentences(case: Case) -> list[Sentence]:
    """Every sentence of the letter, section by section."""
    letter = case.later_life_letter
    found: list[Sentence] = []
    for index, section in enumerate(letter.sections if letter else ()):
        number = 0
        for line in plain_text(section.text or "").splitlines():
            for piece in _SENTENCE_END.split(line):
                if piece.strip():
                    number += 1
                    found.append(Sentence(index, number, piece.strip()))
    return found


def reading_age(text: str) -> int | None:
    """Estimated reading age in years (Flesch-Kincaid grade + 5), or None for no text."""
    import textstat  # imported here: only the review needs it

    if not text.strip():
        return None
    return max(5, round(textstat.flesch_kincaid_grade(text) + 5))


def review(case: Case, extra_words: Mapping[str, str] | None = None) -> list[LetterFinding]:
    """Every finding of the language review, section by section (empty without a letter)."""
    letter = case.later_life_letter
    if letter is None:
        return []
    found = list(_reading_ages(case)) + list(_long_sentences(case)) + list(_jargon(case, extra_words or {}))
    found += list(_third_person(case)) + list(_missing_sections(case)) + list(_absent_people_taking_part(case))
    return found


def _path(index: int) -> str:
    return f"$.later_life_letter.sections[{index}].text"


def _title(case: Case, index: int) -> str:
    assert case.later_life_letter is not None
    return SECTION_TITLES[case.later_life_letter.sections[index].kind]


def _quote(sentence: Sentence) -> str:
    text = sentence.text
    return f"“{text if len(text) <= 160 else text[:157] + '...'}”"


def _reading_ages(case: Case) -> Iterator[LetterFinding]:
    assert case.later_life_letter is not None
    target = case.later_life_letter.reading_age
    whole = reading_age(" ".join(plain_text(s.text or "") for s in case.later_life_letter.sections))
    if whole is not None and whole > target:
        yield LetterFinding("LL-001", "$.later_life_letter", f"The letter reads at about age {whole}; it aims at {target}.")
    for index, section in enumerate(case.later_life_letter.sections):
        age = reading_age(plain_text(section.text or ""))
        if age is not None and age > target:
            yield LetterFinding(
                "LL-001", _path(index), f"“{_title(case, index)}” reads at about age {age}; the letter aims at {target}."
            )


def _long_sentences(case: Case) -> Iterator[LetterFinding]:
    assert case.later_life_letter is not None
    limit = case.later_life_letter.longest_sentence
    for sentence in sentences(case):
        words = len(sentence.text.split())
        if words > limit:
            yield LetterFinding(
                "LL-002", _path(sentence.section),
                f"“{_title(case, sentence.section)}”, sentence {sentence.number} has {words} words (aim for {limit} or "
                f"fewer): {_quote(sentence)}",
                sentence, f"{words} words: aim for {limit} or fewer.",
            )


def _jargon(case: Case, extra_words: Mapping[str, str]) -> Iterator[LetterFinding]:
    words = shipped_plain_words()
    every = sentences(case)
    terms = [(term, plain, True) for term, plain in words.acronyms.items()]
    terms += [(term, plain, False) for term, plain in {**words.words, **extra_words}.items()]
    for sentence in every:
        matched = {
            term: plain for term, plain, exact in terms
            if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", sentence.text, 0 if exact else re.IGNORECASE)
        }
        for term, plain in matched.items():
            # "parenting assessment" says it all; "assessment" inside it would repeat it.
            if not any(term != other and term.lower() in other.lower() for other in matched):
                yield _jargon_finding(case, sentence, term, plain)
    for term, plain in words.explain.items():
        first = next((i for i, s in enumerate(every) if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", s.text, re.I)), None)
        if first is None:
            continue
        around = every[first].text + " " + (every[first + 1].text if first + 1 < len(every) else "")
        if not _EXPLAINED.search(around):
            yield _jargon_finding(case, every[first], term, plain, explain=True)


def _jargon_finding(case: Case, sentence: Sentence, term: str, plain: str, *, explain: bool = False) -> LetterFinding:
    advice = f"explain “{term}” the first time (for example: {plain})" if explain else f"“{term}”: try “{plain}”"
    return LetterFinding(
        "LL-003", _path(sentence.section),
        f"“{_title(case, sentence.section)}”, sentence {sentence.number}: {advice}. {_quote(sentence)}",
        sentence, advice[:1].upper() + advice[1:] + ".",
    )


def _third_person(case: Case) -> Iterator[LetterFinding]:
    child = case.child
    full_name = f"{child.given_names} {child.family_name}"
    verbs = r"(?:was|is|has|had|did|could|would|will|went|moved|lived|became|needed|showed)"
    patterns = [
        r"\bthe child(?:ren)?\b", rf"\b{re.escape(full_name)}\b", rf"\b{re.escape(child.family_name)}\b",
        rf"\b{re.escape(child.preferred_name)}\s+{verbs}\b", rf"\b{re.escape(child.preferred_name)}'s\b",
    ]
    for sentence in sentences(case):
        if any(re.search(p, sentence.text, re.IGNORECASE) for p in patterns):
            yield LetterFinding(
                "LL-004", _path(sentence.section),
                f"“{_title(case, sentence.section)}”, sentence {sentence.number} writes about the child instead of to "
                f"them: say “you”. {_quote(sentence)}",
                sentence, "It writes about the child instead of to them: say “you”.",
            )


def _missing_sections(case: Case) -> Iterator[LetterFinding]:
    assert case.later_life_letter is not None
    present = {section.kind for section in case.later_life_letter.sections}
    for kind in EXPECTED_SECTIONS:
        if kind not in present:
            yield LetterFinding(
                "LL-005", "$.later_life_letter.sections",
                f"The letter has no “{SECTION_TITLES[kind]}” section, which the guidance expects.",
            )


#: What the case records about someone who took no part, as the rest of "the case records that Dean ...".
_NO_PART = {
    Involvement.NOT_INVOLVED: "was not part of the child's life",
    Involvement.WHEREABOUTS_UNKNOWN: "could not be found",
    Involvement.DECEASED: "had died",
}

#: Verbs that put someone at an event: being there, saying, doing.
_TAKING_PART = (
    r"told|tell|came|come|went|go|visited|visit|met|meet|said|asked|agreed|spoke|talked|attended|joined|helped|"
    r"chose|decided|gave|brought|sat|listened|watched|saw|played|held|fed|cuddled|looked after|took part|took|"
    r"wrote|sent|stayed|(?:was|were) (?:there|at|with|in court)"
)
#: Someone who, with the people named beside them, does it: "Jade, Dean and I all told".
_WHO = r"(?:[A-Z][\w'-]*|I|you|we)"
_JOINED = r"(?:\s*,\s*|,?\s+and\s+)"
#: Verbs that have someone there as their object: "the judge listened to Jade and Dean".
_HAD_THERE = r"listened to|heard from|met|visited|spoke (?:to|with)|talked (?:to|with)|went with|came with"
_NEGATED = re.compile(r"\b(?:not|never|no|nobody|no one)\b|n't\b", re.IGNORECASE)


def taking_part(sentence: str, name: str) -> str | None:
    """The words that have ``name`` taking part in an event in this sentence
    ("Dean and I all told", "listened to Jade and Dean"), or None.

    Only a person named as the doer, in a list of doers right before the
    verb, or right after a verb of meeting or hearing, counts: "Dean did not
    live with you", "Dean's mum came" and "I never met Dean" say nothing
    of Dean taking part."""
    who = re.escape(name)
    doer = re.search(
        rf"(?<![\w'-])(?:{_WHO}{_JOINED})*{who}(?:{_JOINED}{_WHO})*(?:\s*[,—–]\s*we)?"
        rf"(?:\s+(?:all|both|also|each|then|together|once|often|sometimes|later))*\s+(?:{_TAKING_PART})\b",
        sentence,
    )
    if doer:
        return doer.group(0)
    for heard in re.finditer(rf"\b(?:{_HAD_THERE})\s+(?:(?:{_WHO}|me){_JOINED})*{who}\b", sentence):
        clause = re.split(r"[,;:]", sentence[: heard.start()])[-1]
        if not _NEGATED.search(clause):
            return heard.group(0)
    return None


def _absent_people_taking_part(case: Case) -> Iterator[LetterFinding]:
    """LL-006: someone the case records as taking no part (not involved, not
    found, or dead) is named in the letter as taking part in an event."""
    assert case.later_life_letter is not None
    absent = [(i, p) for i, p in enumerate(case.people) if p.involvement in _NO_PART and p.given_names]
    for sentence in sentences(case):
        for index, person in absent:
            words = next((w for name in _names(person) if (w := taking_part(sentence.text, name))), None)
            if words is None:
                continue
            section = case.later_life_letter.sections[sentence.section]
            path = f"$.later_life_letter.sections[{sentence.section}].{'shared_file' if section.shared_file else 'text'}"
            name = _names(person)[0]
            yield LetterFinding(
                "LL-006", path,
                f"“{_title(case, sentence.section)}”, sentence {sentence.number} has {name} taking part (“{words}”), "
                f"but the case records that {name} {_NO_PART[person.involvement]} "
                f"($.people[{index}].involvement is '{person.involvement.value}'): say only what {name} did, or "
                f"correct the record. {_quote(sentence)}",
                sentence, f"The case records that {name} {_NO_PART[person.involvement]}, so took no part in this.",
            )


def _names(person: Person) -> list[str]:
    """The names the letter may use for someone: their first given name and the names they are known by."""
    return [*person.given_names.split()[:1], *person.known_as]
