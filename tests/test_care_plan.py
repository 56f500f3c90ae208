"""The care plan's own facts and words: how each order ends, the tense of
the proceedings, the key dates a reviewer needs, the sign-off, and the
council's words throughout."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import permdocs
from permdocs.documents.care_plan_permanence import build_context
from permdocs.documents.care_plan_permanence.legal import legal_position
from permdocs.pipeline import resolve_request

from conftest import DOCUMENT, ROOT, sample_dict

COURT = {"court": "Family Court sitting at Exampleton", "court_case_number": "ZZ26C00999"}


def _case(sample: str = "baby-in-proceedings", **changes: Any) -> permdocs.Case:
    data = sample_dict(sample)
    data.update(changes)
    return permdocs.load_case(data, folder=ROOT / "samples")


def _context(case: permdocs.Case, **request: Any) -> Any:
    return build_context(case, resolve_request(case, permdocs.RenderRequest(DOCUMENT, draft=True, **request)))


def _ends(kind: str, expires_on: str | None = None, sample: str = "baby-in-proceedings") -> str:
    court = {} if kind == "section_20" else COURT
    basis = {"kind": kind, "made_on": "2026-06-01", "expires_on": expires_on, "ended_on": None, "notes": None, **court}
    case = _case(sample, legal_basis=[basis])
    (row,) = legal_position(case, case.prepared_on).current
    assert row.ends is not None
    return row.ends


# The baby in proceedings was born on 10 May 2026, so she turns 18 on 10 May 2044.
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("section_20", "When a parent with parental responsibility removes the child or stops agreeing (CA 1989 s.20(8))"),
        ("interim_care_order", "When the proceedings end, unless the court sets an earlier date (CA 1989 s.38(4))"),
        ("interim_supervision_order", "When the proceedings end, unless the court sets an earlier date (CA 1989 s.38(4))"),
        ("care_order", "At 18 (10 May 2044), unless the court discharges it sooner (CA 1989 s.91(12))"),
        ("placement_order", "When an adoption order is made, when the court revokes it, or at 18 (10 May 2044) (ACA 2002 s.21(4))"),
        ("supervision_order", "31 May 2027, unless the court extends it; 31 May 2029 at the latest (CA 1989 Sch 3 para 6)"),
        ("special_guardianship_order", "At 18 (10 May 2044), unless the court varies or discharges it sooner (CA 1989 s.14D, s.91(13))"),
        ("child_arrangements_order", "At 18 (10 May 2044) for an order about where the child lives, unless the court varies or discharges it (CA 1989 s.91(10A), (11))"),
        ("adoption_order", "Permanent: the adopters are the child's parents for life (ACA 2002 s.46, s.67)"),
    ],
)
def test_each_order_says_how_it_ends(kind: str, expected: str) -> None:
    assert _ends(kind) == expected


def test_an_order_with_an_end_date_gives_it() -> None:
    assert _ends("interim_care_order", "2026-12-01") == "1 December 2026, or when the proceedings end if sooner (CA 1989 s.38(4))"
    assert _ends("supervision_order", "2027-05-31").startswith("31 May 2027, unless the court extends it")


def test_no_order_is_said_to_last_until_the_court_changes_it() -> None:
    for sample in ("baby-in-proceedings", "long-term-fostering", "return-home-supervision", "adopted-child-letter"):
        html = permdocs.render(_case(sample), DOCUMENT, "html").decode()
        assert "Until changed by the court" not in html, sample


def _course(today: date = date(2026, 11, 16), **proceedings: Any) -> str:
    data = sample_dict()
    data["care_proceedings"].update(proceedings)
    case = permdocs.load_case(data)
    position = legal_position(case, today)
    assert position.proceedings is not None
    return position.proceedings.course


def test_the_proceedings_are_told_in_the_tense_the_case_date_calls_for() -> None:
    # Prepared on 16 November 2026: the 26-week date (13 November) has passed,
    # the extended timetable (8 January 2027) and the hearing (4 January) have not.
    assert _course() == (
        "The 26-week date was 13 November 2026; with extensions the timetable runs to 8 January 2027. "
        "The final hearing is listed for 4 January 2027."
    )
    assert _course(final_hearing_on="2026-11-10") == (
        "The 26-week date was 13 November 2026; with extensions the timetable runs to 8 January 2027. "
        "The final hearing was listed for 10 November 2026; the proceedings have not yet concluded."
    )
    concluded = _course(final_hearing_on="2026-11-10", concluded_on="2026-11-10")
    assert concluded.endswith("the timetable ran to 8 January 2027. The proceedings concluded at the final hearing on 10 November 2026.")
    assert "is listed" not in concluded and "runs to" not in concluded
    assert _course(date(2026, 11, 13), extensions=[], final_hearing_on=None) == "The 26-week date is 13 November 2026."
