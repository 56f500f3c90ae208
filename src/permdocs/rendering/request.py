"""A render request: everything that decides what one render makes.

One request type serves a single copy, several documents or copies of one
case, and a batch of many cases: what to render travels as one value (the
documents, whose copies, the formats, the profile, draft, "as of", any part
and the document's own options). :meth:`RenderRequest.singles` splits a
request that names several documents or ``all`` copies into one request per
copy; the pipeline resolves each (loads the profile, runs the checks, picks
the audience) into a :class:`ResolvedRequest`, which is what document
builders receive.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..documents.declaration import ResolvedRequest
from ..errors import ArgumentTypeError, UnknownOptionError

__all__ = ["Options", "RenderRequest", "ResolvedRequest"]

if TYPE_CHECKING:
    from ..case import Case
    from ..documents import DocumentType
    from ..profiles import LoadedProfile


class Options(Mapping[str, "str | bool"]):
    """A document's options as asked for: names to a string or a switch.
    Read-only and hashable, as the frozen request holding it is."""

    def __init__(self, given: Mapping[str, "str | bool"] | None = None) -> None:
        self._given = dict(sorted((given or {}).items()))

    def __getitem__(self, name: str) -> "str | bool":
        return self._given[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._given)

    def __len__(self) -> int:
        return len(self._given)

    def __hash__(self) -> int:
        return hash(tuple(self._given.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._given) == dict(other)

    def __repr__(self) -> str:
        return repr(self._given)


@dataclass(frozen=True)
class RenderRequest:
    """What to render for a case, or for each case of a batch.

    ``document`` is a document type's name (see ``permdocs docs``), several
    names separated by commas, or ``all`` (every document the case has what
    it needs for); ``audience`` names one of its audiences (default: its
    first), or ``all``. Asking for several documents or copies, each comes
    in those of the asked ``formats`` it offers. ``profile`` is a shipped
    profile's name, a path or a loaded profile (by default the case's own,
    else ``default``); ``draft`` renders despite errors, marked DRAFT;
    ``as_of`` judges the checks on that day (default: the case's
    ``prepared_on``); ``part`` asks for a separately paginated part (see the
    document's declaration). ``options`` are what only a document can be
    asked for, as its ``document.toml`` declares them (see ``permdocs
    docs``): ``{"arrangement": "letters-mother"}`` picks one family-time
    arrangement, ``{"review": True}`` the later-life letter's review copy;
    asking for several documents, each takes the options it declares.
    ``for_bundle`` makes a PDF for a court bundle, which numbers every page
    itself, so the document's own page numbers are left off. ``archival``
    makes each PDF PDF/A-2u as well as PDF/UA-1, for the records file (an
    adoption record is kept for 100 years).
    """

    document: str
    formats: tuple[str, ...] = ("docx", "html", "pdf")
    audience: str | None = None
    profile: "str | os.PathLike[str] | LoadedProfile | None" = None
    draft: bool = False
    as_of: date | None = None
    part: str | None = None
    options: Mapping[str, str | bool] = field(default_factory=Options)
    for_bundle: bool = False
    archival: bool = False

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
        object.__setattr__(self, "options", options_mapping(self.options, "RenderRequest's options"))
        for name in ("audience", "part"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, value.strip().lower())
            elif value is not None:
                raise ArgumentTypeError(f"RenderRequest's {name} is a name (a str) or None, not {type(value).__name__}")
        for name in ("draft", "for_bundle"):
            if not isinstance(getattr(self, name), bool):
                raise ArgumentTypeError(f"RenderRequest's {name} is True or False, not {type(getattr(self, name)).__name__}")
        object.__setattr__(self, "as_of", as_of_date(self.as_of, "RenderRequest's as_of"))

    @property
    def several(self) -> bool:
        """Whether it names more than one document, or every copy."""
        return "," in self.document or self.document.strip().lower() == "all" or self.audience == "all"

    def singles(self, case: "Case") -> tuple[list["RenderRequest"], list[str]]:
        """One request per document and copy, and a note for each document
        left out because the case lacks what it needs (asked for ``all``)."""
        from ..documents import resolve_documents

        if not self.several:
            return [self], []
        chosen = resolve_documents(self.document)
        _check_someone_takes(self.options, chosen)
        every_document = self.document.strip().lower() == "all"
        requests, skipped = [], []
        for document in chosen:
            if every_document and document.missing_from(case):
                # 'all' means every document this case has what it needs for.
                skipped.append(f"{document.name}: the case has no {', '.join(document.missing_from(case))}")
                continue
            for name in list(document.audiences) if self.audience == "all" else [self.audience]:
                # Each copy in the asked formats it comes in (a calendar only where there is one).
                offered = document.formats_for(document.audience(name))
                wanted = tuple(f for f in self.formats if f in offered)
                if wanted:
                    own = {option: value for option, value in self.options.items() if option in document.options}
                    requests.append(replace(self, document=document.name, audience=name, formats=wanted, options=own))
        return requests, skipped


def _check_someone_takes(options: Mapping[str, object], documents: list["DocumentType"]) -> None:
    """Several documents share a request's options, each taking its own: an
    option none of them declares is a mistake, not something to ignore."""
    from ..documents import DOCUMENTS

    for name in options:
        if not any(name in document.options for document in documents):
            having = ", ".join(d.name for d in DOCUMENTS.values() if name in d.options) or "none"
            raise UnknownOptionError(f"None of the documents asked for has the option '{name}'. Documents with it: {having}.")


def options_mapping(value: object, what: str) -> Options:
    """A document's options as given: names (any case) to a string or a switch."""
    if value is None:
        return Options()
    if not isinstance(value, Mapping) or not all(
        isinstance(name, str) and isinstance(given, str | bool) for name, given in value.items()
    ):
        raise ArgumentTypeError(f"{what} are a mapping of option names to a string or True/False, such as {{'review': True}}")
    return Options({name.strip().lower(): given for name, given in value.items()})


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
