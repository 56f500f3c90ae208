"""The library as a case system calls it: the common slips get clear errors
in the library's own words, and every output of a request comes back in
memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import permdocs

from conftest import BABY, DOCUMENT, ROOT, visible_files

CASE = permdocs.load_case(BABY)


@pytest.mark.parametrize(
    "call",
    [
        lambda: permdocs.render({"schema_version": "1"}, DOCUMENT, "html"),  # type: ignore[arg-type]
        lambda: permdocs.check(str(BABY)),  # type: ignore[arg-type]
        lambda: permdocs.write(BABY.read_bytes(), DOCUMENT, "html", "out"),  # type: ignore[arg-type]
        lambda: permdocs.render_outputs({}, permdocs.RenderRequest(DOCUMENT)),  # type: ignore[arg-type]
    ],
    ids=["render-a-dict", "check-a-path", "write-bytes", "render-outputs-a-dict"],
)
def test_anything_but_a_loaded_case_is_refused_clearly(call: object) -> None:
    with pytest.raises(permdocs.ArgumentTypeError, match=r"takes a case loaded by permdocs.load_case\(\), not "):
        call()  # type: ignore[operator]


def test_the_misuse_errors_are_type_errors_and_permdocs_errors() -> None:
    with pytest.raises(TypeError):
        permdocs.render_outputs(CASE, DOCUMENT)  # type: ignore[arg-type]
    with pytest.raises(permdocs.PermdocsError, match="render\\(\\) makes one format"):
        permdocs.render(CASE, DOCUMENT, "docx,pdf")


def test_write_takes_one_format_a_list_or_a_comma_separated_string(tmp_path: Path) -> None:
    assert [p.suffix for p in permdocs.write(CASE, DOCUMENT, "html", tmp_path / "a")] == [".html"]
    assert [p.suffix for p in permdocs.write(CASE, DOCUMENT, "HTML,docx", tmp_path / "b")] == [".html", ".docx"]
    assert [p.name for p in visible_files(tmp_path / "a")] == ["care-plan-permanence_FX-2026-0412.html"]


def test_library_messages_use_the_librarys_words(tmp_path: Path) -> None:
    permdocs.write(CASE, DOCUMENT, "html", tmp_path)
    with pytest.raises(permdocs.OutputExistsError) as exists:
        permdocs.write(CASE, DOCUMENT, "html", tmp_path)
    assert "force=True" in str(exists.value) and "--force" not in str(exists.value)
    assert "--force" in exists.value.command_line_message()
    permdocs.write(CASE, DOCUMENT, "html", tmp_path, update=True)
    data = permdocs.load_case(BABY).model_dump(mode="json", by_alias=True)
    data["plans"]["contingency"] = None
    with pytest.raises(permdocs.UnresolvedFindingsError) as findings:
        permdocs.render(permdocs.load_case(data), DOCUMENT, "html")
    assert "draft=True" in str(findings.value) and "--draft" not in str(findings.value)


def test_render_outputs_returns_every_file_of_a_request_in_memory() -> None:
    request = permdocs.RenderRequest("family-time", formats=("html", "ICS"), audience="Carers")
    case = permdocs.load_case(BABY.parent / "adoption-family-time.json")
    files = permdocs.render_outputs(case, request)
    arrangements = {arrangement.id for arrangement in case.family_time}
    assert all(any(a in name for a in arrangements) for name in files)
    assert {name.rsplit(".", 1)[1] for name in files} == {"html", "ics"}
    assert all(isinstance(data, bytes) and data for data in files.values())


def test_render_files_says_what_each_file_is() -> None:
    # A case system files each output by document, copy and format, without parsing file names.
    case = permdocs.load_case(ROOT / "samples" / "adoption-family-time.json")
    request = permdocs.RenderRequest("family-time", ("html", "ics"), "carers")
    files = permdocs.render_files(case, request, skipped=[])
    assert {(f.document, f.audience) for f in files} == {("family-time", "carers")}
    assert {f.format: f.media_type for f in files} == {"html": "text/html; charset=utf-8", "ics": "text/calendar; charset=utf-8"}
    assert {f.label for f in files} == {a.id for a in case.family_time}
    assert {f.name: f.data for f in files} == permdocs.render_outputs(case, request, skipped=[])


def test_one_request_names_several_documents_and_copies_and_brings_the_findings() -> None:
    # The request a batch takes is the request a single render takes.
    request = permdocs.RenderRequest("all", ("html", "ics"), "all")
    rendered = permdocs.render_outputs(CASE, request)
    expected = {
        (document.name, audience)
        for document in permdocs.DOCUMENTS.values() if not document.missing_from(CASE)
        for audience in document.audiences
    }
    assert {(f.document, f.audience) for f in rendered.files} == expected
    assert {f.name for f in rendered.files} == set(rendered)
    # What the case lacks, and the calendars some copies do not have, are said, not raised.
    assert any(note.startswith("later-life-letter: the case has no $.later_life_letter") for note in rendered.skipped)
    assert rendered.findings == tuple(permdocs.check(CASE))


def test_a_documents_options_are_checked_against_what_it_declares() -> None:
    letter = permdocs.load_case(ROOT / "samples" / "letter-first-draft.json")
    on = permdocs.render_outputs(letter, permdocs.RenderRequest("later-life-letter", ("html",), options={"Review": "yes"}, draft=True))
    assert [name.endswith("_REVIEW_DRAFT.html") for name in on] == [True]
    with pytest.raises(permdocs.UnknownOptionError, match="option 'review' is yes or no, not 'maybe'"):
        permdocs.render_outputs(letter, permdocs.RenderRequest("later-life-letter", ("html",), options={"review": "maybe"}))
    # Several documents share the options, each taking its own; an option none of them has is a mistake.
    with pytest.raises(permdocs.UnknownOptionError, match="None of the documents asked for has the option 'arrangement'. Documents with it: family-time"):
        permdocs.render_outputs(CASE, permdocs.RenderRequest("care-plan-permanence,cpr", ("html",), options={"arrangement": "x"}))
    family = permdocs.load_case(ROOT / "samples" / "adoption-family-time.json")
    both = permdocs.RenderRequest("family-time,care-plan-permanence", ("html",), options={"arrangement": "letters-mother"})
    assert sorted(permdocs.render_outputs(family, both)) == [
        "care-plan-permanence_FX-2025-0517.html", "family-time_FX-2025-0517_letters-mother.html",
    ]


def test_the_json_schema_comes_from_a_function() -> None:
    schema = permdocs.json_schema()
    assert schema["properties"]["child"] and schema == json.loads((ROOT / "schemas" / "case.schema.json").read_text())
    with pytest.raises(permdocs.ArgumentTypeError, match="one of case, profile, routes, bundle"):
        permdocs.json_schema("cases")


def test_every_public_error_is_exported() -> None:
    import permdocs.errors as errors

    raised = {name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, errors.PermdocsError)}
    assert raised <= set(permdocs.__all__)


@pytest.mark.parametrize("kwargs", [
    {"formats": None}, {"formats": 123}, {"formats": ["pdf", 3]}, {"as_of": "x"}, {"as_of": "2026-02-30"},
    {"audience": 5}, {"draft": "yes"}, {"options": "review"}, {"options": {"review": 3}}, {"options": {1: True}},
])
def test_a_request_of_the_wrong_kind_is_refused_in_the_librarys_words(kwargs: dict[str, object]) -> None:
    with pytest.raises(permdocs.ArgumentTypeError):
        permdocs.RenderRequest("care-plan-permanence", **kwargs)  # type: ignore[arg-type]


def test_as_of_may_be_an_iso_date_string() -> None:
    from datetime import date

    assert permdocs.RenderRequest("care-plan-permanence", as_of="2026-01-01").as_of == date(2026, 1, 1)  # type: ignore[arg-type]
    case = permdocs.load_case(BABY)
    assert permdocs.check(case, as_of="2027-01-01") == permdocs.check(case, as_of=date(2027, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(permdocs.ArgumentTypeError, match="YYYY-MM-DD"):
        permdocs.check(case, as_of="x")  # type: ignore[arg-type]


def test_a_dict_that_is_too_deep_or_holds_itself_is_refused_by_path() -> None:
    deep: dict[str, object] = {}
    node = deep
    for _ in range(5000):
        node["a"] = {}
        node = node["a"]  # type: ignore[assignment]
    cyclic: dict[str, object] = {"child": {}}
    cyclic["child"]["self"] = cyclic  # type: ignore[index]
    itself: list[object] = []
    itself.append(itself)
    paths = []
    for data in (deep, cyclic, {"people": itself}):
        with pytest.raises(permdocs.InvalidCaseError) as refused:
            permdocs.load_case(data)
        paths.append([p.path for p in refused.value.problems])
    assert paths == [["$"], ["$.child.self"], ["$.people[0]"]]
