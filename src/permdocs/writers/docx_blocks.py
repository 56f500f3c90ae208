"""Blocks (permdocs.text.blocks) drawn as WordprocessingML; the ``blocks`` filter
of Word templates, printed with ``{{p x|blocks }}``.

Everything is drawn with the template's named styles (headings, Caption,
"Permdocs Table", "Permdocs Note", the list styles), so a council that
restyles its template in Word restyles these blocks too. Element order
follows the OOXML schema (in ``w:rPr``: b, i, color, sz), and every table
cell ends in a paragraph, as Word requires.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

from ..base import narrative
from ..text.blocks import (
    BLOCK_TYPES,
    LEGAL_REFERENCE,
    SIGNING_ROW_MM,
    Block,
    Bullets,
    Contents,
    Diagram,
    Heading,
    Markdown,
    Paragraph,
    Picture,
    Run,
    Table,
)

#: Text widths of A4 pages with 18 mm margins, in twentieths of a point.
TEXT_WIDTH = {True: 16838 - 2 * 1020, False: 11906 - 2 * 1020}
DRAFT_RED = "B00020"
#: The gap between a picture and the words beside it: 3 mm, in twentieths of a point.
PICTURE_GAP_TWIPS = round(3 * 1440 / 25.4)


class WordBlocks:
    """Draws blocks with one template's style ids and list numbering."""

    def __init__(
        self,
        styles: Mapping[str, str],
        restart_numbering: narrative.RestartNumbering,
        add_image: Callable[[bytes], str] | None = None,
    ):
        self.styles = styles
        self.restart_numbering = restart_numbering
        #: Adds an image to the package and returns its relationship id.
        self.add_image = add_image

    def __call__(self, value: Block | Iterable[Block]) -> Markup:
        blocks = [value] if isinstance(value, BLOCK_TYPES) else list(value)
        return Markup("".join(self.block(block) for block in blocks) or "<w:p/>")

    def block(self, block: Any) -> str:
        draw = {
            Heading: self.heading, Contents: self.contents, Picture: self.picture,
            Diagram: lambda diagram: self.picture(diagram.as_picture()), Paragraph: self.paragraph,
            Markdown: self.markdown, Bullets: self.bullets, Table: self.table,
        }.get(type(block))
        if draw is None:
            # A new kind of block must be taught to every writer, not drawn as something else.
            raise TypeError(f"the Word writer cannot draw a {type(block).__name__} block")
        return str(draw(block))

    def heading(self, block: Heading) -> str:
        style = self.styles[f"Heading {min(block.level, 3)}"]
        page_break = "<w:pageBreakBefore/>" if block.new_page else ""
        text = run_xml(Run(block.text))
        if block.anchor:
            # A bookmark, so the contents' hyperlinks and Word's TOC find the heading.
            number = self._bookmark_id(block.anchor)
            text = f'<w:bookmarkStart w:id="{number}" w:name="{_bookmark(block.anchor)}"/>{text}<w:bookmarkEnd w:id="{number}"/>'
        return f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/>{page_break}</w:pPr>{text}</w:p>'

    def markdown(self, block: Markdown) -> str:
        return str(narrative.to_wordml(block.text.source, self.restart_numbering, self.styles))

    def bullets(self, block: Bullets) -> str:
        style = self.styles["List Bullet"]
        last = len(block.items) - 1
        return "".join(
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{"<w:keepNext/>" if block.keep_together and n < last else ""}'
            f'</w:pPr>{run_xml(Run(item))}</w:p>'
            for n, item in enumerate(block.items)
        )

    def _bookmark_id(self, anchor: str) -> int:
        # Ids must be unique in the document; numbering from a high base keeps
        # clear of any bookmark a template already holds.
        ids = self.__dict__.setdefault("_bookmarks", {})
        return ids.setdefault(anchor, 9000 + len(ids))

    def contents(self, contents: Contents) -> str:
        """Each entry a link to its heading, a dot leader and a PAGEREF field
        for its page: LibreOffice fills the page numbers as it opens the file,
        Word when it prints or updates fields (F9), and neither asks first.
        (A TOC field would show only the numbers stored in it, which cannot be
        known before Word lays the pages out.)"""
        style = self.styles.get("TOC Heading", self.styles["Heading 1"])
        heading = f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/></w:pPr>{run_xml(Run("Contents"))}</w:p>'
        width = TEXT_WIDTH[contents.landscape]
        paragraphs = []
        for entry in contents.entries:
            bookmark = _bookmark(entry.anchor)
            style = self.styles.get(f"TOC {min(entry.level, 2)}")
            style = f'<w:pStyle w:val="{style}"/>' if style else ""
            indent = f'<w:ind w:left="{360 * (entry.level - 1)}"/>' if entry.level > 1 else ""
            properties = f'<w:pPr>{style}<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>{indent}</w:pPr>'
            link = f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{run_xml(Run(entry.text), bold=entry.level == 1)}</w:hyperlink>'
            page = (
                '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            paragraphs.append(f"<w:p>{properties}{link}{page}</w:p>")
        return heading + "".join(paragraphs)

    def picture(self, picture: Picture) -> str:
        """An inline picture with its description as alt text (docPr descr)."""
        from lxml import etree

        drawing = etree.tostring(self._inline(picture)).decode()
        return f"<w:p><w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>"

    def paragraph(self, paragraph: Paragraph) -> str:
        style = f'<w:pStyle w:val="{self.styles["Permdocs Note"]}"/>' if paragraph.style == "note" else ""
        keep = "<w:keepNext/>" if paragraph.keep_with_next else ""
        properties = f"<w:pPr>{style}{keep}</w:pPr>" if style or keep else ""
        runs = "".join(
            run_xml(run, bold=run.bold or paragraph.style in ("warning", "draft"), colour=DRAFT_RED if paragraph.style == "draft" else None)
            for run in paragraph.runs
        )
        if paragraph.picture is not None:
            return self._beside(paragraph.picture, f"<w:p>{properties}{runs}</w:p>")
        return f"<w:p>{properties}{runs}</w:p>"

    def _inline(self, picture: Picture) -> Any:
        from docx.oxml.shape import CT_Inline
        from docx.shared import Mm

        if self.add_image is None:
            raise TypeError("this Word template cannot hold pictures")
        shape_id = 5000 + self.__dict__.setdefault("_pictures", [0]).__len__()
        self._pictures.append(shape_id)  # type: ignore[attr-defined]
        inline = CT_Inline.new_pic_inline(
            shape_id, self.add_image(picture.data), "picture", Mm(picture.width_mm), Mm(picture.height_mm)
        )
        inline.docPr.set("descr", picture.alt_text)
        return inline

    def _beside(self, picture: Picture, words: str) -> str:
        """The picture in line in a cell at the left, the words in a cell at
        its right: a layout table, with no table style, no header row and no
        borders, which Word's accessibility checker takes for layout. A
        floating picture (wp:anchor) would look the same, but Word's checker
        warns of it, as a screen reader may read it out of place; here the
        picture comes first and its words after it."""
        from lxml import etree

        drawing = etree.tostring(self._inline(picture)).decode()
        picture_width = round(picture.width_mm * 1440 / 25.4) + PICTURE_GAP_TWIPS
        # The child's copy, the one document with pictures beside words, is portrait.
        words_width = TEXT_WIDTH[False] - picture_width
        no_margin = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("left", "right"))
        picture_cell = _cell(picture_width, f"<w:p><w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>")
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="{picture_width + words_width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{no_margin}</w:tblCellMar>"
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f'</w:tblPr><w:tblGrid><w:gridCol w:w="{picture_width}"/><w:gridCol w:w="{words_width}"/></w:tblGrid>'
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{picture_cell}{_cell(words_width, words)}</w:tr></w:tbl>"
        )

    def table(self, table: Table) -> str:
        labelled = any(row.label is not None for row in table.rows)
        width = TEXT_WIDTH[table.landscape]
        total = sum(table.widths)
        widths = [width * w // total for w in table.widths]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        # A table kept together keeps every row but the last with the next
        # (keepNext on their paragraphs), as Word has no "keep table together";
        # every header row keeps with the first row below it.
        kept = table.keeps_together
        # A table of labelled facts has no header row: its row labels say what each value is.
        # Word, which has no row headers, names it in a header row instead of a caption
        # above it: its accessibility checker, and a screen reader, find a header row.
        names = table.header or ((table.caption,) + ("",) * (len(widths) - 1) if labelled else ())
        header = _row([_cell(w, _plain(h)) for w, h in zip(widths, names)], header=True) if names else ""
        body = "".join(
            _row(
                [_cell(w, content) for w, content in zip(widths, self._cells(row, labelled))],
                may_split=table.rows_may_split,
                keep_with_next=kept and index < len(table.rows) - 1,
                height_mm=SIGNING_ROW_MM if table.for_signing else None,
            )
            for index, row in enumerate(table.rows)
        )
        caption = (
            f'<w:p><w:pPr><w:pStyle w:val="{self.styles["Caption"]}"/><w:keepNext/></w:pPr>{run_xml(Run(table.caption))}</w:p>'
            if table.header or not labelled else ""
        )
        # Word's legacy bit field for the same flags: first row 0x20, first column 0x80, no vertical bands 0x400.
        look = f"{0x400 | (0x20 if names else 0) | (0x80 if labelled else 0):04X}"
        first_column = "1" if labelled else "0"
        return (
            f'{caption}<w:tbl><w:tblPr><w:tblStyle w:val="{self.styles["Permdocs Table"]}"/>'
            f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="{look}" w:firstRow="{int(bool(names))}" w:lastRow="0" w:firstColumn="{first_column}" w:lastColumn="0" '
            'w:noHBand="1" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{header}{body}</w:tbl>"
            # Word needs a paragraph between a table and whatever follows it.
            "<w:p/>"
        )

    def _cells(self, row: Any, labelled: bool) -> list[str]:
        label = [_plain(row.label or "")] if labelled else []
        return label + [self(cell) for cell in row.cells]

def _row(
    cells: list[str], header: bool = False, may_split: bool = False, keep_with_next: bool = False,
    height_mm: float | None = None,
) -> str:
    # The header row repeats on every page and keeps with the row below it;
    # other rows split only if allowed, and keep with the next only in a
    # table kept together. A row to sign in is at least height_mm tall.
    if header:
        properties = "<w:cantSplit/><w:tblHeader/>"
        keep_with_next = True
    else:
        properties = "" if may_split else "<w:cantSplit/>"
    if height_mm is not None:
        properties += f'<w:trHeight w:val="{round(height_mm * 1440 / 25.4)}" w:hRule="atLeast"/>'
    properties = f"<w:trPr>{properties}</w:trPr>" if properties else ""
    content = "".join(cells)
    return f"<w:tr>{properties}{_keeping_with_next(content) if keep_with_next else content}</w:tr>"


def _keeping_with_next(xml: str) -> str:
    """The same paragraphs, each kept with the next. ``w:keepNext`` follows
    ``w:pStyle`` and precedes everything else in ``w:pPr`` (schema order);
    the paragraphs here are our own, written as ``<w:p>`` or ``<w:p/>``, so
    no parse is needed (and pictures' namespaces cannot trip one)."""
    xml = xml.replace("<w:p/>", "<w:p></w:p>")
    xml = re.sub(r"<w:p>(?!<w:pPr>)", "<w:p><w:pPr><w:keepNext/></w:pPr>", xml)
    xml = re.sub(r'<w:p><w:pPr>(<w:pStyle w:val="[^"]*"/>)(?!<w:keepNext/>)', r"<w:p><w:pPr>\1<w:keepNext/>", xml)
    xml = re.sub(r"<w:p><w:pPr>(?!<w:pStyle |<w:keepNext/>)", "<w:p><w:pPr><w:keepNext/>", xml)
    return xml


def _cell(width: int, content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content or "<w:p/>"}</w:tc>'


def _bookmark(anchor: str) -> str:
    """A Word bookmark name: letters, digits and underscores, starting with a letter."""
    return "_pd_" + "".join(c if c.isalnum() else "_" for c in anchor)[:36]


def _plain(text: str) -> str:
    return f"<w:p>{run_xml(Run(text))}</w:p>" if text else "<w:p/>"


def run_xml(run: Run, *, bold: bool = False, colour: str | None = None) -> str:
    # Schema order inside w:rPr: b, i, color.
    properties = (
        ("<w:b/>" if bold or run.bold else "")
        + ("<w:i/>" if run.italic else "")
        + (f'<w:color w:val="{colour}"/>' if colour else "")
    )
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    # Word breaks lines only at spaces, so a no-break space keeps "s. 20" whole.
    words = LEGAL_REFERENCE.sub(lambda m: m.group(0).replace(" ", "\u00a0"), run.text)
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(words)}</w:t></w:r>'
