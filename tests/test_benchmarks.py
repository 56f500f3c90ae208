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
    for row in ("--jobs 2 against --jobs 1", "Cold start: one case to DOCX", "permdocs --help", "60,000 actions, refused",
                "per document, against raw WeasyPrint (CPU)"):
        assert f"| {row}" in text or row in text, row
    assert all(m.ratio is None or m.ratio > 0 for m in measures)
