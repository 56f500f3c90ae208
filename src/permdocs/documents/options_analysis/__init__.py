"""The options analysis: every realistic option for the child against the
same key factors, then each in detail, weighed together in one holistic
evaluation before the outcome of each is given (Re B-S [2013] EWCA Civ
1146; Re G [2013] EWCA Civ 965; brief section 4.2).

The whole document is landscape, so that four options still sit side by
side, and its first page carries who wrote it, how to read it and the
options at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...case import Case
from ...text.blocks import Block, Heading, Paragraph, Run
from ...text.templating import long_date
from ..analysis import build_analysis, legend
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from ..declaration import ResolvedRequest
from ..sign_off import awaiting_note, sign_off_table


@dataclass(frozen=True)
class OptionsAnalysisDocument:
    """Everything the options-analysis templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    #: The whole body, drawn alike by both templates.
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> OptionsAnalysisDocument:
    """The options-analysis context for this case."""
    return OptionsAnalysisDocument(
        document=(info := document_info(
            case, request, "Options analysis", "Realistic options for permanence", signed_off=True, what="analysis"
        )),
        child=child_identity(case),
        body=_body(case, info),
    )


def _body(case: Case, info: DocumentInfo) -> tuple[Block, ...]:
    analysis = build_analysis(case, level=1, landscape=True)
    name = case.child.preferred_name
    about: list[Block] = [
        Heading("About this analysis", anchor="about"),
        Paragraph((Run(
            f"{_whose(case)} It sets every realistic option for {name} against the same key factors, then sets "
            f"out each in detail with the points for and against it that concern {name}, and weighs them together "
            "before giving the outcome of each, as the law requires: Re B-S (Children) [2013] EWCA Civ 1146."
        ),)),
    ]
    awaiting = awaiting_note(info)
    sign_off: list[Block] = [Heading("Sign-off", anchor="sign-off"), sign_off_table(case, landscape=True), *([awaiting] if awaiting else [])]
    reading = [Heading("How to read this analysis", anchor="reading"), *legend(case)]
    body: list[Block] = [*about, *reading]
    for section in analysis.sections:
        body += [Heading(section.title, anchor=section.anchor), *section.body]
    return (*body, *sign_off, *analysis.sources)


def _whose(case: Case) -> str:
    """Whose analysis this is: the court must know who wrote it and when."""
    authorship = case.authorship
    worker = authorship.social_worker
    written = f"Written by {worker.name}, {worker.role.lower()}, {authorship.agency.name}"
    signed = authorship.social_worker_signed_on
    return written + (f", and signed on {long_date(signed)}." if signed else f", on {long_date(case.prepared_on)}.")
