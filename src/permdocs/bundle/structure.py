"""The bundle's structure tree: its parts' trees carried under one root.

Each part arrives tagged (permdocs' own documents, the front sheet and
index, and any external PDF that was made tagged). Copying pages alone
leaves their marked content pointing at nothing, and the bundle reads as
untagged, so a screen reader would get the whole bundle as one stream of
text. Here each part's tree is copied after its pages (qpdf maps the
tree's page references to the copies already made), its parent-tree keys
moved past the previous parts', and its elements hung under a ``Part``
named by the document's title, inside one ``Document``.

A part that is not tagged keeps its pages but adds nothing to the tree;
the bundle's report names it (:func:`untagged_warning`).
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..writers.pdf_checks import is_tagged, number_tree_pairs


class BundleStructure:
    """The tree being built, part by part, in page order."""

    def __init__(self, out: pikepdf.Pdf):
        self.out = out
        self.document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        self.numbers: list[tuple[int, pikepdf.Object]] = []
        self.next_key = 0

    def add(self, source: pikepdf.Pdf, first_page: int, title: str | None = None) -> bool:
        """Carry ``source``'s tree, whose pages are already in the bundle from
        ``first_page`` on, under a Part called ``title`` (or, with no title,
        straight under the Document: the front sheet and index). False, and
        nothing added, where the source is not tagged."""
        if not is_tagged(source):
            return False
        copied = self.out.copy_foreign(source.Root.StructTreeRoot)
        offset = self.next_key
        for index in range(len(source.pages)):
            page = self.out.pages[first_page + index].obj
            if "/StructParents" in page:
                page.StructParents = int(page.StructParents) + offset
            for annotation in page.get("/Annots", []):
                if isinstance(annotation, Dictionary) and "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        highest = -1
        for key, value in number_tree_pairs(copied.get("/ParentTree")):
            self.numbers.append((key + offset, value))
            highest = max(highest, key)
        self.next_key = offset + highest + 1
        container = self.document
        if title is not None:
            container = self.out.make_indirect(Dictionary(
                Type=Name.StructElem, S=Name.Part, T=String(title), P=self.document, K=Array()
            ))
            self.document.K.append(container)
        for element in _top_elements(copied.get("/K")):
            element.P = container
            container.K.append(element)
        return True

    def finish(self) -> None:
        """Write the tree into the bundle's catalogue."""
        numbers = Array()
        for key, value in sorted(self.numbers, key=lambda pair: pair[0]):
            numbers.extend([key, value])
        root = self.out.make_indirect(Dictionary(
            Type=Name.StructTreeRoot, K=self.document,
            ParentTree=self.out.make_indirect(Dictionary(Nums=numbers)), ParentTreeNextKey=self.next_key,
        ))
        self.document.P = root
        self.out.Root.StructTreeRoot = root
        self.out.Root.MarkInfo = Dictionary(Marked=True)


def untagged_warning(where: str, title: str) -> str:
    return (
        f"{where}: {title} is not a tagged PDF, so a screen reader reads its pages without headings, tables or "
        "reading order; ask for a tagged copy (PDF/UA), for example saved from Word with 'Document structure tags "
        "for accessibility' ticked"
    )


def _top_elements(kids: pikepdf.Object) -> list[Dictionary]:
    """The elements to hang under the part: the children of the part's own
    Document element (one Document per bundle, not one per part)."""
    elements = [kid for kid in _as_list(kids) if isinstance(kid, Dictionary)]
    if len(elements) == 1 and elements[0].get("/S") == Name.Document:
        inner = [kid for kid in _as_list(elements[0].get("/K")) if isinstance(kid, Dictionary)]
        if inner:
            return inner
    return elements


def _as_list(value: pikepdf.Object) -> list[pikepdf.Object]:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]
