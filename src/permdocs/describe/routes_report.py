"""How `permdocs routes NAME` shows one route: numbered sources, like footnotes."""

from __future__ import annotations

import json
import textwrap

from ..practice.knowledge import LEGAL_ROWS, KnowledgeBase, RouteInfo


def route_text(base: KnowledgeBase, info: RouteInfo) -> str:
    """A route's facts and points for the terminal, each marked with source numbers."""
    numbers: dict[str, int] = {}

    def marks(sources: list[str]) -> str:
        return "[" + ",".join(str(numbers.setdefault(s, len(numbers) + 1)) for s in sources) + "]"

    def item(text: str, sources: list[str], lead: str) -> str:
        return textwrap.fill(f"{text} {marks(sources)}", width=100, initial_indent=lead, subsequent_indent=" " * len(lead))

    lines = [info.name, f"  case routes: {', '.join(r.value for r in info.routes)}", "", "Legal characteristics"]
    for key, title in LEGAL_ROWS.items():
        fact = getattr(info.legal, key)
        lines.append(item(fact.text, fact.sources, f"  {title}: "))
    for title, points in (("Advantages", info.advantages), ("Disadvantages", info.disadvantages),
                          ("May be appropriate where", info.indicators)):
        lines += ["", title]
        lines += [item(point.text, point.sources, f"  {point.id}  ") for point in points]
    lines += ["", "Sources"]
    lines += [f"  [{n}] {base.sources[s].citation()}" for s, n in numbers.items()]
    return "\n".join(lines)


def route_json(base: KnowledgeBase, info: RouteInfo) -> str:
    """A route and the full citations of every source it uses."""
    data = info.model_dump(mode="json")
    used = {s for fact in info.legal.__dict__.values() for s in fact.sources} | {s for p in info.points() for s in p.sources}
    data["cited_sources"] = {s: base.sources[s].model_dump() for s in sorted(used)}
    return json.dumps(data, indent=2, ensure_ascii=False)


def route_listing(base: KnowledgeBase) -> str:
    """Every route code a case may use, what it means, and the knowledge-base
    entry (with its short names) that ``permdocs routes NAME`` shows."""
    from ..base.strict import code_description
    from ..case.planning import Route

    lines = ["Route codes, as a case file writes them (options[].route, plans.*.route):", ""]
    for route in Route:
        lines.append(textwrap.fill(
            code_description(route), width=100, initial_indent=f"  {route.value:<29} ", subsequent_indent=" " * 32,
        ))
    lines += ["", "Each code's legal facts, advantages and disadvantages: 'permdocs routes CODE'. Short names:"]
    for info in base.routes:
        codes = ", ".join(r.value for r in info.routes)
        lines.append(f"  {', '.join((info.id, *info.aliases))}: {codes}")
    return "\n".join(lines)
