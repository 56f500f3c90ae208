"""The genogram: the child's family drawn from the case's people.

Three steps, each readable on its own:

1. :func:`family_of` reads the case into a small family graph: the people
   a genogram shows, the couples (partnerships) and whose children they
   are. Where the case gives no ``parent_ids`` it infers the usual ones
   (see that function's docstring), so every sample draws sensibly.
2. :func:`layout_of` asks Graphviz's ``dot`` where each person goes. dot
   does the hard part (generations as ranks, the order in each rank that
   crosses the fewest lines, the spacing); we read its coordinates back
   as JSON. Couples are tied into one rank through a small "union" point
   between them, from which their children hang.
3. :func:`draw` draws the standard genogram from those coordinates: the
   symbols, the couple lines with their marks, the lines down to the
   children, the household outline and the key. One list of shapes is
   written twice, as SVG (text kept as ``<text>``) and as a PNG at 200 dpi
   (Pillow, with the bundled Liberation Sans), so both show the same.

Each audience's copy is drawn from its already-redacted case: a withheld
name is already empty, and the person is labelled by their relationship
("Poppy's prospective adopters"). Nothing here quotes the case into an
error message. Output is deterministic: no dates, versions or random ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial

from ...case import Case
from .drawing import DEFAULT_BOX_MM, MAX_ENLARGEMENT, draw
from .family import Family, Member, Union, family_of
from .layout import DOT_TIMEOUT_SECONDS, Layout, dot_source, layout_of
from .marks import FONT_SIZE, to_png, to_svg
from .words import in_words, structure_of

__all__ = [
    "DOT_TIMEOUT_SECONDS", "FONT_SIZE", "Family", "Genogram", "Layout", "Member", "Union", "dot_source", "family_of",
    "genogram", "layout_of",
]


@dataclass(frozen=True)
class Genogram:
    """The drawn genogram: SVG, its size, the same in words, and the PNG,
    drawn from the same marks only when it is first asked for (Word's copy
    needs it; a PDF or a web page does not)."""

    svg: str
    width_mm: float
    height_mm: float
    alt_text: str
    summary: str
    who_is_who: tuple[str, ...]
    structure: str
    #: The PNG's drawer: the marks and their size, ready to rasterise.
    draw_png: Callable[[], bytes] = field(compare=False, repr=False)

    @cached_property
    def png(self) -> bytes:
        return self.draw_png()


def genogram(
    case: Case, *, box_mm: tuple[float, float] = DEFAULT_BOX_MM, larger_box_mm: tuple[float, float] | None = None,
    relationship_words: Callable[[str], str] | None = None,
) -> Genogram:
    """The case's genogram, drawn to fit ``box_mm`` (width, height), with the
    same in words (see the module's notes). Where fitting that box would
    shrink its words below 7 pt, it is drawn to fit ``larger_box_mm``
    instead, if given (a page of its own). ``relationship_words`` rewrites
    the relationship under each symbol (the later-life letter's "your birth
    mum"; the child's own, empty, becomes what it returns for ""). Raises
    DrawingError where dot is missing, fails or takes too long."""
    family = family_of(case)
    if relationship_words is not None:
        family = replace(family, members=tuple(
            replace(m, relationship=relationship_words(m.relationship)) for m in family.members
        ))
    layout = layout_of(family, case_reference=case.child.case_reference)
    marks, width, height = draw(layout, box_mm)
    natural = 25.4 / 72
    scale = min(box_mm[0] / width, box_mm[1] / height, natural * MAX_ENLARGEMENT)
    if larger_box_mm is not None and scale < natural * 7 / FONT_SIZE:
        box_mm = larger_box_mm
        marks, width, height = draw(layout, box_mm)
        scale = min(box_mm[0] / width, box_mm[1] / height, natural * MAX_ENLARGEMENT)
    width_mm, height_mm = round(width * scale, 1), round(height * scale, 1)
    summary, who = in_words(case, family)
    alt_text = " ".join([summary, *who])
    return Genogram(
        # The SVG's title is the whole alt text: a tagged PDF takes its
        # Figure's alternate description from it.
        svg=to_svg(marks, width, height, width_mm, height_mm, alt_text),
        width_mm=width_mm,
        height_mm=height_mm,
        alt_text=alt_text,
        summary=summary,
        who_is_who=who,
        structure=structure_of(layout),
        draw_png=partial(to_png, marks, width, height),
    )


