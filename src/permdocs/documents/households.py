"""Who would share the child's home under each option, composed from who
lives where in the case rather than typed by the worker.

A sentence such as "she would grow up with her mother and brother" is only
true when the brother lives with the mother. The case says where each
sibling lives (``sibling.lives_with_ids``, or ``lives_with_child`` for the
child's own home now), so the analysis states the household of each option
from those facts, and names the siblings who would live elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..case import Case
from ..case.people import Person
from ..case.planning import OptionConsidered, Route
from ..text.templating import capfirst
from .common import display_name

#: Whom an option with no named carer would place the child with.
_CARERS_NOT_YET_FOUND = {
    Route.ADOPTION: "adopters not yet identified",
    Route.LONG_TERM_FOSTERING: "long-term foster carers not yet identified",
    Route.RESIDENTIAL_CARE: "a children's home not yet identified",
}


@dataclass(frozen=True)
class Household:
    """The home an option would give the child."""

    carers: tuple[Person, ...]
    siblings_with: tuple[Person, ...]
    siblings_apart: tuple[Person, ...]


def sibling_home(case: Case, sibling: Person) -> frozenset[str]:
    """The ids of the people a sibling lives with: those the case names, else
    the child's own carers when the sibling lives with the child."""
    assert sibling.sibling is not None
    if sibling.sibling.lives_with_ids:
        return frozenset(sibling.sibling.lives_with_ids)
    if sibling.sibling.lives_with_child and case.placement is not None:
        return frozenset(case.placement.carer_ids)
    return frozenset()


def household(case: Case, option: OptionConsidered) -> Household:
    carers = tuple(case.person(pid) for pid in option.carer_ids)
    siblings = [p for p in case.people if p.sibling is not None]
    with_child = tuple(s for s in siblings if sibling_home(case, s) & set(option.carer_ids))
    return Household(carers, with_child, tuple(s for s in siblings if s not in with_child))


def who_would_live_with(case: Case, option: OptionConsidered, *, apart_under_every_option: frozenset[str] = frozenset()
                        ) -> tuple[str, str | None]:
    """Whom the child would live with (``Kerry Quillfeather (birth mother)
    and ...``), and which siblings would live elsewhere: None when none
    would, or when the only ones are in ``apart_under_every_option``, which
    the reader is told once."""
    home = household(case, option)
    people = [display_name(p) for p in (*home.carers, *home.siblings_with)]
    if not home.carers:
        people.insert(0, _CARERS_NOT_YET_FOUND.get(option.route, "carers not yet identified"))
    living = capfirst(_and(people)) + "."
    apart = [s for s in home.siblings_apart if s.id not in apart_under_every_option]
    return living, (f"Living elsewhere: {siblings_and_homes(apart)}." if apart else None)


def apart_under_every_option(case: Case, options: list[OptionConsidered]) -> tuple[Person, ...]:
    """The siblings no option would bring into the child's home."""
    homes = [household(case, option) for option in options]
    return tuple(s for s in case.people if s.sibling is not None and all(s in h.siblings_apart for h in homes))


def siblings_and_homes(siblings: list[Person] | tuple[Person, ...]) -> str:
    """``Jayden Quillfeather (older half-brother), in long-term foster care; ...``"""
    return "; ".join(f"{display_name(s)}, {_where(s)}" for s in siblings)


def _where(sibling: Person) -> str:
    assert sibling.sibling is not None
    where = sibling.sibling.where_living.strip().rstrip(".")
    return where[:1].lower() + where[1:]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
