"""The leak test: for every sample, every document, every audience and every
format, no value the audience withholds appears anywhere in the output:
body, headers, footers, properties, PDF metadata and bookmarks, alt text or
the file name. Documents added later join it through the registry.

PDFs are rendered for every document and audience of one sample (the one
with most to withhold); DOCX and HTML for all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import permdocs

from conftest import SAMPLES, applicable_pairs, sample_dict
from leak import leaks, output_text, withheld_values

PDF_SAMPLE = "baby-in-proceedings"
#: Documents already rendered to PDF for PDF_SAMPLE; the rest (those it lacks,
#: like the later-life letter) get their PDFs from the samples that have them.
PDF_EVERYWHERE_ELSE = ("care-plan-permanence", "options-analysis", "route-comparison")
#: Calendar files (.ics) join wherever a copy offers them: the family-time
#: agreement's agency and carers' copies.

CASES = [
    pytest.param(sample, permdocs.DOCUMENTS[name], audience, id=f"{sample.stem}-{name}-{audience}")
    for sample, name in applicable_pairs()
    for audience in permdocs.DOCUMENTS[name].audiences
]


def _withholds(document: Any, audience: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in document.audiences[audience].withholds.items()}


@pytest.mark.parametrize(("sample", "document", "audience"), CASES)
def test_no_withheld_value_reaches_the_audience(sample: Path, document: Any, audience: str) -> None:
    # PDFs for the sample with most to withhold, and for every copy of documents with one audience.
    withholding = audience != document.default_audience.name or len(document.audiences) == 1
    pdf = withholding and (sample.stem == PDF_SAMPLE or document.name not in PDF_EVERYWHERE_ELSE)
    wanted = ("docx", "html", "pdf", "ics") if pdf else ("docx", "html", "ics")
    formats = tuple(f for f in wanted if f in document.formats_for(document.audiences[audience]))
    values = withheld_values(sample_dict(sample.stem), _withholds(document, audience))
    case = permdocs.load_case(sample)
    # A draft carries everything a final document does, and the open findings too.
    request = permdocs.RenderRequest(document.name, formats, audience, draft=True)
    for name, data in permdocs.render_outputs(case, request).items():
        assert leaks(output_text(name, data), values) == [], f"{name} shows values withheld from the {audience} audience"


def test_the_harness_finds_what_is_there() -> None:
    # The professional copy names the carers and the placement: the same
    # harness must find the family copy's withheld values in it.
    values = withheld_values(sample_dict(PDF_SAMPLE), {"placement": "role", "birth-family-contact": "omit"})
    assert {"Fosterfield", "14 Quillon Mews", "Larkhaven", "Bumblewick Day Nursery"} <= values
    case = permdocs.load_case(SAMPLES[[s.stem for s in SAMPLES].index(PDF_SAMPLE)])
    request = permdocs.RenderRequest("care-plan-permanence", ("docx", "html", "pdf"))
    for name, data in permdocs.render_outputs(case, request).items():
        found = leaks(output_text(name, data), values)
        assert {"Fosterfield", "Larkhaven", "Bumblewick Day Nursery"} <= set(found), name


def test_matching_allows_for_case_line_breaks_and_hyphenation() -> None:
    assert leaks("lives at 14 QUILLON\nMews now", {"14 Quillon Mews"}) == ["14 Quillon Mews"]
    assert leaks("the Lark-\nhaven area", {"Larkhaven"}) == ["Larkhaven"]
    assert leaks("Bumble\u00adwick Day Nursery", {"Bumblewick Day Nursery"}) == ["Bumblewick Day Nursery"]
    assert leaks("Joanna", {"Jo"}) == []
