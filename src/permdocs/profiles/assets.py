"""A profile's own fonts and stylesheet, checked before anything renders
with them. Both come from a council, so both are untrusted input (see
:mod:`permdocs.text.untrusted`), like its templates and logo.

**Fonts** (``branding.fonts``, a folder of TTF or OTF files) must be open
fonts that may be embedded: the PDF carries a subset of each, so a font
whose OS/2 ``fsType`` forbids embedding or subsetting, or whose licence
field names no open licence, is refused. The PDF writer may read these
files and nothing else of the profile's (its fetcher's allowlist).

**The stylesheet** (``branding.stylesheet``) adds a council's own rules to
the HTML and PDF. It may style, and nothing more: it is parsed (tinycss2,
WeasyPrint's own CSS parser) and refused if it loads anything (``url()``,
``@import``, ``@font-face``), could end its ``<style>`` element early, or
holds values large enough to make layout run away.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Largest font file and most fonts a profile may bring: a family is four
#: files of a few hundred kilobytes.
MAX_FONT_BYTES = 10 * 1024 * 1024
MAX_FONT_FILES = 16
#: Largest stylesheet: a council's additions are a few rules.
MAX_STYLESHEET_BYTES = 20_000
#: No length or number in a council's stylesheet needs to be larger.
MAX_CSS_NUMBER = 10_000
_ALLOWED_AT_RULES = frozenset({"media", "page"})
_FORBIDDEN_FUNCTIONS = frozenset({"url", "image", "image-set", "cross-fade", "element", "expression", "src"})
#: Words a font's licence fields use for the open licences permdocs takes.
OPEN_LICENCES = ("open font license", "scripts.sil.org/ofl", "openfontlicense.org", "apache license",
                 "ubuntu font licen", "gust font license")

# OS/2 fsType bits (OpenType specification, "OS/2 table").
_RESTRICTED_LICENCE = 0x0002
_PREVIEW_AND_PRINT = 0x0004
_EDITABLE = 0x0008
_NO_SUBSETTING = 0x0100
_BITMAP_ONLY = 0x0200


@dataclass(frozen=True)
class FontFace:
    """One font file of a profile: its family and style, for ``@font-face``."""

    family: str
    bold: bool
    italic: bool
    path: Path

    def css(self) -> str:
        """The ``@font-face`` rule naming this file for the PDF renderer."""
        return (
            f'@font-face {{ font-family: "{self.family}"; src: url("{self.path.as_uri()}"); '
            f"font-weight: {'bold' if self.bold else 'normal'}; font-style: {'italic' if self.italic else 'normal'}; }}"
        )


class AssetProblem(Exception):
    """Why a profile's font or stylesheet cannot be used (a message for the user)."""


def font_faces(folder: Path) -> tuple[FontFace, ...]:
    """Every font in the folder (TTF or OTF), each checked; raises AssetProblem."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))
    if not files:
        raise AssetProblem("the folder holds no .ttf or .otf font files")
    if len(files) > MAX_FONT_FILES:
        raise AssetProblem(f"the folder holds more than {MAX_FONT_FILES} font files")
    return tuple(_face(path) for path in files)


def _face(path: Path) -> FontFace:
    from fontTools.ttLib import TTFont, TTLibError

    if not path.is_file() or path.stat().st_size > MAX_FONT_BYTES:
        raise AssetProblem(f"{path.name} is not a regular font file of at most {MAX_FONT_BYTES // (1024 * 1024)} MB")
    try:
        font = TTFont(path, lazy=True)
        os2, names = font["OS/2"], font["name"]
    except (TTLibError, KeyError, OSError, ValueError, AssertionError):
        raise AssetProblem(f"{path.name} is not a font permdocs can read (TrueType or OpenType)") from None
    problem = embedding_problem(int(os2.fsType))
    if problem:
        raise AssetProblem(f"{path.name} {problem}")
    licence = " ".join(str(names.getDebugName(number) or "") for number in (13, 14)).lower()
    if not any(words in licence for words in OPEN_LICENCES):
        raise AssetProblem(
            f"{path.name} does not say in its licence fields that it is under an open licence "
            "(SIL Open Font License, Apache); permdocs embeds only open fonts"
        )
    family = str(names.getDebugName(16) or names.getDebugName(1) or "").strip()
    if not family or any(char in family for char in "\"\\;{}<>\n"):
        raise AssetProblem(f"{path.name} has no usable family name")
    italic = bool(os2.fsSelection & 0x01) or bool(font["head"].macStyle & 0x02)
    return FontFace(family, bold=int(os2.usWeightClass) >= 600, italic=italic, path=path.resolve())


def embedding_problem(fs_type: int) -> str | None:
    """Why the OS/2 ``fsType`` flags forbid what the PDF does with a font
    (embed a subset of it), or None when they allow it."""
    if fs_type & _BITMAP_ONLY:
        return "allows only its bitmaps to be embedded (OS/2 fsType), and permdocs embeds outlines"
    if fs_type & _NO_SUBSETTING:
        return "may not be subset (OS/2 fsType), and the PDF embeds only the characters it uses"
    if fs_type & _RESTRICTED_LICENCE and not fs_type & (_PREVIEW_AND_PRINT | _EDITABLE):
        return "may not be embedded: its licence flags (OS/2 fsType) say 'restricted licence'"
    return None


def checked_stylesheet(path: Path) -> str:
    """The stylesheet's text, if it only styles; raises AssetProblem naming
    the line and column of what it may not do."""
    import tinycss2

    if not path.is_file() or path.stat().st_size > MAX_STYLESHEET_BYTES:
        raise AssetProblem(f"{path.name} is not a regular file of at most {MAX_STYLESHEET_BYTES // 1000} kB")
    try:
        css = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AssetProblem(f"{path.name} is not UTF-8 text") from None
    if "<" in css:
        line = css[: css.index("<")].count("\n") + 1
        raise AssetProblem(f"{path.name}, line {line}: '<' may not appear in a stylesheet (it could end the <style> element)")
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        _check_node(path.name, rule)
    return css


def _check_node(name: str, node: object) -> None:
    import tinycss2
    import tinycss2.ast as ast

    where = f"{name}, line {getattr(node, 'source_line', '?')}, column {getattr(node, 'source_column', '?')}"
    if isinstance(node, ast.ParseError):
        raise AssetProblem(f"{where}: the stylesheet cannot be read ({node.message})")
    if isinstance(node, ast.AtRule) and node.lower_at_keyword not in _ALLOWED_AT_RULES:
        raise AssetProblem(f"{where}: @{node.lower_at_keyword} is not allowed; a profile's stylesheet may only style "
                           "(fonts come from the profile's fonts folder)")
    if isinstance(node, ast.URLToken) or (isinstance(node, ast.FunctionBlock) and node.lower_name in _FORBIDDEN_FUNCTIONS):
        raise AssetProblem(f"{where}: the stylesheet may not load anything (url() and the like)")
    if isinstance(node, ast.NumberToken | ast.DimensionToken | ast.PercentageToken) and abs(node.value) > MAX_CSS_NUMBER:
        raise AssetProblem(f"{where}: a value larger than {MAX_CSS_NUMBER:,} is not allowed")
    if isinstance(node, ast.Declaration) and node.lower_name in ("behavior", "-moz-binding"):
        raise AssetProblem(f"{where}: the property '{node.lower_name}' is not allowed")
    for attribute in ("prelude", "content", "value", "arguments"):
        children = getattr(node, attribute, None)
        if isinstance(children, list):
            for child in children:
                _check_node(name, child)
    if isinstance(node, ast.QualifiedRule | ast.AtRule) and node.content is not None:
        for declaration in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True):
            _check_node(name, declaration)

