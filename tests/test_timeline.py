"""The placement timeline: what it collects from each sample (a readable
snapshot of spans and markers, not of pixels), that its words never overlap
even for a child with 12 moves, that a copy's picture names no withheld
carer or place, that it draws the same bytes every time, and its window."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

import permdocs
from permdocs.base.sensitivity import Sensitivity, Treatment
from permdocs.practice.timeline import Lane, Timeline, collect, last_years, window
from permdocs.safeguarding.redaction import redact
from permdocs.text.timeline import Text, draw, timeline_diagram

from conftest import SAMPLES, sample_dict, sample_ids
from leak import withheld_values

#: The family's and the court's copies, as documents/audiences.toml declares them.
FAMILY = {Sensitivity.PLACEMENT: Treatment.FIRST_NAMES_FOR_ADOPTERS, Sensitivity.BIRTH_FAMILY_CONTACT: Treatment.OMIT,
          Sensitivity.THIRD_PARTY: Treatment.OMIT, Sensitivity.CONFIDENTIAL: Treatment.OMIT}
COURT = {Sensitivity.PLACEMENT: Treatment.ROLE, Sensitivity.BIRTH_FAMILY_CONTACT: Treatment.OMIT,
         Sensitivity.CONFIDENTIAL: Treatment.OMIT}

#: A child with 12 moves over 10 years: two returns home, a stay with an aunt,
#: and four emergency placements of two or three weeks (who, role, from, to).
TWELVE_MOVES = (
    ("mother", "mother", "2014-03-02", "2016-04-11"),
    ("carer-a", "foster_carer", "2016-04-11", "2016-05-02"),
    ("carer-b", "foster_carer", "2016-05-02", "2017-02-20"),
    ("aunt", "relative", "2017-02-20", "2017-11-06"),
    ("carer-c", "foster_carer", "2017-11-06", "2017-11-20"),
    ("carer-d", "foster_carer", "2017-11-20", "2018-09-03"),
    ("mother", "mother", "2018-09-03", "2019-03-18"),
    ("carer-e", "foster_carer", "2019-03-18", "2019-04-01"),
    ("carer-f", "foster_carer", "2019-04-01", "2020-07-13"),
    ("carer-g", "foster_carer", "2020-07-13", "2021-10-25"),
    ("carer-h", "foster_carer", "2021-10-25", "2021-11-15"),
    ("carer-i", "foster_carer", "2021-11-15", "2023-01-16"),
)


def twelve_moves() -> dict[str, Any]:
    """Leo's sample with the moves above before his present foster home (the 12th move, in 2023)."""
    data = sample_dict("long-term-fostering")
    people = {person["id"]: person for person in data["people"]}
    people["mother"]["lived_with_child"] = []
    for who, role, start, end in TWELVE_MOVES:
        if who not in people:
            people[who] = {
                "id": who, "role": role, "relationship": "Maternal aunt" if role == "relative" else "Foster carer",
                "given_names": f"Testcarer {who[-1].upper()}", "family_name": "Madeupname",
                "has_parental_responsibility": False, "lived_with_child": [],
            }
            data["people"].append(people[who])
        people[who]["lived_with_child"].append({"start": start, "end": end})
    return data


def readable(timeline: Timeline) -> str:
    """The timeline as a reviewer reads it: lane, dates, words, and where each comes from."""
    lines = [f"{timeline.child_name}, born {timeline.born}, as of {timeline.as_of}: {timeline.start} to {timeline.end}"]
    for lane in Lane:
        spans, markers = timeline.in_lane(lane)
        lines.append(f"{lane.value}:")
        for span in spans:
            until = span.end or (f"(open; ends {span.expires})" if span.expires else "(open)")
            lines.append(f"  {span.start} to {until}  {span.label}  [{span.kind}]  {span.source}")
        for marker in markers:
            planned = "  (planned)" if marker.planned else ""
            lines.append(f"  {marker.on}  {marker.label}{planned}  [{marker.kind}]  {marker.source}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", SAMPLES, ids=sample_ids)
def test_what_each_sample_collects_snapshot(path: Any, snapshot: Any) -> None:
    assert readable(collect(permdocs.load_case(path))) == snapshot


def test_the_twelve_moves_snapshot(snapshot: Any) -> None:
    timeline = collect(permdocs.load_case(twelve_moves()))
    homes, _ = timeline.in_lane(Lane.LIVED_WITH)
    assert len(homes) == 13  # born at home, then 12 moves
    assert readable(timeline) == snapshot


def _overlaps(a: Text, b: Text) -> bool:
    ax0, ay0, ax1, ay1 = a.box
    bx0, by0, bx1, by1 = b.box
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


def _assert_words_apart(texts: tuple[Text, ...], width: float, height: float) -> None:
    for a, b in itertools.combinations(texts, 2):
        assert not _overlaps(a, b), f"{a.text!r} at {a.box} overlaps {b.text!r} at {b.box}"
    for text in texts:
        left, top, right, bottom = text.box
        assert 0 <= left and right <= width and 0 <= top and bottom <= height, f"{text.text!r} leaves the picture"


def test_twelve_moves_draw_with_no_word_over_another() -> None:
    picture = draw(collect(permdocs.load_case(twelve_moves())))
    _assert_words_apart(picture.texts, picture.width_mm, picture.height_mm)
    # Every home is named: in its bar, below it, or by a number the key explains.
    words = " ".join(t.text for t in picture.texts)
    assert "With his maternal aunt" in words and "With foster carers" in words and "With his mother" in words


@pytest.mark.parametrize("path", SAMPLES, ids=sample_ids)
def test_every_sample_draws_with_its_words_apart(path: Any) -> None:
    case = permdocs.load_case(path)
    picture = draw(collect(case))
    _assert_words_apart(picture.texts, picture.width_mm, picture.height_mm)
    assert picture.png.startswith(b"\x89PNG") and picture.svg.startswith("<svg")
    assert case.child.preferred_name in picture.alt_text
    # No scripts, no links, nothing fetched: the page's own vector text only.
    for banned in ("<script", "href", "<image", "url(", "@import", "<foreignObject"):
        assert banned not in picture.svg


def test_the_same_case_draws_the_same_bytes() -> None:
    first = timeline_diagram(permdocs.load_case(sample_dict("cpr-adoption")))
    again = timeline_diagram(permdocs.load_case(sample_dict("cpr-adoption")))
    assert first == again and first.png == again.png and first.svg == again.svg


@pytest.mark.parametrize("sample", ["cpr-adoption", "long-term-fostering", "adoption-family-time", "baby-in-proceedings"])
@pytest.mark.parametrize("audience", [FAMILY, COURT], ids=["family", "court"])
def test_a_copy_names_no_withheld_carer_or_place(sample: str, audience: dict[Sensitivity, Treatment]) -> None:
    data = sample_dict(sample)
    diagram = timeline_diagram(redact(permdocs.load_case(data), audience))
    svg_words = " ".join(t.text for t in draw(collect(redact(permdocs.load_case(data), audience))).texts)
    withheld = withheld_values(data, {category.value: treatment.value for category, treatment in audience.items()})
    assert withheld, "the sample withholds something from this copy"
    for value in withheld:
        for where, text in (("SVG", diagram.svg), ("SVG words", svg_words), ("alt text", diagram.alt_text)):
            assert value not in text, f"{value!r} is in the {where}"


def test_the_window_shows_the_last_two_years_only() -> None:
    timeline = collect(permdocs.load_case(twelve_moves()))
    recent = last_years(timeline, 2)
    assert recent.start == date(2024, 11, 9) and recent.end == timeline.end
    assert all(span.end is None or span.end > recent.start for span in recent.spans)
    assert all(recent.start <= marker.on <= recent.end for marker in recent.markers)
    homes, _ = recent.in_lane(Lane.LIVED_WITH)
    # Only the present foster home reaches into the last two years; the words keep its own start.
    assert [(h.label, h.start) for h in homes] == [("With foster carers", date(2023, 1, 16))]
    picture = draw(recent)
    assert "This timeline shows 9 November 2024" in picture.alt_text and "2016" not in picture.svg
    assert "Since 16 January 2023 he has lived with foster carers" in picture.alt_text
    _assert_words_apart(picture.texts, picture.width_mm, picture.height_mm)
    assert timeline_diagram(permdocs.load_case(twelve_moves()), since=date(2024, 11, 9)).svg == picture.svg


def test_an_empty_window_is_refused() -> None:
    timeline = collect(permdocs.load_case(sample_dict("cpr-adoption")))
    with pytest.raises(ValueError, match="window is empty"):
        window(timeline, since=date(2030, 1, 1))


def test_the_court_chronology_opens_with_the_whole_timeline() -> None:
    """Section A's chronology draws the timeline before its table, every lane
    of it: the case summary's two pages at 12 pt have no room for it."""
    from lxml import html as lxml_html

    case = permdocs.load_case(sample_dict("cpr-adoption"))
    main = lxml_html.fromstring(permdocs.render(case, "chronology", "html", audience="court")).find(".//main")
    kinds = [element.tag for element in main.iter("figure", "table")]
    assert kinds[:2] == ["figure", "table"], kinds
    label = main.find(".//figure").get("aria-label")
    assert "interim care order" in label.lower() and "final hearing" in label.lower()
    summary = permdocs.render(case, "case-summary", "html", audience="court")
    assert b"<figure" not in summary
