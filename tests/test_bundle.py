"""Court bundles, in the order they are made: the manifest, the documents it
names, and the assembled PDF read back page by page.

The fixture bundle has three sections: a permdocs care plan in the court's
copy, the (landscape) options analysis, and two external PDFs made on the
spot, one of them turned by /Rotate.
"""

from __future__ import annotations

import functools
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

import permdocs
from permdocs.bundle import build_bundle, load_manifest
from permdocs.bundle.manifest import DEFAULT_PAGE_LIMIT
from permdocs.cli import main
from permdocs.errors import InvalidBundleError
from permdocs.schemas import schema_text

from bundle_fixtures import encrypted_pdf, rotated, scan_pdf, text_pdf
from conftest import ROOT, require_program, sample_dict
from leak import leaks, output_text, withheld_values

CASE_SAMPLE = ROOT / "samples" / "baby-in-proceedings.json"


def _manifest(**changes: Any) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "title": "Bundle for the final hearing",
        "case": {
            "court": "The Family Court sitting at Exampleton",
            "case_number": "ZZ26C00123",
            "child_initials": "A.M.S.",
            "parties": [{"role": "Applicant", "name": "Fictionshire County Council"}],
            "hearing": {"kind": "Final hearing", "date": "2027-01-04"},
        },
        "sections": [
            {"letter": "A", "title": "Preliminary documents", "documents": [
                {"pdf": "external/order.pdf", "title": "Interim care order", "dated": "2026-05-22", "author": "The court"},
            ]},
            {"letter": "D", "title": "Care plans", "documents": [
                {"case": "case.json", "document": "care-plan-permanence", "kind": "care-plan"},
                {"case": "case.json", "document": "options-analysis"},
            ]},
            {"letter": "E", "title": "Experts' reports", "documents": [
                {"pdf": "external/report.pdf", "title": "Parenting assessment", "dated": "2026-09-18",
                 "author": "Dr Imogen Fakename", "kind": "expert-report"},
                {"pdf": "external/tree.pdf", "title": "Family tree", "dated": "2026-11-02", "author": "The council"},
            ]},
        ],
    }
    manifest.update(changes)
    return manifest


@functools.cache
def _external_pdfs() -> dict[str, bytes]:
    return {
        "order.pdf": text_pdf("Interim care order", ["A fictional order."]),
        "report.pdf": text_pdf("Parenting assessment", ["A fictional report."], pages=4, landscape_page=True),
        "tree.pdf": rotated(text_pdf("Family tree", ["A fictional family tree."])),
    }


def _without_case(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest with section D's permdocs documents swapped for a PDF, for
    tests about external files (rendering the case would only add time)."""
    manifest["sections"][1]["documents"] = [
        {"pdf": "external/order.pdf", "title": "Placeholder for the care plan", "dated": "2026-11-16", "author": "A"}
    ]
    return manifest


def _folder(tmp: Path, manifest: dict[str, Any] | None = None, name: str = "bundle.yaml") -> Path:
    """A bundle folder: the case, three external PDFs and the manifest."""
    (tmp / "external").mkdir(parents=True, exist_ok=True)
    shutil.copy(CASE_SAMPLE, tmp / "case.json")
    for file_name, data in _external_pdfs().items():
        (tmp / "external" / file_name).write_bytes(data)
    path = tmp / name
    data = manifest or _manifest()
    path.write_text(json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[permdocs.bundle.Bundle, Path]:
    path = _folder(tmp_path_factory.mktemp("bundle"))
    return build_bundle(load_manifest(path)), path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InvalidBundleError) as raised:
        build_bundle(load_manifest(path))
    return [str(problem) for problem in raised.value.problems]


# --- the manifest ------------------------------------------------------------------


def test_yaml_and_json_manifests_read_alike(tmp_path: Path) -> None:
    from_yaml = load_manifest(_folder(tmp_path / "y"))
    from_json = load_manifest(_folder(tmp_path / "j", name="bundle.json"))
    assert from_yaml.manifest == from_json.manifest


def test_the_published_schema_is_current() -> None:
    assert (ROOT / "schemas" / "bundle.schema.json").read_text(encoding="utf-8") == schema_text("bundle")


def test_the_sample_manifest_loads() -> None:
    loaded = load_manifest(ROOT / "samples" / "bundle.yaml")
    assert [s.letter for s in loaded.manifest.sections] == ["A", "B", "D", "E"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sections": []}, "$.sections: List should have at least 1 item"),
        ({"sections": [{"letter": "A", "title": "Empty", "documents": []}]}, "$.sections[0].documents: List should"),
        ({"sections": [{"letter": "a", "title": "T", "documents": [{"pdf": "x.pdf", "title": "T", "dated":
          "2026-01-01", "author": "A"}]}]}, "$.sections[0].letter: String should match"),
        ({"sections": [{"letter": "A", "title": "T", "documents": [{"pdf": "x.pdf", "case": "c.json"}]}]},
         "$.sections[0].documents[0]: must give either 'case'"),
        ({"sections": [{"letter": "A", "title": "T", "documents": [{"pdf": "x.pdf", "title": "T", "dated":
          "2026-02-30", "author": "A"}]}]}, "$.sections[0].documents[0].dated:"),
        ({"colour": "red"}, "$.colour: is not a field here"),
    ],
)
def test_manifest_problems_name_the_entry(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    problems = _problems(_folder(tmp_path, _manifest(**change)))
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_section_letter_used_twice_is_refused(tmp_path: Path) -> None:
    manifest = _manifest()
    manifest["sections"][1]["letter"] = "A"
    assert _problems(_folder(tmp_path, manifest)) == ["$: section letter A is used twice"]


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
    manifest = _manifest()
    manifest["case"]["parties"][0]["name"] = "Yes"
    path = _folder(tmp_path, manifest)
    path.write_text(path.read_text().replace("name: 'Yes'", "name: yes"))
    assert load_manifest(path).manifest.case.parties[0].name == "yes"


# --- the documents it names ------------------------------------------------------------


def _with_external(tmp_path: Path, name: str, data: bytes | None) -> Path:
    manifest = _without_case(_manifest())
    manifest["sections"][0]["documents"][0]["pdf"] = name
    path = _folder(tmp_path, manifest)
    if data is not None:
        (tmp_path / name).write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("external/missing.pdf", None, "no such file"),
        ("external/notes.pdf", b"Meeting notes, typed in a text editor.\n", "is not a PDF file"),
        ("external/locked.pdf", encrypted_pdf(), "is encrypted with a password"),
        ("external/broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ntrailer\n%%EOF\n", "is damaged"),
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
    manifest = _manifest()
    manifest["sections"][0]["documents"][0]["pdf"] = "external/gone.pdf"
    manifest["sections"][1]["documents"][0]["document"] = "care-plan"
    manifest["sections"][1]["documents"][1]["audience"] = "carers"
    problems = _problems(_folder(tmp_path, manifest))
    assert [p.split(":")[0] for p in problems] == [
        "$.sections[0].documents[0].pdf", "$.sections[1].documents[0].document", "$.sections[1].documents[1].audience",
    ]


def test_a_case_with_problems_is_reported_under_its_entry(tmp_path: Path) -> None:
    path = _folder(tmp_path)
    case = json.loads((tmp_path / "case.json").read_text())
    del case["child"]["date_of_birth"]
    (tmp_path / "case.json").write_text(json.dumps(case))
    problems = _problems(path)
    assert problems[0].startswith("$.sections[1].documents[0].case: cannot be rendered: The case has 1 problem")
    assert "$.child.date_of_birth" in problems[0]


def test_a_scan_is_reported_and_the_limits_warn(tmp_path: Path) -> None:
    manifest = _manifest(page_limits={"care-plan": 3})
    manifest["sections"][0]["documents"][0]["pdf"] = "external/scan.pdf"
    path = _folder(tmp_path, manifest)
    (tmp_path / "external" / "scan.pdf").write_bytes(scan_pdf(2))
    warnings = build_bundle(load_manifest(path)).warnings
    assert "$.sections[0].documents[0]: has no text layer (a scan?), so it cannot be searched; try --ocr" in warnings
    assert any(w.startswith("$.sections[1].documents[0]: 7 pages, over the 3 a care-plan") for w in warnings)


def test_ocr_gives_a_scan_a_text_layer(tmp_path: Path) -> None:
    require_program("ocrmypdf")
    require_program("tesseract")
    manifest = _without_case(_manifest())
    manifest["sections"][0]["documents"][0]["pdf"] = "external/scan.pdf"
    path = _folder(tmp_path, manifest)
    (tmp_path / "external" / "scan.pdf").write_bytes(scan_pdf(1))
    bundle = build_bundle(load_manifest(path), ocr=True)
    assert not any("no text layer" in warning for warning in bundle.warnings)


def test_over_350_pages_needs_the_courts_permission(tmp_path: Path) -> None:
    manifest = _without_case(_manifest())
    manifest["sections"][0]["documents"][0]["pdf"] = "external/long.pdf"
    path = _folder(tmp_path, manifest)
    with pikepdf.open(io.BytesIO(text_pdf("Long statement", ["Page."]))) as one:
        long = pikepdf.new()
        for _ in range(DEFAULT_PAGE_LIMIT):
            long.pages.append(one.pages[0])
        long.save(tmp_path / "external" / "long.pdf")
    pages = DEFAULT_PAGE_LIMIT + 1 + 5 + 1  # the long statement, the placeholder, the report, the tree
    problems = _problems(path)
    assert problems == [
        f"$.sections: the bundle has {pages} pages, over the limit of 350 (PD27A); record the court's permission in "
        "'court_permission', or remove documents"
    ]
    manifest["court_permission"] = {"pages": 400, "given_on": "2026-12-01"}
    path.write_text(yaml.safe_dump(manifest))
    assert build_bundle(load_manifest(path)).body_pages == pages


# --- the assembled bundle ------------------------------------------------------------------


def _page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def _page_number(pdf: pikepdf.Pdf, destination: pikepdf.Array) -> int:
    return next(i for i, page in enumerate(pdf.pages) if page.obj.objgen == destination[0].objgen)


def test_index_ranges_match_where_each_document_starts_and_ends(built: tuple[Any, Path]) -> None:
    bundle, path = built
    texts = _page_texts(bundle.pdf)
    assert len(texts) == bundle.front_pages + bundle.body_pages
    assert [e.page_range for e in bundle.entries] == ["A1", "D1-D7", "D8-D14", "E1-E5", "E6"]
    index_text = " ".join(texts[: bundle.front_pages])
    for entry in bundle.entries:
        assert f"{entry.page_range} {entry.title}" in " ".join(index_text.split())
        first, last = bundle.front_pages + entry.first_page, bundle.front_pages + entry.first_page + entry.pages - 1
        assert entry.title.split()[0].lower() in texts[first].lower(), entry.title
        if last + 1 < len(texts):  # the next page starts another document
            assert f"Page {entry.pages} of {entry.pages}" in texts[last] or entry.section in ("A", "E")


def test_every_page_carries_its_stamp(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    texts = _page_texts(bundle.pdf)[bundle.front_pages:]
    expected = [f"{e.section}{int(e.first_label[1:]) + n}" for e in bundle.entries for n in range(e.pages)]
    assert [text.split()[-1] for text in texts] == expected


def test_index_links_and_bookmarks_land_on_first_pages(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    firsts = [bundle.front_pages + e.first_page for e in bundle.entries]
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        links = [
            _page_number(pdf, annotation.Dest)
            for page in list(pdf.pages)[: bundle.front_pages]
            for annotation in page.obj.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link"
        ]
        assert links == firsts
        with pdf.open_outline() as outline:
            sections = [item for item in outline.root if item.title[1:3] == "  "]
            documents = [child for section in sections for child in section.children]
            assert [d.title for d in documents] == [f"{e.page_range}  {e.title}" for e in bundle.entries]
            assert [_page_number(pdf, d.destination) for d in documents] == firsts
            # A document's own bookmarks sit beneath it, on its own pages.
            care_plan = documents[1]
            assert care_plan.children and all(
                firsts[1] <= _page_number(pdf, c.destination) < firsts[2] for c in care_plan.children
            )


def test_links_inside_a_document_stay_inside_it(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    report = bundle.entries[3]
    start = bundle.front_pages + report.first_page
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        tree = pikepdf.NameTree(pdf.Root.Names.Dests)
        annotation = next(a for a in pdf.pages[start].obj.Annots if a.get("/Subtype") == "/Link")
        target = tree[str(annotation.Dest)]
        assert str(annotation.Dest).startswith("doc004-")
        assert _page_number(pdf, target) == start + 3  # "Go to the last page" of its 4 text pages
        assert len(set(tree.keys())) == len(list(tree.keys()))


def test_landscape_pages_stay_landscape(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        def shown(page: pikepdf.Page) -> tuple[float, float]:
            box = page.mediabox
            width, height = float(box[2] - box[0]), float(box[3] - box[1])
            return (height, width) if int(page.obj.get("/Rotate", 0)) % 180 else (width, height)

        options = bundle.entries[2]
        start = bundle.front_pages + options.first_page
        assert any(w > h for w, h in (shown(pdf.pages[i]) for i in range(start, start + options.pages)))
        report_landscape = bundle.front_pages + bundle.entries[3].first_page + 4
        tree_page = pdf.pages[bundle.front_pages + bundle.entries[4].first_page]
        assert shown(pdf.pages[report_landscape])[0] > shown(pdf.pages[report_landscape])[1]
        assert int(tree_page.obj.Rotate) == 90 and shown(tree_page)[0] > shown(tree_page)[1]


def test_the_rotated_page_is_stamped_along_its_visible_foot(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    page = PdfReader(io.BytesIO(bundle.pdf)).pages[-1]
    found: list[tuple[str, list[float]]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: found.append((text, [*cm, *tm])) if text.strip() == "E6" else None)
    assert found, "the stamp's text was not found"
    # Drawn with a transform that turns it with the page: upright once shown.
    a, b, c, d = found[0][1][:4]
    assert (round(a), round(b), round(c), round(d)) == (0, 1, -1, 0)


def test_the_bundle_opens_at_100_percent_with_page_labels(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        assert float(pdf.Root.OpenAction[4]) == 1.0
        assert pdf.Root.PageMode == "/UseOutlines"
    reader = PdfReader(io.BytesIO(bundle.pdf))
    labels = reader.page_labels
    assert labels[: bundle.front_pages] == ["i", "ii"][: bundle.front_pages]
    assert labels[bundle.front_pages] == "A1" and labels[-1] == "E6"


def test_the_same_manifest_gives_the_same_bytes(built: tuple[Any, Path]) -> None:
    bundle, path = built
    assert build_bundle(load_manifest(path)).pdf == bundle.pdf


def test_the_bundle_stays_small(built: tuple[Any, Path]) -> None:
    """Within 10% of its parts: stamps add a few bytes a page and share one font."""
    bundle, path = built
    loaded = load_manifest(path)
    from permdocs.bundle.sources import gather_documents

    parts = sum(len(d.pdf) for section in gather_documents(loaded) for d in section)
    front = 40_000  # the front sheet and index, with their font subset
    assert len(bundle.pdf) <= 1.1 * (parts + front), (len(bundle.pdf), parts)
    with pikepdf.open(io.BytesIO(bundle.pdf)) as pdf:
        stamp_fonts = {
            obj.objgen for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
            and obj.get("/BaseFont") == "/Helvetica-Bold"
        }
        assert len(stamp_fonts) == 1


def test_no_withheld_value_of_the_court_copy_reaches_the_bundle(built: tuple[Any, Path]) -> None:
    bundle, _ = built
    document = permdocs.DOCUMENTS["care-plan-permanence"]
    withholds = {str(k): str(v) for k, v in document.audiences["court"].withholds.items()}
    values = withheld_values(sample_dict("baby-in-proceedings"), withholds)
    assert values, "the court copy withholds something in this sample"
    assert leaks(output_text("bundle.pdf", bundle.pdf), values) == []


def test_qpdf_finds_no_errors(built: tuple[Any, Path], tmp_path: Path) -> None:
    qpdf = require_program("qpdf")
    path = tmp_path / "bundle.pdf"
    path.write_bytes(built[0].pdf)
    done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_continuous_numbering(built: tuple[Any, Path]) -> None:
    _, path = built
    bundle = build_bundle(load_manifest(path), numbering="continuous")
    assert [e.page_range for e in bundle.entries] == ["1", "2-8", "9-15", "16-20", "21"]
    assert _page_texts(bundle.pdf)[-1].split()[-1] == "21"


# --- the command line ---------------------------------------------------------------------


def test_the_command_writes_the_bundle_and_never_replaces_it_unasked(tmp_path: Path) -> None:
    # The care plan (7 pages) keeps to its usual limit of 10; a tighter one shows the warning.
    path = _folder(tmp_path / "in", _manifest(page_limits={"care-plan": 5}))
    out = tmp_path / "out" / "bundle.pdf"
    first = CliRunner().invoke(main, ["bundle", str(path), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "pages in 3 sections" in first.output
    assert "warning: $.sections[1].documents[0]: 7 pages, over the 5 a care-plan" in first.output
    written = out.read_bytes()
    again = CliRunner().invoke(main, ["bundle", str(path), "--out", str(out)])
    assert again.exit_code == 2 and "already exist" in again.output
    assert out.read_bytes() == written
