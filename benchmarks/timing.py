"""What every benchmark shares: a row of the results table, and timing
that takes turns so that a shared machine's busy moments fall on both sides."""

from __future__ import annotations

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
