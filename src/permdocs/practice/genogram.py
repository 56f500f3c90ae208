"""The genogram: the child's family drawn from the case's people.

Three steps, each readable on its own:

1. :func:`family_of` reads the case into a small family graph: the people
   a genogram shows, the couples (partnerships) and whose children they
   are. Where the case gives no ``parent_ids`` it infers the usual ones
   (see that function's docstring), so every sample draws sensibly.
2. :func:`layout_of` asks Graphviz's ``dot`` where each person goes. dot
   does the hard part (generations as ranks, the order in each rank that
   crosses the fewest lines, the spacing); we read its coordinates back
   as JSON. Couples are tied into one rank through a small "union" point
   between them, from which their children hang.
3. :func:`draw` draws the standard genogram from those coordinates: the
   symbols, the couple lines with their marks, the lines down to the
   children, the household outline and the key. One list of shapes is
   written twice, as SVG (text kept as ``<text>``) and as a PNG at 200 dpi
   (Pillow, with the bundled Liberation Sans), so both show the same.

Each audience's copy is drawn from its already-redacted case: a withheld
name is already empty, and the person is labelled by their relationship
("Poppy's prospective adopters"). Nothing here quotes the case into an
error message. Output is deterministic: no dates, versions or random ids.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Literal
from xml.sax.saxutils import escape

from ..base.resources import assets_dir
from ..case import Case
from ..case.people import Gender, Involvement, PartnershipStatus, Person, PersonRole, SiblingBlood, SiblingSide
from ..errors import DrawingError

#: How long dot may take; a family of 25 takes well under a second.
DOT_TIMEOUT_SECONDS = 30
#: The PNG's resolution: sharp in print, small in a Word file.
PNG_DPI = 200
#: The largest the picture is shown, in millimetres, unless a document asks
#: otherwise: a portrait A4 page's width inside its margins.
DEFAULT_BOX_MM = (170.0, 200.0)
#: Never drawn larger than this times its natural size (8 pt words).
MAX_ENLARGEMENT = 1.25

Shape = Literal["female", "male", "unknown", "carer"]

#: Roles whose people belong on a family tree whether or not anyone points at them.
_FAMILY_ROLES = {
    PersonRole.MOTHER, PersonRole.FATHER, PersonRole.STEP_PARENT, PersonRole.RELATIVE, PersonRole.SIBLING,
    PersonRole.OTHER_PR_HOLDER, PersonRole.SPECIAL_GUARDIAN, PersonRole.CONNECTED_PERSON_CARER,
}
#: Roles of people who are there as carers rather than by birth or marriage.
_CARER_ROLES = {
    PersonRole.FOSTER_CARER, PersonRole.PROSPECTIVE_ADOPTER, PersonRole.SPECIAL_GUARDIAN, PersonRole.SIBLINGS_CARER,
    PersonRole.FRIEND, PersonRole.OTHER_PR_HOLDER,
}
_FEMALE_WORDS = re.compile(r"\b(mother|mum|grandmother|nan|nanna|gran|aunt|auntie|sister|daughter|stepmother|wife|niece)\b")
_MALE_WORDS = re.compile(r"\b(father|dad|grandfather|grandad|grandpa|uncle|brother|son|stepfather|husband|nephew)\b")
#: Relationships read as a parent of the mother or father, or as their
#: brother or sister; whole phrases only ("maternal great-grandmother" and
#: "maternal aunt's husband" are neither).
_GRANDPARENT = re.compile(r"(maternal|paternal) grand(mother|father|parent|ma|pa|dad|mum)")
_AUNT_OR_UNCLE = re.compile(r"(maternal|paternal) (aunt|auntie|uncle)")


# --- 1. the family ----------------------------------------------------------

@dataclass(frozen=True)
class Member:
    """One person on the genogram, or a parent the case does not name."""

    key: str
    name: str
    relationship: str
    shape: Shape
    deceased: bool = False
    parental_responsibility: bool = False
    subject: bool = False
    in_household: bool = False
    not_known: bool = False


@dataclass(frozen=True)
class Union:
    """Two people who are or were a couple, or who are the parents of a child."""

    key: str
    left: str
    right: str
    status: PartnershipStatus
    children: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    members: tuple[Member, ...]
    unions: tuple[Union, ...]
    #: (parent, child) where a child has one parent on the tree and no other.
    single_parents: tuple[tuple[str, str], ...]
    child_name: str

    def member(self, key: str) -> Member:
        return next(m for m in self.members if m.key == key)


SUBJECT = "@child"


def family_of(case: Case) -> Family:
    """The family graph of the case.

    Who is on it: the child; everyone whose role is family (parents,
    step-parents, relatives, siblings, PR holders, special guardians,
    kinship carers); the carers the child lives with now; and anyone a
    ``parent_ids`` or ``partners`` entry points at. Former foster carers,
    siblings' carers and friends who are none of these are left off.

    Where someone's ``parent_ids`` are empty, the usual parents are inferred:

    * the child's parents are the first ``mother`` and first ``father`` in
      ``people``; one who is missing, or has no name, is drawn "not known";
    * a full sibling shares both; a half sibling shares the mother
      (``side`` maternal or both) or the father (paternal), and has an other
      parent drawn "not known" (one each: the case does not say that two
      half siblings share one);
    * a relative whose relationship says "maternal"/"paternal" and
      "grandmother"/"grandfather" is a parent of the mother/father, and a
      maternal/paternal aunt or uncle is a child of that parent's parents
      (drawn "not known" where the case names neither);
    * a step-parent is the partner (married) of the mother, or of the father
      where the relationship says "stepmother";
    * the two parents of a child are a couple, status not known, unless
      ``partners`` says more. Step siblings and cousins are drawn but not
      linked: the case does not say through whom.

    A person's gender, where ``not_known``, is read from the role and the
    relationship's words ("mother", "uncle"); a carer entry that names a
    couple ("Ash and Remi") stays a carer's symbol.
    """
    builder = _FamilyBuilder(case)
    return builder.build()


class _FamilyBuilder:
    def __init__(self, case: Case):
        self.case = case
        self.child_name = case.child.preferred_name
        self.people = {p.id: p for p in case.people}
        self.members: dict[str, Member] = {}
        self.parents: dict[str, list[str]] = {}
        self.partnerships: dict[frozenset[str], tuple[str, str, PartnershipStatus]] = {}
        self.unknowns = 0
        #: (person, the mother or father whose brother or sister they are), linked once all are read.
        self.aunts_and_uncles: list[tuple[str, str]] = []
        carers = case.placement.carer_ids if case.placement else []
        self.household = {SUBJECT, *carers} | {
            p.id for p in case.people if p.sibling is not None and p.sibling.lives_with_child
        }

    def build(self) -> Family:
        case = self.case
        self.members[SUBJECT] = Member(
            SUBJECT, self.child_name, "", _shape_of_gender(case.child.gender) or "unknown",
            subject=True, in_household=True,
        )
        for person in case.people:
            if self._on_the_tree(person):
                self.members[person.id] = self._member(person)
        mother = self._parent(PersonRole.MOTHER, "mother")
        father = self._parent(PersonRole.FATHER, "father")
        self.parents[SUBJECT] = [mother, father]
        for person in case.people:
            if person.id in self.members and person.parent_ids:
                self.parents[person.id] = list(person.parent_ids)
            for partner in person.partners:
                self._partner(person.id, partner.partner_id, partner.status)
        for person in case.people:
            if person.id in self.members:
                self._infer(person, mother, father)
        return self._family()

    def _on_the_tree(self, person: Person) -> bool:
        pointed_at = any(person.id in p.parent_ids or any(q.partner_id == person.id for q in p.partners)
                         for p in self.case.people)
        return (person.role in _FAMILY_ROLES or person.id in self.household or pointed_at
                or bool(person.parent_ids) or bool(person.partners))

    def _member(self, person: Person) -> Member:
        gender = _shape_of_gender(person.gender) or _shape_from_words(person)
        carer = person.role in _CARER_ROLES and gender is None
        name = person.full_name or f"{self.child_name}'s {person.relationship.lower()}"
        return Member(
            person.id, name, person.relationship, "carer" if carer else gender or "unknown",
            deceased=person.involvement is Involvement.DECEASED,
            parental_responsibility=person.has_parental_responsibility,
            in_household=person.id in self.household,
        )

    def _parent(self, role: PersonRole, word: str) -> str:
        found = next((p for p in self.case.people if p.role is role and p.id in self.members), None)
        if found is not None and found.full_name:
            return found.id
        if found is not None:
            self.members[found.id] = Member(found.id, "not known", found.relationship, self.members[found.id].shape,
                                            not_known=True)
            return found.id
        return self._unknown(f"{self.child_name}'s {word}", "female" if word == "mother" else "male")

    def _unknown(self, relationship: str, shape: Shape = "unknown") -> str:
        self.unknowns += 1
        key = f"@unknown-{self.unknowns}"
        self.members[key] = Member(key, "not known", relationship, shape, not_known=True)
        return key

    def _partner(self, one: str, other: str, status: PartnershipStatus) -> None:
        pair = frozenset((one, other))
        if one != other and other in self.members and pair not in self.partnerships:
            self.partnerships[pair] = (one, other, status)

    def _infer(self, person: Person, mother: str, father: str) -> None:
        """Fill in what the case leaves unsaid about this person (see family_of)."""
        words = person.relationship.lower()
        side = mother if words.startswith("maternal") else father if words.startswith("paternal") else None
        side_has_parents = side is not None and side in self.people and bool(self.people[side].parent_ids)
        if person.role is PersonRole.STEP_PARENT:
            married_to = father if "stepmother" in words or "father's" in words else mother
            self._partner(married_to, person.id, PartnershipStatus.MARRIED)
        elif side is not None and not side_has_parents and _GRANDPARENT.fullmatch(words):
            grandparents = self.parents.setdefault(side, [])
            if len(grandparents) < 2:
                grandparents.append(person.id)
        if person.parent_ids:
            return
        if person.sibling is not None:
            first_name = person.given_names or person.relationship
            if person.sibling.relation is SiblingBlood.FULL:
                self.parents[person.id] = [mother, father]
            elif person.sibling.relation is SiblingBlood.HALF:
                shared = father if person.sibling.side is SiblingSide.PATERNAL else mother
                self.parents[person.id] = [shared, self._unknown(f"{first_name}'s other parent")]
        elif side is not None and not side_has_parents and _AUNT_OR_UNCLE.fullmatch(words):
            self.aunts_and_uncles.append((person.id, side))

    def _family(self) -> Family:
        for aunt, side in self.aunts_and_uncles:
            grandparents = self.parents.setdefault(side, [])
            side_word = "maternal" if self.parents[SUBJECT][0] == side else "paternal"
            while len(grandparents) < 2:
                word = "grandmother" if not grandparents else "grandfather"
                grandparents.append(self._unknown(f"{side_word.capitalize()} {word}",
                                                  "female" if word == "grandmother" else "male"))
            self.parents[aunt] = list(grandparents)
        unions: dict[frozenset[str], list[str]] = {}
        single: list[tuple[str, str]] = []
        for child, parents in self.parents.items():
            known = [p for p in parents if p in self.members]
            if len(known) >= 2:
                pair = frozenset(known[:2])
                self._partner(known[0], known[1], PartnershipStatus.NOT_KNOWN)
                unions.setdefault(pair, []).append(child)
            elif known:
                single.append((known[0], child))
        ordered = sorted(self.partnerships.items(), key=lambda item: self._couple_order(item[0]))
        built = [
            Union(f"@union-{index}", left, right, status, tuple(self._by_age(unions.get(pair, []))))
            for index, (pair, (left, right, status)) in enumerate(ordered, start=1)
        ]
        members = tuple(self._by_age(list(self.members)))
        return Family(tuple(self.members[k] for k in members), tuple(built), tuple(single), self.child_name)

    def _couple_order(self, pair: frozenset[str]) -> tuple[int, str]:
        # The child's own parents first, so that they sit side by side.
        return (0 if pair == frozenset(self.parents[SUBJECT]) else 1, "/".join(sorted(pair)))

    def _by_age(self, keys: list[str]) -> list[str]:
        """Keys in the case's order (the subject among them by date of birth,
        where the siblings give theirs): the older to the left, as genograms draw."""
        order = {key: index for index, key in enumerate(self.members)}
        born = {p.id: p.date_of_birth for p in self.case.people if p.date_of_birth}
        born[SUBJECT] = self.case.child.date_of_birth
        return sorted(keys, key=lambda k: (str(born[k]) if k in born else "9999", order[k]))


def _shape_of_gender(gender: Gender) -> Shape | None:
    return {Gender.FEMALE: "female", Gender.MALE: "male"}.get(gender)  # type: ignore[return-value]


def _shape_from_words(person: Person) -> Shape | None:
    if person.role is PersonRole.MOTHER:
        return "female"
    if person.role is PersonRole.FATHER:
        return "male"
    words = person.relationship.lower()
    if " and " in person.given_names:
        return None  # a couple in one entry
    female, male = bool(_FEMALE_WORDS.search(words)), bool(_MALE_WORDS.search(words))
    return "female" if female and not male else "male" if male and not female else None


# --- 2. the layout ----------------------------------------------------------

#: Sizes in points (1/72 inch), as dot measures.
SYMBOL = 26.0
FONT_SIZE = 8.0
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
    return max(SYMBOL + 16, max(_text_width(line) for line in label_lines(member)) + 4)


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


# --- 3. the drawing ---------------------------------------------------------

@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    width: float = 1.0
    dash: Literal["", "dash", "dot"] = ""


@dataclass(frozen=True)
class Symbol:
    shape: Shape
    x: float
    y: float
    size: float
    width: float = 1.0
    fill: str = "#ffffff"


@dataclass(frozen=True)
class Outline:
    x: float
    y: float
    w: float
    h: float
    dash: bool = True


@dataclass(frozen=True)
class Words:
    x: float
    y: float
    text: str
    size: float = FONT_SIZE
    bold: bool = False
    anchor: Literal["middle", "start"] = "middle"


Mark = Line | Symbol | Outline | Words
GREY = "#555555"


@dataclass(frozen=True)
class Genogram:
    """The drawn genogram: SVG, PNG, its size, and the same in words."""

    svg: str
    png: bytes
    width_mm: float
    height_mm: float
    alt_text: str
    summary: str
    who_is_who: tuple[str, ...]
    structure: str


def genogram(
    case: Case, *, box_mm: tuple[float, float] = DEFAULT_BOX_MM, larger_box_mm: tuple[float, float] | None = None
) -> Genogram:
    """The case's genogram, drawn to fit ``box_mm`` (width, height), with the
    same in words (see the module's notes). Where fitting that box would
    shrink its words below 7 pt, it is drawn to fit ``larger_box_mm``
    instead, if given (a page of its own). Raises DrawingError where dot is
    missing, fails or takes too long."""
    family = family_of(case)
    layout = layout_of(family, case_reference=case.child.case_reference)
    marks, width, height = draw(layout, box_mm)
    natural = 25.4 / 72
    scale = min(box_mm[0] / width, box_mm[1] / height, natural * MAX_ENLARGEMENT)
    if larger_box_mm is not None and scale < natural * 7 / FONT_SIZE:
        box_mm = larger_box_mm
        marks, width, height = draw(layout, box_mm)
        scale = min(box_mm[0] / width, box_mm[1] / height, natural * MAX_ENLARGEMENT)
    width_mm, height_mm = round(width * scale, 1), round(height * scale, 1)
    summary, who = in_words(case, family)
    return Genogram(
        svg=to_svg(marks, width, height, width_mm, height_mm, summary),
        png=to_png(marks, width, height),
        width_mm=width_mm,
        height_mm=height_mm,
        alt_text=" ".join([summary, *who]),
        summary=summary,
        who_is_who=who,
        structure=structure_of(layout),
    )


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
        # From below the lone parent's words down to the child.
        bottom = py - SYMBOL / 2 + layout.node_height
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
BAR_DROP, BAR_STEP = 12.0, 6.0


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


def _couple(layout: Layout, union: Union, at, index: int, level: int) -> list[Mark]:  # type: ignore[no-untyped-def]
    """A couple's line, its marks, and the lines down to their children."""
    marks: list[Mark] = []
    (lx, ly), (rx, ry) = sorted((at(union.left), at(union.right)))
    ux = _gap_x(layout, union, at)
    dash = {PartnershipStatus.TOGETHER: "dash", PartnershipStatus.NOT_KNOWN: "dot"}.get(union.status, "")
    between = [k for k in layout.places if abs(at(k)[1] - ly) < 1 and lx + 1 < at(k)[0] < rx - 1]
    if between:
        # Someone stands between the two: the line goes over their heads.
        line_y = ly - SYMBOL / 2 - 4 - 3 * (index % 3)
        marks.append(Line(((lx, ly - SYMBOL / 2), (lx, line_y), (rx, line_y), (rx, ry - SYMBOL / 2)), dash=dash))  # type: ignore[arg-type]
        slash_x = (ux + rx) / 2
    else:
        line_y = ly
        marks.append(Line(((lx + SYMBOL / 2, ly), (rx - SYMBOL / 2, ry)), dash=dash))  # type: ignore[arg-type]
        slash_x = ux
    slashes = {PartnershipStatus.SEPARATED: 1, PartnershipStatus.DIVORCED: 2}.get(union.status, 0)
    for n in range(slashes):
        dx = (n - (slashes - 1) / 2) * 5
        marks.append(Line(((slash_x + dx - 3, line_y + 6), (slash_x + dx + 3, line_y - 6)), width=1.2))
    if union.children:
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
        marks.append(Words(x + SYMBOL / 2 + 3, y - SYMBOL / 2 + 7, "PR", 7.0, bold=True, anchor="start"))
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
    column_width = max(_text_width(words, 7.5, bold=False) for _, words in entries) + 34
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


# --- writing the marks ------------------------------------------------------

def _shape_points(shape: Shape, x: float, y: float, size: float) -> tuple[tuple[float, float], ...]:
    h = size / 2
    if shape == "male":
        return ((x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h))
    if shape == "unknown":
        h *= 1.15
        return ((x, y - h), (x + h, y), (x, y + h), (x - h, y))
    # A carer: a box with its corners cut, wider than tall.
    w, c = h * 1.35, h * 0.35
    return ((x - w + c, y - h), (x + w - c, y - h), (x + w, y - h + c), (x + w, y + h - c), (x + w - c, y + h),
            (x - w + c, y + h), (x - w, y + h - c), (x - w, y - h + c))


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_svg(marks: list[Mark], width: float, height: float, width_mm: float, height_mm: float, title: str) -> str:
    """The marks as an SVG document: no scripts, no links, text as <text>."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{height_mm}mm" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="Liberation Sans, Arial, sans-serif" '
        'role="img"><title>' + escape(title) + "</title>",
        f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
    ]
    for mark in marks:
        if isinstance(mark, Line):
            dash = {"dash": ' stroke-dasharray="4 2.5"', "dot": ' stroke-dasharray="1.5 1.8"'}.get(mark.dash, "")
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in mark.points)
            out.append(f'<polyline points="{points}" fill="none" stroke="#000000" '
                       f'stroke-width="{_n(mark.width)}"{dash}/>')
        elif isinstance(mark, Symbol):
            style = f'fill="{mark.fill}" stroke="#000000" stroke-width="{_n(mark.width)}"'
            if mark.shape == "female":
                out.append(f'<circle cx="{_n(mark.x)}" cy="{_n(mark.y)}" r="{_n(mark.size / 2)}" {style}/>')
            else:
                points = " ".join(f"{_n(x)},{_n(y)}" for x, y in _shape_points(mark.shape, mark.x, mark.y, mark.size))
                out.append(f'<polygon points="{points}" {style}/>')
        elif isinstance(mark, Outline):
            out.append(f'<rect x="{_n(mark.x)}" y="{_n(mark.y)}" width="{_n(mark.w)}" height="{_n(mark.h)}" '
                       f'rx="6" fill="none" stroke="{GREY}" stroke-width="1" stroke-dasharray="5 3"/>')
        else:
            weight = ' font-weight="bold"' if mark.bold else ""
            out.append(f'<text x="{_n(mark.x)}" y="{_n(mark.y)}" font-size="{_n(mark.size)}" '
                       f'text-anchor="{mark.anchor}"{weight}>{escape(mark.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


@cache
def _font(size: float, bold: bool):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(assets_dir() / "fonts" / name), size)


def _text_width(text: str, size: float = FONT_SIZE, bold: bool = True) -> float:
    return float(_font(size * 10, bold).getlength(text)) / 10


def to_png(marks: list[Mark], width: float, height: float) -> bytes:
    """The same marks as a PNG at PNG_DPI; the same marks give the same bytes."""
    from PIL import Image, ImageDraw

    k = PNG_DPI / 72
    image = Image.new("RGB", (round(width * k), round(height * k)), "white")
    pen = ImageDraw.Draw(image)

    def px(points: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
        return [(x * k, y * k) for x, y in points]

    for mark in marks:
        if isinstance(mark, Line):
            for a, b in _dashes(mark):
                pen.line(px((a, b)), fill="black", width=max(1, round(mark.width * k)))
        elif isinstance(mark, Symbol):
            w = max(1, round(mark.width * k))
            if mark.shape == "female":
                r = mark.size / 2
                pen.ellipse(px(((mark.x - r, mark.y - r), (mark.x + r, mark.y + r))), fill=mark.fill, outline="black",
                            width=w)
            else:
                pen.polygon(px(_shape_points(mark.shape, mark.x, mark.y, mark.size)), fill=mark.fill, outline="black",
                            width=w)
        elif isinstance(mark, Outline):
            corners = ((mark.x, mark.y), (mark.x + mark.w, mark.y), (mark.x + mark.w, mark.y + mark.h),
                       (mark.x, mark.y + mark.h), (mark.x, mark.y))
            for a, b in _dashes(Line(corners, dash="dash")):
                pen.line(px((a, b)), fill=GREY, width=max(1, round(k)))
        else:
            font = _font(mark.size * k, mark.bold)
            pen.text((mark.x * k, mark.y * k), mark.text, fill="black", font=font,
                     anchor="ms" if mark.anchor == "middle" else "ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(PNG_DPI, PNG_DPI), optimize=False)
    return buffer.getvalue()


def _dashes(line: Line) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The line's segments, cut into dashes where it is dashed or dotted."""
    on, off = {"dash": (4.0, 2.5), "dot": (1.5, 1.8)}.get(line.dash, (0.0, 0.0))
    for (x1, y1), (x2, y2) in zip(line.points, line.points[1:], strict=False):
        if not on:
            yield (x1, y1), (x2, y2)
            continue
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        t = 0.0
        while t < length:
            end = min(t + on, length)
            yield ((x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length),
                   (x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length))
            t += on + off


# --- in words ---------------------------------------------------------------

def in_words(case: Case, family: Family) -> tuple[str, tuple[str, ...]]:
    """A sentence of who the child lives with, and a line for each person
    on the tree: what the picture shows, for a reader who cannot see it."""
    name = family.child_name
    household = [m for m in family.members if m.in_household and not m.subject]
    if household:
        summary = f"{name} lives with " + _and([_called(m, name) for m in household]) + "."
    else:
        summary = f"The family tree of {name}."
    lines = []
    parent_of: dict[str, list[str]] = {}
    for union in family.unions:
        for child in union.children:
            parent_of.setdefault(child, []).extend((union.left, union.right))
    for parent, child in family.single_parents:
        parent_of.setdefault(child, []).append(parent)
    for member in family.members:
        if member.subject:
            continue
        facts = [_called(member, name)]
        others = [family.member(k) for c, ps in parent_of.items() if member.key in ps for k in [c]]
        children = [m for m in others if not m.subject]
        if children:
            noun = "child" if len(children) == 1 else "children"
            other = " other" if any(m.subject for m in others) else ""
            facts.append(f"has {len(children)}{other} {noun}: " + _and([c.name for c in children]))
        for union in family.unions:
            if member.key in (union.left, union.right):
                partner = family.member(union.right if union.left == member.key else union.left)
                status = {
                    PartnershipStatus.MARRIED: "married to", PartnershipStatus.CIVIL_PARTNERSHIP: "civil partner of",
                    PartnershipStatus.TOGETHER: "a couple with", PartnershipStatus.SEPARATED: "separated from",
                    PartnershipStatus.DIVORCED: "divorced from",
                }.get(union.status)
                if status:
                    facts.append(f"{status} {partner.name}")
        if member.parental_responsibility:
            facts.append("holds parental responsibility")
        if member.deceased:
            facts.append("has died")
        if member.in_household:
            facts.append(f"lives with {name}")
        lines.append("; ".join(facts) + ".")
    return summary, tuple(lines)


def _called(member: Member, child: str) -> str:
    if member.not_known:
        return f"{member.relationship} (not known)"
    if member.name.startswith(f"{child}'s "):
        return member.name
    relation = member.relationship.lower()
    return f"{member.name} ({relation})" if relation else member.name


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- the structure, for tests -----------------------------------------------

def structure_of(layout: Layout) -> str:
    """The layout's structure in words (nodes with their shape and marks,
    couples, children, ranks), for a snapshot that does not depend on pixels."""
    out = ["nodes:"]
    for member in layout.family.members:
        marks = [member.shape]
        marks += [word for word, on in (("subject", member.subject), ("PR", member.parental_responsibility),
                                        ("deceased", member.deceased), ("household", member.in_household),
                                        ("not-known", member.not_known)) if on]
        out.append(f"  rank {layout.ranks[member.key]}: {member.key} '{member.name}' [{', '.join(marks)}]")
    out.append("couples:")
    for union in layout.family.unions:
        out.append(f"  {union.left} + {union.right} ({union.status.value}) -> {', '.join(union.children) or '-'}")
    for parent, child in layout.family.single_parents:
        out.append(f"  {parent} alone -> {child}")
    return "\n".join(out) + "\n"
