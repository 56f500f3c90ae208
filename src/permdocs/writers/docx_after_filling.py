"""docxtpl's passes over a Word template's filled XML, and their quick paths.

After Jinja has filled a part, docxtpl tidies the result: it turns tabs and
line breaks typed in text into Word's own elements (``resolve_listing``)
and, in the body, repairs table grids that ``{%tc %}`` loops left short or
long (``fix_tables``) and numbers pictures afresh. Both walk every
paragraph, run or cell in Python; for permdocs' own templates they almost
never change anything, and were a quarter of a render. Here each runs only
where a quick look (a regular expression, an XPath question) finds
something it would change, and the result is the same to the character:
tests/test_docx_package.py holds each to docxtpl's own pass. A council's
template always goes through docxtpl's passes in full.
"""

from __future__ import annotations

import re

from docxtpl import DocxTemplate
from lxml import etree

from . import docx_court

#: docxtpl's own helpers, which read nothing of the template they belong to.
_DOCXTPL = DocxTemplate.__new__(DocxTemplate)


def after_filling(filled: str, *, council_template: bool) -> str:
    """A filled part with docxtpl's clean-up done: the line breaks added
    before compiling taken out, escaped braces restored, listings resolved."""
    filled = re.sub(r"\n<w:p([ >])", r"<w:p\1", filled)
    filled = filled.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return _DOCXTPL.resolve_listing(filled) if council_template else resolve_listing_where_needed(filled)


#: The characters docxtpl's resolve_listing turns into Word's tab, line
#: break, new paragraph and page break, wherever they stand in a run's text.
_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")
#: A paragraph as resolve_listing finds one (docxtpl 0.20, template.py).
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


def resolve_listing_where_needed(filled: str) -> str:
    """What docxtpl's ``resolve_listing`` returns, without its cost where it
    changes nothing.

    That pass takes every paragraph apart, run by run and text by text (a
    fifth of a render), to turn tabs, newlines and the like inside text into
    Word's own elements. A paragraph without any of those characters comes
    out as it went in, and most paragraphs hold none; so only the paragraphs
    that do are handed to docxtpl, each on its own. docxtpl finds the same
    paragraph in it as in the whole text (the text runs to the first
    ``</w:p>`` in both), so the result is the same, character for character.
    """
    if not _LISTING_CHARACTERS.search(filled):
        return filled
    return _PARAGRAPH.sub(
        lambda m: _DOCXTPL.resolve_listing(m.group(0)) if _LISTING_CHARACTERS.search(m.group(0)) else m.group(0),
        filled,
    )


def body_with_tables_fixed(body: str, *, number_paragraphs: bool = False, council_template: bool = True) -> str:
    """docxtpl's repairs after filling: table grids that match the cells
    rendered by ``{%tc %}`` loops, and unique picture ids; and, for a court
    copy, the prose paragraphs numbered.

    permdocs' own templates have no ``{%tc %}`` loops and draw every table
    with a grid to match, so docxtpl's repair, which walks every row and
    cell in Python, would change nothing; it runs only where a quick look
    finds a grid it would change. A council's template is always repaired."""
    if council_template:
        tree = _DOCXTPL.fix_tables(body)
    else:
        # Parsed as fix_tables parses, so the tree is the one it would build.
        tree = etree.fromstring(body, parser=etree.XMLParser(recover=True))
        if tree.nsmap.get("w") != _W or not all(_grid_fits(table) for table in tree.iter(f"{{{_W}}}tbl")):
            tree = _DOCXTPL.fix_tables(body)
    for number, element in enumerate(tree.xpath("//wp:docPr", namespaces=_NAMESPACES), start=1001):
        element.attrib["id"] = str(number)
    if number_paragraphs:
        docx_court.number_paragraphs(tree)
    return etree.tostring(tree, encoding="unicode")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", "w": _W}

# What docxtpl's fix_tables (docxtpl 0.20, template.py) looks at in a table:
# the columns of its first grid; every row below it, a nested table's rows
# included; each row's own cells, and the span in a cell's first properties'
# first gridSpan. The questions below ask the same of the same elements.
_GRID_COLUMNS = etree.XPath("w:tblGrid[1]/w:gridCol", namespaces=_NAMESPACES)
_ROW_WITH_MORE_CELLS_THAN = etree.XPath("boolean(.//w:tr[count(w:tc) > $columns])", namespaces=_NAMESPACES)
_ROW_AS_WIDE_AS = etree.XPath(
    "boolean(.//w:tr[count(w:tc) - count(w:tc[w:tcPr[1]/w:gridSpan[1]]) + sum(w:tc/w:tcPr[1]/w:gridSpan[1]/@w:val)"
    " >= $columns])",
    namespaces=_NAMESPACES,
)
#: A span fix_tables would read otherwise than as whole digits (or fail to read).
_ODD_SPAN = etree.XPath(
    "boolean(.//w:tr/w:tc/w:tcPr[1]/w:gridSpan[1][not(@w:val) or @w:val = '' or translate(@w:val, '0123456789', '') != ''])",
    namespaces=_NAMESPACES,
)


def _grid_fits(table: etree._Element) -> bool:
    """Whether fix_tables would leave this table's grid as it is: it has a
    grid; no row has more cells than the grid has columns (fix_tables would
    add columns); and, if the grid has any, some row spans all of them
    (fix_tables would remove the ones no row reaches)."""
    if table.find(f"{{{_W}}}tblGrid") is None or _ODD_SPAN(table):
        return False
    columns = len(_GRID_COLUMNS(table))
    if _ROW_WITH_MORE_CELLS_THAN(table, columns=columns):
        return False
    return columns == 0 or bool(_ROW_AS_WIDE_AS(table, columns=columns))
