"""Working days, month arithmetic and the key dates computed from a case."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

import permdocs
from permdocs.checks import PermanencePlanDue, PolicySettings, Status, key_dates
from permdocs.documents.care_plan_permanence import build_context
from permdocs.practice.calendar_dates import add_months, add_working_days, is_working_day, period_end
from permdocs.rendering.pipeline import resolve_request
from permdocs.rendering.request import RenderRequest
from permdocs.text.templating import long_date

from conftest import DOCUMENT, sample_dict


@pytest.mark.parametrize(
    ("start", "due", "why"),
    [
        (date(2025, 12, 19), date(2026, 1, 21), "Christmas Day, Boxing Day and New Year's Day are skipped"),
        (date(2026, 3, 20), date(2026, 4, 21), "Good Friday and Easter Monday are skipped"),
        (date(2026, 12, 23), date(2027, 1, 25), "the substitute Boxing Day (28 December 2026) is skipped"),
        (date(2025, 1, 31), date(2025, 2, 28), "from 31 January, four clear weeks"),
        (date(2026, 5, 19), date(2026, 6, 17), "the late May bank holiday is skipped"),
    ],
)
def test_first_review_is_due_20_working_days_later(start: date, due: date, why: str) -> None:
    assert add_working_days(start, 20) == due, why


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day (substitute)
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert is_working_day(date(2026, 11, 23))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 11, 29), 3, date(2028, 2, 29)),  # a second review due on 29 February
        (date(2027, 11, 30), 3, date(2028, 2, 29)),  # clamped to the month's end
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 5, 15), -12, date(2025, 5, 15)),
    ],
)
def test_months_are_calendar_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def _case(**changes: Any) -> permdocs.Case:
    data = sample_dict()
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[last] = value
    return permdocs.load_case(data)


def _row(case: permdocs.Case, key: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    return next(row for row in key_dates(case, **kwargs) if row.key == key)


def _episode(looked_after_on: str, first_review: str, prepared_on: str) -> permdocs.Case:
    data = sample_dict()
    data["child"]["date_of_birth"] = "2024-06-01"
    data["care_episode"] = {"looked_after_on": looked_after_on, "ceased_on": None, "care_plan_made_on": None}
    data["reviews"] = [{"date": first_review, "status": "held", "chaired_by": None, "permanence_plan_endorsed": False}]
    data["prepared_on"] = prepared_on
    return permdocs.load_case(data)


def test_a_child_looked_after_on_31_january() -> None:
    case = _episode("2025-01-31", "2025-02-28", "2025-03-03")
    assert _row(case, "review_1").due == date(2025, 2, 28)
    assert _row(case, "review_1").status is Status.MET
    assert _row(case, "review_2").due == date(2025, 5, 28)


def test_a_second_review_due_on_29_february() -> None:
    case = _episode("2027-10-29", "2027-11-29", "2028-01-10")
    assert _row(case, "review_1").due == date(2027, 11, 26)
    assert _row(case, "review_1").status is Status.LATE
    assert _row(case, "review_2").due == date(2028, 2, 29)


def test_review_statuses() -> None:
    case = _case(reviews__0__date="2026-06-19")  # two days after the due date
    assert _row(case, "review_1").status is Status.LATE
    case = _case(reviews=[], prepared_on="2026-06-18")
    assert _row(case, "review_1").status is Status.OVERDUE
    case = _case(reviews=[], prepared_on="2026-06-10")
    assert _row(case, "review_1").status is Status.UPCOMING
    assert _row(_case(), "review_1").status is Status.MET


def test_each_review_is_due_from_the_one_before() -> None:
    case = _case()
    assert [(r.key, r.due) for r in key_dates(case) if r.key.startswith("review_")] == [
        ("review_1", date(2026, 6, 17)),
        ("review_2", date(2026, 9, 15)),  # 3 months after 15 June
        ("review_3", date(2027, 3, 14)),  # 6 months after 14 September
    ]
    assert _row(case, "review_3").planned == date(2027, 3, 12)


def test_no_reviews_are_due_after_the_child_stops_being_looked_after() -> None:
    case = permdocs.load_case(sample_dict("return-home-supervision"))
    assert [r.key for r in key_dates(case) if r.key.startswith("review_")] == ["review_1", "review_2", "review_3"]


def test_permanence_plan_due_is_a_setting() -> None:
    case = _case()
    assert _row(case, "permanence_plan").due == date(2026, 9, 14)
    earlier = PolicySettings(permanence_plan_due=PermanencePlanDue.FIRST_REVIEW)
    row = _row(case, "permanence_plan", settings=earlier)
    assert (row.due, row.status) == (date(2026, 6, 15), Status.LATE)


def test_care_plan_working_days_is_a_setting() -> None:
    assert _row(_case(), "care_plan").due == date(2026, 6, 3)
    assert _row(_case(), "care_plan", settings=PolicySettings(care_plan_working_days=5)).due == date(2026, 5, 27)


def test_proceedings_deadline_moves_with_each_extension() -> None:
    assert _row(_case(), "proceedings").due == date(2027, 1, 8)  # 26 + 8 weeks from 15 May 2026
    assert _row(_case(care_proceedings__extensions=[]), "proceedings").due == date(2026, 11, 13)


def test_supervision_order_end_and_three_year_limit() -> None:
    # Made on 14 September 2026: its year ends on 13 September 2027, so its
    # three years end on 13 September 2029, counted the same way (Sch 3 para 6).
    case = permdocs.load_case(sample_dict("return-home-supervision"))
    assert _row(case, "supervision_order_1_ends").due == date(2027, 9, 13)
    assert _row(case, "supervision_order_limit").due == date(2029, 9, 13)


def test_an_order_with_no_end_date_ends_a_year_less_a_day_after_it_was_made() -> None:
    data = sample_dict("return-home-supervision")
    data["legal_basis"][1]["expires_on"] = None
    case = permdocs.load_case(data)
    assert _row(case, "supervision_order_1_ends").due == date(2027, 9, 13)



@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 9, 14), 12, date(2027, 9, 13)),
        (date(2026, 9, 14), 36, date(2029, 9, 13)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # no 29 February in 2029: the month's last day
        (date(2027, 3, 1), 12, date(2028, 2, 29)),  # a leap year's February ends on the 29th
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
    ],
)
def test_a_period_beginning_with_a_day_ends_the_day_before_its_anniversary(start: date, months: int, end: date) -> None:
    assert period_end(start, months) == end


def test_the_rendered_key_dates_table_matches_the_computed_dates() -> None:
    compared = 0
    for name in ("baby-in-proceedings", "long-term-fostering", "return-home-supervision"):
        case = permdocs.load_case(sample_dict(name))
        html = permdocs.render(case, DOCUMENT, "html").decode()
        table = html.split("<caption>Statutory and policy timescales</caption>")[1].split("</table>")[0]
        rows = re.findall(r"<tr>" + r"<td><p>(.*?)</p></td>" * 4 + r"</tr>", table)
        shown = build_context(case, resolve_request(case, RenderRequest(DOCUMENT))).key_dates.timescales
        computed = {(row.due, row.actual, row.planned): row for row in key_dates(case)}
        expected = [
            (
                view.label,
                long_date(view.due),
                long_date(view.actual) if view.actual else (f"Planned for {long_date(view.planned)}" if view.planned else "Not yet"),
                {"met": "Met", "late": "Late", "overdue": "Overdue", "upcoming": "Upcoming"}[
                    computed[(view.due, view.actual, view.planned)].status.value
                ],
            )
            for view in shown
        ]
        assert rows == expected, name
        compared += len(rows)
    assert compared > 0


def test_the_table_of_bank_holidays_is_the_pinned_package_s_calendar() -> None:
    """The table a render reads (so as not to import ``holidays``) says what the
    package says, year by year; after an upgrade, tools/bank_holidays.py rewrites it."""
    import holidays

    from permdocs.practice import bank_holidays_england as table

    assert table.HOLIDAYS_VERSION == holidays.__version__, "run tools/bank_holidays.py after upgrading holidays"
    for year in range(table.FIRST_YEAR, table.LAST_YEAR + 1):
        expected = holidays.country_holidays("GB", subdiv="ENG", years=year, language="en_GB")
        assert {date.fromisoformat(f"{year}-{day}"): name for day, name in table.BANK_HOLIDAYS[year].items()} == dict(
            expected
        ), year


def test_bank_holidays_beyond_the_table_are_named_in_english_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    from permdocs.practice.calendar_dates import bank_holiday_name

    # The holidays package names a day in the machine's language where it can (Thai, here).
    monkeypatch.setenv("LANGUAGE", "th")
    monkeypatch.setenv("LANG", "th_TH.UTF-8")
    assert bank_holiday_name(date(2071, 12, 25)) == "Christmas Day"
    assert bank_holiday_name(date(2026, 12, 28)) == "Boxing Day (observed)"
    assert not is_working_day(date(2071, 12, 25)) and not is_working_day(date(1985, 12, 25))
