"""The library's functions: check, render, render_outputs, write and build_bundle.

They live here, not in ``permdocs/__init__.py``, so that importing
``permdocs`` (and so ``permdocs --help``) stays instant: the package's names
are loaded on first use.
"""


from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base.output import write_files
from .case import Case
from .checks import Finding
from .errors import (
    ArgumentTypeError,
)
from .profiles import LoadedProfile, resolve_profile
from .rendering.pipeline import RenderedFile, RenderedOutputs, findings_for
from .rendering.pipeline import render_files as _render_files
from .rendering.pipeline import render_outputs as _render_outputs
from .rendering.request import RenderRequest, as_of_date

if TYPE_CHECKING:
    from .bundle import Bundle

ProfileChoice = str | os.PathLike[str] | LoadedProfile | None


def _a_case(case: object, function: str) -> Case:
    """The case, or a clear error when a dict, text or path was passed instead."""
    if not isinstance(case, Case):
        raise ArgumentTypeError(
            f"{function}() takes a case loaded by permdocs.load_case(), not {type(case).__name__}: "
            "pass the path, JSON text, bytes or dict to permdocs.load_case() first"
        )
    return case


def check(case: Case, *, profile: ProfileChoice = None, as_of: date | None = None) -> list[Finding]:
    """The practice checks' findings for a case, errors first, using the
    profile's policy settings (``profile=``: a shipped profile's name, a
    path or a loaded profile; by default the case's own, else ``default``)."""
    case = _a_case(case, "check")
    as_of = as_of_date(as_of, "check()'s as_of")
    resolved = resolve_profile(profile, case.profile)
    return findings_for(case, resolved, as_of or case.prepared_on)


def render_files(case: Case, request: RenderRequest, *, skipped: list[str] | None = None) -> list[RenderedFile]:
    """Every file a render request makes, in memory, as :func:`render_outputs`
    makes them, each a :class:`RenderedFile` with its name, document,
    audience, format, media type and bytes: what a case system files it under."""
    case = _a_case(case, "render_files")
    if not isinstance(request, RenderRequest):
        raise ArgumentTypeError(f"render_files() takes a permdocs.RenderRequest, not {type(request).__name__}")
    return _render_files(case, request, skipped=skipped)


def render_outputs(case: Case, request: RenderRequest, *, skipped: list[str] | None = None) -> RenderedOutputs:
    """Every file a render request makes, in memory: file name -> bytes.

    For case systems that store documents themselves: nothing touches the
    disk. A request names one document or several (``"all"``), one
    audience's copy or ``"all"``, and the formats; a document made per
    family-time arrangement makes every arrangement (or the one its options
    name). The result is a dict of file name -> bytes that also carries
    ``files`` (each file's document, audience, format and media type),
    ``skipped`` (what was left out, and why) and ``findings`` (the checks'
    findings, so there is no need to run them again). Raises
    UnresolvedFindingsError while the checks find errors, unless the
    request is a draft. A request for one copy raises UnknownFormatError
    for a file its output cannot be made in (the calendar of a family-time
    arrangement without a schedule); given a ``skipped`` list, or asked for
    several copies, it is left out and the reason added to ``skipped``.
    """
    case = _a_case(case, "render_outputs")
    if not isinstance(request, RenderRequest):
        raise ArgumentTypeError(
            f"render_outputs() takes a permdocs.RenderRequest, not {type(request).__name__}: "
            "for example RenderRequest('care-plan-permanence', formats=('docx', 'pdf'))"
        )
    return _render_outputs(case, request, skipped=skipped)


def render(
    case: Case,
    document: str,
    fmt: str,
    *,
    audience: str | None = None,
    draft: bool = False,
    profile: ProfileChoice = None,
    as_of: date | None = None,
    part: str | None = None,
    options: Mapping[str, str | bool] | None = None,
) -> bytes:
    """Render one document for a validated case in one format (``docx``, ``html`` or ``pdf``).

    ``audience`` picks whose copy (see ``permdocs docs``; default: the
    document's first audience). ``profile`` is a shipped profile's name, a
    path, or a loaded profile; by default the one the case names, else
    ``default``. Raises UnresolvedFindingsError while the checks find errors,
    unless ``draft`` is true (the document is then marked DRAFT throughout).
    ``options`` are the document's own (see ``permdocs docs``): a document
    made once per family-time arrangement needs ``{"arrangement": ID}``
    where the case has more than one.
    """
    case = _a_case(case, "render")
    if not isinstance(fmt, str) or "," in fmt:
        raise ArgumentTypeError(
            "render() makes one format, named as a string such as 'pdf'; for several, use write() or render_outputs()"
        )
    request = RenderRequest(document, (fmt,), audience, profile, draft, as_of, part, options)
    outputs = _render_outputs(case, request)
    if len(outputs) != 1:
        raise ArgumentTypeError(
            f"This request makes {len(outputs)} files (one per family-time arrangement); pick one with "
            "options={'arrangement': ID}, or use render_outputs() to get them all."
        )
    return next(iter(outputs.values()))


def write(
    case: Case,
    document: str | RenderRequest,
    formats: Iterable[str] | str = ("docx", "html", "pdf"),
    out_dir: str | os.PathLike[str] = "out",
    *,
    force: bool = False,
    update: bool = False,
    audience: str | None = None,
    draft: bool = False,
    profile: ProfileChoice = None,
    as_of: date | None = None,
    options: Mapping[str, str | bool] | None = None,
) -> list[Path]:
    """Render a document in each format and write the files into ``out_dir``.

    ``document`` is a document name or a whole :class:`RenderRequest` (then
    ``formats`` and the keyword options are taken from it); ``formats`` is a
    list, one name, or a comma-separated string (``"docx,pdf"``). Nothing is
    written unless every file renders. Existing files are left alone
    (``OutputExistsError``) unless ``update`` is true and permdocs wrote them
    and nobody has changed them since, or ``force`` is true.
    """
    case = _a_case(case, "write")
    if isinstance(document, RenderRequest):
        request = document
    else:
        chosen = tuple(formats.split(",")) if isinstance(formats, str) else tuple(formats)
        request = RenderRequest(document, chosen, audience, profile, draft, as_of, options=options)
    return write_files(_render_outputs(case, request), out_dir, force=force, update=update)


def build_bundle(
    manifest: "str | os.PathLike[str] | Mapping[str, Any]",
    *,
    cases: Mapping[str, Case | Mapping[str, Any]] | None = None,
    files: Mapping[str, bytes] | None = None,
    numbering: str = "section",
    ocr: bool = False,
) -> "Bundle":
    """A court bundle, in memory: ``bundle.pdf`` holds its bytes,
    ``bundle.warnings`` what the legal team should know (PD27A's page limit,
    Section A's documents, dates that disagree with the case, type under
    12 pt).

    ``manifest`` is a manifest file (YAML or JSON) or its parsed data.
    ``cases`` (loaded cases or parsed case data) and ``files`` (PDF bytes)
    give entries' cases and PDFs by the names the manifest uses, for a case
    system that holds them in memory; a manifest given as data has no
    folder, so every name it uses must be given so. ``numbering`` is
    ``"section"`` (A1, B1...) or ``"continuous"``. Raises InvalidBundleError,
    naming each manifest entry by JSON path, for anything that stops it.
    """
    from .bundle import build_bundle as _build_bundle
    from .bundle import load_manifest

    if numbering not in ("section", "continuous"):
        raise ArgumentTypeError(f"build_bundle()'s numbering is 'section' or 'continuous', not {numbering!r}")
    for what, given in (("cases", cases), ("files", files)):
        if given is not None and not (isinstance(given, Mapping) and all(isinstance(name, str) for name in given)):
            raise ArgumentTypeError(f"build_bundle()'s {what} are a mapping of the names the manifest uses to their contents")
    if not isinstance(manifest, str | os.PathLike | Mapping):
        raise ArgumentTypeError(f"build_bundle() takes a manifest file's path or its parsed data, not {type(manifest).__name__}")
    loaded = load_manifest(manifest, cases=cases, files=files)
    return _build_bundle(loaded, numbering=numbering, ocr=ocr)  # type: ignore[arg-type]


def json_schema(kind: str = "case") -> dict[str, Any]:
    """A published JSON Schema as data, to validate or describe files in a
    case system: ``case`` (a case file), ``profile``, ``routes`` (the
    knowledge base) or ``bundle`` (a bundle manifest). The same text as
    ``schemas/*.schema.json`` and ``permdocs schema --of KIND``."""
    from .describe.schemas import SCHEMA_NAMES, schema_text

    if kind not in SCHEMA_NAMES:
        raise ArgumentTypeError(f"json_schema() takes the name of a published schema: one of {', '.join(SCHEMA_NAMES)}")
    return dict(json.loads(schema_text(kind)))
