"""How rendering time grows with case size and output format (make bench).

Machines here are shared and noisy, so absolute seconds mean little. Every
figure is printed as a ratio against a baseline measured in this same run:
the HTML render of the smallest sample. Each timing is the best of several
repeats, which filters out interference from other work on the machine.
"""

from __future__ import annotations

import copy
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

import permdocs

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = "care-plan-permanence"
REPEATS = 3


def best_of(repeats: int, action: Callable[[], Any]) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def large_case() -> permdocs.Case:
    """The long-term fostering sample grown to the size of a long-running case:
    many actions, options, views and support entries, each with long narratives."""
    data: dict[str, Any] = json.loads((ROOT / "samples" / "long-term-fostering.json").read_text())
    paragraph = "The worker recorded a **detailed** account of the visit. " * 12
    narrative = "\n\n".join([paragraph] * 4) + "\n\n- first point\n- second point\n\n1. one\n2. two"
    data["actions"] = [
        {"what": f"Action number {n}", "owner": "Social worker", "due_on": "2027-01-01", "done_on": None}
        for n in range(300)
    ]
    data["options"] = [dict(copy.deepcopy(data["options"][n % 5]), id=f"option-{n}", reasons=narrative) for n in range(40)]
    data["voices"]["others"] = [
        dict(copy.deepcopy(data["voices"]["others"][n % 4]), summary=narrative) for n in range(30)
    ]
    data["support_services"] = [dict(copy.deepcopy(data["support_services"][0]), detail=narrative) for _ in range(30)]
    return permdocs.load_case(data)


def main() -> None:
    small = permdocs.load_case(ROOT / "samples" / "return-home-supervision.json")
    large = large_case()
    baseline = best_of(REPEATS, lambda: permdocs.render(small, DOCUMENT, "html"))
    print(f"baseline: HTML render of the smallest sample, best of {REPEATS}: {baseline * 1000:.1f} ms here\n")
    print(f"{'case':<8} {'format':<6} {'x baseline':>11} {'pages/size':>12}")
    for name, case in (("small", small), ("large", large)):
        seconds = best_of(REPEATS, lambda: permdocs.check(case))
        print(f"{name:<8} {'check':<6} {seconds / baseline:>11.2f} {len(permdocs.check(case)):>9} findings")
        for fmt in ("html", "docx", "pdf"):
            output = permdocs.render(case, DOCUMENT, fmt)
            seconds = best_of(REPEATS if fmt != "pdf" or name == "small" else 1, lambda: permdocs.render(case, DOCUMENT, fmt))
            size = f"{len(output) // 1024} KiB"
            if fmt == "pdf":
                size = f"{len(PdfReader(io.BytesIO(output)).pages)} pages"
            print(f"{name:<8} {fmt:<6} {seconds / baseline:>11.1f} {size:>12}")


if __name__ == "__main__":
    main()
