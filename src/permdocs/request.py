"""A render request: everything that decides what one render makes.

What used to travel as loose arguments (profile, draft, "as of") travels as
one value, together with the audience (whose copy) and any part. The
pipeline resolves it (loads the profile, runs the checks, picks the
audience) into a :class:`ResolvedRequest`, which is what document builders
receive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .documents.declaration import ResolvedRequest
from .errors import ArgumentTypeError

__all__ = ["RenderRequest", "ResolvedRequest"]

if TYPE_CHECKING:
    from .profiles import LoadedProfile


@dataclass(frozen=True)
class RenderRequest:
    """What to render for a case.

    ``document`` is a document type's name (see ``permdocs docs``);
    ``audience`` names one of its audiences (default: its first);
    ``profile`` is a shipped profile's name, a path or a loaded profile (by
    default the case's own, else ``default``); ``draft`` renders despite
    errors, marked DRAFT; ``as_of`` judges the checks on that day (default:
    the case's ``prepared_on``); ``part`` asks for a separately paginated
    part (see the document's declaration); ``review`` asks a document that
    offers one for its review copy, its findings marked in place;
    ``arrangement`` picks one family-time arrangement, by id, of a document
    made once per arrangement (default: every arrangement, a file each).
    """

    document: str
    formats: tuple[str, ...] = ("docx", "html", "pdf")
    audience: str | None = None
    profile: "str | os.PathLike[str] | LoadedProfile | None" = None
    draft: bool = False
    as_of: date | None = None
    part: str | None = None
    review: bool = False
    arrangement: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.document, str):
            raise ArgumentTypeError(f"RenderRequest's document is a document type's name, not {type(self.document).__name__}")
        # A single string is a common slip ("pdf" instead of ["pdf"]), as is
        # "docx,pdf"; both are taken as meant. Names are in any case.
        formats = self.formats.split(",") if isinstance(self.formats, str) else self.formats
        object.__setattr__(self, "formats", tuple(name.strip().lower() for name in formats if name.strip()))
        for name in ("audience", "part", "arrangement"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, value.strip().lower())
