"""How long a 350-page court bundle takes to build, and how much memory (make bench).

The bundle: the sample case's care plan, options analysis and route
comparison (rendered by permdocs) and external PDFs making up the rest of
350 pages, every third one a landscape document turned by /Rotate.
Machines here are shared and noisy, so each figure is the median of
several runs, and the time is also printed as a ratio against a baseline
measured in this same process: a plain pikepdf merge of the same PDFs, with
no index, stamps, outline or links. The two stages of a build (gathering
the documents: rendering, reading, measuring every page; then assembling:
front sheet, index, merge, stamps, outline, save) are timed within the same
run, so they add up to its total. Peak memory is the process's high-water
mark (it includes qpdf's own allocations, which Python's tracemalloc cannot
see) and, separately, Python's own peak.
"""

from __future__ import annotations

import io
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

import pikepdf
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from permdocs.bundle import build_bundle, load_manifest  # noqa: E402
from permdocs.bundle.assemble import assemble  # noqa: E402
from permdocs.bundle.sources import gather_documents  # noqa: E402

from bundle_fixtures import text_pdf, turned_landscape  # noqa: E402

TARGET_PAGES = 350
REPEATS = 5


def make_inputs(folder: Path) -> Path:
    """A manifest for a bundle of exactly TARGET_PAGES pages."""
    shutil.copy(ROOT / "samples" / "baby-in-proceedings.json", folder / "case.json")
    permdocs_entries = [
        {"case": "case.json", "document": name}
        for name in ("care-plan-permanence", "options-analysis", "route-comparison")
    ]
    manifest = {
        "title": "Benchmark bundle",
        "case": {
            "court": "The Family Court sitting at Exampleton", "case_number": "ZZ26C00123", "child_initials": "A.M.S.",
            "parties": [{"role": "Applicant", "name": "Fictionshire County Council"}],
            "hearing": {"kind": "Final hearing", "date": "2027-01-04"},
        },
        "sections": [{"letter": "D", "title": "Care plans", "documents": permdocs_entries}],
    }
    path = folder / "bundle.yaml"
    path.write_text(yaml.safe_dump(manifest))
    used = sum(d.pages for section in gather_documents(load_manifest(path)) for d in section)
    paragraph = ["A fictional statement paragraph, long enough to fill a few lines of the page. " * 6] * 5
    remaining, documents, number = TARGET_PAGES - used, [], 0
    for letter, title in (("C", "Statements"), ("E", "Experts' reports")):
        entries = []
        for _ in range(4):
            number += 1
            pages = min(remaining, 45 if letter == "E" else 40)
            if pages <= 0:
                break
            # Every third document is landscape, stored turned by /Rotate;
            # its pages hold less, so it gets less text a page.
            if number % 3 == 0:
                data = turned_landscape(text_pdf(f"Document {number}", paragraph[:3], pages=pages, landscape=True))
            else:
                data = text_pdf(f"Document {number}", paragraph, pages=pages)
            with pikepdf.open(io.BytesIO(data)) as made:
                if len(made.pages) != pages:
                    raise SystemExit(f"document {number} came to {len(made.pages)} pages, not {pages}")
            (folder / f"doc{number}.pdf").write_bytes(data)
            entries.append({"pdf": f"doc{number}.pdf", "title": f"Document {number}", "dated": "2026-10-01",
                            "author": "A fictional author"})
            remaining -= pages
        documents.append({"letter": letter, "title": title, "documents": entries})
    manifest["sections"] = [*documents[:1], *manifest["sections"], *documents[1:]]
    if remaining > 0:
        raise SystemExit(f"could not reach {TARGET_PAGES} pages ({remaining} short)")
    path.write_text(yaml.safe_dump(manifest))
    return path


def plain_merge(pdfs: list[bytes]) -> bytes:
    out = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(data)) for data in pdfs]
    with warnings.catch_warnings():
        # The baseline copies pages and nothing else; that it loses named
        # destinations (pikepdf's warning) is the point of it.
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        for source in sources:
            out.pages.extend(source.pages)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="permdocs-bench-") as folder:
        path = make_inputs(Path(folder))
        loaded = load_manifest(path)
        pdfs = [d.pdf for section in gather_documents(loaded) for d in section]
        baselines, gathers, assemblies = [], [], []
        for _ in range(REPEATS):
            baselines.append(timed(lambda: plain_merge(pdfs)))
            start = time.perf_counter()
            documents = gather_documents(loaded)
            gathered = time.perf_counter()
            bundle = assemble(loaded, documents, "section")
            gathers.append(gathered - start)
            assemblies.append(time.perf_counter() - gathered)
        tracemalloc.start()
        build_bundle(loaded)
        _, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        process_peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    baseline = statistics.median(baselines)
    totals = [g + a for g, a in zip(gathers, assemblies, strict=True)]
    build, gather, assembly = (statistics.median(values) for values in (totals, gathers, assemblies))
    print(f"bundle: {bundle.body_pages} pages (+{bundle.front_pages} front sheet and index), {len(bundle.pdf) / 1e6:.1f} MB")
    print(f"medians of {REPEATS} runs")
    print(f"plain pikepdf merge of the same PDFs (baseline): {baseline:.2f} s")
    print(f"permdocs bundle, all steps: {build:.2f} s = {build / baseline:.1f} x baseline")
    print(f"  gathering: rendering the 3 permdocs documents, reading and measuring every page: {gather:.2f} s")
    print(f"  assembling: front sheet, index, merge, stamps, outline and save: {assembly:.2f} s")
    print(f"peak memory: process {process_peak_kib / 1024:.0f} MiB; Python objects {python_peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
