"""Text that looks like markup, templates or paths is printed literally, and
safely, in every format and every part of the document."""

from __future__ import annotations

import io
import json
import re
import shutil
from typing import Any

import pytest
from pypdf import PdfReader

import permdocs

from conftest import DOCUMENT, ROOT, sample_dict
from readable import docx_parts, docx_text

HOSTILE = "{{ 7*7 }} <script>alert(1)</script> & < > \" ' ![x](file:///etc/passwd)"


@pytest.fixture(scope="module")
def hostile_profile(tmp_path_factory: pytest.TempPathFactory) -> permdocs.LoadedProfile:
    """A council profile whose council name is hostile: it reaches the footer."""
    folder = tmp_path_factory.mktemp("profile")
    source = ROOT / "templates" / "profiles" / "default"
    shutil.copy(source / "logo.png", folder / "logo.png")
    text = (source / "profile.toml").read_text().replace('name = "Fictionshire County Council"', f"name = {json.dumps(HOSTILE)}")
    (folder / "profile.toml").write_text(text)
    return permdocs.load_profile(folder)


def hostile_case() -> permdocs.Case:
    data: dict[str, Any] = sample_dict()
    data["child"]["family_name"] = HOSTILE  # header
    data["child"]["preferred_name"] = "Ada & <b>Co</b>"
    data["authorship"]["agency"]["name"] = HOSTILE  # footer and metadata
    data["permanence_need"]["legal"] = f"**{HOSTILE}**\n\n- {HOSTILE}"  # narrative
    data["options"][0]["reasons"] = HOSTILE  # narrative in a table cell
    data["actions"][0]["what"] = HOSTILE  # plain text in a table cell
    data["people"][2]["relationship"] = HOSTILE
    return permdocs.load_case(data)


@pytest.fixture(scope="module")
def case() -> permdocs.Case:
    return hostile_case()


def test_docx_prints_it_literally_in_body_cells_header_and_footer(
    case: permdocs.Case, hostile_profile: permdocs.LoadedProfile
) -> None:
    data = permdocs.render(case, DOCUMENT, "docx", profile=hostile_profile)
    parts = docx_parts(data)
    body = docx_text(data)
    assert body.count(HOSTILE) >= 5
    assert "Ada & <b>Co</b>" in body
    for prefix in ("word/header", "word/footer"):
        text = "".join(docx_text(data, name) for name in parts if name.startswith(prefix))
        assert HOSTILE in text, prefix
    assert "49" not in body.replace("2026", "")
    core = parts["docProps/core.xml"].decode()
    assert "&amp;amp;" not in core  # escaped once, not twice


def test_html_escapes_it(case: permdocs.Case, hostile_profile: permdocs.LoadedProfile) -> None:
    html = permdocs.render(case, DOCUMENT, "html", profile=hostile_profile).decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1 and 'src="data:image/png;base64,' in images[0]  # the council's logo only
    assert "<b>Co</b>" not in html


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pdf_prints_it_literally(case: permdocs.Case, hostile_profile: permdocs.LoadedProfile) -> None:
    pdf = PdfReader(io.BytesIO(permdocs.render(case, DOCUMENT, "pdf", profile=hostile_profile)))
    text = _squash(" ".join(page.extract_text() for page in pdf.pages))
    assert _squash(HOSTILE) in text
    assert "/EmbeddedFiles" not in str(pdf.trailer["/Root"].get("/Names", {}))
