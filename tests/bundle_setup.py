"""The manifest and folder the bundle tests build from, and the check every
bundle a test builds passes.

The fixture bundle has three sections: a permdocs care plan in the court's
copy, the (landscape) options analysis, and external PDFs made on the spot
(see bundle_fixtures): an order, a report, a family tree on a landscape page
turned by /Rotate, and a letter with text where the stamp would usually go.
"""

from __future__ import annotations

import functools
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pypdf import PdfReader

from permdocs.bundle import Bundle, build_bundle, load_manifest

from bundle_fixtures import corner_text_pdf, family_tree_pdf, text_pdf
from conftest import ROOT, require_program

CASE_SAMPLE = ROOT / "samples" / "baby-in-proceedings.json"


def fixture_manifest(**changes: Any) -> dict[str, Any]:
    """The fixture bundle's manifest, with top-level ``changes``."""
    manifest: dict[str, Any] = {
        "title": "Bundle for the final hearing",
        "case": {
            "court": "The Family Court sitting at Exampleton",
            "case_number": "ZZ26C00123",
            "child_initials": "A.M.S.",
            "parties": [{"role": "Applicant", "name": "Fictionshire County Council"}],
            "hearing": {"kind": "Final hearing", "date": "2027-01-04"},
        },
        "sections": [
            {"letter": "A", "title": "Preliminary documents", "documents": [
                {"pdf": "external/order.pdf", "title": "Interim care order", "dated": "2026-05-22", "author": "The court"},
            ]},
            {"letter": "D", "title": "Care plans", "documents": [
                {"case": "case.json", "document": "care-plan-permanence", "kind": "care-plan"},
                {"case": "case.json", "document": "options-analysis"},
            ]},
            {"letter": "E", "title": "Experts' reports", "documents": [
                {"pdf": "external/report.pdf", "title": "Parenting assessment", "dated": "2026-09-18",
                 "author": "Dr Imogen Fakename", "kind": "expert-report"},
                {"pdf": "external/tree.pdf", "title": "Family tree", "dated": "2026-11-02", "author": "The council"},
                {"pdf": "external/letter.pdf", "title": "Letter from the school", "dated": "2026-12-01",
                 "author": "Exampleton Primary School"},
            ]},
        ],
    }
    manifest.update(changes)
    return manifest


@functools.cache
def external_pdfs() -> dict[str, bytes]:
    return {
        "order.pdf": text_pdf("Interim care order", ["A fictional order."]),
        "report.pdf": text_pdf("Parenting assessment", ["A fictional report."], pages=4, landscape_page=True),
        "tree.pdf": family_tree_pdf(),
        "letter.pdf": corner_text_pdf(),
    }


def without_case(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest with section D's permdocs documents swapped for a PDF, for
    tests about external files (rendering the case would only add time)."""
    manifest["sections"][1]["documents"] = [
        {"pdf": "external/order.pdf", "title": "Placeholder for the care plan", "dated": "2026-11-16", "author": "A"}
    ]
    return manifest


def bundle_folder(tmp: Path, manifest: dict[str, Any] | None = None, name: str = "bundle.yaml") -> Path:
    """A bundle folder: the case, the external PDFs and the manifest."""
    (tmp / "external").mkdir(parents=True, exist_ok=True)
    shutil.copy(CASE_SAMPLE, tmp / "case.json")
    for file_name, data in external_pdfs().items():
        (tmp / "external" / file_name).write_bytes(data)
    path = tmp / name
    data = manifest or fixture_manifest()
    path.write_text(json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data, sort_keys=False))
    return path


def qpdf_check(pdf: bytes) -> None:
    """qpdf --check passes on ``pdf``."""
    qpdf = require_program("qpdf")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        done = subprocess.run([qpdf, "--check", file.name], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def build_checked(path: Path, **options: Any) -> Bundle:
    """The bundle ``path`` describes, having passed qpdf --check."""
    bundle = build_bundle(load_manifest(path), **options)
    qpdf_check(bundle.pdf)
    return bundle


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
