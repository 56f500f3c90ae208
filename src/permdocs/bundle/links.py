"""Links and named destinations across the bundle's documents.

Before a document's pages are copied into the bundle, its links are
rewritten to named destinations with a prefix of its own (``doc003-...``),
so that two documents' "section-2" never collide and no link points into a
page of the source file; explicit destinations ([page /XYZ ...]) get names
too. The index's links are pointed at its documents' first pages last.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, String

#: A destination in a source file: the page's index there, and the view.
Target = tuple[int, list[object]]


def detach_links(source: pikepdf.Pdf, prefix: str = "") -> dict[str, Target]:
    """Rewrite every link in ``source`` to a prefixed named destination, and
    return the names with the page index and view each points to.
    """
    page_index = {page.obj.objgen: i for i, page in enumerate(source.pages)}
    named = named_destinations(source)
    resolved: dict[str, Target] = {}

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

    # Pages and annotations keep their keys into the structure tree, which
    # the bundle carries over (bundle.structure).
    for page in source.pages:
        for annotation in page.obj.get("/Annots", []):
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


def named_destinations(source: pikepdf.Pdf) -> dict[str, Array]:
    named: dict[str, Array] = {}
    root = source.Root
    if "/Dests" in root:  # the PDF 1.1 dictionary form
        for key, value in root.Dests.items():
            named[key.lstrip("/")] = value.get("/D") if isinstance(value, Dictionary) else value
    if "/Names" in root and "/Dests" in root.Names:
        for key, value in pikepdf.NameTree(root.Names.Dests).items():
            named[key] = value.get("/D") if isinstance(value, Dictionary) else value
    return named


def write_destinations(out: pikepdf.Pdf, destinations: dict[str, Array]) -> None:
    if not destinations:
        return
    tree = pikepdf.NameTree.new(out)
    for name in sorted(destinations):
        tree[name] = destinations[name]
    out.Root.Names = Dictionary(Dests=tree.obj)


def link_index(out: pikepdf.Pdf, front_pages: int, first_pages: dict[str, int]) -> None:
    """Point each index link (``#entry-N`` in the front matter) at its
    document's first page, shown whole."""
    for page in list(out.pages)[:front_pages]:
        for annotation in page.obj.get("/Annots", []):
            name = str(annotation.get("/Dest", ""))
            if name in first_pages:
                annotation.Dest = Array([out.pages[front_pages + first_pages[name]].obj, Name.XYZ, None, None, None])
