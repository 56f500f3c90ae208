"""The family-time agreement: its schedules (month ends, leap years, bank
holidays, the 18th birthday), its calendar files, its copies for each party,
and choosing one arrangement. The leak test covers what each copy withholds;
the parity and OOXML tests cover every arrangement through the registry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

import permdocs
from permdocs.case.family_time import Schedule
from permdocs.cli import main
from permdocs.schedules import ListEnds, Precision, describe, eighteenth_birthday, list_sessions

from conftest import ROOT, sample_dict, visible_files
from readable import docx_as_text, html_body_words

SAMPLE = ROOT / "samples" / "adoption-family-time.json"
DOC = "family-time"
ARRANGEMENTS = ("letters-mother", "jayden-sessions", "grandmother-yearly")
COPIES = ("agency", "carers", "birth-family", "child")


def rule(**fields: Any) -> Schedule:
    return Schedule.model_validate(fields, strict=False)


def days(schedule: Schedule, starts_on: str = "2026-11-10", born: str = "2022-08-19", **frame: Any) -> list[date]:
    listed = list_sessions(
        schedule, starts_on=date.fromisoformat(starts_on), ends_on=frame.get("ends_on"),
        review_on=frame.get("review_on"), born=date.fromisoformat(born),
    )
    return [session.on for session in listed.sessions]


# --- schedules ---------------------------------------------------------------------

def test_every_march_and_september_lists_months_for_two_years() -> None:
    schedule = rule(repeats="yearly", months=[3, 9])
    listed = list_sessions(schedule, starts_on=date(2026, 11, 10), ends_on=None, review_on=None, born=date(2022, 8, 19))
    assert [(s.on, s.precision) for s in listed.sessions] == [
        (date(2027, 3, 1), Precision.MONTH), (date(2027, 9, 1), Precision.MONTH),
        (date(2028, 3, 1), Precision.MONTH), (date(2028, 9, 1), Precision.MONTH),
    ]
    assert listed.last_day == date(2028, 11, 9) and listed.ends is ListEnds.HORIZON


def test_the_first_saturday_of_each_month() -> None:
    found = days(rule(repeats="monthly", weekday="saturday", week_of_month=1))
    assert found[:3] == [date(2026, 12, 5), date(2027, 1, 2), date(2027, 2, 6)]
    assert len(found) == 24 and all(d.weekday() == 5 and d.day <= 7 for d in found)


def test_every_six_weeks_counts_from_its_first_date_even_before_the_agreement() -> None:
    found = days(rule(repeats="weekly", every=6, first_on="2026-01-10"))
    assert found[0] == date(2026, 12, 12)
    assert all((d - date(2026, 1, 10)).days % 42 == 0 for d in found)


def test_a_day_past_the_months_end_falls_on_its_last_day() -> None:
    found = days(rule(repeats="monthly", day_of_month=31), starts_on="2027-01-01")
    assert found[:4] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    # 2028 is a leap year.
    assert date(2028, 2, 29) in found


def test_a_leap_day_birthday_week_in_common_years() -> None:
    listed = list_sessions(
        rule(repeats="yearly", birthday_week=True), starts_on=date(2026, 11, 10), ends_on=None, review_on=None,
        born=date(2020, 2, 29),
    )
    # 28 February 2027 is a Sunday: its week starts on Monday 22 February. 2028 has a 29th.
    assert [(s.on, s.precision) for s in listed.sessions] == [(date(2027, 2, 22), Precision.WEEK), (date(2028, 2, 28), Precision.WEEK)]


def test_bank_holidays_are_flagged_or_moved_as_the_rule_says() -> None:
    flagged = list_sessions(
        rule(repeats="monthly", weekday="monday", week_of_month=-1), starts_on=date(2026, 11, 10), ends_on=None,
        review_on=None, born=date(2022, 8, 19),
    )
    names = {s.on: s.bank_holiday for s in flagged.sessions if s.bank_holiday}
    # Boxing Day 2026 is a Saturday, so its substitute is Monday 28 December; Easter Monday 2027 is 29 March.
    assert names[date(2026, 12, 28)] == "Boxing Day (observed)"
    assert names[date(2027, 3, 29)] == "Easter Monday"
    moved = list_sessions(
        rule(repeats="yearly", months=[12], day_of_month=25, on_bank_holiday="next_working_day"),
        starts_on=date(2026, 11, 10), ends_on=None, review_on=None, born=date(2022, 8, 19),
    )
    # 25 Dec (Fri) and 28 Dec (substitute Boxing Day) are holidays: the next working day is Tuesday 29th.
    assert (moved.sessions[0].on, moved.sessions[0].moved_from) == (date(2026, 12, 29), date(2026, 12, 25))
    earlier = days(rule(repeats="yearly", months=[12], day_of_month=25, on_bank_holiday="previous_working_day"))
    assert earlier[0] == date(2026, 12, 24)


def test_the_list_stops_the_day_before_the_18th_birthday() -> None:
    listed = list_sessions(
        rule(repeats="monthly", day_of_month=15), starts_on=date(2026, 11, 10), ends_on=None, review_on=None,
        born=date(2009, 3, 20),
    )
    assert listed.ends is ListEnds.EIGHTEENTH_BIRTHDAY and listed.last_day == date(2027, 3, 19)
    assert listed.sessions[-1].on == date(2027, 3, 15)
    # Born on 29 February: 18 on 1 March of a common year.
    assert eighteenth_birthday(date(2008, 2, 29)) == date(2026, 3, 1)
    assert eighteenth_birthday(date(2010, 2, 28)) == date(2028, 2, 28)


def test_the_end_date_and_the_review_frame_the_list() -> None:
    listed = list_sessions(
        rule(repeats="monthly", day_of_month=1), starts_on=date(2026, 11, 10), ends_on=date(2027, 6, 30),
        review_on=date(2027, 3, 1), born=date(2022, 8, 19),
    )
    assert listed.ends is ListEnds.END_DATE and listed.sessions[-1].on == date(2027, 6, 1)
    assert [s.on for s in listed.sessions if s.after_review] == [date(2027, 4, 1), date(2027, 5, 1), date(2027, 6, 1)]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"repeats": "yearly", "months": [9, 3]}, "Every year, in March and September"),
        ({"repeats": "monthly", "weekday": "saturday", "week_of_month": 1}, "The first Saturday of each month"),
        ({"repeats": "weekly", "every": 6, "weekday": "saturday", "start_time": "10:30"}, "Every 6 weeks, on a Saturday, at 10:30"),
        ({"repeats": "yearly", "birthday_week": True}, "Once a year, in the week of Orla's birthday"),
        ({"repeats": "monthly", "day_of_month": 1}, "Every month, on the 1st"),
    ],
)
def test_rules_in_words(fields: dict[str, Any], words: str) -> None:
    assert describe(rule(**fields), "Orla") == words


@pytest.mark.parametrize(
    "fields",
    [
        {"repeats": "monthly", "weekday": "saturday"},
        {"repeats": "monthly", "day_of_month": 3, "weekday": "monday", "week_of_month": 1},
        {"repeats": "weekly", "months": [3]},
        {"repeats": "monthly", "birthday_week": True},
        {"repeats": "yearly", "months": [13]},
        {"repeats": "weekly", "length_minutes": 60},
    ],
)
def test_contradictory_rules_are_refused_by_path(fields: dict[str, Any]) -> None:
    data = sample_dict("adoption-family-time")
    data["family_time"][1]["schedule"] = fields
    with pytest.raises(permdocs.InvalidCaseError) as raised:
        permdocs.load_case(data)
    assert all(p.path.startswith("$.family_time[1].schedule") for p in raised.value.problems)


# --- the documents ---------------------------------------------------------------------

def _outputs(**request: Any) -> dict[str, bytes]:
    return permdocs.render_outputs(permdocs.load_case(SAMPLE), permdocs.RenderRequest(DOC, **request))


def test_one_agreement_per_arrangement_or_the_one_asked_for() -> None:
    every = _outputs(formats=("html",))
    assert sorted(every) == sorted(f"family-time_FX-2025-0517_{a}.html" for a in ARRANGEMENTS)
    assert list(_outputs(formats=("html",), arrangement="jayden-sessions")) == ["family-time_FX-2025-0517_jayden-sessions.html"]
    with pytest.raises(permdocs.PermdocsError, match="letters-mother, jayden-sessions, grandmother-yearly"):
        _outputs(formats=("html",), arrangement="no-such")
    with pytest.raises(permdocs.PermdocsError, match="not made per arrangement"):
        permdocs.render_outputs(permdocs.load_case(SAMPLE), permdocs.RenderRequest("care-plan-permanence", ("html",), arrangement="x"))


@pytest.mark.parametrize("copy", COPIES)
@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_every_copy_snapshot(arrangement: str, copy: str, html_snapshot: Any, docx_snapshot: Any) -> None:
    files = _outputs(formats=("html", "docx"), audience=copy, arrangement=arrangement)
    (html,) = [data for name, data in files.items() if name.endswith(".html")]
    (docx,) = [data for name, data in files.items() if name.endswith(".docx")]
    assert html == html_snapshot
    assert docx == docx_snapshot


def test_the_birth_familys_copy_names_adopters_as_the_agreement_says() -> None:
    letters = " ".join(html_body_words(_outputs(formats=("html",), audience="birth-family", arrangement="letters-mother").popitem()[1]))
    visits = " ".join(html_body_words(_outputs(formats=("html",), audience="birth-family", arrangement="grandmother-yearly").popitem()[1]))
    assert "Ash and Remi adoptive parents" in letters
    assert "Orla's parents" in visits and "Ash" not in visits
    for text in (letters, visits):
        assert not {"Plumbridge", "Larchmere", "Dunholt", "Tiddlers", "Little Movers"} & set(text.replace(",", " ").split())


def test_the_childs_copy_is_short_and_plain() -> None:
    files = _outputs(formats=("html", "docx"), audience="child", arrangement="jayden-sessions")
    html = next(data for name, data in files.items() if name.endswith(".html")).decode()
    words = html_body_words(html.encode())
    text = " ".join(words)
    for heading in ("Who", "When", "Where", "If you want something to change"):
        assert f"<h2>{heading}</h2>" in html
    assert "You will see Jayden your older half-brother" in text
    assert "Saturday 21 November 2026" in text and "Tell Ash and Remi or your social worker" in text
    assert "<table" not in html and len(words) < 150
    assert "Signatures" not in docx_as_text(next(d for n, d in files.items() if n.endswith(".docx")))


def test_a_review_row_sits_among_the_dates() -> None:
    html = _outputs(formats=("html",), audience="agency", arrangement="jayden-sessions").popitem()[1].decode()
    before, after = html.split("By 31 May 2027", 1)
    assert "Saturday 8 May 2027" in before and "Saturday 19 June 2027" in after


# --- calendar files ----------------------------------------------------------------------

@pytest.mark.parametrize("copy", ["agency", "carers"])
@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_the_calendar_parses_back_to_the_schedules_dates(arrangement: str, copy: str) -> None:
    case = permdocs.load_case(SAMPLE)
    source = next(a for a in case.family_time if a.id == arrangement)
    assert source.schedule is not None
    expected = [
        s.on for s in list_sessions(
            source.schedule, starts_on=source.starts_on or case.prepared_on, ends_on=source.ends_on,
            review_on=source.review_on, born=case.child.date_of_birth,
        ).sessions
    ]
    (data,) = _outputs(formats=("ics",), audience=copy, arrangement=arrangement).values()
    calendar = icalendar.Calendar.from_ical(data)
    starts = [event.decoded("dtstart") for event in calendar.walk("VEVENT")]
    assert [s.date() if hasattr(s, "date") else s for s in starts] == expected
    assert len({event["uid"] for event in calendar.walk("VEVENT")}) == len(expected)


def test_timed_sessions_carry_their_start_and_length() -> None:
    (data,) = _outputs(formats=("ics",), audience="carers", arrangement="jayden-sessions").values()
    first = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert first.decoded("dtstart").isoformat() == "2026-11-21T10:30:00"
    assert first.decoded("dtend").isoformat() == "2026-11-21T13:30:00"


def test_calendar_files_are_the_same_bytes_every_time() -> None:
    assert _outputs(formats=("ics",), audience="carers") == _outputs(formats=("ics",), audience="carers")


@pytest.mark.parametrize("copy", ["birth-family", "child"])
def test_copies_without_a_calendar_refuse_ics(copy: str) -> None:
    with pytest.raises(permdocs.UnknownFormatError, match="not ics"):
        _outputs(formats=("ics",), audience=copy)


# --- the command line ---------------------------------------------------------------------

def test_the_cli_renders_one_arrangements_copy_with_a_calendar(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [
        "render", str(SAMPLE), "--doc", DOC, "--copy", "carers", "--arrangement", "letters-mother",
        "--format", "pdf,ics", "--out", str(tmp_path),
    ])
    assert result.exit_code == 0, result.output
    assert [p.name for p in visible_files(tmp_path)] == [
        "family-time_FX-2025-0517_carers_letters-mother.ics", "family-time_FX-2025-0517_carers_letters-mother.pdf",
    ]


def test_the_cli_explains_an_unknown_arrangement_and_a_calendar_the_copy_lacks(tmp_path: Path) -> None:
    unknown = CliRunner().invoke(main, ["render", str(SAMPLE), "--doc", DOC, "--arrangement", "nope", "--out", str(tmp_path)])
    assert unknown.exit_code == 2 and "Its arrangements: letters-mother" in unknown.output
    no_ics = CliRunner().invoke(main, ["render", str(SAMPLE), "--doc", DOC, "--copy", "birth-family", "--format", "ics", "--out", str(tmp_path)])
    assert no_ics.exit_code == 2 and "not ics" in no_ics.output
    assert list(tmp_path.iterdir()) == []


def test_all_documents_in_all_copies_take_calendars_only_where_offered(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [
        "render", str(SAMPLE), "--doc", "all", "--audience", "all", "--format", "html,ics", "--out", str(tmp_path),
    ])
    assert result.exit_code == 0, result.output
    calendars = sorted(p.name for p in tmp_path.glob("*.ics"))
    assert len(calendars) == 6 and all("birth-family" not in n and "_child_" not in n for n in calendars)


def test_the_sample_has_the_three_arrangements_the_issue_describes() -> None:
    data = json.loads(SAMPLE.read_text())
    kinds = [(a["id"], a["kind"], a["schedule"]) for a in data["family_time"]]
    assert kinds[0][1:] == ("letterbox", {"repeats": "yearly", "months": [3, 9]})
    assert kinds[1][1] == "sibling" and kinds[1][2]["every"] == 6
    assert kinds[2][2] == {"repeats": "yearly", "birthday_week": True}
