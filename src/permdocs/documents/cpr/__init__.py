"""The Child's Permanence Report (brief s.4.3; Adoption Agencies Regulations
2005 reg 17 and Schedule 1; FPR PD14C Annex B), in the standard three
sections: A, the report and the matters for the proceedings; B, the child
and the birth family; C, the recommendation.

The report is read by the Agency Decision Maker, by the court, by the
prospective adopters and, years later, by the adult the child becomes, who
may read all of it. So sentences built from facts are written as a person
would write them to that adult, and the worker's own sections are used as
written. A section the worker has not written shows as missing (and is a
check error, CPR-001); one that does not apply says why, as PD14C asks.

The court's copy never names the prospective adopters or where the child
lives: those details are withheld for that audience (permdocs.redaction),
and the separately paginated confidential part (``--part confidential``)
holds them instead. The body is built as blocks, so the HTML and Word
templates are thin and say the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...blocks import Block, Contents, ContentsEntry, Heading
from ...case import Case
from ...request import ResolvedRequest
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from .confidential import confidential_part
from .section_a import section_a
from .section_b import section_b
from .section_c import section_c
from .words import ReportWords

CONFIDENTIAL_PART = "confidential"


@dataclass(frozen=True)
class ChildsPermanenceReport:
    """Everything the CPR's templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> ChildsPermanenceReport:
    child = child_identity(case)
    confidential = request.part == CONFIDENTIAL_PART
    title = "Child's Permanence Report" + (": confidential part" if confidential else "")
    subtitle = "Adoption Agencies Regulations 2005, regulation 17 and Schedule 1"
    words = ReportWords(case, request)
    body = confidential_part(words) if confidential else _report(words)
    return ChildsPermanenceReport(document_info(case, request, title, subtitle), child, tuple(body))


def _report(words: ReportWords) -> list[Block]:
    sections = [
        ("a", "Section A: This report and the matters for the court", section_a(words)),
        ("b", f"Section B: {words.name} and {words.name}'s birth family", section_b(words)),
        ("c", "Section C: The recommendation", section_c(words)),
    ]
    entries, body = [], []
    for key, heading, parts in sections:
        entries.append(ContentsEntry(heading, f"section-{key}", 1))
        body.append(Heading(heading, 1, anchor=f"section-{key}", new_page=True))
        for index, (subheading, blocks) in enumerate(parts, start=1):
            anchor = f"section-{key}-{index}"
            entries.append(ContentsEntry(subheading, anchor, 2))
            body.append(Heading(subheading, 2, anchor=anchor))
            body.extend(blocks)
    return [Contents(tuple(entries)), *body]
