"""Every DOCX permdocs writes passes an OOXML schema and semantic check
(openxml-audit): Word refuses or "repairs" files that LibreOffice opens
without a word (run properties out of order, a table cell with no paragraph)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

import permdocs

from conftest import BABY, showcase_sample_of_each_document

VALIDATOR = OpenXmlValidator()


def _each_part_checked_once(validate_part: Callable[..., Any]) -> Callable[..., Any]:
    """A part's check, skipped for a part whose exact bytes already passed.

    Most of a Word file's elements are in styles.xml (9,000 of 12,000 in the
    care plan), the same bytes in every copy made from one template and
    profile; the parts a render writes (the body, numbering, the court's
    styles) differ, and are checked every time. A part that failed is never
    remembered, so its errors are reported wherever it appears."""
    passed: set[tuple[str, bytes]] = set()

    def checked(part: Any, context: Any) -> Any:
        xml = part.xml
        key = (part.uri, hashlib.sha256(etree.tostring(xml)).digest()) if xml is not None else None
        if key in passed:
            return context.errors
        before = len(context.errors)
        result = validate_part(part, context)
        if key is not None and len(context.errors) == before:
            passed.add(key)
        return result

    return checked


# The validator's schema and semantic checks, each run once per distinct part.
VALIDATOR._schema_validator.validate_part = _each_part_checked_once(VALIDATOR._schema_validator.validate_part)
VALIDATOR._semantic_validator_word.validate_part = _each_part_checked_once(VALIDATOR._semantic_validator_word.validate_part)


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


def test_a_fault_in_a_part_that_passed_before_is_still_found(tmp_path: Path) -> None:
    # Parts are remembered by their exact bytes: a styles.xml that differs by
    # one misplaced element is checked afresh, and a failing part is never remembered.
    import io
    import zipfile

    good = permdocs.render(permdocs.load_case(BABY), "care-plan-permanence", "docx")
    assert ooxml_errors(good, tmp_path) == []
    source, faulty = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    with zipfile.ZipFile(faulty, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b"<w:rPr>", b"<w:rPr><w:bogus/>", 1)
            target.writestr(item, data)
    assert ooxml_errors(faulty.getvalue(), tmp_path) != []
    assert ooxml_errors(faulty.getvalue(), tmp_path) != []
