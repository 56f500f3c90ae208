"""Blocks (permdocs.text.blocks) drawn as HTML; the ``blocks`` filter of HTML templates."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from ..base import narrative
from ..text.blocks import (
    BLOCK_TYPES,
    LEGAL_REFERENCE,
    Block,
    Bullets,
    Contents,
    Diagram,
    Heading,
    Markdown,
    Paragraph,
    Picture,
    Run,
    Table,
)

_PARAGRAPH_CLASSES = {"body": "", "warning": "warning", "note": "note", "draft": "draft-banner"}


def blocks_to_html(value: Block | Iterable[Block]) -> Markup:
    """One block, or a sequence of blocks, as HTML."""
    blocks = [value] if isinstance(value, BLOCK_TYPES) else list(value)
    return Markup("\n").join(_block(block) for block in blocks)


def _block(block: Any) -> Markup:
    draw = _DRAWN_BY.get(type(block))
    if draw is None:
        # A new kind of block must be taught to every writer, not drawn as something else.
        raise TypeError(f"the HTML writer cannot draw a {type(block).__name__} block")
    return draw(block)


def _heading(block: Heading) -> Markup:
    level = min(block.level + 1, 6)
    anchor = Markup(' id="{}"').format(block.anchor) if block.anchor else ""
    new_page = Markup(' class="new-page"') if block.new_page else ""
    return Markup(f"<h{level}{anchor}{new_page}>{escape(block.text)}</h{level}>")


def _picture(block: Picture) -> Markup:
    return Markup('<figure class="picture">{}</figure>').format(_image(block))


def _diagram(block: Diagram) -> Markup:
    # The drawer escaped the SVG's text (permdocs.text.blocks.Diagram); the figure
    # is one image to assistive technology, named by the alt text. On a phone
    # the drawing keeps a width its words can be read at and scrolls sideways
    # in its wrapper (permdocs.css), which the keyboard can reach, as a table's.
    figure = Markup('<figure class="diagram" role="img" aria-label="{}" style="width: {}mm">{}</figure>').format(
        block.alt_text, block.width_mm, Markup(block.svg)
    )
    return Markup('<div class="diagram-scroll" role="region" aria-label="Diagram" tabindex="0">{}</div>').format(figure)


def _image(block: Picture, css_class: str = "") -> Markup:
    # Inline as a data: URL: the Content-Security-Policy allows images
    # only from data:, and the PDF writer fetches nothing else.
    source = f"data:{block.mime};base64,{base64.b64encode(block.data).decode()}"
    attribute = Markup(' class="{}"').format(css_class) if css_class else ""
    return Markup('<img{} src="{}" alt="{}" style="width: {}mm; height: {}mm">').format(
        attribute, source, block.alt_text, block.width_mm, block.height_mm
    )


def _contents(block: Contents) -> Markup:
    items = Markup("").join(
        Markup('<li class="level-{}"><a href="#{}">{}</a></li>').format(entry.level, entry.anchor, entry.text)
        for entry in block.entries
    )
    return Markup('<nav class="contents" aria-label="Contents"><h2>Contents</h2><ol>{}</ol></nav>').format(items)


def _paragraph(block: Paragraph) -> Markup:
    classes = " ".join(filter(None, (
        _PARAGRAPH_CLASSES[block.style],
        "keep-with-next" if block.keep_with_next else "",
        "labelled" if block.labelled_fact else "",
        "beside-picture" if block.picture is not None else "",
    )))
    attribute = Markup(' class="{}"').format(classes) if classes else ""
    picture = _image(block.picture, "beside") if block.picture is not None else ""
    return Markup(f"<p{attribute}>{picture}{_runs(block.runs)}</p>")


def _markdown(block: Markdown) -> Markup:
    return narrative.to_html(block.text.source)


def _bullets(block: Bullets) -> Markup:
    kept = Markup(' class="keep-together"') if block.keep_together else Markup("")
    return Markup("<ul{}>{}</ul>").format(kept, Markup("").join(Markup("<li>{}</li>").format(item) for item in block.items))


def _runs(runs: Iterable[Run]) -> Markup:
    out = []
    for run in runs:
        piece = _references_kept_whole(escape(run.text))
        if run.italic:
            piece = Markup(f"<em>{piece}</em>")
        if run.bold:
            piece = Markup(f"<strong>{piece}</strong>")
        out.append(piece)
    return Markup("").join(out)


def _references_kept_whole(text: Markup) -> Markup:
    # The pattern matches letters, digits, dots, spaces and brackets only, so
    # wrapping a match of the escaped text cannot break its escaping.
    return Markup(LEGAL_REFERENCE.sub(lambda m: f'<span class="nobreak">{m.group(0)}</span>', str(text)))


def _table(table: Table) -> Markup:
    labelled = any(row.label is not None for row in table.rows)
    total = sum(table.widths)
    columns = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in table.widths)
    # A table of labelled facts has no header row: its row labels say what each value is.
    header = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    head = f"<thead><tr>{header}</tr></thead>" if table.header else ""
    body = []
    for row in table.rows:
        label = f'<th scope="row">{escape(row.label or "")}</th>' if labelled else ""
        cells = "".join(f"<td>{blocks_to_html(cell)}</td>" for cell in row.cells)
        body.append(f"<tr>{label}{cells}</tr>")
    css = "data grid" + (" landscape-table" if table.landscape else "") + (" splittable" if table.rows_may_split else "")
    css += " for-signing" if table.for_signing else ""
    drawn = (
        f'<table class="{css}"><caption>{escape(table.caption)}</caption><colgroup>{columns}</colgroup>'
        f"{head}<tbody>{''.join(body)}</tbody></table>"
    )
    # On a narrow screen a table wider than the window scrolls sideways in
    # its wrapper, not the whole page (WCAG 1.4.10 Reflow): a region named by
    # the caption, which the keyboard can reach to scroll it (axe's
    # scrollable-region-focusable). In print the wrapper is an ordinary block;
    # there it keeps a table's caption with it, which the table's own
    # break-inside would leave behind.
    wrapper = "table-scroll keep-together" if table.keeps_together else "table-scroll"
    return Markup(
        f'<div class="{wrapper}" role="region" aria-label="{escape(table.caption)}" tabindex="0">{drawn}</div>'
    )


#: How each kind of block is drawn: one entry per type in permdocs.text.blocks.BLOCK_TYPES.
_DRAWN_BY: dict[type, Any] = {
    Heading: _heading, Picture: _picture, Diagram: _diagram, Contents: _contents, Paragraph: _paragraph,
    Markdown: _markdown, Bullets: _bullets, Table: _table,
}
