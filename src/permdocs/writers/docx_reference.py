"""A council's reference Word file, applied as pandoc's ``--reference-doc`` is.

Its styles replace the template's (styles the template has and the reference
lacks are kept, so permdocs' own table and note styles still exist), and its
default header and footer replace every header and footer of the template.
List styles keep the template's numbering, which the template's own
numbering part defines.
"""

from __future__ import annotations

import copy
import io
import itertools
from collections.abc import Iterator

from docx.document import Document
from docx.oxml.ns import qn

_R_EMBED = qn("r:embed")
_DOC_PR = qn("wp:docPr")


def apply_reference_docx(word: Document, reference: Document) -> None:
    """Apply the reference's styles, header and footer to ``word``, in place."""
    _apply_styles(word, reference)
    _apply_header_and_footer(word, reference)


#: Drawing ids (wp:docPr) must be unique in a document; pictures copied
#: into several headers are numbered from here on.
_FIRST_COPIED_DRAWING_ID = 90001


def _apply_styles(word: Document, reference: Document) -> None:
    ours = word.styles.element
    merged = copy.deepcopy(reference.styles.element)
    theirs = {style.styleId for style in merged.style_lst}
    for style in ours.style_lst:
        if style.styleId not in theirs:
            merged.append(copy.deepcopy(style))
            continue
        # Keep our numbering on list styles: numIds point into our numbering part.
        our_numbering = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        their_style = merged.get_by_id(style.styleId)
        their_ppr = their_style.find(qn("w:pPr"))
        their_numbering = their_ppr.find(qn("w:numPr")) if their_ppr is not None else None
        if their_numbering is not None:
            their_ppr.remove(their_numbering)
        if our_numbering is not None:
            their_style.get_or_add_pPr().insert_element_before(
                copy.deepcopy(our_numbering), *_AFTER_NUMPR
            )
    word.part._styles_part._element = merged  # type: ignore[attr-defined]


#: Elements that follow w:numPr inside w:pPr (OOXML schema order).
_AFTER_NUMPR = tuple(
    f"w:{name}" for name in (
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
        "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
        "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    )
)


def _apply_header_and_footer(word: Document, reference: Document) -> None:
    source = reference.sections[0]
    drawing_ids = itertools.count(_FIRST_COPIED_DRAWING_ID)
    for section in word.sections:
        for ours, theirs in ((section.header, source.header), (section.footer, source.footer)):
            if ours.is_linked_to_previous or theirs.is_linked_to_previous:
                continue
            _replace_story(ours, theirs, drawing_ids)


def _replace_story(ours, theirs, drawing_ids: Iterator[int]) -> None:  # type: ignore[no-untyped-def]
    target, origin = ours._element, theirs._element
    for child in list(target):
        target.remove(child)
    for child in origin:
        copied = copy.deepcopy(child)
        # Pictures in the reference's header (a council logo) come along:
        # each is added to our header part and its reference renumbered.
        for element in copied.iter():
            rel_id = element.get(_R_EMBED)
            if rel_id is not None and rel_id in theirs.part.rels:
                blob = theirs.part.rels[rel_id].target_part.blob
                new_id, _image = ours.part.get_or_add_image(io.BytesIO(blob))
                element.set(_R_EMBED, new_id)
            if element.tag == _DOC_PR:
                element.set("id", str(next(drawing_ids)))
        target.append(copied)
