"""A profile's own address lines, fonts and stylesheet: checked when the
profile is loaded (untrusted input), and used in the HTML and the PDF."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import permdocs
from permdocs.cli import main
from permdocs.profiles.assets import embedding_problem

from conftest import BABY, DOCUMENT, ROOT
from font_fixtures import make_font

DEFAULT = ROOT / "templates" / "profiles" / "default"


def council(tmp_path: Path, *, replace: dict[str, str] | None = None, append: str = "") -> Path:
    folder = tmp_path / "council"
    shutil.copytree(DEFAULT, folder)
    text = (folder / "profile.toml").read_text()
    for old, new in (replace or {}).items():
        assert old in text
        text = text.replace(old, new)
    (folder / "profile.toml").write_text(text + append)
    return folder


def refusal(folder: Path) -> str:
    with pytest.raises(permdocs.InvalidProfileError) as caught:
        permdocs.load_profile(folder)
    return str(caught.value)


CASE = permdocs.load_case(BABY)
THREE_LINES = 'address = """\nCounty Hall\nZztest Street\nExampleton FX0 0ZZ"""'


@pytest.mark.parametrize(
    "address", [THREE_LINES, 'address = ["County Hall", "Zztest Street", "Exampleton FX0 0ZZ"]'], ids=["text", "list"],
)
def test_an_address_of_several_lines_prints_a_line_each_in_html(tmp_path: Path, address: str) -> None:
    folder = council(tmp_path, replace={'address = "County Hall, Exampleton FX0 0ZZ"': address})
    html = permdocs.render(CASE, DOCUMENT, "html", profile=folder).decode()
    assert "County Hall<br>Zztest Street<br>Exampleton FX0 0ZZ" in html
    assert permdocs.load_profile(folder).profile.council.address_lines == ("County Hall", "Zztest Street", "Exampleton FX0 0ZZ")


def test_an_address_line_with_a_control_character_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = council(tmp_path, replace={'address = "County Hall, Exampleton FX0 0ZZ"': 'address = ["County Hall\\u0007"]'})
    assert "council.address[0] (line 9): contains the control character U+0007" in refusal(folder)


@pytest.mark.parametrize(
    ("flags", "refused"),
    [(0x0000, None), (0x0004, None), (0x0008, None), (0x0002, "restricted licence"), (0x0100, "may not be subset"),
     (0x0200, "only its bitmaps")],
    ids=["installable", "preview-print", "editable", "restricted", "no-subsetting", "bitmap-only"],
)
def test_embedding_flags(flags: int, refused: str | None) -> None:
    problem = embedding_problem(flags)
    assert (problem is None) if refused is None else (refused in (problem or ""))


def test_a_restricted_font_is_refused_naming_the_key_and_line(tmp_path: Path) -> None:
    folder = council(tmp_path, replace={'font = "Liberation Sans"': 'font = "Zztest Sans"\nfonts = "fonts"'})
    make_font(folder / "fonts" / "zztest.ttf", fs_type=0x0002)
    assert "branding.fonts (line 15): zztest.ttf may not be embedded" in refusal(folder)


def test_a_font_without_an_open_licence_is_refused(tmp_path: Path) -> None:
    folder = council(tmp_path, replace={'font = "Liberation Sans"': 'font = "Zztest Sans"\nfonts = "fonts"'})
    make_font(folder / "fonts" / "zztest.ttf", licence="You may use this font as permitted by the EULA")
    assert "does not say in its licence fields that it is under an open licence" in refusal(folder)


def test_a_font_name_the_folder_does_not_have_is_refused_with_what_it_has(tmp_path: Path) -> None:
    folder = council(tmp_path, replace={'font = "Liberation Sans"': 'font = "Zztest Sanz"\nfonts = "fonts"'})
    make_font(folder / "fonts" / "zztest.ttf")
    assert "branding.font (line 14): names no font permdocs has" in refusal(folder)
    assert "the profile's fonts folder has: Zztest Sans" in refusal(folder)


def test_not_a_font_is_refused(tmp_path: Path) -> None:
    folder = council(tmp_path, replace={'font = "Liberation Sans"': 'font = "Zztest Sans"\nfonts = "fonts"'})
    (folder / "fonts").mkdir()
    (folder / "fonts" / "fake.ttf").write_bytes(b"\x00\x01\x00\x00 not really a font")
    assert "fake.ttf is not a font permdocs can read" in refusal(folder)


@pytest.mark.slow
def test_a_profiles_own_font_is_embedded_in_the_pdf_and_named_in_word(tmp_path: Path) -> None:
    folder = council(tmp_path, replace={'font = "Liberation Sans"': 'font = "Zztest Sans"\nfonts = "fonts"'})
    make_font(folder / "fonts" / "zztest-regular.ttf")
    make_font(folder / "fonts" / "zztest-bold.ttf", bold=True)
    pdf = PdfReader(io.BytesIO(permdocs.render(CASE, DOCUMENT, "pdf", profile=folder)))
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for page in pdf.pages
             for font in page["/Resources"]["/Font"].values()}
    assert {"Zztest-Sans", "Zztest-Sans-Bold"} <= fonts
    html = permdocs.render(CASE, DOCUMENT, "html", profile=folder).decode()
    assert 'font-family: "Zztest Sans", "Liberation Sans", serif' in html
    assert "file:" not in html  # the screen copy names the family; only the PDF reads the files
    from permdocs.profiles import load_profile

    assert load_profile(folder).word_font == "Zztest Sans"


def test_a_stylesheet_that_only_styles_is_added_after_permdocs_own(tmp_path: Path) -> None:
    folder = council(tmp_path, replace={'font = "Liberation Sans"': 'font = "Liberation Sans"\nstylesheet = "council.css"'})
    (folder / "council.css").write_text("h1 { color: #123456; letter-spacing: 0.02em; }\n@media print { h2 { color: black; } }\n")
    html = permdocs.render(CASE, DOCUMENT, "html", profile=folder).decode()
    assert html.index("letter-spacing: 0.02em") > html.index("--accent")


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("h1 { background: url(https://example.invalid/x.png) }", "council.css, line 1, column 18: the stylesheet may not load"),
        ("\n@import 'other.css';", "council.css, line 2, column 1: @import is not allowed"),
        ("@font-face { font-family: X; src: url(x.ttf) }", "@font-face is not allowed"),
        ("p { width: 100000000px }", "a value larger than 10,000 is not allowed"),
        ("p::after { content: '</style><script>' }", "'<' may not appear in a stylesheet"),
        ("p { behavior: x }", "the property 'behavior' is not allowed"),
        ("h1 { color: red", None),
    ],
    ids=["url", "import", "font-face", "huge", "end-style", "behavior", "unclosed"],
)
def test_a_stylesheet_that_loads_or_escapes_is_refused(tmp_path: Path, css: str, expected: str | None) -> None:
    folder = council(tmp_path, replace={'font = "Liberation Sans"': 'font = "Liberation Sans"\nstylesheet = "council.css"'})
    (folder / "council.css").write_text(css)
    if expected is None:  # CSS's own error recovery closes what is left open: harmless
        assert permdocs.load_profile(folder).stylesheet == css
        return
    message = refusal(folder)
    assert "branding.stylesheet (line 15): " in message and expected in message


def test_profile_new_copies_the_default_profile_named_after_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "Our Council"
    result = CliRunner().invoke(main, ["profile", "new", str(target)])
    assert result.exit_code == 0, result.output
    loaded = permdocs.load_profile(target)
    assert loaded.profile.id == "our-council"
    assert (target / "logo.png").read_bytes() == (DEFAULT / "logo.png").read_bytes()
    assert "# " in (target / "profile.toml").read_text()  # the comments that explain each key come too
    again = CliRunner().invoke(main, ["profile", "new", str(target)])
    assert again.exit_code == 2 and "already exist" in again.output
    devon = CliRunner().invoke(main, ["profile", "new", str(tmp_path / "d"), "--from", "Devon-Style"])
    assert devon.exit_code == 0 and permdocs.load_profile(tmp_path / "d").terms.family_time == "Family Time"
    missing = CliRunner().invoke(main, ["profile", "new", str(tmp_path / "e"), "--from", "nowhere"])
    assert missing.exit_code == 2 and "default, devon-style, essex-style" in missing.output
