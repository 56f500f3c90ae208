"""One case of a batch: :func:`render_case` renders one case for a
:class:`~permdocs.RenderRequest` (the same request a single render takes)
and reports a problem with that case in its :class:`CaseResult` instead of
raising."""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PermdocsError
from ..rendering.request import RenderRequest

if TYPE_CHECKING:
    pass


#: The name a batch's request had before one request type served single
#: renders and batches alike; kept so that code written for it still runs.
Selection = RenderRequest


@dataclass(frozen=True)
class CaseResult:
    """What became of one case: its files (name -> bytes), or why it failed.

    Messages are kept as text, in the library's words and the command
    line's, and never quote the case's contents (see permdocs.errors).
    """

    source: str
    files: dict[str, bytes] = field(default_factory=dict)
    #: Documents or files left out, with the reason (a case without a later-life letter, say).
    skipped: tuple[str, ...] = ()
    errors: int = 0
    warnings: int = 0
    #: Why the case failed, or None; exit_code is 2 for the case's own
    #: problems, 1 for a bug in permdocs.
    failure: str | None = None
    command_line_failure: str | None = None
    exit_code: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failure is None


def render_case(source: "CaseSource", request: RenderRequest) -> CaseResult:
    """Render one case for a request: a case file's path, its parsed JSON
    data, or a loaded case. A problem with the case is returned in the
    result, never raised."""
    from ..case import Case, load_case
    from ..rendering.pipeline import render_outputs

    started = time.perf_counter()
    name = name_of_source(source)
    try:
        case = source if isinstance(source, Case) else load_case(source if isinstance(source, Mapping) else Path(source))
        rendered = render_outputs(case, request)
        errors = sum(1 for finding in rendered.findings if finding.severity == "error")
        return CaseResult(
            name, dict(rendered), rendered.skipped, errors, len(rendered.findings) - errors,
            seconds=time.perf_counter() - started,
        )
    except PermdocsError as error:
        return CaseResult(name, failure=str(error), command_line_failure=error.command_line_message(),
                          exit_code=error.exit_code, seconds=time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - one case's bug must not stop the batch
        # Only the type and code locations: the message could quote the case.
        frames = traceback.extract_tb(error.__traceback__)[-4:]
        where = "; ".join(f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" for frame in frames)
        message = f"internal error ({type(error).__name__} at {where}); this is a bug in permdocs, not in the case"
        return CaseResult(name, failure=message, command_line_failure=message, exit_code=1,
                          seconds=time.perf_counter() - started)


#: What a batch takes for each case: a case file's path, its parsed JSON data, or a loaded case.
CaseSource = "str | os.PathLike[str] | Mapping[str, Any] | Case"


def name_of_source(source: Any) -> str:
    """How a result names its case: the file, or the case's own reference."""
    if isinstance(source, str | os.PathLike):
        return str(source)
    child = getattr(source, "child", None) or (source.get("child") if isinstance(source, Mapping) else None)
    reference = getattr(child, "case_reference", None) or (child.get("case_reference") if isinstance(child, Mapping) else None)
    return f"case {reference}" if isinstance(reference, str) and len(reference) <= 40 else "case data"
