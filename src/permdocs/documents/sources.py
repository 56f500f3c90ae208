"""Numbered source notes: the knowledge base's sources, numbered like
footnotes in the order a document first cites them, and listed at its end.

A council's report cites the law, case law and national guidance as its
authority, never another council's policy (issue: a Fictionshire report
citing Merton's guidance as if it were its own). So a document's notes leave
councils' policies out unless they are asked to list them, as the route
comparison does, under a heading of their own that says what they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..practice.knowledge import KnowledgeBase
from ..text.blocks import Block, Heading, Paragraph, Run

#: The mark before the number of another council's guidance (``g3``), apart from the law's (``3``).
POLICY_MARK = "g"


@dataclass
class SourceNotes:
    """Numbers sources in order of first use; a point citing several shows
    their numbers in ascending order ("Sources: 2, 5"), as a reader expects.
    With ``councils_policies`` false (a council's own report), a source that
    is one council's policy is not cited at all."""

    base: KnowledgeBase
    councils_policies: bool = False
    numbers: dict[str, int] = field(default_factory=dict)

    def cited(self, source_ids: list[str]) -> list[str]:
        """The sources that may be cited here, each once."""
        return [s for s in dict.fromkeys(source_ids) if self.councils_policies or not self._is_policy(s)]

    def marks(self, source_ids: list[str]) -> str:
        """The marks of the sources cited, '' where none may be cited here: law and
        guidance by number (3), councils' guidance apart, as C and a number (C2),
        so that each list reads in order."""
        cited = self.cited(source_ids)
        for source in cited:
            if source not in self.numbers:
                self.numbers[source] = 1 + sum(self._is_policy(s) == self._is_policy(source) for s in self.numbers)
        return ", ".join(map(self._mark, sorted(cited, key=self._order)))

    def _is_policy(self, source_id: str) -> bool:
        return self.base.sources[source_id].is_council_policy

    def _order(self, source_id: str) -> tuple[bool, int]:
        """Law and guidance first, then councils' guidance, each by number."""
        return self._is_policy(source_id), self.numbers[source_id]

    def _mark(self, source_id: str) -> str:
        # Lower case: "C3" would read as page C3 of a court bundle.
        return (POLICY_MARK if self._is_policy(source_id) else "") + str(self.numbers[source_id])

    def note(self, source_ids: list[str]) -> tuple[Paragraph, ...]:
        """A small note under a fact: ``Sources: 2, 5`` (``Source: 2`` for one); none where nothing is cited."""
        marks = self.marks(source_ids)
        if not marks:
            return ()
        noun = "Sources" if "," in marks else "Source"
        return (Paragraph((Run(f"{noun}: {marks}"),), "note"),)

    def blocks(self, heading_level: int = 1, council: str = "this council") -> tuple[Block, ...]:
        """The numbered list under a 'Sources' heading; nothing if none was cited.
        Councils' policies, where listed, come apart, saying they are not ``council``'s."""
        if not self.numbers:
            return ()
        ordered = sorted(self.numbers, key=self._order)
        listed: list[Block] = [Heading("Sources", heading_level, anchor="sources")]
        listed += [self._entry(s) for s in ordered if not self._is_policy(s)]
        policies = [self._entry(s) for s in ordered if self._is_policy(s)]
        if policies:
            listed.append(Paragraph((Run(
                f"Practice guidance published by other councils (marked {POLICY_MARK}). It informs the general points above; "
                f"it is not the policy of {council}, and it is no authority for a decision about a child."
            ),), keep_with_next=True))
            listed += policies
        return tuple(listed)

    def _entry(self, source_id: str) -> Paragraph:
        return Paragraph((Run(f"[{self._mark(source_id)}] "), Run(self.base.sources[source_id].citation())), "note")


def sources_word(marks: str) -> str:
    """``source 3`` or ``sources 18, 23``: cited numbers in running text; '' for none."""
    if not marks:
        return ""
    return ("sources " if "," in marks else "source ") + marks
