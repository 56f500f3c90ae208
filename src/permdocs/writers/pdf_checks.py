"""A structural check of a PDF against PDF/UA-1 (ISO 14289-1), with pikepdf.

veraPDF is the standard validator, but it is a Java program published on
Maven Central, which this project's machines cannot reach (they reach PyPI,
Debian and npm; Debian does not package it). So permdocs checks the points
of PDF/UA-1 that its own PDFs could get wrong, each named by the clause of
ISO 14289-1 and the Matterhorn Protocol 1.1 checkpoint group that veraPDF
reports it under:

========================================  ========  ==========
What is checked                           ISO 14289  Matterhorn
========================================  ========  ==========
marked as tagged (MarkInfo /Marked)       7.1       01
a structure tree                          7.1       01
text and pictures either tagged or        7.1       01
artifacts, never neither
XMP metadata naming PDF/UA-1              5         06
a title in the XMP metadata (dc:title)    7.1       06
the title shown in the window             7.1       07
(DisplayDocTitle)
a default language (/Lang)                7.2       11
every Figure has alternate text           7.3       13
heading levels without a gap              7.4.2     14
table headers: each TH has a Scope, or    7.5       15
cells name their headers (/Headers)
list items inside lists                   7.6       16
tab order follows the structure on a      7.18.3    28
page with annotations (/Tabs /S)
every font embedded                       7.21.3    31
========================================  ========  ==========

Not checked (veraPDF would): the structure types' nesting beyond lists and
tables, role maps, the contents of the font programs (glyph widths, CMaps),
optional content, and whether the alternate text is any good: a reader's
judgement, which the tests of each picture's words make instead.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
_FOLLOWED = "BDC BMC EMC Tj TJ ' \" Do BI"
_HEADINGS = {f"/H{n}": n for n in range(1, 7)}


def ua_problems(pdf: bytes) -> list[str]:
    """What keeps ``pdf`` from PDF/UA-1, as sentences naming the clause; empty if nothing."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return list(_problems(document))


def is_tagged(document: pikepdf.Pdf) -> bool:
    """Whether the PDF says it is tagged and has a structure tree to show for it."""
    mark_info = document.Root.get("/MarkInfo")
    marked = isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked", False))
    return marked and isinstance(document.Root.get("/StructTreeRoot"), pikepdf.Dictionary)


def _problems(document: pikepdf.Pdf) -> Iterator[str]:
    root = document.Root
    if not is_tagged(document):
        yield "7.1 (Matterhorn 01): not tagged: no /MarkInfo /Marked true, or no structure tree"
        return
    yield from _metadata_problems(document)
    preferences = root.get("/ViewerPreferences")
    if not (isinstance(preferences, pikepdf.Dictionary) and bool(preferences.get("/DisplayDocTitle", False))):
        yield "7.1 (Matterhorn 07): the window shows the file name, not the title (/DisplayDocTitle is not true)"
    if not str(root.get("/Lang", "")).strip():
        yield "7.2 (Matterhorn 11): no default language (/Lang) in the catalogue"
    yield from _structure_problems(root.StructTreeRoot)
    for number, page in enumerate(document.pages, start=1):
        if page.obj.get("/Annots") and page.obj.get("/Tabs") != "/S":
            yield f"7.18.3 (Matterhorn 28): page {number} has annotations but its tab order is not the structure's"
        untagged = _untagged_content(page)
        if untagged:
            yield f"7.1 (Matterhorn 01): page {number} shows {untagged} neither tagged nor marked as an artifact"
    yield from _orphaned_marks(document)
    yield from _font_problems(document, "7.21.3 (Matterhorn 31)")


def _metadata_problems(document: pikepdf.Pdf) -> Iterator[str]:
    if "/Metadata" not in document.Root:
        yield "5 (Matterhorn 06): no XMP metadata"
        return
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        if metadata.get("pdfuaid:part") != "1":
            yield "5 (Matterhorn 06): the XMP metadata does not name PDF/UA-1 (pdfuaid:part)"
        if not str(metadata.get("dc:title", "")).strip():
            yield "7.1 (Matterhorn 06): the XMP metadata has no title (dc:title)"


def _structure_problems(tree: pikepdf.Dictionary) -> Iterator[str]:
    last_heading = 0
    for element, parent in _elements(tree):
        kind = str(element.get("/S"))
        if kind == "/Figure" and not str(element.get("/Alt", "")).strip():
            yield "7.3 (Matterhorn 13): a Figure has no alternate text (/Alt)"
        elif kind in _HEADINGS:
            level = _HEADINGS[kind]
            if level > last_heading + 1:
                yield f"7.4.2 (Matterhorn 14): heading H{level} follows H{last_heading}, skipping a level"
            last_heading = level
        elif kind == "/LI" and str(parent.get("/S")) != "/L":
            yield "7.6 (Matterhorn 16): a list item (LI) outside a list (L)"
        elif kind == "/TD" and not _names_headers(element) and _table_has_unscoped_headers(element):
            yield "7.5 (Matterhorn 15): a table cell names no header (/Headers), and its table's TH give no /Scope"


def _elements(node: pikepdf.Object, parent: pikepdf.Object = None) -> Iterator[tuple[pikepdf.Dictionary, pikepdf.Object]]:
    """Structure elements in reading order, each with its parent; depth
    first, without recursion (a long document nests deeply)."""
    stack: list[tuple[pikepdf.Object, pikepdf.Object]] = [(node, parent)]
    seen: set[tuple[int, int]] = set()
    while stack:
        current, above = stack.pop()
        if isinstance(current, pikepdf.Array):
            stack.extend((child, above) for child in reversed(list(current)))
            continue
        if not isinstance(current, pikepdf.Dictionary):
            continue
        if current.is_indirect:
            if current.objgen in seen:  # a damaged tree may loop
                continue
            seen.add(current.objgen)
        if "/S" in current:
            yield current, above
        kids = current.get("/K")
        if kids is not None:
            stack.append((kids, current if "/S" in current else above))


def _attributes(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    attributes = element.get("/A")
    if isinstance(attributes, pikepdf.Dictionary):
        return [attributes]
    if isinstance(attributes, pikepdf.Array):
        return [a for a in attributes if isinstance(a, pikepdf.Dictionary)]
    return []


def _names_headers(cell: pikepdf.Dictionary) -> bool:
    return any(len(a.get("/Headers", [])) for a in _attributes(cell))


def _table_has_unscoped_headers(cell: pikepdf.Dictionary) -> bool:
    table = cell.get("/P")
    for _ in range(4):  # TD -> TR -> (THead | TBody | TFoot) -> Table
        if not isinstance(table, pikepdf.Dictionary) or table.get("/S") == "/Table":
            break
        table = table.get("/P")
    if not isinstance(table, pikepdf.Dictionary):
        return True
    headers = [element for element, _ in _elements(table.get("/K", pikepdf.Array())) if element.get("/S") == "/TH"]
    return not headers or any(not any("/Scope" in a for a in _attributes(th)) for th in headers)


def _untagged_content(page: pikepdf.Page) -> str:
    """``text``, ``a picture`` or both, if the page shows any outside both a
    tagged sequence (with an MCID) and an artifact; else an empty string."""
    found: set[str] = set()
    open_sequences: list[bool] = []  # True where the sequence is tagged or an artifact
    for instruction in pikepdf.parse_content_stream(page, _FOLLOWED):
        operator = str(instruction.operator)
        if operator in ("BDC", "BMC"):
            tag = str(instruction.operands[0])
            properties = instruction.operands[1] if operator == "BDC" else None
            tagged = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
            open_sequences.append(tag == "/Artifact" or tagged)
        elif operator == "EMC":
            if open_sequences:
                open_sequences.pop()
        elif not any(open_sequences):
            if operator in _SHOWING:
                found.add("text")
            elif operator in ("Do", "BI"):
                found.add("a picture")
    return " and ".join(sorted(found))


def elements_in_tree(tree: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The structure elements reachable from the tree's root, by object number.

    The same walk as :func:`_elements`, keeping only the numbers: every PDF
    permdocs writes takes this walk (see ``pdf.running_text_as_artifacts``),
    over thousands of elements in a long document, and the general walk's
    parents and order cost a third more."""
    found: set[tuple[int, int]] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [tree.get("/K")]
    while stack:
        current = stack.pop()
        if isinstance(current, pikepdf.Array):
            stack.extend(current)
            continue
        if not isinstance(current, pikepdf.Dictionary):
            continue
        if current.is_indirect:
            number = current.objgen
            if number in seen:  # a damaged tree may loop
                continue
            seen.add(number)
            if "/S" in current:
                found.add(number)
        kids = current.get("/K")
        if kids is not None:
            stack.append(kids)
    return found


def _orphaned_marks(document: pikepdf.Pdf) -> Iterator[str]:
    """Marked content with an id that the structure tree does not reach:
    neither real content nor an artifact."""
    tree = document.Root.StructTreeRoot
    in_tree = elements_in_tree(tree)
    parents = dict(number_tree_pairs(tree.get("/ParentTree")))
    for number, page in enumerate(document.pages, start=1):
        marked = parents.get(int(page.obj.get("/StructParents", -1)))
        if isinstance(marked, pikepdf.Array) and any(
            isinstance(element, pikepdf.Dictionary) and element.objgen not in in_tree for element in marked
        ):
            yield f"7.1 (Matterhorn 01): page {number} marks content for a structure element outside the tree"


def number_tree_pairs(node: pikepdf.Object, depth: int = 0) -> Iterator[tuple[int, pikepdf.Object]]:
    """The pairs of a number tree (a flat /Nums, or /Kids), in order."""
    if not isinstance(node, pikepdf.Dictionary) or depth > 32:
        return
    numbers = node.get("/Nums")
    if isinstance(numbers, pikepdf.Array):
        items = list(numbers)
        yield from ((int(items[i]), items[i + 1]) for i in range(0, len(items) - 1, 2))
    for kid in node.get("/Kids", []):
        yield from number_tree_pairs(kid, depth + 1)


def _font_problems(document: pikepdf.Pdf, clause: str) -> Iterator[str]:
    """Fonts not embedded, under ``clause`` (each standard numbers the rule its own way)."""
    missing = set()
    for page in document.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
            described = font.get("/DescendantFonts", [font])[0] if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor", {})
            if font.get("/Subtype") != "/Type3" and not any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                missing.add(str(font.get("/BaseFont", "a font")).lstrip("/"))
    if missing:
        yield f"{clause}: fonts not embedded: {', '.join(sorted(missing))}"


def pdfa_problems(pdf: bytes) -> list[str]:
    """What keeps ``pdf`` from PDF/A-2u (ISO 19005-2), as sentences naming
    the clause; empty if nothing. The same kind of structural check as
    :func:`ua_problems`, over the points an archival copy depends on:

    - identification in XMP as part 2, level U (6.6.4), and a title that
      agrees with the document information (6.6.3);
    - an output intent with an ICC profile, so colours stay defined (6.2.3);
    - a file identifier, and no encryption (6.1.3);
    - every font embedded (6.2.11.4) and mapped to Unicode (6.2.11.7.2, U);
    - no JavaScript, launch actions or embedded files (6.6.1, 6.8);
    - the PDF/UA identifier, where present, described by an extension
      schema (6.6.2.3).

    Not checked: colour spaces of each object against the intent, the
    font programs' glyph widths, and annotation appearances.
    """
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return list(_pdfa_problems(document))


def _pdfa_problems(document: pikepdf.Pdf) -> Iterator[str]:
    root = document.Root
    if "/Metadata" not in root:
        yield "6.6.4: no XMP metadata, so nothing says the file is PDF/A"
    else:
        xmp = root.Metadata.read_bytes()
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
            if metadata.get("pdfaid:part") != "2" or metadata.get("pdfaid:conformance") != "U":
                yield "6.6.4: the XMP metadata does not identify PDF/A-2u (pdfaid:part 2, conformance U)"
            title = str(metadata.get("dc:title", ""))
        if title != str(document.docinfo.get("/Title", "")):
            yield "6.6.3: the title in the XMP metadata and in the document information differ"
        if b"pdfuaid" in xmp and b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" not in xmp:
            yield "6.6.2.3: the XMP metadata uses pdfuaid without an extension schema describing it"
    intents = [i for i in root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if not intents or not all(isinstance(i.get("/DestOutputProfile"), pikepdf.Stream) for i in intents):
        yield "6.2.3: no PDF/A output intent with an ICC profile, so its colours are not defined"
    if "/ID" not in document.trailer:
        yield "6.1.3: no file identifier (/ID) in the trailer"
    if document.is_encrypted:
        yield "6.1.3: encrypted"
    names = root.get("/Names", {})
    if "/JavaScript" in names or "/EmbeddedFiles" in names:
        yield "6.6.1/6.8: holds JavaScript or embedded files"
    not_unicode = set()
    for page in document.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
            if "/ToUnicode" not in font:
                not_unicode.add(str(font.get("/BaseFont", "a font")).lstrip("/"))
    if not_unicode:
        yield f"6.2.11.7.2: fonts with no map to Unicode (/ToUnicode): {', '.join(sorted(not_unicode))}"
    yield from _font_problems(document, "6.2.11.4")
