"""DOCX writer: a Word template filled in by docxtpl's rules.

docxtpl is used behind this small adapter because its defaults are unsafe
(autoescape off silently drops text containing ``&`` or ``<``) and its output
is not reproducible. Here it always runs with our sandboxed, autoescaping,
strict environment; narratives and shared blocks become real Word paragraphs,
lists and tables in the template's own named styles; core properties are set
from the case, not inherited from whoever last saved the template; and the
zip is written with fixed timestamps. Each template is opened, styled and
compiled once per process (``docx_prepared``); a render only fills it.

Whose styles win: a council's override template or reference Word file keeps
its own fonts and colours. Only permdocs' packaged templates take the
profile's font and accent colour.
"""

from __future__ import annotations

import zipfile
from datetime import datetime, time, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docxtpl import DocxTemplate

from ..base.colours import accent_tint
from ..base.resources import override_dir
from ..base.resources import template_name as document_template_name
from ..errors import TemplateProblemError
from ..text.untrusted import LOGO_HEIGHT_MM, inside
from . import Styling, template_variables
from .docx_prepared import PreparedTemplate, prepare
from .docx_reference import apply_reference_docx
from .docx_styles import resolve_styles
from .docx_tidy import tidy_package

if TYPE_CHECKING:
    from ..documents import DocumentType

_BRANDED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer", "Caption")
_ACCENT_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")


def render(document: "DocumentType", context: Any, styling: Styling, *, layout: str = "") -> bytes:
    """The document as a Word file, byte-identical for the same case.
    ``layout`` names one of the document's other Word templates (the child's
    copy of a family-time agreement), where the output is drawn in one."""
    template_name = document_template_name(document.name, "docx", layout)
    path, from_council = word_template(document, styling.overrides, layout)
    prepared = prepared_template(path, _signature(path, styling.reference_docx), template_name, from_council, styling)
    info = context.document
    return prepared.render(
        template_variables(context),
        logo=None if styling.logo is None else styling.logo.read_bytes(),
        logo_height_mm=LOGO_HEIGHT_MM,
        logo_description=f"Logo of {info.brand.council_name}",
        properties=_core_properties(info),
        moment=datetime.combine(info.date, time(0, 0), tzinfo=timezone.utc),
        for_the_court=info.for_the_court,
        large_type=info.large_type,
    )


#: Prepared templates kept per process: the packaged ones and a few
#: councils', each styled by one profile. Bounded, so a long batch holds steady.
PREPARED_TEMPLATES_KEPT = 32


@lru_cache(maxsize=PREPARED_TEMPLATES_KEPT)
def prepared_template(path: Path, signature: tuple[int, ...], name: str, from_council: bool, styling: Styling) -> PreparedTemplate:
    """A template opened, styled, tidied and compiled once. ``signature``
    (the files' sizes and modification times) makes an edited template, or
    reference file, be prepared afresh."""
    template = open_template(path, name, untrusted=from_council)
    word = template.get_docx()
    if from_council:
        _drop_external_links(word)
    if styling.reference_docx is not None:
        apply_reference_docx(word, open_template(styling.reference_docx, "reference_docx", untrusted=True).get_docx())
    elif not from_council:
        _apply_brand(word, styling)
    council_styles = from_council or styling.reference_docx is not None
    styles = resolve_styles(word, name, untrusted=council_styles)
    _drop_styles_with_effects(word)
    tidy_package(word)
    return prepare(template, word, styles, name, untrusted=council_styles)


def _signature(*paths: Path | None) -> tuple[int, ...]:
    stats = [path.stat() for path in paths if path is not None]
    return tuple(number for stat in stats for number in (stat.st_size, stat.st_mtime_ns, stat.st_ino))


def word_template(document: "DocumentType", overrides: Path | None, layout: str = "") -> tuple[Path, bool]:
    """The Word template to use, and whether it is a council's override
    (searched first) rather than the packaged one."""
    folder = override_dir(overrides, "docx")
    name = document_template_name(document.name, "docx", layout)
    if folder is not None and (folder / name).is_file():
        if not inside(folder, folder / name):
            raise TemplateProblemError(name, "is a link to a file outside the profile's folder", untrusted=True)
        return folder / name, True
    return document.template("docx", layout), False


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
        shading.set(qn("w:fill"), accent_tint(styling.accent_colour))


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


def _core_properties(info: Any) -> dict[str, str]:
    # Every property is set, so nothing of the template's author survives;
    # the title names the document and case reference, never the child.
    return {
        "title": info.metadata_title,
        "subject": info.subtitle,
        "author": info.brand.council_name,
        "last_modified_by": info.brand.council_name,
        "category": info.protective_marking,
        "keywords": info.protective_marking,
        "language": "en-GB",
    }
