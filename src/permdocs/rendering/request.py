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
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..documents.declaration import ResolvedRequest
from ..errors import ArgumentTypeError

__all__ = ["RenderRequest", "ResolvedRequest"]

if TYPE_CHECKING:
    from ..profiles import LoadedProfile


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
    made once per arrangement (default: every arrangement, a file each);
    ``for_bundle`` makes a PDF for a court bundle, which numbers every page
    itself, so the document's own page numbers are left off.
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
    for_bundle: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.document, str):
            raise ArgumentTypeError(f"RenderRequest's document is a document type's name, not {type(self.document).__name__}")
        # A single string is a common slip ("pdf" instead of ["pdf"]), as is
        # "docx,pdf"; both are taken as meant. Names are in any case.
        formats = self.formats.split(",") if isinstance(self.formats, str) else self.formats
        if not isinstance(formats, list | tuple) or not all(isinstance(name, str) for name in formats):
            raise ArgumentTypeError(
                f"RenderRequest's formats are format names, such as ('docx', 'pdf') or 'docx,pdf', not {type(self.formats).__name__}"
            )
        object.__setattr__(self, "formats", tuple(name.strip().lower() for name in formats if name.strip()))
        for name in ("audience", "part", "arrangement"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, value.strip().lower())
            elif value is not None:
                raise ArgumentTypeError(f"RenderRequest's {name} is a name (a str) or None, not {type(value).__name__}")
        for name in ("draft", "review", "for_bundle"):
            if not isinstance(getattr(self, name), bool):
                raise ArgumentTypeError(f"RenderRequest's {name} is True or False, not {type(getattr(self, name)).__name__}")
        object.__setattr__(self, "as_of", as_of_date(self.as_of, "RenderRequest's as_of"))


def as_of_date(value: object, what: str) -> date | None:
    """A day for the checks: a date, an ISO date string ('2026-11-30'), or None."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()) if len(value.strip()) == 10 else _not_a_date(what)
        except ValueError:
            _not_a_date(what)
    raise ArgumentTypeError(f"{what} is a date, or a date written YYYY-MM-DD, not {type(value).__name__}")


def _not_a_date(what: str) -> date:
    raise ArgumentTypeError(f"{what} is a date, or a real date written YYYY-MM-DD")
