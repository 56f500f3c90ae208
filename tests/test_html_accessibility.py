"""Every HTML permdocs makes, checked in a real browser (issue 26).

axe-core runs its WCAG 2.2 AA rules over every document, in every copy, of
every sample, in Debian's headless Chromium; in the same run each page is
narrowed to 320 CSS px and must not scroll sideways, except inside the
wrapper in which a data table or a drawing scrolls on its own (WCAG 1.4.10
Reflow). One browser checks every
file: tools/axe/check.mjs (Node, playwright-core and axe-core, pinned by
tools/axe/package-lock.json).

Set PERMDOCS_HTML_SCREENSHOTS to a folder to keep a 320 px screenshot of
each document's court or professional copy of one sample there, to look at
as a reader on a phone would.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import permdocs
from permdocs.api import RenderRequest

from conftest import ROOT, SAMPLES, require_program, showcase_sample_of_each_document

AXE_TOOL = ROOT / "tools" / "axe"

#: A page is that wide at most (CSS px) in a 320 px window: one pixel spare
#: for the rounding of fractional widths.
NARROW_WINDOW = 320
ROUNDING = 1

#: The sample whose copies are photographed at 320 px when asked to.
PHOTOGRAPHED = "baby-in-proceedings"


def axe_command() -> list[str]:
    """How to run the checker: node and the script, its packages installed
    from the lock file the first time (as ``make test`` does)."""
    node = require_program("node")
    require_program("chromium")
    if not (AXE_TOOL / "node_modules" / "axe-core").is_dir():
        npm = require_program("npm")
        installed = subprocess.run(
            [npm, "ci", "--prefix", str(AXE_TOOL), "--no-audit", "--no-fund"],
            capture_output=True, text=True, check=False,
        )
        if installed.returncode != 0:
            reason = f"npm ci --prefix tools/axe failed (needs the npm registry):\n{installed.stderr[-2000:]}"
            if os.environ.get("PERMDOCS_NO_SKIPS") == "1":
                pytest.fail(reason)
            pytest.skip(reason)
    return [node, str(AXE_TOOL / "check.mjs")]


def check_in_browser(files: Iterable[Path], screenshots: Path | None = None) -> dict[str, Any]:
    """What the checker finds in each file: ``{"axe": version, "chromium":
    version, "files": [{"file", "violations", "reflow"}, ...]}``. The files
    may be written as they are asked for: the browser checks each as it comes."""
    command = axe_command()
    if screenshots is not None:
        command += ["--screenshots", str(screenshots)]
    chromium = require_program("chromium")
    with tempfile.TemporaryFile() as errors:
        checker = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True,
            env=os.environ | {"CHROMIUM": chromium},
        )
        assert checker.stdin is not None
        try:
            for file in files:
                checker.stdin.write(f"{file}\n")
                checker.stdin.flush()
        finally:
            output, _ = checker.communicate()
        errors.seek(0)
        assert checker.returncode == 0, f"tools/axe/check.mjs failed:\n{errors.read().decode()[-4000:]}"
    result: dict[str, Any] = json.loads(output)
    return result


def violations_listed(result: dict[str, Any]) -> list[str]:
    """Each violation at each place, as ``file: rule-id (impact): target - help``."""
    return [
        f"{Path(checked['file']).name}: {rule['id']} ({rule['impact']}): {node['target']} - {rule['help']}"
        for checked in result["files"] for rule in checked["violations"] for node in rule["nodes"]
    ]


def too_wide_at_320_px(result: dict[str, Any]) -> list[str]:
    """Each file that scrolls sideways in a 320 px window, with what sticks out."""
    return [
        f"{Path(checked['file']).name}: {checked['reflow']['scrollWidth']} px wide"
        f" ({', '.join(checked['reflow']['overflowing']) or 'inside a table'})"
        for checked in result["files"]
        if checked["reflow"]["scrollWidth"] > NARROW_WINDOW + ROUNDING
    ]


def every_html(
    case: permdocs.Case, sample: str, *, drafts: Iterable[str] = ()
) -> Iterator[tuple[str, bytes, RenderRequest]]:
    """Every HTML file of a case, named after its sample: each document it
    has what it needs for, in each copy (each family-time arrangement a
    file), and the variants only some documents have (the CPR's confidential
    part, the later-life letter's review copy); a draft of the documents
    named in ``drafts``. Each file comes with the request that made it."""
    for name, document in permdocs.DOCUMENTS.items():
        if document.missing_from(case):
            continue
        requests = [RenderRequest(name, ("html",), audience) for audience in document.audiences]
        requests += [RenderRequest(name, ("html",), part=part) for part in document.parts]
        if "review" in document.options:
            requests.append(RenderRequest(name, ("html",), options={"review": True}))
        if name in drafts:
            requests.append(RenderRequest(name, ("html",), draft=True))
        for request in requests:
            for file_name, data in permdocs.render_outputs(case, request).items():
                yield f"{sample}--{file_name}", data, request


@pytest.fixture(scope="module")
def checked_in_browser(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("html")
    photographed: list[Path] = []

    # A draft adds the same banner, watermark and list of findings to any
    # document: one sample's draft of each is enough.
    drafts = {path: {name for p, name in showcase_sample_of_each_document() if p == path} for path in SAMPLES}

    def write_every_html() -> Iterator[Path]:
        for path in SAMPLES:
            for name, data, request in every_html(permdocs.load_case(path), path.stem, drafts=drafts[path]):
                (folder / name).write_bytes(data)
                if path.stem == PHOTOGRAPHED and request.audience == _photographed_copy(request.document):
                    photographed.append(folder / name)
                yield folder / name

    result = check_in_browser(write_every_html())
    screenshots = os.environ.get("PERMDOCS_HTML_SCREENSHOTS")
    if screenshots:
        check_in_browser(photographed, Path(screenshots))
    return result


def _photographed_copy(document: str) -> str:
    """The copy of a document that is photographed: the court's, else its first (default) copy."""
    audiences = permdocs.DOCUMENTS[document].audiences
    return "court" if "court" in audiences else next(iter(audiences))


def test_every_html_passes_axe_at_wcag_2_2_aa(checked_in_browser: dict[str, Any]) -> None:
    assert len(checked_in_browser["files"]) > 250  # every sample, document and copy
    violations = violations_listed(checked_in_browser)
    versions = f"axe-core {checked_in_browser['axe']}, Chromium {checked_in_browser['chromium']}"
    assert not violations, f"{len(violations)} violations ({versions}):\n" + "\n".join(violations)


def test_no_page_scrolls_sideways_at_320_px(checked_in_browser: dict[str, Any]) -> None:
    too_wide = too_wide_at_320_px(checked_in_browser)
    assert not too_wide, "wider than a 320 px window (WCAG 1.4.10):\n" + "\n".join(too_wide)


#: A page with one fault of each kind axe flags at WCAG 2.2 AA, and a line
#: too long to reflow. A skipped heading level (h1 then h3) is there too:
#: axe reports it only as a best practice, outside the WCAG rules, which is
#: why tests/test_writer_html.py checks heading levels itself.
PLANTED_FAULTS = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Planted faults</title></head>
<body><main>
<h1>Planted faults</h1>
<h3>A skipped level</h3>
<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==">
<p style="color: #aaaaaa; background: #ffffff">Pale grey words on white.</p>
<table><caption>Dates</caption>
<tr><td>Date</td><td>Event</td><td>Where</td></tr>
<tr><td>1 May</td><td>Born</td><td>Exampleton</td></tr>
<tr><td>2 May</td><td>Home</td><td>Sampleford</td></tr>
</table>
<div style="overflow-x: scroll; width: 200px"><p style="width: 600px">Scrolls in a box the keyboard cannot reach.</p></div>
<p style="width: 700px">A line wider than a phone.</p>
</main></body></html>
"""


def test_a_planted_fault_of_each_kind_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "planted-faults.html"
    page.write_text(PLANTED_FAULTS, encoding="utf-8")
    result = check_in_browser([page])
    found = {rule["id"] for rule in result["files"][0]["violations"]}
    # A picture without alt text, a low-contrast colour, a table without
    # headers, a scrolling box the keyboard cannot reach.
    assert {"image-alt", "color-contrast", "td-has-header", "scrollable-region-focusable"} <= found
    assert "heading-order" not in found  # a best practice: not among the WCAG rules run
    assert "planted-faults.html: image-alt (critical): img - Images must have alternative text" in violations_listed(result)
    # The wide line widens the page; the box that scrolls on its own does not.
    assert too_wide_at_320_px(result) == ["planted-faults.html: 708 px wide (p (708 px))"]
