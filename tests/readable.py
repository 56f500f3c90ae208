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
    """The XML parts that come unchanged from the template, pretty-printed."""
    parts = docx_parts(data)
    names = sorted(n for n in parts if n.endswith(".xml") and n.startswith("word/") and not _CONTENT_PART.match(n))
    return "\n".join(f"# {name}\n{pretty_xml(parts[name])}" for name in names)


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
    return _WORD.findall(" ".join(main.itertext()))


def docx_body_words(data: bytes) -> list[str]:
    """The words of a Word document's body, in reading order."""
    root = docx_xml(data, "word/document.xml")
    texts = [node.text or "" for node in root.iter(f"{W}t")]
    return _WORD.findall(" ".join(texts))
