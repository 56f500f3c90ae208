"""The key below the timeline: a swatch or symbol for each kind of thing the
picture shows, the abbreviations it uses, and the numbered homes in full."""

from __future__ import annotations

from datetime import date

from ...practice.timeline import ORDER_LABELS, Lane, Timeline
from .canvas import (
    CHART_LEFT,
    COURT_ABBREVIATIONS,
    FAMILY_TIME_COLOURS,
    FAMILY_TIME_NAMES,
    FONT,
    HOME_COLOURS,
    HOME_NAMES,
    ORDER_COLOURS,
    PLANNED_TINT,
    SMALL,
    WIDTH,
    Drawing,
    text_width,
)
from .words import short_date

# --- the key ---------------------------------------------------------------------

def key(drawing: Drawing, timeline: Timeline, top: float) -> float:
    """Swatches and symbols for what the picture shows, then the numbered
    spans in full. Returns the picture's height."""
    items: list[tuple[str, str]] = []  # (swatch kind:colour, words)
    kinds = {(s.lane, s.kind) for s in timeline.spans}
    items += [(f"bar:{HOME_COLOURS[k]}", HOME_NAMES[k]) for k in HOME_COLOURS if (Lane.LIVED_WITH, k) in kinds]
    for order, (name, short) in ORDER_LABELS.items():
        if (Lane.LEGAL_STATUS, order.value) in kinds:
            items.append((f"bar:{ORDER_COLOURS[order.value]}", f"{short}: {name.lower()}" if short != name else name))
    seen_names: set[str] = set()
    for kind, name in FAMILY_TIME_NAMES.items():
        if (Lane.FAMILY_TIME, kind) in kinds and name not in seen_names:
            seen_names.add(name)
            items.append((f"bar:{FAMILY_TIME_COLOURS[kind]}", name))
    marker_kinds = {m.kind for m in timeline.markers}
    if any(m.lane is Lane.COURT for m in timeline.markers):
        items.append(("symbol:hearing", "Court event"))
    items += [(f"text:{short}", words) for kind, (short, words) in COURT_ABBREVIATIONS.items() if kind in marker_kinds]
    if any(s.end is None and s.expires is not None for s in timeline.spans):
        items.append(("dashed:", "Dashed: the end is set or listed"))
    if "review" in marker_kinds:
        items.append(("symbol:review", "Review (numbered)"))
    if "adm_decision" in marker_kinds:
        items.append(("symbol:adm_decision", "ADM: agency decision for adoption"))
    if "consent" in marker_kinds:
        items.append(("symbol:consent", "Consent: a parent's consent to adoption"))
    if any((s.end or s.expires or date.max) > timeline.end for s in timeline.spans):
        items.append(("arrow:", "Goes on"))
    if any(m.planned for m in timeline.markers):
        items.append(("symbol:planned", "Planned (an open symbol)"))
    if timeline.as_of < timeline.end:
        items.append((f"bar:{PLANNED_TINT}", f"Shaded: after {short_date(timeline.as_of)}"))
    drawing.write(1, top + 0.78 * FONT, "Key", FONT, bold=True)
    x, y = CHART_LEFT, top
    for swatch, words in items:
        kind, _, value = swatch.partition(":")
        label = words
        lead = text_width(value, SMALL, bold=True) + 1 if kind == "text" else 4.2
        width = lead + text_width(label, SMALL) + 3
        if x + width > WIDTH - 1 and x > CHART_LEFT:
            x, y = CHART_LEFT, y + 3.6
        baseline = y + 0.78 * SMALL + 0.4
        if kind in ("bar", "dashed"):
            drawing.rect(x, y + 0.2, 3.2, 2.2, value or "#ffffff", dashed=kind == "dashed")
        elif kind == "arrow":
            drawing.goes_on(x + 0.6, y + 1.3)
        elif kind == "symbol":
            drawing.symbol("review" if value == "planned" else value, x + 1.6, y + 1.3, value == "planned")
        else:
            drawing.write(x, baseline, value, SMALL, bold=True)
        drawing.write(x + lead, baseline, label, SMALL)
        x += width
    y += 3.6
    if drawing.numbered:
        y += 1.0
        column = (WIDTH - CHART_LEFT) / 2
        rows = (len(drawing.numbered) + 1) // 2
        for i, (number, words) in enumerate(drawing.numbered):
            col, row = divmod(i, rows)
            left = CHART_LEFT + col * column
            baseline = y + row * 3.2 + 0.78 * SMALL
            drawing.write(left, baseline, str(number), SMALL, bold=True)
            text = _fit(words, column - 5, SMALL)
            drawing.write(left + 4, baseline, text, SMALL)
        y += rows * 3.2
    return y + 1.5


def _fit(text: str, width: float, size: float) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "...", size) > width:
        text = text[:-1]
    return text.rstrip() + "..."
