"""Readable, normalised views of rendered documents, for snapshots and asserts.

Snapshots compare these views, never raw bytes: zip and PDF bytes hide
meaningful changes and show meaningless ones.
"""

from __future__ import annotations

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


def docx_as_text(data: bytes) -> str:
    """The part list, then every XML part under word/ and docProps/, pretty-printed without rsids."""
    parts = docx_parts(data)
    out = ["# parts", *sorted(parts), ""]
    for name in sorted(parts):
        if not name.endswith(".xml") or not name.startswith(("word/", "docProps/")):
            continue
        root = etree.fromstring(parts[name], etree.XMLParser(recover=False, remove_blank_text=True))
        for element in root.iter():
            for attribute in [a for a in element.attrib if _RSID.match(a)]:
                del element.attrib[attribute]
        out += [f"# {name}", etree.tostring(root, pretty_print=True, encoding="unicode")]
    return "\n".join(out)


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
