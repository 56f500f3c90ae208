"""PDF against raw WeasyPrint on the same HTML and options (issue 28, target 2).

permdocs' side is the whole public call, ``permdocs.render(case, doc, "pdf")``:
building the context, writing the HTML, laying it out and the post-processing
(the running text marked as artifacts). The baseline is what anyone holding
permdocs' HTML would run: one ``HTML(...).write_pdf(...)`` with the options
permdocs passes, so that only permdocs' own work is left in the ratio:

* ``pdf_variant="pdf/ua-1"`` and ``pdf_tags=True`` (tagging and its metadata
  are WeasyPrint's work, not ours);
* a fetcher that reads ``file:`` and ``data:`` URLs only and fails on an
  error (WeasyPrint's own; permdocs' narrows it to its assets folder, which
  is permdocs' cost);
* one FontConfiguration kept for the run, as permdocs keeps one per process;
* the objects permdocs' import and the case made set aside from the garbage
  collector while it runs (gc.freeze), as they would not exist in a bare
  WeasyPrint script: walking them made WeasyPrint's layout about an eighth
  slower in a permdocs process. permdocs now does the same around its own
  layout (writers/pdf.py); a further row shows what that is worth.

Time is CPU time of the process and its children (the genogram runs
Graphviz's dot), in turns (ours, raw, ours, raw ...), median of each: the
machine is shared, and a busy moment on another core should not count.
"""

from __future__ import annotations

import copy
import gc
import io
import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import Measure, cpu_seconds, first_copy

ROOT = Path(__file__).resolve().parents[1]
BABY = ROOT / "samples" / "baby-in-proceedings.json"
CPR = ROOT / "samples" / "cpr-adoption.json"

#: At most this much slower than raw WeasyPrint (issue 28, target 2).
TARGET = "<= 1.05x"


def measures(quick: bool) -> list[Measure]:
    import permdocs

    if quick:
        # The code runs once on the small care plan; nothing is measured.
        return _against_weasyprint("care plan", permdocs.load_case(BABY), "care-plan-permanence", draft=False, repeats=1)
    return [
        *_against_weasyprint("care plan", long_care_plan(), "care-plan-permanence", draft=False, repeats=9),
        *_against_weasyprint("sample CPR", permdocs.load_case(CPR), "cpr", draft=True, repeats=7),
    ]


def long_care_plan() -> Any:
    """The baby's case grown to a care plan of about twelve pages: more
    actions, views, support and family time, as a long case has."""
    import permdocs

    data = json.loads(BABY.read_text(encoding="utf-8"))
    data["actions"] = [dict(data["actions"][n % len(data["actions"])], what=f"Agreed step {n + 1} of the plan") for n in range(60)]
    data["voices"]["others"] = [copy.deepcopy(data["voices"]["others"][n % len(data["voices"]["others"])]) for n in range(16)]
    data["support_services"] = [copy.deepcopy(data["support_services"][n % len(data["support_services"])]) for n in range(12)]
    return permdocs.load_case(data)


def raw_weasyprint(case: Any, document: str, *, draft: bool) -> Callable[[], bytes]:
    """The baseline for one document: WeasyPrint laying out permdocs' HTML
    (built once, here) with permdocs' options, nothing before or after."""
    from dataclasses import replace

    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    from permdocs.base.resources import assets_dir
    from permdocs.writers import Styling, html

    resolved, context = first_copy(case, document, draft=draft)
    styling = replace(Styling.from_profile(resolved.profile), archival=resolved.archival)
    markup = html.render_text(resolved.document, context, styling, for_print=True)
    base = assets_dir().as_uri() + "/"
    fonts = FontConfiguration()

    def raw() -> bytes:
        fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
        return HTML(string=markup, base_url=base, url_fetcher=fetcher).write_pdf(
            font_config=fonts, pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=False)

    return raw


def in_a_bare_heap(action: Callable[[], bytes]) -> Callable[[], bytes]:
    """The action with the objects that exist before it set aside from the
    garbage collector: WeasyPrint as in a process of its own."""

    def bare() -> bytes:
        gc.freeze()
        try:
            return action()
        finally:
            gc.unfreeze()

    return bare


def _against_weasyprint(label: str, case: Any, document: str, *, draft: bool, repeats: int) -> list[Measure]:
    from pypdf import PdfReader

    import permdocs

    def ours() -> bytes:
        return permdocs.render(case, document, "pdf", draft=draft)

    raw = raw_weasyprint(case, document, draft=draft)
    bare = in_a_bare_heap(raw)
    pages = len(PdfReader(io.BytesIO(ours())).pages)  # also the first, warming run of each side
    raw()
    ours_s, bare_s, raw_s = cpu_medians_taking_turns(ours, bare, raw, repeats=repeats)
    return [
        Measure(f"PDF, {label} of {pages} pages, per document, against raw WeasyPrint (CPU)", f"{ours_s:.2f} s",
                f"{bare_s:.2f} s (WeasyPrint, same HTML and options)", ours_s / bare_s, TARGET),
        Measure(f"PDF pages per CPU second, {label}", f"{pages / ours_s:.1f}", f"{pages / bare_s:.1f}", None, ""),
        Measure(f"WeasyPrint alone on the {label}: the collector walking permdocs' objects, against not",
                f"{raw_s:.2f} s", f"{bare_s:.2f} s", raw_s / bare_s, ""),
    ]


def cpu_medians_taking_turns(*actions: Callable[[], Any], repeats: int) -> list[float]:
    """As timing.medians_taking_turns, in CPU seconds rather than wall-clock
    ones: the target is about work done, and on a shared machine the wall
    clock also counts the time spent waiting for a core. Each turn starts
    after a full collection, untimed: otherwise a collection one side set
    off (one is due soon after unfreezing objects) falls in the next side's time."""
    timings: list[list[float]] = [[] for _ in actions]
    for _ in range(repeats):
        for action, times in zip(actions, timings):
            gc.collect()
            start = cpu_seconds()
            action()
            times.append(cpu_seconds() - start)
    return [statistics.median(times) for times in timings]


if __name__ == "__main__":
    for measure in measures(quick=False):
        ratio = f"{measure.ratio:.3f}x" if measure.ratio is not None else ""
        print(f"| {measure.name} | {measure.ours} | {measure.baseline} | {ratio} | {measure.target} | {measure.met()} |")
