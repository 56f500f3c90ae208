"""The later-life letter: its sections and the facts permdocs adds, its
layout as a letter, shared sections read only from the case's folder, and the
language review (in 'check', 'review-letter' and the review copy)."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import permdocs
from permdocs.cli import main
from permdocs.practice import letter_review

from conftest import BABY, ROOT
from readable import docx_parts, docx_text, docx_xml, html_body_words

GOOD = ROOT / "samples" / "adopted-child-letter.json"
DRAFT = ROOT / "samples" / "letter-first-draft.json"
DOC = "later-life-letter"


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def _rules(findings: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    return counts


def test_the_well_written_letter_gets_no_findings() -> None:
    case = permdocs.load_case(GOOD)
    assert letter_review.review(case) == []
    assert permdocs.check(case) == []


def test_the_first_draft_gets_every_kind_of_finding() -> None:
    findings = letter_review.review(permdocs.load_case(DRAFT))
    assert _rules(findings) == {"LL-001": 6, "LL-002": 5, "LL-003": 23, "LL-004": 5, "LL-005": 4}
    jargon = " ".join(f.message for f in findings if f.rule == "LL-003")
    for term in ("s20", "ICO", "LA", "PLO", "ICPC", "ADM", "contact", "placement", "respite", "threshold",
                 "significant harm", "neglect", "parenting assessment", "placement order", "adoption panel"):
        assert f"“{term}”" in jargon, term
    # The shorter term inside a longer one is not reported twice.
    assert "“assessment”: try" not in next(f.message for f in findings if "parenting assessment" in f.message)
    missing = [f.message for f in findings if f.rule == "LL-005"]
    assert any("“Who decided, and how”" in m for m in missing) and any("“Finding out more”" in m for m in missing)


def test_findings_point_at_the_section_and_quote_the_sentence() -> None:
    findings = letter_review.review(permdocs.load_case(DRAFT))
    long = next(f for f in findings if f.rule == "LL-002" and f.path.endswith("sections[2].text"))
    assert long.message.startswith("“Why you could not stay”, sentence 1 has 46 words (aim for 25 or fewer): “The child was")
    third = next(f for f in findings if f.rule == "LL-004" and f.path.endswith("sections[1].text"))
    assert "writes about the child instead of to them" in third.message


def test_reading_age_is_flesch_kincaid_plus_five() -> None:
    assert letter_review.reading_age("You are loved. You are safe. We are proud of you.") <= 7
    assert letter_review.reading_age("") is None
    hard = "The local authority subsequently initiated proceedings notwithstanding considerable organisational uncertainty."
    assert letter_review.reading_age(hard) >= 18


def test_a_council_extends_the_word_list_in_its_profile(tmp_path: Path) -> None:
    folder = tmp_path / "council"
    shutil.copytree(ROOT / "templates" / "profiles" / "default", folder)
    toml = (folder / "profile.toml").read_text()
    (folder / "profile.toml").write_text(toml.replace("[council]", '[plain_words]\n"family finding" = "looking for your family"\n\n[council]'))
    case = permdocs.load_case(DRAFT)
    findings = permdocs.check(case, profile=folder)
    assert any("“family finding”: try “looking for your family”" in f.message for f in findings)
    assert len(letter_review.shipped_plain_words().acronyms) + len(letter_review.shipped_plain_words().words) >= 40


def test_the_letter_is_a_letter_in_every_format() -> None:
    case = permdocs.load_case(GOOD)
    html = permdocs.render(case, DOC, "html").decode()
    words = " ".join(html_body_words(html.encode()))
    assert "<table" not in html.split("<main>")[1]
    assert "Dear Mia" in words and "With warm wishes" in words and "Dana Casewright" in words
    docx = permdocs.render(case, DOC, "docx")
    body = docx_xml(docx, "word/document.xml")
    assert not list(body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"))
    footers = [n for n in docx_parts(docx) if n.startswith("word/footer")]
    assert footers and all("Page" in docx_text(docx, n) for n in footers)
    normal = docx_xml(docx, "word/styles.xml").xpath(
        "//w:style[@w:styleId='Normal']/w:rPr/w:sz/@w:val", namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    )
    assert int(normal[0]) >= 24  # 12 pt or more


MARKING = "OFFICIAL-SENSITIVE"


def _every_text(fmt: str, data: bytes) -> str:
    """Everything a file holds that a reader or a program may show: every part
    of a Word file, the HTML, a PDF's text on every page and its metadata."""
    if fmt == "docx":
        return "\n".join(part.decode("utf-8", "replace") for part in docx_parts(data).values())
    if fmt == "pdf":
        import io

        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = " ".join(page.extract_text() or "" for page in reader.pages)
        return " ".join([pages, str(dict(reader.metadata or {})), data.decode("latin-1")])
    return data.decode()


def _copies(case: Any, **kwargs: Any) -> dict[str, str]:
    request = permdocs.RenderRequest(DOC, ("docx", "html", "pdf"), **kwargs)
    return {name: _every_text(name.rsplit(".", 1)[1], data) for name, data in permdocs.render_outputs(case, request).items()}


def test_the_letter_the_child_reads_carries_no_protective_marking() -> None:
    # Issue 24: a government security marking has no place on a letter a child keeps for life.
    copies = _copies(permdocs.load_case(GOOD))
    assert len(copies) == 3
    assert {name: MARKING in text for name, text in copies.items()} == dict.fromkeys(copies, False)
    assert all("OFFICIAL" not in text for text in copies.values())


def test_the_covering_letter_and_the_review_copy_carry_the_marking() -> None:
    case = permdocs.load_case(GOOD)
    covering = _copies(case, audience="adopters")
    assert sorted(covering) == [f"later-life-letter_FX-2019-0931_adopters.{f}" for f in ("docx", "html", "pdf")]
    assert all(MARKING in text for text in covering.values())
    docx = permdocs.render(case, DOC, "docx", audience="adopters")
    assert all(MARKING in docx_text(docx, n) for n in docx_parts(docx) if n.startswith("word/footer"))
    words = " ".join(html_body_words(permdocs.render(case, DOC, "html", audience="adopters")))
    # Addressed to the adoptive parents: what the letter is, when to share it, keeping it safe, and the marking.
    for said in ("Dear Sol and Rowan", "About Mia's later-life letter", "Share it when you feel Mia is ready",
                 "keep the letter somewhere safe", f"This covering letter is marked {MARKING}",
                 "The letter for Mia carries no marking", "Yours sincerely"):
        assert said in words, said
    assert "Your birth family" not in words  # the letter itself is the child's copy
    review = _copies(case, options={"review": True}, draft=True)
    assert review and all(MARKING in text for text in review.values())


def test_a_council_may_mark_neither_letter(tmp_path: Path) -> None:
    folder = tmp_path / "council"
    shutil.copytree(ROOT / "templates" / "profiles" / "default", folder)
    toml = (folder / "profile.toml").read_text()
    (folder / "profile.toml").write_text(
        toml.replace('protective_marking = "OFFICIAL-SENSITIVE"',
                     'protective_marking = "OFFICIAL-SENSITIVE"\nmarking_on_letters_to_a_child = "none"')
    )
    case = permdocs.load_case(GOOD)
    covering = _copies(case, audience="adopters", profile=folder)
    assert covering and not any(MARKING in text for text in covering.values())
    assert "This covering letter is marked" not in " ".join(covering.values())
    # The review copy stays in the agency, and keeps its marking.
    review = _copies(case, options={"review": True}, draft=True, profile=folder)
    assert all(MARKING in text for text in review.values())


def test_permdocs_fills_in_the_facts_the_worker_has_not_told() -> None:
    paragraphs = _letter_paragraphs(permdocs.load_case(GOOD))
    facts = (
        # The worker tells the birth ("You were born early..."), not its date.
        "Your story starts on 14 March 2019.",
        # The worker says who Jade is in "When you were born"; not who Dean and Kai are.
        "Dean is your birth father, and Kai is your older half-brother.",
        "You lived with Maggie, your foster carer, from 2 September 2019 to 15 June 2020.",
        "made the adoption order, and your family became yours for good.",
    )
    assert [fact for fact in facts if not any(fact in p for p in paragraphs)] == []
    # Told already: who Jade is, the judge's decision that Mia be adopted, and the move's date (just above).
    for told in ("Your birth mother is Jade", "Jade is your birth mother", "decided that a new family could be found",
                 "You moved in with Sol and Rowan on"):
        assert not any(told in p for p in paragraphs), told


# The fact-finder of issue 24: what a sentence of the letter states as a fact, in any common written form.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_FORMS = (
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(\d{{4}})\b", re.I), "dmy-word"),
    (re.compile(rf"\b{_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy-word"),
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
)
_KIN_FORMS = (
    re.compile(r"\b[Yy]our ((?:[\w-]+ ){0,2}[\w-]+) is ([A-Z][a-z]+)\b"),  # Your birth mother is Jade.
    re.compile(r"\b([A-Z][a-z]+) is your ((?:[\w-]+ ){0,2}[\w-]+?)[,.]"),  # Jade is your birth mother.
    re.compile(r"\b[Yy]our ((?:[\w-]+ ){0,2}[\w-]+), ([A-Z][a-z]+)\b"),  # your birth mother, Jade
    re.compile(r"\b([A-Z][a-z]+), your ((?:[\w-]+ ){0,2}[\w-]+?)[,.]"),  # Maggie, your foster carer,
)
_SAME_KIN = {"mum": "mother", "mummy": "mother", "dad": "father", "daddy": "father"}


def _month(word: str) -> int:
    return next(i + 1 for i, name in enumerate(_MONTHS) if name.startswith(word.lower()[:3]))


def _facts_stated(text: str) -> list[str]:
    """Each fact a text states: a calendar date ('date 2019-03-14'), or who someone is ('kin jade mother')."""
    found = []
    for pattern, form in _DATE_FORMS:
        for m in pattern.finditer(text):
            a, b, c = m.groups()
            day, month, year = {
                "dmy-word": lambda: (a, _month(b), c), "mdy-word": lambda: (b, _month(a), c),
                "dmy": lambda: (a, b, c), "ymd": lambda: (c, b, a),
            }[form]()
            found.append(f"date {int(year):04d}-{int(month):02d}-{int(day):02d}")
    for index, pattern in enumerate(_KIN_FORMS):
        for m in pattern.finditer(text):
            kin, name = m.groups() if index in (0, 2) else reversed(m.groups())
            word = kin.lower().split()[-1].split("-")[-1]
            if name not in ("You", "Your"):
                found.append(f"kin {name.lower()} {_SAME_KIN.get(word, word)}")
    return found


def _letter_paragraphs(case: Any) -> list[str]:
    from lxml import html as lxml_html

    main = lxml_html.fromstring(permdocs.render(case, DOC, "html")).find(".//main")
    return [" ".join(p.text_content().split()) for p in main.iter("p")]


def _told_twice(case: Any) -> dict[str, int]:
    """The facts the letter states more often than the worker does, where the
    worker states them at all, or more than once where the worker does not:
    each fact permdocs composes must be one the worker left untold."""
    letter = " ".join(_letter_paragraphs(case))
    worker = " ".join(letter_review.plain_text(s.text or "") for s in case.later_life_letter.sections)
    in_letter, by_worker = Counter(_facts_stated(letter)), Counter(_facts_stated(worker))
    return {fact: n for fact, n in in_letter.items() if n - by_worker[fact] > (0 if by_worker[fact] else 1)}


def _repeating_case() -> Any:
    """The good sample, its worker telling every fact permdocs knows, each in another written form."""
    data = json.loads(GOOD.read_text())
    said = {
        "your_birth": "You were born on the 14th of March 2019, early on a Thursday morning.",
        "birth_family": "Jade is your mum. Your dad is Dean, but he was not able to be part of your life. "
                        "Your big brother is Kai.",
        "who_decided": "On 16/01/2020 the agency decision maker agreed that you should be adopted. On 20 February 2020 "
                       "a judge agreed too. On January 20, 2021 the judge made the adoption order.",
        "foster_care": "You went to live with Maggie, your foster carer, on 2nd September 2019.",
        "how_family_chosen": "You moved in with Sol and Rowan on 2020-06-15.",
    }
    for section in data["later_life_letter"]["sections"]:
        if section["kind"] in said:
            section["text"] = said[section["kind"]]
    return permdocs.load_case(data, folder=GOOD.parent)


def test_the_fact_finder_finds_facts_in_any_written_form() -> None:
    assert _facts_stated("On 14th March 2019, and on March 14, 2019, and 14/03/2019 and 2019-03-14.") == [
        "date 2019-03-14"] * 4
    assert sorted(_facts_stated("Your birth mother is Jade. Kai is your older half-brother. Your dad, Dean, sang.")) == [
        "kin dean father", "kin jade mother", "kin kai brother"]
    assert _facts_stated("Dean was not able to be part of your life.") == []


@pytest.mark.parametrize(
    ("sentence", "told"),
    [
        ("Your birth mother, Jade, loved you.", {"Jade"}),
        ("Your mum, Jade, and Dean met once.", {"Jade"}),
        ("Your dad is Dean, and Kai is your older half-brother.", {"Dean", "Kai"}),
        ("Dean did not live with you and Jade.", set()),
        ("Kai is three years older than you.", set()),
    ],
)
def test_who_someone_is_is_told_only_with_the_name_beside_the_relationship(sentence: str, told: set[str]) -> None:
    from permdocs.documents.later_life_letter.facts import Told

    people = permdocs.load_case(GOOD).people[:3]  # Jade, Dean, Kai
    assert {p.given_names for p in people if Told([sentence]).who(p)} == told


@pytest.mark.parametrize("case", ["good", "first-draft", "repeating"])
def test_no_fact_is_told_twice(case: str) -> None:
    # Issue 24: "You were born on 14 March 2019." above the worker's own birth story, "Your birth mother is
    # Jade." after "your birth mother, Jade", and one date told by two composed facts.
    loaded = {"good": lambda: permdocs.load_case(GOOD), "first-draft": lambda: permdocs.load_case(DRAFT),
              "repeating": _repeating_case}[case]()
    assert _told_twice(loaded) == {}


def test_a_letter_that_tells_every_fact_gets_none_composed() -> None:
    paragraphs = _letter_paragraphs(_repeating_case())
    worker = [" ".join(letter_review.plain_text(s.text or "").split()) for s in _repeating_case().later_life_letter.sections]
    composed = [p for p in paragraphs if p.endswith(".") and not any(p in w for w in worker) and p != "With warm wishes,"]
    # Only the right to see the file at 18 (Adoption and Children Act 2002 s.60), which the worker does not mention.
    assert composed == ["When you are 18, the law says you can ask the adoption agency for the information it keeps about you."]


@pytest.mark.parametrize(
    ("sentence", "taking_part"),
    [
        ("Jade, Dean and I all told the judge what we thought.", "Jade, Dean and I all told"),
        ("Dean came to see you at Maggie's house.", "Dean came"),
        ("The judge listened to Jade and Dean.", "listened to Jade and Dean"),
        ("Jade, Dean and I — we all went to court.", "Jade, Dean and I — we all went"),
        ("Dean was not able to be part of your life.", None),
        ("Dean did not live with you and Jade, and he was not able to be part of your life.", None),
        ("I never met Dean.", None),
        ("Dean's mum came to see you.", None),
        ("Jade told the judge that Dean had gone away.", None),
        ("Sadly, Dean was not there.", None),
    ],
)
def test_a_person_named_as_taking_part_is_found(sentence: str, taking_part: str | None) -> None:
    assert letter_review.taking_part(sentence, "Dean") == taking_part


def _ll006(data: dict[str, Any]) -> list[str]:
    findings = permdocs.check(permdocs.load_case(data, folder=GOOD.parent))
    return [f"{f.path}: {f.message}" for f in findings if f.rule == "LL-006"]


def test_the_letter_may_not_have_someone_take_part_whom_the_case_records_as_absent() -> None:
    # Issue 24: "Jade, Dean and I all told the judge", where Dean "was not able to be part of your life".
    data = json.loads(GOOD.read_text())
    assert data["people"][1]["involvement"] == "not_involved"
    assert _ll006(data) == []
    data["later_life_letter"]["sections"][4]["text"] = "Jade, Dean and I all told the judge what we thought."
    (finding,) = _ll006(data)
    assert finding.startswith("$.later_life_letter.sections[4].text: “Who decided, and how”, sentence 1 has Dean taking part")
    assert "($.people[1].involvement is 'not_involved')" in finding
    # Jade takes part, as the case records; so does Dean once the record says so.
    data["people"][1]["involvement"] = "involved"
    assert _ll006(data) == []
    # Someone who has died is found too, in any section.
    data["people"][1]["involvement"] = "deceased"
    data["later_life_letter"]["sections"][4]["text"] = "It was a hard time."
    data["later_life_letter"]["sections"][0]["text"] = "Dean visited you once, with me."
    (finding,) = _ll006(data)
    assert finding.startswith("$.later_life_letter.sections[0].text:") and "Dean had died" in finding


def test_a_sentence_in_a_shared_section_is_pointed_at_by_its_file(tmp_path: Path) -> None:
    data = json.loads(GOOD.read_text())
    (tmp_path / "shared.md").write_text("Dean came to the court with Jade.")
    data["later_life_letter"]["sections"][3] = {"kind": "why_not_stay", "shared_file": "shared.md"}
    (tmp_path / "case.json").write_text(json.dumps(data))
    findings = permdocs.check(permdocs.load_case(tmp_path / "case.json"))
    assert [f.path for f in findings if f.rule == "LL-006"] == ["$.later_life_letter.sections[3].shared_file"]


def test_the_review_copy_marks_the_sentence_too() -> None:
    data = json.loads(GOOD.read_text())
    data["later_life_letter"]["sections"][4]["text"] = "Jade, Dean and I all told the judge what we thought."
    case = permdocs.load_case(data, folder=GOOD.parent)
    request = permdocs.RenderRequest(DOC, ("html",), options={"review": True}, draft=True)
    (html,) = permdocs.render_outputs(case, request).values()
    assert '<mark class="review" title="The case records that Dean was not part of the child&#39;s life' in html.decode()


def test_the_letter_holds_no_birth_relatives_contact_details() -> None:
    data = json.loads(GOOD.read_text())
    addresses = [p["contact"]["address"] for p in data["people"] if p["role"] in ("mother", "father")]
    assert addresses
    for fmt in ("html", "docx"):
        text = permdocs.render(permdocs.load_case(GOOD), DOC, fmt)
        assert not any(a.encode() in text for a in addresses)


def test_a_shared_section_is_read_from_the_case_folder() -> None:
    case = permdocs.load_case(GOOD)
    section = next(s for s in case.later_life_letter.sections if s.kind == "why_not_stay")
    assert section.shared_file and section.text and section.text.startswith("Your birth mother, Jade, loved you.")


@pytest.mark.parametrize(
    ("shared_file", "expected"),
    [
        ("../outside.md", "must name a file inside the case file's own folder"),
        ("letters/missing.md", "names no file in the case file's folder"),
        ("link.md", "must name a file inside the case file's own folder"),
        ("loop.md", "cannot be followed: a loop of links, or a name too long"),
        ("x" * 300 + ".md", "cannot be followed: a loop of links, or a name too long"),
        ("pipe.md", "names no regular file in the case file's folder (a folder, a pipe or a device)"),
    ],
    ids=["escapes-the-folder", "missing", "link-out-of-the-folder", "link-loop", "name-too-long", "fifo"],
)
def test_a_shared_section_cannot_leave_the_case_folder(tmp_path: Path, shared_file: str, expected: str) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (tmp_path / "outside.md").write_text("A secret from another case.")
    (folder / "link.md").symlink_to(tmp_path / "outside.md")
    (folder / "loop.md").symlink_to(folder / "loop2.md")
    (folder / "loop2.md").symlink_to(folder / "loop.md")
    os.mkfifo(folder / "pipe.md")
    data = json.loads(GOOD.read_text())
    data["later_life_letter"]["sections"][3] = {"kind": "why_not_stay", "shared_file": shared_file}
    (folder / "case.json").write_text(json.dumps(data))
    result = run("validate", str(folder / "case.json"))
    assert result.exit_code == 2
    assert f"$.later_life_letter.sections[3].shared_file: {expected}" in result.output
    assert "secret" not in result.output


def test_a_case_given_as_a_dict_needs_a_folder_for_shared_sections() -> None:
    data = json.loads(GOOD.read_text())
    with pytest.raises(permdocs.InvalidCaseError, match="load the case from a file, or pass folder="):
        permdocs.load_case(data)
    assert permdocs.load_case(data, folder=GOOD.parent).later_life_letter is not None


def test_the_review_copy_marks_each_sentence_with_its_notes(tmp_path: Path) -> None:
    result = run("render", str(DRAFT), "--doc", DOC, "--review", "--format", "html", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "later-life-letter_FX-2019-0931-D_REVIEW.html").read_text()
    assert html.count('<mark class="review"') == 5
    assert 'title="46 words: aim for 25 or fewer.' in html
    assert "Review copy." in html and "reads at about age 22" in html


def test_the_review_copys_notes_are_numbered_beside_their_sentences_in_the_pdf() -> None:
    # A PDF cannot show a note when the reader points at a mark (issue 24): each mark carries a number and
    # its note follows the section, in the words of advice alone, never a raw code.
    import io

    from pypdf import PdfReader

    case = permdocs.load_case(DRAFT)
    request = permdocs.RenderRequest(DOC, ("pdf",), options={"review": True}, draft=True)
    (pdf,) = permdocs.render_outputs(case, request).values()
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "hover" not in text and "kind '" not in text
    assert "the numbered notes after each part say why" in text
    assert all(f"{n} " in text for n in range(1, 6))
    assert "3 46 words: aim for 25 or fewer." in text


def test_review_copies_exist_only_for_the_letter(tmp_path: Path) -> None:
    result = run("render", str(BABY), "--doc", "care-plan-permanence", "--review", "--out", str(tmp_path))
    assert result.exit_code == 2 and "has no option 'review'" in result.output


def test_review_letter_reports_reading_ages_and_findings() -> None:
    result = run("review-letter", str(DRAFT))
    assert result.exit_code == 0
    assert "Reading age: about 22 for the whole letter (target 14)" in result.output
    assert "43 findings." in result.output
    listing = json.loads(run("review-letter", str(GOOD), "--json").output)
    assert listing["findings"] == [] and listing["target_reading_age"] == 14
    assert run("review-letter", str(BABY)).exit_code == 2


def test_check_lists_the_review_as_warnings() -> None:
    result = run("check", str(DRAFT), "--json")
    assert result.exit_code == 0  # warnings never block
    report = json.loads(result.output)
    assert report["errors"] == 0 and {f["rule"] for f in report["findings"]} >= {"LL-001", "LL-002", "LL-003", "LL-004", "LL-005"}


def test_all_skips_the_letter_for_a_case_without_one(tmp_path: Path) -> None:
    result = run("render", str(BABY), "--doc", "all", "--format", "html", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "skipped later-life-letter: the case has no $.later_life_letter" in result.output
    asked = run("render", str(BABY), "--doc", DOC, "--format", "html", "--out", str(tmp_path / "x"))
    assert asked.exit_code == 2 and "needs $.later_life_letter" in asked.output
