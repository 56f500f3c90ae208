"""permdocs: permanence-planning documents from one validated case file.

The public API is small on purpose::

    import permdocs

    case = permdocs.load_case("samples/baby-in-proceedings.json")  # or bytes, or a dict
    findings = permdocs.check(case)                                  # practice checks
    pdf = permdocs.render(case, "care-plan-permanence", "pdf")       # bytes
    family = permdocs.render(case, "care-plan-permanence", "pdf", audience="family")
    letters = permdocs.render(case, "family-time", "pdf", audience="birth-family", arrangement="letters-mother")
    files = permdocs.render_outputs(case, permdocs.RenderRequest("options-analysis"))  # name -> bytes
    permdocs.write(case, "care-plan-permanence", ["docx", "pdf"], "out/")

Every error permdocs raises on purpose is a :class:`PermdocsError`;
:class:`InvalidCaseError` lists the problems in a case by JSON path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .case import Case, load_case
from .checks import Finding, PolicySettings, Severity
from .checks import check as run_checks
from .documents import DOCUMENTS
from .errors import (
    InvalidCaseError,
    InvalidProfileError,
    OutputExistsError,
    PermdocsError,
    Problem,
    TemplateProblemError,
    UnknownDocumentError,
    UnknownFormatError,
    UnresolvedFindingsError,
)
from .output import write_files
from .pipeline import render_outputs as _render_outputs
from .profiles import LoadedProfile, load_profile, resolve_profile
from .request import RenderRequest
from .writers import FORMATS

__version__ = "0.1.0"

__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "Case",
    "Finding",
    "InvalidCaseError",
    "InvalidProfileError",
    "LoadedProfile",
    "OutputExistsError",
    "PermdocsError",
    "PolicySettings",
    "RenderRequest",
    "Problem",
    "Severity",
    "TemplateProblemError",
    "UnknownDocumentError",
    "UnknownFormatError",
    "UnresolvedFindingsError",
    "check",
    "load_case",
    "load_profile",
    "render",
    "render_outputs",
    "write",
]


ProfileChoice = str | os.PathLike[str] | LoadedProfile | None


def check(case: Case, *, profile: ProfileChoice = None, as_of: date | None = None) -> list[Finding]:
    """The practice checks' findings for a case, errors first, using the
    profile's policy settings (the case's own profile, or the default)."""
    resolved = resolve_profile(profile, case.profile)
    return run_checks(case, resolved.settings, as_of, council=resolved.profile.council.name)


def render_outputs(case: Case, request: RenderRequest) -> dict[str, bytes]:
    """Every file a render request makes, in memory: file name -> bytes.

    For case systems that store documents themselves: nothing touches the
    disk. Raises UnresolvedFindingsError while the checks find errors,
    unless the request is a draft.
    """
    return _render_outputs(case, request)


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
    arrangement: str | None = None,
) -> bytes:
    """Render one document for a validated case in one format (``docx``, ``html`` or ``pdf``).

    ``audience`` picks whose copy (see ``permdocs docs``; default: the
    document's first audience). ``profile`` is a shipped profile's name, a
    path, or a loaded profile; by default the one the case names, else
    ``default``. Raises UnresolvedFindingsError while the checks find errors,
    unless ``draft`` is true (the document is then marked DRAFT throughout).
    A document made once per family-time arrangement needs ``arrangement``
    (an arrangement's id) where the case has more than one.
    """
    request = RenderRequest(document, (fmt,), audience, profile, draft, as_of, part, arrangement=arrangement)
    outputs = _render_outputs(case, request)
    if len(outputs) != 1:
        raise PermdocsError(
            f"This request makes {len(outputs)} files; pass arrangement= to pick one, or use render_outputs() to get them all."
        )
    return next(iter(outputs.values()))


def write(
    case: Case,
    document: str | RenderRequest,
    formats: Iterable[str] | str = ("docx", "html", "pdf"),
    out_dir: str | os.PathLike[str] = "out",
    *,
    force: bool = False,
    audience: str | None = None,
    draft: bool = False,
    profile: ProfileChoice = None,
    as_of: date | None = None,
) -> list[Path]:
    """Render a document in each format and write the files into ``out_dir``.

    ``document`` is a document name or a whole :class:`RenderRequest` (then
    ``formats`` and the keyword options are taken from it). Nothing is
    written unless every file renders; existing files are left alone
    (``OutputExistsError``) unless ``force`` is true.
    """
    if isinstance(document, RenderRequest):
        request = document
    else:
        chosen = (formats,) if isinstance(formats, str) else tuple(formats)
        request = RenderRequest(document, chosen, audience, profile, draft, as_of)
    return write_files(_render_outputs(case, request), out_dir, force=force)
