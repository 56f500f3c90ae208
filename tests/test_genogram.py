"""The genogram (permdocs.practice.genogram) and the family-tree document.

The layout's structure (who is drawn how, in which generation, which
couples and whose children) is pinned as readable text, not pixels; the
bytes are pinned by drawing twice. Tests that lay out need Graphviz's
``dot`` and skip without it (CI installs it; PERMDOCS_NO_SKIPS fails them).
"""

from __future__ import annotations

import io
import itertools
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import permdocs
from permdocs.cli import main
from permdocs.errors import DrawingError, InvalidCaseError
from permdocs.practice.genogram import family_of, genogram, layout_of, marks
from permdocs.practice.genogram import layout as dot_layout
from permdocs.safeguarding.redaction import redact

from conftest import ROOT, SAMPLES, require_program, sample_ids

FIXTURES = ROOT / "tests" / "fixtures" / "genogram"
REMARRIED = FIXTURES / "remarriage-half-siblings.json"
FOUR_GENERATIONS = FIXTURES / "four-generations.json"
POPPY = ROOT / "samples" / "cpr-adoption.json"


@pytest.fixture
def dot() -> str:
    """Graphviz's dot, or a skip saying how to get it."""
    return require_program("dot")


def _structure(path: Path) -> str:
    case = permdocs.load_case(path)
    return genogram(case).structure


# --- the family graph -----------------------------------------------------------

def test_the_remarried_family_draws_as_the_case_says(snapshot: Any, dot: str) -> None:
    """Remarriage, half-siblings on both sides, a deceased grandparent and a
    father nobody names: the structure, read as a reviewer would."""
    structure = _structure(REMARRIED)
    assert structure == snapshot
    # The same facts, spelt out, so that a wrong snapshot cannot be accepted unread.
    assert "mother + father (divorced) -> @child" in structure
    assert "mother + stepfather (married) -> jayden" in structure
    assert "father + dawn (together) -> lacey" in structure
    assert re.search(r"mother \+ @unknown-\d \(not_known\) -> maisie", structure)
    assert "grandfather 'Dennis Quillfeather' [male, deceased]" in structure
    assert "@child 'Poppy' [female, subject, household]" in structure
    assert "mother 'Kerry Quillfeather' [female, PR]" in structure
    ranks = {key: int(rank) for rank, key in re.findall(r"rank (\d): (\S+)", structure)}
    assert ranks["grandmother"] == ranks["grandfather"] == ranks["paternal-grandmother"] == 0
    assert ranks["mother"] == ranks["father"] == ranks["stepfather"] == ranks["dawn"] == 1
    assert ranks["@child"] == ranks["jayden"] == ranks["maisie"] == ranks["lacey"] == ranks["adopters"] == 2


def test_the_usual_parents_are_inferred_where_the_case_gives_none() -> None:
    family = family_of(permdocs.load_case(POPPY))
    couples = {(u.left, u.right): u.children for u in family.unions}
    assert couples[("mother", "father")] == ("@child",)
    # Jayden and Maisie are maternal half-siblings: each has an other parent drawn "not known".
    others = [u for u in family.unions if u.children in (("jayden",), ("maisie",))]
    assert len(others) == 2 and all(family.member(u.right).not_known for u in others)
    assert ("grandmother", "mother") in family.single_parents
    # The former foster carer is not family and not in the household: not on the tree.
    assert "foster-carer" not in {m.key for m in family.members}


def test_a_child_whose_father_is_not_in_the_case_has_him_drawn_not_known() -> None:
    case = json.loads(POPPY.read_text(encoding="utf-8"))
    case["people"] = [p for p in case["people"] if p["id"] != "father"]
    case = _drop_references(case, "father")
    case["family_time"] = [a for a in case["family_time"] if a["with_person_ids"]]
    family = family_of(permdocs.load_case(case))
    father = next(m for m in family.members if m.relationship == "Poppy's father")
    assert father.not_known and father.shape == "male"


def _drop_references(node: Any, person_id: str) -> Any:
    """The case without any mention of the person's id (in id lists, or as an entry's person_id)."""
    if isinstance(node, dict):
        return {key: _drop_references(value, person_id) for key, value in node.items()}
    if isinstance(node, list):
        return [
            _drop_references(item, person_id) for item in node
            if item != person_id and not (isinstance(item, dict) and person_id in (item.get("person_id"), item.get("partner_id")))
        ]
    return node


# --- the case model: parents and partners -----------------------------------------

def test_someone_who_is_their_own_ancestor_is_refused_with_the_path(tmp_path: Path) -> None:
    case = json.loads(POPPY.read_text(encoding="utf-8"))
    people = {p["id"]: p for p in case["people"]}
    people["mother"]["parent_ids"] = ["grandmother"]
    people["grandmother"]["parent_ids"] = ["mother"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    with pytest.raises(InvalidCaseError) as raised:
        permdocs.load_case(path)
    index = [p["id"] for p in case["people"]].index("mother")
    assert f"$.people[{index}].parent_ids: makes this person their own ancestor" in str(raised.value)


def test_unknown_parent_and_partner_ids_are_refused_with_their_paths(tmp_path: Path) -> None:
    case = json.loads(POPPY.read_text(encoding="utf-8"))
    case["people"][0]["parent_ids"] = ["nobody-here"]
    case["people"][1]["partners"] = [{"partner_id": "motehr", "status": "separated"}]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    with pytest.raises(InvalidCaseError) as raised:
        permdocs.load_case(path)
    message = str(raised.value)
    assert "$.people[0].parent_ids[0]: does not match the id of anyone in 'people'" in message
    assert "$.people[1].partners[0].partner_id: does not match the id of anyone in 'people'; did you mean 'mother'?" \
        in message
    assert "nobody-here" not in message


# --- drawing ------------------------------------------------------------------------

def test_twenty_five_people_in_four_generations_draw_readably(dot: str) -> None:
    case = permdocs.load_case(FOUR_GENERATIONS)
    drawn = genogram(case, box_mm=(255, 105), larger_box_mm=(255, 150))
    family = family_of(case)
    assert len(family.members) >= 25
    ranks = {int(r) for r in re.findall(r"rank (\d):", drawn.structure)}
    assert ranks == {0, 1, 2, 3}
    # Words no smaller than 6 pt on a landscape page: the picture is scaled by at most this much.
    width_pt = float(re.search(r'viewBox="0 0 ([\d.]+)', drawn.svg).group(1))  # type: ignore[union-attr]
    assert drawn.width_mm / (width_pt * 25.4 / 72) * marks.FONT_SIZE >= 6
    assert all(f">{name}<" in drawn.svg for name in ("Ivy Examplecroft", "Zac Dummett", "Poppy"))


def test_the_same_case_draws_the_same_bytes(dot: str) -> None:
    case = permdocs.load_case(REMARRIED)
    first, second = genogram(case), genogram(case)
    assert first.svg == second.svg and first.png == second.png and first.alt_text == second.alt_text
    assert first.png.startswith(b"\x89PNG")


def test_the_svg_is_text_and_shapes_only(dot: str) -> None:
    svg = genogram(permdocs.load_case(REMARRIED)).svg
    assert svg.startswith("<svg ") and "<script" not in svg and "href" not in svg and "<!--" not in svg
    assert "<text" in svg and "Liberation Sans" in svg
    assert not re.search(r"graphviz|version|\d{4}-\d\d-\d\dT", svg, re.IGNORECASE)


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_every_sample_draws(sample: Path, dot: str) -> None:
    case = permdocs.load_case(sample)
    drawn = genogram(case)
    assert drawn.alt_text.startswith(f"{case.child.preferred_name} lives with")
    assert drawn.width_mm <= 170 and drawn.height_mm <= 200
    # No step in a line too small to read as anything but a slip of the pen.
    assert not _small_steps(drawn.svg)


def _small_steps(svg: str) -> list[str]:
    """Horizontal pieces of lines shorter than a step a reader can see."""
    from permdocs.practice.genogram.drawing import STRAIGHT_WITHIN

    steps = []
    for points in re.findall(r'<polyline points="([^"]+)"', svg):
        xy = [tuple(float(v) for v in p.split(",")) for p in points.split()]
        steps += [points for (x0, y0), (x1, y1) in itertools.pairwise(xy) if y0 == y1 and 0 < abs(x1 - x0) < STRAIGHT_WITHIN]
    return steps


# --- audiences ------------------------------------------------------------------------

@pytest.mark.parametrize("audience", ["family", "court"])
def test_withheld_names_never_appear_in_the_picture(audience: str, dot: str) -> None:
    case = permdocs.load_case(POPPY)
    withholds = permdocs.DOCUMENTS["family-tree"].audiences[audience].withholds
    drawn = genogram(redact(case, withholds))
    words = " ".join(re.findall(r">([^<]*)</text>", drawn.svg))
    for secret in ("Plumbridge", "Hollowmere", "Dunholt"):
        assert secret not in words and secret not in drawn.alt_text and secret not in drawn.svg
    if audience == "court":
        assert "Ash" not in words and "Poppy's prospective adopters" in drawn.alt_text


@pytest.mark.parametrize("audience", ["family", "court"])
def test_the_word_file_describes_the_picture_without_the_adopters_surname(audience: str, dot: str) -> None:
    data = permdocs.render(permdocs.load_case(POPPY), "family-tree", "docx", audience=audience)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
    descriptions = re.findall(r'descr="([^"]*)"', document)
    assert any("Poppy lives with" in d for d in descriptions)
    assert "Plumbridge" not in document


# --- errors ---------------------------------------------------------------------------

def test_a_missing_dot_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DrawingError, match=r"apt-get install graphviz"):
        genogram(permdocs.load_case(POPPY))
    result = CliRunner().invoke(main, ["render", str(POPPY), "--doc", "family-tree", "--format", "html",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "apt-get install graphviz" in result.output


def _fake_dot(monkeypatch: pytest.MonkeyPatch, folder: Path, script: str) -> None:
    """A shell script as the only dot on the PATH."""
    dot = folder / "dot"
    dot.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    dot.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


def test_a_layout_dot_cannot_make_fails_with_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_dot(monkeypatch, tmp_path, "echo 'Error: syntax error' >&2\nexit 1")
    case = permdocs.load_case(POPPY)
    with pytest.raises(DrawingError, match=rf"case {case.child.case_reference} \(dot exited with 1\)"):
        layout_of(family_of(case), case_reference=case.child.case_reference)
    result = CliRunner().invoke(main, ["render", str(POPPY), "--doc", "family-tree", "--format", "html",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Graphviz could not lay out the genogram of case" in result.output


def test_a_dot_that_hangs_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_dot(monkeypatch, tmp_path, "exec /bin/sleep 5")
    monkeypatch.setattr(dot_layout, "DOT_TIMEOUT_SECONDS", 0.5)
    with pytest.raises(DrawingError, match="was stopped"):
        genogram(permdocs.load_case(POPPY))


def test_the_cpr_and_the_letter_carry_the_family_tree_in_their_readers_words() -> None:
    """The CPR's birth family opens with the tree; the letter, where it asks for one,
    names each person as the child knows them, and the child as "you"."""
    import re

    cpr = permdocs.render_outputs(
        permdocs.load_case(ROOT / "samples" / "cpr-adoption.json"), permdocs.RenderRequest("cpr", ("html",), "court")
    ).popitem()[1].decode()
    birth_family = cpr.split("birth family</h3>", 1)[1]
    assert birth_family.index('<figure class="diagram"') < birth_family.index("<table")
    # The court copy names the adopters by role, in the picture as in the text.
    assert "Plumbridge" not in cpr and "Poppy&#39;s prospective" in birth_family.split("</figure>")[0]
    letter = permdocs.render_outputs(
        permdocs.load_case(ROOT / "samples" / "adopted-child-letter.json"),
        permdocs.RenderRequest("later-life-letter", ("html",), "child-and-adopters"),
    ).popitem()[1].decode()
    tree = letter.split("Your birth family</h2>", 1)[1].split("</figure>", 1)[0]
    words = re.findall(r"<text[^>]*>([^<]+)</text>", tree)
    assert {"your birth mum", "your older half-", "you", "your adoptive"} <= set(words), words
