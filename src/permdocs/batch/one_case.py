"""One case of a batch: what to render for every case (:class:`Selection`),
and :func:`render_case`, which renders one case for it and reports a
problem with that case in its :class:`CaseResult` instead of raising."""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PermdocsError
from ..rendering.request import RenderRequest

if TYPE_CHECKING:
    from ..case import Case


@dataclass(frozen=True)
class Selection:
    """What to render for each case: ``documents`` is a comma-separated list
    of document types or ``all`` (every document the case has what it needs
    for); ``audience`` one audience, ``all``, or None for each document's
    default; ``formats`` the formats wanted (each copy comes in those it
    offers when several documents or audiences are asked for). The rest is
    as in :class:`~permdocs.RenderRequest`; ``profile`` is a name or path."""

    documents: str
    formats: tuple[str, ...] | str = ("docx", "html", "pdf")
    audience: str | None = None
    profile: str | None = None
    draft: bool = False
    as_of: date | None = None
    part: str | None = None
    review: bool = False
    arrangement: str | None = None

    def __post_init__(self) -> None:
        formats = self.formats.split(",") if isinstance(self.formats, str) else self.formats
        object.__setattr__(self, "formats", tuple(name.strip().lower() for name in formats if name.strip()))

    def requests_for(self, case: "Case") -> tuple[list[RenderRequest], list[str]]:
        """The render requests this selection makes for a case, and a note for
        each document left out because the case lacks what it needs."""
        from ..documents import resolve_documents

        every_document = self.documents.strip().lower() == "all"
        every_audience = self.audience is not None and self.audience.strip().lower() == "all"
        chosen = resolve_documents(self.documents)
        several = len(chosen) > 1 or every_audience
        requests, skipped = [], []
        for document in chosen:
            if every_document and document.missing_from(case):
                # 'all' means every document this case has what it needs for.
                skipped.append(f"{document.name}: the case has no {', '.join(document.missing_from(case))}")
                continue
            for name in list(document.audiences) if every_audience else [self.audience]:
                wanted = self.formats
                if several:
                    # Several copies: each in the asked formats it comes in (a calendar only where there is one).
                    offered = document.formats_for(document.audience(name))
                    wanted = tuple(f for f in self.formats if f in offered)
                    if not wanted:
                        continue
                requests.append(RenderRequest(
                    document.name, wanted, name, self.profile, self.draft, self.as_of, self.part, self.review,
                    self.arrangement if document.per_arrangement else None,
                ))
        return requests, skipped

    @property
    def several(self) -> bool:
        """Whether more than one document or audience is asked for."""
        return "," in self.documents or self.documents.strip().lower() == "all" or (
            self.audience is not None and self.audience.strip().lower() == "all"
        )


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


def render_case(source: "CaseSource", selection: Selection) -> CaseResult:
    """Render one case for a selection: a case file's path, its parsed JSON
    data, or a loaded case. A problem with the case is returned in the
    result, never raised."""
    from ..case import Case, load_case
    from ..profiles import resolve_profile
    from ..rendering.pipeline import findings_for, render_outputs

    started = time.perf_counter()
    name = name_of_source(source)
    try:
        case = source if isinstance(source, Case) else load_case(source if isinstance(source, Mapping) else Path(source))
        requests, skipped = selection.requests_for(case)
        files: dict[str, bytes] = {}
        for request in requests:
            files.update(render_outputs(case, request, skipped=skipped if selection.several else None))
        profile = resolve_profile(selection.profile, case.profile)
        findings = findings_for(case, profile, selection.as_of or case.prepared_on)
        errors = sum(1 for finding in findings if finding.severity == "error")
        return CaseResult(name, files, tuple(skipped), errors, len(findings) - errors, seconds=time.perf_counter() - started)
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
