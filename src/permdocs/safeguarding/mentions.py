"""Where a withheld value turns up again in free text, and the neutral words
that take its place (used by :mod:`permdocs.safeguarding.redaction`).

A worker rarely repeats a withheld value whole. The adopters' surname comes
back as "the Plumbridges" or "Plumbridge's", an address as its street, a
phone number spaced another way, a nursery as one word of its name in
"Tiddlers sports day", a postcode without its space. So each withheld value
gives several *mentions*: the ways it can be written, each a pattern matched
case-insensitively between word boundaries, each with what replaces it.
Where the sentence has to go on reading, the replacement is a neutral
phrase ("the adoptive parents", "their street", "the nursery"); where no
phrase would read true (a phone number, a postcode, a job), it is
"[withheld]".

Distinctive words are the words of a name that are not generic: in
"Tiddlers Nursery" the distinctive word is "Tiddlers"; in "Dunholt Green
Surgery", "Dunholt". :data:`GENERIC_WORDS` lists the words that name kinds
of places and groups, which would scrub ordinary prose if matched alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: What a withheld value becomes where no neutral phrase would read true.
WITHHELD_MARK = "[withheld]"

#: Words that name a kind of place, street, building or group, or that are
#: too common to identify anything on their own: never matched alone.
GENERIC_WORDS = frozenset("""
    a an and at by for from in of on the to with under over near upon
    road street st close lane avenue drive way walk mews court crescent place row terrace gardens grove hill
    park square view rise house flat flats apartment apartments building buildings estate cottage cottages yard
    wharf parade green end gate bridge vale valley field fields wood woods farm mill lodge manor villas
    north south east west upper lower new old little great big central middle high main common
    baby babies toddler toddlers mini
    nursery nurseries school schools primary secondary infant infants junior juniors academy college grammar
    pre-school preschool playgroup kindergarten day early years learning children's children kids tots
    church chapel cathedral mosque temple gurdwara synagogue parish saint catholic methodist baptist
    ce rc united free community centre center leisure sports sport club clubs class classes group groups youth
    football rugby cricket netball hockey tennis swimming swim dance dancing ballet gymnastics music art arts
    drama karate judo scouts scout cubs beavers brownies guides rainbows hut hall library pool village town
    city county council family families trust foundation federation health medical practice surgery clinic
    partnership hospital general royal infirmary university maternity pharmacy station ambulance fire police services service home homes care
    example test sample riverside lakeside seaside
    first second third 1st 2nd 3rd 4th 5th
""".split())

_DETERMINER_BEFORE = re.compile(r"(?<!\w)(?:a|an|the|her|his|their|its|my|your|our|this|that)\s+$", re.IGNORECASE)
#: Where a replacement starts a sentence, a paragraph or a list item (a lone
#: line break inside a paragraph does not).
_SENTENCE_START = re.compile(r"(?:^\s*|[.!?:]\s+|\n\s*\n\s*|(?:^|\n)\s*(?:[-*+]|\d+[.)])\s+)$")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
#: A line of an address that starts with a house or flat number: "7 Larchmere Close", "Flat 4".
_HOME_LINE = re.compile(r"^(?:(?:flat|apartment|unit|room)\s+\d+[a-z]?|\d+[a-z]?)\b\s*,?\s*", re.IGNORECASE)
_STREET_WORDS = frozenset("""
    road street st close lane avenue drive way walk mews court crescent place row terrace gardens grove hill
    park square view rise house flats building estate cottages yard wharf parade
""".split())
_SEPARATOR = r"[\s().-]*"
_TITLES = r"(?:mr|mrs|ms|miss|mx|dr)\.?\s+"


@dataclass(frozen=True)
class Mention:
    """One way a withheld value may be written, and what takes its place.

    ``pattern`` is a regular expression matched case-insensitively between
    word boundaries; ``literal`` is the text it was made from (longer ones
    are tried first, so an address goes before the street inside it).
    Where ``keeps_group`` is set, the text that group matched is kept in
    place of ``replacement`` (first names before a withheld surname)."""

    literal: str
    pattern: str
    replacement: str
    keeps_group: bool = False
    #: The @-reference to write instead (:mod:`permdocs.case.text_references`),
    #: or "" where none exists: a job or a history is left out of free text.
    reference: str = ""


# --- the mentions of one value --------------------------------------------------

def person_mentions(
    given_names: str, family_name: str, role_noun: str, *, kept_given_names: bool, known_as: Iterable[str] = (),
) -> list[Mention]:
    """A carer's withheld names, named instead by role ("the foster carers")
    or, where the adopters' first names are kept, by those first names.

    Besides the names as recorded: the names the person is known by
    ('known_as'), and the usual short forms of each first name ("Sam" for
    Samantha, :data:`permdocs.safeguarding.given_name_forms.SHORT_FORMS`), matched only
    as capitalised words, since many ("Will", "Pat") are ordinary words too."""
    words = _given_words(given_names)
    couple = len(words) > 1
    one = f"the {role_noun}"
    phrase = given_names.strip() if kept_given_names else (f"the {role_noun}s" if couple else one)
    found: list[Mention] = []
    # Where first names are kept, the names they go by are kept with them.
    others = [] if kept_given_names else _other_given_names(given_names, known_as)
    # Matched with case, as written: "Will" is a name, "will" is not.
    by_case = [rf"(?-i:{re.escape(name)}|{re.escape(name.upper())})" for name in others]
    single = "|".join([*map(re.escape, words), *by_case])
    longest = max([*words, *others], key=len, default="")
    if couple and single:
        # "Trish and Rob", "Kate & Will": both of them, as the couple's phrase.
        found.append(Mention(f"{longest} and {longest} ", rf"(?:{single})\s+(?:and|&)\s+(?:{single})", phrase))
    if others:
        # One of them names one person: "the foster carer", never "the foster carers".
        found.append(Mention(others[0], "|".join(by_case), one))
    if family_name.strip():
        surname = _words_pattern(family_name)
        found.append(Mention(f"mr {family_name}", _TITLES + surname, one))
        if couple:
            together = r"\s+(?:and|&)\s+".join(map(re.escape, words))
            found.append(Mention(
                f"{given_names} {family_name}", rf"(?P<kept>{together})\s+{surname}(?:e?s)?", phrase, keeps_group=kept_given_names,
            ))
        if single:
            found.append(Mention(
                f"{longest} {family_name}", rf"(?P<kept>{single})\s+{surname}(?:e?s)?",
                phrase if kept_given_names or not couple else one, keeps_group=kept_given_names,
            ))
        found.append(Mention(family_name, rf"(?:the\s+)?{surname}(?:e?s)?(?:\s+family)?", phrase))
    if words and not kept_given_names:
        found.append(Mention(given_names, _words_pattern(given_names), phrase))
        found += [Mention(word, re.escape(word), one) for word in words if word != given_names.strip()]
    return found


def address_mentions(address: str, *, of_placement: bool) -> list[Mention]:
    """An address, each line with a house number or a street, the street
    with and without the number, the street's distinctive words, and the
    postcode. A town line alone is left: the placement's town is withheld
    as a value of its own, and a relative's or a former carer's town is
    often the agency's, whose address every copy prints."""
    home, street = ("their home", "their street") if of_placement else (WITHHELD_MARK, WITHHELD_MARK)
    found = [_literal(address, home)]
    for line in _lines(address):
        for postcode in _POSTCODE.finditer(line):
            found.append(Mention(postcode.group(0), rf"{re.escape(postcode.group(1))}\s*{re.escape(postcode.group(2))}", WITHHELD_MARK))
        rest = _POSTCODE.sub("", line).strip(" ,")
        if len(rest) < 4:
            continue
        numbered = _HOME_LINE.match(rest)
        if numbered:
            found.append(_literal(rest, home))
            rest = rest[numbered.end():].strip()
        if not rest:
            continue
        if numbered or _STREET_WORDS & {w.lower() for w in rest.split()}:
            found.append(_literal(rest, street))
            found += [_word(w, street, rest) for w in distinctive_words(rest)]
    return found


def town_mentions(town: str) -> list[Mention]:
    found = [_literal(town, "their town"), *_street_named_after(town)]
    return found + [_word(w, "their town", town) for w in distinctive_words(town) if w != town.strip()]


def place_mentions(value: str, noun: str) -> list[Mention]:
    """A named place the child goes to (school or nursery, GP, club, place
    of worship): the whole value, its name, the name's distinctive words,
    and any place after the name ("Little Movers dance class at Dunholt
    Leisure Centre", "Tiddlers Nursery, Dunholt")."""
    parts = _lines(value)
    if not parts:
        return []
    found = [_literal(value, noun)]
    name, *places = parts
    names = re.split(r"\s+at\s+", name, maxsplit=1)
    found.append(_literal(names[0], noun))
    found += [_literal(run, noun) for run in name_runs(names[0])]
    found += _street_named_after(names[0])
    found += [_word(w, noun, names[0]) for w in distinctive_words(names[0])]
    for venue in names[1:]:
        venue_noun = _venue_noun(venue, noun)
        found.append(_literal(venue, venue_noun))
        found += [_word(w, venue_noun, venue) for w in distinctive_words(venue)]
    for place in places:
        found.append(_literal(place, "their town"))
    return found


def phone_mentions(phone: str) -> list[Mention]:
    """A phone number however it is spaced or punctuated, and in its +44 form."""
    digits = re.sub(r"\D", "", phone)
    found = [_literal(phone, WITHHELD_MARK)]
    if len(digits) < 6:
        return found
    if digits.startswith("0"):
        pattern = rf"(?:0|\+\s*44{_SEPARATOR}(?:\(\s*0\s*\){_SEPARATOR})?){_SEPARATOR.join(digits[1:])}"
    else:
        pattern = _SEPARATOR.join(digits)
    return [*found, Mention(digits, pattern, WITHHELD_MARK)]


def phrase_mentions(text: str, *, split: bool = True) -> list[Mention]:
    """Any other withheld text: the whole of it and, for a short list of
    items ("Ash: bus driver; Remi: school librarian"), each item without
    its label. Prose is not split: its fragments are ordinary words."""
    found = [_literal(text, WITHHELD_MARK)]
    if not split or re.search(r"[.!?](\s|$)", text) or len(text) > 120:
        return found
    for part in _lines(text):
        part = re.sub(r"^[^:]{1,40}:\s*", "", part)
        if len(part) >= 4:
            found.append(_literal(part, WITHHELD_MARK))
        for employer in re.split(r"\s+(?:at|with|for)\s+", part)[1:]:
            found += [_word(w, WITHHELD_MARK, employer) for w in distinctive_words(employer)]
    return found


def name_runs(name: str) -> list[str]:
    """The runs of two or more capitalised words inside a longer name
    ("Little Movers" of "Little Movers dance class")."""
    runs: list[list[str]] = [[]]
    for word in name.split():
        if word[:1].isupper():
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if len(run) >= 2 and " ".join(run) != name.strip()]


def distinctive_words(name: str) -> list[str]:
    """The words of a name that identify it: capitalised, of three letters
    or more, and not generic ("Tiddlers" of "Tiddlers Nursery")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    return [w for w in words if len(w) >= 3 and w[0].isupper() and w.lower().strip("'’") not in GENERIC_WORDS]


# --- matching and replacing ----------------------------------------------------------

class Scrubber:
    """Replaces every mention in a text, longest first, in one pass.

    Text is matched as a reader would read it: a word broken across a line
    with a hyphen ("Fos-\\nterfield", as text pasted from a PDF often is) or
    holding a soft hyphen reads as one word. Matching runs on that reading
    and each match is replaced in the text as written."""

    def __init__(self, mentions: Iterable[Mention]):
        chosen: dict[str, Mention] = {}
        for mention in mentions:
            # The first way of writing a text wins: a word that is both the
            # town and part of the nursery's name reads as the town.
            chosen.setdefault(mention.pattern.lower(), mention)
        self.mentions = sorted(chosen.values(), key=lambda m: (-len(m.literal), m.literal))
        alternatives = "|".join(
            f"(?P<m{i}>{m.pattern.replace('(?P<kept>', f'(?P<k{i}>')})(?P<p{i}>['’]s?(?!\\w))?"
            for i, m in enumerate(self.mentions)
        )
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if self.mentions else None

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        reading, where = _as_read(text)
        pieces: list[str] = []
        end = 0
        for match in self.pattern.finditer(reading):
            start, stop = where[match.start()], where[match.end() - 1] + 1
            pieces += [text[end:start], self._replacement(match, text[:start])]
            end = stop
        return "".join(pieces) + text[end:] if pieces else text

    def finds(self, text: str) -> bool:
        return self.pattern is not None and self.pattern.search(_as_read(text)[0]) is not None

    def matches(self, text: str) -> list[Mention]:
        """The mentions written in a text, each once, in the order found."""
        if self.pattern is None:
            return []
        found = [self.mentions[int((m.lastgroup or "m0")[1:])] for m in self.pattern.finditer(_as_read(text)[0])]
        return list(dict.fromkeys(found))

    def _replacement(self, match: re.Match[str], before: str) -> str:
        # Every group of mention i ends in i: m (the mention), k (kept), p (possessive).
        index = int((match.lastgroup or "m0")[1:])
        mention = self.mentions[index]
        phrase = match.group(f"k{index}") if mention.keeps_group else mention.replacement
        if phrase.startswith(("the ", "their ")) and _DETERMINER_BEFORE.search(before):
            phrase = phrase.split(" ", 1)[1]
        if match.group(f"p{index}"):
            phrase += "'" if phrase.endswith("s") else "'s"
        if _SENTENCE_START.search(before) and match.group(0)[:1].isupper():
            phrase = phrase[:1].upper() + phrase[1:]
        return phrase


#: A hyphen at a line break between two letters, or before spaces and a small
#: letter ("Kindl- eworth", as a line pasted without its break leaves it), or a
#: soft hyphen: gone in the reading.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-(?:[ \t]*\n\s*(?=[^\W\d_])|[ \t]+(?=[^\W\d_A-Z]))|\u00ad")


def _as_read(text: str) -> tuple[str, list[int]]:
    """The text as a reader reads it, and for each of its characters the
    index of the character it came from."""
    if "\u00ad" not in text and "-" not in text:
        return text, list(range(len(text)))
    reading: list[str] = []
    where: list[int] = []
    end = 0
    for gap in _BROKEN_WORD.finditer(text):
        reading.append(text[end:gap.start()])
        where += range(end, gap.start())
        end = gap.end()
    reading.append(text[end:])
    where += range(end, len(text))
    return "".join(reading), where


# --- pieces ---------------------------------------------------------------------------

def _literal(text: str, replacement: str) -> Mention:
    return Mention(text.strip(), _the(replacement) + _words_pattern(text), replacement)


def _word(word: str, replacement: str, name: str = "") -> Mention:
    """One distinctive word of a name, with the name's other words around it
    where they are written beside it: "St Aldhelm's" goes whole, so that no
    "St the school" is left behind."""
    if not name:
        return Mention(word, rf"{_the(replacement)}{_word_pattern(word)}(?:e?s)?", replacement)
    neighbours = "|".join(_word_pattern(w) + r"(?:['’]s)?" for w in sorted(set(name.split()) - {word}, key=len, reverse=True))
    if not neighbours:
        return _word(word, replacement)
    around = rf"(?:(?:{neighbours})\s+)*{_word_pattern(word)}(?:e?s)?(?:\s+(?:{neighbours})(?!\w))*"
    return Mention(word, rf"{_the(replacement)}{around}", replacement)


def _street_named_after(name: str) -> list[Mention]:
    """A street that shares a distinctive word with a place ("Fenwick Road"
    beside "Fenwick Chapel"): the street goes whole, as "a nearby street",
    rather than leave "the place of worship Road"."""
    streets = "|".join(sorted(_STREET_WORDS))
    return [
        Mention(f"{word} road", rf"{_word_pattern(word)}\s+(?:{streets})(?!\w)", "a nearby street")
        for word in distinctive_words(name)
    ]


def _the(replacement: str) -> str:
    # "at the Tiddlers Nursery" becomes "at the nursery", not "at the the nursery".
    return r"(?:the\s+)?" if replacement.startswith("the ") else ""


def _words_pattern(text: str) -> str:
    # Any run of white space matches, as a worker may have broken the line;
    # a hyphen inside a name may be written, spaced or left out
    # ("Fenwick-Bryce", "Fenwick - Bryce", "Fenwick Bryce", "FenwickBryce").
    return r"\s+".join(_word_pattern(word) for word in text.split())


def _word_pattern(word: str) -> str:
    return r"\s*-?\s*".join(re.escape(part) for part in word.split("-") if part) or re.escape(word)


def _lines(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def _other_given_names(given_names: str, known_as: Iterable[str]) -> list[str]:
    """Known-as names and the short forms of each first name, longest first."""
    from .given_name_forms import short_forms

    recorded = {w.casefold() for w in _given_words(given_names)}
    names = [name.strip() for name in known_as if name.strip()]
    for word in _given_words(given_names):
        names += short_forms(word)
    return sorted({n for n in names if n.casefold() not in recorded and len(n) >= 2}, key=lambda n: (-len(n), n))


def _given_words(given_names: str) -> list[str]:
    return [w for w in re.split(r"\s+|&", given_names) if len(w) >= 2 and w.lower() != "and"]


def _venue_noun(venue: str, fallback: str) -> str:
    # "Dunholt Leisure Centre" reads as "the leisure centre": the generic words at its end.
    tail: list[str] = []
    for word in reversed(venue.split()):
        if word.lower() not in GENERIC_WORDS or word.lower() in ("the", "at", "of"):
            break
        tail.insert(0, word.lower())
    return f"the {' '.join(tail)}" if tail else fallback


def school_noun(value: str) -> str:
    """"the nursery" or "the school", as the value's own words say."""
    if re.search(r"nurser|pre-?school|playgroup|kindergarten|childminder", value, re.IGNORECASE):
        return "the nursery"
    return "the school"
