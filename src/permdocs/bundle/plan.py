"""The bundle's pagination, planned before a page is copied: where each
document starts and ends, and the reference stamped on each page (A1, A2
... B1 with section numbering, 1 ... N with continuous numbering)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .manifest import LoadedManifest
from .sources import SourceDocument

Numbering = Literal["section", "continuous"]


@dataclass(frozen=True)
class IndexEntry:
    """One line of the index: a document and where it sits in the bundle."""

    number: int
    section: str
    title: str
    dated: date
    author: str
    first_page: int  # 0-based, among the pages after the front matter
    pages: int
    first_label: str
    last_label: str

    @property
    def page_range(self) -> str:
        return self.first_label if self.pages == 1 else f"{self.first_label}-{self.last_label}"

    @property
    def anchor(self) -> str:
        """The index line's id in the front matter, which its link targets."""
        return f"entry-{self.number}"


@dataclass(frozen=True)
class IndexSection:
    letter: str
    title: str
    entries: list[IndexEntry]

    @property
    def page_range(self) -> str:
        first, last = self.entries[0].first_label, self.entries[-1].last_label
        return first if first == last else f"{first}-{last}"


def plan_sections(
    loaded: LoadedManifest, documents: list[list[SourceDocument]], numbering: Numbering
) -> list[IndexSection]:
    sections, number, position = [], 0, 0
    for section, section_documents in zip(loaded.manifest.sections, documents, strict=True):
        entries, page_in_section = [], 0
        for document in section_documents:
            number += 1
            if numbering == "section":
                first, last = page_in_section + 1, page_in_section + document.pages
                labels = (f"{section.letter}{first}", f"{section.letter}{last}")
            else:
                labels = (str(position + 1), str(position + document.pages))
            entries.append(
                IndexEntry(number, section.letter, document.title, document.dated, document.author, position,
                           document.pages, *labels)
            )
            page_in_section += document.pages
            position += document.pages
        sections.append(IndexSection(section.letter, section.title, entries))
    return sections


def page_labels(entry: IndexEntry, numbering: Numbering) -> Iterator[str]:
    """The reference of each of ``entry``'s pages, in order."""
    for page in range(entry.pages):
        if numbering == "section":
            yield f"{entry.section}{int(entry.first_label[1:]) + page}"
        else:
            yield str(entry.first_page + 1 + page)
