"""Step 3 of the genogram: the standard genogram drawn from dot's coordinates
(the symbols, the couple lines with their marks, the lines down to the
children, the household's outline and the key), as a list of marks."""

from __future__ import annotations

from ...case.people import PartnershipStatus
from .family import Family, Member, Union
from .layout import COUPLE_GAP, LINE_HEIGHT, Layout, label_lines, slot_width
from .marks import FONT_SIZE, SYMBOL, Line, Mark, Outline, Symbol, Words, text_width

#: The largest the picture is shown, in millimetres, unless a document asks
#: otherwise: a portrait A4 page's width inside its margins.
DEFAULT_BOX_MM = (170.0, 200.0)
#: Points: a line down to a child who stands less than this to one side of
#: where it leaves is drawn straight.
STRAIGHT_WITHIN = 4.0
#: Never drawn larger than this times its natural size (8 pt words).
MAX_ENLARGEMENT = 1.25


def draw(layout: Layout, box_mm: tuple[float, float] = DEFAULT_BOX_MM) -> tuple[list[Mark], float, float]:
    """The marks of the genogram and its key, and the picture's size in
    points. The key goes below the tree or, where that fits the box's shape
    better (a wide page, a wide family), beside it."""
    margin = 10.0
    marks: list[Mark] = []
    family = layout.family

    def at(key: str) -> tuple[float, float]:
        return layout.places[key].x + margin, layout.places[key].y + margin

    if layout.household is not None:
        x, y, w, h = layout.household
        marks.append(Outline(x + margin, y + margin, w, h))
    for group in _side_by_side(layout, layout.household_alone):
        (x0, y), (x1, _) = at(group[0]), at(group[-1])
        left = x0 - slot_width(family.member(group[0])) / 2 - 2
        right = x1 + slot_width(family.member(group[-1])) / 2 + 2
        marks.append(Outline(left, y - SYMBOL / 2 - 6, right - left, layout.node_height + 8))
    levels = _bar_levels(layout, at)
    for index, union in enumerate(family.unions):
        marks += _couple(layout, union, at, index, levels.get(union.key, 0))
    for parent, child in family.single_parents:
        px, py = at(parent)
        cx, cy = at(child)
        # From just below the lone parent's own words down to the child.
        last_baseline = py + SYMBOL / 2 + 4 + FONT_SIZE + (len(label_lines(family.member(parent))) - 1) * LINE_HEIGHT
        bottom = last_baseline + 4
        if abs(px - cx) < STRAIGHT_WITHIN:
            marks.append(Line(((cx, bottom), (cx, cy - SYMBOL / 2))))
            continue
        drop = cy - SYMBOL / 2 - BAR_DROP - BAR_STEP * levels.get(parent, 0)
        marks.append(Line(((px, bottom), (px, drop), (cx, drop), (cx, cy - SYMBOL / 2))))
    for member in family.members:
        x, y = at(member.key)
        marks += _person(member, x, y)
    tree_w, tree_h = layout.width + 2 * margin, layout.height + 2 * margin
    below, below_h, below_w = _key(family, margin, tree_h + 6, columns=2)
    beside, beside_h, beside_w = _key(family, tree_w + 12, margin, columns=1)
    below_size = (max(tree_w, below_w + 2 * margin), tree_h + 6 + below_h)
    beside_size = (tree_w + 12 + beside_w, max(tree_h, beside_h + 2 * margin))

    def scale(size: tuple[float, float]) -> float:
        # How large the words come out once the picture is fitted to the box.
        return min(box_mm[0] / size[0], box_mm[1] / size[1])

    if scale(beside_size) > scale(below_size):
        return [*marks, *beside], *beside_size
    return [*marks, *below], *below_size


def _side_by_side(layout: Layout, keys: tuple[str, ...]) -> list[list[str]]:
    """The people in ``keys`` in runs that stand next to each other in one
    generation with nobody else between, so that one outline goes round each run."""
    runs: list[list[str]] = []
    ordered = sorted(layout.places, key=lambda k: (layout.places[k].y, layout.places[k].x))
    for key in ordered:
        if key not in keys:
            continue
        previous = runs[-1][-1] if runs else None
        if previous is not None and layout.places[previous].y == layout.places[key].y and \
                ordered.index(key) == ordered.index(previous) + 1:
            runs[-1].append(key)
        else:
            runs.append([key])
    return runs


#: How far above the children's symbols their parents' bar runs, and how
#: far the next bar of that generation is raised where two would overlap.
BAR_DROP, BAR_STEP = 17.0, 5.0


def _bar_levels(layout: Layout, at) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A level for each couple's bar (and each lone parent's) in its
    children's generation, so that bars which would overlap run at different
    heights and one family's children never look like another's."""
    bars: list[tuple[float, str, float, float]] = []
    for union in layout.family.unions:
        if union.children:
            xs = [at(c)[0] for c in union.children] + [_gap_x(layout, union, at)]
            bars.append((at(union.children[0])[1], union.key, min(xs), max(xs)))
    lone: dict[str, list[str]] = {}
    for parent, child in layout.family.single_parents:
        lone.setdefault(parent, []).append(child)
    for parent, children in lone.items():
        xs = [at(c)[0] for c in children] + [at(parent)[0]]
        bars.append((at(children[0])[1], parent, min(xs), max(xs)))
    levels: dict[str, int] = {}
    taken: dict[tuple[float, int], list[tuple[float, float]]] = {}
    for row, key, left, right in sorted(bars, key=lambda bar: (bar[0], bar[2])):
        level = 0
        while any(left - 4 < r and l < right + 4 for l, r in taken.get((row, level), [])):
            level += 1
        taken.setdefault((row, level), []).append((left, right))
        levels[key] = level
    return levels


def _gap_x(layout: Layout, union: Union, at) -> float:  # type: ignore[no-untyped-def]
    """Where a couple's children's line starts: in the gap just left of the
    right-hand partner (the port dot was given)."""
    right = max((union.left, union.right), key=lambda k: at(k)[0])
    return at(right)[0] - slot_width(layout.family.member(right)) / 2 - COUPLE_GAP / 2


def _top_of(layout: Layout, union: Union, at, x: float, leg: float) -> float:  # type: ignore[no-untyped-def]
    """Where a vertical line at ``leg`` meets the top of the symbol of the
    partner standing at ``x``: a circle and a diamond are lower off-centre."""
    key = union.left if at(union.left)[0] == x else union.right
    shape, y = layout.family.member(key).shape, at(key)[1]
    r, dx = SYMBOL / 2, abs(leg - x)
    if shape == "female":
        return float(y - (r * r - dx * dx) ** 0.5)
    if shape == "unknown":
        return y - (r * 1.15 - dx)
    return y - r


def _couple(layout: Layout, union: Union, at, index: int, level: int) -> list[Mark]:  # type: ignore[no-untyped-def]
    """A couple's line, its marks, and the lines down to their children."""
    marks: list[Mark] = []
    (lx, ly), (rx, ry) = sorted((at(union.left), at(union.right)))
    ux = _gap_x(layout, union, at)
    dash = {PartnershipStatus.TOGETHER: "dash", PartnershipStatus.NOT_KNOWN: "dot"}.get(union.status, "")
    between = [k for k in layout.places if abs(at(k)[1] - ly) < 1 and lx + 1 < at(k)[0] < rx - 1]
    if between:
        # Someone stands between the two: the line goes over their heads. Its
        # legs meet each symbol off its centre, where no parents' line arrives.
        line_y = ly - SYMBOL / 2 - 4 - 2 * (index % 3)
        left_leg, right_leg = lx + SYMBOL / 4, rx - SYMBOL / 4
        marks.append(Line((
            (left_leg, _top_of(layout, union, at, lx, left_leg)), (left_leg, line_y),
            (right_leg, line_y), (right_leg, _top_of(layout, union, at, rx, right_leg)),
        ), dash=dash))  # type: ignore[arg-type]
        slash_x = (ux + rx) / 2
    else:
        line_y = ly
        marks.append(Line(((lx + SYMBOL / 2, ly), (rx - SYMBOL / 2, ry)), dash=dash))  # type: ignore[arg-type]
        # Off the children's line, which leaves from ux: a second reader took a slash
        # that sat on it for a join.
        slash_x = (lx + SYMBOL / 2 + ux) / 2 if union.children else ux
    slashes = {PartnershipStatus.SEPARATED: 1, PartnershipStatus.DIVORCED: 2}.get(union.status, 0)
    for n in range(slashes):
        dx = (n - (slashes - 1) / 2) * 5
        marks.append(Line(((slash_x + dx - 3, line_y + 6), (slash_x + dx + 3, line_y - 6)), width=1.2))
    if len(union.children) == 1 and abs(at(union.children[0])[0] - ux) < STRAIGHT_WITHIN:
        # An only child standing (almost) under the gap: one straight line,
        # not a step too small to read as anything but a slip of the pen.
        x, y = at(union.children[0])
        marks.append(Line(((ux, line_y), (ux, y - SYMBOL / 2))))
    elif union.children:
        kids = [at(c) for c in union.children]
        bar = min(y for _, y in kids) - SYMBOL / 2 - BAR_DROP - BAR_STEP * level
        marks.append(Line(((ux, line_y), (ux, bar))))
        xs = [x for x, _ in kids] + [ux]
        if max(xs) - min(xs) > 0.5:
            marks.append(Line(((min(xs), bar), (max(xs), bar))))
        for x, y in kids:
            marks.append(Line(((x, bar), (x, y - SYMBOL / 2))))
    return marks


def _person(member: Member, x: float, y: float) -> list[Mark]:
    marks: list[Mark] = []
    fill = "#eeeeee" if member.not_known else "#ffffff"
    if member.subject:
        marks.append(Symbol(member.shape, x, y, SYMBOL + 7, 1.0, fill))
    marks.append(Symbol(member.shape, x, y, SYMBOL, 1.8 if member.subject else 1.0, fill))
    if member.deceased:
        h = SYMBOL / 2 - 2
        marks.append(Line(((x - h, y - h), (x + h, y + h)), width=1.2))
        marks.append(Line(((x - h, y + h), (x + h, y - h)), width=1.2))
    if member.parental_responsibility:
        # Beside the symbol's right edge: a carer's symbol is wider, a diamond a little.
        half = SYMBOL / 2 * {"carer": 1.35, "unknown": 1.15}.get(member.shape, 1.0)
        marks.append(Words(x + half + 3, y - SYMBOL / 2 + 7, "PR", 7.0, bold=True, anchor="start"))
    if member.not_known:
        marks.append(Words(x, y + 3, "?", 10.0, bold=True))
    for n, line in enumerate(label_lines(member)):
        marks.append(Words(x, y + SYMBOL / 2 + 4 + FONT_SIZE + n * LINE_HEIGHT, line, bold=n == 0))
    return marks


def _key(family: Family, x0: float, y0: float, *, columns: int) -> tuple[list[Mark], float, float]:
    """The key to the symbols, below the tree: only what this tree uses,
    besides the three shapes every reader needs."""
    statuses = {u.status for u in family.unions}
    used = {m.shape for m in family.members}
    entries: list[tuple[str, str]] = [("female", "Female"), ("male", "Male"),
                                      ("unknown", "Other, or gender not recorded")]
    if "carer" in used:
        entries.append(("carer", "Carer or carers, not family by birth"))
    entries.append(("subject", f"{family.child_name}, the child this is about"))
    if any(m.not_known for m in family.members):
        entries.append(("not_known", "A parent the case does not name"))
    if any(m.parental_responsibility for m in family.members):
        entries.append(("pr", "Holds parental responsibility"))
    if any(m.deceased for m in family.members):
        entries.append(("deceased", "Has died"))
    if statuses & {PartnershipStatus.MARRIED, PartnershipStatus.CIVIL_PARTNERSHIP}:
        entries.append(("married", "Married or civil partners"))
    if PartnershipStatus.TOGETHER in statuses:
        entries.append(("together", "A couple, not married"))
    if PartnershipStatus.NOT_KNOWN in statuses:
        entries.append(("not_recorded", "Parents; nothing more recorded about them as a couple"))
    if PartnershipStatus.SEPARATED in statuses:
        entries.append(("separated", "Separated"))
    if PartnershipStatus.DIVORCED in statuses:
        entries.append(("divorced", "Divorced"))
    if sum(m.in_household for m in family.members) > 1:
        entries.append(("household", f"The household {family.child_name} lives in"))
    marks: list[Mark] = [Words(x0, y0 + 8, "Key", 8.5, bold=True, anchor="start")]
    column_width = max(text_width(words, 7.5, bold=False) for _, words in entries) + 34
    row_height = 16.0
    for index, (kind, words) in enumerate(entries):
        cx = x0 + (index % columns) * column_width + 8
        cy = y0 + 22 + (index // columns) * row_height
        marks += _key_symbol(kind, cx, cy)
        marks.append(Words(cx + 16, cy + 3, words, 7.5, anchor="start"))
    rows = (len(entries) + columns - 1) // columns
    return marks, 22 + rows * row_height, columns * column_width


def _key_symbol(kind: str, x: float, y: float) -> list[Mark]:
    s = 11.0
    if kind in ("female", "male", "unknown", "carer"):
        return [Symbol(kind, x, y, s)]  # type: ignore[arg-type]
    if kind == "subject":
        return [Symbol("female", x, y, s + 5), Symbol("female", x, y, s, 1.8)]
    if kind == "not_known":
        return [Symbol("unknown", x, y, s, fill="#eeeeee"), Words(x, y + 3, "?", 8.0, bold=True)]
    if kind == "pr":
        return [Words(x, y + 3, "PR", 7.0, bold=True)]
    if kind == "deceased":
        h = s / 2 - 1
        return [Symbol("male", x, y, s), Line(((x - h, y - h), (x + h, y + h))), Line(((x - h, y + h), (x + h, y - h)))]
    if kind == "household":
        return [Outline(x - 8, y - 5, 16, 10)]
    dash = {"together": "dash", "not_recorded": "dot"}.get(kind, "")
    marks: list[Mark] = [Line(((x - 8, y), (x + 8, y)), dash=dash)]  # type: ignore[arg-type]
    for n in range({"separated": 1, "divorced": 2}.get(kind, 0)):
        dx = n * 4 - (2 if kind == "divorced" else 0)
        marks.append(Line(((x + dx - 2, y + 4), (x + dx + 2, y - 4)), width=1.2))
    return marks
