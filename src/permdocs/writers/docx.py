"""DOCX writer: a Word template filled in by docxtpl.

docxtpl is used behind this small adapter because its defaults are unsafe
(autoescape off silently drops text containing ``&`` or ``<``) and its output
is not reproducible. Here it always runs with our sandboxed, autoescaping,
strict environment; narratives and shared blocks become real Word paragraphs,
lists and tables in the template's own named styles; core properties are set
from the case, not inherited from whoever last saved the template; and the
zip is rewritten with fixed timestamps.

Whose styles win: a council's override template or reference Word file keeps
its own fonts and colours. Only permdocs' packaged templates take the
profile's font and accent colour.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docxtpl import DocxTemplate, InlineImage

from .. import narrative
from ..errors import TemplateProblemError
from ..resources import override_dir
from ..templating import make_environment, render_checked
from ..untrusted import inside
from . import Styling, template_variables
from .docx_blocks import WordBlocks
from .docx_package import normalise_zip
from .docx_reference import apply_reference_docx
from .docx_styles import resolve_styles
from .docx_tidy import tidy_package

if TYPE_CHECKING:
    from ..documents import DocumentType

LOGO_HEIGHT_MM = 14
_BRANDED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer", "Caption")
_ACCENT_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")


def render(document: "DocumentType", context: Any, styling: Styling) -> bytes:
    """The document as a Word file, byte-identical for the same case."""
    template_name = f"{document.name}.docx"
    path, from_council = word_template(document, styling.overrides)
    template = open_template(path, template_name, untrusted=from_council)
    word = template.get_docx()
    if from_council:
        _drop_external_links(word)
    if styling.reference_docx is not None:
        apply_reference_docx(word, open_template(styling.reference_docx, "reference_docx", untrusted=True).get_docx())
    elif not from_council:
        _apply_brand(word, styling)
    council_styles = from_council or styling.reference_docx is not None
    styles = resolve_styles(word, template_name, untrusted=council_styles)
    numbering = _ListNumbering(word, styles)
    env = make_environment(None, markdown=lambda text: narrative.to_wordml(text.source, numbering.restart, styles))
    env.filters["blocks"] = WordBlocks(
        styles, numbering.restart, add_image=lambda data: word.part.get_or_add_image(io.BytesIO(data))[0]
    )
    variables = template_variables(context) | {
        "logo": None if styling.logo is None else InlineImage(template, str(styling.logo), height=Mm(LOGO_HEIGHT_MM)),
    }
    render_checked(
        template_name, lambda: template.render(variables, env, autoescape=True), report_line=False,
        untrusted=council_styles,
    )
    _drop_styles_with_effects(word)
    tidy_package(word)
    _set_core_properties(word, context.document)
    buffer = io.BytesIO()
    template.save(buffer)
    return normalise_zip(buffer.getvalue())


def word_template(document: "DocumentType", overrides: Path | None) -> tuple[Path, bool]:
    """The Word template to use, and whether it is a council's override
    (searched first) rather than the packaged one."""
    folder = override_dir(overrides, "docx")
    name = f"{document.name}.docx"
    if folder is not None and (folder / name).is_file():
        if not inside(folder, folder / name):
            raise TemplateProblemError(name, "is a link to a file outside the profile's folder", untrusted=True)
        return folder / name, True
    return document.template("docx"), False


def open_template(path: Path, name: str, *, untrusted: bool) -> DocxTemplate:
    """Open a Word file as a template; a file that is not one is the council's to fix."""
    template = DocxTemplate(path)
    try:
        template.get_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TemplateProblemError(name, f"is not a Word document that permdocs can open ({type(error).__name__})",
                                   untrusted=untrusted) from None
    return template


def _apply_brand(word: Document, styling: Styling) -> None:
    # Packaged templates only: the profile's font and accent colour over our
    # own styles. A council's own template keeps the styles it was given.
    for name in _BRANDED_STYLES:
        word.styles[name].font.name = styling.word_font
    colour = RGBColor.from_string(styling.accent_colour.removeprefix("#").upper())
    for name in _ACCENT_STYLES:
        word.styles[name].font.color.rgb = colour
    # The Title style's rule under the title takes the accent colour too.
    for border in word.styles["Title"].element.xpath("./w:pPr/w:pBdr/*"):
        border.set(qn("w:color"), str(colour))
        border.attrib.pop(qn("w:themeColor"), None)
    # So do table header rows.
    for shading in word.styles["Permdocs Table"].element.xpath("./w:tblStylePr[@w:type='firstRow']/w:tcPr/w:shd"):
        shading.set(qn("w:fill"), _tint(styling.accent_colour))


def _tint(colour: str, share: float = 0.18) -> str:
    """A pale tint of a #RRGGBB colour, for shaded header rows."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)


class _ListNumbering:
    """Gives each numbered list in a narrative its own numbering instance.

    In Word, paragraphs sharing a numbering instance count on from each
    other, so a second numbered list would start at 4. Each list gets a new
    ``w:num`` on the same definition as its style, restarting at 1.
    """

    def __init__(self, word: Document, styles: dict[str, str]):
        self._word = word
        self._styles = styles

    def restart(self, style_id: str) -> int:
        style = self._word.styles.element.get_by_id(style_id)
        numbering = self._word.part.numbering_part.element
        if style is None or style.pPr is None or style.pPr.numPr is None or style.pPr.numPr.numId is None:
            # A council's list style without numbering: number it as a plain list.
            return 0
        abstract_id = numbering.num_having_numId(style.pPr.numPr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)


def _drop_external_links(word: Document) -> None:
    """Remove every relationship to something outside the file (an
    ``http://`` image or hyperlink, a ``file://`` path): Word would fetch it
    on opening, and a council template must not reach outside the document.
    A hyperlink keeps its text; a linked picture loses its link."""
    for part in word.part.package.iter_parts():
        external = {rel_id for rel_id, rel in part.rels.items() if rel.is_external}
        if not external:
            continue
        element = getattr(part, "_element", None)
        if element is not None:
            for node in list(element.iter()):
                for attribute in [a for a in node.attrib if a.startswith(_R) and node.attrib[a] in external]:
                    if node.tag == qn("w:hyperlink"):
                        parent = node.getparent()
                        for child in list(node):
                            node.addprevious(child)
                        parent.remove(node)
                        break
                    del node.attrib[attribute]
        for rel_id in external:
            del part.rels[rel_id]


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _drop_styles_with_effects(word: Document) -> None:
    # Word 2010's copy of styles.xml; Word rebuilds it, and a stale copy that
    # disagrees with styles.xml is reported as unreadable content.
    part = word.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
            if rel_id in part.rels:
                del part.rels[rel_id]


def _set_core_properties(word: Document, info: Any) -> None:
    # Every property is set, so nothing of the template's author survives;
    # the title names the document and case reference, never the child.
    moment = datetime.combine(info.date, time(0, 0), tzinfo=timezone.utc)
    props = word.core_properties
    props.title = info.metadata_title
    props.subject = info.subtitle
    props.author = info.brand.council_name
    props.last_modified_by = info.brand.council_name
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
