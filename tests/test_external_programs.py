"""Other programs accept our files: LibreOffice opens every DOCX, qpdf and
poppler accept every PDF. Skipped (with the reason) where a program is
missing; .ci/run installs them, so CI always runs these."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import permdocs

from conftest import applicable_pairs, rendered, require_program


def _pdf_file(sample: Path, folder: Path, document: str) -> Path:
    path = folder / f"{sample.stem}.{document}.pdf"
    path.write_bytes(rendered(sample, "pdf", document))
    return path


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    soffice = require_program("soffice")
    folder = tmp_path_factory.mktemp("libreoffice")
    inputs = []
    for sample, document in applicable_pairs():
        path = folder / f"{sample.stem}.{document}.docx"
        path.write_bytes(rendered(sample, "docx", document))
        inputs.append(str(path))
    profile = (folder / "profile").as_uri()
    # One LibreOffice start for all files: it takes seconds to start.
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *inputs],
        check=True, capture_output=True, timeout=300,
    )
    return {f"{sample.stem}.{d}": folder / f"{sample.stem}.{d}.pdf" for sample, d in applicable_pairs()}


@pytest.mark.slow
def test_libreoffice_opens_the_docx(sample_path: Path, document_name: str, libreoffice_pdfs: dict[str, Path]) -> None:
    pdftotext = require_program("pdftotext")
    converted = libreoffice_pdfs[f"{sample_path.stem}.{document_name}"]
    assert converted.exists(), "LibreOffice could not convert the DOCX"
    text = subprocess.run([pdftotext, "-layout", str(converted), "-"], capture_output=True, text=True, check=True).stdout
    assert permdocs.DOCUMENTS[document_name].layout.last_words in text
    # A letter a child keeps carries no protective marking (issue 24); every other document does.
    marked = not permdocs.DOCUMENTS[document_name].default_audience.for_a_child
    assert "Page 1 of" in text and ("OFFICIAL-SENSITIVE" in text) == marked
    assert "{{" not in text and "{%" not in text


@pytest.mark.slow
@pytest.mark.one_sample_per_document
def test_qpdf_finds_no_errors(sample_path: Path, document_name: str, tmp_path: Path) -> None:
    qpdf = require_program("qpdf")
    path = _pdf_file(sample_path, tmp_path, document_name)
    done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


@pytest.mark.slow
@pytest.mark.one_sample_per_document
def test_poppler_reads_the_text_and_fonts(sample_path: Path, document_name: str, tmp_path: Path) -> None:
    pdffonts = require_program("pdffonts")
    path = _pdf_file(sample_path, tmp_path, document_name)
    fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line and "Liberation-Sans" in line for line in fonts)
