"""Comparison grids (permdocs.documents.analysis) as Word tables.

A Word template prints a grid with ``{{p grid|grid_table }}``: the paragraph
is replaced by a real table in the template's "Permdocs Table" style, whose
header row repeats on every page. Column counts vary with the case, which
docxtpl's row and column tags cannot express cleanly; building the table
here keeps the template simple and the markup valid.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from .. import narrative

#: Text widths of A4 pages with 18 mm margins, in twentieths of a point.
TEXT_WIDTH = {"landscape": 16838 - 2 * 1020, "portrait": 11906 - 2 * 1020}
LABEL_SHARE = 0.12


def grid_table(grid: Any, restart_numbering: narrative.RestartNumbering, orientation: str = "landscape") -> Markup:
    """A caption paragraph and a ``<w:tbl>`` for one grid, as wide as the page's text."""
    width = TEXT_WIDTH[orientation]
    columns = len(grid.header)
    label_width = int(width * LABEL_SHARE)
    column_width = (width - label_width) // max(columns, 1)
    widths = [label_width] + [column_width] * columns
    grid_xml = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = _row([_cell(widths[0], _text_paragraph(grid.corner))]
                  + [_cell(w, _text_paragraph(h)) for w, h in zip(widths[1:], grid.header)], header=True)
    body = "".join(
        _row([_cell(widths[0], _text_paragraph(row.label))]
             + [_cell(w, _parts(cell, restart_numbering)) for w, cell in zip(widths[1:], row.cells)])
        for row in grid.rows
    )
    caption = f'<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(grid.caption)}</w:t></w:r></w:p>'
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="PermdocsTable"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid_xml}</w:tblGrid>{header}{body}</w:tbl>"
    )
    # Word needs a paragraph after a table before the next table.
    return Markup(caption + table + "<w:p/>")


def _row(cells: list[str], header: bool = False) -> str:
    properties = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if header else ""
    return f"<w:tr>{properties}{''.join(cells)}</w:tr>"


def _cell(width: int, content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def _text_paragraph(text: str, *, italic: bool = False, small: bool = False) -> str:
    properties = ("<w:i/>" if italic else "") + ('<w:sz w:val="16"/><w:color w:val="555555"/>' if small else "")
    run_properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:p><w:r>{run_properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _parts(parts: list[Any], restart_numbering: narrative.RestartNumbering) -> str:
    paragraphs = []
    for part in parts:
        if part.kind in ("standard", "fact"):
            general = part.kind == "standard"
            text = f"General: {part.text.source}" if general else part.text.source
            paragraphs.append(_text_paragraph(text, italic=general))
            if part.marks is not None:
                paragraphs.append(_text_paragraph(f"Sources: {part.marks}", small=True))
        else:
            paragraphs.append(str(narrative.to_wordml(part.text.source, restart_numbering)))
            if part.note is not None:
                paragraphs.append(_text_paragraph(part.note, small=True))
    return "".join(paragraphs) or "<w:p/>"
