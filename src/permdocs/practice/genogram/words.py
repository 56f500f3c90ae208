"""The genogram in words: who the child lives with and a line for each person
(the alt text and the family tree's list), and the layout's structure for
tests (no pixels)."""

from __future__ import annotations

import re

from ...case import Case
from ...case.people import PartnershipStatus
from .family import Family, Member
from .layout import Layout


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
    # The relationship goes in brackets, so its own brackets become commas.
    relation = re.sub(r"\s*\(([^()]*)\)", r", \1", member.relationship.lower())
    return f"{member.name} ({relation})" if relation else member.name


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
