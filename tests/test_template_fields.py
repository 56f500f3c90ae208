"""The published list of template fields (docs/template-fields.md) is made
from the context dataclasses that templates are checked against."""

from __future__ import annotations

import dataclasses
import typing

from click.testing import CliRunner

from permdocs.cli import main
from permdocs.describe.template_fields import template_fields_markdown
from permdocs.documents import DOCUMENTS

from conftest import ROOT


def test_committed_template_fields_match_the_contexts() -> None:
    committed = (ROOT / "docs" / "template-fields.md").read_text(encoding="utf-8")
    assert committed == template_fields_markdown(), "docs/ drifted from the contexts: run 'make schemas'"
    assert CliRunner().invoke(main, ["templates", "fields"]).output == committed


def test_every_field_of_every_context_type_is_listed() -> None:
    text = template_fields_markdown()
    for document in DOCUMENTS.values():
        assert f"\n## {document.name}\n" in text
        context = typing.get_type_hints(document.build_context)["return"]
        for field in dataclasses.fields(context):
            assert f"| `{field.name}` |" in text
    assert "| `council_address_lines` | list of text |" in text and "| `family_time` |" in text
