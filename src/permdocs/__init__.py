"""permdocs: permanence-planning documents from one validated case file.

The public API is small on purpose::

    import permdocs

    case = permdocs.load_case("samples/baby-in-proceedings.json")  # or bytes, or a dict
    pdf = permdocs.render(case, "care-plan-permanence", "pdf")       # bytes
    permdocs.write(case, "care-plan-permanence", ["docx", "pdf"], "out/")

Every error permdocs raises on purpose is a :class:`PermdocsError`;
:class:`InvalidCaseError` lists the problems in a case by JSON path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .case import Case, load_case
from .documents import DOCUMENTS
from .errors import (
    InvalidCaseError,
    OutputExistsError,
    PermdocsError,
    Problem,
    TemplateProblemError,
    UnknownDocumentError,
    UnknownFormatError,
)
from .output import render_all, write_files
from .writers import FORMATS

__version__ = "0.1.0"

__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "Case",
    "InvalidCaseError",
    "OutputExistsError",
    "PermdocsError",
    "Problem",
    "TemplateProblemError",
    "UnknownDocumentError",
    "UnknownFormatError",
    "load_case",
    "render",
    "write",
]


def render(case: Case, document: str, fmt: str) -> bytes:
    """Render one document for a validated case in one format (``docx``, ``html`` or ``pdf``)."""
    (data,) = render_all(case, document, [fmt]).values()
    return data


def write(
    case: Case,
    document: str,
    formats: Iterable[str],
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
) -> list[Path]:
    """Render a document in each format and write the files into ``out_dir``.

    Nothing is written unless every format renders; existing files are left
    alone (``OutputExistsError``) unless ``force`` is true.
    """
    return write_files(render_all(case, document, formats), out_dir, force=force)
