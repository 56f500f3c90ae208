"""The Word styles permdocs draws with, found in whatever template is used.

Block and narrative paragraphs name styles by id, but ids differ between
templates saved by Word and by LibreOffice (LibreOffice may keep the name
"Title" under another id). So each style is looked up by its usual id, then
by its name; a template without one is refused with a clear message, as the
council's input to fix, never as a crash.
"""

from __future__ import annotations

from collections.abc import Mapping

from docx.document import Document

from ..errors import TemplateProblemError

#: The styles permdocs' own drawing needs: logical name -> usual style id.
REQUIRED_STYLES: Mapping[str, str] = {
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    "Heading 3": "Heading3",
    "List Bullet": "ListBullet",
    "List Bullet 2": "ListBullet2",
    "List Bullet 3": "ListBullet3",
    "List Number": "ListNumber",
    "List Number 2": "ListNumber2",
    "List Number 3": "ListNumber3",
    "Caption": "Caption",
    "Permdocs Table": "PermdocsTable",
    "Permdocs Note": "PermdocsNote",
}


def _key(name: str) -> str:
    return name.replace(" ", "").lower()


def style_ids(word: Document) -> dict[str, str]:
    """The id of every style in the template, by id and by name (both folded)."""
    found: dict[str, str] = {}
    for style in word.styles.element.style_lst:
        style_id = style.styleId
        if style_id is None:
            continue
        found.setdefault(_key(style_id), style_id)
        if style.name_val:
            found.setdefault("name:" + _key(style.name_val), style_id)
    return found


def missing_styles(word: Document) -> list[str]:
    """The required styles the template lacks, by name."""
    ids = style_ids(word)
    return [name for name, usual in REQUIRED_STYLES.items() if _key(usual) not in ids and "name:" + _key(name) not in ids]


def resolve_styles(word: Document, template_name: str, *, untrusted: bool) -> dict[str, str]:
    """Logical style name -> the template's style id; refuses a template that lacks any."""
    missing = missing_styles(word)
    if missing:
        listed = ", ".join(f"'{name}'" for name in missing)
        raise TemplateProblemError(
            template_name,
            f"the Word template has no style called {listed}; permdocs draws with it. "
            "Add the style in Word (Styles pane, New Style) or start from the packaged template.",
            untrusted=untrusted,
        )
    ids = style_ids(word)
    resolved = {name: ids.get(_key(usual)) or ids["name:" + _key(name)] for name, usual in REQUIRED_STYLES.items()}
    # The title block's title: a template without a Title style titles the document as a top heading.
    resolved["Title"] = ids.get("title") or ids.get("name:title") or resolved["Heading 1"]
    # A contents list takes Word's contents styles where the template has them.
    for name in ("TOC Heading", "TOC 1", "TOC 2"):
        found = ids.get(_key(name)) or ids.get("name:" + _key(name))
        if found:
            resolved[name] = found
    return resolved
