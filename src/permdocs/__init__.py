"""permdocs: permanence-planning documents from one validated case file.

The public API is small on purpose::

    import permdocs

    case = permdocs.load_case(Path("case.json"))   # or JSON text, bytes, or a dict
    findings = permdocs.check(case)                  # practice checks
    pdf = permdocs.render(case, "care-plan-permanence", "pdf")       # bytes
    files = permdocs.render_outputs(case, permdocs.RenderRequest("options-analysis"))  # name -> bytes
    permdocs.write(case, "care-plan-permanence", ["docx", "pdf"], "out/", update=True)

The README's "Using the library" shows more; its examples run as tests.
Every error permdocs raises on purpose is a :class:`PermdocsError`;
:class:`InvalidCaseError` lists the problems in a case by JSON path, and
:class:`ArgumentTypeError` (also a ``TypeError``) says when a function was
given the wrong kind of argument.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name, and the module it comes from. They are imported on first
#: use (PEP 562), so that ``import permdocs`` and ``permdocs --help`` load no
#: models, templates or writers.
_EXPORTS = {
    "CaseResult": "batch",
    "Selection": "batch",
    "render_many": "batch",
    "Case": "case",
    "load_case": "case",
    "Finding": "checks",
    "PolicySettings": "checks",
    "Severity": "checks",
    "DOCUMENTS": "documents",
    "ArgumentTypeError": "errors",
    "InvalidCaseError": "errors",
    "InvalidProfileError": "errors",
    "OutputExistsError": "errors",
    "PermdocsError": "errors",
    "Problem": "errors",
    "TemplateProblemError": "errors",
    "UnknownDocumentError": "errors",
    "UnknownFormatError": "errors",
    "UnresolvedFindingsError": "errors",
    "BlockedResourceError": "errors",
    "DrawingError": "errors",
    "DocumentNotApplicableError": "errors",
    "InvalidBundleError": "errors",
    "OutputFolderError": "errors",
    "UnknownArrangementError": "errors",
    "UnknownOptionError": "errors",
    "UnknownAudienceError": "errors",
    "UnknownPartError": "errors",
    "UnknownRouteError": "errors",
    "json_schema": "api",
    "build_bundle": "api",
    "Bundle": "bundle",
    "LoadedProfile": "profiles",
    "load_profile": "profiles",
    "RenderRequest": "rendering.request",
    "FORMATS": "writers",
    "check": "api",
    "render": "api",
    "render_outputs": "api",
    "render_files": "api",
    "RenderedFile": "rendering.pipeline",
    "write": "api",
}

__all__ = [
    "ArgumentTypeError",
    "BlockedResourceError",
    "Bundle",
    "Case",
    "CaseResult",
    "DOCUMENTS",
    "DocumentNotApplicableError",
    "DrawingError",
    "FORMATS",
    "Finding",
    "InvalidBundleError",
    "InvalidCaseError",
    "InvalidProfileError",
    "LoadedProfile",
    "OutputExistsError",
    "OutputFolderError",
    "PermdocsError",
    "PolicySettings",
    "Problem",
    "RenderRequest",
    "RenderedFile",
    "Selection",
    "Severity",
    "TemplateProblemError",
    "UnknownArrangementError",
    "UnknownAudienceError",
    "UnknownDocumentError",
    "UnknownFormatError",
    "UnknownOptionError",
    "UnknownPartError",
    "UnknownRouteError",
    "UnresolvedFindingsError",
    "build_bundle",
    "check",
    "json_schema",
    "load_case",
    "load_profile",
    "render",
    "render_many",
    "render_files",
    "render_outputs",
    "write",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'permdocs' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:
    from .api import build_bundle, check, json_schema, render, render_files, render_outputs, write
    from .batch import CaseResult, Selection, render_many
    from .bundle import Bundle
    from .case import Case, load_case
    from .checks import Finding, PolicySettings, Severity
    from .documents import DOCUMENTS
    from .errors import (
        ArgumentTypeError,
        BlockedResourceError,
        DocumentNotApplicableError,
        DrawingError,
        InvalidBundleError,
        InvalidCaseError,
        InvalidProfileError,
        OutputExistsError,
        OutputFolderError,
        PermdocsError,
        Problem,
        TemplateProblemError,
        UnknownArrangementError,
        UnknownAudienceError,
        UnknownDocumentError,
        UnknownFormatError,
        UnknownOptionError,
        UnknownPartError,
        UnknownRouteError,
        UnresolvedFindingsError,
    )
    from .profiles import LoadedProfile, load_profile
    from .rendering.pipeline import RenderedFile
    from .rendering.request import RenderRequest
    from .writers import FORMATS
