"""PDF writer: the HTML writer's output laid out by WeasyPrint.

Two guarantees live here:

* **No fetching.** WeasyPrint would follow any URL in the HTML, including
  ``file://`` paths and the network, and embed what it finds. Our fetcher
  allows only files inside the packaged assets folder, and fails the render,
  rather than logging and carrying on, for anything else.
* **Same bytes every run.** The document date comes from the case; the font
  subsetter's timestamp comes from ``SOURCE_DATE_EPOCH``, which is pinned
  while WeasyPrint runs.
"""

from __future__ import annotations

import gc
import io
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pikepdf
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from ..base.resources import assets_dir
from ..errors import BlockedResourceError
from . import Styling, html
from .pdf_checks import elements_in_tree, number_tree_pairs

if TYPE_CHECKING:
    from ..documents import DocumentType

#: A fixed moment (2020-01-01T00:00:00Z) for the font subsetter's timestamp.
#: Any constant would do; the document's own date is in its metadata.
FIXED_SOURCE_DATE_EPOCH = "1577836800"


class ForbiddenResourceError(FatalURLFetchingError):
    """The HTML asked for a resource outside the packaged assets.

    WeasyPrint stops only on this class, which derives from BaseException;
    :func:`html_to_pdf` turns it into a BlockedResourceError.
    """


class AssetsOnlyFetcher(URLFetcher):
    """Fetches inline ``data:`` URLs and files from the packaged assets folder,
    and nothing else."""

    def __init__(self, allowed_root: Path, allowed_files: frozenset[Path] = frozenset()):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self._root = allowed_root.resolve()
        # A profile's own fonts, each checked when the profile was loaded.
        self._files = frozenset(path.resolve() for path in allowed_files)

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ForbiddenResourceError(f"refused to fetch a {parts.scheme or 'relative'} URL")
        path = Path(unquote(parts.path)).resolve()
        if not (path.is_relative_to(self._root) or path in self._files) or not path.is_file():
            raise ForbiddenResourceError("refused to read a file outside permdocs' assets")
        return super().fetch(url, headers)


def render(document: "DocumentType", context: Any, styling: Styling, *, layout: str = "") -> bytes:
    """The document as a tagged A4 PDF with bookmarks and embedded fonts,
    every layout drawn from the one HTML template, as the context says."""
    fonts = frozenset(face.path for face in styling.font_faces)
    markup = html.render_text(document, context, styling, for_print=True)
    return html_to_pdf(markup, fonts, archival=styling.archival)


def html_to_pdf(markup: str, font_files: frozenset[Path] = frozenset(), *, archival: bool = False) -> bytes:
    """Lay out HTML (ours, already escaped) as PDF, reading only our assets
    and the profile's own font files. Always PDF/UA-1; ``archival`` makes it
    PDF/A-2u as well, for the records file (see ARCHIVAL_STANDARD)."""
    root = assets_dir()
    fetcher = AssetsOnlyFetcher(root, font_files)
    # base_url must end with a slash for url(fonts/...) to resolve inside it.
    base_url = root.as_uri() + "/"
    try:
        # One layout at a time per process: SOURCE_DATE_EPOCH is process-wide,
        # and a host application may render from several threads.
        with _LAYOUT_LOCK, _pinned_source_date_epoch(), _earlier_objects_left_uncollected():
            laid_out = HTML(string=markup, base_url=base_url, url_fetcher=fetcher).write_pdf(
                font_config=_font_configuration(font_files),
                # PDF/UA-1: tags, plus the XMP metadata that names the standard and
                # the title; what it leaves out is mended below (pdf_checks checks all).
                pdf_variant=ARCHIVAL_STANDARD if archival else "pdf/ua-1",
                pdf_tags=True,
                uncompressed_pdf=False,
            )
    except ForbiddenResourceError as refused:
        raise BlockedResourceError(f"A template asked for a resource permdocs does not allow: {refused}") from None
    return running_text_as_artifacts(laid_out, declare_pdf_ua=archival)


#: The PDF/A part and level of an archival copy. Part 2, not 3: part 3 lets
#: any file ride inside the PDF, which a records system should not have to
#: trust or keep readable. Level U, not B: B keeps only the look, U also
#: maps every character to Unicode, so that the text of a CPR or a letter can
#: still be searched and copied (and read aloud) decades from now. Tagged as
#: well, and declared PDF/UA-1 beside it.
ARCHIVAL_STANDARD = "pdf/a-2u"

#: The XMP that declares PDF/UA-1 in a PDF/A file: PDF/A admits a property
#: outside its own schemas only with a description of its schema (ISO
#: 19005-2, 6.6.2.3), here pdfuaid's, as ISO 14289-1 defines it.
_PDF_UA_IN_PDF_A = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>The part of ISO 14289 the file follows</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>"""


def running_text_as_artifacts(pdf: bytes, *, declare_pdf_ua: bool = False) -> bytes:
    """The PDF with the text of its page margins (the protective marking,
    the running title, "Page X of Y") marked as pagination artifacts.

    WeasyPrint gives that text marked-content ids but leaves it out of the
    structure tree (an artifact inside the tree needs PDF 2.0), so it is
    neither real content nor an artifact, as PDF/UA-1 (7.1) requires it to
    be one or the other. A screen reader should skip it on every page, as it
    skips a printed book's running heads."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        tree = document.Root.get("/StructTreeRoot")
        if not isinstance(tree, pikepdf.Dictionary):
            return pdf
        in_tree = elements_in_tree(tree)
        parents = dict(number_tree_pairs(tree.get("/ParentTree")))
        changed = False
        for page in document.pages:
            marked = parents.get(int(page.obj.get("/StructParents", -1)))
            if not isinstance(marked, pikepdf.Array):
                continue
            outside = {i for i, element in enumerate(marked)
                       if isinstance(element, pikepdf.Dictionary) and element.objgen not in in_tree}
            if not outside:
                continue
            # WeasyPrint writes each opening as "/Span <</MCID 46>> BDC"; its
            # text is hex glyph ids, so the pattern cannot meet a word. Bytes,
            # not parsed operators: a tenth of the time on a long document.
            contents = page.obj.Contents
            for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
                data = stream.read_bytes()
                mended = _MARKED.sub(lambda m: _ARTIFACT if int(m.group(1)) in outside else m.group(0), data)
                if mended != data:
                    stream.write(mended)
            for i in outside:
                marked[i] = None
            changed = True
        if declare_pdf_ua:
            # WeasyPrint writes one variant's identifier: a PDF/A file names PDF/UA-1 here.
            metadata = document.Root.Metadata
            metadata.write(metadata.read_bytes().replace(b"</rdf:RDF>", _PDF_UA_IN_PDF_A + b"</rdf:RDF>", 1))
            changed = True
        if not changed:
            return pdf
        buffer = io.BytesIO()
        # The id from the content, so that the same input gives the same bytes.
        document.save(buffer, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return buffer.getvalue()


#: An opening of marked content with an id, as WeasyPrint writes it.
_MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID (\d+)\s*>>\s*BDC")
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


_LAYOUT_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def _font_configuration(font_files: frozenset[Path]) -> FontConfiguration:
    """One font configuration per set of font files, kept for the process:
    the bundled fonts are loaded once, not for every document, and a
    council's own fonts never mix with another council's."""
    return FontConfiguration()


@contextmanager
def _earlier_objects_left_uncollected() -> Iterator[None]:
    """Python's cycle collector now and then walks every object the process
    holds, and WeasyPrint allocates enough while it lays a document out to
    set it off several times a document. A permdocs process holds about
    three times the objects of a bare WeasyPrint script (the case model, the
    checks, every document's code), so each of those walks took longer, and
    a PDF cost about an eighth more than the same layout in a bare process
    (benchmarks/pdf_overhead.py). The objects that exist before the layout
    are set aside while it runs (gc.freeze) and handed back afterwards: the
    collector still collects everything the layout leaves behind, and the
    rest at its next full pass. The output does not change.

    A host application that freezes objects itself (before forking workers,
    say) is left alone: it would not want them unfrozen by a library."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _pinned_source_date_epoch() -> Iterator[None]:
    # fontTools stamps font subsets with the current time unless this is set.
    # Restored afterwards so that a host application's environment is not
    # changed behind its back.
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def bundled_font_names() -> frozenset[str]:
    """The fonts the PDF may embed (PostScript names); tests assert nothing else is."""
    families = ("Liberation-Sans", "Liberation-Serif")
    return frozenset(f"{family}{style}" for family in families for style in ("", "-Bold", "-Italic", "-BoldItalic"))
