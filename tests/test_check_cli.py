"""`permdocs check`, and how rendering treats cases with open findings."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

import permdocs
from permdocs.cli import main

from conftest import DOCUMENT, ROOT, sample_dict, visible_files
from readable import docx_parts, docx_text


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def case_with_errors(tmp_path: Path) -> Path:
    data: dict[str, Any] = sample_dict()
    data["plans"]["contingency"] = None  # PP-004, an error
    data["identity_needs"] = []  # PP-015, a warning
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    return path


def test_check_passes_a_clean_case() -> None:
    result = run("check", str(ROOT / "samples" / "baby-in-proceedings.json"))
    assert result.exit_code == 0
    assert "No findings." in result.output
    assert "Key dates" in result.output


def test_warnings_alone_do_not_fail_the_check() -> None:
    result = run("check", str(ROOT / "samples" / "long-term-fostering.json"))
    assert result.exit_code == 0
    assert "Warnings (2)" in result.output and "PP-015" in result.output and "AU-004" in result.output


def test_errors_fail_the_check_and_are_grouped_by_severity(tmp_path: Path) -> None:
    result = run("check", str(case_with_errors(tmp_path)))
    assert result.exit_code == 3
    assert result.output.index("Errors (1)") < result.output.index("Warnings (1)")
    assert "PP-004" in result.output and "$.plans.contingency" in result.output


def test_check_json_is_machine_readable(tmp_path: Path) -> None:
    result = run("check", str(case_with_errors(tmp_path)), "--json")
    assert result.exit_code == 3
    report = json.loads(result.output)
    assert (report["errors"], report["warnings"]) == (1, 1)
    assert report["findings"][0] == {
        "rule": "PP-004",
        "severity": "error",
        "message": "There is no contingency plan for what happens if the primary plan fails.",
        "path": "$.plans.contingency",
        "source": "Planning for Permanency para 7; Devon 2020, Communicating the permanence plan",
        "hint": "",
        "group": "practice",
    }
    assert report["key_dates"][1]["key"] == "review_1" and report["key_dates"][1]["due"] == "2026-06-17"


def test_json_paths_are_never_split_across_lines_at_80_columns(tmp_path: Path) -> None:
    data: dict[str, Any] = sample_dict("adoption-family-time")
    for arrangement in data["family_time"]:
        arrangement["review_on"] = None  # FT-003 on each: long paths
    data["family_time"][2]["venue"] = None  # FT-001
    data["plans"]["primary"].update(route="long_term_fostering")  # findings with hints
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["check", str(path)])
    report = json.loads(run("check", str(path), "--json").output)
    assert report["findings"] and all(len(line) <= 80 for line in result.output.splitlines())
    for finding in report["findings"]:
        assert finding["path"] in result.output, finding["path"]
    # Each finding keeps a readable width beside its path (no two-word lines).
    assert "(letters-mother)" in result.output and "grandmother-yearly" in result.output


def test_check_as_of_another_day() -> None:
    result = run("check", str(ROOT / "samples" / "baby-in-proceedings.json"), "--as-of", "2027-03-20", "--json")
    report = json.loads(result.output)
    assert [f["rule"] for f in report["findings"]] == ["PP-001", "PP-013"]
    assert result.exit_code == 3


def test_check_refuses_an_invalid_case(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text("{")
    assert run("check", str(path)).exit_code == 2


def test_final_render_is_refused_while_errors_remain(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("render", str(case_with_errors(tmp_path)), "--doc", DOCUMENT, "--out", str(out))
    assert result.exit_code == 2
    assert "PP-004 $.plans.contingency" in result.output
    assert "--draft" in result.output and "permdocs check" in result.output
    assert "PP-015" not in result.output  # warnings never block
    assert not out.exists()


def test_the_library_refuses_too(tmp_path: Path) -> None:
    case = permdocs.load_case(case_with_errors(tmp_path))
    with pytest.raises(permdocs.UnresolvedFindingsError) as caught:
        permdocs.render(case, DOCUMENT, "html")
    assert [f.rule for f in caught.value.findings] == ["PP-004"]


@pytest.fixture(scope="module")
def draft_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("draft")
    result = run("render", str(case_with_errors(folder)), "--doc", DOCUMENT, "--out", str(folder / "out"), "--draft")
    assert result.exit_code == 0, result.output
    return {path.suffix: path.read_bytes() for path in visible_files(folder / "out")}


def test_draft_files_are_named_as_drafts(tmp_path: Path) -> None:
    run("render", str(case_with_errors(tmp_path)), "--doc", DOCUMENT, "--format", "html", "--out", str(tmp_path / "o"), "--draft")
    assert [p.name for p in visible_files(tmp_path / "o")] == ["care-plan-permanence_FX-2026-0412_DRAFT.html"]


def test_every_pdf_page_of_a_draft_says_draft(draft_files: dict[str, bytes]) -> None:
    pages = PdfReader(io.BytesIO(draft_files[".pdf"])).pages
    assert len(pages) > 1
    for page in pages:
        assert page.extract_text().count("DRAFT") >= 2  # the page mark and the watermark


def test_the_docx_header_of_a_draft_says_draft(draft_files: dict[str, bytes]) -> None:
    data = draft_files[".docx"]
    headers = [docx_text(data, name) for name in docx_parts(data) if name.startswith("word/header")]
    assert headers and all(text.startswith("DRAFT · OFFICIAL-SENSITIVE") for text in headers)


@pytest.mark.parametrize("suffix", [".docx", ".html", ".pdf"])
def test_a_draft_lists_its_open_findings(draft_files: dict[str, bytes], suffix: str) -> None:
    data = draft_files[suffix]
    if suffix == ".docx":
        text = docx_text(data)
    elif suffix == ".pdf":
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode()
    assert "Appendix: open findings" in text
    assert "PP-004" in text and "PP-015" in text


def test_the_html_of_a_draft_has_a_banner(draft_files: dict[str, bytes]) -> None:
    html = draft_files[".html"].decode()
    assert re.search(r'<body class="[^"]*\bdraft\b', html)
    assert 'class="draft-banner"' in html and 'class="draft-watermark"' in html


def test_a_final_document_carries_no_draft_marks() -> None:
    html = permdocs.render(permdocs.load_case(ROOT / "samples" / "baby-in-proceedings.json"), DOCUMENT, "html").decode()
    assert "DRAFT" not in html


def test_check_compares_the_agency_with_the_profile_it_is_given() -> None:
    # The long-term fostering case is Moorshire's (devon-style); with the default profile it is not.
    result = run("check", str(ROOT / "samples" / "long-term-fostering.json"), "--profile", "default", "--json")
    assert result.exit_code == 0
    findings = [(f["rule"], f["path"]) for f in json.loads(result.output)["findings"]]
    assert ("AU-001", "$.authorship.agency.name") in findings
    assert "Moorshire" not in result.output  # the case's agency is never quoted; the profile's council is
