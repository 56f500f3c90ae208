"""What every benchmark shares: a row of the results table, timing that
takes turns so that a shared machine's busy moments fall on both sides, and
a sample document's context and print HTML as permdocs' writers receive them."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Measure:
    """One line of the table: what, ours, the baseline, the target."""

    name: str
    ours: str
    baseline: str
    ratio: float | None
    target: str
    #: For a target that is not a ratio (an added time): whether it was met.
    verdict: bool | None = None

    def met(self) -> str:
        if self.verdict is not None:
            return "met" if self.verdict else "not met"
        if self.ratio is None:
            return ""
        bound = float(self.target.split()[-1].rstrip("x")) if self.target else None
        if bound is None:
            return ""
        wanted_more = self.target.startswith(">=")
        return "met" if (self.ratio >= bound if wanted_more else self.ratio <= bound) else "not met"


def median_seconds(action: Callable[[], Any], repeats: int) -> float:
    return medians_taking_turns(action, repeats=repeats)[0]


def medians_taking_turns(*actions: Callable[[], Any], repeats: int) -> list[float]:
    """Each action's median time, the actions run in turn (A B A B ...), so
    that a busy moment on a shared machine falls on all of them alike."""
    timings: list[list[float]] = [[] for _ in actions]
    for _ in range(repeats):
        for action, times in zip(actions, timings):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in timings]


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat)."""
    fields = [int(value) for value in open("/proc/stat", encoding="ascii").readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def cpu_seconds() -> float:
    """CPU seconds of this process and the children it has waited for (dot, workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


class OtherWork:
    """How busy the machine was with work other than ours while a block ran:
    the machine's busy CPU time (/proc/stat) less this process's and its
    children's. "Idle" is a measured claim, not an assumption."""

    def __enter__(self) -> OtherWork:
        self.start = time.perf_counter(), _busy_seconds(), cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        wall, busy, own = self.start
        self.wall = time.perf_counter() - wall
        self.others = max(0.0, (_busy_seconds() - busy) - (cpu_seconds() - own))

    def share(self) -> float:
        """Other work's CPU time as a share of all the machine's cores over the block."""
        return self.others / (self.wall * (os.cpu_count() or 1))


def first_copy(case: Any, document: str, **options: Any) -> tuple[Any, Any]:
    """A document's request resolved, and the context of its first output
    for the copy the options name (the default copy without them), redacted
    as that copy withholds: what every writer is handed."""
    import permdocs
    from permdocs.rendering.pipeline import resolve_request, withholds_for
    from permdocs.safeguarding.redaction import redact

    resolved = resolve_request(case, permdocs.RenderRequest(document, **options))
    return resolved, resolved.document.outputs(redact(case, withholds_for(resolved)), resolved)[0].context


def print_markup(case: Any, document: str, **options: Any) -> str:
    """The print HTML permdocs hands WeasyPrint for that copy."""
    from permdocs.writers import Styling, html

    resolved, context = first_copy(case, document, **options)
    return html.render_text(resolved.document, context, Styling.from_profile(resolved.profile), for_print=True)
