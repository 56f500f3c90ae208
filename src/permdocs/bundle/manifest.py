"""The bundle manifest: what goes into a court bundle, in what order.

A legal team writes it by hand, so YAML is accepted besides JSON. Both are
parsed into plain data first and then validated as JSON by the same Pydantic
models, so the two spellings follow one set of rules and report problems by
the same JSON paths. YAML's conveniences that would surprise a lawyer are
switched off: dates stay text until the model reads them, a key given twice
is an error, and anchors (``&a`` / ``*a``, which can multiply a small file
into gigabytes) are refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, ValidationError

from ..base.schema_generation import json_schema
from ..base.strict import CalendarDate, Identifier, Name, ShortText, StrictModel, field
from ..errors import InvalidBundleError, Problem
from .manifest_text import parse_json, parse_yaml, read_manifest_file
from .problems import plain_problems

#: Parties to one set of proceedings: parents, the child, interveners, with room to spare.
MAX_PARTIES = 30
#: Documents in one section: a 350-page bundle holds far fewer.
MAX_SECTION_DOCUMENTS = 200

#: PD27A's default ceiling, counted without the front sheet and index.
DEFAULT_PAGE_LIMIT = 350

#: The copy of a permdocs document that a court bundle holds.
COURT_AUDIENCE = "court"

SectionLetter = Annotated[str, Field(max_length=1, pattern=r"^[A-Z]$")]


class Party(StrictModel):
    """A party to the proceedings, as the front sheet lists them."""

    role: ShortText = field("Role", "The party's role, e.g. 'Applicant' or 'First respondent (mother)'.")
    name: Name = field("Name", "The party's name as the court's papers give it.")


class Hearing(StrictModel):
    kind: ShortText = field("Hearing", "The hearing the bundle is for, e.g. 'Issues resolution hearing'.")
    date: CalendarDate = field("Date", "The date of the hearing.")


class BundleCase(StrictModel):
    """The proceedings, as the front sheet names them."""

    court: ShortText = field("Court", "The court, e.g. 'The Family Court sitting at Exampleton'.")
    case_number: Annotated[str, Field(max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9/_. -]{0,39}$")] = field(
        "Case number", "The court's case number."
    )
    child_initials: Annotated[str, Field(max_length=12, pattern=r"^[A-Z](\.?[A-Z]){0,5}\.?$")] = field(
        "The child's initials",
        "Initials only, as court bundles name children (e.g. 'A.M.S.'); never the full name.",
    )
    parties: list[Party] = field("Parties", "The parties, in the court's order.", min_length=1, max_length=MAX_PARTIES)
    hearing: Hearing = field("Hearing", "The hearing the bundle is prepared for.")


class CourtPermission(StrictModel):
    """The court's permission for a bundle over the page limit (PD27A)."""

    pages: int = field(
        "Pages permitted",
        f"The number of pages the court has allowed; a figure under {DEFAULT_PAGE_LIMIT} does not lower the limit.",
        ge=1,
        le=5000,
    )
    given_on: CalendarDate = field("Given on", "The date of the order or direction giving permission.")


class PermdocsEntry(StrictModel):
    """A document permdocs renders from a case file, for this bundle."""

    case: ShortText = field("Case file", "The case file, relative to the manifest's folder.")
    document: Identifier = field("Document", "The permdocs document type (see 'permdocs docs').")
    audience: Identifier = field(
        "Audience",
        "Whose copy. The court's by default, so that what the court must not see stays out of the bundle; "
        "any other needs 'allow_non_court_copy'.",
        default=COURT_AUDIENCE,
    )
    allow_non_court_copy: bool = field(
        "Allow a copy other than the court's",
        "Set to true only where the court has directed that this copy go in the bundle: a bundle goes to every "
        "party, the parents included, and other copies show what the court's copy withholds.",
        default=False,
    )
    arrangement: Identifier | None = field("Arrangement", "Short for options: {arrangement: ID}.", default=None)
    options: dict[Identifier, Identifier | bool] = field(
        "Options", "The document's own options, as 'permdocs docs' lists them: which family-time arrangement, say.",
        default_factory=dict,
    )
    title: ShortText | None = field("Title", "The index title; by default the document's own title.", default=None)
    kind: Identifier | None = field(
        "Kind", "The kind of document for the page limits (care-plan, chronology, ...); by default from the type.",
        default=None,
    )


class ExternalEntry(StrictModel):
    """A PDF made elsewhere: an order, a statement, an expert's report."""

    pdf: ShortText = field("PDF file", "The PDF, relative to the manifest's folder.")
    title: ShortText = field("Title", "The title for the index and the bookmark.")
    dated: CalendarDate = field("Date", "The document's date.")
    author: ShortText = field("Author", "Who wrote or made the document.")
    kind: Identifier | None = field(
        "Kind", "The kind of document for the page limits: care-plan, chronology, witness-statement, expert-report.",
        default=None,
    )
    keep_web_links: bool = field(
        "Keep web links",
        "True to keep the PDF's links to https: web pages. Every other link that leaves the bundle (http:, file:, "
        "another file) and every active content (scripts, launch and form actions, attachments, media) is always "
        "removed, and listed in the bundle's report.",
        default=False,
    )


def _entry_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if "pdf" in value and "case" not in value:
            return "external"
        if "case" in value and "pdf" not in value:
            return "permdocs"
    return None


BundleEntry = Annotated[
    Annotated[PermdocsEntry, Tag("permdocs")] | Annotated[ExternalEntry, Tag("external")],
    Discriminator(
        _entry_kind,
        custom_error_type="entry_kind",
        custom_error_message="must give either 'case' (a permdocs document) or 'pdf' (an external PDF), not both",
    ),
]


class Section(StrictModel):
    letter: SectionLetter = field("Letter", "The section's letter, A to Z; its pages are numbered A1, A2 ...")
    title: ShortText = field("Title", "The section's title, e.g. 'Applications and orders'.")
    documents: list[BundleEntry] = field("Documents", "The section's documents, in order.", min_length=1,
        max_length=MAX_SECTION_DOCUMENTS,
    )


class BundleManifest(StrictModel):
    """A court bundle: the proceedings, and the documents in lettered sections (FPR PD27A)."""

    schema_ref: str | None = Field(
        default=None, max_length=1000, alias="$schema", title="Schema", description="The manifest schema, for editors; ignored."
    )
    title: ShortText = field("Title", "The bundle's title on the front sheet.", default="Court bundle")
    case: BundleCase = field("Proceedings", "The court, case number, child, parties and hearing.")
    court_permission: CourtPermission | None = field(
        "Court's permission",
        f"Only where the court has allowed more than {DEFAULT_PAGE_LIMIT} pages (PD27A).",
        default=None,
    )
    page_limits: dict[Identifier, Annotated[int, Field(ge=1, le=5000)]] = field(
        "Page limits",
        "Warning thresholds per kind of document, replacing the defaults (care-plan 10, chronology 10, "
        "witness-statement 25, expert-report 40).",
        default_factory=dict,
    )
    sections: list[Section] = field("Sections", "The sections, in order.", min_length=1, max_length=26)

    model_config = StrictModel.model_config | {"populate_by_name": True}

    @property
    def page_limit(self) -> int:
        """PD27A's 350 pages, or more where the court has permitted more. A
        permission for fewer leaves the rule's own limit in place."""
        permitted = self.court_permission.pages if self.court_permission else 0
        return max(DEFAULT_PAGE_LIMIT, permitted)

    @property
    def limit_set_by_court(self) -> bool:
        return self.page_limit > DEFAULT_PAGE_LIMIT


@dataclass(frozen=True)
class LoadedManifest:
    """A validated manifest and where its entries' files come from: the
    folder its paths are relative to, or, for a case system that holds them
    in memory, ``cases`` (loaded cases or parsed case data) and ``files``
    (PDF bytes), by the names the manifest gives them."""

    manifest: BundleManifest
    folder: Path | None
    source: Path | None = None
    cases: Mapping[str, Any] = dataclass_field(default_factory=dict)
    files: Mapping[str, bytes] = dataclass_field(default_factory=dict)

    def given(self, relative: str, where: str) -> "Path | Any":
        """What an entry names: the case or bytes given in memory under that
        name, else the file, refused if it leads outside the manifest's folder."""
        kept = self.cases if where.endswith(".case") else self.files
        if relative in kept:
            return kept[relative]
        if self.folder is None:
            what = "cases" if where.endswith(".case") else "files"
            raise InvalidBundleError([Problem(where, f"is not among the {what} given with the manifest")])
        candidate = Path(relative)
        if candidate.is_absolute():
            raise InvalidBundleError([Problem(where, "must be a path relative to the manifest's folder")])
        try:
            resolved = (self.folder / candidate).resolve()
        except (RuntimeError, OSError):
            # A loop of symbolic links, or a name too long.
            raise InvalidBundleError([Problem(where, "cannot be followed: a loop of links, or a name too long")]) from None
        if not resolved.is_relative_to(self.folder.resolve()):
            raise InvalidBundleError([Problem(where, "leads outside the manifest's folder, which is not allowed")])
        return resolved


def load_manifest(
    path: "str | os.PathLike[str] | Mapping[str, Any] | BundleManifest",
    *,
    cases: Mapping[str, Any] | None = None,
    files: Mapping[str, bytes] | None = None,
) -> LoadedManifest:
    """Read and validate a manifest: a file (``.yaml``, ``.yml`` or
    ``.json``), parsed manifest data, or a BundleManifest. ``cases`` and
    ``files`` give entries' cases and PDFs in memory, by the names the
    manifest uses; a manifest that is not a file has no folder, so every
    entry's case and PDF must be given so."""
    if isinstance(path, BundleManifest | Mapping):
        manifest = path if isinstance(path, BundleManifest) else manifest_from_data(dict(path))
        return LoadedManifest(manifest, None, None, dict(cases or {}), dict(files or {}))
    path = Path(path)
    raw = read_manifest_file(path)
    tree = parse_json(raw) if path.suffix.lower() == ".json" else parse_yaml(raw)
    return LoadedManifest(manifest_from_data(tree), path.resolve().parent, path, dict(cases or {}), dict(files or {}))


@cache
def manifest_schema() -> Mapping[str, Any]:
    """The manifest's JSON Schema, as published (``permdocs schema --of bundle``)."""
    return MappingProxyType(json_schema(BundleManifest, "bundle"))


def manifest_from_data(tree: Any) -> BundleManifest:
    """Validate parsed manifest data; every problem is reported by JSON path,
    the model's and the repeated section letters together."""
    try:
        text = json.dumps(tree, ensure_ascii=False)
    except (TypeError, ValueError):
        raise InvalidBundleError([Problem("$", "holds a value that is not text, a number, a list or a mapping")]) from None
    repeated = _repeated_letters(tree)
    try:
        manifest = BundleManifest.model_validate_json(text)
    except ValidationError as error:
        raise InvalidBundleError(plain_problems(error, manifest_schema()) + repeated) from None
    if repeated:
        raise InvalidBundleError(repeated)
    return manifest


def _repeated_letters(tree: Any) -> list[Problem]:
    """A section letter used before, named at its second use. Read from the
    raw data, so it is reported alongside any other problem."""
    sections = tree.get("sections") if isinstance(tree, dict) else None
    if not isinstance(sections, list):
        return []
    first_use: dict[str, int] = {}
    problems = []
    for index, section in enumerate(sections):
        letter = section.get("letter") if isinstance(section, dict) else None
        if not isinstance(letter, str):
            continue
        if letter in first_use:
            problems.append(
                Problem(f"$.sections[{index}].letter", f"{letter} is already the letter of $.sections[{first_use[letter]}]; "
                        "each section needs its own")
            )
        else:
            first_use[letter] = index
    return problems


Entry = PermdocsEntry | ExternalEntry
