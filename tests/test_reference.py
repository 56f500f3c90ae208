"""The field references in docs/, made from the published schemas: committed
as generated, and complete (every field, every code with its meaning)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from permdocs.cli import main
from permdocs.describe.reference import reference_html, reference_markdown
from permdocs.describe.schemas import schema_text

from conftest import ROOT


@pytest.mark.parametrize("which", ["case", "profile"])
def test_committed_references_match_the_models(which: str) -> None:
    checked = []
    for suffix, made in (("md", reference_markdown(which)), ("html", reference_html(which))):
        committed = (ROOT / "docs" / f"{which}-reference.{suffix}").read_text(encoding="utf-8")
        assert committed == made, "docs/ drifted from the models: run 'make schemas'"
        checked.append(suffix)
    assert checked == ["md", "html"]


def test_every_field_and_code_is_in_the_reference_with_its_meaning() -> None:
    schema = json.loads(schema_text("case"))
    text = reference_markdown("case")
    for name, node in schema["$defs"].items():
        assert f"\n## {name}\n" in text or f"\n### {name}\n" in text, name
        for field_name, prop in node.get("properties", {}).items():
            assert f"| `{field_name}` | {prop['title']} |" in text, (name, field_name)
        for branch in node.get("oneOf", []):
            if "const" in branch:
                assert f"| `{branch['const']}` | {branch['description']} |" in text
    assert "| `connected_persons_fostering` | " in text and "`kinship`" in text


def test_most_fields_have_an_example_from_the_samples() -> None:
    rows = [line for line in reference_markdown("case").splitlines() if line.startswith("| `")]
    fields = [row for row in rows if row.count(" | ") >= 5]
    scalar = [row for row in fields if "](#" not in row.split(" | ")[2] or "code:" in row.split(" | ")[2]]
    with_example = [row for row in scalar if row.rstrip(" |").endswith("`")]
    assert len(with_example) >= 0.9 * len(scalar)


def test_the_reference_describes_route_codes_and_the_mix_up_to_avoid() -> None:
    text = reference_markdown("case")
    assert re.search(r"\| `connected_persons_fostering` \| The child lives with a relative.*not long_term_fostering", text)
    assert "## Rules across the file" in text


def test_schema_prints_the_reference_in_either_format_in_any_case() -> None:
    assert CliRunner().invoke(main, ["schema", "--format", "Markdown"]).output == reference_markdown("case")
    page = CliRunner().invoke(main, ["schema", "--of", "profile", "--format", "HTML"]).output
    assert page.startswith("<!DOCTYPE html>") and '<h2 id="council">Council</h2>' in page


@pytest.mark.parametrize("which", ["case", "profile", "routes", "bundle"])
def test_every_published_schema_has_a_reference(which: str) -> None:
    schema = json.loads(schema_text(which))
    text = reference_markdown(which)
    assert all(f"\n## {name}\n" in text or f"\n### {name}\n" in text for name in schema.get("$defs", {}))
    assert reference_html(which).rstrip().endswith("</html>")
