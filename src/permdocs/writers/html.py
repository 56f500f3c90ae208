"""HTML writer: a standalone, accessible page per document (Jinja2).

The stylesheet is inlined so the file works on its own, e-mailed or opened
from a case system. The PDF writer reuses :func:`render_text` and adds the
print stylesheet.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..base import narrative
from ..base.colours import accent_tint
from ..base.resources import assets_dir, override_dir, templates_dir
from ..errors import TemplateProblemError
from ..text.templating import make_environment, render_checked
from ..text.untrusted import ConfinedLoader, html_problems, logo_media_type, with_content_security_policy
from . import Styling, template_variables
from .html_blocks import blocks_to_html

if TYPE_CHECKING:
    from ..documents import DocumentType


def render(document: "DocumentType", context: Any, styling: Styling, *, layout: str = "") -> bytes:
    """The document as a standalone HTML file, UTF-8 encoded. Every layout
    is drawn from the one template, as the context says."""
    return render_text(document, context, styling).encode("utf-8")


def render_text(document: "DocumentType", context: Any, styling: Styling, *, for_print: bool = False) -> str:
    """The document as HTML text; ``for_print`` adds the PDF page rules."""
    template_name = f"{document.name}.html"
    # The loader finds a document's own templates in the folder it is handed with it.
    _DOCUMENT_FOLDERS.setdefault(document.folder, None)
    overrides = override_dir(styling.overrides, "html")
    untrusted = overrides is not None
    env = _environment(overrides)
    # A document's own filters join the environment before its template is compiled, which looks them up.
    for name, document_filter in document.html_filters.items():
        env.filters.setdefault(name, document_filter)
    template = render_checked(template_name, lambda: env.get_template(template_name), untrusted=untrusted)
    variables = template_variables(context) | {
        "stylesheet": _stylesheet("permdocs.css") + brand_stylesheet(styling),
        "print_stylesheet": _stylesheet("print.css") if for_print else Markup(""),
        "council_stylesheet": council_stylesheet(styling, for_print=for_print),
        # Last, so that no council's stylesheet takes a court copy under the court's rules.
        "court_stylesheet": _stylesheet("court.css") if context.document.for_the_court else Markup(""),
        "bundle_stylesheet": _BUNDLED_PAGES if for_print and context.document.in_bundle else Markup(""),
        "logo": None if styling.logo is None else _data_uri(styling.logo),
    }
    markup = render_checked(template_name, lambda: template.render(variables), untrusted=untrusted)
    if untrusted:
        # A council's template must not add scripts or remote resources: whoever
        # opens the file would send its contents (a child's name) elsewhere.
        trusted = frozenset(
            str(variables[name]).strip() for name in _STYLESHEETS
        )
        problems = html_problems(markup, trusted)
        if problems:
            raise TemplateProblemError(template_name, "; ".join(problems), untrusted=True)
    return with_content_security_policy(markup)


#: The folders of the documents drawn so far, in the order first drawn: a
#: writer is handed each document it draws, never the registry.
_DOCUMENT_FOLDERS: dict[Path, None] = {}


def packaged_template_folders() -> list[Path]:
    """Where packaged HTML templates are: the shared base, then the folder of each document drawn."""
    return [templates_dir() / "html", *_DOCUMENT_FOLDERS]


class _PackagedTemplates(BaseLoader):
    """The shared templates, then each drawn document's folder, looked up
    when a template is loaded (so a document drawn later is found)."""

    def get_source(self, environment: Any, template: str) -> Any:
        return FileSystemLoader(packaged_template_folders()).get_source(environment, template)


@cache
def _environment(overrides: Path | None) -> SandboxedEnvironment:
    """The HTML environment. A council's override folder is searched first,
    so it can replace any single template; ``permdocs/NAME`` always names the
    packaged template, so an override can extend the one it replaces."""
    packaged = _PackagedTemplates()
    folders = [ConfinedLoader(overrides)] if overrides is not None else []
    loader = ChoiceLoader([*folders, packaged, PrefixLoader({"permdocs": packaged})])
    env = make_environment(loader, markdown=lambda text: narrative.to_html(text.source))
    env.filters["blocks"] = blocks_to_html
    return env


def brand_stylesheet(styling: Styling) -> Markup:
    """The council's colour (and the pale tint of it that shades table
    headers, as in Word) and font. Both were validated by the profile (a
    #RRGGBB colour; a bundled font's name, or the family of a font file it
    checked), so they are safe inside CSS, where HTML escaping would not
    help. A profile's own font falls back to a bundled one for any
    character it lacks."""
    shade = "#" + accent_tint(styling.accent_colour)
    fallback = "" if not styling.font_faces else ', "Liberation Sans"'
    return Markup(
        f"\n:root {{ --accent: {styling.accent_colour}; --shade: {shade}; }}\n"
        f'html {{ font-family: "{styling.font}"{fallback}, serif; }}\n'
    )


def council_stylesheet(styling: Styling, *, for_print: bool) -> Markup:
    """What the profile adds: its stylesheet, checked when the profile was
    loaded to style and never load anything; and for print, its fonts."""
    faces = "\n".join(face.css() for face in styling.font_faces) if for_print else ""
    return Markup("\n".join(part for part in (faces, styling.stylesheet or "") if part))


def _data_uri(path: Path) -> Markup:
    # Inline, so the HTML stands alone and the PDF fetches nothing.
    return Markup(f"data:{logo_media_type(path)};base64," + base64.b64encode(path.read_bytes()).decode("ascii"))


#: The stylesheets base.html inlines, each in a <style> of its own: all ours, so trusted.
_STYLESHEETS = ("stylesheet", "print_stylesheet", "council_stylesheet", "court_stylesheet", "bundle_stylesheet")

#: A page of a court bundle carries the bundle's page number, stamped on
#: it; the document's own "Page 2 of 9" beside it would be a second number.
_BUNDLED_PAGES = Markup("@page { @bottom-right { content: none; } }")


@cache
def _stylesheet(name: str) -> Markup:
    # Our own file, shipped with the package: trusted, so marked safe.
    return Markup((assets_dir() / name).read_text(encoding="utf-8"))
