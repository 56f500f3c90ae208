"""Start a new document type: ``make document NAME=key-dates-note TITLE="Key dates"``.

Writes ``src/permdocs/documents/<name>/`` with what every document has
(the README's "Adding a document"): a declaration with its layout facts, a
builder that returns a frozen, block-based context, an HTML template and a
portrait Word template that draw the blocks, and the line in the registry.
The document renders at once, in every format, and passes the suite's
document tests (a test runs this script in a copy of the repository); from
there, write its body in ``__init__.py`` and its facts in ``document.toml``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "src" / "permdocs" / "documents"
#: The Word template the new one starts from: portrait, and holding nothing
#: but the shared title block, the body's blocks and a draft's findings
#: (``{{p document|title_block }}``, ``{{p body|blocks }}``,
#: ``{{p document|draft_findings }}``), with the shared header and footer.
STARTING_WORD_TEMPLATE = DOCUMENTS / "case_summary" / "case-summary.docx"

DECLARATION = '''# {title}: say here what the document is, who reads it, and the law or
# guidance it follows (with its source).
name = "{name}"
title = "{title}"
summary = "{title}, for the child's social worker and the people the plan is shared with."
reads = ["$.child", "$.authorship", "$.prepared_on"]
audiences = ["professional", "family"]

# What its pages look like: the suite's document tests hold it to these.
[layout]
orientation = "portrait"
tables = false
styles = ["Title", "Heading1"]
last_words = "About this document"
'''

BUILDER = '''"""{title}: the context its templates draw.

Build the body as blocks (``permdocs.text.blocks``): both templates draw
them, so the HTML and the Word file say the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...case import Case
from ...text.blocks import Block, Heading, text
from ..common import ChildIdentity, DocumentInfo, child_identity, document_info
from ..declaration import ResolvedRequest


@dataclass(frozen=True)
class {model}:
    """Everything the {name} templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> {model}:
    name = case.child.preferred_name
    return {model}(
        document=document_info(case, request, "{title}", f"For {{name}}"),
        child=child_identity(case),
        body=(
            Heading("About this document", anchor="about"),
            text(f"This document is about {{name}}. Its sections are built in this module, from the case."),
        ),
    )
'''

HTML = '''{{% extends "base.html" %}}
{{#- {title}: the body is built as blocks by the document's builder, so this
    file and {name}.docx beside it say the same words. -#}}
{{% block content %}}
{{{{ body|blocks }}}}
{{% endblock %}}
'''


def scaffold(name: str, title: str) -> Path:
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        raise SystemExit(f"new_document: '{name}' is not a document name: lower-case words joined by hyphens")
    package = name.replace("-", "_")
    folder = DOCUMENTS / package
    if folder.exists():
        raise SystemExit(f"new_document: {folder.relative_to(ROOT)} exists already; nothing was written")
    model = "".join(part.capitalize() for part in name.split("-")) + "Document"
    word = STARTING_WORD_TEMPLATE.read_bytes()
    registry = DOCUMENTS / "__init__.py"
    registered = _registered(registry.read_text(encoding="utf-8"), package)
    folder.mkdir()
    (folder / "document.toml").write_text(DECLARATION.format(name=name, title=title), encoding="utf-8")
    (folder / "__init__.py").write_text(BUILDER.format(name=name, title=title, model=model), encoding="utf-8")
    (folder / f"{name}.html").write_text(HTML.format(name=name, title=title), encoding="utf-8")
    (folder / f"{name}.docx").write_bytes(word)
    registry.write_text(registered, encoding="utf-8")
    return folder


def _registered(registry: str, package: str) -> str:
    """The registry with the new folder listed last."""
    listed = re.search(r"^_FOLDERS = \(\n(.*?)\)\n", registry, re.MULTILINE | re.DOTALL)
    if listed is None:
        raise SystemExit("new_document: documents/__init__.py no longer has its registry lines; add the folder by hand")
    return registry.replace(listed.group(0), f'_FOLDERS = (\n{listed.group(1)}    "{package}",\n)\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the document's name, as given to --doc: lower-case words joined by hyphens")
    parser.add_argument("--title", help="its title (default: the name in words)")
    arguments = parser.parse_args()
    title = arguments.title or arguments.name.replace("-", " ").capitalize()
    folder = scaffold(arguments.name, title)
    print(f"wrote {folder.relative_to(ROOT)}/ and added it to the registry; `make snapshots` pins its first output")


if __name__ == "__main__":
    sys.exit(main())
