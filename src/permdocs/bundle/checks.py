"""What is checked once the bundle's documents are gathered: the page limit
(an error) and what a user should know before filing it (warnings).

Warnings, per document in bundle order:

- over its kind's page limit (a setting, see DEFAULT_PAGE_LIMITS);
- a copy other than the court's, which the manifest allowed;
- pages without text (a scan), or pages OCR gave text;
- text under the guidance's 12 pt (most of it, or more than a fifth);
- fonts the file does not embed;
- pages whose stamp could find no clear place, and covers some content.
"""

from __future__ import annotations

from collections import Counter

from ..errors import Problem
from ..practice.calendar_dates import long_date
from .manifest import COURT_AUDIENCE, DEFAULT_PAGE_LIMIT, BundleManifest
from .sources import SourceDocument

#: Warning thresholds in pages, by kind of document. These are settings, not
#: law: the figures follow practice under the earlier PD27A, and the version
#: in force from 2 March 2026 may differ. A manifest's ``page_limits``
#: replaces any of them.
DEFAULT_PAGE_LIMITS = {"care-plan": 10, "chronology": 10, "witness-statement": 25, "expert-report": 40}

#: The e-bundle guidance's smallest text, in points.
MINIMUM_TEXT_SIZE = 12.0
#: A document mostly in 12 pt or more is still reported when more than this
#: share of its text is smaller (headers and footers alone stay under it).
SMALL_TEXT_SHARE = 0.2


def page_limit_problem(manifest: BundleManifest, body_pages: int) -> Problem | None:
    limit = manifest.page_limit
    if body_pages <= limit:
        return None
    if manifest.limit_set_by_court:
        assert manifest.court_permission is not None
        given = long_date(manifest.court_permission.given_on)
        reason = f"over the {limit} the court permitted on {given}; ask the court for more, or remove documents"
    else:
        reason = (
            f"over PD27A's limit of {DEFAULT_PAGE_LIMIT}; record the court's permission in 'court_permission', "
            "or remove documents"
        )
    return Problem("$.sections", f"the bundle has {body_pages} pages, {reason}")


def bundle_warnings(
    manifest: BundleManifest, documents: list[SourceDocument], covering_stamps: dict[str, list[str]]
) -> list[str]:
    """Every warning, in bundle order. ``covering_stamps`` gives, by a
    document's JSON path, the references of its pages whose stamp covers
    content."""
    warnings = []
    permission = manifest.court_permission
    if permission is not None and permission.pages <= DEFAULT_PAGE_LIMIT:
        warnings.append(
            f"$.court_permission.pages: {permission.pages} is no more than the {DEFAULT_PAGE_LIMIT} pages PD27A "
            f"allows without permission, so the limit stays at {DEFAULT_PAGE_LIMIT}"
        )
    limits = {**DEFAULT_PAGE_LIMITS, **manifest.page_limits}
    for document in documents:
        where = document.where
        limit = limits.get(document.kind or "")
        if limit is not None and document.pages > limit:
            warnings.append(
                f"{where}: {document.pages} pages, over the {limit} set for {_with_article(document.kind or '')} "
                "(a setting: see 'page_limits')"
            )
        if document.audience not in (None, COURT_AUDIENCE):
            warnings.append(
                f"{where}: is the '{document.audience}' copy, not the court's (allowed by 'allow_non_court_copy'); "
                "check that it holds nothing a party must not see"
            )
        if document.removed:
            warnings.append(f"{where}.pdf: active content removed, as a bundle may carry none: {'; '.join(document.removed)}")
        warnings.extend(_text_layer_warnings(document))
        small = _small_text(document)
        if small:
            warnings.append(f"{where}: {small}")
        fonts = sorted({font for page in document.contents for font in page.fonts_not_embedded})
        if fonts:
            warnings.append(
                f"{where}: uses fonts it does not embed ({', '.join(fonts)}), which a reader's computer may show "
                "differently; ask for a copy with its fonts embedded"
            )
        labels = covering_stamps.get(where)
        if labels:
            pages, them = ("page", "it") if len(labels) == 1 else ("pages", "them")
            warnings.append(
                f"{where}: the stamp on {pages} {', '.join(labels)} covers part of the page, as neither right-hand "
                f"corner is clear; check {them}"
            )
    return warnings


def _with_article(kind: str) -> str:
    words = kind.replace("-", " ")
    return f"{'an' if words[:1] in tuple('aeiou') else 'a'} {words}"


def _text_layer_warnings(document: SourceDocument) -> list[str]:
    warnings = []
    if document.pages_given_text:
        pages = "page" if document.pages_given_text == 1 else "pages"
        warnings.append(
            f"OCR added a text layer to {document.pages_given_text} {pages} of {document.where} ({document.title}); "
            "recognised text can hold misread words"
        )
    without = document.pages_without_text
    if without == document.pages:
        warnings.append(f"{document.where}: has no text layer (a scan?), so it cannot be searched; try --ocr")
    elif without:
        warnings.append(
            f"{document.where}: {without} of {document.pages} pages have no text (blank, or scanned); try --ocr"
        )
    return warnings


def text_sizes(document: SourceDocument) -> Counter[float]:
    """Characters of the document's visible text, by size in points."""
    sizes: Counter[float] = Counter()
    for page in document.contents:
        sizes.update(page.text_sizes)
    return sizes


def _small_text(document: SourceDocument) -> str | None:
    """What to say about text under 12 pt, if anything. The main size is the
    one most of the characters are set in (in permdocs' documents, often a
    table's, not a paragraph's)."""
    sizes = text_sizes(document)
    total = sum(sizes.values())
    if not total:
        return None
    main = sizes.most_common(1)[0][0]
    small = {size: count for size, count in sizes.items() if size < MINIMUM_TEXT_SIZE - 0.05}
    share = sum(small.values()) / total
    if main < MINIMUM_TEXT_SIZE - 0.05:
        return (
            f"most of its text is {_points(main)} pt, under the 12 pt the e-bundle guidance asks for "
            f"({share:.0%} of it is smaller than 12 pt, down to {_points(min(small))} pt)"
        )
    if share > SMALL_TEXT_SHARE:
        return f"{share:.0%} of its text is smaller than 12 pt (down to {_points(min(small))} pt)"
    return None


def _points(size: float) -> str:
    return f"{size:.1f}".removesuffix(".0")
