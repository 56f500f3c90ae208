"""``permdocs render``: documents for a case, in every copy and format asked for."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from .common import PROFILE_HELP, IsoDate, plural, reports_errors, status_line


@click.command(short_help="Render documents as DOCX, HTML and/or PDF, for one case or many.")
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=str), metavar="CASE...")
@click.option(
    "--doc", "documents", required=True, metavar="LIST|all",
    help="Document types, comma-separated, or 'all' (see 'permdocs docs').",
)
@click.option(
    "--audience", "--copy", "audience", metavar="NAME|all",
    help="Whose copy: an audience the documents offer (see 'permdocs docs'), or 'all'. Default: each document's first. "
    "--copy is the same option, in the family-time agreement's words (carers, birth-family, agency, child).",
)
@click.option(
    "--option", "-o", "options", multiple=True, metavar="NAME[=VALUE]",
    help="An option of the document's own, as 'permdocs docs' lists them; again for another. "
    "A name alone switches an option on (-o review).",
)
@click.option(
    "--arrangement", metavar="ID",
    help="Short for --option arrangement=ID: one family-time arrangement, by its id in the case. "
    "Default: every arrangement, a file each.",
)
@click.option("--part", metavar="NAME", help="A separately paginated part of the document, where it has one.")
@click.option(
    "--format", "formats", default="docx,html,pdf", show_default=True, metavar="LIST",
    help="Comma-separated output formats, in any case: docx, html, pdf, and ics (calendar files of family-time sessions).",
)
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option(
    "--update", is_flag=True,
    help="Re-render into the same folder: replace files permdocs wrote there that nobody has changed since. "
    "A file someone edited (or that permdocs did not write) stops the render, and nothing is written.",
)
@click.option("--force", is_flag=True, help="Replace output files that already exist, edited or not.")
@click.option("--draft", is_flag=True, help="Render even if the checks find errors; every page is marked DRAFT.")
@click.option(
    "--archival", is_flag=True,
    help="PDFs for the records file: PDF/A-2u (fonts embedded, colours defined, every character Unicode) as well as "
    "PDF/UA-1, so that a CPR or a later-life letter still opens and reads the same decades from now.",
)
@click.option("--profile", "profile_name", metavar="NAME|PATH", help=PROFILE_HELP)
@click.option("--as-of", type=IsoDate(), help="Judge the practice checks as on this day (default: the case's prepared_on date).")
@click.option(
    "--review", is_flag=True,
    help="Short for --option review: the later-life letter's review copy, its language review's notes marked at "
    "each sentence (HTML, PDF).",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), metavar="N",
    help="For many cases: worker processes to share them (default: the number of cores).",
)
@click.option("--resume", is_flag=True, help="For many cases: skip those whose outputs are complete and newer than the case file.")
@click.option("--quiet", is_flag=True, help="No progress bar, and only failures in the summary.")
@reports_errors
def render(
    cases: tuple[str, ...], documents: str, audience: str | None, options: tuple[str, ...], arrangement: str | None,
    part: str | None,
    formats: str, out_dir: str, update: bool, force: bool, draft: bool, archival: bool, profile_name: str | None,
    as_of: date | None, review: bool, jobs: int | None, resume: bool, quiet: bool,
) -> None:
    """Render documents for one case, or many, into DOCX, HTML and/or PDF files.

    CASE is a case file, or several, or a folder of them (every *.json in
    it). Many cases are shared between worker processes (--jobs), with a
    progress bar on a terminal; a case with problems does not stop the
    others, and the summary at the end lists it by file and JSON path (exit
    code 2). Ctrl-C stops the batch with every finished case written whole;
    --resume carries on, skipping cases whose outputs are complete.

    Final documents are refused while 'permdocs check' finds errors; with
    --draft they render anyway, marked DRAFT on every page, with the open
    findings listed at the end and "_DRAFT" in the file names. Each audience
    gets its own copy, from which what that reader must not see (where the
    child lives, say) has been withheld. Nothing is written unless every
    file renders, and existing files are never replaced without --update
    (files permdocs wrote, unchanged since) or --force (any file).

    \b
    Examples (after 'permdocs samples', which copies the sample cases here):
      permdocs render samples/baby-in-proceedings.json --doc care-plan-permanence --out out/
      permdocs render samples/baby-in-proceedings.json --doc care-plan-permanence --out out/ --update
      permdocs render samples/baby-in-proceedings.json --doc care-plan-permanence --audience family --format pdf
      permdocs render samples/baby-in-proceedings.json --doc options-analysis,route-comparison --format docx
      permdocs render samples/baby-in-proceedings.json --doc all --audience all --out out/ --force
      permdocs render samples/long-term-fostering.json --doc care-plan-permanence --draft
      permdocs render samples/cpr-adoption.json --doc cpr --audience adm --format pdf --archival
      permdocs render samples/baby-in-proceedings.json --doc care-plan-permanence --profile devon-style --out devon/
      permdocs render samples/letter-first-draft.json --doc later-life-letter -o review --format html
      permdocs render samples/adoption-family-time.json --doc family-time --copy birth-family -o arrangement=letters-mother
      permdocs render samples/adoption-family-time.json --doc family-time --copy carers --format pdf,ics
      permdocs render samples/ --doc care-plan-permanence,options-analysis --format docx,pdf --out out/ --jobs 2
      permdocs render samples/ --doc all --format docx --out out/ --resume
    """
    from ..batch import gather_case_files
    from ..rendering.request import RenderRequest

    chosen = _options(options) | ({"arrangement": arrangement} if arrangement else {}) | ({"review": True} if review else {})
    selection = RenderRequest(
        documents, tuple(formats.split(",")), audience, profile_name, draft, as_of, part, chosen, archival=archival
    )
    if not selection.formats:
        raise click.BadParameter("give at least one format", param_hint="--format")
    sources, passed_over = gather_case_files(cases)
    for entry, reason in passed_over:
        click.echo(f"permdocs: warning: skipped {entry}: {reason}", err=True)
    if len(cases) == 1 and len(sources) == 1 and sources[0] == Path(cases[0]) and not resume:
        _render_one(cases[0], selection, out_dir, force=force, update=update)
        return
    from .batch_render import render_batch

    if not sources:
        raise click.BadParameter("names no case files (no *.json files in the folder)", param_hint="CASE")
    sys.exit(render_batch(sources, selection, out_dir, force=force, update=update, resume=resume, jobs=jobs, quiet=quiet))


def _options(given: tuple[str, ...]) -> dict[str, str | bool]:
    """``-o arrangement=letters-mother -o review`` as a mapping."""
    options: dict[str, str | bool] = {}
    for text in given:
        name, equals, value = text.partition("=")
        if not name.strip():
            raise click.BadParameter(f"'{text}' names no option; write NAME=VALUE, or NAME alone for a switch", param_hint="--option")
        options[name.strip()] = value.strip() if equals else True
    return options


def _render_one(case_file: str, request: Any, out_dir: str, *, force: bool, update: bool) -> None:
    """One case: its problems stop the render with their own message and exit code."""
    import permdocs

    from ..base.output import write_files
    from ..rendering.pipeline import RenderedOutputs, render_outputs

    case = permdocs.load_case(Path(case_file))
    singles, notes = request.singles(case)
    for note in notes:
        click.echo(f"skipped {note}", err=True)
    files: dict[str, bytes] = {}
    skipped: list[str] = []
    findings: Any = ()
    with status_line("Rendering") as show:
        for number, single in enumerate(singles, start=1):
            copy = f" ({single.audience})" if single.audience else ""
            show(f"Rendering {single.document}{copy} as {', '.join(single.formats)}: {number} of {len(singles)}")
            # Rendering several, a file one output cannot have (no dates, no calendar) is left out, and said so.
            rendered: RenderedOutputs = render_outputs(case, single, skipped=skipped if request.several else None)
            files.update(rendered)
            findings = rendered.findings
        show("Writing")
        written = write_files(files, out_dir, force=force, update=update)
    for reason in skipped:
        click.echo(f"skipped {reason}", err=True)
    for path in written:
        click.echo(f"wrote {path}")
    _mention_findings(findings, case_file, request.draft)


def _mention_findings(findings: Any, case_file: str, draft: bool) -> None:
    """Say on standard error what the checks found, which the documents
    themselves show only in a draft's appendix."""
    from .. import checks

    errors = len(checks.errors_in(findings))
    warnings = len(findings) - errors
    if not findings:
        return
    parts = ([plural(errors, "error")] if errors else []) + ([plural(warnings, "warning")] if warnings else [])
    lead = "rendered a DRAFT with" if draft and errors else "rendered with"
    click.echo(f"{lead} {' and '.join(parts)}; run 'permdocs check {case_file}' to see them", err=True)
