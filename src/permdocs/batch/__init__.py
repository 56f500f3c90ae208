"""Many cases at once: a council's caseload rendered before panels and reviews.

A :class:`~permdocs.RenderRequest`, the same request a single render
takes, says what to render for every case (documents, audiences, formats,
options) before any case is read; :func:`render_case` renders one case for it and never raises for a problem with that case,
so one bad case cannot stop a batch; :func:`render_many` spreads the cases
over worker processes and yields each case's result as it finishes.

Each worker keeps its compiled templates and loaded profiles for the whole
batch (the writers cache them per process), so a document costs only its
filling. A case's files travel back as bytes, and are written by the caller,
all or nothing per case.

``render_many`` takes any :class:`concurrent.futures.Executor` instead of
its own process pool: a ``dask.distributed.Client``, or an adapter for
Celery or Ray, spreads the same work over several machines (README, "At
scale").
"""

from .case_files import case_files, gather_case_files
from .one_case import CaseResult, Selection, render_case
from .workers import render_many

__all__ = ["CaseResult", "Selection", "case_files", "gather_case_files", "render_case", "render_many"]
