"""HTML writer: standalone, semantic, accessible, pinned by snapshots."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import permdocs

from conftest import first_sample_of_each_document, rendered


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))


def outline(html: bytes) -> _Outline:
    parser = _Outline()
    parser.feed(html.decode("utf-8"))
    return parser


@pytest.mark.parametrize(
    "sample_and_document", first_sample_of_each_document(), ids=[f"{p.stem}-{d}" for p, d in first_sample_of_each_document()]
)
def test_html_snapshot(sample_and_document: tuple[Path, str], html_snapshot: Any) -> None:
    # One sample per document: the Word snapshots pin every sample's text, and
    # test_format_parity holds the HTML to the same words.
    sample_path, document_name = sample_and_document
    assert rendered(sample_path, "html", document_name) == html_snapshot


def test_html_is_standalone_and_in_british_english(sample_path: Path, document_name: str) -> None:
    parsed = outline(rendered(sample_path, "html", document_name))
    assert ("html", {"lang": "en-GB"}) in parsed.tags
    assert not [tag for tag, attrs in parsed.tags if tag in ("link", "script", "iframe", "object", "embed")]
    images = [attrs for tag, attrs in parsed.tags if tag == "img"]
    assert all((attrs.get("src") or "").startswith("data:image/png;base64,") and attrs.get("alt") for attrs in images)


def test_headings_start_at_one_and_never_skip_a_level(sample_path: Path, document_name: str) -> None:
    levels = outline(rendered(sample_path, "html", document_name)).headings
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:]))


def test_table_headers_have_scope(sample_path: Path, document_name: str) -> None:
    tags = outline(rendered(sample_path, "html", document_name)).tags
    headers = [attrs for tag, attrs in tags if tag == "th"]
    assert headers or not permdocs.DOCUMENTS[document_name].layout.tables  # a letter has no tables
    assert all(attrs.get("scope") in ("col", "row") for attrs in headers)
    assert sum(1 for tag, _ in tags if tag == "table") == sum(1 for tag, _ in tags if tag == "caption")


def test_title_names_the_document_not_the_child(sample_case: permdocs.Case, sample_path: Path, document_name: str) -> None:
    html = rendered(sample_path, "html", document_name).decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert sample_case.child.case_reference in title
    assert sample_case.child.given_names.split()[0] not in title
    assert sample_case.child.family_name not in title


def test_foster_carers_and_adopters_are_not_named_in_the_family_copy(sample_case: permdocs.Case) -> None:
    documents = [d for d in permdocs.DOCUMENTS.values() if "family" in d.audiences and not d.missing_from(sample_case)]
    assert documents
    for document in documents:
        html = permdocs.render(sample_case, document.name, "html", audience="family").decode()
        for person in sample_case.people:
            if person.role in ("foster_carer", "prospective_adopter"):
                assert person.family_name not in html, document.name