"""Who wrote a document and who signed it off, as blocks: the court and the
Agency Decision Maker must know whose analysis or report they are reading,
and a document still awaiting a signature says so plainly rather than look
final (the same sentence as under its title, DocumentInfo.awaiting_sign_off)."""

from __future__ import annotations

from ..case import Case
from ..text.blocks import Block, Row, Table, text
from ..text.templating import long_date
from .common import DocumentInfo


def sign_off_table(case: Case, *, landscape: bool = False) -> Table:
    """The social worker and the team manager, each with the date signed and
    a space to sign the printed copy by hand (rows tall enough to sign in);
    ``landscape``: the table spans a landscape page."""
    authorship = case.authorship
    rows = tuple(
        Row(((text(person.name),), (text(person.role),), (text(long_date(on) if on else "Not yet signed"),), ()))
        for person, on in (
            (authorship.social_worker, authorship.social_worker_signed_on),
            (authorship.team_manager, authorship.team_manager_signed_on),
        )
    )
    return Table("Signed by", ("Name", "Role", "Date", "Signature"), rows, (4, 3, 3, 4), landscape,
                 keep_together=True, for_signing=True)


def awaiting_note(info: DocumentInfo) -> Block | None:
    """At the sign-off, the words under the title: whose signature the
    document still needs; None once both have signed (or in a draft)."""
    if info.awaiting_sign_off is None:
        return None
    return text(f"Awaiting sign-off: {info.awaiting_sign_off}", "warning")
