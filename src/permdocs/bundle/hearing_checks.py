"""The bundle checked against what its hearing needs (PD27A and the Public
Law Outline, as data in hearing_needs.toml) and against the case it is
about. Each finding is a warning that names the manifest path to fix:

- Section A lacks a document the hearing works from (a case summary, a
  chronology, position statements, a threshold document);
- a standard section the hearing needs is missing, or has no document;
- an external document's date disagrees with the date the case records for
  the same order (``legal_basis``) or the same finished assessment (the
  chronology);
- a document is dated after the hearing;
- the same document appears twice;
- the front sheet's initials for the child differ from the court copies'.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ..case import Case
from ..documents.common import child_initials
from ..documents.labels import label
from ..practice.calendar_dates import long_date
from .manifest import BundleManifest, ExternalEntry, PermdocsEntry
from .sources import SourceDocument


@dataclass(frozen=True)
class HearingNeeds:
    name: str
    words: tuple[str, ...]
    section_a: tuple[str, ...]
    sections: tuple[str, ...]


@cache
def _needs() -> tuple[str, dict[str, str], tuple[HearingNeeds, ...]]:
    data = tomllib.loads((Path(__file__).parent / "hearing_needs.toml").read_text(encoding="utf-8"))
    hearings = tuple(
        HearingNeeds(h["name"], tuple(h["words"]), tuple(h["section_a"]), tuple(h["sections"])) for h in data["hearing"]
    )
    return data["cite"], dict(data["kinds"]), hearings


def needs_of(hearing_kind: str) -> HearingNeeds:
    """What the hearing the manifest names needs: the first kind whose words it contains."""
    text = hearing_kind.lower()
    _, _, hearings = _needs()
    return next(h for h in hearings if any(re.search(rf"\b{re.escape(w)}\b" if w else "", text) for w in h.words))


def hearing_warnings(manifest: BundleManifest, documents: list[list[SourceDocument]], cases: list[Case]) -> list[str]:
    """Every finding, in the order a user fixes them: what is missing, then what disagrees."""
    return [
        *_child_named_alike(manifest, cases),
        *_missing(manifest, documents),
        *_dates_against_the_case(manifest, cases),
        *_after_the_hearing(manifest, documents),
        *_duplicates(manifest),
    ]


def _child_named_alike(manifest: BundleManifest, cases: list[Case]) -> list[str]:
    """The front sheet's initials are the ones the court copies' headers print."""
    given = manifest.case.child_initials
    return [
        f"$.case.child_initials: '{given}', but the court copies of {case.child.case_reference} name the child "
        f"'{child_initials(case)}' on every page; use the same initials"
        for case in cases if child_initials(case).replace(" ", "") != given.replace(" ", "")
    ]


def _missing(manifest: BundleManifest, documents: list[list[SourceDocument]]) -> list[str]:
    source, kinds, _ = _needs()
    hearing = needs_of(manifest.case.hearing.kind)
    found = []
    letters = {section.letter: index for index, section in enumerate(manifest.sections)}
    for letter in hearing.sections:
        index = letters.get(letter)
        if index is None:
            found.append(f"$.sections: has no Section {letter}, which a {hearing.name}'s bundle holds ({source})")
        elif not documents[index]:
            found.append(f"$.sections[{index}]: Section {letter} has no document, and a {hearing.name}'s bundle needs one")
    if "A" in letters:
        index = letters["A"]
        held = {document.kind for document in documents[index]}
        for kind in hearing.section_a:
            if kind not in held:
                found.append(
                    f"$.sections[{index}].documents: Section A has no {kinds[kind].removeprefix('a ').removeprefix('the ')}"
                    f", which a {hearing.name} works from ({source}): add it with 'kind: {kind}'"
                )
    return found


def _dates_against_the_case(manifest: BundleManifest, cases: list[Case]) -> list[str]:
    found = []
    for s, section in enumerate(manifest.sections):
        for d, entry in enumerate(section.documents):
            if not isinstance(entry, ExternalEntry):
                continue
            for case in cases:
                recorded = _recorded_date(case, entry.title)
                if recorded is not None and recorded != entry.dated:
                    found.append(
                        f"$.sections[{s}].documents[{d}].dated: {long_date(entry.dated)}, but the case records "
                        f"'{entry.title}' on {long_date(recorded)}; correct one of the two"
                    )
                    break
    return found


def _recorded_date(case: Case, title: str) -> date | None:
    """The date the case records for the order or finished assessment a title names, if any."""
    wanted = title.strip().lower()
    for basis in case.legal_basis:
        if label(basis.kind).lower() == wanted:
            return basis.made_on
    if "assessment" in wanted:
        for entry in case.chronology:
            event = entry.event.lower()
            if wanted in event and re.search(r"\bcomplet", event):
                return entry.date
    return None


def _after_the_hearing(manifest: BundleManifest, documents: list[list[SourceDocument]]) -> list[str]:
    hearing = manifest.case.hearing.date
    return [
        f"{document.where}: dated {long_date(document.dated)}, after the hearing on {long_date(hearing)}; check the date"
        for section in documents for document in section if document.dated > hearing
    ]


def _duplicates(manifest: BundleManifest) -> list[str]:
    seen: dict[tuple[str, ...], str] = {}
    found = []
    for s, section in enumerate(manifest.sections):
        for d, entry in enumerate(section.documents):
            where = f"$.sections[{s}].documents[{d}]"
            if isinstance(entry, PermdocsEntry):
                key: tuple[str, ...] = ("case", entry.case, entry.document, entry.audience, entry.arrangement or "",
                    *(f"{name}={value}" for name, value in sorted(entry.options.items())))
            else:
                key = ("pdf", str(Path(entry.pdf)))
            if key in seen:
                found.append(f"{where}: the same document as {seen[key]}; remove one")
            else:
                seen[key] = where
    return found
