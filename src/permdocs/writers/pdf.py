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

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from ..base.resources import assets_dir
from ..errors import BlockedResourceError
from . import Styling, html

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
    return html_to_pdf(html.render_text(document, context, styling, for_print=True), fonts)


def html_to_pdf(markup: str, font_files: frozenset[Path] = frozenset()) -> bytes:
    """Lay out HTML (ours, already escaped) as PDF, reading only our assets
    and the profile's own font files."""
    root = assets_dir()
    fetcher = AssetsOnlyFetcher(root, font_files)
    # base_url must end with a slash for url(fonts/...) to resolve inside it.
    base_url = root.as_uri() + "/"
    try:
        # One layout at a time per process: SOURCE_DATE_EPOCH is process-wide,
        # and a host application may render from several threads.
        with _LAYOUT_LOCK, _pinned_source_date_epoch():
            return HTML(string=markup, base_url=base_url, url_fetcher=fetcher).write_pdf(
                font_config=_font_configuration(font_files),
                # PDF/UA-1: tags, plus the XMP metadata that names the standard and
                # the title (WeasyPrint leaves the rest to us: see pdf_checks).
                pdf_variant="pdf/ua-1",
                uncompressed_pdf=False,
            )
    except ForbiddenResourceError as refused:
        raise BlockedResourceError(f"A template asked for a resource permdocs does not allow: {refused}") from None


_LAYOUT_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def _font_configuration(font_files: frozenset[Path]) -> FontConfiguration:
    """One font configuration per set of font files, kept for the process:
    the bundled fonts are loaded once, not for every document, and a
    council's own fonts never mix with another council's."""
    return FontConfiguration()


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
