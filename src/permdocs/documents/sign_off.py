"""Who wrote a document and who signed it off, as blocks: the court and the
Agency Decision Maker must know whose analysis they are reading, and a
document still awaiting a signature says so plainly rather than look final."""

from __future__ import annotations

from .. import blocks
from ..blocks import Block, Row, Table
from ..case import Case
from ..templating import long_date


def sign_off_table(case: Case, caption: str = "Signed") -> Table:
    """The social worker's and the team manager's names, roles and dates."""
    authorship = case.authorship
    rows = tuple(
        Row((
            (blocks.text(person.name),),
            (blocks.text(person.role),),
            (blocks.text(f"Signed on {long_date(on)}" if on else "Not yet signed"),),
        ))
        for person, on in (
            (authorship.social_worker, authorship.social_worker_signed_on),
            (authorship.team_manager, authorship.team_manager_signed_on),
        )
    )
    return Table(caption, ("Name", "Role", "Signature"), rows, (4, 4, 4))


def awaiting_sign_off(case: Case, what: str) -> Block | None:
    """A warning that ``what`` ("This analysis") is not yet signed, naming by
    role who has still to sign; None once both have signed."""
    authorship = case.authorship
    missing = [
        role for role, signed in (
            ("the social worker", authorship.social_worker_signed_on),
            ("the team manager", authorship.team_manager_signed_on),
        ) if signed is None
    ]
    if not missing:
        return None
    return blocks.text(f"{what} is awaiting sign-off by {' and '.join(missing)}.", "warning")
