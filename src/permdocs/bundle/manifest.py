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
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Discriminator, Field, Tag, ValidationError, model_validator

from ..errors import InvalidBundleError, Problem
from ..strict import CalendarDate, Identifier, Name, ShortText, StrictModel, field

#: A manifest is a page of text; anything larger is not one.
MAX_MANIFEST_BYTES = 1024 * 1024

#: PD27A's default ceiling, counted without the front sheet and index.
DEFAULT_PAGE_LIMIT = 350

SectionLetter = Annotated[str, Field(pattern=r"^[A-Z]$")]


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
    case_number: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9/_. -]{0,39}$")] = field(
        "Case number", "The court's case number."
    )
    child_initials: Annotated[str, Field(pattern=r"^[A-Z](\.?[A-Z]){0,5}\.?$")] = field(
        "The child's initials",
        "Initials only, as court bundles name children (e.g. 'A.M.S.'); never the full name.",
    )
    parties: list[Party] = field("Parties", "The parties, in the court's order.", min_length=1)
    hearing: Hearing = field("Hearing", "The hearing the bundle is prepared for.")


class CourtPermission(StrictModel):
    """The court's permission for a bundle over the page limit (PD27A)."""

    pages: int = field("Pages permitted", "The number of pages the court has allowed.", ge=1, le=5000)
    given_on: CalendarDate = field("Given on", "The date of the order or direction giving permission.")


class PermdocsEntry(StrictModel):
    """A document permdocs renders from a case file, for this bundle."""

    case: ShortText = field("Case file", "The case file, relative to the manifest's folder.")
    document: Identifier = field("Document", "The permdocs document type (see 'permdocs docs').")
    audience: Identifier = field(
        "Audience",
        "Whose copy. The court's by default, so that what the court must not see stays out of the bundle.",
        default="court",
    )
    arrangement: Identifier | None = field(
        "Arrangement", "For a document made once per family-time arrangement: which one.", default=None
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
    documents: list[BundleEntry] = field("Documents", "The section's documents, in order.", min_length=1)


class BundleManifest(StrictModel):
    """A court bundle: the proceedings, and the documents in lettered sections (FPR PD27A)."""

    schema_ref: str | None = Field(
        default=None, alias="$schema", title="Schema", description="The manifest schema, for editors; ignored."
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
    sections: list[Section] = field("Sections", "The sections, in order.", min_length=1)

    model_config = StrictModel.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _letters_once(self) -> "BundleManifest":
        seen: set[str] = set()
        for section in self.sections:
            if section.letter in seen:
                raise ValueError(f"section letter {section.letter} is used twice")
            seen.add(section.letter)
        return self

    @property
    def page_limit(self) -> int:
        return self.court_permission.pages if self.court_permission else DEFAULT_PAGE_LIMIT


@dataclass(frozen=True)
class LoadedManifest:
    """A validated manifest and the folder its paths are relative to."""

    manifest: BundleManifest
    folder: Path
    source: Path | None = None

    def resolve(self, relative: str, where: str) -> Path:
        """A path from the manifest, refused if it leads outside the manifest's folder."""
        candidate = Path(relative)
        if candidate.is_absolute():
            raise InvalidBundleError([Problem(where, "must be a path relative to the manifest's folder")])
        resolved = (self.folder / candidate).resolve()
        if not resolved.is_relative_to(self.folder.resolve()):
            raise InvalidBundleError([Problem(where, "leads outside the manifest's folder, which is not allowed")])
        return resolved


def load_manifest(path: str | Path) -> LoadedManifest:
    """Read and validate a manifest file (``.yaml``, ``.yml`` or ``.json``)."""
    path = Path(path)
    raw = _read(path)
    tree = _parse_json(raw) if path.suffix.lower() == ".json" else _parse_yaml(raw)
    return LoadedManifest(manifest_from_data(tree), path.resolve().parent, path)


def manifest_from_data(tree: Any) -> BundleManifest:
    """Validate parsed manifest data; every problem is reported by JSON path."""
    try:
        return BundleManifest.model_validate_json(json.dumps(tree, ensure_ascii=False))
    except ValidationError as error:
        raise InvalidBundleError(_problems(error)) from None
    except (TypeError, ValueError):
        raise InvalidBundleError([Problem("$", "holds a value that is not text, a number, a list or a mapping")]) from None


def _problems(error: ValidationError) -> list[Problem]:
    """The manifest's problems in the same plain words as a case's."""
    from ..case.loading import json_path
    from ..case.messages import plain_message
    from ..schemas import published_schema

    schema = published_schema("bundle")
    problems = []
    for detail in error.errors(include_url=False):
        # The union's tags ('permdocs', 'external') are Pydantic's, not the user's.
        loc = tuple(step for step in detail["loc"] if step not in ("permdocs", "external"))
        problems.append(Problem(json_path(loc), plain_message(detail, schema, loc)))
    return problems


def _read(path: Path) -> bytes:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InvalidBundleError([Problem("$", f"the manifest {path} is not a regular file")])
        with path.open("rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        raise InvalidBundleError([Problem("$", f"no such manifest file: {path}")]) from None
    except OSError as error:
        raise InvalidBundleError([Problem("$", f"the manifest {path} cannot be read ({type(error).__name__})")]) from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise InvalidBundleError([Problem("$", "the manifest is larger than 1 MB")])
    return raw


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidBundleError([Problem("$", f"the manifest is not UTF-8 text (bad byte at offset {error.start})")]) from None


def _parse_json(raw: bytes) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        for key in keys:
            if keys.count(key) > 1:
                raise InvalidBundleError([Problem("$", f"the key '{key}' appears twice in one object")])
        return dict(pairs)

    try:
        return json.loads(_decode(raw), object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise InvalidBundleError(
            [Problem("$", f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")]
        ) from None


class _ManifestLoader(yaml.SafeLoader):
    """YAML 1.1's safe loader without timestamps, duplicate keys or aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise InvalidBundleError([Problem("$", f"uses a YAML alias at line {mark.line + 1}; write the value out")])
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: ANN401
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise InvalidBundleError([Problem("$", f"the key '{key}' appears twice in one mapping (line {line})")])
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay strings, so the model reads YAML and JSON dates alike; and only
# true and false are booleans (YAML 1.1 also reads yes, no, on and off as
# booleans, which would turn a key 'on' into True).
_ManifestLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ManifestLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _parse_yaml(raw: bytes) -> Any:
    try:
        return yaml.load(_decode(raw), Loader=_ManifestLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = re.sub(r"\s+", " ", error.problem or "is malformed")
        raise InvalidBundleError([Problem("$", f"is not valid YAML: {problem}{where}")]) from None
    except yaml.YAMLError:
        raise InvalidBundleError([Problem("$", "is not valid YAML")]) from None


Entry = PermdocsEntry | ExternalEntry
