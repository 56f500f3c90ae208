"""Blocks (permdocs.blocks) drawn as HTML; the ``blocks`` filter of HTML templates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from .. import narrative
from ..blocks import Block, Bullets, Heading, Markdown, Paragraph, Run, Table

_PARAGRAPH_CLASSES = {"body": "", "warning": ' class="warning"', "note": ' class="note"', "draft": ' class="draft-banner"'}


def blocks_to_html(value: Block | Iterable[Block]) -> Markup:
    """One block, or a sequence of blocks, as HTML."""
    blocks = [value] if isinstance(value, Heading | Paragraph | Markdown | Bullets | Table) else list(value)
    return Markup("\n").join(_block(block) for block in blocks)


def _block(block: Any) -> Markup:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)
        return Markup(f"<h{level}>{escape(block.text)}</h{level}>")
    if isinstance(block, Paragraph):
        return Markup(f"<p{_PARAGRAPH_CLASSES[block.style]}>{_runs(block.runs)}</p>")
    if isinstance(block, Markdown):
        return narrative.to_html(block.text.source)
    if isinstance(block, Bullets):
        return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(item) for item in block.items))
    return _table(block)


def _runs(runs: Iterable[Run]) -> Markup:
    out = []
    for run in runs:
        piece = escape(run.text)
        if run.tag:
            piece = Markup(f'<span class="tag">{piece}</span>')
        if run.italic:
            piece = Markup(f"<em>{piece}</em>")
        if run.bold:
            piece = Markup(f"<strong>{piece}</strong>")
        out.append(piece)
    return Markup("").join(out)


def _table(table: Table) -> Markup:
    labelled = any(row.label is not None for row in table.rows)
    total = sum(table.widths)
    columns = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in table.widths)
    header = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    body = []
    for row in table.rows:
        label = f'<th scope="row">{escape(row.label or "")}</th>' if labelled else ""
        cells = "".join(f"<td>{blocks_to_html(cell)}</td>" for cell in row.cells)
        body.append(f"<tr>{label}{cells}</tr>")
    css = "data grid" + (" landscape-table" if table.landscape else "") + (" splittable" if table.rows_may_split else "")
    return Markup(
        f'<table class="{css}"><caption>{escape(table.caption)}</caption><colgroup>{columns}</colgroup>'
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
