"""The bundle's bookmarks and page labels.

One bookmark per section and per document, each labelled with its page
reference ("B4-B9  Parenting assessment"); each document's own bookmarks
sit beneath it, except those that only repeat its title (a report that
bookmarks its title on every page would otherwise show it four times).
Page labels make a viewer's page box show "B4", so "go to B4" works.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from .links import named_destinations
from .plan import IndexSection


@dataclass(frozen=True)
class Bookmark:
    """A document's own bookmark, read from its source file."""

    title: str
    page: int  # the page's index in its document
    view: list[object]
    children: list[Bookmark]


def bookmarks_of(source: pikepdf.Pdf, document_title: str) -> list[Bookmark]:
    """A document's own bookmarks, without those that repeat its title (their
    children move up a level in their place)."""
    page_index = {page.obj.objgen: i for i, page in enumerate(source.pages)}
    named = named_destinations(source)
    title = _comparable(document_title)

    def walk(items: Sequence[OutlineItem]) -> list[Bookmark]:
        result: list[Bookmark] = []
        for item in items:
            children = walk(item.children)
            if _comparable(str(item.title)) == title:
                result.extend(children)
                continue
            destination = item.destination
            if destination is None and item.action is not None and item.action.get("/S") == "/GoTo":
                destination = item.action.D
            if isinstance(destination, (String, Name)):
                destination = named.get(str(destination).lstrip("/"))
            if isinstance(destination, Array) and len(destination) and isinstance(destination[0], Dictionary):
                index = page_index.get(destination[0].objgen)
                if index is not None:
                    result.append(Bookmark(str(item.title), index, list(destination[1:]), children))
        return result

    with source.open_outline() as outline:
        return walk(list(outline.root))


def _comparable(title: str) -> str:
    return " ".join(title.split()).casefold()


def placed(bookmark: Bookmark, out: pikepdf.Pdf, start: int) -> OutlineItem:
    """``bookmark`` as an outline item of the bundle, whose document starts
    at page index ``start``."""
    item = OutlineItem(bookmark.title, Array([out.pages[start + bookmark.page].obj, *bookmark.view]))
    item.children.extend(placed(child, out, start) for child in bookmark.children)
    return item


def write_outline(
    out: pikepdf.Pdf, sections: Sequence[IndexSection], documents: list[list[OutlineItem]], front_pages: int
) -> None:
    """The bundle's outline: front sheet, index, then each section with its
    documents and theirs (``documents``, in the order of the entries)."""

    def at(position: int) -> Array:
        return Array([out.pages[position].obj, Name.XYZ, None, None, None])

    with out.open_outline() as outline:
        outline.root.append(OutlineItem("Front sheet", at(0)))
        if front_pages > 1:
            outline.root.append(OutlineItem("Index", at(1)))
        number = 0
        for section in sections:
            start = front_pages + section.entries[0].first_page
            section_item = OutlineItem(f"{section.letter}  {section.title} ({section.page_range})", at(start))
            for entry in section.entries:
                document_item = OutlineItem(f"{entry.page_range}  {entry.title}", at(front_pages + entry.first_page))
                document_item.children.extend(documents[number])
                number += 1
                section_item.children.append(document_item)
            outline.root.append(section_item)


def write_page_labels(out: pikepdf.Pdf, front_pages: int, sections: Sequence[IndexSection], *, continuous: bool) -> None:
    """Page labels: i, ii for the front matter, then A1 ... or 1 ..."""
    numbers: list[object] = [0, Dictionary(S=Name.r)]
    if continuous:
        numbers += [front_pages, Dictionary(S=Name.D, St=1)]
    else:
        for section in sections:
            numbers += [front_pages + section.entries[0].first_page, Dictionary(S=Name.D, P=String(section.letter), St=1)]
    out.Root.PageLabels = Dictionary(Nums=Array(numbers))
