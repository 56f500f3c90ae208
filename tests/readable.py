"""Readable, normalised views of rendered documents, for snapshots and asserts.

Snapshots compare these views, never raw bytes: zip and PDF bytes hide
meaningful changes and show meaningless ones.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

from lxml import etree
from pypdf import PdfReader

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RSID = re.compile(r"^\{[^}]+\}rsid")


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_xml(data: bytes, part: str) -> etree._Element:
    # A strict parser: malformed XML must fail the test, not be "recovered".
    return etree.fromstring(docx_parts(data)[part], etree.XMLParser(recover=False))


#: Parts a render fills in or changes. The rest (styles, theme, settings)
#: come unchanged from the template; they are snapshotted once, by
#: docx_static_parts_as_text, and listed here by hash.
_CONTENT_PART = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|numbering)\.xml|docProps/.*\.xml)$")


def pretty_xml(content: bytes) -> str:
    root = etree.fromstring(content, etree.XMLParser(recover=False, remove_blank_text=True))
    for element in root.iter():
        for attribute in [a for a in element.attrib if _RSID.match(a)]:
            del element.attrib[attribute]
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def docx_as_text(data: bytes) -> str:
    """The part list (static parts with a hash), then each content part pretty-printed without rsids."""
    parts = docx_parts(data)
    listing = [
        name if _CONTENT_PART.match(name) else f"{name} sha256:{hashlib.sha256(parts[name]).hexdigest()[:16]}"
        for name in sorted(parts)
    ]
    out = ["# parts", *listing, ""]
    for name in sorted(n for n in parts if _CONTENT_PART.match(n)):
        out += [f"# {name}", pretty_xml(parts[name])]
    return "\n".join(out)


def docx_static_parts_as_text(data: bytes) -> str:
    """The parts that come unchanged from the template: each style on one
    line (its id, name, base and what it sets), the settings pretty-printed,
    and the rest (font table, theme, web settings) by hash."""
    parts = docx_parts(data)
    names = sorted(n for n in parts if n.endswith(".xml") and n.startswith("word/") and not _CONTENT_PART.match(n))
    out = []
    for name in names:
        if name == "word/styles.xml":
            out += [f"# {name}", *_style_lines(parts[name])]
        elif name == "word/settings.xml":
            out += [f"# {name}", pretty_xml(parts[name])]
        else:
            out.append(f"# {name} sha256:{hashlib.sha256(parts[name]).hexdigest()[:16]}")
    return "\n".join(out) + "\n"


def _style_lines(content: bytes) -> list[str]:
    """A style per line: what a reviewer checks (its font, size, spacing,
    keep-with-next), each property as name=value."""
    root = etree.fromstring(content, etree.XMLParser(recover=False))
    lines = []
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        based = style.find(f"{W}basedOn")
        settings = []
        for group in (style.find(f"{W}pPr"), style.find(f"{W}rPr"), style.find(f"{W}tblPr")):
            for prop in group if group is not None else ():
                values = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(prop.attrib.items()))
                settings.append(f"{etree.QName(prop).localname}({values})" if values else etree.QName(prop).localname)
        lines.append(
            f"{style.get(f'{W}type')} {style.get(f'{W}styleId')}"
            f" name={_attr(name, 'val') if name is not None else ''}"
            f"{' based-on=' + _attr(based, 'val') if based is not None else ''}: {' '.join(settings)}".rstrip(": ")
        )
    defaults = root.find(f"{W}docDefaults")
    if defaults is not None:
        lines.insert(0, "defaults: " + etree.tostring(defaults, encoding="unicode").split(">", 1)[1][:0] + " ".join(
            f"{etree.QName(e).localname}({','.join(f'{etree.QName(k).localname}={v}' for k, v in sorted(e.attrib.items()))})"
            for e in defaults.iter() if e.attrib))
    return lines


def docx_text(data: bytes, part: str = "word/document.xml") -> str:
    """The visible text of one part, one paragraph per line."""
    root = docx_xml(data, part)
    lines = []
    for paragraph in root.iter(f"{W}p"):
        lines.append("".join(node.text or "" for node in paragraph.iter(f"{W}t")))
    return "\n".join(lines)


def docx_all_text(data: bytes) -> str:
    parts = docx_parts(data)
    names = sorted(n for n in parts if re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", n))
    return "\n".join(docx_text(data, name) for name in names)


def pdf_outline(reader: PdfReader) -> list[str]:
    lines: list[str] = []

    def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item) + 1
                lines.append(f"{'  ' * depth}{item.title} (page {page})")

    walk(reader.outline, 0)
    return lines


def pdf_fonts(reader: PdfReader) -> list[str]:
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            # Strip the random-looking subset prefix (ABCDEF+).
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return sorted(fonts)


def pdf_as_text(data: bytes) -> str:
    """Metadata, outline, fonts, then each page's size and text."""
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata or {}
    out = [
        f"pages: {len(reader.pages)}",
        f"title: {meta.get('/Title')}",
        f"lang: {reader.trailer['/Root'].get('/Lang')}",
        "# outline",
        *pdf_outline(reader),
        "# fonts",
        *pdf_fonts(reader),
    ]
    for number, page in enumerate(reader.pages, start=1):
        width, height = round(float(page.mediabox.width)), round(float(page.mediabox.height))
        out += [f"# page {number} ({width} x {height} pt)", page.extract_text().rstrip()]
    return "\n".join(out) + "\n"


# --- the same words in every format --------------------------------------------

_WORD = re.compile(r"[\w'’]+(?:[-.:/][\w'’]+)*")


def html_body_words(data: bytes) -> list[str]:
    """The words of an HTML document's main content, in reading order."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(data)
    main = root.find(".//main")
    # A span that only keeps a legal reference on one line is not a word break.
    for span in main.findall(".//span[@class='nobreak']"):
        span.drop_tag()
    # A picture permdocs draws keeps its words as SVG text; in Word the same
    # picture is an image, described by its alt text. Either way it is the picture.
    for figure in main.findall(".//figure[@class='diagram']"):
        figure.drop_tree()
    return _WORD.findall(" ".join(main.itertext()))


def docx_body_words(data: bytes) -> list[str]:
    """The words of a Word document's body, in reading order."""
    root = docx_xml(data, "word/document.xml")
    texts = [node.text or "" for node in root.iter(f"{W}t")]
    return _WORD.findall(" ".join(texts))


# --- structure views for snapshots: one line per paragraph, row or block ----------

_R = f"{W}r"
_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "caption", "dt", "dd", "figcaption", "pre", "tr", "blockquote"}
_INLINE_TAGS = {"strong", "b", "em", "i", "a", "span", "br", "img", "small", "sup", "sub", "abbr", "code", "mark", "time", "u", "s"}


def _attr(element: etree._Element, name: str) -> str:
    return element.get(f"{W}{name}") or ""


def _run_text(run: etree._Element) -> str:
    pieces = []
    for node in run:
        tag = etree.QName(node).localname
        if tag == "t":
            pieces.append(node.text or "")
        elif tag == "tab":
            pieces.append("\\t")
        elif tag == "br":
            pieces.append("[page break]" if _attr(node, "type") == "page" else " / ")
        elif tag == "instrText":
            pieces.append(f"{{{(node.text or '').strip()}}}")
        elif tag == "drawing":
            described = [d.get("descr") for d in node.iter() if d.get("descr")]
            pieces.append(f"[picture: {described[0] if described else 'no description'}]")
    text = "".join(pieces)
    props = run.find(f"{W}rPr")
    if text.strip() and props is not None:
        if props.find(f"{W}b") is not None and _attr(props.find(f"{W}b"), "val") not in ("0", "false"):
            text = f"**{text}**"
        if props.find(f"{W}i") is not None and _attr(props.find(f"{W}i"), "val") not in ("0", "false"):
            text = f"*{text}*"
    return text


def _paragraph_line(paragraph: etree._Element) -> str:
    props = paragraph.find(f"{W}pPr")
    marks = []
    if props is not None:
        style = props.find(f"{W}pStyle")
        if style is not None:
            marks.append(_attr(style, "val"))
        numbering = props.find(f"{W}numPr")
        if numbering is not None:
            level, number = numbering.find(f"{W}ilvl"), numbering.find(f"{W}numId")
            marks.append(f"list {_attr(number, 'val') if number is not None else '?'}.{_attr(level, 'val') if level is not None else 0}")
        align = props.find(f"{W}jc")
        if align is not None:
            marks.append(_attr(align, "val"))
        if props.find(f"{W}pageBreakBefore") is not None:
            marks.append("page break before")
        if props.find(f"{W}sectPr") is not None:
            marks.append(_section(props.find(f"{W}sectPr")))
    texts = []
    for node in paragraph.iter(_R, f"{W}fldSimple"):
        if node.tag == f"{W}fldSimple":
            texts.append(f"{{{_attr(node, 'instr').strip()}}}")
        elif node.getparent() is not None and node.getparent().tag != f"{W}fldSimple":
            texts.append(_run_text(node))
    return f"[{', '.join(marks) or 'Normal'}] {''.join(texts)}".rstrip()


def _section(sect: etree._Element) -> str:
    size = sect.find(f"{W}pgSz")
    orient = _attr(size, "orient") or "portrait" if size is not None else "?"
    return f"section {orient}"


def _table_lines(table: etree._Element, depth: int) -> list[str]:
    props = table.find(f"{W}tblPr")
    style = props.find(f"{W}tblStyle") if props is not None else None
    lines = [f"{'  ' * depth}<table {_attr(style, 'val') if style is not None else ''}>".rstrip(" >") + ">"]
    for row in table.findall(f"{W}tr"):
        header = row.find(f"{W}trPr/{W}tblHeader") is not None
        cells = []
        for cell in row.findall(f"{W}tc"):
            cells.append(" / ".join(_paragraph_line(p).split("] ", 1)[-1] if "] " in _paragraph_line(p) else ""
                                    for p in cell.findall(f"{W}p")))
        lines.append(f"{'  ' * (depth + 1)}{'header ' if header else ''}| {' | '.join(cells)} |")
    return lines


def _body_lines(root: etree._Element) -> list[str]:
    body = root.find(f"{W}body")
    container = body if body is not None else root
    lines: list[str] = []
    for child in container:
        tag = etree.QName(child).localname
        if tag == "p":
            lines.append(_paragraph_line(child))
        elif tag == "tbl":
            lines += _table_lines(child, 0)
        elif tag == "sectPr":
            lines.append(f"[{_section(child)}]")
        elif tag == "sdt":
            content = child.find(f"{W}sdtContent")
            for inner in content if content is not None else ():
                if etree.QName(inner).localname == "p":
                    lines.append(_paragraph_line(inner))
    return lines


def docx_structure(data: bytes) -> str:
    """A Word file as text and structure: the parts (those the template
    brings, by hash), then each body, header and footer a paragraph or table
    row per line with its style, list, alignment and emphasis; the document
    properties. A changed sentence is a one-line diff."""
    parts = docx_parts(data)
    out = ["# parts"]
    for name in sorted(parts):
        shown = re.match(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$|^docProps/core\.xml$", name)
        out.append(name if shown else f"{name} sha256:{hashlib.sha256(parts[name]).hexdigest()[:16]}")
    for name in sorted(n for n in parts if re.match(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$", n)):
        out += ["", f"# {name}", *_body_lines(etree.fromstring(parts[name], etree.XMLParser(recover=False)))]
    if "docProps/core.xml" in parts:
        out += ["", "# docProps/core.xml"]
        for element in etree.fromstring(parts["docProps/core.xml"]):
            out.append(f"{etree.QName(element).localname}: {element.text or ''}")
    return "\n".join(out) + "\n"


def _inline_text(element: etree._Element) -> str:
    pieces = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS or tag in ("table", "ul", "ol", "div", "section", "dl"):
            pieces.append(" …")
        elif tag in ("strong", "b"):
            pieces.append(f"**{_inline_text(child)}**")
        elif tag in ("em", "i"):
            pieces.append(f"*{_inline_text(child)}*")
        elif tag == "a":
            pieces.append(f"[{_inline_text(child)}]({child.get('href', '')})")
        elif tag == "br":
            pieces.append(" / ")
        elif tag == "img":
            pieces.append(f"[img: {child.get('alt', 'no alt')}]")
        else:
            pieces.append(_inline_text(child))
        pieces.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def _label(element: etree._Element) -> str:
    label = element.tag
    for name in ("id", "class", "lang", "role", "scope", "colspan", "rowspan", "aria-label", "style"):
        if element.get(name):
            value = element.get(name)
            label += f".{'.'.join(value.split())}" if name == "class" else f"[{name}={value}]"
    return label


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _html_lines(element: etree._Element, depth: int) -> list[str]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in ("style", "script"):
        return []
    indent = "  " * depth
    if tag in _BLOCK_TAGS and not any(isinstance(c.tag, str) and c.tag in ("table", "ul", "ol", "div", "dl", "section") for c in element):
        if tag == "tr":
            cells = [f"{_label(cell)}: {_inline_text(cell)}" for cell in element if isinstance(cell.tag, str)]
            return [f"{indent}| " + " | ".join(cells) + " |"]
        return [f"{indent}{_label(element)}: {_inline_text(element)}".rstrip(": ")]
    if tag in _INLINE_TAGS:
        return [f"{indent}{_inline_text(element)}"] if _inline_text(element) else []
    lines = [f"{indent}{_label(element)}"]
    text = (element.text or "").strip()
    if text:
        lines.append(f"{indent}  {_spaced(text)}")
    for child in element:
        lines += _html_lines(child, depth + 1)
        if (child.tail or "").strip():
            lines.append(f"{indent}  {_spaced(child.tail)}")
    return lines


def html_structure(data: bytes) -> str:
    """An HTML document as text and structure: the head's title, language and
    stylesheet (by hash), then the body, a block per line with its classes."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(data)
    styles = "".join(style.text or "" for style in root.iter("style"))
    head = [
        f"lang: {root.get('lang')}",
        f"title: {root.findtext('.//title')}",
        f"style sha256:{hashlib.sha256(styles.encode()).hexdigest()[:16]}",
        *(f"meta {m.get('name')}: {m.get('content')}" for m in root.iter("meta") if m.get("name")),
    ]
    body = root.find("body")
    return "\n".join([*head, *_html_lines(body, 0)]) + "\n"
