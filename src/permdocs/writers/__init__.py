"""Output formats: each writer turns a document's context into bytes.

Every writer has the same shape, ``render(document, context, styling, *,
layout="") -> bytes``: the document type (for its templates), the context
(what the templates may print), the styling (what the writer needs from the
council's profile, which templates never see) and the layout, where an
output is drawn in another of the document's templates than its usual one
(the child's copy of a family-time agreement has its own Word file; HTML
draws every copy from one template). PDF
is not a writer of its own kind: it is the HTML writer plus WeasyPrint.
Writers are imported only when used, so that ``permdocs --help`` or a
DOCX-only render never loads WeasyPrint.

To add a format: write ``writers/<name>.py`` with a ``render`` function and
add one line to ``FORMATS``.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UnknownFormatError

if TYPE_CHECKING:
    from ..documents import DocumentType
    from ..profiles import LoadedProfile
    from ..profiles.assets import FontFace


@dataclass(frozen=True)
class Styling:
    """What writers take from the council's profile besides the words:
    colour, fonts, logo, template overrides and a reference Word file.

    Kept out of the template context on purpose: templates print data and
    never see file paths.
    """

    accent_colour: str
    font: str
    word_font: str
    logo: Path | None = None
    overrides: Path | None = None
    reference_docx: Path | None = None
    #: The profile's own fonts (checked for embedding) and stylesheet
    #: (checked to style only): see permdocs.profiles.assets.
    font_faces: tuple["FontFace", ...] = ()
    stylesheet: str | None = None
    #: A PDF for the records file: PDF/A-2u as well as PDF/UA-1 (writers.pdf).
    archival: bool = False

    @classmethod
    def from_profile(cls, profile: "LoadedProfile") -> "Styling":
        branding = profile.profile.branding
        return cls(
            accent_colour=branding.accent_colour,
            font=branding.font,
            word_font=profile.word_font,
            logo=profile.logo_path,
            overrides=profile.overrides_dir,
            reference_docx=profile.reference_docx_path,
            font_faces=profile.font_faces,
            stylesheet=profile.stylesheet,
        )


Writer = Callable[..., bytes]


@dataclass(frozen=True)
class OutputFormat:
    name: str
    extension: str
    media_type: str
    module: str

    def render(self, document: "DocumentType", context: Any, styling: Styling, *, layout: str = "") -> bytes:
        writer: Writer = importlib.import_module(self.module).render
        return writer(document, context, styling, layout=layout)


FORMATS: dict[str, OutputFormat] = {
    fmt.name: fmt
    for fmt in (
        OutputFormat(
            "docx", "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "permdocs.writers.docx",
        ),
        OutputFormat("html", "html", "text/html; charset=utf-8", "permdocs.writers.html"),
        OutputFormat("pdf", "pdf", "application/pdf", "permdocs.writers.pdf"),
        OutputFormat("ics", "ics", "text/calendar; charset=utf-8", "permdocs.writers.ics"),
    )
}


def get_format(name: str) -> OutputFormat:
    """The output format called ``name`` (any case), or UnknownFormatError listing the choices."""
    try:
        return FORMATS[name.strip().lower()]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise UnknownFormatError(f"There is no output format '{name}'. Choose from: {choices}.") from None


def template_variables(context: Any) -> dict[str, Any]:
    """A document context's top-level fields as template variables, plus
    ``terms``, the council's words, which every template uses.

    Shallow on purpose: nested dataclasses stay objects, so templates write
    ``child.preferred_name`` and the sandbox still guards attribute access.
    """
    variables = {field.name: getattr(context, field.name) for field in dataclasses.fields(context)}
    variables["terms"] = context.document.terms
    return variables
