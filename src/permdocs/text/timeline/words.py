"""The timeline in words: its dates, and the alt text that says what the
picture shows for a reader who cannot see it."""

from __future__ import annotations

from datetime import date

from ...practice.calendar_dates import long_date
from ...practice.timeline import Lane, Span, Timeline

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# --- words -----------------------------------------------------------------------

def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def span_dates(span: Span) -> str:
    if span.end is None:
        return f"from {short_date(span.start)}"
    return f"{short_date(span.start)} to {short_date(span.end)}"


def subject_of(pronoun: str) -> str:
    return {"her": "she", "his": "he"}.get(pronoun, "they")


def alt_text(timeline: Timeline) -> str:
    """The timeline in words: the same facts as the picture, in date order within each lane."""
    name, subject = timeline.child_name, subject_of(timeline.pronoun)
    has = "have" if subject == "they" else "has"
    sentences = []
    if timeline.start > timeline.born:
        sentences.append(f"This timeline shows {long_date(timeline.start)} to {long_date(timeline.end)}.")
    else:
        sentences.append(f"{name} was born on {long_date(timeline.born)}.")
    homes, _ = timeline.in_lane(Lane.LIVED_WITH)
    parts = []
    for span in homes:
        where = span.label[0].lower() + span.label[1:]
        if span.end is None:
            parts.append(f"since {long_date(span.start)} {subject} {has} lived {where}")
        else:
            parts.append(f"{subject} lived {where} from {long_date(span.start)} to {long_date(span.end)}")
    if parts:
        sentences.append(_sentence("; then ".join(parts[:-1] + [parts[-1]]) if len(parts) < 2 else
                                   "; ".join(parts[:-1]) + "; and " + parts[-1]))
    orders, _ = timeline.in_lane(Lane.LEGAL_STATUS)
    order_words = []
    for span in orders:
        if span.kind == "section_20":
            order_words.append(f"{subject} was accommodated under s.20 from {long_date(span.start)}"
                               + (f" to {long_date(span.end)}" if span.end else ""))
        else:
            article = "an" if span.label[0] in "AEIOU" else "a"
            order_words.append(f"{article} {span.label.lower()} was made on {long_date(span.start)}"
                               + (f" and ended on {long_date(span.end)}" if span.end else "")
                               + (f" (it ends on {long_date(span.expires)})" if span.expires and not span.end else ""))
    if order_words:
        sentences.append(_sentence("; ".join(order_words)))
    court_spans, court_markers = timeline.in_lane(Lane.COURT)
    court = []
    for span in court_spans:
        court.append(f"care proceedings were issued on {long_date(span.start)}"
                     + (f" and concluded on {long_date(span.end)}" if span.end else " and are still open"))
    for marker in court_markers:
        if marker.kind == "issued":
            continue
        if marker.kind == "extension":
            court.append(f"on {long_date(marker.on)} the court extended the timetable by {marker.label.strip('+')}"
                         .replace("wks", "weeks"))
            continue
        what = {"final_hearing": "the final hearing", "cmh": "a case management hearing",
                "further_cmh": "a further case management hearing", "irh": "an issues resolution hearing"}.get(
            marker.kind, "a hearing")
        court.append(f"{what} {'is listed for' if marker.planned else 'was on'} {long_date(marker.on)}")
    if court:
        sentences.append(_sentence("; ".join(court)))
    _, reviews = timeline.in_lane(Lane.REVIEWS)
    held = [m for m in reviews if m.kind == "review" and not m.planned]
    planned = [m for m in reviews if m.kind == "review" and m.planned]
    if held:
        sentences.append(f"Reviews were held on {_listed([long_date(m.on) for m in held])}"
                         + (f"; the next is planned for {long_date(planned[0].on)}." if planned else "."))
    elif planned:
        sentences.append(f"The first review is planned for {long_date(planned[0].on)}.")
    for marker in reviews:
        if marker.kind == "adm_decision":
            sentences.append(f"The agency decision maker decided on {long_date(marker.on)} that {name} should be "
                             "placed for adoption.")
        elif marker.kind == "consent":
            sentences.append(f"A parent formally consented to adoption on {long_date(marker.on)}.")
    family, _ = timeline.in_lane(Lane.FAMILY_TIME)
    times = [
        f"{span.label[0].lower() + span.label[1:]} from {long_date(span.start)}"
        + (f" to {long_date(span.end)}" if span.end else "")
        for span in family
    ]
    if times:
        sentences.append(_sentence(f"{timeline.lane_name(Lane.FAMILY_TIME)}: " + "; ".join(times)))
    return " ".join(sentences)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
