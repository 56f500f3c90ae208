"""The later-life letter (brief section 4.5): the social worker's letter to
an adopted child, to be read as a teenager.

The worker writes each guided section in Markdown; permdocs adds the facts it
already knows (dates, names, the court) and lays the letter out. Siblings
each have their own letter, from their own case; a section they share can
be written once, in a Markdown file beside the case files (``shared_file``),
which is read only from the case's own folder.
"""

from __future__ import annotations

from pydantic import ConfigDict, model_validator

from ..base.strict import CodeText, exactly_one_of, schema_rules
from .base import CalendarDate, CaseModel, Code, Name, Narrative, ShortText, field
from .limits import LIST_LIMITS


class LetterSectionKind(Code):
    WHO_I_AM = "who_i_am", "Who I am, and how I know you."
    YOUR_BIRTH = "your_birth", "Your birth and your first months."
    BIRTH_FAMILY = "birth_family", "Who each person in your birth family is."
    WHY_NOT_STAY = "why_not_stay", "Why you could not stay with your birth family."
    WHO_DECIDED = "who_decided", "Who decided, and how, the court included."
    FOSTER_CARE = "foster_care", "Your time in foster care."
    HOW_FAMILY_CHOSEN = "how_family_chosen", "How your family was chosen."
    HAPPY_MEMORIES = "happy_memories", "Happy memories, and what people said about you."
    BIRTH_FAMILY_WISHES = "birth_family_wishes", "What your birth family wished for you."
    WHERE_TO_FIND_MORE = "where_to_find_more", "Your life story book, your records, and your right to see your file."
    CLOSING = "closing", "The end of the letter."


class LetterSection(CaseModel):
    """One guided section of the letter, written to the child ("you")."""

    model_config = ConfigDict(json_schema_extra=schema_rules((
        "Give exactly one of 'text' and 'shared_file'.", exactly_one_of("text", "shared_file"),
    )))

    kind: LetterSectionKind = field(
        "Section",
        "Which part of the letter this is; each code and what it covers is listed in the field reference.",
    )
    text: Narrative | None = field(
        "Text", "What the worker writes, in plain words, to the child. Null when the text is in a shared file.",
        default=None,
    )
    shared_file: CodeText | None = field(
        "Shared file",
        "A Markdown file in the case file's own folder holding this section, written once for brothers and "
        "sisters who share the history (e.g. 'letters/why-we-could-not-stay.md'). Read when the case is loaded.",
        default=None,
    )

    @model_validator(mode="after")
    def _text_or_file(self) -> "LetterSection":
        if (self.text is None) == (self.shared_file is None):
            raise ValueError("give either 'text' or 'shared_file', not both and not neither")
        return self


class LaterLifeLetter(CaseModel):
    """The letter itself, and the targets its language review checks it against."""

    written_on: CalendarDate = field("Written on", "The date the letter is signed.")
    dear: Name | None = field(
        "Dear", "The name in 'Dear ...'; null for the child's preferred name.", default=None
    )
    sign_off: ShortText = field(
        "Sign-off", "The words before the writer's name, e.g. 'With warm wishes,'.", default="With warm wishes,"
    )
    writer_name: Name | None = field(
        "Writer", "Who signs the letter; null for the child's social worker (authorship).", default=None
    )
    writer_role: ShortText | None = field(
        "Writer's role", "The writer's role, in words the child will understand; null for the social worker's.",
        default=None,
    )
    reading_age: int = field(
        "Target reading age", "The reading age the letter aims at (the review's target).", default=14, ge=8, le=18
    )
    longest_sentence: int = field(
        "Longest sentence", "Sentences with more words than this are pointed out by the review.", default=25,
        ge=10, le=60,
    )
    sections: list[LetterSection] = field(
        "Sections", "The guided sections, in the order they should be read; each kind at most once.", min_length=1, max_length=LIST_LIMITS["letter_sections"]
    )
    family_tree: bool = field(
        "Family tree",
        "True to draw the child's family tree in the letter, after 'Your birth family', each person named in the "
        "child's words ('your birth mum'). Drawn by Graphviz, as the CPR's is.",
        default=False,
    )

    @model_validator(mode="after")
    def _each_kind_once(self) -> "LaterLifeLetter":
        kinds = [section.kind for section in self.sections]
        if len(kinds) != len(set(kinds)):
            raise ValueError("each kind of section may appear only once")
        return self
