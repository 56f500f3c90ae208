"""An accessibility check of a Word file, after Word's own Accessibility Checker.

``findings(data)`` reads a DOCX and returns what a screen-reader user would
trip over, one readable sentence each, naming the part and the object
("word/document.xml: table 3 has no header row marked to repeat"). An empty
list is a pass. tests/test_word_accessibility.py runs it over every DOCX
permdocs makes, and plants one fault of each kind to show it is found.

Which of Microsoft's "Rules for the Accessibility Checker" it follows, and
how it reads them in the file's XML:

Errors in Word's checker
- *All non-text content has alternative text*: every drawing's ``wp:docPr``
  and every VML shape has a non-empty description (``descr``, ``alt``) unless
  it is marked decorative (Word's ``adec:decorative``); a description that is
  only a file name ("image1.png") counts as none, as Word's rule says.
- *Tables specify column header information*: every table's first row is
  marked as a header row (``w:tblHeader``, which is both what Word's checker
  reads and what repeats the row on each page), and the table style options
  say so (``w:tblLook`` firstRow). Word excuses a table in plain "Table
  Normal" style, as layout; a permdocs table with a style and no header row
  is reported, so a layout table would have to say what it is by having no
  table style.
- *Documents use heading styles*: a document of more than a few paragraphs
  has headings, in styles with an outline level (Heading 1-9 or a style
  based on one), and no paragraph pretends to be one: short, wholly bold
  body text standing alone, with no full stop, is reported.

Warnings in Word's checker
- *Hyperlink text is meaningful*: no link's words are a bare web address or
  "click here", "here", "link", "more".
- *Table has a simple structure*: no merged or split cells (``w:gridSpan``,
  ``w:vMerge``, ``w:hMerge``).
- *Tables don't use blank cells for formatting*: no wholly blank row or
  column. A row with a minimum height (``w:trHeight`` atLeast) is a space to
  sign or write in by hand, which is what it is for, and is not reported.
- *Objects are placed inline*: no floating picture (``wp:anchor``); a
  screen reader may read it out of place, or not at all.
- *Avoid the use of repeated blank characters*: no two empty paragraphs in a
  row used as vertical space, and no run of three or more spaces or two tabs
  standing in for layout.
- *No image watermarks*: no picture behind the text (``behindDoc``).

Not errors or warnings of Word's checker, but asked by issue 26, and read
by screen readers and by Word's own PDF export:
- heading levels without gaps (Heading 1 then Heading 3 skips a level),
  the first heading being a top-level one;
- a document title (``dc:title`` in docProps/core.xml), which Word shows in
  the title bar and exports as the PDF's title;
- a language: ``w:lang`` in styles.xml's default run properties, which is
  what Word and screen readers use to choose a voice, and ``dc:language``;
- no text only in a text box or shape (``w:txbxContent``, ``wps:txbx``,
  ``v:textbox``): Word's checker warns of floating objects, and a screen
  reader reads a text box out of the text's order or skips it.

Not covered, and why:
- *Hard-to-read text contrast*: Word works it out from the rendered colours
  of text on its background, highlighting and theme. The only colours
  permdocs puts on text are the profile's accent and table shading (and the
  draft banner's dark red), so contrast belongs with the profile's colours
  (the colour part of issue 26), not with each file.
- *Document access is restricted* (IRM): permdocs never writes rights
  management; there is nothing to read.
- *Closed captions for audio and video*, *slide* and *sheet* rules: Word
  files from permdocs hold no media, and the slide and sheet rules are
  PowerPoint's and Excel's.
- Word's *tips* (reading order of layout tables, "Headings are concise",
  duplicate slide titles) and its *intelligent services* (suggested alt text,
  unclear reading order) need a person or Word's layout; the Word files are
  looked at through LibreOffice when they change.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
DC = "{http://purl.org/dc/elements/1.1/}"
#: Word's mark of a decorative picture, inside ``wp:docPr``'s extension list.
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"

#: The parts a reader meets: the body, headers, footers and notes.
_STORY = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
#: A description that is only a picture's file name, which Word's rule calls missing.
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$", re.IGNORECASE)
#: Link words that say nothing on their own (read out in a list of links).
_UNCLEAR_LINK = re.compile(r"^(https?://\S+|www\.\S+|click here|here|link|more|read more|this link)$", re.IGNORECASE)
#: A heading-like line is short; a sentence, a label with a colon or a list's lead-in is not one.
_FAKE_HEADING_MAX = 80
#: A document with more body paragraphs than this and no heading is one long block to a screen reader.
_PARAGRAPHS_WITHOUT_HEADINGS = 12


def findings(data: bytes) -> list[str]:
    """Every accessibility problem in a Word file, one sentence each; empty when it passes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: etree.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith(".xml")}
    styles = parts.get("word/styles.xml")
    outline = _outline_levels(styles)
    found: list[str] = []
    for name, root in sorted(parts.items()):
        if _STORY.match(name):
            found += _pictures(name, root)
            found += _text_boxes(name, root)
            found += _tables(name, root)
            found += _hyperlinks(name, root)
            found += _blank_characters(name, root)
    body = parts["word/document.xml"]
    found += _headings(body, outline, _bold_styles(styles))
    found += _properties(parts.get("docProps/core.xml"), styles)
    return found


# Alt text, floating objects and watermarks


def _pictures(part: str, root: etree._Element) -> Iterator[str]:
    for number, properties in enumerate(root.iter(f"{WP}docPr"), start=1):
        label = f"{part}: picture {number} ({properties.get('name') or 'no name'})"
        description = (properties.get("descr") or "").strip()
        if not _decorative(properties):
            if not description:
                yield f"{label} has no alternative text (descr) and is not marked decorative"
            elif _FILE_NAME.match(description):
                yield f"{label} has only a file name as its alternative text: {description!r}"
        frame = properties.getparent()
        if frame.tag == f"{WP}anchor":
            if frame.get("behindDoc") in ("1", "true"):
                yield f"{label} lies behind the text, as a watermark; a screen reader does not read it"
            else:
                yield f"{label} floats (wp:anchor) instead of standing in line with the text, so a screen reader may read it out of place"
    for number, shape in enumerate(root.iter(f"{V}shape", f"{V}rect", f"{V}roundrect", f"{V}oval"), start=1):
        if shape.find(f"{V}imagedata") is not None and not (shape.get("alt") or "").strip():
            yield f"{part}: VML shape {number} holds a picture with no alternative text (alt)"


def _decorative(properties: etree._Element) -> bool:
    return any(mark.get("val") in ("1", "true") for mark in properties.iter(DECORATIVE))


def _text_boxes(part: str, root: etree._Element) -> Iterator[str]:
    for tag, kind in ((f"{W}txbxContent", "a text box"), (f"{WPS}txbx", "a drawing shape"), (f"{V}textbox", "a VML text box")):
        for box in root.iter(tag):
            words = "".join(box.itertext()).strip()
            yield f"{part}: text in {kind} ({words[:40]!r}); a screen reader may skip it or read it out of order"


# Tables


def _tables(part: str, root: etree._Element) -> Iterator[str]:
    for number, table in enumerate(root.iter(f"{W}tbl"), start=1):
        label = f"{part}: table {number}"
        rows = table.findall(f"{W}tr")
        if not rows:
            continue
        if table.find(f"{W}tblPr/{W}tblStyle") is not None:
            # A table with a style holds data (Word excuses only a plain "Table Normal" table, as layout).
            if rows[0].find(f"{W}trPr/{W}tblHeader") is None:
                yield f"{label} has no header row marked to repeat (w:tblHeader on its first row)"
            look = table.find(f"{W}tblPr/{W}tblLook")
            if look is None or look.get(f"{W}firstRow") not in ("1", "true", "on"):
                yield f"{label} does not mark its first row as a header in its style options (w:tblLook firstRow)"
        for cell in table.iter(f"{W}tc"):
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            if span is not None and int(span.get(f"{W}val", "1")) > 1:
                yield f"{label} has a merged cell (w:gridSpan): {_cell_text(cell)[:40]!r}"
            elif cell.find(f"{W}tcPr/{W}vMerge") is not None or cell.find(f"{W}tcPr/{W}hMerge") is not None:
                yield f"{label} has a merged cell (w:vMerge or w:hMerge): {_cell_text(cell)[:40]!r}"
        yield from _blank_rows_and_columns(label, rows)


def _blank_rows_and_columns(label: str, rows: list[etree._Element]) -> Iterator[str]:
    grid = [[_cell_text(cell) for cell in row.findall(f"{W}tc")] for row in rows]
    for row_number, (row, cells) in enumerate(zip(rows, grid), start=1):
        # A row with a minimum height is a space to sign or write in, not spacing.
        to_write_in = row.find(f"{W}trPr/{W}trHeight[@{W}hRule='atLeast']") is not None
        if cells and not any(cells) and not to_write_in:
            yield f"{label}: row {row_number} is blank, as spacing"
    # A column left blank for a reader to write in (rows with a minimum height) is not spacing.
    for_writing = all(row.find(f"{W}trPr/{W}trHeight[@{W}hRule='atLeast']") is not None
                      for row in rows if row.find(f"{W}trPr/{W}tblHeader") is None)
    widest = max(len(cells) for cells in grid)
    for column in range(widest):
        if len(grid) > 1 and not for_writing and not any(cells[column] for cells in grid if column < len(cells)):
            yield f"{label}: column {column + 1} is blank, as spacing"


def _cell_text(cell: etree._Element) -> str:
    return "".join(t.text or "" for t in cell.iter(f"{W}t")).strip()


# Links and blank characters


def _hyperlinks(part: str, root: etree._Element) -> Iterator[str]:
    for number, link in enumerate(root.iter(f"{W}hyperlink"), start=1):
        words = "".join(t.text or "" for t in link.iter(f"{W}t")).strip()
        if not words:
            yield f"{part}: hyperlink {number} has no words"
        elif _UNCLEAR_LINK.match(words):
            yield f"{part}: hyperlink {number}'s words ({words!r}) do not say where it leads"


def _blank_characters(part: str, root: etree._Element) -> Iterator[str]:
    for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        before = paragraph.getprevious()
        if before is not None and before.tag == f"{W}p" and _blank_paragraph(before) and _blank_paragraph(paragraph):
            yield f"{part}: paragraph {number} is the second empty paragraph in a row, used as vertical space"
        for run in paragraph.iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if "   " in text:
                yield f"{part}: paragraph {number} lays out words with repeated spaces: {text.strip()[:40]!r}"
            if len(run.findall(f"{W}tab")) > 1:
                yield f"{part}: paragraph {number} lays out words with repeated tabs"


def _blank_paragraph(paragraph: etree._Element) -> bool:
    """No words, picture, field, break or section: only space."""
    if paragraph.find(f".//{W}t") is not None and "".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip():
        return False
    busy = (f"{W}drawing", f"{W}pict", f"{W}fldChar", f"{W}fldSimple", f"{W}br", f"{W}sectPr", f"{W}object")
    return not any(True for _ in paragraph.iter(*busy))


# Headings


def _outline_levels(styles: etree._Element | None) -> dict[str, int]:
    """Style id -> outline level (0 = Heading 1), following each style's base."""
    if styles is None:
        return {}
    own: dict[str, int | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        level = style.find(f"{W}pPr/{W}outlineLvl")
        own[style_id] = int(level.get(f"{W}val")) if level is not None else None
        base = style.find(f"{W}basedOn")
        if base is not None:
            based_on[style_id] = base.get(f"{W}val")
    levels: dict[str, int] = {}
    for style_id in own:
        seen, current = set(), style_id
        while current is not None and current not in seen:
            seen.add(current)
            if own.get(current) is not None:
                # Outline level 9 is Word's "body text": no heading.
                if own[current] < 9:  # type: ignore[operator]
                    levels[style_id] = own[current]  # type: ignore[assignment]
                break
            current = based_on.get(current)
    return levels


def _bold_styles(styles: etree._Element | None) -> set[str]:
    if styles is None:
        return set()
    return {
        style.get(f"{W}styleId") for style in styles.iter(f"{W}style")
        if style.find(f"{W}rPr/{W}b") is not None and style.find(f"{W}rPr/{W}b").get(f"{W}val") not in ("0", "false", "off")
    }


def _headings(body: etree._Element, outline: dict[str, int], bold_styles: set[str]) -> Iterator[str]:
    part = "word/document.xml"
    previous: int | None = None
    headings = 0
    paragraphs = [p for p in body.iter(f"{W}p") if _words(p)]
    for paragraph in paragraphs:
        level = _level(paragraph, outline)
        words = _words(paragraph)
        if level is None:
            if _looks_like_a_heading(paragraph, bold_styles):
                yield f"{part}: {words!r} looks like a heading (short, all bold, alone) but is body text, not a heading style"
            continue
        headings += 1
        if previous is None and level > 0:
            yield f"{part}: the first heading {words!r} is at level {level + 1}, not level 1"
        elif previous is not None and level > previous + 1:
            yield f"{part}: heading {words!r} is at level {level + 1} after a level-{previous + 1} heading, skipping a level"
        previous = level
    if headings == 0 and len(paragraphs) > _PARAGRAPHS_WITHOUT_HEADINGS:
        yield f"{part}: {len(paragraphs)} paragraphs and no headings in heading styles to move between"


def _level(paragraph: etree._Element, outline: dict[str, int]) -> int | None:
    direct = paragraph.find(f"{W}pPr/{W}outlineLvl")
    if direct is not None:
        value = int(direct.get(f"{W}val"))
        return value if value < 9 else None
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return outline.get(style.get(f"{W}val")) if style is not None else None


def _words(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip()


def _looks_like_a_heading(paragraph: etree._Element, bold_styles: set[str]) -> bool:
    if paragraph.getparent().tag != f"{W}body":
        return False  # a table's cells are labelled by the table's header, not by headings
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val") if style is not None else ""
    if style_id.lower().startswith(("title", "subtitle", "caption", "toc")) or paragraph.find(f"{W}hyperlink[@{W}anchor]") is not None:
        return False  # the document's title, a table's caption, or an entry of the contents list
    words = _words(paragraph)
    if len(words) > _FAKE_HEADING_MAX or words[-1] in ".:;,!?)" or paragraph.find(f"{W}pPr/{W}numPr") is not None:
        return False
    style_bold = style_id in bold_styles
    runs = [run for run in paragraph.iter(f"{W}r") if "".join(t.text or "" for t in run.iter(f"{W}t")).strip()]
    return bool(runs) and all(style_bold or _bold(run) for run in runs)


def _bold(run: etree._Element) -> bool:
    bold = run.find(f"{W}rPr/{W}b")
    return bold is not None and bold.get(f"{W}val") not in ("0", "false", "off")


# Title and language


def _properties(core: etree._Element | None, styles: etree._Element | None) -> Iterator[str]:
    title = core.find(f"{DC}title") if core is not None else None
    if title is None or not (title.text or "").strip():
        yield "docProps/core.xml: the document has no title (dc:title), which Word shows and a screen reader reads first"
    language = core.find(f"{DC}language") if core is not None else None
    if language is None or not (language.text or "").strip():
        yield "docProps/core.xml: the document's language is not set (dc:language)"
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang") if styles is not None else None
    if default is None or not (default.get(f"{W}val") or "").strip():
        yield "word/styles.xml: the text has no default language (w:lang in docDefaults), so a screen reader guesses the voice"
