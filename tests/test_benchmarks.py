"""The benchmark code keeps working: a quick run of make bench's suite,
which measures nothing here (timings belong to make bench, never to tests)."""

from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT


def test_a_quick_run_of_the_benchmarks_prints_its_table() -> None:
    spec = importlib.util.spec_from_file_location("performance", ROOT / "benchmarks" / "performance.py")
    assert spec is not None and spec.loader is not None
    performance = importlib.util.module_from_spec(spec)
    sys.modules["performance"] = performance
    spec.loader.exec_module(performance)
    measures = performance.run(quick=True)
    text = performance.table(measures)
    assert "| DOCX throughput, care plan" in text and "(text differs!)" not in text
    rows = ("PDF CPU per page, sample care plan", "per document, against raw WeasyPrint (CPU)",
            "Cold start: one case to DOCX", "one case to DOCX, CPU time", "where the import time goes", "permdocs --help",
            "DOCX per document against the fill-and-zip floor", "--jobs 2 against --jobs 1",
            "Optional Chromium engine, per document, against WeasyPrint", "60,000 actions, refused")
    for row in rows:
        assert f"| {row}" in text or row in text, row
    assert all(m.ratio is None or m.ratio > 0 for m in measures)
