"""The document layer: document folders and the registry, render requests
and audiences, contexts fit for worker processes, and the CLI over them."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import pickle
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

import permdocs
from permdocs.cli import main
from permdocs.documents import DOCUMENTS, document_from_package
from permdocs.rendering.pipeline import output_name, resolve_request

from conftest import BABY, SAMPLES, sample_dict, visible_files
from readable import docx_text


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("document", list(DOCUMENTS.values()), ids=lambda d: d.name)
def test_each_document_is_one_folder(document: Any) -> None:
    files = {p.name for p in document.folder.iterdir()}
    assert {"document.toml", "__init__.py", f"{document.name}.html", f"{document.name}.docx"} <= files
    assert document.default_audience.name == next(iter(document.audiences))


def _walk(value: Any) -> Any:
    yield value
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _walk(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)


@pytest.mark.parametrize("document", list(DOCUMENTS.values()), ids=lambda d: d.name)
def test_contexts_are_frozen_plain_and_picklable(document: Any) -> None:
    checked = 0
    for sample in SAMPLES:
        case = permdocs.load_case(sample)
        if document.missing_from(case):
            continue
        for audience in document.audiences:
            request = resolve_request(case, permdocs.RenderRequest(document.name, audience=audience, draft=True))
            for output in document.outputs(case, request):
                context = output.context
                assert dataclasses.is_dataclass(context) and context.__dataclass_params__.frozen
                assert pickle.loads(pickle.dumps(context)) == context
                # Writer inputs (logo, override folders) travel outside the context.
                assert not any(isinstance(value, Path) for value in _walk(context))
                checked += 1
    assert checked > 0, "no sample makes this document"


def test_output_names_carry_the_audience_part_and_draft_but_never_the_child() -> None:
    case = permdocs.load_case(BABY)
    default = resolve_request(case, permdocs.RenderRequest("care-plan-permanence"))
    family = resolve_request(case, permdocs.RenderRequest("care-plan-permanence", audience="family", draft=True))
    assert output_name(case, default, "", "pdf") == "care-plan-permanence_FX-2026-0412.pdf"
    assert output_name(case, family, "", "pdf") == "care-plan-permanence_FX-2026-0412_family_DRAFT.pdf"


def test_render_outputs_returns_every_format_in_memory() -> None:
    case = permdocs.load_case(BABY)
    files = permdocs.render_outputs(case, permdocs.RenderRequest("route-comparison", ("docx", "HTML"), "court"))
    assert sorted(files) == ["route-comparison_FX-2026-0412_court.docx", "route-comparison_FX-2026-0412_court.html"]
    assert files["route-comparison_FX-2026-0412_court.docx"][:2] == b"PK"


def test_a_single_format_string_is_taken_as_meant() -> None:
    assert permdocs.RenderRequest("options-analysis", "pdf").formats == ("pdf",)


def test_an_unknown_audience_names_the_choices() -> None:
    case = permdocs.load_case(BABY)
    with pytest.raises(permdocs.PermdocsError, match="no audience 'parents'. Choose from: professional, family, court"):
        permdocs.render(case, "care-plan-permanence", "html", audience="parents")


def test_docs_lists_audiences_as_json_for_makefiles_and_case_systems() -> None:
    listing = json.loads(run("docs", "--json").output)
    assert [d["name"] for d in listing] == list(DOCUMENTS)
    care_plan = listing[0]
    assert [a["name"] for a in care_plan["audiences"]] == ["professional", "family", "court"]
    assert care_plan["audiences"][1]["withholds"]["placement"] == "first-names-for-adopters"
    assert "Family copy" in run("docs").output


def test_render_takes_a_list_of_documents_and_all(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("render", str(BABY), "--doc", "options-analysis, route-comparison", "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert [p.name for p in visible_files(out)] == ["options-analysis_FX-2026-0412.html", "route-comparison_FX-2026-0412.html"]
    result = run("render", str(BABY), "--doc", "all", "--audience", "all", "--format", "html", "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    case = permdocs.load_case(BABY)
    expected = sum(
        len(d.audiences) * (len(case.family_time) if "arrangement" in d.options else 1)
        for d in DOCUMENTS.values()
        if not d.missing_from(case)
    )
    assert len(visible_files(out)) == expected


def test_an_unknown_document_in_a_list_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("render", str(BABY), "--doc", "options-analysis,later-letter", "--format", "html", "--out", str(out))
    assert result.exit_code == 2
    assert "There is no document type 'later-letter'" in result.output
    assert not out.exists()


def test_a_new_document_is_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contributor's recipe from the README, end to end: a folder with a
    declaration, a builder and two templates renders in both formats."""
    folder = tmp_path / "key_dates_note"
    folder.mkdir()
    (folder / "document.toml").write_text(
        'name = "key-dates-note"\ntitle = "Key dates"\nsummary = "A one-page note of the key dates."\n'
        'reads = ["$.child", "$.prepared_on"]\naudiences = ["professional", "family"]\n'
        '[layout]\norientation = "portrait"\ntables = false\nstyles = ["Title"]\nlast_words = "Dates for"\n'
    )
    (folder / "__init__.py").write_text(
        "from dataclasses import dataclass\n"
        "from permdocs.documents.common import ChildIdentity, DocumentInfo, child_identity, document_info\n\n"
        "@dataclass(frozen=True)\nclass KeyDatesNote:\n    document: DocumentInfo\n    child: ChildIdentity\n\n"
        "def build_context(case, request) -> KeyDatesNote:\n"
        "    return KeyDatesNote(document_info(case, request, 'Key dates', 'A note'), child_identity(case))\n"
    )
    (folder / "key-dates-note.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Dates for {{ child.preferred_name }}.</p>{% endblock %}'
    )
    word = Document(str(DOCUMENTS["route-comparison"].template("docx")))
    body = word.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    word.add_paragraph("Dates for {{ child.preferred_name }}.")
    word.save(folder / "key-dates-note.docx")
    spec = importlib.util.spec_from_file_location("key_dates_note", folder / "__init__.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "key_dates_note", module)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    monkeypatch.setitem(DOCUMENTS, "key-dates-note", document_from_package(module))
    case = permdocs.load_case(BABY)
    assert "Dates for Ada." in permdocs.render(case, "key-dates-note", "html").decode()
    assert "Dates for Ada." in docx_text(permdocs.render(case, "key-dates-note", "docx", audience="family"))
    shutil.rmtree(folder)


def test_the_schema_export_lives_outside_the_case_package() -> None:
    import permdocs.case as case_package

    assert not (Path(case_package.__file__).parent / "schema.py").exists()
    source = "\n".join(p.read_text() for p in Path(case_package.__file__).parent.glob("*.py"))
    assert "from ..knowledge" not in source and "from ..profiles" not in source


def test_the_knowledge_base_and_profiles_have_a_neutral_strict_base() -> None:
    from permdocs.base.strict import StrictModel
    from permdocs.case.base import CaseModel
    from permdocs.practice.knowledge import KnowledgeBase
    from permdocs.profiles.model import Profile

    assert issubclass(KnowledgeBase, StrictModel) and not issubclass(KnowledgeBase, CaseModel)
    assert issubclass(Profile, StrictModel) and not issubclass(Profile, CaseModel)


def test_the_26_weeks_are_written_once() -> None:
    root = Path(permdocs.__file__).parent
    hits = [p for p in root.rglob("*.py") if "= 26" in p.read_text()]
    assert [p.name for p in hits] == ["timescales.py"]


def test_sample_dicts_are_fresh() -> None:
    assert sample_dict() is not sample_dict()


def test_the_readmes_example_declaration_is_valid() -> None:
    import re
    import tomllib

    from permdocs.documents.declaration import DocumentDeclaration

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(name = .*?)```", readme, re.DOTALL)
    declaration = DocumentDeclaration.model_validate(tomllib.loads(example), strict=False)
    assert declaration.own_audiences["child-and-adopters"].withholds
