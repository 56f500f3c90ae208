"""The family-time (contact) agreement (brief section 4.4): one per
arrangement in the case, in a copy for each party.

The agency, the carers and the birth family get the same agreement
(``agreement.py``), each from a case already redacted for them
(permdocs.safeguarding.redaction): the birth family's copy has no carer's surname,
address or contact details and nothing that places the child. The child's
copy (``child_copy.py``) is a short page in plain words, in a letter-like
layout of its own in Word too (``family-time-child.docx``). The agency's
and carers' copies also come as calendar files (``calendar.py``). The body
is built as blocks (permdocs.text.blocks), so the HTML and Word templates are
thin and say the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...case import Case
from ...case.family_time import FamilyTimeArrangement, FamilyTimeKind
from ...text.blocks import Block
from ...text.templating import capfirst
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from ..declaration import Output, ResolvedRequest
from .agreement import full_agreement
from .calendar import CalendarEvent, calendar_events
from .child_copy import child_copy, child_title
from .sessions import sessions_of
from .words import Words

__all__ = ["CalendarEvent", "FamilyTimeAgreement", "build_context", "outputs"]

#: The subtitle's opening, by kind: "Letters through the agency with Kerry (birth mother)".
_KIND_PHRASES = {
    FamilyTimeKind.DIRECT: "Meeting",
    FamilyTimeKind.SIBLING: "Time together with",
    FamilyTimeKind.VIDEO: "Video calls with",
    FamilyTimeKind.PHONE: "Phone calls with",
    FamilyTimeKind.LETTERBOX: "Letters through the agency with",
    FamilyTimeKind.INDIRECT_OTHER: "Cards and news with",
}


@dataclass(frozen=True)
class FamilyTimeAgreement:
    """Everything the family-time agreement's templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    #: True for the child's own copy, laid out as a short letter-like page.
    for_child: bool
    #: True for the child's copy drawn with pictures, for a young child.
    picture_copy: bool
    #: The child's copy's heading, e.g. "Keeping in touch with Jayden".
    child_title: str
    body: tuple[Block, ...]
    #: Calendar entries, for the copies that may have a calendar file (None otherwise).
    calendar: tuple[CalendarEvent, ...] | None


def build_context(case: Case, request: ResolvedRequest) -> FamilyTimeAgreement:
    """The agreement for the first arrangement (see :func:`outputs` for all)."""
    return outputs(case, request)[0].context


def outputs(case: Case, request: ResolvedRequest) -> list[Output]:
    """One agreement per arrangement, or only the one the request names.

    Each file is named by the arrangement's id, or, in a copy whose reader
    must not see a word the id holds ("dunholt-park-plumbridge"), by its
    place in the case ("arrangement-2"); check FT-008 asks for a neutral id."""
    # The pipeline has checked the option against the case's arrangements (document.toml).
    wanted = request.options.get("arrangement")
    # The child's copy is drawn in its own Word layout, family-time-child.docx.
    layout = "child" if request.audience.for_a_child else ""
    return [
        Output(
            _agreement(case, request, arrangement), arrangement.id, f"arrangement-{index + 1}", _lacks(index, arrangement),
            layout,
        )
        for index, arrangement in enumerate(case.family_time)
        if wanted is None or arrangement.id == wanted
    ]


def _lacks(index: int, arrangement: FamilyTimeArrangement) -> dict[str, str]:
    if arrangement.schedule is not None:
        return {}
    return {"ics": (
        f"The family-time arrangement at $.family_time[{index}] has no schedule, so there are no dates for a "
        "calendar file: give it a schedule, or leave ics out of --format."
    )}


def _agreement(case: Case, request: ResolvedRequest, arrangement: FamilyTimeArrangement) -> FamilyTimeAgreement:
    words = Words(case, request, arrangement)
    sessions = sessions_of(case, words.arrangement)
    for_child = request.audience.for_a_child
    title = f"{capfirst(request.profile.terms.family_time)} agreement"
    subtitle = f"{_KIND_PHRASES[arrangement.kind]} {words.with_whom}"
    in_calendar = f"{_KIND_PHRASES[arrangement.kind]} {words.with_whom_by_first_name}"
    # The copies that come as a calendar file (document.toml) carry its entries.
    with_calendar = "ics" in request.document.formats_for(request.audience)
    calendar = calendar_events(words, sessions, in_calendar) if with_calendar else None
    document = document_info(case, request, title, subtitle)
    if for_child:
        # Like the later-life letter, the child's own page carries no government marking:
        # the agency's and the carers' copies, which hold every detail, do.
        document = replace(document, protective_marking="")
    return FamilyTimeAgreement(
        document=document,
        child=child_identity(case),
        for_child=for_child,
        picture_copy=for_child and words.young_child,
        child_title=child_title(words),
        body=tuple(child_copy(words, sessions) if for_child else full_agreement(words, sessions)),
        calendar=None if calendar is None else tuple(calendar),
    )
