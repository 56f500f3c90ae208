"""The bundle checked against what its hearing needs (PD27A, the PLO) and
against the case: each deliberately broken manifest gives one finding that
names the manifest path to fix. The documents are described, not rendered:
these checks read only the manifest, each document's kind and date, and the
case."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import permdocs
from permdocs.bundle.hearing_checks import hearing_warnings, needs_of
from permdocs.bundle.manifest import PermdocsEntry, manifest_from_data
from permdocs.bundle.sources import SourceDocument

from conftest import ROOT

SAMPLE = ROOT / "samples" / "bundle.yaml"
CASE = permdocs.load_case(ROOT / "samples" / "baby-in-proceedings.json")


def _sample() -> dict[str, Any]:
    # Every scalar as text, as the manifest loader reads dates.
    return yaml.load(SAMPLE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects


def _findings(data: dict[str, Any]) -> list[str]:
    manifest = manifest_from_data(data)
    documents = [
        [
            SourceDocument(
                f"$.sections[{s}].documents[{d}]", entry.title or entry.document if isinstance(entry, PermdocsEntry)
                else entry.title,
                CASE.prepared_on if isinstance(entry, PermdocsEntry) else entry.dated, "",
                entry.kind or (permdocs.DOCUMENTS[entry.document].bundle_kind if isinstance(entry, PermdocsEntry) else None),
                b"", (), case=CASE if isinstance(entry, PermdocsEntry) else None,
            )
            for d, entry in enumerate(section.documents)
        ]
        for s, section in enumerate(manifest.sections)
    ]
    return hearing_warnings(manifest, documents, [CASE])


def _section(data: dict[str, Any], letter: str) -> dict[str, Any]:
    return next(section for section in data["sections"] if section["letter"] == letter)


def test_the_sample_bundle_has_what_its_final_hearing_needs() -> None:
    assert _findings(_sample()) == []


def test_a_missing_section_a_document_is_named_with_its_kind() -> None:
    data = _sample()
    section_a = _section(data, "A")
    section_a["documents"] = [d for d in section_a["documents"] if d.get("document") != "chronology"]
    assert _findings(data) == [
        "$.sections[0].documents: Section A has no chronology, which a final hearing works from (PD27A; the PLO): "
        "add it with 'kind: chronology'"
    ]


def test_a_missing_standard_section_is_named() -> None:
    data = _sample()
    data["sections"] = [section for section in data["sections"] if section["letter"] != "C"]
    (finding,) = _findings(data)
    assert finding.startswith("$.sections: has no Section C, which a final hearing's bundle holds")


def test_a_date_that_contradicts_the_case_is_named_with_both_dates() -> None:
    data = _sample()
    order = next(d for d in _section(data, "B")["documents"] if d["title"] == "Interim care order")
    order["dated"] = "2026-05-22"
    assert _findings(data) == [
        "$.sections[1].documents[0].dated: 22 May 2026, but the case records 'Interim care order' on 19 May 2026; "
        "correct one of the two"
    ]


def test_an_assessment_dated_otherwise_than_the_chronology_is_named() -> None:
    data = _sample()
    report = next(d for d in _section(data, "E")["documents"] if d["title"] == "Parenting assessment")
    report["dated"] = "2026-09-18"
    (finding,) = _findings(data)
    assert finding.endswith(".dated: 18 September 2026, but the case records 'Parenting assessment' on 2 October 2026; "
                            "correct one of the two")


def test_a_document_dated_after_the_hearing_is_named() -> None:
    data = _sample()
    _section(data, "A")["documents"][3]["dated"] = "2027-01-05"
    assert _findings(data) == [
        "$.sections[0].documents[3]: dated 5 January 2027, after the hearing on 4 January 2027; check the date"
    ]


def test_the_same_document_twice_is_named() -> None:
    data = _sample()
    section_d = _section(data, "D")
    section_d["documents"].append(dict(section_d["documents"][0]))
    (finding,) = _findings(data)
    assert finding == "$.sections[3].documents[3]: the same document as $.sections[3].documents[0]; remove one"


@pytest.mark.parametrize("kind, expected", [
    ("Final hearing", "final hearing"),
    ("Issues Resolution Hearing (IRH)", "issues resolution hearing"),
    ("Case management hearing", "case management hearing"),
    ("Further case management hearing", "case management hearing"),
    ("Directions hearing", "hearing"),
])
def test_a_hearing_is_read_by_its_words(kind: str, expected: str) -> None:
    assert needs_of(kind).name == expected


def test_a_case_management_hearing_needs_no_threshold_document() -> None:
    data = _sample()
    data["case"]["hearing"]["kind"] = "Case management hearing"
    _section(data, "A")["documents"] = [d for d in _section(data, "A")["documents"] if d.get("kind") != "threshold"]
    assert _findings(data) == []


def test_the_front_sheets_initials_are_the_court_copies() -> None:
    data = _sample()
    data["case"]["child_initials"] = "A.S."
    assert _findings(data) == [
        "$.case.child_initials: 'A.S.', but the court copies of FX-2026-0412 name the child 'A.M.S.' on every page; "
        "use the same initials"
    ]
