"""What a document type is: its declaration (``document.toml``), its
audiences, its templates and its context builder, all in one folder.

A document folder is a Python package holding:

* ``document.toml``: name, title, summary, the parts of the case it reads,
  the audiences it offers (the first is the default) and any parts;
* ``__init__.py``: ``build_context(case, request)``, returning a frozen
  dataclass with a ``document`` field, and optionally ``outputs(case,
  request)`` for a document that makes several files per request;
* ``NAME.html`` and ``NAME.docx``: its HTML and Word templates.
"""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import StringConstraints, model_validator

from ..base.resources import template_name
from ..base.sensitivity import Sensitivity, Treatment
from ..base.strict import Identifier, ShortText, StrictModel
from ..base.strict import field as described
from ..errors import UnknownAudienceError, UnknownOptionError

if TYPE_CHECKING:
    from ..case import Case
    from ..checks import Finding
    from ..profiles import LoadedProfile

JsonPath = Annotated[str, StringConstraints(pattern=r"^\$(\.[a-z_]+)+$")]
#: A word in capitals that a file name carries, as DRAFT is.
FileLabel = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]{0,15}$")]


class Reader(StrEnum):
    """Who a copy is written for. A document writes differently for each,
    by this, never by the audience's name, which is the declaration's own."""

    PROFESSIONAL = "professional"
    DECISION_MAKER = "decision-maker"
    COURT = "court"
    CARERS = "carers"
    BIRTH_FAMILY = "birth-family"
    CHILD = "child"
    ADOPTED_ADULT = "adopted-adult"


class AudienceDeclaration(StrictModel):
    """Who reads a copy, and what it withholds from them."""

    title: ShortText = described("Title", "How the copy is named on the page, e.g. 'Family copy'.")
    reader: ShortText = described("Reader", "Who receives this copy and what it keeps from them.")
    reads_as: Reader = described(
        "Reads as",
        "Who the copy is written for, which a document may write differently for: professional, decision-maker, "
        "court, carers, birth-family, child or adopted-adult.",
        default=Reader.PROFESSIONAL,
    )
    withholds: dict[Sensitivity, Treatment] = described(
        "Withholds", "How each sensitivity category is withheld; categories not listed are shown.", default_factory=dict
    )
    formats: list[Identifier] | None = described(
        "Formats", "The formats this copy comes in, where fewer than the document's.", default=None
    )
    for_a_child: bool = described(
        "For a child",
        "True for a copy a child reads (the later-life letter, the child's copy of an agreement): it is never "
        "scrubbed to '[withheld]', so a text that writes out a detail it withholds blocks even its draft (SG-001).",
        default=False,
    )
    large_type: bool = described("Large type", "True for a copy read by someone outside the profession, such as "
                                  "a birth parent: all its text, tables included, is 12 pt or more.", default=False)
    for_the_court: bool = described(
        "For the court",
        "True for a copy filed with the court: it follows the court's rules for documents (FPR PD27A; the "
        "e-bundle guidance): text of 12 pt or more, tables included, 1.5 line spacing, and paragraphs numbered "
        "through the document so that advocates can refer to them.",
        default=False,
    )


class PartDeclaration(StrictModel):
    """A separately paginated part of a document, rendered only on request."""

    title: ShortText = described("Title", "The part's title.")
    summary: ShortText = described("Summary", "What the part holds and why it is separate.")
    shows: list[Sensitivity] = described(
        "Shows",
        "Categories this part shows even to an audience that withholds them from the rest of the document: "
        "the part exists to hold them apart (the CPR's confidential part holds the adopters' details).",
        default_factory=list,
    )


class OptionDeclaration(StrictModel):
    """Something only this document can be asked for (``--option NAME=VALUE``),
    declared beside its templates so that the pipeline, the command line and
    batches carry it without knowing what it means."""

    summary: ShortText = described("Summary", "What the option does, for 'permdocs docs' and --help.")
    takes: Literal["yes-or-no", "an-id"] = described(
        "Takes", "yes-or-no: a switch (true or false); an-id: the id of one item of a list in the case (ids_from)."
    )
    ids_from: JsonPath | None = described(
        "Ids from", "For an-id: the list in the case whose items' ids the option takes, e.g. $.family_time.", default=None
    )
    names: ShortText | None = described(
        "Names", "For an-id: what one item is called in messages, e.g. 'family-time arrangement'.", default=None
    )
    file_label: FileLabel | None = described(
        "File label", "For yes-or-no: a word added to the file name when it is on, e.g. REVIEW.", default=None
    )

    def ids_in(self, case: "Case") -> list[str]:
        """For an-id: the ids the case's list holds, in order (none for a switch)."""
        if self.ids_from is None:
            return []
        return [str(item.id) for item in getattr(case, self.ids_from.removeprefix("$."), None) or ()]

    @model_validator(mode="after")
    def _ids_for_an_id(self) -> "OptionDeclaration":
        if (self.takes == "an-id") != (self.ids_from is not None and self.names is not None):
            raise ValueError("an option that takes an id gives ids_from and names; a yes-or-no option gives neither")
        return self


class Orientation(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"
    MIXED = "mixed"


class LayoutFacts(StrictModel):
    """What a document's pages look like, which the suite's document tests hold
    it to: written beside the templates, so that a new document brings its
    own facts and no test keeps a list of documents."""

    orientation: Orientation = described(
        "Orientation", "portrait; landscape throughout; or mixed (portrait, with wide tables on landscape pages)."
    )
    tables: bool = described("Tables", "Whether it has tables (a letter has none).", default=True)
    unheaded_tables: int = described(
        "Tables without a header row", "Tables of facts whose first column names each row.", default=0, ge=0, le=20
    )
    styles: list[ShortText] = described("Word styles", "Word styles every copy uses.", min_length=1, max_length=20)
    last_words: ShortText = described(
        "Last words", "Words on its last page that show it was printed to the end (a last heading, a sign-off)."
    )


class DocumentDeclaration(StrictModel):
    """A document.toml file."""

    name: Identifier = described("Name", "The document's name, as given to --doc.")
    title: ShortText = described("Title", "Its title.")
    summary: ShortText = described("Summary", "What it is and who it is for.")
    reads: list[JsonPath] = described("Reads", "The parts of the case it reads.")
    requires: list[JsonPath] = described(
        "Requires", "Parts of the case that must be present (not null or empty) for the document to apply.",
        default_factory=list,
    )
    formats: list[Identifier] = described(
        "Formats", "The output formats it offers.", default_factory=lambda: ["docx", "html", "pdf"]
    )
    options: dict[Identifier, OptionDeclaration] = described(
        "Options", "What only this document can be asked for, by name (--option NAME=VALUE).", default_factory=dict
    )
    word_layouts: list[Identifier] = described(
        "Word layouts",
        "Other Word templates beside NAME.docx, as NAME-LAYOUT.docx, for outputs that name that layout "
        "(the family-time agreement's child's copy).",
        default_factory=list,
    )
    bundle_kind: Identifier | None = described(
        "Bundle kind",
        "The kind of court document a bundle files it as, for PD27A's page limits and Section A's checks "
        "(care-plan, chronology, case-summary); none for a document the court has no rule about.",
        default=None,
    )
    audiences: list[Identifier] = described(
        "Audiences", "The audiences it offers, the default first; shared ones come from audiences.toml.", min_length=1
    )
    own_audiences: dict[Identifier, AudienceDeclaration] = described(
        "Own audiences", "Audiences only this document has.", default_factory=dict
    )
    parts: dict[Identifier, PartDeclaration] = described(
        "Parts", "Separately paginated parts, rendered with --part.", default_factory=dict
    )
    layout: LayoutFacts = described("Layout", "What its pages look like, for the suite's document tests.")


@dataclass(frozen=True)
class Audience:
    """One reader's copy of a document."""

    name: str
    title: str
    reader: str
    withholds: Mapping[Sensitivity, Treatment]
    #: The formats this copy comes in; None: all the document's.
    formats: tuple[str, ...] | None = None
    #: A copy a child reads: never scrubbed to "[withheld]" (see AudienceDeclaration).
    for_a_child: bool = False
    #: A copy filed with the court: 12 pt, 1.5 spacing, numbered paragraphs (see AudienceDeclaration).
    for_the_court: bool = False
    #: Who the copy is written for (see Reader).
    reads_as: Reader = Reader.PROFESSIONAL
    #: All text 12 pt or more, tables included (see AudienceDeclaration).
    large_type: bool = False


@dataclass(frozen=True)
class Output:
    """One file's worth of a document: its context, what its name adds (an
    arrangement's id, a part's name), if anything, and the Word layout it is
    drawn in where that is not the document's usual one.

    ``safe_label`` goes into the file name instead of ``label`` in a copy
    whose audience must not read a word the label holds (an arrangement id
    made from the carers' surname). ``lacks`` names formats this output
    cannot come in, each with the reason (an arrangement without dates has
    no calendar file)."""

    context: Any
    label: str = ""
    safe_label: str = ""
    lacks: Mapping[str, str] = field(default_factory=dict)
    layout: str = ""


Builder = Callable[["Case", "ResolvedRequest"], Any]


@dataclass(frozen=True)
class DocumentType:
    """A kind of document, as its folder declares it."""

    name: str
    title: str
    summary: str
    reads: tuple[str, ...]
    requires: tuple[str, ...]
    audiences: Mapping[str, Audience]
    formats: tuple[str, ...]
    options: Mapping[str, OptionDeclaration]
    bundle_kind: str | None
    parts: Mapping[str, PartDeclaration]
    folder: Path
    word_layouts: tuple[str, ...]
    layout: LayoutFacts
    #: The module holding its code (``build_context``, and ``outputs`` and
    #: ``HTML_FILTERS`` where it has them), imported the first time it is used.
    package: str

    @property
    def build_context(self) -> Builder:
        """The document's context builder, from its package."""
        return self._code().build_context  # type: ignore[no-any-return]

    @property
    def html_filters(self) -> Mapping[str, Callable[..., Any]]:
        """Jinja filters only this document's HTML template uses (the letter's review marks)."""
        return MappingProxyType(dict(getattr(self._code(), "HTML_FILTERS", {})))

    def _code(self) -> ModuleType:
        # Imported here, not with the registry: a render needs the code of
        # the one document it draws, and importing all nine cost a cold
        # start about 0.1 s more. import_module finds a loaded package in sys.modules.
        return importlib.import_module(self.package)

    @property
    def default_audience(self) -> Audience:
        return next(iter(self.audiences.values()))

    def audience(self, name: str | None) -> Audience:
        """The named audience, or the default; UnknownAudienceError lists the choices."""
        if name is None:
            return self.default_audience
        try:
            return self.audiences[name]
        except KeyError:
            choices = ", ".join(self.audiences)
            raise UnknownAudienceError(f"The {self.name} document has no audience '{name}'. Choose from: {choices}.") from None

    def formats_for(self, audience: Audience) -> tuple[str, ...]:
        """The formats one audience's copy comes in."""
        return tuple(f for f in self.formats if audience.formats is None or f in audience.formats)

    def chosen_options(self, case: "Case", given: Mapping[str, object]) -> Mapping[str, object]:
        """The options asked for, checked against the declaration and the case:
        a switch is True or False, an id names an item the case has."""
        chosen: dict[str, object] = {}
        for name, value in given.items():
            option = self.options.get(name)
            if option is None:
                offered = ", ".join(self.options) or "none"
                raise UnknownOptionError(f"The {self.name} document has no option '{name}'. Its options: {offered}.")
            chosen[name] = option_value(self.name, name, option, value, case)
        return MappingProxyType(chosen)

    def missing_from(self, case: "Case") -> list[str]:
        """The required parts of the case that this case lacks (empty: the document applies)."""
        return [path for path in self.requires if not getattr(case, path.removeprefix("$."), None)]

    def template(self, extension: str, layout: str = "") -> Path:
        """The packaged template for one format (``html`` or ``docx``), or
        for one of the document's other Word layouts."""
        return self.folder / template_name(self.name, extension, layout)

    def outputs(self, case: "Case", request: "ResolvedRequest") -> list[Output]:
        """Everything one request makes: usually one output, several for per-copy documents."""
        several = getattr(self._code(), "outputs", None)
        if several is not None:
            return several(case, request)  # type: ignore[no-any-return]
        return [Output(self.build_context(case, request))]


_YES = {"yes", "true", "on", "1"}
_NO = {"no", "false", "off", "0"}


def option_value(document: str, name: str, option: OptionDeclaration, value: object, case: "Case") -> object:
    """One option's value, as its declaration takes it."""
    if option.takes == "yes-or-no":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _YES | _NO:
            return value.strip().lower() in _YES
        raise UnknownOptionError(f"The {document} document's option '{name}' is yes or no, not {value!r}.")
    known = option.ids_in(case)
    if not isinstance(value, str) or value.strip().lower() not in known:
        listed = ", ".join(known) or "none"
        raise UnknownOptionError(f"This case has no {option.names} '{value}'; the ids in {option.ids_from} are: {listed}.")
    return value.strip().lower()


@cache
def declared_title(folder: str) -> str:
    """The title another document's folder declares ("options_analysis" ->
    "Options analysis"), for a document that refers its reader to it: read
    from its document.toml, so that a document's code never imports the registry above it."""
    declaration = tomllib.loads((Path(__file__).parent / folder / "document.toml").read_text("utf-8"))
    return str(declaration["title"])


@dataclass(frozen=True)
class ResolvedRequest:
    """A render request with its parts looked up: what document builders are
    given (:mod:`permdocs.rendering.request` makes it from a RenderRequest)."""

    document: "DocumentType"
    audience: "Audience"
    profile: "LoadedProfile"
    draft: bool
    as_of: date
    findings: "tuple[Finding, ...]"
    part: str | None = None
    #: The document's own options, checked (see DocumentType.chosen_options).
    options: Mapping[str, object] = field(default_factory=dict)
    #: The PDF goes into a court bundle, whose page stamps number it.
    for_bundle: bool = False
    #: The PDF is for the records file: PDF/A-2u as well as PDF/UA-1.
    archival: bool = False
