"""How `permdocs routes NAME` shows one route: numbered sources, like footnotes."""

from __future__ import annotations

import json
import textwrap

from .knowledge import LEGAL_ROWS, KnowledgeBase, RouteInfo


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
