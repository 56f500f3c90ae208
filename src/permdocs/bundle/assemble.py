"""Assembling the bundle: one PDF with a front sheet, an index, stamped
page references, bookmarks and working links.

The steps, in order:

1. **Gather** the documents, rendered or read, checked and measured
   (:mod:`.sources`), and **plan** the pagination (:mod:`.plan`); check the
   page limit (:mod:`.checks`).
2. **Front matter**: the front sheet and index, laid out by WeasyPrint from
   the plan, so the index's page references are the stamped ones.
3. **Merge** with pikepdf (qpdf underneath), which copies pages with their
   fonts, images and annotations intact, each document's links renamed
   first (:mod:`.links`).
4. **Stamp** each page's reference where it covers nothing (:mod:`.stamping`).
5. **Structure**: the parts' tags under one tree (:mod:`.structure`).
6. **Outline, labels, index links** (:mod:`.outline`, :mod:`.links`).
7. **Save** deterministically: no clock, a document id derived from the
   content, compressed object streams.
"""

from __future__ import annotations

import io
import warnings
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from ..errors import InvalidBundleError
from .checks import bundle_warnings, page_limit_problem
from .hearing_checks import hearing_warnings
from .links import detach_links, link_index, write_destinations
from .manifest import LoadedManifest
from .outline import bookmarks_of, placed, write_outline, write_page_labels
from .plan import IndexEntry, IndexSection, Numbering, page_labels, plan_sections
from .sources import SourceDocument, gather_documents
from .stamping import font_dictionary, place, stamp_font, stamp_page
from .structure import BundleStructure, untagged_warning


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
    return assemble(loaded, gather_documents(loaded, ocr=ocr), numbering)


def assemble(loaded: LoadedManifest, documents: list[list[SourceDocument]], numbering: Numbering) -> Bundle:
    """The bundle made from gathered documents (the second half of
    build_bundle, on its own for the benchmark's breakdown)."""
    sections = plan_sections(loaded, documents, numbering)
    body_pages = sum(entry.pages for section in sections for entry in section.entries)
    problem = page_limit_problem(loaded.manifest, body_pages)
    if problem is not None:
        raise InvalidBundleError([problem])
    front = _front_matter(loaded, sections, body_pages, numbering)
    flat = [document for section in documents for document in section]
    pdf, front_pages, covering, untagged = _merge(loaded, front, flat, sections, numbering)
    cases = list({id(d.case): d.case for d in flat if d.case is not None}.values())
    # The documents' own warnings first, in bundle order; then what the hearing needs of the whole.
    warnings = [
        *bundle_warnings(loaded.manifest, flat, covering), *untagged, *hearing_warnings(loaded.manifest, documents, cases)
    ]
    return Bundle(pdf, sections, front_pages, body_pages, warnings)


def _front_matter(loaded: LoadedManifest, sections: list[IndexSection], body_pages: int, numbering: Numbering) -> bytes:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..practice.calendar_dates import long_date
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
        permission=manifest.court_permission if manifest.limit_set_by_court else None,
        numbering=numbering,
    )
    return html_to_pdf(markup)


def _merge(
    loaded: LoadedManifest,
    front: bytes,
    documents: list[SourceDocument],
    sections: list[IndexSection],
    numbering: Numbering,
) -> tuple[bytes, int, dict[str, list[str]], list[str]]:
    """The bundle's bytes, its number of front pages, by document the
    references of pages whose stamp covers content, and a warning for each
    part that is not tagged."""
    entries = [entry for section in sections for entry in section.entries]
    with ExitStack() as stack:
        # pikepdf warns that pages.extend() leaves named destinations behind:
        # detach_links carries them over under prefixed names instead.
        stack.enter_context(warnings.catch_warnings())
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        # Sources stay open until the bundle is saved: pikepdf copies stream
        # data from them lazily.
        out = stack.enter_context(pikepdf.new())
        front_pdf = stack.enter_context(pikepdf.open(io.BytesIO(front)))
        detach_links(front_pdf)
        out.pages.extend(front_pdf.pages)
        front_pages = len(front_pdf.pages)
        structure = BundleStructure(out)
        structure.add(front_pdf, 0)
        untagged: list[str] = []

        font = stamp_font()
        font_object = font_dictionary(out, font)
        destinations: dict[str, Array] = {}
        bookmarks: list[list[OutlineItem]] = []
        covering: dict[str, list[str]] = {}
        for number, (document, entry) in enumerate(zip(documents, entries, strict=True), start=1):
            source = stack.enter_context(pikepdf.open(io.BytesIO(document.pdf)))
            start = len(out.pages)
            names = detach_links(source, f"doc{number:03d}-")
            own = bookmarks_of(source, document.title)
            out.pages.extend(source.pages)
            if not structure.add(source, start, document.title):
                untagged.append(untagged_warning(document.where, document.title))
            for name, (index, view) in names.items():
                destinations[name] = Array([out.pages[start + index].obj, *view])
            bookmarks.append([placed(bookmark, out, start) for bookmark in own])
            for index, label in enumerate(page_labels(entry, numbering)):
                page = out.pages[start + index]
                placement = place(page, label, document.contents[index].boxes, font)
                stamp_page(out, page, label, placement, font_object)
                if not placement.clear:
                    covering.setdefault(document.where, []).append(label)

        write_destinations(out, destinations)
        link_index(out, front_pages, {entry.anchor: entry.first_page for entry in entries})
        write_outline(out, sections, bookmarks, front_pages)
        write_page_labels(out, front_pages, sections, continuous=numbering == "continuous")
        structure.finish()
        _finish(out, loaded)
        buffer = io.BytesIO()
        out.save(
            buffer,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return buffer.getvalue(), front_pages, covering, untagged


def _finish(out: pikepdf.Pdf, loaded: LoadedManifest) -> None:
    manifest = loaded.manifest
    # The e-bundle guidance: open at 100%, with the bookmarks showing.
    out.Root.OpenAction = Array([out.pages[0].obj, Name.XYZ, None, None, Decimal(1)])
    out.Root.PageMode = Name.UseOutlines
    out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    out.Root.Lang = String("en-GB")
    out.docinfo.Title = f"{manifest.title} · {manifest.case.case_number}"
    out.docinfo.Creator = "permdocs"
    # PDF/UA-1 asks for XMP naming the standard and the title; no editor
    # mark, which would stamp the clock into the bytes.
    with out.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata["dc:title"] = str(out.docinfo.Title)
        metadata["pdfuaid:part"] = "1"
