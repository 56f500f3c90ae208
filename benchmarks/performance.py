"""permdocs' speed, measured side by side with the libraries it stands on (make bench).

Machines here are shared and noisy, so no figure is a bare number of
seconds: each measure runs permdocs and a baseline doing the same work on
the same template and data, in the same run, and reports the median of
several repetitions and their ratio. The table is printed and written to
benchmarks/results.md.

    python benchmarks/performance.py            # the full run (minutes)
    python benchmarks/performance.py --quick    # a smoke run, as the tests do
"""

from __future__ import annotations

import copy
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BABY = ROOT / "samples" / "baby-in-proceedings.json"
CPR = ROOT / "samples" / "cpr-adoption.json"
PYTHON = sys.executable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium_engine  # noqa: E402
import cold_start  # noqa: E402
import docx_floor  # noqa: E402
import pdf_overhead  # noqa: E402
import pdf_pages  # noqa: E402
from timing import Measure, OtherWork, first_copy, median_seconds, medians_taking_turns  # noqa: E402

# --- 1. DOCX in a batch, against a plain docxtpl loop -------------------------------------


def docx_throughput(documents: int, repeats: int) -> Measure:
    """permdocs rendering the care plan DOCX again and again in one process,
    against a loop that loads a DocxTemplate, renders and saves, with the
    same template, variables and filters (permdocs' own, in docxtpl's env)."""
    from docxtpl import DocxTemplate

    import permdocs
    from permdocs.writers import Styling, template_variables
    from permdocs.writers import docx as docx_writer

    resolved, context = first_copy(permdocs.load_case(BABY), "care-plan-permanence")
    template_path = resolved.document.template("docx")
    styling = Styling.from_profile(resolved.profile)

    def ours() -> bytes:
        return docx_writer.render(resolved.document, context, styling)

    def plain() -> bytes:
        template = DocxTemplate(template_path)
        word = template.get_docx()
        env = docx_floor.plain_word_environment(lambda data: word.part.get_or_add_image(io.BytesIO(data))[0])
        template.render(template_variables(context) | {"logo": None}, env, autoescape=True)
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    same = docx_floor.words(ours()) == docx_floor.words(plain())
    ours_s, plain_s = (seconds / documents for seconds in medians_taking_turns(
        lambda: [ours() for _ in range(documents)], lambda: [plain() for _ in range(documents)], repeats=repeats))
    note = "" if same else " (text differs!)"
    return Measure(
        f"DOCX throughput, care plan, {documents} in a row{note}", f"{1 / ours_s:.1f} docs/s",
        f"{1 / plain_s:.1f} docs/s (docxtpl loop)", plain_s / ours_s, ">= 4x",
    )


# --- 2. PDF, against raw WeasyPrint on the same HTML: benchmarks/pdf_overhead.py ---------


# --- 3. Scaling over two worker processes --------------------------------------------------


def scaling(fmt: str, cases: int, repeats: int) -> Measure:
    from permdocs.batch import Selection, render_many

    folder = Path(tempfile.mkdtemp(prefix="permdocs-bench-"))
    sources = []
    for n in range(cases):
        target = folder / f"case-{n}.json"
        target.write_bytes(BABY.read_bytes())
        sources.append(target)
    selection = Selection("care-plan-permanence", (fmt,))
    list(render_many(sources[:1], selection, jobs=1))  # warm this process

    def run(jobs: int) -> float:
        start = time.perf_counter()
        results = list(render_many(sources, selection, jobs=jobs))
        assert all(result.ok for result in results)
        return time.perf_counter() - start

    # The target holds on an idle machine; how busy it was with other work
    # while both runs took turns is measured and printed with the figure.
    with OtherWork() as others:
        one, two = medians_taking_turns(lambda: run(1), lambda: run(2), repeats=repeats)
    return Measure(f"{fmt.upper()} batch of {cases} cases, --jobs 2 against --jobs 1 (other work on the machine meanwhile: "
                   f"{others.share():.0%} of its CPU)", f"{cases / two:.1f} cases/s", f"{cases / one:.1f} cases/s",
                   one / two, ">= 1.7x")


# --- 4. Cold start: benchmarks/cold_start.py -----------------------------------------


# --- 5. Memory ---------------------------------------------------------------------------


def memory(documents: int) -> tuple[Measure, Measure]:
    """Resident memory after document 1,000 against after document 100, in
    one process; and each worker's peak in a two-process batch."""
    code = f'''
import resource, permdocs
case = permdocs.load_case({str(BABY)!r})
names = ["care-plan-permanence", "options-analysis", "route-comparison"]
marks = {{}}
for n in range(1, {documents} + 1):
    permdocs.render(case, names[n % 3], "docx" if n % 2 else "html")
    if n in ({documents // 10}, {documents}):
        marks[n] = int(open("/proc/self/statm").read().split()[1]) * 4096
print(marks[{documents // 10}], marks[{documents}])
'''
    early, late = map(int, subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True).stdout.split())
    from permdocs.batch import Selection, render_many

    folder = Path(tempfile.mkdtemp(prefix="permdocs-memory-"))
    sources = [folder / f"case-{n}.json" for n in range(6)]
    for source in sources:
        source.write_bytes(BABY.read_bytes())
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    list(render_many(sources, Selection("care-plan-permanence", ("docx", "pdf")), jobs=2))
    worker_peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return (
        Measure(f"Memory after document {documents} against document {documents // 10}", f"{late / 2**20:.0f} MiB",
                f"{early / 2**20:.0f} MiB", late / early, "<= 1.1x"),
        Measure("Peak memory per worker (DOCX and PDF batch)", f"{worker_peak / 1024:.0f} MiB", "", None, ""),
    )


# --- 6. Large documents ------------------------------------------------------------------


def large_cpr(repeats: int) -> tuple[Measure, Measure]:
    """A CPR with a 500-row chronology and a 60-person family table, against
    the sample CPR, per page."""
    from pypdf import PdfReader

    import permdocs

    data = json.loads(CPR.read_text(encoding="utf-8"))
    base_people = data["people"]
    data["chronology"] = [
        {"date": f"{2024 + (n // 250)}-{1 + (n // 21) % 12:02d}-{1 + n % 28:02d}", "event": f"Recorded event number {n + 1} in the child's care"}
        for n in range(500)
    ]
    data["chronology"].sort(key=lambda entry: entry["date"])
    relatives = [dict(copy.deepcopy(base_people[n % len(base_people)]), id=f"relative-{n}") for n in range(60 - len(base_people))]
    for person in relatives:
        person.pop("sibling", None)
        person["role"] = "relative"
        person["relationship"] = "relative on the mother's side"
    data["people"] = base_people + relatives
    big = permdocs.load_case(data, folder=CPR.parent)
    small = permdocs.load_case(CPR)

    def per_page(case: Any, fmt: str) -> tuple[float, int]:
        seconds = median_seconds(lambda: permdocs.render(case, "cpr", fmt, draft=True), repeats)
        pdf = permdocs.render(case, "cpr", "pdf", draft=True)
        return seconds, len(PdfReader(io.BytesIO(pdf)).pages)

    big_s, big_pages = per_page(big, "pdf")
    small_s, small_pages = per_page(small, "pdf")
    docx_s = median_seconds(lambda: permdocs.render(big, "cpr", "docx", draft=True), repeats)
    return (
        Measure(f"Large CPR (500-row chronology, 60 people), PDF {big_pages} pages, time per page",
                f"{big_s / big_pages * 1000:.0f} ms/page ({big_s:.1f} s)",
                f"{small_s / small_pages * 1000:.0f} ms/page (sample CPR, {small_pages} pages)",
                (big_s / big_pages) / (small_s / small_pages), "<= 2x"),
        Measure("Large CPR to DOCX", f"{docx_s:.2f} s", "", None, ""),
    )


def refused_quickly() -> Measure:
    """A valid-looking case with 60,000 actions (4 MB) is refused by the
    list limit in about a second, not laid out."""
    import permdocs

    data = json.loads(BABY.read_text(encoding="utf-8"))
    data["actions"] = [dict(data["actions"][0], what=f"T{n}", owner="SW") for n in range(60_000)]
    raw = json.dumps(data, separators=(",", ":")).encode()
    start = time.perf_counter()
    try:
        permdocs.load_case(raw)
    except permdocs.InvalidCaseError:
        pass
    else:
        raise AssertionError("a case of 60,000 actions was accepted")
    return Measure(f"A {len(raw) / 1e6:.1f} MB case with 60,000 actions, refused", f"{time.perf_counter() - start:.2f} s",
                   "", None, "")


def bundle_350() -> tuple[Measure, Measure]:
    """The 350-page court bundle (benchmarks/bundle_benchmark.py, in its own process)."""
    import re

    printed = subprocess.run([PYTHON, str(ROOT / "benchmarks" / "bundle_benchmark.py")], check=True,
                             capture_output=True, text=True).stdout
    build, ratio = re.search(r"all steps: ([\d.]+) s = ([\d.]+) x baseline", printed).groups()  # type: ignore[union-attr]
    baseline = re.search(r"\(baseline\): ([\d.]+) s", printed).group(1)  # type: ignore[union-attr]
    process = re.search(r"peak memory: process (\d+) MiB", printed).group(1)  # type: ignore[union-attr]
    return (
        Measure("Court bundle of 350 pages, rendering its permdocs documents included", f"{build} s",
                f"{baseline} s (plain pikepdf merge)", float(ratio), ""),
        Measure("Court bundle of 350 pages, peak memory", f"{process} MiB", "", None, ""),
    )


# --- the table ---------------------------------------------------------------------------


def run(quick: bool = False) -> list[Measure]:
    repeats = 1 if quick else 5
    # In the order of issue 28's targets, then the measures of earlier issues.
    if quick:
        # Each measure's code runs, at a size that says nothing about speed.
        return [*pdf_pages.measures(quick=True), *pdf_overhead.measures(quick=True), *cold_start.measures(quick=True),
                *docx_floor.measures(quick=True), docx_throughput(2, 1), scaling("docx", 4, 1),
                *chromium_engine.measures(quick=True), refused_quickly()]
    return [
        *pdf_pages.measures(quick=False), *pdf_overhead.measures(quick=False), *cold_start.measures(quick=False),
        *docx_floor.measures(quick=False), docx_throughput(20, repeats), scaling("docx", 120, 3), scaling("pdf", 8, 3),
        *chromium_engine.measures(quick=False),
        *memory(1000), *large_cpr(3), refused_quickly(), *bundle_350(),
    ]


def table(measures: list[Measure]) -> str:
    cores = os.cpu_count()
    lines = [
        f"permdocs benchmarks: {cores} cores; medians of repeated runs; ratio = baseline time / ours "
        "(throughput) or ours / baseline (time)",
        "",
        "| measure | permdocs | baseline | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for m in measures:
        ratio = f"{m.ratio:.2f}x" if m.ratio is not None else ""
        lines.append(f"| {m.name} | {m.ours} | {m.baseline} | {ratio} | {m.target} | {m.met()} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    quick = "--quick" in sys.argv
    text = table(run(quick))
    print(text)
    if not quick:
        # The method and the profiles of targets not met are written by hand
        # (benchmarks/method.md) and travel with every new table.
        method = (ROOT / "benchmarks" / "method.md").read_text(encoding="utf-8")
        (ROOT / "benchmarks" / "results.md").write_text(text + method, encoding="utf-8")


if __name__ == "__main__":
    main()
