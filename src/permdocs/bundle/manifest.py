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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

import yaml
from pydantic import Discriminator, Field, Tag, ValidationError

from ..base.schema_generation import json_schema
from ..base.strict import CalendarDate, Identifier, Name, ShortText, StrictModel, field
from ..errors import InvalidBundleError, Problem
from .problems import plain_problems

#: A manifest is a page of text; anything larger is not one.
#: A manifest for the largest bundle (350 pages, a few hundred documents) is
#: a few tens of kilobytes; a larger file is refused before it is parsed, so
#: that no manifest takes more than a second or two to read.
MAX_MANIFEST_BYTES = 128 * 1024
#: Lists and mappings in a manifest nest a few levels; deeper is refused unread.
MAX_MANIFEST_NESTING = 32
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
    """A validated manifest and the folder its paths are relative to."""

    manifest: BundleManifest
    folder: Path
    source: Path | None = None

    def resolve(self, relative: str, where: str) -> Path:
        """A path from the manifest, refused if it leads outside the manifest's folder."""
        candidate = Path(relative)
        if candidate.is_absolute():
            raise InvalidBundleError([Problem(where, "must be a path relative to the manifest's folder")])
        try:
            resolved = (self.folder / candidate).resolve()
        except (RuntimeError, OSError):
            # A loop of symbolic links, or a name longer than the system allows.
            raise InvalidBundleError([Problem(where, "cannot be followed: a loop of links, or a name too long")]) from None
        if not resolved.is_relative_to(self.folder.resolve()):
            raise InvalidBundleError([Problem(where, "leads outside the manifest's folder, which is not allowed")])
        return resolved


def load_manifest(path: str | Path) -> LoadedManifest:
    """Read and validate a manifest file (``.yaml``, ``.yml`` or ``.json``)."""
    path = Path(path)
    raw = _read(path)
    tree = _parse_json(raw) if path.suffix.lower() == ".json" else _parse_yaml(raw)
    return LoadedManifest(manifest_from_data(tree), path.resolve().parent, path)


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
        raise InvalidBundleError([Problem("$", f"the manifest is larger than {MAX_MANIFEST_BYTES // 1024} kB; no bundle needs one so long")])
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

    text = _decode(raw)
    problem = _nesting_problem(text)
    if problem is not None:
        raise InvalidBundleError([problem])
    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_int=_small_int)
    except RecursionError:
        raise InvalidBundleError([Problem("$", "is nested too deeply to be a manifest")]) from None
    except json.JSONDecodeError as error:
        raise InvalidBundleError(
            [Problem("$", f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")]
        ) from None


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise InvalidBundleError([Problem("$", "holds a number too long to be a date, a page count or any other value")])
    return int(text)


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
            if not isinstance(key_node, yaml.ScalarNode):
                line = key_node.start_mark.line + 1
                raise InvalidBundleError([Problem("$", f"a key at line {line} is a list or mapping; keys are plain words")])
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


def _nesting_problem(text: str) -> Problem | None:
    """Brackets nested deeper than any manifest's, found before a parser
    recurses into them (strings are not told apart: a title with many
    brackets is no manifest either)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_MANIFEST_NESTING:
        return Problem("$", f"nests lists or mappings more than {MAX_MANIFEST_NESTING} deep; no manifest does")
    return None


def _parse_yaml(raw: bytes) -> Any:
    text = _decode(raw)
    problem = _nesting_problem(text)
    if problem is not None:
        raise InvalidBundleError([problem])
    try:
        return yaml.load(text, Loader=_ManifestLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = re.sub(r"\s+", " ", error.problem or "is malformed")
        raise InvalidBundleError([Problem("$", f"is not valid YAML: {problem}{where}")]) from None
    except yaml.YAMLError:
        raise InvalidBundleError([Problem("$", "is not valid YAML")]) from None
    except RecursionError:
        raise InvalidBundleError([Problem("$", "is nested too deeply to be a manifest")]) from None
    except ValueError:
        # Python refuses to read an integer of thousands of digits.
        raise InvalidBundleError([Problem("$", "holds a number too long to be a date, a page count or any other value")]) from None


Entry = PermdocsEntry | ExternalEntry
