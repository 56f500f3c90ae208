"""The knowledge base of routes: consistent, sourced, and complete against the
councils' own lists (Merton 2019, Devon 2020, Essex 2021)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from permdocs.case.planning import Route
from permdocs.cli import main
from permdocs.describe.schemas import schema_text
from permdocs.practice.knowledge import LEGAL_ROWS, knowledge_base

from conftest import ROOT

# (source, route, kind, words that must appear in one point of that kind citing that source)
# One line per item in the councils' lists for adoption, SGO, CAO, supervision
# order and permanent/long-term fostering, plus Essex's indicators.
FACTS = [
    # Devon 2020: adoption
    ("devon-2020-ad-adoption", "adoption", "adv", "parental responsibility alone"),
    ("devon-2020-ad-adoption", "adoption", "adv", "inheritance"),
    ("devon-2020-ad-adoption", "adoption", "adv", "permanent new home"),
    ("devon-2020-ad-adoption", "adoption", "adv", "emotional stability"),
    ("devon-2020-ad-adoption", "adoption", "adv", "harmful influences"),
    ("devon-2020-ad-adoption", "adoption", "adv", "finality"),
    ("devon-2020-ad-adoption", "adoption", "adv", "fewer breakdowns"),
    ("devon-2020-ad-adoption", "adoption", "adv", "involvement ends"),
    ("devon-2020-ad-adoption", "adoption", "dis", "breakdown"),
    ("devon-2020-ad-adoption", "adoption", "dis", "human rights"),
    ("devon-2020-ad-adoption", "adoption", "dis", "ends for good"),
    ("devon-2020-ad-adoption", "adoption", "dis", "grow up within their birth family"),
    ("devon-2020-ad-adoption", "adoption", "dis", "letterbox"),
    # Devon 2020: special guardianship
    ("devon-2020-ad-sgo", "sgo", "adv", "overrides the parents"),
    ("devon-2020-ad-sgo", "sgo", "adv", "permanence within their new family"),
    ("devon-2020-ad-sgo", "sgo", "adv", "face to face"),
    ("devon-2020-ad-sgo", "sgo", "adv", "assessment of its risks"),
    ("devon-2020-ad-sgo", "sgo", "adv", "return to the birth family"),
    ("devon-2020-ad-sgo", "sgo", "adv", "cultural identity"),
    ("devon-2020-ad-sgo", "sgo", "adv", "takes precedence"),
    ("devon-2020-ad-sgo", "sgo", "adv", "less intrusive"),
    ("devon-2020-ad-sgo", "sgo", "adv", "leaves care"),
    ("devon-2020-ad-sgo", "sgo", "dis", "reduced"),
    ("devon-2020-ad-sgo", "sgo", "dis", "misuse"),
    ("devon-2020-ad-sgo", "sgo", "dis", "does not grow up with their parents"),
    ("devon-2020-ad-sgo", "sgo", "dis", "raise their child"),
    ("devon-2020-ad-sgo", "sgo", "dis", "leave to discharge"),
    # Devon 2020: child arrangements order
    ("devon-2020-ad-cao", "cao", "adv", "keep theirs"),
    ("devon-2020-ad-cao", "cao", "adv", "least interventionist"),
    ("devon-2020-ad-cao", "cao", "adv", "keep in touch"),
    ("devon-2020-ad-cao", "cao", "adv", "shared care"),
    ("devon-2020-ad-cao", "cao", "adv", "written into the order"),
    ("devon-2020-ad-cao", "cao", "dis", "legal aid"),
    ("devon-2020-ad-cao", "cao", "dis", "better-funded parent or relative"),
    ("devon-2020-ad-cao", "cao", "dis", "drop out of view"),
    # Devon 2020: supervision order
    ("devon-2020-ad-so", "home", "adv", "stays involved"),
    ("devon-2020-ad-so", "home", "adv", "keeps a social worker"),
    ("devon-2020-ad-so", "home", "adv", "support and services"),
    ("devon-2020-ad-so", "home", "adv", "interferes less"),
    ("devon-2020-ad-so", "home", "adv", "time limited"),
    ("devon-2020-ad-so", "home", "dis", "cannot enforce"),
    ("devon-2020-ad-so", "home", "dis", "protective legal status"),
    # Devon 2020 and Merton 2019: permanent fostering
    *[(source, "long-term-fostering", kind, words)
      for source in ("devon-2020-ad-fostering", "merton-2019-s7-5")
      for kind, words in (("adv", "negotiate"), ("adv", "regular reviews"), ("adv", "legal ties"),
                          ("dis", "no parental responsibility"), ("dis", "social work involvement continues"),
                          ("dis", "statutory reviews"), ("dis", "stigma"), ("dis", "does not belong"))],
    ("devon-2020-ad-fostering", "long-term-fostering", "dis", "break down more often"),
    ("merton-2019-s7-5", "long-term-fostering", "dis", "after 18"),
    # Merton 2019: adoption
    ("merton-2019-s7-3", "adoption", "adv", "parental responsibility alone"),
    ("merton-2019-s7-3", "adoption", "adv", "leaves care"),
    ("merton-2019-s7-3", "adoption", "adv", "cannot be overturned"),
    ("merton-2019-s7-3", "adoption", "adv", "decide about family time"),
    ("merton-2019-s7-3", "adoption", "adv", "into adulthood"),
    ("merton-2019-s7-3", "adoption", "adv", "extra education support"),
    ("merton-2019-s7-3", "adoption", "dis", "legal ties to the whole birth family are cut"),
    ("merton-2019-s7-3", "adoption", "dis", "no review"),
    # Merton 2019: special guardianship
    ("merton-2019-s7-6", "sgo", "adv", "clear authority"),
    ("merton-2019-s7-6", "sgo", "adv", "change of circumstances"),
    ("merton-2019-s7-6", "sgo", "adv", "legal links"),
    ("merton-2019-s7-6", "sgo", "adv", "leaves care"),
    ("merton-2019-s7-6", "sgo", "adv", "extra education support"),
    ("merton-2019-s7-6", "sgo", "dis", "ends at 18"),
    ("merton-2019-s7-6", "sgo", "dis", "does not belong"),
    ("merton-2019-s7-6", "sgo", "dis", "threat to the child's stability"),
    ("merton-2019-s7-6", "sgo", "dis", "section 8"),
    # Merton 2019: child arrangements order
    ("merton-2019-s7-7", "cao", "adv", "keep theirs"),
    ("merton-2019-s7-7", "cao", "adv", "leaves care"),
    ("merton-2019-s7-7", "cao", "adv", "no reviews"),
    ("merton-2019-s7-7", "cao", "adv", "less stigma"),
    ("merton-2019-s7-7", "cao", "adv", "written into the order"),
    ("merton-2019-s7-7", "cao", "adv", "extra education support"),
    ("merton-2019-s7-7", "cao", "dis", "revoke"),
    ("merton-2019-s7-7", "cao", "dis", "no formal continuing support"),
    ("merton-2019-s7-7", "cao", "dis", "no one reviews"),
    # Essex 2021: when each route may be appropriate (4.4-4.7)
    ("essex-2021-s4-4", "home", "ind", "stabilise and strengthen"),
    ("essex-2021-s4-4", "home", "ind", "identifies clearly"),
    ("essex-2021-s4-4", "home", "ind", "positive changes"),
    ("essex-2021-s4-4", "home", "ind", "able and willing"),
    ("essex-2021-s4-5", "connected-persons", "ind", "stable, loving family"),
    ("essex-2021-s4-5", "long-term-fostering", "ind", "stable, loving family"),
    ("essex-2021-s4-5", "long-term-fostering", "ind", "identifies clearly"),
    ("essex-2021-s4-5", "long-term-fostering", "ind", "oversight and monitoring"),
    ("essex-2021-s4-5", "long-term-fostering", "ind", "return home may still be possible"),
    ("essex-2021-s4-6", "sgo", "ind", "law defines and secures"),
    ("essex-2021-s4-6", "sgo", "ind", "commit for life"),
    ("essex-2021-s4-6", "sgo", "ind", "monitor and review"),
    ("essex-2021-s4-6", "sgo", "ind", "strongly attached"),
    ("essex-2021-s4-6", "cao", "ind", "law defines and secures"),
    ("essex-2021-s4-7", "adoption", "ind", "part of a family"),
    ("essex-2021-s4-7", "adoption", "ind", "share parental responsibility"),
    ("essex-2021-s4-7", "adoption", "ind", "new sense of identity"),
    ("essex-2021-s4-7", "adoption", "ind", "want to be adopted"),
    # Essex 2021, Appendix 1: facts from the comparison matrix
    ("essex-2021-app1", "connected-persons", "legal", "approved as a local authority foster carer"),
    ("essex-2021-app1", "long-term-fostering", "legal", "child benefit is not payable"),
    ("essex-2021-app1", "cao", "legal", "means tested"),
    ("essex-2021-app1", "sgo", "legal", "change the child's name"),
    ("essex-2021-app1", "sgo", "legal", "adoption support fund"),
    ("essex-2021-app1", "sgo", "legal", "first three years"),
    ("essex-2021-app1", "adoption", "legal", "ends for good"),
    ("essex-2021-app1", "adoption", "legal", "placement order"),
    ("essex-2021-app1", "adoption", "legal", "permanent, for life"),
]

KINDS = {"adv": "advantages", "dis": "disadvantages", "ind": "indicators"}


@pytest.mark.parametrize(("source", "route", "kind", "words"), FACTS, ids=[f"{f[0]}:{f[3]}" for f in FACTS])
def test_every_listed_fact_is_in_the_knowledge_base(source: str, route: str, kind: str, words: str) -> None:
    info = knowledge_base().route(route)
    assert info is not None
    if kind == "legal":
        entries = [fact for fact in info.legal.__dict__.values()]
    else:
        entries = getattr(info, KINDS[kind])
    assert any(words in entry.text.lower() and source in entry.sources for entry in entries)


def test_every_case_route_is_described_once() -> None:
    covered = [route for info in knowledge_base().routes for route in info.routes]
    assert sorted(covered) == sorted(Route)


def test_every_source_is_cited_and_every_citation_names_its_section() -> None:
    base = knowledge_base()
    assert base.cited_sources() == set(base.sources)
    assert all(source.section and source.year for source in base.sources.values())


def test_every_route_has_every_legal_row() -> None:
    routes = knowledge_base().routes
    assert routes
    for info in routes:
        assert set(info.legal.model_dump()) == set(LEGAL_ROWS)


def test_points_are_our_own_words() -> None:
    """No point repeats a seven-word run from the seeds' text."""
    seeds = " ".join(p.read_text(encoding="utf-8").lower() for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("the seeds are not beside the repository")
    seeds = " ".join(seeds.replace("\u2019", "'").split())
    base = knowledge_base()
    texts = [p.text for info in base.routes for p in info.points()]
    texts += [f.text for info in base.routes for f in (info.summary, *info.legal.__dict__.values())]
    texts += [cell for row in base.needs.needs for cell in row.cells.values()]
    copied = []
    for text in texts:
        words = text.lower().replace(",", "").split()
        for start in range(len(words) - 6):
            if " ".join(words[start:start + 7]) in seeds:
                copied.append(text)
                break
    assert not copied


def test_committed_routes_schema_matches_the_model() -> None:
    assert (ROOT / "schemas" / "routes.schema.json").read_text(encoding="utf-8") == schema_text("routes")


def test_routes_command() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["routes"]).output
    assert "connected_persons_fostering   The child lives with a relative" in listing
    assert "connected-persons, kinship, connected: connected_persons_fostering" in listing
    assert max(len(line) for line in listing.splitlines()) <= 100
    shown = runner.invoke(main, ["routes", "sgo"]).output
    assert "Parental responsibility:" in shown and "sgo-adv-01" in shown
    assert "Devon County Council 2020, Securing Permanence" in shown
    data = json.loads(runner.invoke(main, ["routes", "special_guardianship", "--json"]).output)
    assert data["id"] == "sgo" and "devon-2020-ad-sgo" in data["cited_sources"]
    missing = runner.invoke(main, ["routes", "orphanage"])
    assert missing.exit_code == 2 and "There is no such route." in missing.output
    near = runner.invoke(main, ["routes", "conected_persons_fostering"])
    assert near.exit_code == 2 and "Did you mean 'connected_persons_fostering'?" in near.output


@pytest.mark.parametrize("name", ["connected_persons_fostering", "Connected-Persons-Fostering", "kinship", "KINSHIP"])
def test_a_route_is_found_by_its_case_code_or_short_name_in_any_spelling(name: str) -> None:
    shown = CliRunner().invoke(main, ["routes", name])
    assert shown.exit_code == 0
    assert shown.output.startswith("Connected persons (kinship) foster care")
