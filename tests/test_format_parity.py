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
        # Drafts, so that the shared draft appendix is compared too; every
        # output, so that each family-time arrangement is compared.
        request = permdocs.RenderRequest(document.name, ("html", "docx"), audience, draft=True)
        files = permdocs.render_outputs(case, request)
        for name in (n for n in files if n.endswith(".html")):
            html = html_body_words(files[name])
            word = docx_body_words(files[name.removesuffix(".html") + ".docx"])
            if html != word:
                diff = "\n".join(difflib.unified_diff(html, word, "html", "docx", n=4, lineterm=""))
                pytest.fail(f"{name}: the formats differ\n{diff[:3000]}")
