"""A Word template made ready once, then filled many times.

docxtpl re-reads, re-patches and recompiles its template on every render,
and that is most of a render's time. Here a template is opened once with
python-docx, styled (the council's brand or reference file) and tidied by
the DOCX writer, and its body, headers, footers and footnotes are patched by
docxtpl and compiled by Jinja once. Each render then only fills the compiled
templates, applies docxtpl's clean-up to the result, and writes the zip, in
which the parts no render changes (styles, theme, fonts...) are copied as
they were deflated once, when the template was prepared.

The package is kept as bytes and the compiled templates as immutable
objects, so nothing one render does can reach the next. What a render adds
(list numbering, pictures, the core properties) is collected in a
:class:`_Drawing` held in a context variable while it runs, which is what
the environment's ``markdown`` and ``blocks`` filters draw with; renders in
several threads each have their own.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import zipfile
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import Template
from lxml import etree
from markupsafe import Markup, escape

from ..base import narrative
from ..text.blocks import Picture
from ..text.templating import make_environment, render_checked
from . import docx_court, docx_title
from .docx_after_filling import after_filling, body_with_tables_fixed
from .docx_blocks import WordBlocks
from .docx_package import Deflated, deflate, zip_archive

_HEADER_OR_FOOTER = re.compile(r"^word/(header|footer)\d*\.xml$")
_TEMPLATED_PARTS = ("word/footnotes.xml", "word/endnotes.xml")
_IMAGE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class PreparedTemplate:
    """A styled, tidied Word template with its parts compiled."""

    name: str
    untrusted: bool
    styles: Mapping[str, str]
    #: Every zip entry of the prepared package, in order.
    entries: tuple[tuple[str, bytes], ...]
    #: The entries a render may leave as they are, deflated once.
    deflated: Mapping[str, Deflated]
    #: document.xml around its body, and the body's compiled template.
    document_head: str
    document_tail: str
    body: Template
    #: Header, footer and footnote parts that hold template tags, compiled whole.
    parts: tuple[tuple[str, Template], ...]
    #: A list style's id -> the numbering definition its lists restart from.
    list_definitions: Mapping[str, int]
    first_free_num_id: int
    first_free_relationship: int

    def render(self, variables: dict[str, Any], *, logo: bytes | None, logo_height_mm: float, logo_description: str,
               properties: Mapping[str, str], moment: datetime, for_the_court: bool = False,
               large_type: bool = False) -> bytes:
        """Fill the template with ``variables`` and return the Word file's
        bytes; ``for_the_court`` follows the court's rules (docx_court)."""
        drawing = _Drawing(self, for_the_court=for_the_court, large_type=large_type)
        token = _DRAWING.set(drawing)
        try:
            if logo is not None:
                drawing.logo = drawing.picture_drawing(logo, logo_height_mm, logo_description)
            picture = None if drawing.logo is None else Markup(
                f'</w:t></w:r><w:r>{drawing.logo}</w:r><w:r><w:t xml:space="preserve">'
            )
            variables = variables | {"logo": picture}
            body = self._fill(self.body, variables)
            parts = {name: self._fill(template, variables) for name, template in self.parts}
        finally:
            _DRAWING.reset(token)
        body = body_with_tables_fixed(body, number_paragraphs=for_the_court, council_template=self.untrusted)
        # The body was parsed on its own, so it declares the namespaces the document root already does.
        opening, rest = body.split(">", 1)
        opening = " ".join(piece for piece in opening.split(" ") if piece not in self.document_head)
        parts["word/document.xml"] = self.document_head + opening + ">" + rest + self.document_tail
        return drawing.package(parts, properties, moment)

    def _fill(self, template: Template, variables: dict[str, Any]) -> str:
        filled = render_checked(self.name, lambda: template.render(variables), report_line=False, untrusted=self.untrusted)
        return after_filling(filled, council_template=self.untrusted)


def prepare(template: DocxTemplate, word: Document, styles: Mapping[str, str], name: str, *, untrusted: bool) -> PreparedTemplate:
    """Patch and compile a template that the writer has already styled and tidied."""
    word.core_properties  # noqa: B018 - makes the core-properties part, which every output carries
    buffer = io.BytesIO()
    word.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        entries = tuple((info.filename, package.read(info.filename)) for info in package.infolist())
    head, body_xml, tail = _split_document(word)
    env = word_environment()

    def compiled(xml: str) -> Template:
        return render_checked(name, lambda: env.from_string(_before_compiling(template.patch_xml(xml))),
                              report_line=False, untrusted=untrusted)

    templated = [
        (part, data.decode("utf-8")) for part, data in entries
        if (_HEADER_OR_FOOTER.match(part) or part in _TEMPLATED_PARTS) and b"{" in data
    ]
    numbering = dict(entries).get("word/numbering.xml", b"")
    # Deflated now, once, rather than again in every document: every part
    # but the ones each render fills or writes afresh.
    always_new = {"word/document.xml", "docProps/core.xml", *(part for part, _ in templated)}
    relationships = dict(entries).get("word/_rels/document.xml.rels", b"").decode("utf-8")
    return PreparedTemplate(
        name=name,
        untrusted=untrusted,
        styles=dict(styles),
        entries=entries,
        deflated={part: deflate(data) for part, data in entries if part not in always_new},
        document_head=head,
        document_tail=tail,
        body=compiled(body_xml),
        parts=tuple((part, compiled(xml)) for part, xml in templated),
        list_definitions=_list_definitions(word, styles),
        first_free_num_id=max((int(n) for n in re.findall(rb'<w:num w:numId="(\d+)"', numbering)), default=0) + 1,
        first_free_relationship=max((int(n) for n in re.findall(r'Id="rId(\d+)"', relationships)), default=0) + 1,
    )


@cache
def word_environment() -> Any:
    """The one environment Word templates compile in, for the whole process.
    Its ``markdown`` and ``blocks`` filters draw through the render in progress."""
    env = make_environment(None, markdown=lambda text: _current().markdown(text))
    env.filters["blocks"] = lambda value: _current().blocks(value)
    # The parts every copy shares, drawn from the DocumentInfo (see docx_title).
    env.filters["title_block"] = lambda info: Markup(docx_title.title_block(info, _current().template.styles, _current().logo))
    env.filters["draft_banners"] = lambda info: Markup(docx_title.draft_banners(info))
    env.filters["draft_findings"] = lambda info: _current().blocks(info.draft_appendix) if info.draft else Markup("")
    return env


_DRAWING: ContextVar["_Drawing | None"] = ContextVar("permdocs_word_drawing", default=None)


def _current() -> "_Drawing":
    drawing = _DRAWING.get()
    if drawing is None:
        raise RuntimeError("a Word filter ran outside a render")
    return drawing


@dataclass
class _Drawing:
    """What one render adds to the package: numbering restarts and pictures."""

    template: PreparedTemplate
    for_the_court: bool = False
    large_type: bool = False
    restarts: list[tuple[int, int]] = field(default_factory=list)
    images: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)  # sha1 -> (rId, part name, data)
    #: The council's logo as a ``w:drawing``, where the profile has one.
    logo: str | None = None

    def __post_init__(self) -> None:
        self._blocks = WordBlocks(self.template.styles, self.restart, add_image=self.add_image)

    def markdown(self, text: narrative.NarrativeText) -> Markup:
        return narrative.to_wordml(text.source, self.restart, self.template.styles)

    def blocks(self, value: Any) -> Markup:
        return self._blocks(value)

    def restart(self, style_id: str) -> int:
        """A new numbering instance on the style's definition, starting at 1
        (Word would otherwise count on from the previous list)."""
        definition = self.template.list_definitions.get(style_id)
        if definition is None:
            return 0  # a council's list style without numbering: a plain list
        num_id = self.template.first_free_num_id + len(self.restarts)
        self.restarts.append((num_id, definition))
        return num_id

    def add_image(self, data: bytes) -> str:
        """The relationship id of a picture in the package, added once however often it is shown."""
        digest = hashlib.sha1(data).hexdigest()
        if digest not in self.images:
            number = len(self.images)
            extension = "png" if data.startswith(b"\x89PNG") else "jpeg"
            rel_id = f"rId{self.template.first_free_relationship + number}"
            self.images[digest] = (rel_id, f"word/media/permdocs-{number + 1}.{extension}", data)
        return self.images[digest][0]

    def picture_drawing(self, data: bytes, height_mm: float, description: str) -> str:
        """A PNG ``height_mm`` tall as a ``w:drawing``, to go inside a run."""
        width_px, height_px = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        picture = Picture(data, "image/png", description, round(height_mm * width_px / height_px, 1), height_mm)
        return self._blocks.picture(picture).removeprefix("<w:p><w:r>").removesuffix("</w:r></w:p>")

    def package(self, filled: dict[str, str], properties: Mapping[str, str], moment: datetime) -> bytes:
        """The finished zip: the prepared entries with the filled parts, the
        new numbering and pictures, and core properties set from the case."""
        entries = []
        for name, prepared in self.template.entries:
            data = self._part(name, prepared, filled, properties, moment)
            kept = self.template.deflated.get(name) if data == prepared else None
            entries.append((name, kept if kept is not None else deflate(data)))
        entries += [(part, deflate(data)) for _, part, data in self.images.values()]
        return zip_archive(entries)

    def _part(self, name: str, data: bytes, filled: dict[str, str], properties: Mapping[str, str],
              moment: datetime) -> bytes:
        """A part of the package as this render writes it."""
        if name in filled:
            return filled[name].encode("utf-8")
        if name == "word/numbering.xml":
            data = self._numbering(data)
            return docx_court.court_numbering(data, self._court_num_id) if self.for_the_court else data
        if name == "word/styles.xml" and self.for_the_court:
            return docx_court.court_styles(data, self._court_num_id)
        if name == "word/styles.xml" and self.large_type:
            return docx_court.large_type_styles(data)
        if name == "word/_rels/document.xml.rels":
            return self._relationships(data)
        if name == "[Content_Types].xml":
            return self._content_types(data)
        if name == "docProps/core.xml":
            return core_properties_xml(properties, moment)
        if name == "word/settings.xml" and "PAGEREF" in filled.get("word/document.xml", ""):
            return ask_word_to_update_fields(data)
        return data

    @property
    def _court_num_id(self) -> int:
        # After every list restart of this render, so it clashes with none.
        return self.template.first_free_num_id + len(self.restarts)

    def _numbering(self, data: bytes) -> bytes:
        if not self.restarts:
            return data
        nums = "".join(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{definition}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            for num_id, definition in self.restarts
        ).encode()
        # New numbering instances go after the existing ones, before any clean-up marker.
        marker = b"<w:numIdMacAtCleanup" if b"<w:numIdMacAtCleanup" in data else b"</w:numbering>"
        return data.replace(marker, nums + marker, 1)

    def _relationships(self, data: bytes) -> bytes:
        added = "".join(
            f'<Relationship Id="{rel_id}" Type="{_IMAGE_TYPE}" Target="{part.removeprefix("word/")}"/>'
            for rel_id, part, _ in self.images.values()
        ).encode()
        return data.replace(b"</Relationships>", added + b"</Relationships>", 1)

    def _content_types(self, data: bytes) -> bytes:
        needed = {part.rsplit(".", 1)[1] for _, part, _ in self.images.values()}
        text = data.decode("utf-8")
        for extension in sorted(needed):
            if f'Extension="{extension}"' not in text:
                default = f'<Default Extension="{extension}" ContentType="{_MEDIA_TYPES[extension]}"/>'
                text = text.replace("<Default ", default + "<Default ", 1) if "<Default " in text else text
        return text.encode("utf-8")


def core_properties_xml(properties: Mapping[str, str], moment: datetime) -> bytes:
    """docProps/core.xml with every property set, so nothing of the
    template's author survives."""
    stamp = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    elements = "".join(
        f"<{tag}>{escape(properties.get(key, ''))}</{tag}>" if properties.get(key) else f"<{tag}/>"
        for key, tag in _CORE_PROPERTIES
    )
    dates = "".join(
        f'<dcterms:{what} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{what}>' for what in ("created", "modified")
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{elements}<cp:lastPrinted>{stamp}</cp:lastPrinted><cp:revision>1</cp:revision>{dates}</cp:coreProperties>"
    ).encode("utf-8")


#: Core property -> element, in the order python-docx writes them.
_CORE_PROPERTIES = (
    ("title", "dc:title"), ("subject", "dc:subject"), ("author", "dc:creator"), ("keywords", "cp:keywords"),
    ("comments", "dc:description"), ("last_modified_by", "cp:lastModifiedBy"), ("category", "cp:category"),
    ("content_status", "cp:contentStatus"), ("identifier", "dc:identifier"), ("language", "dc:language"),
    ("version", "cp:version"),
)


def _split_document(word: Document) -> tuple[str, str, str]:
    """document.xml as the text before its body, the body, and the text after."""
    root = copy.deepcopy(word.element)
    body = root.find(qn("w:body"))
    body_xml = etree.tostring(body, encoding="unicode")
    root.replace(body, etree.Element("permdocs-body"))
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    head, tail = text.split("<permdocs-body/>")
    return head, body_xml, tail


def _list_definitions(word: Document, styles: Mapping[str, str]) -> dict[str, int]:
    """Each list style's numbering definition (abstractNum), where it has one."""
    numbering = word.part.numbering_part.element
    found = {}
    for style_id in styles.values():
        style = word.styles.element.get_by_id(style_id)
        if style is None or style.pPr is None or style.pPr.numPr is None or style.pPr.numPr.numId is None:
            continue
        num = numbering.num_having_numId(style.pPr.numPr.numId.val)
        found[style_id] = int(num.abstractNumId.val)
    return found


def _before_compiling(patched: str) -> str:
    # As docxtpl's render_xml_part: each paragraph on its own line, so that
    # Jinja's trim_blocks and lstrip_blocks tidy around {%p %} tags.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


#: The settings that come after w:updateFields in the schema's order
#: (CT_Settings): the flag goes before the first of them that is present.
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)


def ask_word_to_update_fields(settings: bytes) -> bytes:
    """Settings that ask Word to update fields on opening, so that a contents
    list's page numbers (PAGEREF fields, which Word does not fill by itself)
    show at once. LibreOffice fills them anyway."""
    if b"<w:updateFields" in settings:
        return settings
    found = [m.start() for m in re.finditer(rb"<(?:\w+:)?(" + b"|".join(n.encode() for n in _AFTER_UPDATE_FIELDS) + rb")[\s/>]",
                                         settings)]
    at = min(found) if found else settings.rindex(b"</w:settings>")
    return settings[:at] + b'<w:updateFields w:val="true"/>' + settings[at:]
