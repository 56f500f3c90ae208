"""The HTML and the Word template of a document are two drawings of the same
content: every document, in every sample, says the same words in the same
order in both, so the two cannot drift apart."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

import permdocs

from readable import docx_body_words, html_body_words


def test_html_and_word_say_the_same(sample_path: Path, document_name: str) -> None:
    sample, document = sample_path, permdocs.DOCUMENTS[document_name]
    case = permdocs.load_case(sample)
    for audience in document.audiences:
        # Drafts, so that the shared draft appendix is compared too.
        html = html_body_words(permdocs.render(case, document.name, "html", audience=audience, draft=True))
        word = docx_body_words(permdocs.render(case, document.name, "docx", audience=audience, draft=True))
        if html != word:
            diff = "\n".join(difflib.unified_diff(html, word, "html", "docx", n=4, lineterm=""))
            pytest.fail(f"{document.name} ({audience}): the formats differ\n{diff[:3000]}")
