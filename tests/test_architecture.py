"""The shape of the code: each stage imports only the stages below it (the
import-linter contract in pyproject.toml), no module imports itself round a
circle, every module can be imported on its own, and none outgrows a room."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import grimp
import pytest
from importlinter import cli as importlinter_cli

from conftest import ROOT

SOURCE = ROOT / "src" / "permdocs"
#: The largest a module may grow before it should become a folder of smaller ones.
MOST_LINES = 400


def _modules() -> list[str]:
    names = []
    for path in sorted(SOURCE.rglob("*.py")):
        parts = ["permdocs", *path.relative_to(SOURCE).with_suffix("").parts]
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_layers_contract_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert importlinter_cli.lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_no_module_imports_itself_round_a_circle() -> None:
    # Imports inside functions count: a late import still ties two modules together.
    # Imports for type checking only never run, as in the contract (exclude_type_checking_imports).
    graph = grimp.build_graph("permdocs", exclude_type_checking_imports=True)
    circles = [
        (module, other) for module in graph.modules for other in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=other, imported=module)
    ]
    assert circles == []


def test_the_contract_names_every_top_level_module() -> None:
    # A new module must be given its place in the layers, not slip in unchecked.
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    top = {name.split(".")[1] for name in _modules() if name.count(".") >= 1}
    assert {name for name in top if f'"permdocs.{name}' not in text and f"permdocs.{name} " not in text
            and f"permdocs.{name}\"" not in text} == set()


def test_no_module_is_longer_than_a_room() -> None:
    lengths = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
               for path in SOURCE.rglob("*.py")}
    assert lengths, "no modules found"
    assert {path: n for path, n in lengths.items() if n >= MOST_LINES} == {}


#: Imports each module named with no permdocs module loaded before it: what
#: a fresh interpreter would do, without paying for one per module (the
#: libraries permdocs uses stay loaded, as they cannot hide a circle of ours).
_IMPORT_ALONE = """
import importlib, sys
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "permdocs" or m.startswith("permdocs.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        print(f"{name}: {type(error).__name__}: {error}")
"""


@pytest.mark.slow
def test_every_module_imports_on_its_own() -> None:
    # An import that works only after another module loaded is a hidden circle.
    modules = _modules()
    assert len(modules) > 100
    cores = os.cpu_count() or 2

    def attempt(share: list[str]) -> list[str]:
        done = subprocess.run([sys.executable, "-c", _IMPORT_ALONE, *share], capture_output=True, text=True, timeout=300)
        return done.stdout.splitlines() + ([done.stderr.strip()] if done.returncode else [])

    # One interpreter per core, each taking its share of the modules.
    with ThreadPoolExecutor(max_workers=cores) as pool:
        failed = [problem for problems in pool.map(attempt, [modules[n::cores] for n in range(cores)]) for problem in problems]
    assert failed == []


def test_the_readme_map_names_every_module_and_no_missing_one() -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## How the code is laid out"):readme.index("## Adding a document")]
    top = sorted(p.name for p in SOURCE.iterdir() if (p.suffix == ".py" or p.is_dir()) and not p.name.startswith("_"))
    assert [name for name in top if not re.search(rf"[`/]{re.escape(name)}[`/]", section)] == []
    # And every file it names is there.
    named = {n.removeprefix("permdocs/") for n in re.findall(r"`((?:src/permdocs/)?[\w/]+\.py)`", section)}
    known = {p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.py")} | {p.name for p in SOURCE.rglob("*.py")}
    assert {name for name in named if name.removeprefix("src/permdocs/") not in known} == set()


def test_every_kind_of_block_is_drawn_by_both_writers_and_nothing_else_is() -> None:
    # A new kind of block that one writer does not know is refused, never drawn as a table.
    from permdocs.text.blocks import BLOCK_TYPES, Heading, text
    from permdocs.writers.docx_blocks import WordBlocks
    from permdocs.writers.html_blocks import blocks_to_html

    word = WordBlocks({"Heading 1": "Heading1"}, lambda: 1)  # type: ignore[arg-type]
    assert "<h2>Plans</h2>" in blocks_to_html([Heading("Plans", 1)]) and "Heading1" in word([Heading("Plans", 1)])
    assert "Hello" in blocks_to_html(text("Hello"))
    for draw in (blocks_to_html, word):
        with pytest.raises(TypeError, match="cannot draw a str block"):
            draw(["not a block"])
    assert len(BLOCK_TYPES) == 8, "a new kind of block: teach both writers, then this number"


def test_a_diagram_is_vector_in_html_and_a_described_picture_in_word() -> None:
    from permdocs.text.blocks import Diagram
    from permdocs.writers.docx_blocks import WordBlocks
    from permdocs.writers.html_blocks import blocks_to_html

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="10mm"><text x="1" y="8">Kerry</text></svg>'
    png = (ROOT / "templates" / "assets" / "icons" / "who.png").read_bytes()
    diagram = Diagram(svg, lambda: png, "Poppy's mother, Kerry", 40, 10)
    html = str(blocks_to_html(diagram))
    # The SVG is the page's own, so its words stay text; the figure is one image named by its description.
    assert svg in html and 'role="img" aria-label="Poppy&#39;s mother, Kerry"' in html
    added: list[bytes] = []
    word = WordBlocks({}, lambda: 1, add_image=lambda data: added.append(data) or "rId9")  # type: ignore[arg-type]
    drawn = str(word(diagram))
    assert added == [png] and 'descr="Poppy\'s mother, Kerry"' in drawn and "<svg" not in drawn
