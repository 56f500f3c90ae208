"""Helpers for writing permdocs' Word templates with python-docx.

The templates are ordinary Word documents: named styles (Title, Heading 1-3,
List Bullet, List Number, "Permdocs Table"), A4 pages, a header and a footer.
Writing them from code keeps them reproducible and reviewable; a council can
still open the result in Word and restyle it.

Rules that keep docxtpl happy (see shared/engineering/PITFALLS.md, s.2):
every Jinja tag sits inside one run; ``{%p %}``/``{%tr %}`` tags own their
whole paragraph or row; narratives use ``{{p ...|markdown }}``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)
FONT = "Arial"  # Liberation Sans, bundled for the PDF, has the same metrics.
TEXT_WIDTH_TWIPS = 11906 - 2 * 1020  # A4 width less two 18 mm margins

TABLE_STYLE_XML = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="PermdocsTable">
  <w:name w:val="Permdocs Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>
      <w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F1"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="firstCol">
    <w:rPr><w:b/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


class TemplateWriter:
    """Builds one Word template, paragraph by paragraph."""

    def __init__(self) -> None:
        self.doc = Document()
        self._set_up_page()
        self._set_up_styles()
        # python-docx's default document starts with no paragraphs; keep it so.

    # --- set-up ---------------------------------------------------------
    def _set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        section.header_distance = section.footer_distance = Mm(10)

    def _set_up_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12), ("Heading 3", 11)):
            style = styles[name]
            style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), ACCENT
            style.font.bold = True
            # Theme fonts would override the explicit font in Word.
            rfonts = style.element.rPr.find(qn("w:rFonts"))
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
            style.paragraph_format.space_before = Pt(14 if name != "Title" else 0)
            style.paragraph_format.space_after = Pt(4)
        for name in ("Header", "Footer"):
            styles[name].font.name, styles[name].font.size = FONT, Pt(8.5)
            # The default centre and right tab stops sit at US Letter widths.
            for tabs in styles[name].element.pPr.findall(qn("w:tabs")):
                styles[name].element.pPr.remove(tabs)
        styles.element.append(parse_xml(TABLE_STYLE_XML))
        # British English for spelling and hyphenation.
        defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = defaults.find(qn("w:lang"))
        if lang is None:
            lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
            defaults.append(lang)
        lang.set(qn("w:val"), "en-GB")

    def landscape_section(self) -> None:
        """Start a new page in landscape, for wide tables."""
        self._new_section(WD_ORIENT.LANDSCAPE, Mm(297), Mm(210))

    def portrait_section(self) -> None:
        """Start a new page in portrait again."""
        self._new_section(WD_ORIENT.PORTRAIT, Mm(210), Mm(297))

    def _new_section(self, orientation: WD_ORIENT, width: Mm, height: Mm) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = orientation
        section.page_width, section.page_height = width, height

    # --- header and footer --------------------------------------------
    def header(self, left: str, right: str) -> None:
        """The running header; drafts get a red DRAFT mark on every page."""
        paragraph = self.doc.sections[0].header.paragraphs[0]
        paragraph.style = self.doc.styles["Header"]
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH_TWIPS), WD_TAB_ALIGNMENT.RIGHT)
        mark = paragraph.add_run("{% if document.draft %}DRAFT · {% endif %}")
        mark.bold, mark.font.color.rgb = True, DRAFT_RED
        paragraph.add_run(left).bold = True
        paragraph.add_run("\t" + right)

    def draft_banner(self) -> None:
        """Under the title of a draft: what a draft is."""
        self.tag("{%p if document.draft %}")
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run("DRAFT: not for circulation or filing. The open findings of the practice checks are listed at the end.")
        run.bold, run.font.color.rgb = True, DRAFT_RED
        self.tag("{%p endif %}")

    def draft_appendix(self) -> None:
        """At the end of a draft: the findings still open."""
        self.tag("{%p if document.draft %}")
        self.heading("Appendix: open findings", 1)
        self.tag("{%p if document.findings %}")
        self.table(
            ["Severity", "Rule", "Where in the case", "Finding", "Source"],
            ["{{ f.severity }}", "{{ f.rule }}", "{{ f.path }}", "{{ f.message }}", "{{ f.source }}"],
            widths=[2, 2, 4, 7, 4],
            loop="f in document.findings",
        )
        self.tag("{%p else %}")
        self.para("The practice checks found nothing to fix.")
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")

    def footer(self, left: str) -> None:
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.style = self.doc.styles["Footer"]
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH_TWIPS), WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(left + "\tPage ")
        paragraph._p.append(_field("PAGE"))
        paragraph.add_run(" of ")
        paragraph._p.append(_field("NUMPAGES"))

    # --- body ------------------------------------------------------------
    def title(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Title")

    def heading(self, text: str, level: int) -> None:
        self.doc.add_paragraph(text, style=f"Heading {level}")

    def para(self, *runs: str | tuple[str, str]) -> None:
        """A paragraph of runs; ``("b", text)`` is bold, ``("i", text)`` italic."""
        paragraph = self.doc.add_paragraph()
        _add_runs(paragraph, runs)

    def tag(self, tag: str) -> None:
        """A paragraph that holds only a docxtpl tag: ``{%p ... %}`` or ``{{p ... }}``."""
        self.doc.add_paragraph(tag)

    def narrative(self, expression: str) -> None:
        self.tag(f"{{{{p {expression}|markdown }}}}")

    def table(
        self,
        headers: Sequence[str] | None,
        cells: Sequence[Sequence[str | tuple[str, str]] | str],
        widths: Sequence[int],
        loop: str | None = None,
        first_column: bool = False,
    ) -> None:
        """A table in the Permdocs Table style.

        ``headers`` become a header row that repeats on every page. ``cells``
        is one row: each cell is a string or a list of paragraphs, where a
        paragraph is a string of runs or a ``{{p }}``/``{%p %}`` tag. With
        ``loop`` (e.g. ``"row in legal.current"``) the row repeats per item.
        """
        rows = (1 if headers else 0) + (3 if loop else 1)
        table = self.doc.add_table(rows=rows, cols=len(cells))
        table.style = self.doc.styles["Permdocs Table"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _table_look(table, first_row=bool(headers), first_column=first_column)
        _column_widths(table, widths)
        index = 0
        if headers:
            _repeat_as_header(table.rows[0])
            for cell, text in zip(table.rows[0].cells, headers):
                cell.paragraphs[0].add_run(text)
            index = 1
        if loop:
            table.rows[index].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
            table.rows[index + 2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
            index += 1
        for cell, content in zip(table.rows[index].cells, cells):
            paragraphs = [content] if isinstance(content, str) else list(content)
            for number, runs in enumerate(paragraphs):
                paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                _add_runs(paragraph, runs if isinstance(runs, tuple | list) else (runs,))
        # Word needs a paragraph between consecutive tables.
        self.doc.add_paragraph()

    # --- output --------------------------------------------------------------
    def save(self, path: str) -> None:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        with open(path, "wb") as out:
            out.write(_without_python_docx_traces(buffer.getvalue()))


def _add_runs(paragraph, runs) -> None:  # type: ignore[no-untyped-def]
    for run in runs:
        if isinstance(run, tuple):
            kind, text = run
            added = paragraph.add_run(text)
            added.bold = kind == "b"
            added.italic = kind == "i"
        else:
            paragraph.add_run(run)


def _field(instruction: str):  # type: ignore[no-untyped-def]
    # A simple field: Word and LibreOffice compute the value on open and print.
    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
        f"<w:r><w:t>1</w:t></w:r></w:fldSimple>"
    )


def _repeat_as_header(row) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))


def _column_widths(table, widths: Sequence[float]) -> None:  # type: ignore[no-untyped-def]
    # Word reads the cell widths, LibreOffice the table grid: set both.
    twips = [int(width * TEXT_WIDTH_TWIPS / sum(widths)) for width in widths]
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips):
        grid_col.set(qn("w:w"), str(width))
    for column, width in zip(table.columns, twips):
        for cell in column.cells:
            cell.width = Twips(width)


def _table_look(table, *, first_row: bool, first_column: bool) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblLook")):
        tbl_pr.remove(old)
    # LibreOffice reads the legacy w:val bitmask; Word the attributes.
    bitmask = 0x0020 * first_row + 0x0080 * first_column + 0x0200 + 0x0400
    tbl_pr.append(
        parse_xml(
            f'<w:tblLook {nsdecls("w")} w:val="{bitmask:04X}" w:firstRow="{int(first_row)}" w:lastRow="0" '
            f'w:firstColumn="{int(first_column)}" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        )
    )
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = parse_xml(f"<w:tblW {nsdecls('w')}/>")
        tbl_pr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(TEXT_WIDTH_TWIPS))


_NEUTRAL_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>permdocs</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _without_python_docx_traces(data: bytes) -> bytes:
    """Drop python-docx's sample thumbnail and its app.xml, which claims the
    file came from Microsoft Word on a Mac."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            if info.filename == "_rels/.rels":
                content = _remove_thumbnail_relationship(content)
            if info.filename == "docProps/app.xml":
                content = _NEUTRAL_APP_XML
            # A fixed timestamp, so that rebuilding an unchanged template
            # gives the same bytes and no spurious diff.
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _remove_thumbnail_relationship(rels: bytes) -> bytes:
    from lxml import etree

    tree = etree.fromstring(rels)
    for rel in list(tree):
        if rel.get("Target", "").endswith("thumbnail.jpeg"):
            tree.remove(rel)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
