"""Council template overrides and the template checker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

import permdocs
from permdocs.cli import main
from permdocs.describe.template_check import check_templates

from conftest import BABY, DOCUMENT, ROOT
from readable import docx_text

BROKEN = ROOT / "tests" / "fixtures" / "broken-council"
COVER_PAGE = ROOT / "samples" / "profiles" / "cover-page-council"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


REFERENCE_DOC = ROOT / "samples" / "profiles" / "reference-doc-council"


@pytest.mark.parametrize("profile", ["default", "devon-style", "essex-style", str(COVER_PAGE), str(REFERENCE_DOC)])
def test_shipped_templates_and_profiles_are_clean(profile: str) -> None:
    assert [str(f) for f in check_templates(permdocs.load_profile(profile))] == []


def test_the_broken_override_gives_the_expected_findings() -> None:
    findings = [str(f) for f in check_templates(permdocs.load_profile(BROKEN))]
    override = "html/care-plan-permanence.html (override)"
    assert findings == [
        "html/base.html (override), line 7: syntax error: Unexpected end of template. Jinja was looking for the "
        "following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
        f"{override}, line 3: 'ChildIdentity' has no field 'prefered_name'; did you mean 'preferred_name'?",
        f"{override}, line 4: 'DocumentInfo' has no field 'files'",
        f"{override}, line 4: 'read_text' is an internal attribute or a method; templates may only read the context's fields",
        f"{override}, line 5: '../../../../etc/passwd' is not one of the templates; templates cannot read other files",
        f"{override}, line 6: the terminology key 'contact_time' is not defined for profiles",
        f"{override}, line 7: '|default' hides a missing value; test optional values with 'is not none' instead",
    ]


def test_templates_check_exits_3_on_findings() -> None:
    result = run("templates", "check", "--profile", str(BROKEN))
    assert result.exit_code == 3
    assert "7 findings." in result.output
    assert run("templates", "check").exit_code == 0


def test_templates_list_shows_where_each_template_comes_from() -> None:
    output = run("templates", "list", "--profile", str(COVER_PAGE)).output
    assert "care-plan-permanence.html        packaged (overridden)" in output
    assert "care-plan-permanence.html        override" in output
    assert "base.html                        packaged " in output


def _council_with(tmp_path: Path, html: str | None = None, docx: Path | None = None) -> Path:
    folder = tmp_path / "council"
    shutil.copytree(BROKEN, folder)
    shutil.rmtree(folder / "overrides")
    (folder / "overrides" / "html").mkdir(parents=True)
    if html is not None:
        (folder / "overrides" / "html" / "care-plan-permanence.html").write_text(html)
    if docx is not None:
        (folder / "overrides" / "docx").mkdir()
        shutil.copy(docx, folder / "overrides" / "docx" / "care-plan-permanence.docx")
    return folder


def _word_file(path: Path, paragraphs: list[list[str]], footer: str = "") -> Path:
    """A council's Word template: the packaged one's styles, header and footer, with our own body."""
    document = Document(str(permdocs.DOCUMENTS[DOCUMENT].template("docx")))
    body = document.element.body
    for child in list(body)[:-1]:  # keep the final section properties
        body.remove(child)
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for run in runs:
            paragraph.add_run(run)
    document.sections[0].footer.paragraphs[0].text = footer
    document.save(path)
    return path


def test_word_template_traps_are_found(tmp_path: Path) -> None:
    word = _word_file(
        tmp_path / "t.docx",
        [
            ["Name: {", "{ child.full_name }}"],
            ["{{ child.full_name|replace(\u201ca\u201d, \u201cb\u201d) }}"],
            ["{{ need.legal|markdown }}"],
            ["{{ child.needs|default('') }}"],
            ["{{ child.prefered_name }}"],
        ],
        footer="{% if %}",
    )
    findings = [str(f) for f in check_templates(permdocs.load_profile(_council_with(tmp_path, docx=word)))]
    override = "docx/care-plan-permanence.docx (override)"
    assert findings == [
        f'{override}, document.xml, paragraph "Name: {{{{ child.full_name }}}}": the tag delimiter {{{{ is split across '
        "Word runs, which docxtpl cannot repair: retype the tag in one go",
        f'{override}, document.xml, paragraph "{{{{ child.full_name|replace(\u201ca\u201d, \u201cb\u201d) }}}}": a tag '
        "contains curly quotes: Word's AutoFormat changed them; use straight quotes",
        f'{override}, document.xml, paragraph "{{{{ need.legal|markdown }}}}": a narrative or blocks (|markdown, '
        "|blocks) must be printed with {{p ... }}, which replaces the whole paragraph",
        f'{override}, document.xml, paragraph "{{{{ child.full_name|replace(\u201ca\u201d, \u201cb\u201d) }}}}": syntax '
        "error: unexpected char '\u201c'",
        f'{override}, footer1.xml, paragraph "{{% if %}}": syntax error: Expected an expression, got \'end of statement block\'',
    ]


def test_a_word_template_without_permdocs_styles_is_reported_and_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    bare = Document()
    bare.add_paragraph("{{ child.preferred_name }}")
    bare.save(plain)
    council = _council_with(tmp_path, docx=plain)
    findings = [str(f) for f in check_templates(permdocs.load_profile(council))]
    assert findings == [
        "docx/care-plan-permanence.docx (override), styles: the template has no style called "
        f"'{name}', which permdocs draws with"
        for name in ("Permdocs Table", "Permdocs Note")
    ]
    out = tmp_path / "out"
    result = run("render", str(BABY), "--doc", DOCUMENT, "--format", "docx", "--profile", str(council), "--out", str(out))
    assert result.exit_code == 2
    assert "Template care-plan-permanence.docx: the Word template has no style called 'Permdocs Table'" in result.output
    assert not out.exists()


def test_word_template_names_are_read_against_the_context(tmp_path: Path) -> None:
    word = _word_file(tmp_path / "t.docx", [["{{ child.prefered_name }}"], ["{{ child.needs|default('') }}"]])
    findings = [str(f) for f in check_templates(permdocs.load_profile(_council_with(tmp_path, docx=word)))]
    assert findings == [
        'docx/care-plan-permanence.docx (override), document.xml, paragraph "{{ child.prefered_name }}": '
        "'ChildIdentity' has no field 'prefered_name'; did you mean 'preferred_name'?",
        'docx/care-plan-permanence.docx (override), document.xml, paragraph "{{ child.needs|default(\'\') }}": '
        "'|default' hides a missing value; test optional values with 'is not none' instead",
    ]


def test_an_override_replaces_the_packaged_template(tmp_path: Path) -> None:
    word = _word_file(tmp_path / "t.docx", [["Our own layout for {{ child.preferred_name }}"]])
    profile = permdocs.load_profile(_council_with(tmp_path, html="<p>Override for {{ child.preferred_name }}</p>", docx=word))
    case = permdocs.load_case(BABY)
    html = permdocs.render(case, DOCUMENT, "html", profile=profile)
    assert html.endswith(b"<p>Override for Ada</p>") and b"Content-Security-Policy" in html
    assert "Our own layout for Ada" in docx_text(permdocs.render(case, DOCUMENT, "docx", profile=profile))


def test_the_cover_page_example_extends_the_packaged_template() -> None:
    case = permdocs.load_case(BABY)
    html = permdocs.render(case, DOCUMENT, "html", profile=COVER_PAGE).decode()
    assert '<section class="cover" aria-label="Cover page">' in html
    assert "13. Sign-off and endorsement" in html  # the rest of the packaged document


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # No file path is in the context at all: logos and folders travel outside it.
        ("<p>\n{{ document.files.logo.read_text() }}</p>", "line 2: UndefinedError"),
        ("<p>\n\n{% include '../../../../etc/passwd' %}</p>", "line 3: TemplateNotFound"),
        ("{{ ''.__class__.__mro__ }}", "line 1: SecurityError"),
        ("{{ child.prefered_name }}",
         "line 1: UndefinedError: 'permdocs.documents.common.ChildIdentity object' has no attribute 'prefered_name'; "
         "did you mean 'preferred_name'?"),
    ],
    ids=["read-a-file", "include-a-file", "reach-internals", "misspelt-field"],
)
def test_a_council_template_cannot_escape_and_is_reported_as_input(tmp_path: Path, template: str, expected: str) -> None:
    council = _council_with(tmp_path, html=template)
    out = tmp_path / "out"
    result = run("render", str(BABY), "--doc", DOCUMENT, "--format", "html", "--profile", str(council), "--out", str(out))
    assert result.exit_code == 2
    assert f"Template care-plan-permanence.html, {expected}" in result.output
    assert "Traceback" not in result.output and "root:" not in result.output
    assert not out.exists()


def test_a_misspelt_top_level_name_gets_a_suggestion(tmp_path: Path) -> None:
    council = _council_with(tmp_path, html="<p>{{ chld.preferred_name }} {{ terms.familytime }}</p>")
    findings = [str(f) for f in check_templates(permdocs.load_profile(council))]
    assert any("'chld' is not provided by the document's context; did you mean 'child'?" in f for f in findings)
    assert any("the terminology key 'familytime' is not defined for profiles; did you mean 'family_time'?" in f for f in findings)


def test_rendering_with_a_misspelt_field_suggests_the_right_one(tmp_path: Path) -> None:
    council = _council_with(tmp_path, html="<p>{{ document.brand.council_adress }}</p>")
    result = run("render", str(BABY), "--doc", DOCUMENT, "--format", "html", "--profile", str(council),
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "has no attribute 'council_adress'; did you mean 'council_address'?" in result.output
