"""Other programs accept our files: LibreOffice opens every DOCX, qpdf and
poppler accept every PDF. Skipped (with the reason) where a program is
missing; .ci/run installs them, so CI always runs these."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import SAMPLES, rendered, require_program, sample_ids


def _pdf_file(sample: Path, folder: Path) -> Path:
    path = folder / f"{sample.stem}.pdf"
    path.write_bytes(rendered(sample, "pdf"))
    return path


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    soffice = require_program("soffice")
    folder = tmp_path_factory.mktemp("libreoffice")
    inputs = []
    for sample in SAMPLES:
        path = folder / f"{sample.stem}.docx"
        path.write_bytes(rendered(sample, "docx"))
        inputs.append(str(path))
    profile = (folder / "profile").as_uri()
    # One LibreOffice start for all files: it takes seconds to start.
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *inputs],
        check=True, capture_output=True, timeout=300,
    )
    return {sample.stem: folder / f"{sample.stem}.pdf" for sample in SAMPLES}


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_libreoffice_opens_the_docx(sample: Path, libreoffice_pdfs: dict[str, Path]) -> None:
    pdftotext = require_program("pdftotext")
    converted = libreoffice_pdfs[sample.stem]
    assert converted.exists(), "LibreOffice could not convert the DOCX"
    text = subprocess.run([pdftotext, "-layout", str(converted), "-"], capture_output=True, text=True, check=True).stdout
    assert "permanence plan" in text.lower()
    assert "13. Sign-off and endorsement" in text
    assert "Page 1 of" in text and "OFFICIAL-SENSITIVE" in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_qpdf_finds_no_errors(sample: Path, tmp_path: Path) -> None:
    qpdf = require_program("qpdf")
    path = _pdf_file(sample, tmp_path)
    done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_poppler_reads_the_text_and_fonts(sample: Path, tmp_path: Path) -> None:
    pdffonts = require_program("pdffonts")
    path = _pdf_file(sample, tmp_path)
    fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line and "Liberation-Sans" in line for line in fonts)
