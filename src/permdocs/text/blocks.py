"""A small document model for the pieces several documents share.

The draft appendix, the options grids, the analysis summary and the sources
list are built once, as blocks, by the document builders; each writer draws
blocks its own way (``writers/html_blocks.py``, ``writers/docx_blocks.py``).
Templates print them with the ``blocks`` filter: ``{{ x|blocks }}`` in HTML,
``{{p x|blocks }}`` in Word. So the two formats cannot drift apart.

Blocks are frozen dataclasses of plain values: contexts that hold them stay
picklable, and the template sandbox lets templates read their fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import InitVar, dataclass
from functools import cached_property
from typing import Literal

from ..base.narrative import NarrativeText

#: How a paragraph reads: ordinary text, a warning that something is missing,
#: a small note under a point (weight, sources), or a caption-like label.
ParagraphStyle = Literal["body", "warning", "note", "draft"]


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is a section of the document (HTML h2, Word Heading 1).

    ``anchor`` makes it a target for a table of contents (an HTML id, a Word
    bookmark); ``new_page`` starts it on a new page in print and in Word.
    """

    text: str
    level: int = 1
    anchor: str | None = None
    new_page: bool = False


@dataclass(frozen=True)
class ContentsEntry:
    text: str
    anchor: str
    level: int = 1


@dataclass(frozen=True)
class Contents:
    """A table of contents of headings with anchors: in the PDF, links with
    page numbers; in Word, links with PAGEREF fields for the page numbers.
    ``landscape``: it sits on a landscape page (the page numbers' tab stop)."""

    entries: tuple[ContentsEntry, ...]
    landscape: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``keep_with_next`` keeps it on the page of what follows
    (a lead-in such as "What may be sent:" never ends a page alone).
    ``picture`` is a small picture at its start with the words beside it,
    and nothing else beside it (a young child's copy: see :func:`beside`)."""

    runs: tuple[Run, ...]
    style: ParagraphStyle = "body"
    keep_with_next: bool = False
    picture: "Picture | None" = None

    @property
    def labelled_fact(self) -> bool:
        """``Evidence relied on: ...``: a bold label ending in a colon, then
        its value. A court copy numbers the argument's paragraphs, not these."""
        return bool(self.runs) and self.runs[0].bold and self.runs[0].text.rstrip().endswith(":")


@dataclass(frozen=True)
class Markdown:
    """A narrative from the case, in permdocs' Markdown subset."""

    text: NarrativeText


@dataclass(frozen=True)
class Bullets:
    """A bulleted list of short items (HTML ul, Word's List Bullet style);
    ``keep_together`` keeps a short list whole on one page."""

    items: tuple[str, ...]
    keep_together: bool = False


@dataclass(frozen=True)
class Row:
    """A table row: an optional row label (shown as a header cell) and cells of blocks."""

    cells: tuple[tuple["Block", ...], ...]
    label: str | None = None


#: Tables of up to this many rows are kept on one page where they fit.
SHORT_TABLE_ROWS = 8


@dataclass(frozen=True)
class Table:
    """A table whose header row repeats on every page and whose rows never split.

    ``widths`` are relative column widths, label column included;
    ``landscape`` says the table is meant for a landscape page. Rows never
    split across pages unless ``rows_may_split``: for rows holding long
    lists, where keeping them whole would leave half-empty pages.
    ``keep_together`` keeps a table of any length on one page where it
    fits; False lets even a short table break between rows (a grid of few
    but tall rows, which moved whole would strand its heading); the default,
    None, keeps short tables together (see :attr:`keeps_together`);
    ``for_signing`` makes each body row tall enough to sign in by hand
    (:data:`SIGNING_ROW_MM`).
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...]
    landscape: bool = False
    rows_may_split: bool = False
    keep_together: bool | None = None
    for_signing: bool = False

    @property
    def keeps_together(self) -> bool:
        """Whether the table moves to the next page whole rather than leave
        its header, or a row, behind: asked for, or short (a sign-off table,
        a summary grid)."""
        if self.keep_together is not None:
            return self.keep_together
        return not self.rows_may_split and len(self.rows) <= SHORT_TABLE_ROWS


#: The height of a row to sign in: room for a handwritten signature.
SIGNING_ROW_MM = 15


@dataclass(frozen=True)
class Picture:
    """An image from the case (PNG or JPEG bytes), shown at ``width_mm`` by
    ``height_mm`` (already scaled to fit, keeping its aspect ratio), with a
    description for readers who cannot see it."""

    data: bytes
    mime: str
    alt_text: str
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class Diagram:
    """A picture permdocs draws from the case (a genogram, a timeline): an
    SVG document for HTML and PDF, where its words stay real text that can
    be searched and read aloud; the same picture as PNG for Word; and its
    content in words for a reader who cannot see it. Its drawer escapes the
    SVG's text: the writers put it into the page as it is."""

    svg: str
    # The PNG is drawn only when a writer first asks for it (only Word does):
    # rasterising a timeline or a genogram at print resolution costs more
    # than building the rest of the document's context, so a PDF or an HTML
    # file should not pay for it. The drawer must pickle (a module-level
    # function, or a functools.partial of one), as blocks do. It is not a
    # field: templates read fields, and have no use for a drawer.
    draw_png: InitVar[Callable[[], bytes]]
    alt_text: str
    width_mm: float
    height_mm: float

    def __post_init__(self, draw_png: Callable[[], bytes]) -> None:
        object.__setattr__(self, "_draw_png", draw_png)

    @cached_property
    def png(self) -> bytes:
        """The same picture as PNG, drawn on first use and kept."""
        return self._draw_png()  # type: ignore[attr-defined,no-any-return]

    def as_picture(self) -> Picture:
        """The PNG, for a format that cannot show SVG."""
        return Picture(self.png, "image/png", self.alt_text, self.width_mm, self.height_mm)


def contents_of(body: tuple[Block, ...] | list[Block], levels: int = 2, *, landscape: bool = False) -> Contents:
    """A contents block listing the body's anchored headings down to ``levels``."""
    return Contents(tuple(
        ContentsEntry(block.text, block.anchor, block.level)
        for block in body if isinstance(block, Heading) and block.anchor and block.level <= levels
    ), landscape)


def fitted(width_px: int, height_px: int, box_mm: tuple[float, float]) -> tuple[float, float]:
    """The largest size within ``box_mm`` (width, height) with the image's aspect ratio."""
    scale = min(box_mm[0] / width_px, box_mm[1] / height_px)
    return round(width_px * scale, 1), round(height_px * scale, 1)


Block = Heading | Paragraph | Markdown | Bullets | Table | Contents | Picture | Diagram
#: The block classes, for isinstance checks of one block against a sequence.
BLOCK_TYPES = (Heading, Paragraph, Markdown, Bullets, Table, Contents, Picture, Diagram)


def text(value: str, style: ParagraphStyle = "body", *, bold: bool = False, keep_with_next: bool = False) -> Paragraph:
    """A one-run paragraph."""
    return Paragraph((Run(value, bold=bold),), style, keep_with_next)


def beside(picture: Picture, value: str) -> Paragraph:
    """Words with a small picture to their left; what follows starts below both."""
    return Paragraph((Run(value),), picture=picture)


#: A legal reference such as "s.20", "s. 14A" or "Sch 3", which must never
#: break across a line (HTML keeps it whole, Word gets a no-break space).
LEGAL_REFERENCE = re.compile(r"\b(?:ss?|reg|para|Sch)\.?\s?\d+[A-Z]?(?:\(\d+\))*(?![.\d\w])")
