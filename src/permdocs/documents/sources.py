"""Numbered source notes: the knowledge base's sources, numbered like
footnotes in the order a document first cites them, and listed at its end."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..practice.knowledge import KnowledgeBase
from ..text.blocks import Block, Heading, Paragraph, Run


@dataclass
class SourceNotes:
    """Numbers sources in order of first use; a point citing several shows
    their numbers in ascending order ("Sources: 2, 5"), as a reader expects."""

    base: KnowledgeBase
    numbers: dict[str, int] = field(default_factory=dict)

    def marks(self, source_ids: list[str]) -> str:
        numbers = sorted({self.numbers.setdefault(s, len(self.numbers) + 1) for s in source_ids})
        return ", ".join(map(str, numbers))

    def note(self, source_ids: list[str]) -> Paragraph:
        """A small note under a fact: ``Sources: 2, 5`` (``Source: 2`` for one)."""
        marks = self.marks(source_ids)
        noun = "Sources" if "," in marks else "Source"
        return Paragraph((Run(f"{noun}: {marks}"),), "note")

    def blocks(self, heading_level: int = 1) -> tuple[Block, ...]:
        """The numbered list under a 'Sources' heading; nothing if none was cited."""
        if not self.numbers:
            return ()
        listed = tuple(
            Paragraph((Run(f"[{n}] "), Run(self.base.sources[s].citation())), "note")
            for s, n in sorted(self.numbers.items(), key=lambda item: item[1])
        )
        return (Heading("Sources", heading_level, anchor="sources"), *listed)


def sources_word(marks: str) -> str:
    """``source 3`` or ``sources 18, 23``: cited numbers in running text."""
    return ("sources " if "," in marks else "source ") + marks
