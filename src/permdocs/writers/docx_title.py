"""The parts every Word copy shares, drawn once from the document's
``DocumentInfo``: the title block, the draft and sign-off banners, and a
draft's list of open findings.

Word templates print them with filters, as the HTML base template prints
its own blocks: ``{{p document|title_block }}`` (the title block and the
banners), ``{{p document|draft_banners }}`` (the banners alone, for a copy
laid out as a letter, which heads itself) and ``{{p document|draft_findings }}``.
A document's template then holds only what is its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import escape

from ..text.blocks import Run
from ..text.templating import long_date
from .docx_blocks import DRAFT_RED, run_xml

#: The banner's words, as the HTML base template has them.
DRAFT_WORDS = "not for circulation or filing. The open findings of the practice checks are listed at the end."


def title_block(info: Any, styles: Mapping[str, str], logo: str | None) -> str:
    """Logo, council, title, subtitle, date and copy line, then the banners.
    ``logo`` is the picture's ``w:drawing``, or None where the profile has none."""
    brand = info.brand
    lines = "".join(f"<w:r><w:br/>{_text(line)}</w:r>" for line in brand.council_address_lines)
    subtitle = run_xml(Run(info.subtitle + (" for " if info.subject is not None else "")))
    if info.subject is not None:
        subtitle += run_xml(Run(info.subject, bold=True))
    paragraphs = [
        f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r>{logo}</w:r></w:p>' if logo is not None else "",
        f'<w:p><w:pPr><w:pStyle w:val="{styles["Permdocs Note"]}"/></w:pPr><w:r>{_text(brand.council_name)}</w:r>{lines}</w:p>',
        f'<w:p><w:pPr><w:pStyle w:val="{styles["Title"]}"/></w:pPr>{run_xml(Run(info.title))}</w:p>',
        f"<w:p>{subtitle}</w:p>",
        f"<w:p>{run_xml(Run(f'{brand.council_name} · {long_date(info.date)}'))}</w:p>",
        f"<w:p>{run_xml(Run(info.copy, bold=True))}{run_xml(Run(': ' + info.copy_reader))}</w:p>",
    ]
    return "".join(paragraphs) + draft_banners(info)


def draft_banners(info: Any) -> str:
    """DRAFT, or Awaiting sign-off in a red box, where either applies; else nothing."""
    banners = []
    if info.draft:
        banners.append(f"<w:p>{_red('DRAFT: ' + DRAFT_WORDS)}</w:p>")
    if info.awaiting_sign_off is not None:
        border = "".join(
            f'<w:{side} w:val="single" w:sz="18" w:space="4" w:color="{DRAFT_RED}"/>'
            for side in ("top", "left", "bottom", "right")
        )
        banners.append(f"<w:p><w:pPr><w:pBdr>{border}</w:pBdr></w:pPr>"
                       f"{_red('Awaiting sign-off')}{_red(': ' + info.awaiting_sign_off)}</w:p>")
    return "".join(banners)


def _red(text: str) -> str:
    return run_xml(Run(text, bold=True), colour=DRAFT_RED)


def _text(value: str) -> str:
    return f'<w:t xml:space="preserve">{escape(value)}</w:t>'
