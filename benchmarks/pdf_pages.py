"""PDF CPU per page: today's stylesheets against the ones of 7 December 2026.

Issue 28 asked for the PDF of the sample care plan and of the sample CPR at
half the CPU per page, measured against a copy of the stylesheets as they
were when it was filed (``baseline-stylesheets/``, taken from commit
f034f48), with pages that look the same to a reader.

So each document's print HTML is made once, by today's code, and laid out
twice in turns: once as it is, and once with the baseline's stylesheets put
back in place of today's (the HTML writer inlines each sheet verbatim, so
the swap is a plain text replacement). Both go through permdocs' own PDF
step, post-processing included. The measure is CPU time (``process_time``),
the least of several turns: on a shared machine, other work inflates a
process's CPU time through the shared caches, and the least of several
runs is the one least disturbed.

The pages are then compared as pictures: every page of both PDFs drawn by
pdftoppm at 50 dpi, in grey, and the share of pixels that differ by more
than a faint anti-aliasing step is reported for the worst page, whose two
pictures are saved side by side for a reader to look at.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from timing import Measure, print_markup

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE = HERE / "baseline-stylesheets"
SAMPLES = {"care plan": ("baby-in-proceedings.json", "care-plan-permanence"), "CPR": ("cpr-adoption.json", "cpr")}


def sample_markup(sample: str, document: str) -> str:
    """The print HTML permdocs gives WeasyPrint for a sample's default copy."""
    import permdocs

    return print_markup(permdocs.load_case(ROOT / "samples" / sample), document)


def with_baseline_stylesheets(markup: str) -> str:
    """The same HTML with each of today's inlined stylesheets replaced by
    its copy in baseline-stylesheets/."""
    from permdocs.base.resources import assets_dir

    for sheet in sorted(BASELINE.glob("*.css")):
        today = (assets_dir() / sheet.name).read_text(encoding="utf-8")
        if today in markup:
            markup = markup.replace(today, sheet.read_text(encoding="utf-8"))
    return markup


def to_pdf(markup: str) -> bytes:
    from permdocs.writers.pdf import html_to_pdf

    return html_to_pdf(markup, frozenset())


def least_cpu_seconds(*actions, repeats: int) -> list[float]:
    """Each action's least CPU time over `repeats` turns, taken A B A B ..."""
    best = [float("inf")] * len(actions)
    for _ in range(repeats):
        for n, action in enumerate(actions):
            start = time.process_time()
            action()
            best[n] = min(best[n], time.process_time() - start)
    return best


@dataclass
class PageComparison:
    pages: tuple[int, int]
    worst_page: int
    worst_share: float
    picture: Path | None


def compare_pages(before: bytes, after: bytes, name: str) -> PageComparison | None:
    """Every page of both PDFs as a 50 dpi grey picture; the page whose
    pictures differ most, and the share of its pixels that differ."""
    if shutil.which("pdftoppm") is None:
        return None
    from PIL import Image, ImageChops

    folder = Path(tempfile.mkdtemp(prefix="permdocs-pages-"))
    drawn = {}
    for label, data in (("before", before), ("after", after)):
        (folder / f"{label}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(folder / f"{label}.pdf"), str(folder / label)],
                       check=True)
        drawn[label] = sorted(folder.glob(f"{label}-*.png"))
    worst, worst_share = 0, -1.0
    for n, (a, b) in enumerate(zip(drawn["before"], drawn["after"]), start=1):
        first, second = Image.open(a).convert("L"), Image.open(b).convert("L")
        if first.size != second.size:
            share = 1.0
        else:
            # A step of more than 48 of 255 grey levels is a changed pixel, not anti-aliasing.
            differs = ImageChops.difference(first, second).point(lambda level: 255 if level > 48 else 0)
            share = differs.histogram()[255] / (first.width * first.height)
        if share > worst_share:
            worst, worst_share = n, share
    picture = None
    if worst:
        first, second = Image.open(drawn["before"][worst - 1]), Image.open(drawn["after"][worst - 1])
        pair = Image.new("L", (first.width + second.width + 10, max(first.height, second.height)), 128)
        pair.paste(first, (0, 0))
        pair.paste(second, (first.width + 10, 0))
        picture = folder / f"worst-page-{name.replace(' ', '-').lower()}.png"
        pair.save(picture)
    return PageComparison((len(drawn["before"]), len(drawn["after"])), worst, worst_share, picture)


def measures(quick: bool) -> list[Measure]:
    from pypdf import PdfReader

    rows = []
    for name, (sample, document) in SAMPLES.items():
        if quick and name != "care plan":
            continue
        today = sample_markup(sample, document)
        baseline = with_baseline_stylesheets(today)
        before, after = to_pdf(baseline), to_pdf(today)
        pages_before, pages_after = (len(PdfReader(io.BytesIO(data)).pages) for data in (before, after))
        baseline_s, ours_s = least_cpu_seconds(lambda: to_pdf(baseline), lambda: to_pdf(today),
                                               repeats=1 if quick else 7)
        ours_page, baseline_page = ours_s / pages_after, baseline_s / pages_before
        rows.append(Measure(
            f"PDF CPU per page, sample {name} ({pages_after} pages), against the stylesheets of 7 December",
            f"{ours_page * 1000:.0f} ms/page", f"{baseline_page * 1000:.0f} ms/page ({pages_before} pages)",
            ours_page / baseline_page, "<= 0.5x"))
        compared = compare_pages(before, after, name)
        if compared is not None:
            rows.append(Measure(
                f"Pages of the sample {name}, before and after, as pictures",
                f"worst page {compared.worst_page}: {compared.worst_share:.1%} of pixels differ",
                f"{compared.pages[0]} pages before, {compared.pages[1]} after", None,
                "same page count", compared.pages[0] == compared.pages[1]))
            if compared.picture is not None:
                print(f"{name}: worst page side by side (before | after): {compared.picture}")
    return rows
