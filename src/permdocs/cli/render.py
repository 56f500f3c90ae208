"""``permdocs render``: documents for a case, in every copy and format asked for."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from .common import PROFILE_HELP, IsoDate, plural, profile_for, reports_errors, status_line


@click.command(short_help="Render documents as DOCX, HTML and/or PDF.")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=str))
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
    "--arrangement", metavar="ID",
    help="For the family-time agreement: one arrangement, by its id in the case. Default: every arrangement, a file each.",
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
@click.option("--profile", "profile_name", metavar="NAME|PATH", help=PROFILE_HELP)
@click.option("--as-of", type=IsoDate(), help="Judge the practice checks as on this day (default: the case's prepared_on date).")
@click.option(
    "--review", is_flag=True,
    help="A review copy: the later-life letter with the language review's notes marked at each sentence (HTML, PDF).",
)
@reports_errors
def render(
    case_file: str, documents: str, audience: str | None, arrangement: str | None, part: str | None, formats: str,
    out_dir: str, update: bool, force: bool, draft: bool, profile_name: str | None, as_of: date | None, review: bool,
) -> None:
    """Render documents for a case into DOCX, HTML and/or PDF files.

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
      permdocs render samples/baby-in-proceedings.json --doc care-plan-permanence --profile devon-style --out devon/
      permdocs render samples/letter-first-draft.json --doc later-life-letter --review --format html
      permdocs render samples/adoption-family-time.json --doc family-time --copy birth-family --arrangement letters-mother
      permdocs render samples/adoption-family-time.json --doc family-time --copy carers --format pdf,ics
    """
    import permdocs

    from .. import checks
    from ..documents import resolve_documents
    from ..output import write_files
    from ..pipeline import render_outputs

    format_names = tuple(name.strip().lower() for name in formats.split(",") if name.strip())
    if not format_names:
        raise click.BadParameter("give at least one format", param_hint="--format")
    case = permdocs.load_case(case_file)
    profile = profile_for(case, profile_name)
    every_audience = audience is not None and audience.strip().lower() == "all"
    every = documents.strip().lower() == "all"
    chosen = resolve_documents(documents)
    requests = []
    several = len(chosen) > 1 or every_audience
    for document in chosen:
        if every and document.missing_from(case):
            # 'all' means every document this case has what it needs for.
            click.echo(f"skipped {document.name}: the case has no {', '.join(document.missing_from(case))}", err=True)
            continue
        for name in list(document.audiences) if every_audience else [audience]:
            wanted = format_names
            if several:
                # Rendering several: each copy in the asked formats it comes in (a calendar file only where there is one).
                offered = document.formats_for(document.audience(name))
                wanted = tuple(f for f in format_names if f in offered)
                if not wanted:
                    continue
            requests.append(permdocs.RenderRequest(
                document.name, wanted, name, profile, draft, as_of, part, review,
                arrangement if document.per_arrangement else None,
            ))
    files: dict[str, bytes] = {}
    skipped: list[str] = []
    with status_line("Rendering") as show:
        for number, request in enumerate(requests, start=1):
            copy = f" ({request.audience})" if request.audience else ""
            show(f"Rendering {request.document}{copy} as {', '.join(request.formats)}: {number} of {len(requests)}")
            # Rendering several, a file one output cannot have (no dates, no calendar) is left out, and said so.
            files.update(render_outputs(case, request, skipped=skipped if several else None))
        show("Writing")
        written = write_files(files, out_dir, force=force, update=update)
    for reason in skipped:
        click.echo(f"skipped {reason}", err=True)
    for path in written:
        click.echo(f"wrote {path}")
    findings = checks.check(case, profile.settings, as_of or case.prepared_on, council=profile.profile.council.name)
    _mention_findings(findings, case_file, draft)


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
