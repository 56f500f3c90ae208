"""Bad input, shared by the tests that refuse it: each is one change to a
sample, the JSON path permdocs must name, and whether the published JSON
Schema can say the same rule (test_schema_agreement checks that it does
exactly where this says so)."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from conftest import ROOT

Path = tuple[str | int, ...]
_DROP = object()


@dataclass(frozen=True)
class BadCase:
    id: str
    #: Where the change is made, and the new value (``DROP`` removes the field).
    where: Path
    value: Any
    #: The JSON path permdocs names, and the start of its message where a test pins it.
    problem_path: str
    #: Whether JSON Schema can express the rule, so the published schema refuses it too.
    schema_expresses: bool
    message: str | None = None
    sample: str = "baby-in-proceedings"

    def data(self) -> dict[str, Any]:
        data = copy.deepcopy(_sample(self.sample))
        node: Any = data
        for step in self.where[:-1]:
            node = node[step]
        if self.value is _DROP:
            del node[self.where[-1]]
        else:
            node[self.where[-1]] = self.value
        return data


DROP = _DROP


@cache
def _sample(name: str) -> dict[str, Any]:
    return json.loads((ROOT / "samples" / f"{name}.json").read_text(encoding="utf-8"))


def _case(id: str, where: Path, value: Any, path: str, expresses: bool, message: str | None = None, **kw: Any) -> BadCase:
    return BadCase(id, where, value, path, expresses, message, **kw)


BAD_CASES = [
    # Dates
    _case("year-9999", ("child", "date_of_birth"), "9999-12-31", "$.child.date_of_birth", True, "must be between 1900 and 2200"),
    _case("year-1850", ("reviews", 0, "date"), "1850-01-01", "$.reviews[0].date", True, "must be between 1900 and 2200"),
    _case("february-30", ("child", "date_of_birth"), "2025-02-30", "$.child.date_of_birth", True),
    _case("month-13", ("child", "date_of_birth"), "2026-13-01", "$.child.date_of_birth", True),
    _case("datetime", ("child", "date_of_birth"), "2026-05-10T00:00:00", "$.child.date_of_birth", True),
    _case("day-month-year", ("child", "date_of_birth"), "10/05/2026", "$.child.date_of_birth", True),
    _case("date-as-number", ("child", "date_of_birth"), 20260510, "$.child.date_of_birth", True),
    _case("date-as-zero", ("child", "date_of_birth"), 0, "$.child.date_of_birth", True),
    _case("huge-integer", ("reviews", 0, "date"), 10**40, "$.reviews[0].date", True, "is a number of more than 30 digits"),
    # Text
    _case("long-agency", ("authorship", "agency", "name"), "A" * 300, "$.authorship.agency.name", True,
          "must be at most 255 characters"),
    _case("bidi-override", ("child", "family_name"), "Sample\u202eford", "$.child.family_name", True,
          "contains the invisible direction control U+202E"),
    _case("bidi-isolate", ("child", "given_names"), "Ada \u2066Maple", "$.child.given_names", True,
          "contains the invisible direction control U+2066"),
    _case("chinese", ("child", "family_name"), "李", "$.child.family_name", False,
          "contains a character permdocs' fonts cannot print (U+674E)"),
    _case("emoji", ("child", "preferred_name"), "Ada 😀", "$.child.preferred_name", False,
          "contains a character permdocs' fonts cannot print"),
    _case("lone-surrogate", ("child", "family_name"), "Sam\ud800", "$.child.family_name", False, "contains a lone surrogate"),
    _case("nan", ("child", "family_name"), float("nan"), "$.child.family_name", True, "is NaN or Infinity"),
    *(_case(f"control-{ord(c):02x}", ("child", "family_name"), f"Sample{c}ford", "$.child.family_name", True,
            f"contains the control character U+{ord(c):04X}") for c in "\x00\x0b\x0c\x1b\x7f\x85"),
    _case("newline-in-name", ("child", "given_names"), "Ada\nMaple", "$.child.given_names", True,
          "must be a single line"),
    _case("empty-name", ("child", "given_names"), "", "$.child.given_names", True, "must not be empty"),
    _case("blank-name", ("child", "given_names"), "   ", "$.child.given_names", True, "must not be blank"),
    _case("blank-narrative", ("permanence_need", "legal"), "\n\t\n", "$.permanence_need.legal", True, "must not be blank"),
    _case("long-narrative", ("permanence_need", "legal"), "Zz" * 15_000, "$.permanence_need.legal", True),
    _case("placeholder", ("child", "ethnicity"), "FILL IN: The child's ethnicity.", "$.child.ethnicity", True,
          "still says FILL IN"),
    # Shape
    _case("unknown-field", ("child", "favourite_colour"), "Zzsecret", "$.child.favourite_colour", True),
    _case("missing-field", ("child", "date_of_birth"), DROP, "$.child.date_of_birth", True, "is required but missing"),
    _case("wrong-type", ("people", 2, "given_names"), 987654321, "$.people[2].given_names", True),
    _case("enum-case", ("child", "gender"), "Male", "$.child.gender", True, "did you mean 'male'?"),
    _case("id-pattern", ("people", 0, "id"), "Aunt Rose", "$.people[0].id", True, "must be an id"),
    _case("no-options", ("options",), [], "$.options", True, "must have at least 1 entry"),
    _case("schema-version", ("schema_version",), 1, "$.schema_version", True),
    _case("long-extension", ("care_proceedings", "extensions", 0, "weeks"), 9, "$.care_proceedings.extensions[0].weeks", True),
    # One part of an object against another (if/then, oneOf)
    _case("sibling-without-details", ("people", 2, "sibling"), None, "$.people[2]", True,
          "sibling details are required", sample="long-term-fostering"),
    _case("section-20-with-court", ("legal_basis", 0, "court"), "Family Court sitting at Fictionbury", "$.legal_basis[0]",
          True, "s.20 accommodation is not a court order", sample="long-term-fostering"),
    _case("unrealistic-not-ruled-out", ("options", 1, "outcome"), "contingency_plan", "$.options[1]", True,
          "an option that is not realistic can only have the outcome 'ruled_out'"),
    _case("view-with-two-speakers", ("voices", "others", 0, "name_and_role"), "Children's Guardian",
          "$.voices.others[0]", True, "give exactly one of"),
    _case("schedule-day-and-weekday", ("family_time", 0, "schedule"),
          {"repeats": "monthly", "day_of_month": 3, "weekday": "monday", "week_of_month": 1},
          "$.family_time[0].schedule", True, "give either day_of_month or weekday"),
    _case("schedule-length-without-start", ("family_time", 0, "schedule"),
          {"repeats": "weekly", "weekday": "saturday", "length_minutes": 90}, "$.family_time[0].schedule", True,
          "length_minutes needs a start_time"),
    _case("letter-text-and-file", ("later_life_letter", "sections", 0, "shared_file"), "letters/x.md",
          "$.later_life_letter.sections[0]", True, "give either 'text' or 'shared_file'", sample="letter-first-draft"),
    _case("cpr-text-and-reason", ("cpr", "health", "not_applicable_because"), "Not needed", "$.cpr.health", True,
          "give either text or not_applicable_because", sample="cpr-adoption"),
    # What JSON Schema cannot say: other parts of the case, file contents, uniqueness by field
    _case("review-before-looked-after", ("reviews", 0, "date"), "2026-05-01", "$.reviews[0].date", False,
          "is before the child became looked after"),
    _case("unknown-person", ("plans", "parallel", 0, "carer_ids"), ["nobody"], "$.plans.parallel[0].carer_ids[0]", False,
          "does not match the id of anyone in 'people'"),
    _case("duplicate-person-id", ("people", 1, "id"), "mother", "$.people[1].id", False, "repeats an id"),
    _case("unknown-recommendation", ("options_analysis", "recommended_option_id"), "nothing-like-it",
          "$.options_analysis.recommended_option_id", False),
    _case("photograph-not-an-image", ("cpr", "photograph", "image_base64"), "aGVsbG8=", "$.cpr.photograph", False,
          sample="cpr-adoption"),
    _case("letter-section-twice", ("later_life_letter", "sections", 1, "kind"), "who_i_am", "$.later_life_letter", False,
          "each kind of section may appear only once", sample="letter-first-draft"),
]
