"""DOCX writer: a Word template filled in by docxtpl.

docxtpl is used behind this small adapter because its defaults are unsafe
(autoescape off silently drops text containing ``&`` or ``<``) and its output
is not reproducible. Here it always runs with our sandboxed, autoescaping,
strict environment; narratives become real Word paragraphs and lists; core
properties are set from the case, not inherited from whoever last saved the
template; and the zip is rewritten with fixed timestamps.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timezone
from typing import TYPE_CHECKING, Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docxtpl import DocxTemplate, InlineImage

from .. import narrative
from ..resources import docx_template
from ..templating import make_environment, render_checked
from . import template_variables
from .docx_grid import grid_table
from .docx_package import normalise_zip

if TYPE_CHECKING:
    from ..documents import DocumentType


def render(document: "DocumentType", context: Any) -> bytes:
    """The document as a Word file, byte-identical for the same case."""
    template_name = f"{document.name}.docx"
    path, is_override = docx_template(template_name, context.document.files.overrides)
    template = DocxTemplate(path)
    word = template.get_docx()
    numbering = _ListNumbering(word)
    env = make_environment(None, markdown=lambda text: narrative.to_wordml(text.source, numbering.restart))
    env.filters["grid_table"] = lambda grid, orientation="landscape": grid_table(grid, numbering.restart, orientation)
    brand, files = context.document.brand, context.document.files
    variables = template_variables(context) | {
        "logo": None if files.logo is None else InlineImage(template, str(files.logo), height=Mm(LOGO_HEIGHT_MM)),
    }
    render_checked(
        template_name, lambda: template.render(variables, env, autoescape=True), report_line=False, untrusted=is_override
    )
    _apply_brand(word, brand)
    _set_core_properties(word, context.document)
    buffer = io.BytesIO()
    template.save(buffer)
    return normalise_zip(buffer.getvalue())


LOGO_HEIGHT_MM = 14
_BRANDED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer")
_ACCENT_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")


def _apply_brand(word: Document, brand: Any) -> None:
    # The template's styles stay the council's to restyle; only the font and
    # accent colour chosen in the profile are applied over them.
    for name in _BRANDED_STYLES:
        word.styles[name].font.name = brand.word_font
    colour = RGBColor.from_string(brand.accent_colour.removeprefix("#").upper())
    for name in _ACCENT_STYLES:
        word.styles[name].font.color.rgb = colour
    # The Title style's rule under the title takes the accent colour too.
    for border in word.styles["Title"].element.xpath("./w:pPr/w:pBdr/*"):
        border.set(qn("w:color"), str(colour))
        border.attrib.pop(qn("w:themeColor"), None)


class _ListNumbering:
    """Gives each numbered list in a narrative its own numbering instance.

    In Word, paragraphs sharing a numbering instance count on from each
    other, so a second numbered list would start at 4. Each list gets a new
    ``w:num`` on the same definition as its style, restarting at 1.
    """

    def __init__(self, word: Document):
        self._word = word

    def restart(self, style_id: str) -> int:
        style = self._word.styles.element.get_by_id(style_id)
        style_num_id = style.pPr.numPr.numId.val
        numbering = self._word.part.numbering_part.element
        abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)


def _set_core_properties(word: Document, info: Any) -> None:
    # Every property is set, so nothing of the template's author survives;
    # the title names the document and case reference, never the child.
    moment = datetime.combine(info.date, time(0, 0), tzinfo=timezone.utc)
    props = word.core_properties
    props.title = info.metadata_title
    props.subject = info.subtitle
    props.author = info.agency_name
    props.last_modified_by = info.agency_name
    props.category = info.protective_marking
    props.keywords = info.protective_marking
    props.comments = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.language = "en-GB"
    props.revision = 1
    props.created = moment
    props.modified = moment
    props.last_printed = moment
