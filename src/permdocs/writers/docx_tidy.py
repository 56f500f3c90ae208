"""Put a council's Word XML into the form Word's schema asks for.

Templates saved by LibreOffice open in Word only after a "repair": LibreOffice
writes on/off values as ``true``/``false``, repeats run properties (two
``<w:b/>`` in one paragraph mark) and is loose about their order. Every part
of every document permdocs writes goes through :func:`tidy_package`, so the
output passes an OOXML schema check whoever saved the template.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.part import XmlPart
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_ON_OFF = {"true": "on", "false": "off"}

#: The order of run properties in the OOXML schema (CT_ParaRPr / CT_RPr).
_RUN_PROPERTY_ORDER = {
    f"{W}{name}": index
    for index, name in enumerate(
        "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
        "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr "
        "shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange".split()
    )
}


def tidy_package(word: Document) -> None:
    """Tidy every XML part of the document, in place."""
    for part in word.part.package.iter_parts():
        if isinstance(part, XmlPart):
            tidy_element(part._element)


def tidy_element(root: etree._Element) -> None:
    for element in root.iter(f"{W}*"):
        value = element.get(_VAL)
        if value in _ON_OFF:
            element.set(_VAL, _ON_OFF[value])
        if element.tag == f"{W}rPr":
            _sort_run_properties(element)


def _sort_run_properties(properties: etree._Element) -> None:
    seen: set[str] = set()
    children = []
    for child in properties:
        if not isinstance(child.tag, str) or child.tag in seen:
            properties.remove(child)
            continue
        seen.add(child.tag)
        children.append(child)
    ordered = sorted(children, key=lambda child: _RUN_PROPERTY_ORDER.get(child.tag, len(_RUN_PROPERTY_ORDER)))
    if ordered != children:
        for child in children:
            properties.remove(child)
        properties.extend(ordered)
