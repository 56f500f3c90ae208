"""Council styling in Word works as Word users expect: a council's own
template keeps its styles; a reference Word file restyles every document at
once; templates saved by LibreOffice work; a missing style is a clear refusal."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt, RGBColor

import permdocs
import permdocs.describe.template_check

from conftest import BABY, ROOT, one_file_options, require_program
from readable import docx_all_text
from test_ooxml import ooxml_errors

DOCUMENT = "care-plan-permanence"
COVER_PAGE = ROOT / "samples" / "profiles" / "cover-page-council"
GREEN = RGBColor(0x00, 0x88, 0x44)


def _council(tmp_path: Path, *, override: Path | None = None, reference: Path | None = None) -> Path:
    folder = tmp_path / "council"
    shutil.copytree(COVER_PAGE, folder)
    shutil.rmtree(folder / "overrides")
    text = (folder / "profile.toml").read_text()
    if override is not None:
        (folder / "overrides" / "docx").mkdir(parents=True)
        shutil.copy(override, folder / "overrides" / "docx" / f"{DOCUMENT}.docx")
    else:
        text = text.replace('overrides = "overrides"\n', "")
    if reference is not None:
        shutil.copy(reference, folder / "reference.docx")
        text = text.replace("[council]", 'reference_docx = "reference.docx"\n\n[council]')
    (folder / "profile.toml").write_text(text)
    return folder


def _restyled(path: Path, font: str = "Courier New") -> Path:
    """The packaged template with Heading 1 restyled, as a council would in Word."""
    word = Document(str(permdocs.DOCUMENTS[DOCUMENT].template("docx")))
    heading = word.styles["Heading 1"]
    heading.font.name, heading.font.size, heading.font.color.rgb = font, Pt(18), GREEN
    word.save(path)
    return path


def _heading_1(data: bytes) -> tuple[str | None, RGBColor | None]:
    # By id: LibreOffice saves the name as "Heading 1", Word as "heading 1".
    word = Document(io.BytesIO(data))
    style = next(s for s in word.styles if s.style_id == "Heading1")
    return style.font.name, style.font.color.rgb


def test_packaged_templates_take_the_profiles_font_and_colour() -> None:
    case = permdocs.load_case(BABY)
    data = permdocs.render(case, DOCUMENT, "docx", profile="essex-style")
    assert _heading_1(data)[0] == "Times New Roman"


def test_a_councils_own_word_styles_win(tmp_path: Path) -> None:
    council = _council(tmp_path, override=_restyled(tmp_path / "restyled.docx"))
    case = permdocs.load_case(BABY)
    data = permdocs.render(case, DOCUMENT, "docx", profile=council)
    assert _heading_1(data) == ("Courier New", GREEN)
    assert ooxml_errors(data, tmp_path) == []


def test_a_reference_word_file_restyles_every_document(tmp_path: Path) -> None:
    reference = Document()
    heading = reference.styles["Heading 1"]
    heading.font.name, heading.font.color.rgb = "Georgia", GREEN
    header = reference.sections[0].header.paragraphs[0]
    header.text = "Fictionshire Children's Services · {{ document.protective_marking }} · {{ document.case_reference }}"
    header.add_run().add_picture(str(COVER_PAGE / "logo.png"), height=Pt(20))
    reference.sections[0].footer.paragraphs[0].text = "Kept in the case record. {{ document.title }}"
    reference.save(tmp_path / "reference.docx")
    council = _council(tmp_path, reference=tmp_path / "reference.docx")
    case = permdocs.load_case(BABY)
    for document in [n for n, d in permdocs.DOCUMENTS.items() if not d.missing_from(case)]:
        options = one_file_options(case, document)
        data = permdocs.render(case, document, "docx", profile=council, options=options)
        assert _heading_1(data) == ("Georgia", GREEN)
        text = docx_all_text(data)
        assert "Fictionshire Children's Services · OFFICIAL-SENSITIVE · FX-2026-0412" in text
        assert "Kept in the case record." in text
        assert any(name.startswith("word/media/") for name in __import__("zipfile").ZipFile(io.BytesIO(data)).namelist())
        assert ooxml_errors(data, tmp_path) == [], document
    assert [str(f) for f in permdocs.describe.template_check.check_templates(permdocs.load_profile(council))] == []


def test_a_reference_header_is_checked_like_a_template(tmp_path: Path) -> None:
    reference = Document()
    reference.sections[0].header.paragraphs[0].text = "{{ document.case_referense }}"
    reference.save(tmp_path / "reference.docx")
    council = _council(tmp_path, reference=tmp_path / "reference.docx")
    findings = [str(f) for f in permdocs.describe.template_check.check_templates(permdocs.load_profile(council))]
    assert findings == [
        "docx/reference.docx (reference), header1.xml, paragraph \"{{ document.case_referense }}\": "
        "'DocumentInfo' has no field 'case_referense'; did you mean 'case_reference'?"
    ]


@pytest.mark.slow
def test_a_template_restyled_and_saved_by_libreoffice_keeps_its_styles(tmp_path: Path) -> None:
    soffice = require_program("soffice")
    restyled = _restyled(tmp_path / "restyled.docx", font="Liberation Mono")
    saved = tmp_path / "saved"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(saved), str(restyled)],
        check=True, capture_output=True, timeout=180,
    )
    council = _council(tmp_path, override=saved / "restyled.docx")
    assert [str(f) for f in permdocs.describe.template_check.check_templates(permdocs.load_profile(council))] == []
    case = permdocs.load_case(BABY)
    data = permdocs.render(case, DOCUMENT, "docx", profile=council)
    assert _heading_1(data) == ("Liberation Mono", GREEN)
    assert "Ada" in docx_all_text(data)
    assert ooxml_errors(data, tmp_path) == []
