"""``permdocs render`` over many cases: worker processes, a progress bar,
one summary of the cases that failed, and a record that lets an interrupted
batch carry on where it stopped (``--resume``)."""

from __future__ import annotations

import hashlib
import json
import signal
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from ..base.output import replace_file
from ..base.strict import StrictModel, field
from ..batch import CaseResult, render_many
from ..rendering.request import RenderRequest
from .common import EXIT_INPUT, EXIT_INTERNAL, plural

#: Where a batch notes which outputs each case gave, for --resume.
BATCH_RECORD = ".permdocs-batch.json"
#: The record is saved after every so many cases, and at the end.
RECORD_EVERY = 25


def render_batch(
    sources: list[Path], selection: RenderRequest, out_dir: str, *, force: bool, update: bool, resume: bool,
    jobs: int | None, quiet: bool,
) -> int:
    """Render every case, write each one's files as it finishes, and return
    the exit code: 0, or 2 when a case had problems of its own, 1 for a bug."""
    from ..base.output import write_files
    from ..errors import PermdocsError

    record = _BatchRecord(Path(out_dir), selection)
    if record.problem and (resume or update):
        click.echo(f"permdocs: warning: {record.problem}", err=True)
    todo = [source for source in sources if not (resume and record.complete(source))]
    if len(todo) < len(sources) and not quiet:
        click.echo(f"resuming: {plural(len(sources) - len(todo), 'case')} already complete, skipped", err=True)
    failed: list[tuple[str, int, str]] = []
    written_by: dict[str, str] = {}
    documents = warnings = 0
    stopped_by: list[int] = [int(signal.SIGINT)]
    try:
        # closing(): on an interruption the workers are shut down here, not whenever the generator is collected.
        with _progress(len(todo), quiet) as advance, _terminate_as_interrupt(stopped_by), \
                closing(render_many(todo, selection, jobs=jobs)) as results:
            for result in results:
                problem = _clash(result, written_by)
                if result.ok and problem is None:
                    try:
                        write_files(result.files, out_dir, force=force, update=update or resume)
                    except PermdocsError as error:
                        problem = (error.exit_code, error.command_line_message())
                if not result.ok:
                    problem = (result.exit_code, result.command_line_failure or "")
                if problem is None:
                    record.note(result.source, list(result.files))
                    written_by.update(dict.fromkeys(result.files, result.source))
                    documents += len(result.files)
                    warnings += result.errors + result.warnings
                else:
                    failed.append((result.source, *problem))
                for note in result.skipped if not quiet else ():
                    click.echo(f"{result.source}: skipped {note}", err=True)
                advance(len(result.files) if problem is None else 0)
                if len(record.cases) % RECORD_EVERY == 0:
                    record.save()  # so that even a killed batch resumes near where it stopped
    except KeyboardInterrupt:
        record.save()
        how = "stopped (SIGTERM)" if stopped_by[0] == signal.SIGTERM else "interrupted"
        click.echo(f"permdocs: {how}. Every case reported done is written whole, and no file is half-written; "
                   "run the same command with --resume to carry on.", err=True)
        return 128 + stopped_by[0]
    record.save()
    return _summary(len(todo), documents, warnings, failed, quiet)


@contextmanager
def _terminate_as_interrupt(stopped_by: list[int]) -> Iterator[None]:
    """SIGTERM (a case system stopping the batch, a service manager) ends the
    batch as Ctrl-C does: the cases in progress finish and are written, the
    record is saved for --resume, the workers end, and the exit code says
    which signal it was (143)."""
    def terminated(signum: int, frame: object) -> None:
        stopped_by[0] = signum
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread: leave signals to the caller
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _clash(result: CaseResult, written_by: dict[str, str]) -> tuple[int, str] | None:
    """Two case files with one case reference would write the same files."""
    for name in result.files:
        if name in written_by:
            return EXIT_INPUT, f"would write {name}, which {written_by[name]} wrote in this batch (two cases with one case reference?)"
    return None


def _summary(cases: int, documents: int, findings: int, failed: list[tuple[str, int, str]], quiet: bool) -> int:
    done = cases - len(failed)
    if not quiet or failed:
        line = f"rendered {plural(documents, 'document')} for {plural(done, 'case')}"
        if findings:
            line += f"; their checks found {plural(findings, 'thing')} to look at (run 'permdocs check' on a case)"
        click.echo(line, err=True)
    if not failed:
        return 0
    click.echo(f"{plural(len(failed), 'case')} failed, and nothing was written for them:", err=True)
    for source, _, message in sorted(failed):
        click.echo(f"  {source}:", err=True)
        for text in message.splitlines():
            click.echo(f"    {text}", err=True)
    return EXIT_INTERNAL if any(code == EXIT_INTERNAL for _, code, _ in failed) else EXIT_INPUT


@contextmanager
def _progress(total: int, quiet: bool) -> Iterator[Any]:
    """A progress bar on a terminal (cases done, documents written, their
    rate, the time left); nothing when quiet or when standard error is not a
    terminal. Yields a function to call once per case, with its documents."""
    from rich.console import Console

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield lambda _documents: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("Rendering"), BarColumn(), MofNCompleteColumn(), TextColumn("cases ·"),
        TextColumn("{task.fields[documents]} documents ·"), TextColumn("{task.fields[rate]} ·"),
        TimeElapsedColumn(), TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("cases", total=total, documents=0, rate="")
        counted = [0]

        def advance(documents: int) -> None:
            counted[0] += documents
            elapsed = progress.tasks[task].elapsed or 0
            rate = f"{counted[0] / elapsed:.1f} documents/s" if elapsed > 0 else ""
            progress.update(task, advance=1, documents=counted[0], rate=rate)

        yield advance


class _RecordedCase(StrictModel):
    selection: str = field("Selection", "The hash of the selection that rendered the case.", pattern=r"^[0-9a-f]{64}$")
    outputs: list[str] = field(
        "Outputs", "The files the case gave, by name, in the output folder itself.", min_length=1, max_length=10_000,
    )


class _RecordFile(StrictModel):
    cases: dict[str, _RecordedCase] = field("Cases", "Each case file's path and what it gave.", max_length=1_000_000)


#: A record larger than this is not one permdocs wrote; it is ignored, not read.
MAX_RECORD_BYTES = 64 * 1024 * 1024


class _BatchRecord:
    """Which outputs each case gave, for the selection that gave them: a case
    is complete when all of them are there and newer than its case file.

    The record is input like any other: read with the same strict models, and
    one that is damaged, tampered with or not a regular file is ignored (the
    batch then renders every case) with ``problem`` saying why."""

    def __init__(self, folder: Path, selection: RenderRequest):
        self.folder = folder
        self.selection = hashlib.sha256(json.dumps(asdict(selection), default=str, sort_keys=True).encode()).hexdigest()
        self.problem: str | None = None
        self.cases: dict[str, Any] = {}
        path = folder / BATCH_RECORD
        try:
            status = path.lstat()
        except OSError:
            return
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_RECORD_BYTES:
            self.problem = f"the batch record ({BATCH_RECORD}) was ignored: it is not a regular file, or too large"
            return
        try:
            loaded = _RecordFile.model_validate_json(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            self.problem = f"the batch record ({BATCH_RECORD}) was ignored: it is damaged or was changed by hand"
            return
        self.cases = {name: entry.model_dump() for name, entry in loaded.cases.items()}

    def complete(self, source: Path) -> bool:
        entry = self.cases.get(str(source.resolve()))
        if not isinstance(entry, dict) or entry.get("selection") != self.selection or not entry.get("outputs"):
            return False
        # Only files in the output folder itself: a record naming "../x" or "/etc/x" never makes a case complete.
        if not all(isinstance(name, str) and name == Path(name).name and name not in (".", "..") for name in entry["outputs"]):
            return False
        try:
            newest_input = source.stat().st_mtime
            return all((self.folder / name).stat().st_mtime >= newest_input for name in entry["outputs"])
        except OSError:
            return False

    def note(self, source: str, outputs: list[str]) -> None:
        self.cases[str(Path(source).resolve())] = {"selection": self.selection, "outputs": sorted(outputs)}

    def save(self) -> None:
        if not self.cases:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"cases": self.cases}, indent=1, sort_keys=True) + "\n"
        replace_file(self.folder / BATCH_RECORD, text.encode("utf-8"))
