"""Shared fixtures: the sample cases, rendered documents, snapshot views, and
a guard that fails any test during which WeasyPrint logs a warning."""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PageObject
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

import permdocs

from readable import docx_static_parts_as_text, docx_structure, html_structure, pdf_as_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.json"))
BABY = ROOT / "samples" / "baby-in-proceedings.json"
DOCUMENT = "care-plan-permanence"
ALL_DOCUMENTS = list(permdocs.DOCUMENTS)


def sample_ids(path: Path) -> str:
    return path.stem


@functools.cache
def applicable_pairs() -> list[tuple[Path, str]]:
    """Every sample with every document it has what it needs for (the
    later-life letter only where the case holds one). Kept once worked out:
    collecting the suite asks for it hundreds of times, and each time would
    load every sample."""
    cases = {path: permdocs.load_case(path) for path in SAMPLES}
    return [
        (path, name) for path in SAMPLES for name, document in permdocs.DOCUMENTS.items()
        if not document.missing_from(cases[path])
    ]


#: Modules whose tests lay out PDFs, run LibreOffice, qpdf, the OOXML
#: validator or a browser, build wheels or seed every field: the whole suite runs them
#: (make test), the quick loop does not (make test-fast, -m "not slow").
SLOW_MODULES = frozenset({
    "test_writer_pdf", "test_ooxml", "test_external_programs", "test_bundle_assembled", "test_reproducible",
    "test_packaging", "test_leak_by_field", "test_benchmarks", "test_help_examples", "test_types", "test_word_styles",
    "test_profile_assets", "test_html_accessibility",
})


#: Set by make test-fast: the quick loop tries fewer generated examples in
#: the property tests; make test tries them all.
QUICK_LOOP = os.environ.get("PERMDOCS_QUICK_LOOP") == "1"


def examples(wide: int) -> int:
    """How many examples a property test tries: ``wide`` in the whole
    suite, a quarter of it (at least 20) in the quick loop."""
    return max(20, wide // 4) if QUICK_LOOP else wide


#: The modules that take longest, longest first: make test hands whole
#: modules to its workers in the order they are collected (--dist loadscope),
#: so these start first and the short ones fill in at the end, rather than
#: one worker finishing a long module alone.
LONGEST_FIRST = (
    "test_leak", "test_leak_by_field", "test_html_accessibility", "test_ooxml", "test_new_document", "test_cpr", "test_court_copies",
    "test_writer_pdf", "test_external_programs", "test_bad_input", "test_batch_signals", "test_profiles",
    "test_architecture",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as slow what renders PDFs (by name) or lives in a slow module;
    put the longest modules first (a stable sort keeps each module's order)."""
    for item in items:
        module = item.module.__name__ if item.module is not None else ""
        if module in SLOW_MODULES or "pdf" in item.nodeid.lower():
            item.add_marker(pytest.mark.slow)

    def rank(item: pytest.Item) -> int:
        module = item.module.__name__ if item.module is not None else ""
        return LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


def first_sample_of_each_document() -> list[tuple[Path, str]]:
    """Each document with the first sample that has it: where one view per
    document pins what every sample shares (the HTML's structure, which
    test_format_parity holds word for word to the Word file's)."""
    return _one_sample_each(applicable_pairs())


def _one_sample_each(pairs: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """The first sample of ``pairs`` for each document, in the documents' order."""
    chosen: dict[str, Path] = {}
    for path, name in pairs:
        chosen.setdefault(name, path)
    return [(path, name) for name, path in chosen.items()]


#: The samples whose documents show the most (every section filled, every
#: kind of table), tried first where a test reads one sample per document.
SHOWCASE_FIRST = ("baby-in-proceedings", "adoption-family-time", "cpr-adoption")


def showcase_sample_of_each_document() -> list[tuple[Path, str]]:
    """Each document with the fullest sample that has it (``SHOWCASE_FIRST``)."""
    def rank(pair: tuple[Path, str]) -> int:
        stem = pair[0].stem
        return SHOWCASE_FIRST.index(stem) if stem in SHOWCASE_FIRST else len(SHOWCASE_FIRST)

    return sorted(_one_sample_each(sorted(applicable_pairs(), key=rank)), key=lambda pair: (pair[0].stem, pair[1]))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``sample_path`` and ``document_name`` together run over the applicable
    pairs; alone, over every sample or every document."""
    names = set(metafunc.fixturenames)
    if {"sample_path", "document_name"} <= names:
        # A PDF takes seconds to lay out: the layout tests read one sample per
        # document (every sample's text is pinned in HTML and Word, and every
        # withholding copy is read as PDF by the leak test).
        one_each = metafunc.definition.get_closest_marker("one_sample_per_document") is not None
        pairs = showcase_sample_of_each_document() if one_each else applicable_pairs()
        metafunc.parametrize(("sample_path", "document_name"), pairs, ids=[f"{p.stem}-{d}" for p, d in pairs])
    elif "sample_path" in names:
        metafunc.parametrize("sample_path", SAMPLES, ids=sample_ids)
    elif "document_name" in names:
        metafunc.parametrize("document_name", ALL_DOCUMENTS)


@pytest.fixture
def sample_case(sample_path: Path) -> permdocs.Case:
    return permdocs.load_case(sample_path)


def case_problems(source: Any) -> list[str]:
    """The problems permdocs finds in a case (which must have some), as printed."""
    with pytest.raises(permdocs.InvalidCaseError) as caught:
        permdocs.load_case(source)
    return [str(problem) for problem in caught.value.problems]


def visible_files(folder: Path) -> list[Path]:
    """The files a render wrote into a folder, without permdocs' hidden
    record of what it wrote (``.permdocs-written.json``), sorted by name."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def sample_dict(name: str = "baby-in-proceedings") -> dict[str, Any]:
    """A fresh, mutable copy of a sample, for tests that break it on purpose."""
    return json.loads((ROOT / "samples" / f"{name}.json").read_text(encoding="utf-8"))


_RENDERED: dict[tuple[str, str, str], bytes] = {}


def rendered(path: Path, fmt: str, document: str = DOCUMENT) -> bytes:
    """Render a sample once per session; several tests read each output.
    A document made per arrangement is rendered for the case's first
    (tests/test_family_time.py covers every arrangement and copy)."""
    key = (path.stem, fmt, document)
    if key not in _RENDERED:
        case = permdocs.load_case(path)
        _RENDERED[key] = permdocs.render(case, document, fmt, options=one_file_options(case, document))
    return _RENDERED[key]


def one_file_options(case: permdocs.Case, document: str) -> dict[str, str | bool]:
    """The options that make one file of a document: for a document made
    once per item of a list in the case (a family-time arrangement), the
    first item, as its document.toml declares the option."""
    options: dict[str, str | bool] = {}
    for name, option in permdocs.DOCUMENTS[document].options.items():
        if option.takes == "an-id":
            options[name] = option.ids_in(case)[0]
    return options


def require_program(name: str) -> str:
    """The program's path, or skip with a reason that says how to get it.

    In CI (PERMDOCS_NO_SKIPS=1, set by .ci/run) a missing program fails the
    test instead: there, a skip would mean the CI set-up is broken.
    """
    found = shutil.which(name)
    if found is None:
        reason = f"{name} is not installed (.ci/run installs it with apt-get)"
        if os.environ.get("PERMDOCS_NO_SKIPS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


#: Documents drawn with an external program, by the program: a test of one
#: of them needs it (skips without it, or fails in CI, as require_program does).
DRAWN_WITH = {"family-tree": "dot"}


@pytest.fixture(autouse=True)
def _drawing_program(request: pytest.FixtureRequest) -> None:
    for document, program in DRAWN_WITH.items():
        if document in request.node.name:
            require_program(program)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A test that failed only because Graphviz is missing here is skipped, as
    require_program would: the CPR, the letter and the family tree draw a
    genogram, so many tests need dot without naming it. In CI it still fails."""
    outcome = yield
    report = outcome.get_result()
    if (
        report.failed and call.when == "call" and shutil.which("dot") is None
        and os.environ.get("PERMDOCS_NO_SKIPS") != "1" and "Graphviz" in report.longreprtext
    ):
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, "Skipped: dot is not installed (.ci/run installs it with apt-get)")


class _TextSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT


class DocxSnapshot(_TextSnapshot):
    """Text and structure, a paragraph or table row per line (readable.docx_structure):
    a changed sentence is a one-line diff. Bytes are pinned by test_reproducible."""

    file_extension = "docx.txt"

    def serialize(self, data: Any, **kwargs: Any) -> str:
        return docx_structure(data)


class DocxStaticSnapshot(_TextSnapshot):
    file_extension = "docx-static.txt"

    def serialize(self, data: Any, **kwargs: Any) -> str:
        return docx_static_parts_as_text(data)


class PdfSnapshot(_TextSnapshot):
    file_extension = "pdf.txt"

    def serialize(self, data: Any, **kwargs: Any) -> str:
        return pdf_as_text(data)


class HtmlSnapshot(_TextSnapshot):
    """Text and structure, a block per line with its classes (readable.html_structure)."""

    file_extension = "html.txt"

    def serialize(self, data: Any, **kwargs: Any) -> str:
        return html_structure(data)


class JsonSnapshot(_TextSnapshot):
    file_extension = "json"

    def serialize(self, data: Any, **kwargs: Any) -> str:
        return str(data)


@pytest.fixture
def docx_snapshot(snapshot: Any) -> Any:
    return snapshot.use_extension(DocxSnapshot)


@pytest.fixture
def docx_static_snapshot(snapshot: Any) -> Any:
    return snapshot.use_extension(DocxStaticSnapshot)


@pytest.fixture
def pdf_snapshot(snapshot: Any) -> Any:
    return snapshot.use_extension(PdfSnapshot)


@pytest.fixture
def html_snapshot(snapshot: Any) -> Any:
    return snapshot.use_extension(HtmlSnapshot)


class _FailOnWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def weasyprint_must_not_warn() -> Any:
    """WeasyPrint logs (rather than raises) missing images, fonts and CSS it
    cannot use, so a PDF could silently lose content: any warning fails."""
    handler = _FailOnWarnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield
    logger.removeHandler(handler)
    messages = [record.getMessage() for record in handler.records]
    assert not messages, f"WeasyPrint warned: {messages}"


@pytest.fixture(scope="session", autouse=True)
def each_html_laid_out_once(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Lay out each distinct HTML as PDF once per test session, shared by
    the workers: many tests read the same sample's PDF (snapshots, the leak
    test, court copies, bundles), and layout is most of the suite's time.

    Sound because the same HTML gives the same PDF bytes: that is a product
    promise, tested without this cache in fresh processes
    (test_reproducible.py). Tests that call ``html_to_pdf`` by import, and
    every subprocess, lay out afresh."""
    import hashlib

    from permdocs.writers import pdf

    folder = tmp_path_factory.getbasetemp().parent / "pdf-layouts"
    folder.mkdir(exist_ok=True)
    lay_out = pdf.html_to_pdf
    # The folder outlives the session: the key holds the code that makes a
    # PDF from HTML, so that a change to it is not hidden by older layouts.
    import weasyprint

    from permdocs.writers import pdf_checks

    code = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (pdf, pdf_checks))).hexdigest()
    code += weasyprint.__version__

    def laid_out_once(markup: str, font_files: frozenset[Path] = frozenset(), **options: Any) -> bytes:
        key = hashlib.sha256(
            "\0".join([code, repr(sorted(options.items())), markup, *sorted(map(str, font_files))]).encode()
        ).hexdigest()
        stored = folder / f"{key}.pdf"
        if stored.is_file():
            return stored.read_bytes()
        data = lay_out(markup, font_files, **options)
        partial = folder / f"{key}.{os.getpid()}.partial"
        partial.write_bytes(data)
        partial.replace(stored)
        return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "html_to_pdf", laid_out_once)
        patch.setattr(PageObject, "extract_text", _page_text_read_once(folder, PageObject.extract_text))
        yield


def _page_text_read_once(folder: Path, extract_text: Any) -> Any:
    """pypdf's text of a page, read once per session for the same PDF bytes:
    many tests read the same sample's PDF, and reading a page's text costs
    more than laying it out from the cache above. Only the default reading
    is remembered; a call with options reads afresh."""
    import hashlib

    def read_once(page: Any, *args: Any, **kwargs: Any) -> str:
        stream = getattr(page.pdf, "stream", None)
        if args or kwargs or not hasattr(stream, "getvalue"):
            return extract_text(page, *args, **kwargs)
        number = next((i for i, other in enumerate(page.pdf.pages) if other.indirect_reference == page.indirect_reference), None)
        if number is None or page.indirect_reference is None:
            return extract_text(page)
        key = hashlib.sha256(stream.getvalue()).hexdigest()
        stored = folder / f"{key}.page-{number}.txt"
        if stored.is_file():
            return stored.read_text(encoding="utf-8")
        text = extract_text(page)
        partial = folder / f"{key}.page-{number}.{os.getpid()}.partial"
        partial.write_text(text, encoding="utf-8")
        partial.replace(stored)
        return text

    return read_once
