"""permdocs: permanence-planning documents from one validated case file.

The public API is small on purpose::

    import permdocs

    case = permdocs.load_case("samples/baby-in-proceedings.json")  # or bytes, or a dict
    findings = permdocs.check(case)                                  # practice checks
    pdf = permdocs.render(case, "care-plan-permanence", "pdf")       # bytes
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
from .output import render_all, write_files
from .profiles import LoadedProfile, load_profile, resolve_profile
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
    "write",
]


ProfileChoice = str | os.PathLike[str] | LoadedProfile | None


def check(case: Case, *, profile: ProfileChoice = None, as_of: date | None = None) -> list[Finding]:
    """The practice checks' findings for a case, errors first, using the
    profile's policy settings (the case's own profile, or the default)."""
    return run_checks(case, resolve_profile(profile, case.profile).settings, as_of)


def render(case: Case, document: str, fmt: str, *, draft: bool = False, profile: ProfileChoice = None) -> bytes:
    """Render one document for a validated case in one format (``docx``, ``html`` or ``pdf``).

    ``profile`` is a shipped profile's name, a path, or a loaded profile; by
    default the one the case names, else ``default``. Raises
    UnresolvedFindingsError while the checks find errors, unless ``draft``
    is true (the document is then marked DRAFT throughout).
    """
    (data,) = render_all(case, document, [fmt], draft=draft, profile=resolve_profile(profile, case.profile)).values()
    return data


def write(
    case: Case,
    document: str,
    formats: Iterable[str],
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    draft: bool = False,
    profile: ProfileChoice = None,
) -> list[Path]:
    """Render a document in each format and write the files into ``out_dir``.

    Nothing is written unless every format renders; existing files are left
    alone (``OutputExistsError``) unless ``force`` is true.
    """
    chosen = resolve_profile(profile, case.profile)
    return write_files(render_all(case, document, formats, draft=draft, profile=chosen), out_dir, force=force)
