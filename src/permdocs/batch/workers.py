"""Many cases over worker processes, or over any Executor: results are
yielded as they finish, a worker that dies names its case, and workers end
with their parent."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..rendering.request import RenderRequest
from .case_files import gather_case_files
from .one_case import CaseResult, CaseSource, name_of_source, render_case

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Executor, Future


def render_many(
    sources: "str | os.PathLike[str] | Iterable[CaseSource]",
    request: RenderRequest,
    *,
    jobs: int | None = None,
    executor: "Executor | None" = None,
) -> Generator[CaseResult, None, None]:
    """Render every case file for a request, yielding each result as it finishes.

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
        yield from _as_they_finish(executor, cases, request)
        return
    workers = min(jobs or os.cpu_count() or 1, len(cases))

    if workers <= 1:
        for case in cases:
            yield render_case(case, request)
        return
    yield from _in_worker_processes(cases, request, workers)


def _in_worker_processes(cases: list[Any], request: RenderRequest, workers: int) -> Iterator[CaseResult]:
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
            for results in _as_they_finish(pool, work, request, render_numbered_cases):
                for index, result in results:
                    done.add(index)
                    yield result
            return
        except BrokenProcessPool:
            lost = _cases_in_progress(board) - done
        finally:
            # Stopped early (Ctrl-C, SIGTERM): each worker ends after the case in
            # hand instead of its whole share, and shares already queued are skipped.
            Path(board, _STOP).touch()
            _stop(pool)
    for index in sorted(lost):
        done.add(index)
        stopped = "the worker process rendering this case stopped (it was killed, or ran out of memory)"
        yield CaseResult(name_of_source(cases[index]), failure=stopped, command_line_failure=stopped, exit_code=2)
    for index in range(len(cases)):
        if index not in done:
            yield render_case(cases[index], request)


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


def render_cases(sources: Sequence[str], request: RenderRequest) -> list[CaseResult]:
    """Several cases, one after another: a worker's share of a batch."""
    return [render_case(source, request) for source in sources]


#: Where each worker notes the case it is rendering (set in the worker by _serve_the_batch).
_BOARD: list[str] = []
#: The note on the board that tells workers to take no further case.
_STOP = "stop"


def render_numbered_cases(numbered: Sequence[tuple[int, Any]], request: RenderRequest) -> list[tuple[int, CaseResult]]:
    """A worker's share of a batch, each case with its place in the batch;
    before each case the worker notes its place on the batch's board, so
    that if the worker dies the batch knows which case it was on."""
    results = []
    for index, source in numbered:
        if _BOARD and Path(_BOARD[0], _STOP).exists():
            break  # the batch is stopping: the cases not rendered stay for --resume
        if _BOARD:
            Path(_BOARD[0], str(os.getpid())).write_text(str(index), encoding="ascii")
        results.append((index, render_case(source, request)))
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


def _as_they_finish(executor: "Executor", work: Sequence[Any], request: RenderRequest, task: Any = None) -> Iterator[Any]:
    from concurrent.futures import as_completed

    futures: list["Future[Any]"] = [executor.submit(task or render_case, item, request) for item in work]
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
