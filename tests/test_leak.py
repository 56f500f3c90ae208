"""The leak test: for every sample, every document, every audience and every
format, no value the audience withholds appears anywhere in the output:
body, headers, footers, properties, PDF metadata and bookmarks, alt text or
the file name. Documents added later join it through the registry.

PDFs are rendered for every document and audience of one sample (the one
with most to withhold); DOCX and HTML for all. Beside the samples, the
reviewer's free-text case (tests/fixtures/family-time-free-text.json) runs
through every copy of the family-time agreement: withheld values written
as workers write them (a street in a venue, "the Plumbridges", a phone
number spaced differently, a nursery's name in a sentence, a postcode
without its space, a job) and an arrangement id holding a surname and a town.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

import permdocs
from permdocs.writers.pdf_checks import ua_problems

from conftest import ROOT, SAMPLES, applicable_pairs, sample_dict
from leak import leaks, output_text, withheld_values

FREE_TEXT = ROOT / "tests" / "fixtures" / "family-time-free-text.json"
#: Three cases written as workers write (issue: safeguarding by design): surnames with possessives and
#: hyphens split across lines, nicknames, streets, schools, workplaces, a confidential relative, early permanence.
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "cases").glob("*.json"))

PDF_SAMPLE = "baby-in-proceedings"
#: The cases whose every withholding copy is also read as PDF. A document
#: PDF_SAMPLE lacks (the CPR, the later-life letter) is read as PDF in the
#: first sample that has it: every copy of every document and sample is read
#: as DOCX, HTML and ICS, and the PDFs are a sample, as their layout is costly.
PDF_CASES = (PDF_SAMPLE, "early-permanence-double-barrelled")
#: Calendar files (.ics) join wherever a copy offers them: the family-time
#: agreement's agency and carers' copies.

CASES = [
    pytest.param(sample, permdocs.DOCUMENTS[name], audience, id=f"{sample.stem}-{name}-{audience}")
    for sample, name in applicable_pairs()
    for audience in permdocs.DOCUMENTS[name].audiences
] + [
    pytest.param(FREE_TEXT, permdocs.DOCUMENTS["family-time"], audience, id=f"free-text-family-time-{audience}")
    for audience in permdocs.DOCUMENTS["family-time"].audiences
] + [
    pytest.param(fixture, document, audience, id=f"{fixture.stem}-{document.name}-{audience}")
    for fixture in FIXTURES
    for document in permdocs.DOCUMENTS.values() if not document.missing_from(permdocs.load_case(fixture))
    for audience in document.audiences
]


@functools.cache
def _loaded(sample: Path) -> permdocs.Case:
    """A case loaded once for all its copies: cases are immutable, and the
    pipeline keeps one case's findings for its next copy."""
    return permdocs.load_case(sample)


def _withholds(document: Any, audience: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in document.audiences[audience].withholds.items()}


def _first_sample_with(document: Any) -> str:
    return next(sample.stem for sample, name in applicable_pairs() if name == document.name)


def _wants_pdf(sample: Path, document: Any, audience: str) -> bool:
    # Every copy that withholds something (a court copy may be a document's first), in the cases chosen above.
    if not document.audiences[audience].withholds:
        return False
    if sample.stem in PDF_CASES:
        return True
    lacks = PDF_SAMPLE not in {s.stem for s, name in applicable_pairs() if name == document.name}
    return lacks and sample.stem == _first_sample_with(document)


#: The PDF copies, apart, so that the quick loop (make test-fast) leaves their layout out.
PDF_CASES_READ = [
    pytest.param(*case.values, "pdf", id=f"{case.id}-pdf") for case in CASES if _wants_pdf(*case.values)
]


def _quick_loop_reads(sample: Path, document: Any) -> bool:
    """Whether the quick loop (make test-fast) reads this case's copies: the
    fixtures, written as workers write, and the first sample of each
    document. make test reads every sample."""
    return sample.parent != ROOT / "samples" or sample.stem == _first_sample_with(document)


#: The text copies: DOCX, HTML and ICS of every copy that withholds something
#: (a copy that withholds nothing has nothing to leak).
TEXT_CASES_READ = [
    pytest.param(*case.values, "text", id=case.id, marks=() if _quick_loop_reads(*case.values[:2]) else pytest.mark.slow)
    for case in CASES if case.values[1].audiences[case.values[2]].withholds
]


@pytest.mark.parametrize(("sample", "document", "audience", "kind"), TEXT_CASES_READ + PDF_CASES_READ)
def test_no_withheld_value_reaches_the_audience(sample: Path, document: Any, audience: str, kind: str) -> None:
    wanted = ("pdf",) if kind == "pdf" else ("docx", "html", "ics")
    formats = tuple(f for f in wanted if f in document.formats_for(document.audiences[audience]))
    values = withheld_values(json.loads(sample.read_text(encoding="utf-8")), _withholds(document, audience))
    case = _loaded(sample)
    # A draft carries everything a final document does, and the open findings too.
    request = permdocs.RenderRequest(document.name, formats, audience, draft=True)
    # An arrangement without a schedule has no calendar file; every other file is read.
    try:
        outputs = permdocs.render_outputs(case, request, skipped=[])
    except permdocs.UnresolvedFindingsError as refused:
        # A copy a child reads is never scrubbed: while its texts write out what it withholds, it is refused.
        assert document.audiences[audience].for_a_child and {f.rule for f in refused.findings} == {"SG-001"}
        return
    for name, data in outputs.items():
        assert leaks(output_text(name, data), values) == [], f"{name} shows values withheld from the {audience} audience"
        # Laid out once, each PDF copy is held to PDF/UA-1 here too (tests/test_pdf_accessibility.py).
        if name.endswith(".pdf"):
            assert ua_problems(data) == [], name


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


def test_the_harness_reads_values_as_workers_write_them() -> None:
    # The reviewer's forms, found without permdocs' own redaction code.
    values = withheld_values(json.loads(FREE_TEXT.read_text(encoding="utf-8")), {"placement": "first-names-for-adopters"})
    written = {
        "The play park at the end of Larchmere Close": "Larchmere Close",
        "Jayden's foster carer and the Plumbridges": "Plumbridge",
        "his carer rings Remi on 01632 960 504": "01632 960504",
        "or on +44 (0)1632 960504": "01632 960504",
        "Photos from Tiddlers sports day": "Tiddlers",
        "Orla loves her Little Movers class": "Movers",
        "Remi (a school librarian)": "school librarian",
        "postcode DH46RT for the sat-nav": "DH4 6RT",
        "family-time_FX-2025-0517_birth-family_dunholt-park-plumbridge.pdf": "Dunholt",
    }
    for text, value in written.items():
        assert value in leaks(text, values), text
    # The agency's town and ordinary words are not the placement's.
    assert leaks("A café in Exampleton; County Hall, Exampleton FX0 0ZZ; for example, a little green park", values) == []
    assert leaks("Saturday 2 January 2027 at 10:30, 1632 people", values) == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_a_bundle_is_never_built_from_text_that_writes_out_a_withheld_detail(fixture: Path, tmp_path: Path) -> None:
    # A bundle is served on every party and holds final documents only: while
    # the case's texts type out a carer's name or the placement (SG-001), the
    # bundle is refused, naming the field, and nothing is written.
    from permdocs.bundle import build_bundle, load_manifest

    from bundle_setup import bundle_folder, fixture_manifest, without_case

    manifest = fixture_manifest()
    path = bundle_folder(tmp_path, manifest)
    (tmp_path / "case.json").write_bytes(fixture.read_bytes())
    with pytest.raises(permdocs.PermdocsError) as refused:
        build_bundle(load_manifest(path))
    assert "SG-001" in str(refused.value) and "$." in str(refused.value)
    # The same bundle without the case's documents builds: the refusal is the text's, not the bundle's.
    assert build_bundle(load_manifest(bundle_folder(tmp_path / "plain", without_case(fixture_manifest())))).pdf
