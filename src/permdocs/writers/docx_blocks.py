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
#: The gap between a picture and the words beside it: 3 mm, in EMU (36,000 a millimetre).
PICTURE_GAP_EMU = 3 * 36000


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
            # The picture floats at the paragraph's left with the words beside it; the
            # closing break starts whatever follows below the picture (Word's "clear all").
            runs = f"<w:r><w:drawing>{self._beside(paragraph.picture)}</w:drawing></w:r>{runs}" \
                '<w:r><w:br w:type="textWrapping" w:clear="all"/></w:r>'
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

    def _beside(self, picture: Picture) -> str:
        """The picture as a floating shape at the start of its paragraph,
        words wrapping on its right (wp:anchor, in the schema's order)."""
        from docx.oxml.ns import qn
        from lxml import etree

        inline = self._inline(picture)
        anchor = etree.Element(qn("wp:anchor"), nsmap=inline.nsmap)
        for name, value in (
            ("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", str(PICTURE_GAP_EMU)), ("simplePos", "0"),
            ("relativeHeight", inline.docPr.get("id")), ("behindDoc", "0"), ("locked", "0"), ("layoutInCell", "1"),
            ("allowOverlap", "0"),
        ):
            anchor.set(name, value)
        etree.SubElement(anchor, qn("wp:simplePos"), x="0", y="0")
        for axis, relative_to in (("wp:positionH", "column"), ("wp:positionV", "paragraph")):
            position = etree.SubElement(anchor, qn(axis), relativeFrom=relative_to)
            etree.SubElement(position, qn("wp:posOffset")).text = "0"
        anchor.append(inline.find(qn("wp:extent")))
        etree.SubElement(anchor, qn("wp:effectExtent"), l="0", t="0", r="0", b="0")
        etree.SubElement(anchor, qn("wp:wrapSquare"), wrapText="right")
        for part in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
            anchor.append(inline.find(qn(part)))
        return etree.tostring(anchor).decode()

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
        header = _row([_cell(w, _plain(h)) for w, h in zip(widths, table.header)], header=True) if table.header else ""
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
        )
        # Word's legacy bit field for the same flags: first row 0x20, first column 0x80, no vertical bands 0x400.
        look = f"{0x400 | (0x20 if table.header else 0) | (0x80 if labelled else 0):04X}"
        first_column = "1" if labelled else "0"
        return (
            f'{caption}<w:tbl><w:tblPr><w:tblStyle w:val="{self.styles["Permdocs Table"]}"/>'
            f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="{look}" w:firstRow="{int(bool(table.header))}" w:lastRow="0" w:firstColumn="{first_column}" w:lastColumn="0" '
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
