"""Step 2 of the genogram: where each person goes, from Graphviz's dot.

dot does the hard part (generations as ranks, the order in each rank that
crosses the fewest lines, the spacing); it reads the graph on stdin and
gives the coordinates back as JSON. Couples (a chain of partners) are one
node, a row of fixed-width cells with a port per person and per couple, so
partners stand side by side and their children hang from the gap between
them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field

from ...errors import DrawingError
from .family import SUBJECT, Family, Member
from .marks import SYMBOL, text_width

#: How long dot may take; a family of 25 takes well under a second.
DOT_TIMEOUT_SECONDS = 30
LINE_HEIGHT = 9.5
LABEL_CHARS = 20
LABEL_LINES = 4



def node_height(family: Family) -> float:
    """One height for every person's box (the symbol and the most lines of
    words anyone has), so that the symbols of one generation line up."""
    most = max(len(label_lines(m)) for m in family.members)
    return SYMBOL + 4 + most * LINE_HEIGHT


@dataclass(frozen=True)
class Placed:
    """Where a person's symbol goes: its centre, in points, y growing downwards."""

    x: float
    y: float


@dataclass(frozen=True)
class Layout:
    family: Family
    #: Each person's symbol centre, and each couple's point between them.
    places: dict[str, Placed]
    width: float
    height: float
    #: The outline round the household: x, y, width, height (None where only the child is in it).
    household: tuple[float, float, float, float] | None
    #: Household members outlined on their own (one whose partner lives elsewhere).
    household_alone: tuple[str, ...]
    node_height: float
    ranks: dict[str, int] = field(default_factory=dict)


def label_lines(member: Member) -> list[str]:
    """The words under a symbol: the name, then the relationship, wrapped."""
    lines = textwrap.wrap(member.name, LABEL_CHARS) or [""]
    if member.relationship and member.relationship.lower() not in member.name.lower():
        lines += textwrap.wrap(member.relationship, LABEL_CHARS)
    if len(lines) > LABEL_LINES:
        lines = [*lines[: LABEL_LINES - 1], lines[LABEL_LINES - 1][: LABEL_CHARS - 1] + "…"]
    return lines


def slot_width(member: Member) -> float:
    """The width a person takes in a row: their symbol or their longest line of words."""
    return max(SYMBOL + 16, max(text_width(line) for line in label_lines(member)) + 4)


#: The gap between two partners, where the line to their children starts.
COUPLE_GAP = 16.0


def units_of(family: Family) -> list[tuple[str, ...]]:
    """The people in rows that dot moves as one: each person with their
    partners, and their partners' partners, in an order where partners stand
    side by side as far as they can (a chain: Colin, Kerry, Lee, Dawn). Someone
    with three partners has one of them further along; that couple's line goes
    over the heads of those between."""
    partners: dict[str, list[str]] = {m.key: [] for m in family.members}
    for union in family.unions:
        partners[union.left].append(union.right)
        partners[union.right].append(union.left)
    parents_of_child = next(((u.left, u.right) for u in family.unions if SUBJECT in u.children), ())
    placed: set[str] = set()
    units: list[tuple[str, ...]] = []
    for member in family.members:
        if member.key in placed:
            continue
        component = _component(member.key, partners)
        # Walk from each end of the chain in turn (someone with one partner),
        # and keep the order that leaves the fewest couples apart.
        ends = [k for k in component if len(partners[k]) <= 1] or component
        order = min((_walk(end, component, partners, parents_of_child) for end in ends),
                    key=lambda walked: _apart(walked, partners))
        placed.update(order)
        units.append(tuple(order))
    return units


def _walk(start: str, component: list[str], partners: dict[str, list[str]], keep_together: tuple[str, ...]) -> list[str]:
    """The component in the order of a walk from ``start`` from partner to
    partner (the child's parents' side first, then whoever has most partners);
    those the walk cannot reach come at the end."""
    order = [start]
    while True:
        nexts = [k for k in partners[order[-1]] if k not in order]
        if not nexts:
            break
        nexts.sort(key=lambda k: (k not in keep_together, -len(partners[k]), component.index(k)))
        order.append(nexts[0])
    return order + [k for k in component if k not in order]


def _apart(order: list[str], partners: dict[str, list[str]]) -> tuple[int, int]:
    """How many couples the order leaves apart, and how far apart in all."""
    where = {k: n for n, k in enumerate(order)}
    gaps = [abs(where[a] - where[b]) for a in order for b in partners[a] if where[a] < where[b]]
    return sum(g > 1 for g in gaps), sum(gaps)


def _component(start: str, partners: dict[str, list[str]]) -> list[str]:
    found, todo = [start], [start]
    while todo:
        for other in partners[todo.pop()]:
            if other not in found:
                found.append(other)
                todo.append(other)
    return found


def beside_the_child(family: Family, units: list[tuple[str, ...]]) -> list[str]:
    """The numbers (from 1) of the units of carers drawn beside the child in
    the household's outline: everyone in the unit lives with the child and
    is on the tree only as a carer (no parents, no children there). Family
    who live with the child (a parent, a grandparent, a brother) stay in
    their own generation, each outlined where they stand."""
    family_links = {k for u in family.unions for k in (*u.children, *(() if not u.children else (u.left, u.right)))}
    family_links |= {k for pair in family.single_parents for k in pair}
    members = {m.key: m for m in family.members}
    return [
        str(index) for index, unit in enumerate(units, start=1)
        if SUBJECT not in unit and all(members[k].in_household and k not in family_links for k in unit)
    ]


def dot_source(family: Family) -> str:
    """The graph dot lays out: one node per unit (see units_of), a table of
    fixed-width cells, one per person and one per gap, each a port; an edge
    from a couple's gap, or a lone parent, to each child. Every option that
    could vary is fixed."""
    height = node_height(family)
    members = {m.key: m for m in family.members}
    lines = [
        "digraph genogram {",
        '  graph [rankdir=TB, newrank=true, nodesep=0.15, ranksep=0.55, splines=false, margin=0, pad=0, dpi=72,'
        " searchsize=30, mclimit=1.0, remincross=true];",
        '  node [shape=plain, fontsize=8, fontname="Liberation Sans"];',
        "  edge [arrowhead=none];",
    ]
    unit_of: dict[str, str] = {}
    units = units_of(family)
    for index, unit in enumerate(units, start=1):
        cells = []
        for n, key in enumerate(unit):
            unit_of[key] = f"u{index}"
            if n:
                cells.append(f'<TD WIDTH="{COUPLE_GAP:.0f}" HEIGHT="{height:.0f}" FIXEDSIZE="TRUE" PORT="g{n}"></TD>')
            cells.append(f'<TD WIDTH="{slot_width(members[key]):.0f}" HEIGHT="{height:.0f}" FIXEDSIZE="TRUE" '
                         f'PORT="p{n}"></TD>')
        lines.append(f'  u{index} [label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                     f'{"".join(cells)}</TR></TABLE>>];')
    position = {key: n for unit in units for n, key in enumerate(unit)}
    beside = beside_the_child(family, units)
    if beside:
        # Carers who are not family stand beside the child, inside the household's outline.
        together = " ".join(f"u{i};" for i in (unit_of[SUBJECT][1:], *beside))
        lines.append(f"  subgraph cluster_household {{ margin=8; {{ rank=same; {together} }} }}")
    for union in family.unions:
        unit = unit_of[union.left]
        gap = max(position[union.left], position[union.right])
        for child in union.children:
            lines.append(f"  {unit}:g{gap}:s -> {unit_of[child]}:p{position[child]}:n [weight=4];")
    for parent, child in family.single_parents:
        lines.append(f"  {unit_of[parent]}:p{position[parent]}:s -> {unit_of[child]}:p{position[child]}:n [weight=4];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def layout_of(family: Family, *, case_reference: str) -> Layout:
    """Where dot puts everyone. Raises DrawingError where dot is missing or fails."""
    laid_out = _run_dot(dot_source(family), case_reference)
    _, _, width, height = (float(v) for v in laid_out["bb"].split(","))
    members = {m.key: m for m in family.members}
    units = units_of(family)
    row_height = node_height(family)
    places: dict[str, Placed] = {}
    household = None
    for obj in laid_out.get("objects", []):
        if obj.get("name") == "cluster_household":
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            household = (x0, height - y1, x1 - x0, y1 - y0)
        elif re.fullmatch(r"u\d+", obj.get("name", "")) and "pos" in obj:
            unit = units[int(obj["name"][1:]) - 1]
            cx, cy = (float(v) for v in obj["pos"].split(","))
            widths = [slot_width(members[k]) for k in unit]
            x = cx - (sum(widths) + COUPLE_GAP * (len(unit) - 1)) / 2
            # The symbol sits at the top of the person's cell, its words below it.
            y = height - cy - row_height / 2 + SYMBOL / 2
            for key, w in zip(unit, widths, strict=True):
                places[key] = Placed(x + w / 2, y)
                x += w + COUPLE_GAP
    rows = sorted({round(p.y, 1) for p in places.values()})
    ranks = {k: rows.index(round(p.y, 1)) for k, p in places.items()}
    beside = beside_the_child(family, units)
    outlined = {SUBJECT, *(k for i in beside for k in units[int(i) - 1])} if household else set()
    alone = tuple(m.key for m in family.members if m.in_household and m.key not in outlined
                  and sum(x.in_household for x in family.members) > 1)
    return Layout(family, places, width, height, household, alone, row_height, ranks)


def _run_dot(source: str, case_reference: str) -> dict:  # type: ignore[type-arg]
    program = shutil.which("dot")
    if program is None:
        raise DrawingError(
            "Drawing the genogram needs Graphviz's 'dot' program, which is not installed. Install Graphviz "
            "('apt-get install graphviz' on Debian or Ubuntu, 'brew install graphviz' on a Mac) and try again."
        )
    try:
        done = subprocess.run(
            [program, "-Tjson"], input=source.encode(), capture_output=True, timeout=DOT_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise DrawingError(
            f"Graphviz took longer than {DOT_TIMEOUT_SECONDS} seconds to lay out the genogram of case "
            f"{case_reference}, and was stopped. Check the people's parent_ids and partners in the case."
        ) from None
    if done.returncode != 0:
        raise DrawingError(
            f"Graphviz could not lay out the genogram of case {case_reference} (dot exited with "
            f"{done.returncode}). Check the people's parent_ids and partners in the case; permdocs check names "
            "the entries it can see are wrong."
        )
    try:
        return json.loads(done.stdout.decode())  # type: ignore[no-any-return]
    except ValueError:
        raise DrawingError(
            f"Graphviz gave no layout for the genogram of case {case_reference} (its output was not JSON)."
        ) from None
