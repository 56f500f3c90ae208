"""What every command shares: turning errors into messages and exit codes,
the date and name options, and the status line shown while work runs."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INTERNAL = 1
EXIT_INPUT = 2
#: 'check' and 'templates check' found errors to fix: the input is readable,
#: and what it says needs work. Never 1, which is kept for permdocs' own bugs.
EXIT_FINDINGS = 3

PROFILE_HELP = (
    "Council profile: a shipped name (default, devon-style, essex-style) or a path to a profile. "
    "Defaults to the profile the case names (a shipped one, or one in the folder PERMDOCS_PROFILES_DIR names), "
    "else 'default'."
)


def reports_errors(command: F) -> F:
    """Turn permdocs errors into messages (in the command line's words:
    ``--force``, not ``force=True``) and exit codes, and anything else into
    a bug report that names code locations but never case values."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..errors import PermdocsError

        try:
            return command(*args, **kwargs)
        except PermdocsError as error:
            click.echo(f"permdocs: {error.command_line_message()}", err=True)
            sys.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except click.exceptions.Abort:
            # Click's word for Ctrl-C or the end of input at a question: the
            # user stopped, which is not a bug (click itself would exit 1).
            click.echo("permdocs: stopped before the end; no file was written.", err=True)
            sys.exit(130)
        except KeyboardInterrupt:
            click.echo("permdocs: interrupted; no file was written or left half-written.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`| head`): nothing is wrong, and nothing more to say.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            report_bug(error)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def report_bug(error: Exception) -> None:
    # The exception's message could quote case data, so only its type and
    # the code locations are printed.
    frames = traceback.extract_tb(error.__traceback__)
    where = "\n".join(f"  {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}" for frame in frames[-6:])
    click.echo(
        "permdocs: internal error. This is a bug in permdocs, not a problem with your case.\n"
        f"Please report it with these details (they contain no case data):\n  {type(error).__name__}\n{where}",
        err=True,
    )


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2; permdocs takes 8.1 too
    """A date written YYYY-MM-DD. Anything else is refused in plain words,
    with the ISO form of a day/month/year date (the British order) offered."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                self.fail("there is no such day; write a real date as YYYY-MM-DD", param, ctx)
        british = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if british:
            with contextlib.suppress(ValueError):
                day = date(int(british[3]), int(british[2]), int(british[1]))
                self.fail(f"write the date year first, as YYYY-MM-DD: did you mean {day.isoformat()}?", param, ctx)
        self.fail("write the date year first, as YYYY-MM-DD (2026-11-20 for 20 November 2026)", param, ctx)


def profile_for(case: Any, profile_name: str | None) -> Any:
    from ..profiles import resolve_profile

    # A case names profiles; it never points at folders (see resolve_profile).
    return resolve_profile(profile_name, case.profile)


@contextlib.contextmanager
def status_line(message: str) -> Iterator[Callable[[str], None]]:
    """A spinner and a line saying what is happening, on standard error when
    it is a terminal; nothing at all when it is not (a pipe, a log, a case
    system calling permdocs). Yields a function that changes the line."""
    if _surely_not_a_terminal():
        yield lambda _text: None
        return
    from rich.console import Console
    from rich.live import Live
    from rich.spinner import Spinner

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda _text: None
        return
    spinner = Spinner("dots", text=message)
    with Live(spinner, console=console, transient=True, refresh_per_second=12.5) as live:

        def show(text: str) -> None:
            # Drawn at once, not at the next tick: a step can take less than one.
            spinner.update(text=text)
            live.refresh()

        yield show


def _surely_not_a_terminal() -> bool:
    """Whether rich would surely find standard error no terminal, asked without
    importing rich (about 70 ms of a cold render into a pipe or a log): it is
    not a terminal, and no TTY_COMPATIBLE=1 or FORCE_COLOR says to treat it as one."""
    forced = os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR") is not None
    try:
        return not forced and not sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one: rich says no terminal too
        return not forced


def plural(count: int, noun: str) -> str:
    """``1 case``, ``3,812 documents``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
