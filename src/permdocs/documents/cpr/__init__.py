"""The Child's Permanence Report (brief s.4.3; Adoption Agencies Regulations
2005 reg 17 and Schedule 1; FPR PD14C Annex B), in the standard three
sections: A, the report and the matters for the proceedings; B, the child
and the birth family; C, the recommendation.

The report is read by the Agency Decision Maker, by the court, by the
prospective adopters and, years later, by the adult the child becomes, who
may read all of it. So sentences built from facts are written as a person
would write them to that adult, and the worker's own sections are used as
written. A section the worker has not written shows as missing in a draft
(and is a check error, CPR-001, which refuses a final copy); one that does
not apply says why, as PD14C asks.

The court's copy names carers by role and never shows who the prospective
adopters are or where the child lives: those details are withheld for that
audience (permdocs.safeguarding.redaction), and the separately paginated confidential
part (``--part confidential``) holds them instead. The body is built as
blocks, contents list included, so the HTML and Word templates are thin
and say the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...case import Case
from ...text.blocks import Block, Contents, ContentsEntry, Heading
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from ..declaration import Reader, ResolvedRequest
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
    #: The contents list (links with page numbers); empty in the confidential part.
    contents: tuple[Block, ...]
    body: tuple[Block, ...]
    #: Added to the running header and footer: which copy or part this is.
    running_copy: str


def build_context(case: Case, request: ResolvedRequest) -> ChildsPermanenceReport:
    words = ReportWords(case, request)
    confidential = request.part == CONFIDENTIAL_PART
    # A no-break space keeps "confidential part" together when the title wraps.
    title = "Child's Permanence Report" + (": confidential\u00a0part" if confidential else "")
    subtitle = f"The report on {words.name} under the Adoption Agencies Regulations 2005, regulation 17 and Schedule 1"
    # The subtitle names the child itself, and the copy line says what the copy leaves out.
    document = replace(
        document_info(case, request, title, subtitle, signed_off=not confidential, what="report"),
        subject=None, copy_reader=_copy_line(words, confidential),
    )
    if confidential:
        entries: list[ContentsEntry] = []
        body = confidential_part(words)
    else:
        entries, body = _report(words, document)
    return ChildsPermanenceReport(
        document=document,
        child=child_identity(case),
        contents=(Contents(tuple(entries)),) if entries else (),
        body=tuple(body),
        running_copy=("Confidential part: not to be served" if confidential
                      else document.copy),
    )


def _report(words: ReportWords, document: DocumentInfo) -> tuple[list[ContentsEntry], list[Block]]:
    sections = [
        ("a", "Section A: This report" if words.for_adult or words.case.care_proceedings is None
         else "Section A: This report and the matters for the court",
         section_a(words)),
        ("b", f"Section B: {words.name} and {words.her} birth family", section_b(words)),
        ("c", "Section C: The recommendation", section_c(words, document)),
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
    return entries, body


def _copy_line(words: ReportWords, confidential: bool) -> str:
    """Who this copy is for, and what it leaves out, in words that fit above the report."""
    name, her = words.name, words.her
    if confidential:
        return (f"its confidential part, which says who cares for {name} and where {words.she} lives. It is for the "
                "court only and is not served on the other parties.")
    adm = "for the adoption panel and the Agency Decision Maker" if words.goes_to_panel else "for the Agency Decision Maker"
    return {
        Reader.DECISION_MAKER: f"{adm}. Nothing is left out.",
        Reader.COURT: (f"for the court and the parties, filed as the Annex B report. It names {name}'s carers by their "
                  f"role; who they are and where {words.she} lives are in a separate confidential part."),
        Reader.CARERS: (f"for {name}'s prospective adopters, at matching. It leaves out the addresses and contact "
                     f"details of {her} birth relatives."),
        Reader.ADOPTED_ADULT: (f"for {name} to read as an adult. It is the copy {her} adoptive parents were given, without the "
                  f"parts that were only for the court, and it leaves out the addresses and contact details of {her} "
                  "birth relatives."),
    }.get(words.request.audience.reads_as, words.request.audience.reader)
