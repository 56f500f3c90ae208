"""Council profiles: loading, validation, and each council's words throughout."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import permdocs
from permdocs.base.colours import BLACK, MINIMUM_CONTRAST, WHITE, accent_tint, contrast_ratio, darkest_needed
from permdocs.cli import main
from permdocs.describe.schemas import schema_text
from permdocs.profiles import shipped_profiles

from conftest import BABY, DOCUMENT, ROOT, SAMPLES, sample_ids, visible_files
from readable import docx_all_text

PROFILES = ROOT / "templates" / "profiles"

#: Words that belong to one council's vocabulary and must not appear in
#: another's documents (brief section 2). Matched case-sensitively, and with
#: the first letter capitalised for lower-case terms.
DISTINCTIVE = {
    "default": ["contact", "looked after"],
    "devon-style": ["Family Time", "Child in Care Review", "Permanence Plan"],
    "essex-style": ["Life Plan"],
}


def test_the_shipped_profiles() -> None:
    assert shipped_profiles() == ["default", "devon-style", "essex-style"]
    for name in shipped_profiles():
        loaded = permdocs.load_profile(name)
        assert loaded.profile.id == name
        assert loaded.logo_path is not None and loaded.logo_path.read_bytes().startswith(b"\x89PNG")
        # No shipped council marks the letter a child keeps, nor sets otherwise: the covering letter carries it.
        assert loaded.profile.branding.marking_on_letters_to_a_child == "covering-letter"


def test_every_colour_permdocs_sets_text_in_reads_at_4_5_to_1() -> None:
    """WCAG 2.2 AA (1.4.3): each shipped profile's headings on white and
    table headers on its tint, and the fixed colours of the stylesheets."""
    for name in shipped_profiles():
        accent = permdocs.load_profile(name).profile.branding.accent_colour
        assert contrast_ratio(accent, WHITE) >= MINIMUM_CONTRAST, name
        assert contrast_ratio(BLACK, "#" + accent_tint(accent)) >= MINIMUM_CONTRAST, name
    css = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "templates" / "assets").glob("*.css"))
    # The text and background pairs the stylesheets fix, found by the rules that set them.
    assert "table.data th { background: #105e68; color: #fff; }" in css
    assert ".grid th[scope=\"row\"] { background: #f2f2f2; }" in css
    for text, background in ((WHITE, "#105e68"), (BLACK, "#f2f2f2")):
        assert contrast_ratio(text, background) >= MINIMUM_CONTRAST, (text, background)


def test_the_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio("#777777", WHITE) == pytest.approx(4.48, abs=0.01)  # WCAG's own example of a near miss
    assert contrast_ratio(darkest_needed("#FFD700"), WHITE) >= MINIMUM_CONTRAST


def test_committed_profile_schema_matches_the_model() -> None:
    assert (ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8") == schema_text("profile")


def _profile_copy(tmp_path: Path, edit: Any) -> Path:
    folder = tmp_path / "council"
    shutil.copytree(PROFILES / "default", folder)
    path = folder / "profile.toml"
    path.write_text(edit(path.read_text()))
    return folder


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace('"#1F4E79"', '"blue"'), "branding.accent_colour (line 13): must be a colour written as #"),
        (lambda t: t + "\n[extra]\nkey = 1\n", "extra (line 33): is not a field here"),
        (lambda t: t.replace('logo = "logo.png"', 'logo = "../../../etc/hostname"'),
         "council.logo (line 10): must name a file or folder inside the profile's folder"),
        (lambda t: t.replace('family_time = "contact"\n', ""), "terms.family_time (line 17): is required but missing"),
        (lambda t: t.replace('font = "Liberation Sans"', 'font = "Comic Sans MS"'),
         "branding.font (line 14): names no font permdocs has (shipped: Liberation Sans, Liberation Serif)"),
        (lambda t: t.replace("[branding]", "[brandin]"), "brandin (line 12): is not a field here; did you mean 'branding'?"),
        (lambda t: t.replace("care_plan_working_days = 10", "care_plan_working_days = 100"),
         "policy.care_plan_working_days (line 30): must be at most 60"),
        (lambda t: t + "\n[[broken", "profile.toml (line 33): is not valid TOML, at the end: Expected ']]'"),
        (lambda t: t.replace('font = "Liberation Sans"', 'font = "Liberation Sans"\nmarking_on_letters_to_a_child = "letter"'),
         "branding.marking_on_letters_to_a_child (line 15): did you mean 'covering-letter'? It must be one of the codes: "
         "covering-letter, none"),
        (lambda t: t.replace('"#1F4E79"', '"#7FA7D0"'),
         "branding.accent_colour (line 13): #7FA7D0 is too pale for headings on white paper: its contrast is 2.5:1, "
         "and WCAG 2.2 AA asks for at least 4.5:1; the same colour darkened, #5B7896, would do"),
    ],
    ids=["colour", "unknown-key", "logo-outside", "missing-term", "unbundled-font", "misspelt-table", "too-many-days",
         "not-toml", "letter-marking", "low-contrast"],
)
def test_invalid_profiles_are_refused_by_toml_key_and_line(tmp_path: Path, edit: Any, expected: str) -> None:
    with pytest.raises(permdocs.InvalidProfileError) as caught:
        permdocs.load_profile(_profile_copy(tmp_path, edit))
    assert any(str(problem).startswith(expected) for problem in caught.value.problems), caught.value.problems


def test_an_unknown_profile_on_the_command_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(BABY), "--doc", DOCUMENT, "--profile", "nowhere", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "no profile called 'nowhere'" in result.output and "devon-style" in result.output
    assert "Traceback" not in result.output


def test_a_case_names_its_profile_and_the_command_line_overrides_it(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "long-term-fostering.json"  # names devon-style
    out = tmp_path / "out"
    CliRunner().invoke(main, ["render", str(sample), "--doc", DOCUMENT, "--format", "html", "--out", str(out / "a")])
    CliRunner().invoke(
        main, ["render", str(sample), "--doc", DOCUMENT, "--format", "html", "--out", str(out / "b"), "--profile", "essex-style"]
    )
    assert "Family Time" in visible_files(out / "a")[0].read_text()
    assert "Life Plan" in visible_files(out / "b")[0].read_text()


def test_a_case_names_a_profile_in_the_configured_profiles_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _profile_copy(tmp_path, lambda t: t.replace('name = "Fictionshire County Council"', 'name = "Testshire Borough"'))
    data = json.loads(BABY.read_text())
    data.pop("$schema")
    data["profile"] = "council"
    (tmp_path / "case.json").write_text(json.dumps(data))
    args = ["render", str(tmp_path / "case.json"), "--doc", DOCUMENT, "--format", "html", "--out", str(tmp_path / "o")]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2 and "$.profile: names no a shipped profile" not in refused.output
    assert "$.profile: names no shipped profile" in refused.output and "council" not in refused.output.split("$.profile")[1][:40]
    monkeypatch.setenv("PERMDOCS_PROFILES_DIR", str(tmp_path))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Testshire Borough" in visible_files(tmp_path / "o")[0].read_text()


@pytest.mark.parametrize("named", ["/etc", "../council", "council/../../x", "/tmp/council"])
def test_a_case_cannot_name_a_profile_by_path(tmp_path: Path, named: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _profile_copy(tmp_path, lambda t: t)
    monkeypatch.setenv("PERMDOCS_PROFILES_DIR", str(tmp_path))
    data = json.loads(BABY.read_text())
    data["profile"] = named
    with pytest.raises(permdocs.InvalidProfileError, match=r"\$\.profile: names no shipped profile"):
        permdocs.render(permdocs.load_case(data), DOCUMENT, "html")


def _text(data: bytes, fmt: str) -> str:
    if fmt == "docx":
        text = docx_all_text(data)
    elif fmt == "pdf":
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        text = re.sub(r"<[^>]+>", " ", data.decode())
    return re.sub(r"\s+", " ", text)


#: Names fixed by statute, which no council renames: the register of ACA 2002 s.80 keeps its word "Contact".
PROPER_NAMES = ("Adoption Contact Register",)


def _says(text: str, term: str) -> bool:
    """Whole words only: 'Permanence Planning Guidance', a cited title, is not 'Permanence Plan'."""
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return re.search(rf"\b{re.escape(term)}\b", text) is not None


def _variants(term: str) -> set[str]:
    return {term, term[:1].upper() + term[1:]}


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["default", "devon-style", "essex-style"])
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_each_council_speaks_only_its_own_words(profile: str, sample: Path) -> None:
    case = permdocs.load_case(sample)
    foreign = {v for other, terms in DISTINCTIVE.items() if other != profile for t in terms for v in _variants(t)}
    own = DISTINCTIVE[profile]
    # PDF is the HTML laid out, so one sample in PDF is enough to show the
    # layout keeps the words; every sample is read in HTML and Word.
    formats = ("html", "docx", "pdf") if sample == BABY else ("html", "docx")
    # The later-life letter speaks the child's words, not the council's.
    documents = [n for n, d in permdocs.DOCUMENTS.items() if not d.missing_from(case) and n != "later-life-letter"]
    assert documents
    for fmt in formats:
        outputs = {
            name: _text(data, fmt)
            # The PDF keeps the words of the HTML it lays out: the care plan's is read, not every document's.
            for document in (documents if fmt != "pdf" else [DOCUMENT])
            for name, data in permdocs.render_outputs(case, permdocs.RenderRequest(document, (fmt,), profile=profile)).items()
        }
        texts = list(outputs.values())
        for name, text in outputs.items():
            assert not [term for term in foreign if _says(text, term)], (name, fmt)
        # Not every document needs a council's words; together they use them.
        assert any(_says(text, term) or _says(text, term.capitalize()) for term in own for text in texts), fmt


# The default profile's output is pinned by the writer snapshots already.
@pytest.mark.parametrize("profile", ["devon-style", "essex-style"])
def test_profile_html_snapshot(profile: str, html_snapshot: Any) -> None:
    case = permdocs.load_case(BABY)
    assert permdocs.render(case, DOCUMENT, "html", profile=profile) == html_snapshot


@pytest.mark.parametrize("profile", ["devon-style", "essex-style"])
def test_profile_pdf_snapshot(profile: str, pdf_snapshot: Any) -> None:
    case = permdocs.load_case(BABY)
    assert permdocs.render(case, DOCUMENT, "pdf", profile=profile) == pdf_snapshot
