"""The HTML and the Word template of a document are two drawings of the same
content: every document, in every sample, says the same words in the same
order in both, so the two cannot drift apart."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

import permdocs

from conftest import SAMPLES
from readable import docx_body_words, html_body_words


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("document", list(permdocs.DOCUMENTS.values()), ids=lambda d: d.name)
def test_html_and_word_say_the_same(sample: Path, document: Any) -> None:
    case = permdocs.load_case(sample)
    for audience in document.audiences:
        # Drafts, so that the shared draft appendix is compared too.
        html = html_body_words(permdocs.render(case, document.name, "html", audience=audience, draft=True))
        word = docx_body_words(permdocs.render(case, document.name, "docx", audience=audience, draft=True))
        if html != word:
            diff = "\n".join(difflib.unified_diff(html, word, "html", "docx", n=4, lineterm=""))
            pytest.fail(f"{document.name} ({audience}): the formats differ\n{diff[:3000]}")
