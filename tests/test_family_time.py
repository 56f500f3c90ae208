"""The family-time agreement: its schedules (month ends, leap years, bank
holidays, the 18th birthday), its calendar files, its copies for each party,
and choosing one arrangement. The leak test covers what each copy withholds;
the parity and OOXML tests cover every arrangement through the registry."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

import permdocs
from permdocs.case.family_time import Schedule
from permdocs.cli import main
from permdocs.practice.schedules import (
    ListEnds,
    Precision,
    birthday_in,
    describe,
    eighteenth_birthday,
    how_often,
    list_sessions,
)

from conftest import ROOT, sample_dict, visible_files
from leak import output_text
from readable import W, docx_as_text, docx_xml, html_body_words

SAMPLE = ROOT / "samples" / "adoption-family-time.json"
DOC = "family-time"
ARRANGEMENTS = ("letters-mother", "jayden-sessions", "grandmother-yearly", "letters-riley")
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


def test_a_young_childs_words_have_no_clock_times() -> None:
    from permdocs.case.family_time import FamilyTimeArrangement

    def said(frequency: str) -> str:
        data = {**sample_dict("adoption-family-time")["family_time"][1], "frequency": frequency}
        return how_often(FamilyTimeArrangement.model_validate(data, strict=False), "Orla", clock=False)

    assert said("Every other Saturday at 10:30, for two hours") == "Every other Saturday, for two hours"
    assert said("Monthly, from 2pm to 4pm") == "Monthly"
    assert said("Once a month, at 10.30am.") == "Once a month."
    assert describe(rule(repeats="weekly", weekday="saturday", start_time="10:30"), "Orla", clock=False) == "Every week, on a Saturday"


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


@pytest.mark.parametrize(
    ("months", "day", "starts_on", "expected"),
    [
        ([1, 3], 31, "2027-01-01", ["2027-01-31", "2027-03-31", "2028-01-31", "2028-03-31"]),
        ([6, 12], 30, "2027-01-01", ["2027-06-30", "2027-12-30", "2028-06-30", "2028-12-30"]),
        # 2028 is a leap year: February keeps its 29th; 2027's February ends on the 28th.
        ([2, 3], 29, "2027-01-01", ["2027-02-28", "2027-03-29", "2028-02-29", "2028-03-29"]),
        ([2, 4], 31, "2027-01-01", ["2027-02-28", "2027-04-30", "2028-02-29", "2028-04-30"]),
    ],
)
def test_each_month_of_a_yearly_rule_gets_its_own_month_end(months: list[int], day: int, starts_on: str, expected: list[str]) -> None:
    found = days(rule(repeats="yearly", months=months, day_of_month=day), starts_on=starts_on)
    assert found == [date.fromisoformat(d) for d in expected]


def test_a_yearly_day_without_months_keeps_to_the_first_months() -> None:
    # RFC 5545 would repeat a yearly BYMONTHDAY in every month.
    assert days(rule(repeats="yearly", day_of_month=15)) == [date(2026, 11, 15), date(2027, 11, 15)]
    assert days(rule(repeats="yearly", day_of_month=31, first_on="2027-02-01")) == [date(2027, 2, 28), date(2028, 2, 29)]


def test_a_leap_day_birthday_falls_on_1_march_in_common_years() -> None:
    listed = list_sessions(
        rule(repeats="yearly", birthday_week=True), starts_on=date(2026, 11, 10), ends_on=None, review_on=None,
        born=date(2020, 2, 29),
    )
    # The 18th birthday's convention (1 March in a common year) decides the week too:
    # 1 March 2027 is a Monday; 29 February 2028 falls in the week of Monday 28 February.
    assert [(s.on, s.precision) for s in listed.sessions] == [(date(2027, 3, 1), Precision.WEEK), (date(2028, 2, 28), Precision.WEEK)]
    assert eighteenth_birthday(date(2008, 2, 29)) == birthday_in(date(2008, 2, 29), 2026) == date(2026, 3, 1)


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
    assert list(_outputs(formats=("html",), options={"arrangement": "jayden-sessions"})) == ["family-time_FX-2025-0517_jayden-sessions.html"]
    with pytest.raises(permdocs.UnknownOptionError, match=r"in \$\.family_time are: letters-mother, jayden-sessions, grandmother-yearly"):
        _outputs(formats=("html",), options={"arrangement": "no-such"})
    with pytest.raises(permdocs.UnknownOptionError, match="has no option 'arrangement'. Its options: none"):
        permdocs.render_outputs(permdocs.load_case(SAMPLE), permdocs.RenderRequest("care-plan-permanence", ("html",), options={"arrangement": "x"}))


@pytest.mark.parametrize("copy", COPIES)
@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_every_copy_snapshot(arrangement: str, copy: str, html_snapshot: Any, docx_snapshot: Any) -> None:
    files = _outputs(formats=("html", "docx"), audience=copy, options={"arrangement": arrangement})
    (html,) = [data for name, data in files.items() if name.endswith(".html")]
    (docx,) = [data for name, data in files.items() if name.endswith(".docx")]
    assert html == html_snapshot
    assert docx == docx_snapshot


def _copy_text(data: dict[str, Any], audience: str, arrangement: str) -> str:
    request = permdocs.RenderRequest(DOC, ("html",), audience, options={"arrangement": arrangement})
    return " ".join(html_body_words(permdocs.render_outputs(permdocs.load_case(data), request).popitem()[1]))


def test_the_agreement_names_adopters_one_way_in_every_copy() -> None:
    data = sample_dict("adoption-family-time")
    letters = _copy_text(data, "birth-family", "letters-mother")
    # Before the adoption order they are prospective adopters, whatever the record calls them.
    data["people"][5]["relationship"] = "Adoptive parents"
    assert "Ash and Remi prospective adopters" in _copy_text(data, "birth-family", "letters-mother") == letters
    assert "adoptive parents" not in letters.replace("Riley's adoptive parents", "")
    # Named as Orla's parents, they are Orla's parents in every copy; the agency's names who they are once.
    data["family_time"][2]["adopters_named_as"] = "childs_parents"
    visits = _copy_text(data, "birth-family", "grandmother-yearly")
    agency = _copy_text(data, "agency", "grandmother-yearly")
    assert "Orla's parents" in visits and "Ash" not in visits
    assert "Orla's parents Ash and Remi Plumbridge prospective adopters Bringing up Orla" in agency
    assert "Ash" not in agency.replace("Orla's parents Ash and Remi Plumbridge", "")
    for text in (letters, visits):
        assert not {"Plumbridge", "Larchmere", "Dunholt", "Tiddlers", "Little Movers"} & set(text.replace(",", " ").split())


def test_the_childs_copy_is_short_and_plain() -> None:
    fostering = permdocs.load_case(ROOT / "samples" / "long-term-fostering.json")
    files = permdocs.render_outputs(fostering, permdocs.RenderRequest(DOC, ("html", "docx"), "child", options={"arrangement": "skye"}))
    html = next(data for name, data in files.items() if name.endswith(".html")).decode()
    words = html_body_words(html.encode())
    text = " ".join(words)
    # Leo is 12: plain words, no pictures.
    for heading in ("Who", "When", "Where", "If you want something to change"):
        assert f"<h2>{heading}</h2>" in html
    assert "You will see Skye your half-sister" in text
    assert "<table" not in html and "<img" not in html and len(words) < 150
    assert "Signatures" not in docx_as_text(next(d for n, d in files.items() if n.endswith(".docx")))


def test_the_childs_copy_carries_no_protective_marking() -> None:
    files = _outputs(formats=("html", "docx"), audience="child", options={"arrangement": "letters-mother"})
    html = next(data for name, data in files.items() if name.endswith(".html")).decode()
    docx = next(data for name, data in files.items() if name.endswith(".docx"))
    assert "OFFICIAL" not in html and "OFFICIAL" not in output_text("copy.docx", docx)
    # The carers' copy, which holds every detail, keeps it.
    assert b"OFFICIAL-SENSITIVE" in _outputs(formats=("html",), audience="carers", options={"arrangement": "letters-mother"}).popitem()[1]


def test_a_young_childs_copy_has_pictures_a_calendar_and_no_clock() -> None:
    files = _outputs(formats=("html", "docx"), audience="child", options={"arrangement": "jayden-sessions"})
    html = next(data for name, data in files.items() if name.endswith(".html")).decode()
    docx = next(data for name, data in files.items() if name.endswith(".docx"))
    text = " ".join(html_body_words(html.encode()))
    # Orla is 4: who, when, where, how long and who to tell, each with a picture described for a reader who cannot see it.
    pictures = re.findall(r'<img class="beside" src="data:image/png;base64,[^"]+" alt="([^"]+)"', html)
    assert len(pictures) == 5 and all(alt.startswith("A picture of") for alt in pictures)
    assert [d.get("descr") for d in docx_xml(docx, "word/document.xml").iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")] == pictures
    assert "You will spend time with Jayden your brother" in text and "half" not in text
    # The next dates as calendar cards: the weekday over the day, no year and no clock.
    assert "Your next times Saturday Saturday Saturday Saturday 21 November 2 January 13 February 27 March" in text
    assert "Each time you will be together for three hours" in text
    assert not re.search(r"\d{1,2}:\d{2}|agency|2026|2027", text.split(" Who ", 1)[1])
    assert len(text.split()) < 150


def _child_text(sample: Path, arrangement: str) -> str:
    files = permdocs.render_outputs(permdocs.load_case(sample), permdocs.RenderRequest(DOC, ("html",), "child", options={"arrangement": arrangement}))
    return " ".join(html_body_words(files.popitem()[1]))


def test_the_childs_copy_speaks_to_the_child() -> None:
    grandmother = _child_text(SAMPLE, "grandmother-yearly")
    assert "in the week of your birthday" in grandmother and "Orla's birthday" not in grandmother
    # The child's own names for people; a young child's words for who they are.
    assert "You will see Nanna your grandmother" in grandmother and "Maureen" not in grandmother
    assert "You will get letters from Mummy Kerry your birth mum" in _child_text(SAMPLE, "letters-mother")
    # One date before the review, so one date is promised; "the agency" in the venue is the social worker.
    assert "Your next times The week of 16 August Each time" in grandmother
    assert "You will meet at a café in Exampleton chosen by your social worker" in grandmother
    fostering = ROOT / "samples" / "long-term-fostering.json"
    # Where the carers' names are withheld from the child's copy, they are the people the child lives with.
    assert "Tell the people you live with or your social worker" in _child_text(fostering, "mother")
    assert "You will meet in the community" in _child_text(fostering, "mother")
    assert "You will see Skye your half-sister on a video call" in _child_text(fostering, "skye-video")


def test_the_childs_word_copy_has_the_childs_layout() -> None:
    (child,) = _outputs(formats=("docx",), audience="child", options={"arrangement": "jayden-sessions"}).values()
    (agency,) = _outputs(formats=("docx",), audience="agency", options={"arrangement": "jayden-sessions"}).values()
    normal_size = lambda data: docx_xml(data, "word/styles.xml").find(f".//{W}style[@{W}styleId='Normal']/{W}rPr/{W}sz").get(f"{W}val")
    # 12.5 pt, as the child's PDF; the agreement keeps 10.5 pt.
    assert (normal_size(child), normal_size(agency)) == ("25", "21")
    headers = lambda data: " ".join(docx_xml(data, name).xpath("string()") for name in _parts(data, "word/header"))
    assert "Case FX-2025-0517" in headers(agency) and "Case" not in headers(child) and "Orla Wren" not in headers(child)


def _parts(data: bytes, prefix: str) -> list[str]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [n for n in archive.namelist() if n.startswith(prefix)]


def test_a_review_row_sits_among_the_dates() -> None:
    html = _outputs(formats=("html",), audience="agency", options={"arrangement": "jayden-sessions"}).popitem()[1].decode()
    before, after = html.split("Review by 31 May 2027", 1)
    assert "Saturday 8 May 2027" in before and "Saturday 19 June 2027" in after
    # No bank holiday or moved date: no empty notes column.
    assert '<th scope="col">Note</th>' not in html


def test_the_agreement_reads_as_the_case_says() -> None:
    html = _outputs(formats=("html",), audience="agency", options={"arrangement": "grandmother-yearly"}).popitem()[1].decode()
    text = " ".join(html_body_words(html.encode()))
    assert "Supervised by a family-time worker from the agency" in text
    assert "in a way that suits her age" in text and "their age" not in text
    assert "Family member who keeps in touch" not in text and "Maureen Testbury maternal grandmother Meeting Orla" in text


def test_signatures_have_room_to_sign_and_stay_together() -> None:
    files = _outputs(formats=("html", "docx"), audience="birth-family", options={"arrangement": "letters-mother"})
    html = next(d for n, d in files.items() if n.endswith(".html")).decode()
    assert re.search(r'<div class="table-scroll keep-together"[^>]*><table class="data grid for-signing">', html)
    body = docx_xml(next(d for n, d in files.items() if n.endswith(".docx")), "word/document.xml")
    table = body.xpath("//w:tbl[.//w:t[text()='Signature']]", namespaces={"w": W[1:-1]})[0]
    rows = table.findall(f"{W}tr")
    # Each row at least 15 mm high; every row but the last kept with the next.
    assert all(row.find(f"{W}trPr/{W}trHeight").get(f"{W}val") == "850" for row in rows[1:])
    kept = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")) for row in rows]
    assert kept == [True] * (len(rows) - 1) + [False]


def _signers(case: Any, arrangement: str, audience: str = "agency") -> list[str]:
    files = permdocs.render_outputs(case, permdocs.RenderRequest(DOC, ("html",), audience, options={"arrangement": arrangement}))
    signed = files.popitem()[1].decode().split("<h2>Signatures</h2>", 1)[1]
    import html as markup

    return [markup.unescape(who) for who in re.findall(r'<th scope="row">([^<]*)</th>', signed)]


def test_children_of_eight_and_over_sign() -> None:
    fostering = permdocs.load_case(ROOT / "samples" / "long-term-fostering.json")
    assert "Leo" in _signers(fostering, "skye")
    # Jayden is 9: he signs for himself; Orla, at 4, has her wishes written down instead.
    signers = _signers(permdocs.load_case(SAMPLE), "jayden-sessions")
    assert "Jayden Testbury (older half-brother)" in signers and not any(s.startswith(("For Jayden", "Orla")) for s in signers)


def test_a_sibling_adopted_elsewhere_keeps_in_touch_through_their_parents() -> None:
    case = permdocs.load_case(SAMPLE)
    agency = _copy_text(sample_dict("adoption-family-time"), "agency", "letters-riley")
    # Riley, 2, is not the writer: his adoptive parents write for him, and sign for him too.
    assert "Riley Testbury younger brother Hearing from Orla and sending news through Sam and Alex" in agency
    assert "Sam and Alex Quillby-Sample Riley's adoptive parents Writing to Orla through the agency for Riley" in agency
    assert "Sam and Alex Quillby-Sample (Riley's adoptive parents), also for Riley" in _signers(case, "letters-riley")
    # Their names lead to Riley: only the agency's copy has them.
    for audience in ("carers", "birth-family", "court", "child"):
        text = _copy_text(sample_dict("adoption-family-time"), audience, "letters-riley")
        assert not {"Sam", "Alex", "Quillby-Sample"} & set(text.split()), audience
    carers = _copy_text(sample_dict("adoption-family-time"), "carers", "letters-riley")
    assert "Riley's adoptive parents Writing to Orla through the agency for Riley" in carers


def test_a_first_names_agreement_that_calls_the_adopters_her_parents_is_flagged() -> None:
    data = sample_dict("adoption-family-time")
    data["family_time"][1]["venue"] = "A park that Orla's parents and Jayden's carer choose"
    found = [(f.rule, f.path) for f in permdocs.check(permdocs.load_case(data))]
    assert ("FT-015", "$.family_time[1].venue") in found


def test_every_childs_wishes_are_heard() -> None:
    agency = _copy_text(sample_dict("adoption-family-time"), "agency", "jayden-sessions")
    assert "Hearing the children's wishes" in agency and "What Jayden wants Jayden told his social worker" in agency
    data = sample_dict("adoption-family-time")
    data["family_time"][1]["siblings_wishes"] = []
    assert "What Jayden wants Not yet recorded" in _copy_text(data, "agency", "jayden-sessions")


def test_each_copy_has_a_part_for_its_reader() -> None:
    data = sample_dict("adoption-family-time")
    parts = {"agency": "What Fictionshire County Council Children's Services does", "court": "What Fictionshire County Council Children's Services does",
             "carers": "Your part as Orla's prospective adopters", "birth-family": "How each visit works for you"}
    for audience, part in parts.items():
        text = _copy_text(data, audience, "jayden-sessions")
        others = {p for a, p in parts.items() if p != part}
        assert part in text and not any(other in text for other in others), audience
    # A letters agreement: the birth family's part is the letterbox guide, with the reply slip the arrangement asks for.
    letters = _copy_text(data, "birth-family", "letters-mother")
    assert "How letterbox works for you" in letters and "Reply slip" in letters and "Letterbox reference LB-2025-0517" in letters
    assert "Reply slip" not in _copy_text(data, "agency", "letters-mother")
    assert "Reply slip" not in _copy_text(data, "birth-family", "letters-riley")


def _plain_sentences(page: bytes) -> str:
    """The copy's words with its sentence ends, for a reading-age estimate:
    each heading, cell and item ends a sentence."""
    import html as markup

    main = page.decode().split("<main>", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"</(h\d|p|li|td|th|caption)>", ". ", main)
    return re.sub(r"\s+", " ", re.sub(r"\.\s*\.", ".", markup.unescape(re.sub(r"<[^>]+>", " ", main))))


def test_every_childs_copy_reads_at_a_childs_reading_age() -> None:
    # The same estimate as the later-life letter's review (Flesch-Kincaid grade plus five).
    # A young child's copy is read aloud to them, an older child reads their own: 9 at most for both.
    from permdocs.practice.letter_review import reading_age

    from conftest import SAMPLES

    ages = {}
    for path in SAMPLES:
        case = permdocs.load_case(path)
        for arrangement in case.family_time:
            request = permdocs.RenderRequest(DOC, ("html",), "child", options={"arrangement": arrangement.id})
            ages[path.stem, arrangement.id] = reading_age(_plain_sentences(permdocs.render_outputs(case, request).popitem()[1]))
    assert len(ages) >= 20 and {where: age for where, age in ages.items() if age is None or age > 9} == {}


def test_adopters_named_as_the_childs_parents_leave_the_free_text_too() -> None:
    data = sample_dict("adoption-family-time")
    data["family_time"][2]["transport_and_costs"] = "The agency pays Maureen's bus fares; Ash and Remi bring Orla, and Remi waits."
    data["family_time"][2]["adopters_named_as"] = "childs_parents"
    request = permdocs.RenderRequest(DOC, ("html",), "birth-family", options={"arrangement": "grandmother-yearly"}, draft=True)
    text = " ".join(html_body_words(permdocs.render_outputs(permdocs.load_case(data), request).popitem()[1]))
    assert "Orla's parents bring Orla and one of Orla's parents waits" in text
    assert "Ash" not in text.split("Appendix")[0] and "Remi" not in text.split("Appendix")[0]
    # The agreement with first names keeps them.
    request = permdocs.RenderRequest(DOC, ("html",), "birth-family", options={"arrangement": "letters-mother"}, draft=True)
    assert "Ash and Remi" in permdocs.render_outputs(permdocs.load_case(data), request).popitem()[1].decode()


def test_an_id_holding_a_withheld_word_stays_out_of_the_birth_familys_file_names() -> None:
    data = sample_dict("adoption-family-time")
    data["family_time"][1]["id"] = "dunholt-park-plumbridge"
    case = permdocs.load_case(data)
    named = lambda copy: sorted(permdocs.render_outputs(case, permdocs.RenderRequest(DOC, ("html",), copy, draft=True)))
    assert "family-time_FX-2025-0517_birth-family_arrangement-2_DRAFT.html" in named("birth-family")
    assert "family-time_FX-2025-0517_child_arrangement-2_DRAFT.html" in named("child")
    # The agency and the carers know the adopters' surname and town: their files keep the id.
    assert "family-time_FX-2025-0517_dunholt-park-plumbridge_DRAFT.html" in named("agency")
    assert "family-time_FX-2025-0517_carers_dunholt-park-plumbridge_DRAFT.html" in named("carers")
    with pytest.raises(permdocs.UnresolvedFindingsError):
        permdocs.render_outputs(case, permdocs.RenderRequest(DOC, ("html",), "birth-family"))


# --- calendar files ----------------------------------------------------------------------

def _calendar(copy: str, arrangement: str) -> icalendar.Calendar:
    (data,) = _outputs(formats=("ics",), audience=copy, options={"arrangement": arrangement}).values()
    return icalendar.Calendar.from_ical(data)


@pytest.mark.parametrize("copy", ["agency", "carers"])
@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_the_calendar_parses_back_to_the_schedules_dates(arrangement: str, copy: str) -> None:
    case = permdocs.load_case(SAMPLE)
    source = next(a for a in case.family_time if a.id == arrangement)
    assert source.schedule is not None and source.review_on is not None
    expected = [
        s.on for s in list_sessions(
            source.schedule, starts_on=source.starts_on or case.prepared_on, ends_on=source.ends_on,
            review_on=source.review_on, born=case.child.date_of_birth,
        ).sessions
    ]
    events = _calendar(copy, arrangement).walk("VEVENT")
    starts = [event.decoded("dtstart") for event in events]
    # Every session, then the review.
    assert [s.date() if hasattr(s, "date") else s for s in starts] == [*expected, source.review_on]
    assert str(events[-1]["summary"]).startswith("Review of the contact agreement")
    assert len({event["uid"] for event in events}) == len(expected) + 1


def test_timed_sessions_carry_their_start_length_and_zone() -> None:
    calendar = _calendar("carers", "jayden-sessions")
    first = calendar.walk("VEVENT")[0]
    assert first.decoded("dtstart").isoformat() == "2026-11-21T10:30:00+00:00"
    assert first.decoded("dtend").isoformat() == "2026-11-21T13:30:00+00:00"
    assert first["dtstart"].params["TZID"] == "Europe/London"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    # British Summer Time: the session is still at 10:30 in England.
    summer = next(e for e in calendar.walk("VEVENT") if e.decoded("dtstart").date() == date(2027, 6, 19))
    assert summer.decoded("dtstart").isoformat() == "2027-06-19T10:30:00+01:00"


def test_months_and_weeks_are_all_day_spans_with_capitals_kept() -> None:
    letters = _calendar("carers", "letters-mother").walk("VEVENT")[0]
    assert (letters.decoded("dtstart"), letters.decoded("dtend")) == (date(2027, 3, 1), date(2027, 4, 1))
    assert str(letters["summary"]) == "Contact: letters with Kerry" and "During March 2027" in str(letters["description"])
    week = _calendar("carers", "grandmother-yearly").walk("VEVENT")[0]
    assert (week.decoded("dtstart"), week.decoded("dtend")) == (date(2027, 8, 16), date(2027, 8, 23))
    assert str(week["summary"]) == "Contact: Orla sees Maureen"


def test_an_arrangement_without_a_schedule_has_no_calendar_file() -> None:
    case = permdocs.load_case(ROOT / "samples" / "long-term-fostering.json")
    request = permdocs.RenderRequest(DOC, ("html", "ics"), "carers")
    with pytest.raises(permdocs.UnknownFormatError, match=r"\$\.family_time\[0\] has no schedule"):
        permdocs.render_outputs(case, request)
    skipped: list[str] = []
    files = permdocs.render_outputs(case, request, skipped=skipped)
    assert sorted(n for n in files if n.endswith(".ics")) == ["family-time_FX-2023-0077_carers_skye-video.ics"]
    assert [reason.split(":")[0] for reason in skipped] == [
        "family-time_FX-2023-0077_carers_mother.ics", "family-time_FX-2023-0077_carers_skye.ics",
    ]


def test_calendar_files_are_the_same_bytes_every_time() -> None:
    assert _outputs(formats=("ics",), audience="carers") == _outputs(formats=("ics",), audience="carers")


@pytest.mark.parametrize("copy", ["birth-family", "child"])
def test_copies_without_a_calendar_refuse_ics(copy: str) -> None:
    with pytest.raises(permdocs.UnknownFormatError, match=rf"document's '{copy}' copy comes in docx, html, pdf, not ics"):
        _outputs(formats=("ics",), audience=copy)


# --- the command line ---------------------------------------------------------------------

@pytest.mark.parametrize("asking", [["--arrangement", "letters-mother"], ["-o", "arrangement=Letters-Mother"]])
def test_the_cli_renders_one_arrangements_copy_with_a_calendar(tmp_path: Path, asking: list[str]) -> None:
    result = CliRunner().invoke(main, [
        "render", str(SAMPLE), "--doc", DOC, "--copy", "carers", *asking, "--format", "html,ics", "--out", str(tmp_path),
    ])
    assert result.exit_code == 0, result.output
    assert [p.name for p in visible_files(tmp_path)] == [
        "family-time_FX-2025-0517_carers_letters-mother.html", "family-time_FX-2025-0517_carers_letters-mother.ics",
    ]


def test_the_cli_names_an_option_it_cannot_read(tmp_path: Path) -> None:
    nameless = CliRunner().invoke(main, ["render", str(SAMPLE), "--doc", DOC, "-o", "=x", "--out", str(tmp_path)])
    assert nameless.exit_code == 2 and "'=x' names no option" in nameless.output
    undeclared = CliRunner().invoke(main, ["render", str(SAMPLE), "--doc", DOC, "-o", "review", "--out", str(tmp_path)])
    assert undeclared.exit_code == 2 and "has no option 'review'. Its options: arrangement." in undeclared.output
    assert list(tmp_path.iterdir()) == []


def test_the_cli_explains_an_unknown_arrangement_and_a_calendar_the_copy_lacks(tmp_path: Path) -> None:
    unknown = CliRunner().invoke(main, ["render", str(SAMPLE), "--doc", DOC, "--arrangement", "nope", "--out", str(tmp_path)])
    assert unknown.exit_code == 2 and "the ids in $.family_time are: letters-mother" in unknown.output
    no_ics = CliRunner().invoke(main, ["render", str(SAMPLE), "--doc", DOC, "--copy", "birth-family", "--format", "ics", "--out", str(tmp_path)])
    assert no_ics.exit_code == 2 and "not ics" in no_ics.output
    assert list(tmp_path.iterdir()) == []


def test_all_documents_in_all_copies_take_calendars_only_where_offered(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [
        "render", str(SAMPLE), "--doc", "all", "--audience", "all", "--format", "html,ics", "--out", str(tmp_path),
    ])
    assert result.exit_code == 0, result.output
    calendars = sorted(p.name for p in tmp_path.glob("*.ics"))
    # Four arrangements, each in the agency's and the carers' copy.
    assert len(calendars) == 8 and all("birth-family" not in n and "_child_" not in n for n in calendars)


def test_the_sample_has_the_three_arrangements_the_issue_describes() -> None:
    data = json.loads(SAMPLE.read_text())
    kinds = [(a["id"], a["kind"], a["schedule"]) for a in data["family_time"]]
    assert kinds[0][1:] == ("letterbox", {"repeats": "yearly", "months": [3, 9]})
    assert kinds[1][1] == "sibling" and kinds[1][2]["every"] == 6
    assert kinds[2][2] == {"repeats": "yearly", "birthday_week": True}


def test_the_cli_skips_calendars_without_dates_when_rendering_several_and_refuses_one(tmp_path: Path) -> None:
    fostering = str(ROOT / "samples" / "long-term-fostering.json")
    several = CliRunner().invoke(main, ["render", fostering, "--doc", DOC, "--audience", "all", "--format", "ics", "--out", str(tmp_path)])
    assert several.exit_code == 0, several.output
    assert "skipped family-time_FX-2023-0077_mother.ics: The family-time arrangement at $.family_time[0] has no schedule" in several.output
    assert [p.name for p in visible_files(tmp_path)] == [
        "family-time_FX-2023-0077_carers_skye-video.ics", "family-time_FX-2023-0077_skye-video.ics",
    ]
    one = CliRunner().invoke(main, ["render", fostering, "--doc", DOC, "--format", "ics", "--out", str(tmp_path / "one")])
    assert one.exit_code == 2 and "has no schedule" in one.output and "Traceback" not in one.output


def test_the_childs_word_layout_is_checked_against_the_agreements_context(tmp_path: Path) -> None:
    import zipfile

    from permdocs.describe.template_check import TemplateSource, _check_docx

    packaged = permdocs.DOCUMENTS[DOC].template("docx", "child")
    broken = tmp_path / packaged.name
    with zipfile.ZipFile(packaged) as source, zipfile.ZipFile(broken, "w") as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            target.writestr(entry, data.replace(b"{{ child_title }}", b"{{ child_titel }}") if entry.filename == "word/document.xml" else data)
    findings = _check_docx(TemplateSource("docx", packaged.name, "packaged", broken), packaged.name, set())
    assert [f.message for f in findings] == ["'child_titel' is not provided by the document's context; did you mean 'child_title'?"]
    assert _check_docx(TemplateSource("docx", packaged.name, "packaged", packaged), packaged.name, set()) == []


HEADINGS = ("Who this agreement is between", "What it is for", "How it works", "Letters", "Dates",
            "If a letter is missed", "If a session is missed", "Hearing Orla's wishes", "Review and changes", "Signatures")


def test_each_heading_and_fact_is_in_the_words_of_its_kind_of_arrangement() -> None:
    # A letters-only agreement has no sessions to miss, and no journeys to pay for unless the worker says so (issue 24).
    data = sample_dict("adoption-family-time")
    for arrangement in data["family_time"]:
        arrangement["transport_and_costs"] = None
    case = permdocs.load_case(data)

    def words(arrangement: str) -> str:
        request = permdocs.RenderRequest(DOC, ("html",), "agency", options={"arrangement": arrangement})
        return " ".join(html_body_words(permdocs.render_outputs(case, request).popitem()[1]))

    letters, visits = words("letters-mother"), words("jayden-sessions")
    assert "If a letter is missed" in letters and "session" not in letters.lower() and "Transport and costs" not in letters
    assert "If a session is missed" in visits and "Transport and costs Not yet agreed" in visits and "or letter" not in visits


@pytest.mark.parametrize("copy", ["agency", "birth-family"])
@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_pages_never_end_on_a_heading_or_lead_in_and_signatures_stay_together(arrangement: str, copy: str) -> None:
    import io

    from pypdf import PdfReader

    (data,) = _outputs(formats=("pdf",), audience=copy, options={"arrangement": arrangement}).values()
    pages = [page.extract_text().splitlines() for page in PdfReader(io.BytesIO(data)).pages]
    for lines in pages:
        # The page's last line of text, without the running header and footer or list bullets.
        furniture = ("OFFICIAL-SENSITIVE", "Fictionshire County Council ·")
        body = [line.strip() for line in lines if line.strip() not in ("", "•") and not line.startswith(furniture)]
        assert body[-1] not in (*HEADINGS, "What may be sent:", "What may not be sent:"), body[-3:]
    (signing,) = [lines for lines in pages if "Signatures" in lines]
    assert any(line.startswith("Dana Casewright, for") for line in signing)  # in large type the line wraps after "for"
    assert all(not any("Dana Casewright, for" in line for line in lines) for lines in pages if lines is not signing)


def test_the_childs_copy_promises_no_more_than_the_agencys() -> None:
    # Letters "in March and September" may be late or missed (the agency's copy says what then happens):
    # the child is told so, and that it is never their fault (issue 24).
    letters = " ".join(html_body_words(_outputs(formats=("html",), audience="child", options={"arrangement": "letters-mother"}).popitem()[1]))
    visits = " ".join(html_body_words(_outputs(formats=("html",), audience="child", options={"arrangement": "jayden-sessions"}).popitem()[1]))
    assert "Sometimes a letter is late or does not come That is never your fault" in letters
    assert "Sometimes a time has to move or be missed" in visits and "It is never your fault" in visits


def _letters_copy(audience: str) -> str:
    files = _outputs(formats=("html",), audience=audience, options={"arrangement": "letters-mother"})
    return " ".join(html_body_words(files.popitem()[1]))


def _words_of(sentence: str) -> str:
    """A sentence as html_body_words gives it: words, without punctuation."""
    return " ".join(re.sub(r"[^\w\s'-]", " ", sentence).split())


def test_a_letterbox_agreement_says_how_the_letters_work_for_both_families() -> None:
    agency = _letters_copy("agency")
    for words in (
        "The reply Kerry writes back within six weeks of each letter", "Letterbox reference LB-2025-0517",
        "Neither family looks for the other on the internet or social media",
        "What the letters from Ash and Remi will tell", "How Orla is growing and getting on",
        "independent support from the Fictionshire Birth Relatives Service",
        # Before the order the adopters are not yet Orla's parents; at 18 Orla decides.
        "When the court makes the adoption order, Ash and Remi become Orla's parents in law",
        "section 51A", "On her 18th birthday (19 August 2040), Orla becomes an adult and decides for herself",
        "Adoption Contact Register",
    ):
        assert _words_of(words) in agency, words
    # The guide in steps is the birth family's own.
    assert "How letterbox works for you" not in agency
    birth_family = _letters_copy("birth-family")
    assert _words_of("How letterbox works for you 1. A letter comes.") in birth_family
    assert _words_of("2. You write back. Kerry writes back within six weeks of each letter, if she wishes to.") in birth_family


def test_the_birth_familys_copy_is_in_large_type_in_every_format() -> None:
    files = _outputs(formats=("html", "docx"), audience="birth-family", options={"arrangement": "letters-mother"})
    html = next(data for name, data in files.items() if name.endswith(".html")).decode()
    assert "large-type" in html.split("<body", 1)[1].split(">", 1)[0]
    styles = docx_xml(next(data for name, data in files.items() if name.endswith(".docx")), "word/styles.xml")
    sizes = [int(size.get(f"{W}val")) for style in styles.iter(f"{W}style")
             if style.get(f"{W}styleId") not in ("Header", "HeaderChar", "Footer", "FooterChar")
             for size in style.iter(f"{W}sz")]
    assert sizes and min(sizes) >= 24  # half-points: 12 pt
    agency = _outputs(formats=("html",), audience="agency", options={"arrangement": "letters-mother"}).popitem()[1]
    assert "large-type" not in agency.decode().split("<body", 1)[1].split(">", 1)[0]
