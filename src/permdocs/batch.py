"""Many cases at once: a council's caseload rendered before panels and reviews.

A :class:`Selection` says what to render for every case (documents,
audiences, formats, options) before any case is read; :func:`render_case`
renders one case file for it and never raises for a problem with that case,
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

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import time
import traceback
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PermdocsError
from .request import RenderRequest

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Executor, Future

    from .case import Case


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
        from .documents import resolve_documents

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
    from .case import Case, load_case
    from .pipeline import findings_for, render_outputs
    from .profiles import resolve_profile

    started = time.perf_counter()
    name = _name_of(source)
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


def _name_of(source: Any) -> str:
    """How a result names its case: the file, or the case's own reference."""
    if isinstance(source, str | os.PathLike):
        return str(source)
    child = getattr(source, "child", None) or (source.get("child") if isinstance(source, Mapping) else None)
    reference = getattr(child, "case_reference", None) or (child.get("case_reference") if isinstance(child, Mapping) else None)
    return f"case {reference}" if isinstance(reference, str) and len(reference) <= 40 else "case data"


def render_many(
    sources: "str | os.PathLike[str] | Iterable[CaseSource]",
    selection: Selection,
    *,
    jobs: int | None = None,
    executor: "Executor | None" = None,
) -> Generator[CaseResult, None, None]:
    """Render every case file for a selection, yielding each result as it finishes.

    ``jobs`` worker processes (default: the number of cores) share the work;
    with one job, or one case, everything runs in this process. Given an
    ``executor`` (any :class:`concurrent.futures.Executor`), the cases are
    submitted to it instead, unchanged: this is how a distributed engine
    takes the work. Closing the iterator early (or Ctrl-C) cancels the
    cases not yet started.

    ``sources`` is one folder or case file (a str or a Path), or any number
    of case files, parsed JSON data (dicts) and loaded cases, in any mix.
    An entry of a folder that is not a case file (a pipe, a loop of links, a
    folder named ``*.json``) is yielded first, as a failed result saying so.
    """
    if isinstance(sources, str | os.PathLike):
        sources, passed_over = gather_case_files([sources])
        for entry, reason in passed_over:
            yield CaseResult(str(entry), failure=reason, command_line_failure=reason, exit_code=2)
    cases = [str(source) if isinstance(source, str | os.PathLike) else source for source in sources]
    if executor is not None:
        yield from _as_they_finish(executor, cases, selection)
        return
    workers = min(jobs or os.cpu_count() or 1, len(cases))

    if workers <= 1:
        for case in cases:
            yield render_case(case, selection)
        return
    yield from _in_worker_processes(cases, selection, workers)


def _in_worker_processes(cases: list[Any], selection: Selection, workers: int) -> Iterator[CaseResult]:
    """The cases over worker processes. A worker that dies (killed, or out of
    memory) names the case it was rendering, which is reported as failed;
    the cases no worker finished are then rendered in this process, one after
    another, and the batch carries on. (No second pool: forking again beside
    a broken pool's threads risks a child that inherits a held lock.)"""
    import tempfile
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: set[int] = set()
    with tempfile.TemporaryDirectory(prefix="permdocs-batch-") as board:
        # Cases travel to the workers a few at a time: one small case takes a few
        # hundredths of a second, about what sending it alone would cost.
        size = max(1, min(MAX_CASES_PER_TASK, len(cases) // (workers * 4)))
        work = [[(index, cases[index]) for index in range(start, min(start + size, len(cases)))]
                for start in range(0, len(cases), size)]
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_start_method(), initializer=_serve_the_batch, initargs=(os.getpid(), board),
        )
        try:
            for results in _as_they_finish(pool, work, selection, render_numbered_cases):
                for index, result in results:
                    done.add(index)
                    yield result
            return
        except BrokenProcessPool:
            lost = _cases_in_progress(board) - done
        finally:
            _stop(pool)
    for index in sorted(lost):
        done.add(index)
        stopped = "the worker process rendering this case stopped (it was killed, or ran out of memory)"
        yield CaseResult(_name_of(cases[index]), failure=stopped, command_line_failure=stopped, exit_code=2)
    for index in range(len(cases)):
        if index not in done:
            yield render_case(cases[index], selection)


def _stop(pool: Any) -> None:
    """Shut a pool down; a broken one's workers are killed first, since a
    worker that died may have left a queue's lock held, which would block the
    others, and the shutdown with them."""
    if getattr(pool, "_broken", False):
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


#: The most cases a worker is sent at once (a batch's progress moves by at most this).
MAX_CASES_PER_TASK = 8


def render_cases(sources: Sequence[str], selection: Selection) -> list[CaseResult]:
    """Several cases, one after another: a worker's share of a batch."""
    return [render_case(source, selection) for source in sources]


#: Where each worker notes the case it is rendering (set in the worker by _serve_the_batch).
_BOARD: list[str] = []


def render_numbered_cases(numbered: Sequence[tuple[int, Any]], selection: Selection) -> list[tuple[int, CaseResult]]:
    """A worker's share of a batch, each case with its place in the batch;
    before each case the worker notes its place on the batch's board, so
    that if the worker dies the batch knows which case it was on."""
    results = []
    for index, source in numbered:
        if _BOARD:
            Path(_BOARD[0], str(os.getpid())).write_text(str(index), encoding="ascii")
        results.append((index, render_case(source, selection)))
    return results


def _cases_in_progress(board: str) -> set[int]:
    """The cases that workers noted and did not finish: those of dead workers
    (a live worker's note is for a case it will report)."""
    found = set()
    for note in Path(board).iterdir():
        try:
            os.kill(int(note.name), 0)
            continue  # still alive
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue
        try:
            found.add(int(note.read_text(encoding="ascii")))
        except (OSError, ValueError):
            continue
    return found


def _serve_the_batch(parent: int, board: str) -> None:
    """A worker's set-up: Ctrl-C is the caller's to handle (it reaches the
    whole process group; the caller lets the cases in progress finish, so no
    worker dies mid-case), and the worker ends when the batch's process ends,
    however it ends, so that nothing is left holding a caller's pipes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the caller's SIGTERM handler (the command line
    # turns SIGTERM into Ctrl-C); the pool ends its workers with SIGTERM, which must end them.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _BOARD[:] = [board]
    _end_with_parent(parent)


def _end_with_parent(parent: int) -> None:
    try:  # Linux: the kernel ends this process when its parent dies.
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    import threading

    def watch() -> None:
        # Elsewhere (and in case the parent died before prctl took effect): look every half second.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="permdocs-parent-watch", daemon=True).start()


def _as_they_finish(executor: "Executor", work: Sequence[Any], selection: Selection, task: Any = None) -> Iterator[Any]:
    from concurrent.futures import as_completed

    futures: list["Future[Any]"] = [executor.submit(task or render_case, item, selection) for item in work]
    try:
        for future in as_completed(futures):
            yield future.result()
    finally:
        # An early stop (the caller broke off, or Ctrl-C): the rest is not started.
        for future in futures:
            future.cancel()


def _start_method() -> "multiprocessing.context.BaseContext":
    import multiprocessing

    # Forked workers start at once with the modules already imported;
    # where fork is not offered (Windows, macOS by default), spawn.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def case_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The case files named: files as given, and every ``*.json`` file in a
    folder named (not its subfolders, nor the ``*.schema.json`` files that
    editors read beside the cases), in name order."""
    return gather_case_files(paths)[0]


def gather_case_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The case files named (as ``case_files``), and each ``*.json`` entry of
    a folder that is not one, with the reason: a batch lists them rather than
    passing over them in silence."""
    found: list[Path] = []
    passed_over: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        for entry in sorted(path.glob("*.json")):
            if entry.name.endswith(".schema.json"):
                continue
            reason = _not_a_case_file(entry)
            if reason is None:
                found.append(entry)
            else:
                passed_over.append((entry, reason))
    return found, passed_over


def _not_a_case_file(entry: Path) -> str | None:
    try:
        mode = entry.stat().st_mode
    except FileNotFoundError:
        return "a link to nothing (its target is missing)"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a loop of links"
        return f"cannot be read ({error.strerror or type(error).__name__})"
    if stat.S_ISDIR(mode):
        return "a folder, not a case file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe or a device?)"
    return None
