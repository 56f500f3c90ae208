"""A court copy in Word, as the court's rules for documents ask (FPR PD27A
and the e-bundle guidance): text of 12 pt or more, tables included; 1.5
line spacing for the prose; and paragraphs numbered continuously through
the document.

The numbers are Word numbering on a paragraph style of their own ("Court
Paragraph"), never typed digits: a worker who adds a paragraph by pressing
Enter, or applies the style to a new one, gets the next number, and every
later paragraph renumbers, as advocates expect of a document they will cite
by paragraph. The HTML and PDF copies number the same paragraphs with CSS
counters (templates/assets/court.css).

A copy in large type (a birth family's, say) takes the court's 12 pt
minimum alone, without the numbers (:func:`large_type_styles`).
"""

from __future__ import annotations

import re

from lxml import etree

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}

#: The style the numbered paragraphs take; its id is chosen to clash with no template's.
COURT_PARAGRAPH_STYLE = "PermdocsCourtParagraph"
#: 12 pt, in Word's half-points.
COURT_MINIMUM_HALF_POINTS = 24
#: 1.5 lines, in Word's 240ths of a line.
ONE_AND_A_HALF_LINES = "360"
#: Page furniture keeps its own size: the guidance is about the text a judge reads.
_FURNITURE_STYLES = frozenset({"Header", "HeaderChar", "Footer", "FooterChar"})
#: Paragraph styles that count as the body's prose (None: no style, so Normal).
_PROSE_STYLES = frozenset({None, "Normal", "BodyText"})


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def large_type_styles(styles_xml: bytes) -> bytes:
    """styles.xml with no text under 12 pt outside the page furniture: a
    court copy's type, for a reader outside the profession (a birth parent)."""
    root = etree.fromstring(styles_xml)
    _at_least_12_points(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _at_least_12_points(root: etree._Element) -> None:
    for size in root.iter(_w("sz"), _w("szCs")):
        style = next(size.iterancestors(_w("style")), None)
        if style is not None and style.get(_w("styleId")) in _FURNITURE_STYLES:
            continue
        if int(size.get(_w("val"), "0")) < COURT_MINIMUM_HALF_POINTS:
            size.set(_w("val"), str(COURT_MINIMUM_HALF_POINTS))


def court_styles(styles_xml: bytes, num_id: int) -> bytes:
    """styles.xml with no text under 12 pt outside the page furniture, and
    the numbered paragraph style added."""
    root = etree.fromstring(styles_xml)
    _at_least_12_points(root)
    normal = root.find("w:style[@w:type='paragraph'][@w:default='1']", _NS)
    based_on = normal.get(_w("styleId")) if normal is not None else "Normal"
    root.append(etree.fromstring(
        f'<w:style xmlns:w="{_W}" w:type="paragraph" w:customStyle="1" w:styleId="{COURT_PARAGRAPH_STYLE}">'
        f'<w:name w:val="Court Paragraph"/><w:basedOn w:val="{based_on}"/><w:next w:val="{COURT_PARAGRAPH_STYLE}"/>'
        '<w:qFormat/>'
        f'<w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr>'
        f'<w:spacing w:after="160" w:line="{ONE_AND_A_HALF_LINES}" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:sz w:val="{COURT_MINIMUM_HALF_POINTS}"/><w:szCs w:val="{COURT_MINIMUM_HALF_POINTS}"/></w:rPr>'
        "</w:style>"
    ))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def court_numbering(numbering_xml: bytes, num_id: int) -> bytes:
    """numbering.xml with one more list: "1.", "2." ... hung in the margin,
    never restarting, for the numbered paragraphs."""
    abstract_id = max((int(n) for n in re.findall(rb'w:abstractNumId="(\d+)"', numbering_xml)), default=-1) + 1
    abstract = (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>'
    ).encode()
    num = f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'.encode()
    # Every abstractNum comes before the first num (the schema's order).
    first_num = numbering_xml.find(b"<w:num ")
    if first_num < 0:
        first_num = numbering_xml.find(b"<w:numIdMacAtCleanup")
    if first_num < 0:
        first_num = numbering_xml.rfind(b"</w:numbering>")
    with_abstract = numbering_xml[:first_num] + abstract + numbering_xml[first_num:]
    marker = b"<w:numIdMacAtCleanup" if b"<w:numIdMacAtCleanup" in with_abstract else b"</w:numbering>"
    return with_abstract.replace(marker, num + marker, 1)


def number_paragraphs(body: etree._Element) -> int:
    """Give the body's prose paragraphs the numbered style; returns how many.

    The prose is every paragraph of the body itself (not in a table) in the
    Normal style with some text, after the first heading, and not an entry
    of the contents list or a labelled fact ("To live with: ..."): the title
    block, the contents and the facts (a definition list in HTML) are not
    part of the argument."""
    numbered = 0
    seen_heading = False
    for paragraph in body.iterchildren(_w("p")):
        style_element = paragraph.find("w:pPr/w:pStyle", _NS)
        style = style_element.get(_w("val")) if style_element is not None else None
        if style is not None and style.startswith("Heading"):
            seen_heading = True
            continue
        if not seen_heading or style not in _PROSE_STYLES or not "".join(paragraph.itertext()).strip():
            continue
        if _is_contents_entry(paragraph) or _is_labelled_fact(paragraph):
            continue
        properties = paragraph.find("w:pPr", _NS)
        if properties is None:
            properties = etree.SubElement(paragraph, _w("pPr"))
            paragraph.insert(0, properties)
        if style_element is None:
            style_element = etree.Element(_w("pStyle"))
            properties.insert(0, style_element)
        style_element.set(_w("val"), COURT_PARAGRAPH_STYLE)
        numbered += 1
    return numbered


def _is_contents_entry(paragraph: etree._Element) -> bool:
    """An entry of the contents list: it shows a heading's page number."""
    return any("PAGEREF" in (code.text or "") or "TOC" in (code.text or "")
               for code in paragraph.iter(_w("instrText")))


def _is_labelled_fact(paragraph: etree._Element) -> bool:
    """``To live with: Mina ...``: a bold label ending in a colon, then its value."""
    first = paragraph.find("w:r", _NS)
    if first is None or first.find("w:rPr/w:b", _NS) is None:
        return False
    return "".join(first.itertext()).rstrip().endswith(":")
