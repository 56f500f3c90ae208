"""Court bundles, in the order they are made: the manifest, the documents it
names, and the command line. The assembled PDF is read back page by page in
test_bundle_assembled.py. Every bundle a test builds passes qpdf --check.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner

import permdocs
from permdocs.bundle import build_bundle, load_manifest
from permdocs.bundle.manifest import DEFAULT_PAGE_LIMIT
from permdocs.cli import main
from permdocs.describe.schemas import schema_text
from permdocs.errors import InvalidBundleError

from bundle_fixtures import encrypted_pdf, photograph_pdf, scan_pdf, text_pdf
from bundle_setup import (
    CASE_SAMPLE,
    build_checked,
    bundle_folder,
    external_pdfs,
    fixture_manifest,
    page_texts,
    qpdf_check,
    without_case,
)
from conftest import ROOT, require_program


def _problems(path: Path) -> list[str]:
    with pytest.raises(InvalidBundleError) as raised:
        build_bundle(load_manifest(path))
    return [str(problem) for problem in raised.value.problems]


# --- the manifest ------------------------------------------------------------------


def test_yaml_and_json_manifests_read_alike(tmp_path: Path) -> None:
    from_yaml = load_manifest(bundle_folder(tmp_path / "y"))
    from_json = load_manifest(bundle_folder(tmp_path / "j", name="bundle.json"))
    assert from_yaml.manifest == from_json.manifest


def test_the_published_schema_is_current() -> None:
    assert (ROOT / "schemas" / "bundle.schema.json").read_text(encoding="utf-8") == schema_text("bundle")


def test_the_sample_manifest_loads() -> None:
    loaded = load_manifest(ROOT / "samples" / "bundle.yaml")
    assert [s.letter for s in loaded.manifest.sections] == ["A", "B", "C", "D", "E"]
    # Section A's family tree is drawn from the case, not a hand-made PDF.
    section_a = loaded.manifest.sections[0].documents
    assert [getattr(d, "document", None) for d in section_a if "tree" in str(d)] == ["family-tree"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sections": []}, "$.sections: lists no sections; a bundle needs at least one"),
        ({"sections": [{"letter": "A", "title": "Empty", "documents": []}]},
         "$.sections[0].documents: lists no documents; a section needs at least one"),
        ({"sections": [{"letter": "a", "title": "T", "documents": [{"pdf": "x.pdf", "title": "T", "dated":
          "2026-01-01", "author": "A"}]}]}, "$.sections[0].letter: must be one capital letter, A to Z"),
        ({"page_limits": {"Care plan": 3}}, '$.page_limits["Care plan"]: must be a short lower-case name'),
        ({"sections": [{"letter": "A", "title": "T", "documents": [{"pdf": "x.pdf", "case": "c.json"}]}]},
         "$.sections[0].documents[0]: must give either 'case'"),
        ({"sections": [{"letter": "A", "title": "T", "documents": [{"pdf": "x.pdf", "title": "T", "dated":
          "2026-02-30", "author": "A"}]}]}, "$.sections[0].documents[0].dated:"),
        ({"colour": "red"}, "$.colour: is not a field here"),
    ],
)
def test_manifest_problems_name_the_entry(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    problems = _problems(bundle_folder(tmp_path, fixture_manifest(**change)))
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_section_letter_used_twice_is_refused_at_its_second_use(tmp_path: Path) -> None:
    manifest = fixture_manifest()
    manifest["sections"][1]["letter"] = "A"
    manifest["sections"][2]["title"] = ""  # reported in the same run
    assert _problems(bundle_folder(tmp_path, manifest)) == [
        "$.sections[2].title: must not be empty",
        "$.sections[1].letter: A is already the letter of $.sections[0]; each section needs its own",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: One\ntitle: Two\n", "the key 'title' appears twice in one mapping (line 2)"),
        ("base: &b {title: x}\ncopy: *b\n", "uses a YAML alias at line 2"),
        ("title: [unclosed\n", "is not valid YAML"),
    ],
)
def test_yaml_hazards_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bundle.yaml"
    path.write_text(text)
    with pytest.raises(InvalidBundleError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        load_manifest(path)


def test_yaml_yes_and_dates_stay_text(tmp_path: Path) -> None:
    manifest = fixture_manifest()
    manifest["case"]["parties"][0]["name"] = "Yes"
    path = bundle_folder(tmp_path, manifest)
    path.write_text(path.read_text().replace("name: 'Yes'", "name: yes"))
    assert load_manifest(path).manifest.case.parties[0].name == "yes"


# --- the documents it names ------------------------------------------------------------


def _with_external(tmp_path: Path, name: str, data: bytes | None) -> Path:
    manifest = without_case(fixture_manifest())
    manifest["sections"][0]["documents"][0]["pdf"] = name
    path = bundle_folder(tmp_path, manifest)
    if data is not None:
        (tmp_path / name).write_bytes(data)
    return path


def _damaged_content() -> bytes:
    """A PDF whose structure reads, but whose second page's content stream
    claims a compression its bytes do not have."""
    with pikepdf.open(io.BytesIO(text_pdf("Statement", ["A fictional statement."], pages=2))) as document:
        document.pages[1].obj.Contents = pikepdf.Stream(document, b"not compressed at all")
        document.pages[1].obj.Contents.Filter = pikepdf.Name.FlateDecode
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("external/missing.pdf", None, "no such file"),
        ("external/notes.pdf", b"Meeting notes, typed in a text editor.\n", "is not a PDF file"),
        ("external/locked.pdf", encrypted_pdf(), "is encrypted with a password"),
        ("external/broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ntrailer\n%%EOF\n", "is damaged"),
        ("external/garbled.pdf", _damaged_content(), "is damaged: the content of page 2 cannot be read"),
        ("../outside.pdf", text_pdf("Outside", ["x"]), "leads outside the manifest's folder"),
        ("/etc/hostname", None, "must be a path relative to the manifest's folder"),
    ],
)
def test_bad_external_pdfs_name_the_entry_and_write_nothing(
    tmp_path: Path, name: str, data: bytes | None, expected: str
) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    if name.startswith("../") and data is not None:
        (tmp_path / "outside.pdf").write_bytes(data)
        data = None
    path = _with_external(folder, name, data)
    out = tmp_path / "out" / "bundle.pdf"
    result = CliRunner().invoke(main, ["bundle", str(path), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"$.sections[0].documents[0].pdf: {expected}" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_every_bad_entry_is_reported_in_one_run(tmp_path: Path) -> None:
    manifest = fixture_manifest()
    manifest["sections"][0]["documents"][0]["pdf"] = "external/gone.pdf"
    manifest["sections"][1]["documents"][0]["document"] = "care-plan"
    manifest["sections"][1]["documents"][1]["audience"] = "carers"
    problems = _problems(bundle_folder(tmp_path, manifest))
    assert [p.split(":")[0] for p in problems] == [
        "$.sections[0].documents[0].pdf", "$.sections[1].documents[0].document", "$.sections[1].documents[1].audience",
    ]


def test_a_copy_other_than_the_courts_needs_the_manifests_say_so(tmp_path: Path) -> None:
    manifest = fixture_manifest()
    manifest["sections"][1]["documents"] = [{"case": "case.json", "document": "options-analysis",
                                             "audience": "professional"}]
    problems = _problems(bundle_folder(tmp_path, manifest))
    assert len(problems) == 1 and problems[0].startswith(
        "$.sections[1].documents[0].audience: is 'professional', not 'court': a bundle goes to every party"
    )
    manifest["sections"][1]["documents"][0]["allow_non_court_copy"] = True
    bundle = build_checked(bundle_folder(tmp_path, manifest))
    assert any(w.startswith("$.sections[1].documents[0]: is the 'professional' copy, not the court's")
               for w in bundle.warnings)


def test_a_case_with_problems_is_reported_under_its_entry(tmp_path: Path) -> None:
    path = bundle_folder(tmp_path)
    case = json.loads((tmp_path / "case.json").read_text())
    del case["child"]["date_of_birth"]
    (tmp_path / "case.json").write_text(json.dumps(case))
    problems = _problems(path)
    assert problems[0].startswith("$.sections[1].documents[0].case: cannot be rendered: The case has 1 problem")
    assert "$.child.date_of_birth" in problems[0]


def _helvetica_pdf() -> bytes:
    """A one-page PDF in Helvetica, not embedded, as older software makes them."""
    document = pikepdf.new()
    page = document.add_blank_page(page_size=(595, 842))
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page.add_resource(document.make_indirect(font), pikepdf.Name.Font, pikepdf.Name("/F1"))
    page.contents_add(pikepdf.Stream(document, b"BT /F1 12 Tf 72 700 Td (A fictional note.) Tj ET"))
    buffer = io.BytesIO()
    document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def test_what_a_user_should_know_is_reported(tmp_path: Path) -> None:
    """A scan (whose white margins take the stamp), fonts not embedded, a
    photograph with no clear corner, a court permission under 350 pages; the
    page limits and small text are reported for the fixture bundle."""
    manifest = without_case(fixture_manifest(court_permission={"pages": 100, "given_on": "2026-12-01"}))
    manifest["sections"][0]["documents"][0]["pdf"] = "external/scan.pdf"
    manifest["sections"][1]["documents"][0]["pdf"] = "external/note.pdf"
    manifest["sections"][2]["documents"][0]["pdf"] = "external/photograph.pdf"
    path = bundle_folder(tmp_path, manifest)
    (tmp_path / "external" / "scan.pdf").write_bytes(scan_pdf(2))
    (tmp_path / "external" / "note.pdf").write_bytes(_helvetica_pdf())
    (tmp_path / "external" / "photograph.pdf").write_bytes(photograph_pdf())
    warnings = build_checked(path).warnings
    assert warnings[0] == (
        "$.court_permission.pages: 100 is no more than the 350 pages PD27A allows without permission, "
        "so the limit stays at 350"
    )
    assert "$.sections[0].documents[0]: has no text layer (a scan?), so it cannot be searched; try --ocr" in warnings
    assert any(w.startswith("$.sections[1].documents[0]: uses fonts it does not embed (Helvetica)") for w in warnings)
    covering = [w for w in warnings if "covers part of the page" in w]
    assert covering == [
        "$.sections[2].documents[0]: the stamp on page E1 covers part of the page, as neither right-hand corner is "
        "clear; check it"
    ]


@pytest.mark.slow  # lays out PDFs
def test_ocr_gives_a_scan_a_text_layer_and_the_same_bytes_twice(tmp_path: Path) -> None:
    require_program("ocrmypdf")
    require_program("tesseract")
    manifest = without_case(fixture_manifest())
    manifest["sections"][0]["documents"][0]["pdf"] = "external/scan.pdf"
    path = bundle_folder(tmp_path, manifest)
    (tmp_path / "external" / "scan.pdf").write_bytes(scan_pdf(1))
    bundle = build_checked(path, ocr=True)
    assert not any("no text layer" in warning for warning in bundle.warnings)
    assert bundle.warnings[0].startswith(
        "OCR added a text layer to 1 page of $.sections[0].documents[0] (Interim care order)"
    )
    assert "SCANNED LETTER" in page_texts(bundle.pdf)[bundle.front_pages]
    # OCRmyPDF names its text layer at random; the bundle must not.
    assert build_checked(path, ocr=True).pdf == bundle.pdf


def _long_statement(folder: Path) -> None:
    with pikepdf.open(io.BytesIO(text_pdf("Long statement", ["Page."]))) as one:
        long = pikepdf.new()
        for _ in range(DEFAULT_PAGE_LIMIT):
            long.pages.append(one.pages[0])
        long.save(folder / "external" / "long.pdf")


@pytest.mark.parametrize(
    ("permitted", "expected"),
    [
        (None, "over PD27A's limit of 350; record the court's permission in 'court_permission', or remove documents"),
        # Permission for fewer pages than the rule allows does not lower the limit.
        (345, "over PD27A's limit of 350; record the court's permission in 'court_permission', or remove documents"),
        (352, "over the 352 the court permitted on 1 December 2026; ask the court for more, or remove documents"),
    ],
)
def test_over_350_pages_needs_the_courts_permission(tmp_path: Path, permitted: int | None, expected: str) -> None:
    manifest = without_case(fixture_manifest())
    manifest["sections"][0]["documents"][0]["pdf"] = "external/long.pdf"
    if permitted:
        manifest["court_permission"] = {"pages": permitted, "given_on": "2026-12-01"}
    path = bundle_folder(tmp_path, manifest)
    _long_statement(tmp_path)
    pages = DEFAULT_PAGE_LIMIT + 1 + 5 + 1 + 1  # the long statement, the placeholder, report, tree and letter
    assert _problems(path) == [f"$.sections: the bundle has {pages} pages, {expected}"]


@pytest.mark.slow  # lays out PDFs
def test_the_courts_permission_allows_more(tmp_path: Path) -> None:
    manifest = without_case(fixture_manifest(court_permission={"pages": 400, "given_on": "2026-12-01"}))
    manifest["sections"][0]["documents"][0]["pdf"] = "external/long.pdf"
    path = bundle_folder(tmp_path, manifest)
    _long_statement(tmp_path)
    bundle = build_checked(path)
    assert bundle.body_pages == DEFAULT_PAGE_LIMIT + 8
    front_sheet = " ".join(page_texts(bundle.pdf)[0].split())
    assert "The court gave permission for up to 400 pages on 1 December 2026." in front_sheet


# --- the command line ---------------------------------------------------------------------


@pytest.mark.slow  # lays out PDFs
def test_the_command_writes_the_bundle_and_never_replaces_it_unasked(tmp_path: Path) -> None:
    # A tighter limit than the default 10 pages, so the 7-page care plan shows the warning.
    path = bundle_folder(tmp_path / "in", fixture_manifest(page_limits={"care-plan": 5}))
    out = tmp_path / "out" / "bundle.pdf"
    first = CliRunner().invoke(main, ["bundle", str(path), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "wrote" in first.output and "27 pages in 3 sections" in first.output
    assert "warning: $.sections[1].documents[0]: 10 pages, over the 5 set for a care plan" in first.output
    qpdf_check(out.read_bytes())


def test_an_existing_output_file_is_refused_before_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = bundle_folder(tmp_path / "in", without_case(fixture_manifest()))
    out = tmp_path / "bundle.pdf"
    out.write_bytes(b"an earlier bundle")

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the bundle was built before the output was checked")

    monkeypatch.setattr(permdocs.bundle, "build_bundle", no_build)
    refused = CliRunner().invoke(main, ["bundle", str(path), "--out", str(out)])
    assert refused.exit_code == 2, refused.output
    assert "This file already exists" in refused.output and "choose another output file" in refused.output
    assert out.read_bytes() == b"an earlier bundle"


def test_the_summary_counts_in_words(tmp_path: Path) -> None:
    manifest = without_case(fixture_manifest())
    manifest["sections"] = manifest["sections"][:1]
    out = tmp_path / "bundle.pdf"
    done = CliRunner().invoke(main, ["bundle", str(bundle_folder(tmp_path, manifest)), "--out", str(out)])
    assert done.exit_code == 0, done.output
    qpdf_check(out.read_bytes())
    assert "1 page in 1 section, after 2 pages of front sheet and index" in done.output


# --- family-time agreements in a bundle ---------------------------------------------------


def _family_time_bundle(tmp_path: Path, **entry: Any) -> Path:
    import shutil

    manifest = without_case(fixture_manifest())
    shutil.copy(ROOT / "samples" / "adoption-family-time.json", tmp_path / "family.json")
    manifest["sections"][2]["documents"].append({"case": "family.json", "document": "family-time", **entry})
    return bundle_folder(tmp_path, manifest)


def test_a_family_time_agreement_asks_which_arrangement_in_the_manifests_words(tmp_path: Path) -> None:
    assert _problems(_family_time_bundle(tmp_path)) == [
        "$.sections[2].documents[3].arrangement: is needed: this document is made once per family-time "
        "arrangement, and the case has 4 (letters-mother, jayden-sessions, grandmother-yearly, letters-riley); name the one for "
        "this entry with 'arrangement: <id>'"
    ]


@pytest.mark.slow  # lays out PDFs
def test_a_family_time_agreement_goes_in_as_its_court_copy(tmp_path: Path) -> None:
    bundle = build_checked(_family_time_bundle(tmp_path, arrangement="letters-mother"))
    (entry,) = [e for e in bundle.entries if e.title == "Family-time agreement"]
    text = " ".join(" ".join(page_texts(bundle.pdf)[bundle.front_pages + entry.first_page:]).split())
    assert "Court copy" in text and "Plumbridge" not in text  # the adopters' surname stays out


def test_a_bundle_of_external_pdfs_is_built_from_memory_as_from_a_folder(tmp_path: Path) -> None:
    # A case system holds its PDFs in memory: the manifest names them, and no folder is needed.
    manifest = without_case(fixture_manifest())
    files = {f"external/{name}": data for name, data in external_pdfs().items()}
    in_memory = permdocs.build_bundle(manifest, files=files)
    from_folder = permdocs.build_bundle(bundle_folder(tmp_path, manifest))
    assert in_memory.pdf == from_folder.pdf and in_memory.warnings == from_folder.warnings


def test_an_in_memory_bundle_names_what_was_not_given() -> None:
    manifest = without_case(fixture_manifest())
    files = {f"external/{name}": data for name, data in external_pdfs().items()}
    files["external/report.pdf"] = "a report"  # type: ignore[assignment]
    del files["external/tree.pdf"]
    with pytest.raises(permdocs.InvalidBundleError) as refused:
        permdocs.build_bundle(manifest, files=files)
    assert [(p.path, p.message) for p in refused.value.problems] == [
        ("$.sections[2].documents[0].pdf", "is given as str, not as a PDF's bytes"),
        ("$.sections[2].documents[1].pdf", "is not among the files given with the manifest"),
    ]


@pytest.mark.slow  # lays out PDFs
def test_a_bundle_of_permdocs_documents_is_built_from_cases_in_memory(tmp_path: Path) -> None:
    case = permdocs.load_case(CASE_SAMPLE)
    files = {f"external/{name}": data for name, data in external_pdfs().items()}
    in_memory = permdocs.build_bundle(fixture_manifest(), cases={"case.json": case}, files=files)
    assert in_memory.pdf == build_checked(bundle_folder(tmp_path)).pdf
