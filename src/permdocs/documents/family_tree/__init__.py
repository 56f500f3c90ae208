"""The family tree: the child's genogram, drawn from the case's people
(:mod:`permdocs.practice.genogram`), then the same facts in words, so a
reader who cannot see the picture, or prints it in black and white, reads
the same. Each copy is drawn from that copy's redacted case: the family's
and the court's copies name the carers only as their copy allows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...case import Case
from ...practice.genogram import Genogram, genogram
from ...text.blocks import Block, Bullets, Heading, text
from ...text.templating import long_date
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info, genogram_block
from ..declaration import ResolvedRequest

#: The largest the picture is drawn on a landscape A4 page, in millimetres:
#: the page's width inside its margins, and the height left under the title
#: block on the first page; a large family whose words would be too small
#: there gets a page of its own.
PICTURE_BOX_MM = (255.0, 85.0)
PAGE_BOX_MM = (255.0, 150.0)


@dataclass(frozen=True)
class FamilyTreeDocument:
    """Everything the family-tree templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> FamilyTreeDocument:
    drawn = genogram(case, box_mm=PICTURE_BOX_MM, larger_box_mm=PAGE_BOX_MM)
    return FamilyTreeDocument(
        document=document_info(case, request, "Family tree", "Drawn from the case records"),
        child=child_identity(case),
        body=_picture_and_words(case, drawn),
    )


def _picture_and_words(case: Case, drawn: Genogram) -> tuple[Block, ...]:
    """The picture, then the same facts in words; where the picture needs a
    page of its own, the words come first, so that the first page is not
    left nearly empty."""
    name = case.child.preferred_name
    if drawn.height_mm > PICTURE_BOX_MM[1]:
        return (*_in_words(case, drawn), *_picture(name, drawn))
    return (*_picture(name, drawn), *_in_words(case, drawn))


def _picture(name: str, drawn: Genogram) -> tuple[Block, ...]:
    return (Heading(f"{name}'s family tree", anchor="tree"), genogram_block(drawn))


def _in_words(case: Case, drawn: Genogram) -> tuple[Block, ...]:
    # The note on where the tree comes from has no heading of its own: a
    # heading and its three lines would not fit under the list on the first
    # page, and a page holding only them reads as if something were missing.
    return (
        Heading("Who is who", anchor="who"),
        text(drawn.summary),
        Bullets(drawn.who_is_who),
        text(
            f"The tree and this list show what the case records said on {long_date(case.prepared_on)}. "
            "A grey symbol with a question mark is a parent the records do not name, and a dotted line joins two "
            "parents whose relationship as a couple the records do not describe. Ask the social worker to correct "
            "anything that is wrong."
        ),
    )
