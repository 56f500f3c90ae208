"""The care plan's sections: their numbers, titles and anchors, written
once, so the headings and the contents list cannot disagree.

The body (:mod:`.body`) heads each section from here, and the contents
list is made from the same list. Anchors are fixed: each writer gives the
heading its anchor, as an HTML id or a Word bookmark (``_pd_`` and the
anchor, as permdocs.writers.docx_blocks names them).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ...profiles import Terms
from ...text.blocks import Contents, ContentsEntry
from ...text.templating import capfirst


@dataclass(frozen=True)
class Section:
    #: The section's number as printed, or None for the unnumbered summary.
    number: int | None
    title: str
    anchor: str

    @classmethod
    def numbered(cls, number: int, title: str) -> "Section":
        return cls(number, title, f"s{number}")


@dataclass(frozen=True)
class Sections:
    glance: Section
    about: Section
    legal: Section
    need: Section
    plans: Section
    options: Section
    actions: Section
    key_dates: Section
    views: Section
    identity: Section
    siblings: Section
    family_time: Section
    support: Section
    sign_off: Section

    def contents(self) -> Contents:
        """The contents list: every section, as its heading reads."""
        entries = []
        for name in (f.name for f in fields(self)):
            section: Section = getattr(self, name)
            text = section.title if section.number is None else f"{section.number}. {section.title}"
            entries.append(ContentsEntry(text, section.anchor, 1))
        return Contents(tuple(entries))


def sections(child_name: str, terms: Terms) -> Sections:
    titles = [
        f"About {child_name}", "Legal status", "The permanence need", "The plans", "Options considered", "Actions",
        "Key dates", "Wishes, feelings and views", "Identity needs", "Brothers and sisters",
        capfirst(terms.family_time), "Support", "Sign-off and endorsement",
    ]
    numbered = [Section.numbered(number, title) for number, title in enumerate(titles, start=1)]
    return Sections(Section(None, "The plan at a glance", "at-a-glance"), *numbered)
