"""Assembling the bundle: one PDF with a front sheet, an index, stamped
page references, bookmarks and working links.

The steps, in order:

1. **Plan** the pagination: each document's first and last page reference
   (A1-A3, B1-B9 ... or 1-3, 4-12 with continuous numbering).
2. **Front matter**: the front sheet and index, laid out by WeasyPrint from
   the plan, so the index's page references are the stamped ones.
3. **Merge** with pikepdf (qpdf underneath), which copies pages with their
   fonts, images and annotations intact. Before a document's pages are
   copied, its links are rewritten to named destinations with a prefix of
   its own, so that two documents' "section-2" never collide and no link
   points into a page of the source file.
4. **Stamp** each page's reference at the foot, on the page as it is shown
   (a page turned by ``/Rotate`` is stamped along its visible foot).
5. **Outline, labels, index links**: a bookmark per section and per
   document, each document's own bookmarks beneath it, page labels (the
   viewer's page box shows "B4"), and index entries linked to first pages.
6. **Save** deterministically: no clock, fixed document id, compressed
   object streams.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from ..errors import InvalidBundleError, Problem
from .manifest import LoadedManifest
from .sources import SourceDocument, gather_documents

Numbering = Literal["section", "continuous"]

#: Warning thresholds in pages, by kind of document. These are settings, not
#: law: the figures follow practice under the earlier PD27A, and the version
#: in force from 2 March 2026 may differ. A manifest's ``page_limits``
#: replaces any of them.
DEFAULT_PAGE_LIMITS = {"care-plan": 10, "chronology": 10, "witness-statement": 25, "expert-report": 40}

#: The stamp: 12 pt (the guidance's minimum), at the visible foot of the page,
#: right-aligned with the usual A4 margin and below the usual footer line.
STAMP_SIZE = 12
STAMP_FROM_BOTTOM = 12
STAMP_FROM_RIGHT = 51
#: Advance widths of Helvetica-Bold (per 1000 units of the font size) for
#: the characters a stamp uses, to right-align it without a font file.
_HELVETICA_BOLD_WIDTHS = {
    **dict.fromkeys("0123456789", 556),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
                                              722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611))),
}


@dataclass(frozen=True)
class IndexEntry:
    """One line of the index: a document and where it sits in the bundle."""

    number: int
    section: str
    title: str
    dated: date
    author: str
    first_page: int  # 0-based, among the pages after the front matter
    pages: int
    first_label: str
    last_label: str

    @property
    def page_range(self) -> str:
        return self.first_label if self.pages == 1 else f"{self.first_label}-{self.last_label}"


@dataclass(frozen=True)
class IndexSection:
    letter: str
    title: str
    entries: list[IndexEntry]


@dataclass(frozen=True)
class Bundle:
    """A built bundle: the PDF's bytes, its index and what a user should know."""

    pdf: bytes
    sections: list[IndexSection]
    front_pages: int
    body_pages: int
    warnings: list[str]

    @property
    def entries(self) -> list[IndexEntry]:
        return [entry for section in self.sections for entry in section.entries]


def build_bundle(loaded: LoadedManifest, *, numbering: Numbering = "section", ocr: bool = False) -> Bundle:
    """Build the bundle a manifest describes. Raises InvalidBundleError, naming
    the manifest entries, for anything that stops it; warnings are returned."""
    documents = gather_documents(loaded, ocr=ocr)
    sections = _plan(loaded, documents, numbering)
    body_pages = sum(entry.pages for section in sections for entry in section.entries)
    limit = loaded.manifest.page_limit
    if body_pages > limit:
        advice = (
            "the court's permission allows fewer" if loaded.manifest.court_permission
            else "record the court's permission in 'court_permission', or remove documents"
        )
        raise InvalidBundleError(
            [Problem("$.sections", f"the bundle has {body_pages} pages, over the limit of {limit} (PD27A); {advice}")]
        )
    front = _front_matter(loaded, sections, body_pages, numbering)
    pdf, front_pages = _merge(loaded, front, documents, sections, numbering)
    return Bundle(pdf, sections, front_pages, body_pages, _warnings(loaded, documents))


def _plan(loaded: LoadedManifest, documents: list[list[SourceDocument]], numbering: Numbering) -> list[IndexSection]:
    sections, number, position = [], 0, 0
    for section, section_documents in zip(loaded.manifest.sections, documents, strict=True):
        entries, page_in_section = [], 0
        for document in section_documents:
            number += 1
            if numbering == "section":
                first, last = page_in_section + 1, page_in_section + document.pages
                labels = (f"{section.letter}{first}", f"{section.letter}{last}")
            else:
                labels = (str(position + 1), str(position + document.pages))
            entries.append(
                IndexEntry(number, section.letter, document.title, document.dated, document.author, position,
                           document.pages, *labels)
            )
            page_in_section += document.pages
            position += document.pages
        sections.append(IndexSection(section.letter, section.title, entries))
    return sections


def _warnings(loaded: LoadedManifest, documents: list[list[SourceDocument]]) -> list[str]:
    limits = {**DEFAULT_PAGE_LIMITS, **loaded.manifest.page_limits}
    warnings = []
    for document in (d for section in documents for d in section):
        limit = limits.get(document.kind or "")
        if limit is not None and document.pages > limit:
            warnings.append(
                f"{document.where}: {document.pages} pages, over the {limit} a {document.kind} should keep to "
                "(a setting: see 'page_limits')"
            )
        if document.pages_without_text == document.pages:
            warnings.append(f"{document.where}: has no text layer (a scan?), so it cannot be searched; try --ocr")
        elif document.pages_without_text:
            warnings.append(
                f"{document.where}: {document.pages_without_text} of {document.pages} pages have no text "
                "(blank, or scanned); try --ocr"
            )
    return warnings


def _front_matter(loaded: LoadedManifest, sections: list[IndexSection], body_pages: int, numbering: Numbering) -> bytes:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..templating import long_date
    from ..writers.pdf import html_to_pdf

    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent), autoescape=True, undefined=StrictUndefined
    )
    environment.filters["long_date"] = long_date
    manifest = loaded.manifest
    markup = environment.get_template("front-matter.html").render(
        bundle=manifest,
        case=manifest.case,
        sections=sections,
        body_pages=body_pages,
        page_limit=manifest.page_limit,
        permission=manifest.court_permission,
        numbering=numbering,
    )
    return html_to_pdf(markup)


def _merge(
    loaded: LoadedManifest,
    front: bytes,
    documents: list[list[SourceDocument]],
    sections: list[IndexSection],
    numbering: Numbering,
) -> tuple[bytes, int]:
    entries = [entry for section in sections for entry in section.entries]
    flat = [document for section in documents for document in section]
    with ExitStack() as stack:
        # pikepdf warns that pages.extend() leaves named destinations behind:
        # _detach_links carries them over under prefixed names instead.
        stack.enter_context(warnings.catch_warnings())
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        # Sources stay open until the bundle is saved: pikepdf copies stream
        # data from them lazily.
        out = stack.enter_context(pikepdf.new())
        front_pdf = stack.enter_context(pikepdf.open(io.BytesIO(front)))
        front_links = _detach_links(front_pdf)
        out.pages.extend(front_pdf.pages)
        front_pages = len(front_pdf.pages)

        destinations: dict[str, Array] = {}
        bookmarks: list[list[OutlineItem]] = []
        for number, document in enumerate(flat, start=1):
            source = stack.enter_context(pikepdf.open(io.BytesIO(document.pdf)))
            start = len(out.pages)
            prefix = f"doc{number:03d}-"
            names = _detach_links(source, prefix)
            outline = _outline_of(source)
            out.pages.extend(source.pages)
            for name, (index, rest) in names.items():
                destinations[name] = Array([out.pages[start + index].obj, *rest])
            bookmarks.append([_mapped(item, out, start) for item in outline])

        _stamp_pages(out, front_pages, entries, numbering)
        _write_destinations(out, destinations)
        _link_index(out, front_pdf, front_links, front_pages, entries)
        _write_outline(out, sections, bookmarks, front_pages)
        _write_page_labels(out, front_pages, sections, numbering)
        _finish(out, loaded)
        buffer = io.BytesIO()
        out.save(
            buffer,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return buffer.getvalue(), front_pages


# --- links and named destinations -------------------------------------------------


def _detach_links(source: pikepdf.Pdf, prefix: str = "") -> dict[str, tuple[int, list[object]]]:
    """Rewrite every link in ``source`` to a prefixed named destination, and
    return the names with the page index and view each points to.

    Explicit destinations ([page /XYZ ...]) get names too, so no link keeps a
    reference to a page object of the source file. Structure-tree keys go:
    the bundle does not carry the documents' tag trees (see the README).
    """
    page_index = {page.obj.objgen: i for i, page in enumerate(source.pages)}
    named = _named_destinations(source)
    resolved: dict[str, tuple[int, list[object]]] = {}

    def rename(destination: object) -> String | None:
        if isinstance(destination, (String, Name)):
            key = str(destination).lstrip("/") if isinstance(destination, Name) else str(destination)
            target = named.get(key)
        elif isinstance(destination, Array) and len(destination) >= 1:
            target = destination
            key = f"explicit-{len(resolved)}"
        else:
            return None
        if target is None or not isinstance(target, Array) or len(target) == 0:
            return None
        index = page_index.get(target[0].objgen) if isinstance(target[0], pikepdf.Dictionary) else None
        if index is None:
            return None
        resolved[prefix + key] = (index, list(target[1:]))
        return String(prefix + key)

    for page in source.pages:
        _remove(page.obj, "/StructParents")
        for annotation in page.obj.get("/Annots", []):
            _remove(annotation, "/StructParent", "/P")
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if "/Dest" in annotation:
                target = rename(annotation.Dest)
                if target is None:  # a link to nowhere stays visible but goes nowhere
                    del annotation.Dest
                else:
                    annotation.Dest = target
            elif action is not None and action.get("/S") == "/GoTo":
                target = rename(action.D)
                if target is None:
                    del annotation.A
                else:
                    action.D = target
    return resolved


def _remove(dictionary: Dictionary, *keys: str) -> None:
    for key in keys:
        if key in dictionary:
            del dictionary[key]


def _named_destinations(source: pikepdf.Pdf) -> dict[str, Array]:
    named: dict[str, Array] = {}
    root = source.Root
    if "/Dests" in root:  # the PDF 1.1 dictionary form
        for key, value in root.Dests.items():
            named[key.lstrip("/")] = value.get("/D") if isinstance(value, Dictionary) else value
    if "/Names" in root and "/Dests" in root.Names:
        for key, value in pikepdf.NameTree(root.Names.Dests).items():
            named[key] = value.get("/D") if isinstance(value, Dictionary) else value
    return named


def _write_destinations(out: pikepdf.Pdf, destinations: dict[str, Array]) -> None:
    if not destinations:
        return
    tree = pikepdf.NameTree.new(out)
    for name in sorted(destinations):
        tree[name] = destinations[name]
    out.Root.Names = Dictionary(Dests=tree.obj)


def _link_index(
    out: pikepdf.Pdf, front: pikepdf.Pdf, links: dict[str, tuple[int, list[object]]], front_pages: int,
    entries: list[IndexEntry],
) -> None:
    """Point each index entry's link at its document's first page, shown whole."""
    first_pages = {f"entry-{entry.number}": front_pages + entry.first_page for entry in entries}
    for page in list(out.pages)[:front_pages]:
        for annotation in page.obj.get("/Annots", []):
            name = str(annotation.get("/Dest", ""))
            if name in first_pages:
                annotation.Dest = Array([out.pages[first_pages[name]].obj, Name.XYZ, None, None, None])


# --- stamps ------------------------------------------------------------------------


def _stamp_pages(out: pikepdf.Pdf, front_pages: int, entries: list[IndexEntry], numbering: Numbering) -> None:
    font = out.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Helvetica-Bold"), Encoding=Name.WinAnsiEncoding)
    )
    for position, label in enumerate(_labels(entries, numbering)):
        page = out.pages[front_pages + position]
        font_name = _free_font_name(page)
        page.add_resource(font, Name.Font, font_name)
        # Wrapping the page's own content in q/Q keeps whatever state it
        # leaves behind from moving or scaling the stamp.
        page.contents_add(pikepdf.Stream(out, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(out, b"Q\n" + _stamp_operators(page, str(font_name), label)))


def _free_font_name(page: pikepdf.Page) -> Name:
    # A fixed name, not pikepdf's random prefix, so the bytes are the same every run.
    resources = page.resources
    taken = set(resources.Font.keys()) if "/Font" in resources else set()
    return Name(next(name for n in range(len(taken) + 1) if (name := f"/PdStamp{n}") not in taken))


def _labels(entries: list[IndexEntry], numbering: Numbering) -> Iterator[str]:
    position = 0
    for entry in entries:
        for page in range(entry.pages):
            position += 1
            if numbering == "section":
                yield f"{entry.section}{int(entry.first_label[1:]) + page}"
            else:
                yield str(position)


def _stamp_operators(page: pikepdf.Page, font: str, label: str) -> bytes:
    """Content-stream operators that draw ``label`` at the visible foot, right."""
    x0, y0, x1, y1 = (float(v) for v in (page.obj.get("/CropBox") or page.mediabox))
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    # A transform from the page as shown (origin at its visible bottom-left)
    # to the page's own coordinates, for each /Rotate a viewer applies.
    shown_width, matrix = {
        0: (x1 - x0, (1, 0, 0, 1, x0, y0)),
        90: (y1 - y0, (0, 1, -1, 0, x1, y0)),
        180: (x1 - x0, (-1, 0, 0, -1, x1, y1)),
        270: (y1 - y0, (0, -1, 1, 0, x0, y1)),
    }[rotate if rotate in (0, 90, 180, 270) else 0]
    width = sum(_HELVETICA_BOLD_WIDTHS.get(c, 667) for c in label) * STAMP_SIZE / 1000
    x = shown_width - STAMP_FROM_RIGHT - width
    cm = " ".join(_number(v) for v in matrix)
    return (
        f"q {cm} cm BT {font} {STAMP_SIZE} Tf 0 g {_number(x)} {STAMP_FROM_BOTTOM} Td ({label}) Tj ET Q\n".encode()
    )


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


# --- outline, labels, properties ------------------------------------------------------


def _outline_of(source: pikepdf.Pdf) -> list[tuple[str, int, list[object], list]]:
    """A document's own bookmarks as (title, page index, view, children)."""
    page_index = {page.obj.objgen: i for i, page in enumerate(source.pages)}
    named = _named_destinations(source)

    def walk(items: list[OutlineItem]) -> list[tuple[str, int, list[object], list]]:
        result = []
        for item in items:
            destination = item.destination
            if destination is None and item.action is not None and item.action.get("/S") == "/GoTo":
                destination = item.action.D
            if isinstance(destination, (String, Name)):
                destination = named.get(str(destination).lstrip("/"))
            if isinstance(destination, Array) and len(destination) and isinstance(destination[0], Dictionary):
                index = page_index.get(destination[0].objgen)
                if index is not None:
                    result.append((str(item.title), index, list(destination[1:]), walk(item.children)))
        return result

    with source.open_outline() as outline:
        return walk(list(outline.root))


def _mapped(item: tuple[str, int, list[object], list], out: pikepdf.Pdf, start: int) -> OutlineItem:
    title, index, view, children = item
    bookmark = OutlineItem(title, Array([out.pages[start + index].obj, *view]))
    bookmark.children.extend(_mapped(child, out, start) for child in children)
    return bookmark


def _write_outline(
    out: pikepdf.Pdf, sections: list[IndexSection], bookmarks: list[list[OutlineItem]], front_pages: int
) -> None:
    def at(position: int) -> Array:
        return Array([out.pages[position].obj, Name.XYZ, None, None, None])

    with out.open_outline() as outline:
        outline.root.append(OutlineItem("Front sheet", at(0)))
        if front_pages > 1:
            outline.root.append(OutlineItem("Index", at(1)))
        number = 0
        for section in sections:
            first = section.entries[0]
            section_item = OutlineItem(
                f"{section.letter}  {section.title} ({first.first_label}-{section.entries[-1].last_label})",
                at(front_pages + first.first_page),
            )
            for entry in section.entries:
                document_item = OutlineItem(f"{entry.page_range}  {entry.title}", at(front_pages + entry.first_page))
                document_item.children.extend(bookmarks[number])
                number += 1
                section_item.children.append(document_item)
            outline.root.append(section_item)


def _write_page_labels(out: pikepdf.Pdf, front_pages: int, sections: list[IndexSection], numbering: Numbering) -> None:
    """Page labels, so a viewer's page box shows "B4" and "go to B4" works."""
    numbers: list[object] = [0, Dictionary(S=Name.r)]
    if numbering == "continuous":
        numbers += [front_pages, Dictionary(S=Name.D, St=1)]
    else:
        for section in sections:
            numbers += [front_pages + section.entries[0].first_page, Dictionary(S=Name.D, P=String(section.letter), St=1)]
    out.Root.PageLabels = Dictionary(Nums=Array(numbers))


def _finish(out: pikepdf.Pdf, loaded: LoadedManifest) -> None:
    manifest = loaded.manifest
    # The e-bundle guidance: open at 100%, with the bookmarks showing.
    out.Root.OpenAction = Array([out.pages[0].obj, Name.XYZ, None, None, Decimal(1)])
    out.Root.PageMode = Name.UseOutlines
    out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    out.Root.Lang = String("en-GB")
    out.docinfo.Title = f"{manifest.title} · {manifest.case.case_number}"
    out.docinfo.Creator = "permdocs"
