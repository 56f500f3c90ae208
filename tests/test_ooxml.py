"""Every DOCX permdocs writes passes an OOXML schema and semantic check
(openxml-audit): Word refuses or "repairs" files that LibreOffice opens
without a word (run properties out of order, a table cell with no paragraph)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openxml_audit import OpenXmlValidator

import permdocs

from conftest import showcase_sample_of_each_document

VALIDATOR = OpenXmlValidator()


def ooxml_errors(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "document.docx"
    path.write_bytes(data)
    return [str(error) for error in VALIDATOR.validate(str(path)).errors]


def test_every_docx_is_valid_ooxml(sample_path: Path, document_name: str, tmp_path: Path) -> None:
    sample, document = sample_path, permdocs.DOCUMENTS[document_name]
    case = permdocs.load_case(sample)
    checked = []
    # A draft holds all that a final copy holds, and its banner and appendix. The
    # validator takes most of a second a file, so every copy, final and draft, is
    # checked for the fullest sample of each document (the court's numbered
    # paragraphs and a child's own layout among them); for the other samples,
    # whose words differ but not their structure, the default copy's draft.
    first = (sample_path, document_name) in showcase_sample_of_each_document()
    for audience in document.audiences if first else [document.default_audience.name]:
        for draft in (False, True) if first else (True,):
            request = permdocs.RenderRequest(document.name, ("docx",), audience, draft=draft)
            for name, data in permdocs.render_outputs(case, request).items():
                assert ooxml_errors(data, tmp_path) == [], name
                checked.append(name)
    assert checked


@pytest.mark.parametrize("document", list(permdocs.DOCUMENTS.values()), ids=lambda d: d.name)
def test_the_packaged_word_templates_are_valid_ooxml(document: Any, tmp_path: Path) -> None:
    assert ooxml_errors(document.template("docx").read_bytes(), tmp_path) == []
