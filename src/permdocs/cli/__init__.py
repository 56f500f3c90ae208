"""The ``permdocs`` command line.

Each command is a few lines over the library API, in a module by what it is
about. Heavy modules (docxtpl, WeasyPrint) are imported only by the writers
that need them, so ``--help`` and DOCX-only renders stay quick.

Exit codes: 0 success; 2 invalid input or usage (a case, profile, template
or folder to fix); 3 'check' or 'templates check' found errors; 1 an internal
failure, reported as a bug without any data from the case.
"""

from __future__ import annotations

import click

from .case_commands import check, review_letter, samples, schema, validate
from .catalogue import bundle, docs, routes
from .common import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL
from .council import profile, templates
from .new_case import new
from .render import render

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_INTERNAL", "main"]


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'permdocs COMMAND --help' for examples.",
)
@click.version_option(package_name="permdocs")
def main() -> None:
    """Permanence-planning documents from one case file.

    \b
    Examples:
      permdocs samples          # copies the sample cases into ./samples
      permdocs validate samples/baby-in-proceedings.json
      permdocs render samples/baby-in-proceedings.json --doc care-plan-permanence --out out/
      permdocs new case.json    # a starter case to fill in
      permdocs docs
    """


for _command in (new, validate, check, render, bundle, review_letter, docs, routes, schema, samples, templates, profile):
    main.add_command(_command)
