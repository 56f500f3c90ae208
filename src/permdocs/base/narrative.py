"""Narrative fields: a small Markdown subset, parsed once and rendered to HTML
or to WordprocessingML.

The subset is paragraphs, bulleted and numbered lists, **bold**, *italic* and
line breaks. markdown-it-py's ``zero`` preset starts with nothing enabled, so
raw HTML, images, links, headings and code are never parsed: ``<script>`` or
``![x](file:///etc/passwd)`` stay literal text. That matters because the HTML
goes on to WeasyPrint, which would otherwise fetch what an ``<img>`` points at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

# A single newline in a case note is meant as a line break, not a space.
_PARSER = MarkdownIt("zero", {"breaks": True}).enable(["emphasis", "list", "newline"])

_ALLOWED_BLOCK_TOKENS = frozenset(
    {
        "paragraph_open", "paragraph_close", "inline",
        "bullet_list_open", "bullet_list_close",
        "ordered_list_open", "ordered_list_close",
        "list_item_open", "list_item_close",
    }
)
_ALLOWED_INLINE_TOKENS = frozenset(
    {"text", "softbreak", "hardbreak", "strong_open", "strong_close", "em_open", "em_close"}
)


class UnsupportedMarkdownError(Exception):
    """The parser produced a token outside the allowlist: a bug in our set-up,
    never something a user can cause, so it is not a PermdocsError."""


@dataclass(frozen=True)
class NarrativeText:
    """A narrative value on its way to a template.

    Templates must pass it through the ``markdown`` filter; printing it
    directly is refused (see :func:`permdocs.text.templating.finalize`), so a
    template cannot leave literal asterisks in a legal document.
    """

    source: str


def parse(text: str) -> list[Token]:
    """Parse narrative text into block tokens, refusing anything unexpected."""
    tokens = _PARSER.parse(text)
    for token in tokens:
        if token.type not in _ALLOWED_BLOCK_TOKENS:
            raise UnsupportedMarkdownError(token.type)
        for child in token.children or ():
            if child.type not in _ALLOWED_INLINE_TOKENS:
                raise UnsupportedMarkdownError(child.type)
    return tokens


def to_html(text: str) -> Markup:
    """Render narrative text as semantic HTML (``<p>``, ``<ul>``, ``<strong>`` ...)."""
    # markdown-it escapes every text node itself; with html off nothing raw
    # passes, which is what makes marking the result safe correct.
    return Markup(_PARSER.renderer.render(parse(text), _PARSER.options, {}))


# --- WordprocessingML -------------------------------------------------------

#: The list styles by kind and depth, as logical style names; the Word writer
#: maps them to the template's own style ids.
_LIST_STYLES = {
    ("bullet", 0): "List Bullet", ("bullet", 1): "List Bullet 2", ("bullet", 2): "List Bullet 3",
    ("ordered", 0): "List Number", ("ordered", 1): "List Number 2", ("ordered", 2): "List Number 3",
}

RestartNumbering = Callable[[str], int]
"""Given a numbered-list style id, returns a fresh ``w:numId`` that restarts at 1."""


def to_wordml(text: str, restart_numbering: RestartNumbering, styles: Mapping[str, str]) -> Markup:
    """Render narrative text as a run of ``<w:p>`` elements for docxtpl's ``{{p }}`` tag.

    Lists become paragraphs in Word's List Bullet and List Number styles; each
    numbered list gets its own numbering instance so that it starts at 1.
    """
    paragraphs: list[str] = []
    lists: list[tuple[str, int | None]] = []  # (kind, numId) for each open list
    tokens = parse(text)
    for token in tokens:
        if token.type == "bullet_list_open":
            lists.append(("bullet", None))
        elif token.type == "ordered_list_open":
            style = styles[_LIST_STYLES[("ordered", min(len(lists), 2))]]
            lists.append(("ordered", restart_numbering(style)))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            properties = _paragraph_properties(lists, styles)
            paragraphs.append(f"<w:p>{properties}{_runs(token)}</w:p>")
    if not tokens:
        paragraphs.append("<w:p/>")
    return Markup("".join(paragraphs))


def _paragraph_properties(lists: list[tuple[str, int | None]], styles: Mapping[str, str]) -> str:
    if not lists:
        return ""
    kind, num_id = lists[-1]
    level = min(len(lists) - 1, 2)
    style = styles[_LIST_STYLES[(kind, level)]]
    if num_id is None:
        return f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    return f'<w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'


def _runs(inline: Token) -> str:
    bold = italic = False
    runs: list[str] = []
    for child in inline.children or ():
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("softbreak", "hardbreak"):
            runs.append("<w:r><w:br/></w:r>")
        else:
            runs.append(_run(child.content, bold=bold, italic=italic))
    return "".join(runs)


def _run(text: str, *, bold: bool, italic: bool) -> str:
    properties = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    # Tabs are allowed in narratives; Word wants them as elements, and docxtpl
    # would otherwise reinterpret a raw tab character itself.
    pieces = [f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in text.split("\t")]
    return f"<w:r>{properties}{'<w:tab/>'.join(pieces)}</w:r>"
