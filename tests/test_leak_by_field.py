"""Redaction covers every string by construction, and the leak test proves it
field by field.

1. Every string field of the published case schema is classified: prose
   (``x-text: prose``, rewritten in every copy), a code, a date, an
   enumeration, or a tagged value (``x-sensitivity``). A new plain ``str``
   field fails here before it can carry a name past redaction.
2. Every prose field, one at a time, is seeded with identifying details
   written as workers write them (a surname in the plural and possessive, the
   nursery, the town, a carer's phone spaced another way, a relative's
   street, a confidential address), and every copy that prints that part of
   the case and withholds them is read back in every format it comes in
   (HTML, Word, calendar; PDF for a sample): none may show them. A copy a
   child reads must refuse to render instead, naming the field.
3. A companion test plants a leak in each format and shows the harness finds it.

What counts as withheld, and where a field is, comes from the published
schema's tags (tests/leak.py), not from permdocs' redaction code.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

import permdocs

from conftest import ROOT, SAMPLES
from leak import leaks, output_text, prose_fields, prose_locations, withheld_values

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "cases").glob("*.json"))
CASES = SAMPLES + FIXTURES
#: Prose fields that are the other branch of an either/or (a CPR section
#: written, or the reason it does not apply): no realistic case fills both,
#: so each is seeded into a copy of the CPR sample with that branch chosen.
OTHER_BRANCHES = {
    f"$.cpr.{section}.not_applicable_because": ("cpr-adoption", ("cpr", section), "not_applicable_because")
    for section in (
        "agency_actions", "development", "education", "family_time_now", "family_time_proposed", "health",
        "matters_for_proceedings", "parenting_capacity", "relationships", "relatives_considered", "why_adoption",
        "capacity", "other_parties", "physical_description", "pregnancy_and_birth", "future_health_needs",
        "identity_analysis",
    )
} | {
    f"$.cpr.parent_accounts[].{part}.not_applicable_because": (
        "cpr-adoption", ("cpr", "parent_accounts", 0, part), "not_applicable_because"
    )
    for part in ("appearance", "education", "employment", "personality_and_interests", "own_account")
} | {
    "$.cpr.respondents_under_18.text": ("cpr-adoption", ("cpr", "respondents_under_18"), "text"),
    "$.cpr.property_or_inheritance.text": ("cpr-adoption", ("cpr", "property_or_inheritance"), "text"),
    "$.cpr.childrens_guardian.view.not_applicable_because": (
        "cpr-adoption", ("cpr", "childrens_guardian", "view"), "not_applicable_because"
    ),
}


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _first_location_of_each_field() -> dict[str, tuple[Path, tuple[Any, ...] | None]]:
    found: dict[str, tuple[Path, tuple[Any, ...] | None]] = {}
    for path in CASES:
        for loc, field in prose_locations(_load(path)):
            found.setdefault(field, (path, loc))
    for field, (sample, section, key) in OTHER_BRANCHES.items():
        found.setdefault(field, (ROOT / "samples" / f"{sample}.json", (*section, key)))
    return found


LOCATIONS = _first_location_of_each_field()
PROSE = sorted(field for field, kind in prose_fields().items() if kind == "prose")


def test_every_string_field_is_classified() -> None:
    kinds = prose_fields()
    assert [path for path, kind in kinds.items() if kind == "unclassified"] == []
    # Where the leak test looks, and what it leaves alone, is visible here:
    assert kinds["$.options[].key_factors.*.summary"] == "prose"
    assert kinds["$.people[].id"] == "code"
    assert kinds["$.placement.school_or_nursery"] == "tagged"
    assert len(PROSE) > 100


def test_every_prose_field_is_seeded_somewhere() -> None:
    assert [field for field in PROSE if field not in LOCATIONS] == []


def _seed(case: dict[str, Any]) -> tuple[str, str]:
    """A sentence of identifying details from this case, written as workers
    write them, and a short one for fields that hold a name."""
    people = {p["id"]: p for p in case.get("people", [])}
    placement = case.get("placement") or {}
    carers = [people[i] for i in placement.get("carer_ids", []) if i in people]
    parts: list[str] = []
    short = ""
    if carers:
        surname = carers[0]["family_name"]
        # Upper case, a plural, a possessive, and a break after a hyphen as a PDF paste leaves it.
        broken = surname[: len(surname) // 2] + "-\n" + surname[len(surname) // 2 :]
        parts.append(f"Lives with the {surname.upper()}S; the {broken}s' home")
        short = f"the {surname}s"
        phone = (carers[0].get("contact") or {}).get("phone")
        if phone:
            digits = re.sub(r"\D", "", phone)
            parts.append(f"ring {digits[:3]} {digits[3:7]} {digits[7:]}")
    for key in ("school_or_nursery", "town", "place_of_worship"):
        if placement.get(key):
            parts.append(f"near {placement[key]}")
    for person in case.get("people", []):
        address = (person.get("contact") or {}).get("address")
        if person.get("role") in ("mother", "father", "relative") and address and re.search(r"\d", address):
            parts.append(f"visits {_street(address)}")
            break
    for person in case.get("people", []):
        if person.get("confidential_contact") and (person.get("contact") or {}).get("address"):
            parts.append(f"and {_street(person['contact']['address'])}")
    return ". ".join(parts) + ".", short


def _has(data: Any, loc: tuple[Any, ...]) -> bool:
    for key in loc:
        if not isinstance(data, dict | list) or (isinstance(data, dict) and key not in data):
            return False
        data = data[key]
    return True


def _street(address: str) -> str:
    """The line of an address with its street ("Flat 4, Mockingford House" whole)."""
    lines = [line.strip() for line in address.split(",")]
    return ", ".join(lines[:2]) if re.fullmatch(r"(?i)flat \w+", lines[0]) and len(lines) > 1 else lines[0]


def _set(data: dict[str, Any], loc: tuple[Any, ...], text: str, *, append: bool, branch: bool = False) -> None:
    node: Any = data
    for key in loc[:-1]:
        if isinstance(node, dict) and key not in node or isinstance(node, dict) and node[key] is None:
            node[key] = {}
        node = node[key]
    last = loc[-1]
    if branch:
        # The other branch of an either/or: replace the section with it.
        node.clear()
    old = node.get(last) if isinstance(node, dict) else node[last]
    node[last] = f"{old} {text}" if append and isinstance(old, str) else text


def _seeded_case(field: str) -> tuple[Any, dict[str, Any], str]:
    path, loc = LOCATIONS[field]
    data = _load(path)
    sentence, short = _seed(data)
    for text in (sentence, short, *([] if short else ["x"])):
        seeded = copy.deepcopy(data)
        one_line = text.replace("\n", " ") if not field.endswith(_MULTILINE) else text
        _set(seeded, loc, one_line, append=True, branch=field in OTHER_BRANCHES and not _has(data, loc))
        try:
            return permdocs.load_case(seeded, folder=path.parent), seeded, text
        except permdocs.InvalidCaseError:
            continue
    pytest.fail(f"could not seed {field} in {path.name}")


#: Fields whose text may run over several lines (Markdown narratives), by the ends of their paths.
_MULTILINE = ("summary", "text", "reasons", "conclusion", "narrative", "notes", "need", "how_met", "purpose",
              "background", "when_missed", "childs_wishes", "detail", "legal", "psychological", "physical",
              "not_applicable_because", "single_option_reason", "together_or_apart_reason", "reason", "comments")


def _written_in(seed: str) -> Any:
    """Whether a value is written in the seed (as the harness matches it), remembered per value."""
    known: dict[str, bool] = {}

    def found(value: str) -> bool:
        if value not in known:
            known[value] = bool(leaks(seed, {value}))
        return known[value]

    return found


def _copies(case: Any, field: str) -> list[tuple[Any, Any]]:
    """Every withholding copy, of every document this case has, that prints the field's part of the case."""
    prefix = re.sub(r"\[\]|\.\*", "", field)
    return [
        (document, audience)
        for document in permdocs.DOCUMENTS.values() if not document.missing_from(case)
        if any(prefix == read or prefix.startswith((read + ".", read + "[")) for read in document.reads)
        for audience in document.audiences.values() if audience.withholds
    ]


def _seeding_groups() -> dict[str, list[str]]:
    """The prose fields by the case they are seeded in. The fields of one case
    are seeded together and its copies read once for them all (a copy read per
    field took minutes); an either/or section's other branch replaces the
    section, so those are seeded together in a case of their own."""
    groups: dict[str, list[str]] = {}
    for field in PROSE:
        path, loc = LOCATIONS[field]
        branch = field in OTHER_BRANCHES and not _has(_load(path), loc or ())
        groups.setdefault(f"{path.stem}{'-other-branches' if branch else ''}", []).append(field)
    return groups


GROUPS = _seeding_groups()


def _read_copy(case: Any, document: Any, audience: Any, formats: tuple[str, ...], values: set[str]) -> list[str]:
    """What one copy shows of ``values``, file by file; a child's copy refuses instead (checked here)."""
    request = permdocs.RenderRequest(document.name, formats, audience.name, draft=True)
    try:
        outputs = permdocs.render_outputs(case, request, skipped=[])
    except permdocs.UnresolvedFindingsError as refused:
        # A child's copy is never scrubbed: it refuses, naming a field that writes a detail out.
        assert audience.for_a_child, f"{document.name} ({audience.name}) refused a draft"
        assert {f.rule for f in refused.findings} == {"SG-001"}
        return []
    return [f"{name} shows {found}" for name, body in outputs.items() if (found := leaks(output_text(name, body), values))]


def _who_leaked(fields: list[str], document: Any, audience: Any, formats: tuple[str, ...]) -> list[str]:
    """A leak found with a group seeded, traced to its fields: each seeded alone and the copy read again."""
    traced = []
    for field in fields:
        case, data, seed = _seeded_case(field)
        if (document.name, audience.name) not in {(d.name, a.name) for d, a in _copies(case, field)}:
            continue
        values = {v for v in withheld_values(data, _withholds(audience)) if _written_in(seed)(v)}
        traced += [f"{field} seeded with {seed!r}: {shown}" for shown in _read_copy(case, document, audience, formats, values)]
    return traced or [f"the fields of {', '.join(fields)} together (no one field alone)"]


def _withholds(audience: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in audience.withholds.items()}


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_seeded_field_reaches_no_withholding_copy(group: str) -> None:
    fields = GROUPS[group]
    path = LOCATIONS[fields[0]][0]
    data = _load(path)
    seeds = []
    for field in fields:
        # The seed each field takes alone (a name field holds a short one), all written into one case.
        _, alone, seed = _seeded_case(field)
        loc = LOCATIONS[field][1] or ()
        one_line = seed.replace("\n", " ") if not field.endswith(_MULTILINE) else seed
        _set(data, loc, one_line, append=True, branch=field in OTHER_BRANCHES and not _has(_load(path), loc))
        seeds.append(seed)
    case = permdocs.load_case(data, folder=path.parent)
    in_seed = _written_in(" ".join(seeds))
    # Every withholding copy that prints any of the group's fields, each read once in every format it comes
    # in. In a third of the groups, in turn, the first such copy is read as PDF too: its layout costs a
    # second or more, and a PDF's text is its HTML's, which every copy's check reads.
    copies = list({(d.name, a.name): (d, a) for field in fields for d, a in _copies(case, field)}.values())
    pdf_read = list(GROUPS).index(group) % 3 != 0
    checked: set[tuple[str, str]] = set()
    for document, audience in copies:
        values = {v for v in withheld_values(data, _withholds(audience)) if in_seed(v)}
        if not values:
            continue  # the copy shows everything the seeds wrote
        wanted = ("docx", "html", "ics") if pdf_read else ("docx", "html", "ics", "pdf")
        formats = tuple(f for f in wanted if f in document.formats_for(audience))
        pdf_read = pdf_read or "pdf" in formats
        shown = _read_copy(case, document, audience, formats, values)
        assert shown == [], _who_leaked(fields, document, audience, formats)
        checked.add((document.name, audience.name))
    # A field no withholding copy prints has nothing to prove; every other one was read in some copy.
    def read_in(field: str) -> set[tuple[str, str]]:
        return {(d.name, a.name) for d, a in _copies(case, field)}

    assert [f for f in fields if read_in(f) and not checked & read_in(f)] == []
    assert checked or not copies, group


@pytest.mark.parametrize("fmt", ["docx", "html", "ics", "pdf"])
def test_the_harness_finds_a_leak_planted_in_each_format(fmt: str) -> None:
    # The agency's copy shows what the birth family's withholds: rendered with
    # a seeded purpose, the same harness must find the seed in every format.
    # The adoption sample's arrangements have dates, so that a calendar is made too.
    data = _load(ROOT / "samples" / "adoption-family-time.json")
    seed, _ = _seed(data)
    for arrangement in data["family_time"]:
        arrangement["purpose"] += " " + seed
    case = permdocs.load_case(data)
    values = withheld_values(data, {"placement": "first-names-for-adopters", "birth-family-contact": "omit"})
    request = permdocs.RenderRequest("family-time", (fmt,), "agency", draft=True)
    outputs = permdocs.render_outputs(case, request, skipped=[])
    assert outputs, fmt
    for name, body in outputs.items():
        text = output_text(name, body)
        if fmt == "ics":
            # A calendar carries no purpose: the leak is planted in its description, as a bug would put it.
            text = output_text(name, body.replace(b"DESCRIPTION:", b"DESCRIPTION:" + seed.split(".")[0].encode() + b" ", 1))
        assert leaks(text, values), f"{name}: the harness missed {seed!r}"
