"""Narrative Markdown: the supported subset, in HTML and WordprocessingML, and
that nothing else gets through."""

from __future__ import annotations

from itertools import count

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from permdocs.base import narrative
from permdocs.writers.docx_styles import REQUIRED_STYLES

from conftest import examples

WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def wordml(text: str) -> str:
    numbers = count(100)
    styles = {name: usual for name, usual in REQUIRED_STYLES.items()}
    return str(narrative.to_wordml(text, lambda style: next(numbers), styles))


def parse_wordml(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:body {WORD_NS}>{xml}</w:body>".encode(), etree.XMLParser(recover=False))


def test_html_for_each_supported_construct() -> None:
    source = "Plain **bold** *italic*\nnext line\n\n- one\n- two\n\n1. first\n2. second"
    assert str(narrative.to_html(source)) == (
        "<p>Plain <strong>bold</strong> <em>italic</em><br>\nnext line</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n"
    )


def test_everything_else_stays_literal_text() -> None:
    source = "# Not a heading\n> not a quote\n`code` [link](http://example.invalid) <b>raw</b> ![x](file:///etc/passwd)"
    html = str(narrative.to_html(source))
    assert "<h1" not in html and "<blockquote" not in html and "<code" not in html
    assert "<a " not in html and "<img" not in html and "<b>" not in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html
    assert "![x](file:///etc/passwd)" in html


def test_wordml_paragraphs_bold_italic_and_breaks() -> None:
    body = parse_wordml(wordml("A **b** *i*\nline"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    runs = body.findall(f"{w}p/{w}r")
    assert [r.find(f"{w}rPr/{w}b") is not None for r in runs] == [False, True, False, False, False, False]
    assert [r.find(f"{w}rPr/{w}i") is not None for r in runs] == [False, False, False, True, False, False]
    assert body.find(f"{w}p/{w}r/{w}br") is not None
    assert "*" not in "".join(body.itertext())


def test_wordml_lists_use_word_list_styles_and_numbered_lists_restart() -> None:
    xml = wordml("1. a\n2. b\n\ntext\n\n1. c\n\n- d\n  - e")
    assert xml.count('w:pStyle w:val="ListNumber"') == 3
    assert '<w:numId w:val="100"/>' in xml and '<w:numId w:val="101"/>' in xml
    assert xml.count('w:pStyle w:val="ListBullet"') == 1
    assert xml.count('w:pStyle w:val="ListBullet2"') == 1


def test_tight_lists_do_not_add_blank_paragraphs() -> None:
    body = parse_wordml(wordml("- one\n- two"))
    assert len(body) == 2


def test_wordml_escapes_xml_and_keeps_tabs_as_elements() -> None:
    body = parse_wordml(wordml("Smith & Jones <Council> \"quoted\" 'single'\tafter tab"))
    assert "".join(body.itertext()) == "Smith & Jones <Council> \"quoted\" 'single'after tab"
    assert '<w:tab/>' in wordml("a\tb")


HOSTILE_ALPHABET = st.sampled_from(list("<>&\"'*_-+1. \n\t![]()/:#`{}%ab")) | st.characters(codec="utf-8")


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=HOSTILE_ALPHABET, max_size=200))
def test_no_raw_html_or_images_survive_any_input(text: str) -> None:
    tokens = narrative.parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not {k for k in kinds if k.startswith("html") or k == "image" or k.startswith("link")}
    html = str(narrative.to_html(text))
    tags = set(etree.fromstring(f"<div>{html.replace('<br>', '<br/>')}</div>", etree.HTMLParser()).iter())
    names = {element.tag for element in tags}
    assert names <= {"html", "body", "div", "p", "br", "ul", "ol", "li", "strong", "em"}


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=HOSTILE_ALPHABET, max_size=200))
def test_wordml_is_always_well_formed(text: str) -> None:
    # Control characters never reach here (the model refuses them), so skip them.
    cleaned = "".join(ch for ch in text if ch in "\n\t" or (ord(ch) >= 0x20 and not 0x7F <= ord(ch) <= 0x9F))
    cleaned = "".join(ch for ch in cleaned if not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")
    parse_wordml(wordml(cleaned))
