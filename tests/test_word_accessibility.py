"""Every Word file permdocs makes passes the accessibility check of
tests/word_accessibility.py, which follows Word's own Accessibility Checker
(its module docstring lists the rules covered, and those left out and why);
and a fault of each kind, planted in a real rendered file, is found.

Every sample, every document it applies to, every copy and every part (the
CPR's confidential part) is rendered once, as a draft: a draft holds all that
a final copy holds, with its banner and its list of findings, and renders even
where a sample's checks still find errors.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest

import permdocs
from word_accessibility import findings

from conftest import BABY, SAMPLES

Files = dict[str, bytes]


@pytest.fixture(scope="module")
def every_word_file() -> Files:
    """File name (with its sample) -> the DOCX, for every sample, document, copy and part."""
    files: Files = {}
    for path in SAMPLES:
        case = permdocs.load_case(path)
        for document in permdocs.DOCUMENTS.values():
            if document.missing_from(case):
                continue
            for audience in document.audiences:
                for part in (None, *document.parts):
                    request = permdocs.RenderRequest(document.name, ("docx",), audience, draft=True, part=part)
                    skipped: list[str] = []
                    for name, data in permdocs.render_outputs(case, request, skipped=skipped).items():
                        files[f"{path.stem}/{name}"] = data
    return files


def test_every_word_file_passes(every_word_file: Files) -> None:
    problems = [f"{name}: {finding}" for name, data in every_word_file.items() for finding in findings(data)]
    assert problems == [], "\n".join(problems)


def test_every_copy_was_checked(every_word_file: Files) -> None:
    # Each document's every copy, in at least one sample, and the CPR's confidential part.
    names = set(every_word_file)
    for document in permdocs.DOCUMENTS.values():
        assert any(f"/{document.name}_" in name for name in names), document.name
    assert any("confidential" in name for name in names)
    assert len(names) > 200


# Planted faults: one of each kind, in a real file, found with a clear message.


def _care_plan() -> bytes:
    return permdocs.render(permdocs.load_case(BABY), "care-plan-permanence", "docx", draft=True)


def _child_copy() -> bytes:
    """The child's family-time copy: it has pictures."""
    case = permdocs.load_case(BABY)
    request = permdocs.RenderRequest("family-time", ("docx",), "child", draft=True)
    return next(iter(permdocs.render_outputs(case, request).values()))


def _planted(data: bytes, part: str, change: Callable[[str], str]) -> bytes:
    """The same Word file with one part's XML changed, which must change it."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == part:
                changed = change(content.decode()).encode()
                assert changed != content, f"the fault was not planted in {part}"
                content = changed
            target.writestr(item, content)
    return out.getvalue()


def _only(found: list[str], *words: str) -> str:
    [finding] = [f for f in found if all(w in f for w in words)]
    return finding


def test_the_real_files_planted_with_faults_pass_to_begin_with() -> None:
    assert findings(_care_plan()) == []


def test_a_picture_without_alt_text_is_found() -> None:
    data = _planted(_care_plan(), "word/document.xml", lambda xml: re.sub(r' descr="[^"]*"', "", xml, count=1))
    finding = _only(findings(data), "no alternative text")
    assert finding.startswith("word/document.xml: picture 1 (")


def test_a_picture_marked_decorative_needs_no_alt_text() -> None:
    decorative = (
        '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
        '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
        "</a:ext></a:extLst>"
    )

    def plant(xml: str) -> str:
        xml = re.sub(r' descr="[^"]*"', "", xml, count=1)
        return re.sub(r"(<wp:docPr [^>]*?)/>", rf"\1>{decorative}</wp:docPr>", xml, count=1)

    assert findings(_planted(_care_plan(), "word/document.xml", plant)) == []


def test_a_file_name_for_alt_text_is_found() -> None:
    data = _planted(_care_plan(), "word/document.xml", lambda xml: re.sub(r' descr="[^"]*"', ' descr="image1.png"', xml, count=1))
    assert "only a file name" in _only(findings(data), "picture 1")


def test_a_table_without_a_header_row_is_found() -> None:
    data = _planted(_care_plan(), "word/document.xml", lambda xml: xml.replace("<w:tblHeader/>", "", 1))
    assert _only(findings(data), "header row") == "word/document.xml: table 1 has no header row marked to repeat (w:tblHeader on its first row)"


def test_a_table_whose_style_options_have_no_header_row_is_found() -> None:
    data = _planted(_care_plan(), "word/document.xml", lambda xml: xml.replace('w:firstRow="1"', 'w:firstRow="0"', 1))
    assert "table 1 does not mark its first row as a header" in _only(findings(data), "tblLook")


def test_a_merged_cell_is_found() -> None:
    data = _planted(_care_plan(), "word/document.xml", lambda xml: re.sub(r'(<w:tcPr><w:tcW [^>]*/>)', r'\1<w:gridSpan w:val="2"/>', xml, count=1))
    assert "table 1 has a merged cell (w:gridSpan)" in _only(findings(data), "merged")


def test_a_blank_row_is_found() -> None:
    def plant(xml: str) -> str:
        blank = '<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>'
        return xml.replace("</w:tr></w:tbl>", "</w:tr>" + blank + "</w:tbl>", 1)

    assert "is blank, as spacing" in _only(findings(_planted(_care_plan(), "word/document.xml", plant)), "blank")


def test_a_skipped_heading_level_is_found() -> None:
    # The first Heading 2 becomes a Heading 3, straight after a Heading 1.
    data = _planted(_care_plan(), "word/document.xml", lambda xml: xml.replace('w:val="Heading2"', 'w:val="Heading3"', 1))
    finding = _only(findings(data), "skipping a level")
    assert re.fullmatch(r"word/document.xml: heading '.+' is at level 3 after a level-1 heading, skipping a level", finding)


def test_bold_text_for_a_heading_is_found() -> None:
    # The first Heading 1 becomes a plain paragraph in bold.
    def plant(xml: str) -> str:
        return re.sub(r'<w:pStyle w:val="Heading1"/>(.*?)<w:r>', r"\1<w:r><w:rPr><w:b/></w:rPr>", xml, count=1)

    assert "looks like a heading" in _only(findings(_planted(_care_plan(), "word/document.xml", plant)), "looks like")


def test_a_missing_title_is_found() -> None:
    data = _planted(_care_plan(), "docProps/core.xml", lambda xml: re.sub(r"<dc:title>[^<]*</dc:title>", "<dc:title/>", xml))
    assert _only(findings(data), "title").startswith("docProps/core.xml: the document has no title (dc:title)")


def test_a_missing_language_is_found() -> None:
    data = _planted(_care_plan(), "word/styles.xml", lambda xml: re.sub(r'<w:lang w:val="[^"]*"', "<w:lang", xml, count=1))
    assert _only(findings(data), "language").startswith("word/styles.xml: the text has no default language")
    data = _planted(_care_plan(), "docProps/core.xml", lambda xml: re.sub(r"<dc:language>[^<]*</dc:language>", "", xml))
    assert _only(findings(data), "language") == "docProps/core.xml: the document's language is not set (dc:language)"


def test_text_in_a_text_box_is_found() -> None:
    box = (
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:100pt;height:40pt">'
        "<v:textbox><w:txbxContent><w:p><w:r><w:t>Only in a box</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r></w:p>"
    )
    data = _planted(_care_plan(), "word/document.xml", lambda xml: xml.replace("<w:body>", "<w:body>" + box, 1))
    found = findings(data)
    assert "word/document.xml: text in a text box ('Only in a box'); a screen reader may skip it or read it out of order" in found
    assert "word/document.xml: text in a VML text box ('Only in a box'); a screen reader may skip it or read it out of order" in found


def test_a_floating_picture_is_found() -> None:
    def plant(xml: str) -> str:
        return xml.replace("<wp:inline", '<wp:anchor behindDoc="0"', 1).replace("</wp:inline>", "</wp:anchor>", 1)

    assert "floats (wp:anchor)" in _only(findings(_planted(_care_plan(), "word/document.xml", plant)), "floats")


def test_an_unclear_link_is_found() -> None:
    link = '<w:p><w:hyperlink w:anchor="x"><w:r><w:t>https://example.invalid/plan</w:t></w:r></w:hyperlink></w:p>'
    data = _planted(_care_plan(), "word/document.xml", lambda xml: xml.replace("<w:body>", "<w:body>" + link, 1))
    assert "do not say where it leads" in _only(findings(data), "hyperlink")


def test_empty_paragraphs_for_space_are_found() -> None:
    data = _planted(_care_plan(), "word/document.xml", lambda xml: xml.replace("<w:body>", "<w:body><w:p/><w:p/>", 1))
    assert "second empty paragraph in a row" in _only(findings(data), "empty paragraph")


def test_the_childs_pictures_stand_in_line_with_alt_text() -> None:
    # The child's copy has the most pictures: each is described, and stands
    # in line (in a layout table with no style, beside its words), none floats.
    body = zipfile.ZipFile(io.BytesIO(_child_copy())).read("word/document.xml").decode()
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', body)
    assert len(descriptions) >= 4 and all(d.startswith("A picture of") for d in descriptions)
    assert "<wp:anchor" not in body and body.count("<wp:inline") == len(descriptions)
    assert findings(_child_copy()) == []
