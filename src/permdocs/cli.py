"""The ``permdocs`` command line.

Each command is a few lines over the library API. Heavy modules (docxtpl,
WeasyPrint) are imported only by the writers that need them, so ``--help``
and DOCX-only renders stay quick.

Exit codes: 0 success; 2 invalid input or usage (a case, profile, template
or folder to fix); 3 'check' or 'templates check' found errors; 1 an internal
failure, reported as a bug without any data from the case.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INTERNAL = 1
EXIT_INPUT = 2
#: 'check' and 'templates check' found errors to fix: the input is readable,
#: and what it says needs work. Never 1, which is kept for permdocs' own bugs.
EXIT_FINDINGS = 3


def _reports_errors(command: F) -> F:
    """Turn permdocs errors into messages and exit codes, and anything else
    into a bug report that names code locations but never case values."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import PermdocsError

        try:
            return command(*args, **kwargs)
        except PermdocsError as error:
            click.echo(f"permdocs: {error}", err=True)
            sys.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("permdocs: interrupted; no file was written or left half-written.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`| head`): nothing is wrong, and nothing more to say.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            _report_bug(error)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def _report_bug(error: Exception) -> None:
    # The exception's message could quote case data, so only its type and
    # the code locations are printed.
    frames = traceback.extract_tb(error.__traceback__)
    where = "\n".join(f"  {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}" for frame in frames[-6:])
    click.echo(
        "permdocs: internal error. This is a bug in permdocs, not a problem with your case.\n"
        f"Please report it with these details (they contain no case data):\n  {type(error).__name__}\n{where}",
        err=True,
    )


PROFILE_HELP = (
    "Council profile: a shipped name (default, devon-style, essex-style) or a path to a profile. "
    "Defaults to the profile the case names (a shipped one, or one in the folder PERMDOCS_PROFILES_DIR names), "
    "else 'default'."
)


def _profile_for(case: Any, profile_name: str | None, case_file: str) -> Any:
    from .profiles import resolve_profile

    # A case names profiles; it never points at folders (see resolve_profile).
    return resolve_profile(profile_name, case.profile)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'permdocs COMMAND --help' for examples.",
)
@click.version_option(package_name="permdocs")
def main() -> None:
    """Permanence-planning documents from one case file.

    \b
    Examples:
      permdocs validate samples/baby-in-proceedings.json
      permdocs render samples/baby-in-proceedings.json --doc care-plan-permanence --out out/
      permdocs docs
    """


@main.command(short_help="Render documents as DOCX, HTML and/or PDF.")
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
    help="Comma-separated output formats: docx, html, pdf, and ics (calendar files of family-time sessions).",
)
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option("--force", is_flag=True, help="Replace output files that already exist.")
@click.option("--draft", is_flag=True, help="Render even if the checks find errors; every page is marked DRAFT.")
@click.option("--profile", "profile_name", metavar="NAME|PATH", help=PROFILE_HELP)
@click.option(
    "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
    help="Judge the practice checks as on this day (default: the case's prepared_on date).",
)
@click.option(
    "--review", is_flag=True,
    help="A review copy: the later-life letter with the language review's notes marked at each sentence (HTML, PDF).",
)
@_reports_errors
def render(
    case_file: str, documents: str, audience: str | None, arrangement: str | None, part: str | None, formats: str,
    out_dir: str, force: bool, draft: bool, profile_name: str | None, as_of: Any, review: bool,
) -> None:
    """Render documents for a case into DOCX, HTML and/or PDF files.

    Final documents are refused while 'permdocs check' finds errors; with
    --draft they render anyway, marked DRAFT on every page, with the open
    findings listed at the end and "_DRAFT" in the file names. Each audience
    gets its own copy, from which what that reader must not see (where the
    child lives, say) has been withheld. Nothing is written unless every
    file renders, and existing files are never replaced without --force.

    \b
    Examples:
      permdocs render case.json --doc care-plan-permanence --out out/
      permdocs render case.json --doc care-plan-permanence --audience family --format pdf
      permdocs render case.json --doc options-analysis,route-comparison --format docx
      permdocs render case.json --doc all --audience all --out out/ --force
      permdocs render case.json --doc care-plan-permanence --draft
      permdocs render case.json --doc care-plan-permanence --profile devon-style
      permdocs render letter.json --doc later-life-letter --review --format html
      permdocs render case.json --doc family-time --copy birth-family --arrangement letters-mother
      permdocs render case.json --doc family-time --copy carers --format pdf,ics
    """
    import permdocs

    from .documents import resolve_documents
    from .output import write_files
    from .pipeline import render_outputs

    format_names = tuple(name.strip() for name in formats.split(",") if name.strip())
    if not format_names:
        raise click.BadParameter("give at least one format", param_hint="--format")
    case = permdocs.load_case(case_file)
    profile = _profile_for(case, profile_name, case_file)
    day = as_of.date() if as_of else None
    files: dict[str, bytes] = {}
    every = documents.strip().lower() == "all"
    chosen = resolve_documents(documents)
    for document in chosen:
        if every and document.missing_from(case):
            # 'all' means every document this case has what it needs for.
            click.echo(f"skipped {document.name}: the case has no {', '.join(document.missing_from(case))}", err=True)
            continue
        audiences = list(document.audiences) if audience == "all" else [audience]
        for name in audiences:
            offered = document.formats_for(document.audience(name))
            wanted = format_names
            if len(chosen) > 1 or audience == "all":
                # Rendering several: each copy in the asked formats it comes in (a calendar file only where there is one).
                wanted = tuple(f for f in format_names if f.strip().lower() in offered)
                if not wanted:
                    continue
            request = permdocs.RenderRequest(
                document.name, wanted, name, profile, draft, day, part, review,
                arrangement if document.per_arrangement else None,
            )
            files.update(render_outputs(case, request))
    for path in write_files(files, out_dir, force=force):
        click.echo(f"wrote {path}")


@main.command(short_help="Build a court bundle: one indexed, bookmarked, paginated PDF.")
@click.argument("manifest_file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--out", "out_file", default="bundle.pdf", show_default=True, type=click.Path(dir_okay=False, path_type=str),
    help="The PDF to write.",
)
@click.option(
    "--numbering", type=click.Choice(["section", "continuous"], case_sensitive=False), default="section",
    show_default=True, help="Section page references (A1, A2 ... B1) or plain 1..N.",
)
@click.option("--ocr", is_flag=True, help="Give scanned PDFs a text layer with OCRmyPDF and Tesseract (if installed).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@_reports_errors
def bundle(manifest_file: str, out_file: str, numbering: str, ocr: bool, force: bool) -> None:
    """Build a court bundle from a manifest (YAML or JSON; see schemas/bundle.schema.json).

    The bundle follows FPR PD27A and the President's e-bundle guidance: a
    front sheet and an index linked to the documents, sections paginated
    A1, A2 ... B1 ..., a bookmark for every section and document, landscape
    pages kept landscape, and at most 350 pages unless the manifest records
    the court's permission. permdocs documents are rendered in the court's
    copy unless the manifest says otherwise. Problems name the manifest
    entry; nothing is written unless the whole bundle builds.

    \b
    Examples:
      permdocs bundle samples/bundle.yaml --out out/bundle.pdf
      permdocs bundle bundle.json --out bundle.pdf --numbering continuous --force
    """
    from .bundle import build_bundle, load_manifest, write_bundle

    built = build_bundle(load_manifest(manifest_file), numbering=numbering.lower(), ocr=ocr)  # type: ignore[arg-type]
    path = write_bundle(built, out_file, force=force)
    for warning in built.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"wrote {path}: {built.body_pages} pages in {len(built.sections)} sections, "
        f"after {built.front_pages} pages of front sheet and index"
    )


@main.command(short_help="Check a case against the practice rules and timescales.")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output for case systems.")
@click.option(
    "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
    help="Judge the case as on this day (default: the case's prepared_on date).",
)
@click.option("--profile", "profile_name", metavar="NAME|PATH", help=PROFILE_HELP)
@_reports_errors
def check(case_file: str, as_json: bool, as_of: Any, profile_name: str | None) -> None:
    """Check a case: statutory key dates, and rules a plan must meet.

    Exit code 0 when there are no errors (warnings are allowed), 3 when there
    are errors, 2 when the case file itself is invalid, 1 for a bug in permdocs.

    \b
    Examples:
      permdocs check samples/baby-in-proceedings.json
      permdocs check case.json --json
      permdocs check case.json --as-of 2027-01-31
    """
    import permdocs

    from . import checks
    from .check_report import print_report, report_json

    case = permdocs.load_case(case_file)
    profile = _profile_for(case, profile_name, case_file)
    settings = profile.settings
    day = as_of.date() if as_of else case.prepared_on
    findings = checks.check(case, settings, as_of=day, council=profile.profile.council.name)
    dates = checks.key_dates(case, settings, as_of=day)
    if as_json:
        click.echo(report_json(findings, dates, day))
    else:
        print_report(findings, dates, day)
    sys.exit(EXIT_FINDINGS if checks.errors_in(findings) else 0)


@main.command("review-letter", short_help="Review the language of a later-life letter.")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--profile", "profile_name", metavar="NAME|PATH", help=PROFILE_HELP)
@_reports_errors
def review_letter(case_file: str, as_json: bool, profile_name: str | None) -> None:
    """Review a later-life letter's language for the teenager who will read it:
    the estimated reading age of the letter and of each section against the
    target, sentences over the length limit, jargon and acronyms with a plainer
    alternative, writing about the child instead of to them, and missing
    sections. Each finding names the section and quotes the sentence.

    Findings are advice: they never block rendering, and the exit code is 0
    (2 for an invalid case or one with no letter). 'permdocs check' lists them
    too, as warnings; 'permdocs render --doc later-life-letter --review' marks
    them in the letter itself.

    \b
    Examples:
      permdocs review-letter samples/letter-first-draft.json
      permdocs review-letter case.json --json
    """
    import permdocs

    from . import letter_review
    from .errors import DocumentNotApplicableError

    case = permdocs.load_case(case_file)
    letter = case.later_life_letter
    if letter is None:
        raise DocumentNotApplicableError("The case has no later-life letter ($.later_life_letter).")
    words = dict(_profile_for(case, profile_name, case_file).settings.plain_words)
    findings = letter_review.review(case, words)
    ages = [
        (letter_review.SECTION_TITLES[s.kind], letter_review.reading_age(letter_review.plain_text(s.text or "")))
        for s in letter.sections
    ]
    whole = letter_review.reading_age(" ".join(letter_review.plain_text(s.text or "") for s in letter.sections))
    if as_json:
        click.echo(json.dumps({
            "target_reading_age": letter.reading_age, "reading_age": whole,
            "sections": [{"title": title, "reading_age": age} for title, age in ages],
            "findings": [{"rule": f.rule, "path": f.path, "message": f.message} for f in findings],
        }, indent=2, ensure_ascii=False))
        return
    click.echo(f"Reading age: about {whole} for the whole letter (target {letter.reading_age}); "
               "estimated as the Flesch-Kincaid grade plus five.")
    for title, age in ages:
        click.echo(f"  {title}: {age if age is not None else 'no text'}")
    click.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}.")
    for finding in findings:
        click.echo(f"{finding.rule} {finding.path}\n  {finding.message}")


@main.command(short_help="Check a case file and list its problems.")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=str))
@_reports_errors
def validate(case_file: str) -> None:
    """Check a case file against the case model, without rendering anything.

    Every problem is listed with the JSON path of the field concerned.

    \b
    Example:
      permdocs validate samples/baby-in-proceedings.json
    """
    import permdocs

    permdocs.load_case(case_file)
    click.echo(f"{case_file}: valid")


@main.command(short_help="Print the JSON Schema of the case file or of a council profile.")
@click.option("--of", "which", type=click.Choice(["case", "profile", "routes", "bundle"]), default="case", show_default=True)
@_reports_errors
def schema(which: str) -> None:
    """Print the JSON Schema of the case file (also in schemas/case.schema.json).

    The schema helps editors and case systems; the case model is the final
    authority, since some rules (such as a review dated before the child
    became looked after) cannot be expressed in JSON Schema.

    \b
    Examples:
      permdocs schema > case.schema.json
      permdocs schema --of profile > profile.schema.json
    """
    from .schemas import schema_text

    click.echo(schema_text(which), nl=False)


@main.command(short_help="List document types, their audiences and what each reads.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@_reports_errors
def docs(as_json: bool) -> None:
    """List the document types: what each is, the audiences (copies) it
    offers and what each audience withholds, and the parts of the case it
    reads. Case systems and the Makefile read the --json form.

    \b
    Examples:
      permdocs docs
      permdocs docs --json
    """
    from .documents import DOCUMENTS

    if as_json:
        listing = [
            {
                "name": d.name, "title": d.title, "summary": d.summary, "reads": list(d.reads),
                "audiences": [
                    {"name": a.name, "title": a.title, "reader": a.reader, "default": a is d.default_audience,
                     "withholds": {str(k): str(v) for k, v in a.withholds.items()}}
                    for a in d.audiences.values()
                ],
                "parts": {name: part.title for name, part in d.parts.items()},
            }
            for d in DOCUMENTS.values()
        ]
        click.echo(json.dumps(listing, indent=2))
        return
    for document in DOCUMENTS.values():
        click.echo(f"{document.name}\n  {document.title}: {document.summary}")
        for audience in document.audiences.values():
            default = " (default)" if audience is document.default_audience else ""
            withheld = ", ".join(f"{k}: {v}" for k, v in audience.withholds.items()) or "nothing"
            click.echo(f"  --audience {audience.name}{default}: {audience.title}. Withholds {withheld}.")
        click.echo(f"  Reads: {', '.join(document.reads)}")


@main.group(short_help="List or check the templates a profile uses.")
def templates() -> None:
    """List the templates (packaged and a council's overrides) or check them."""


@templates.command("list", short_help="Show every template and where it comes from.")
@click.option("--profile", "profile_name", metavar="NAME|PATH", default="default", show_default=True, help=PROFILE_HELP)
@_reports_errors
def templates_list(profile_name: str) -> None:
    """Show every template and where it comes from: packaged, or the profile's
    override folder (searched first).

    \b
    Example:
      permdocs templates list --profile samples/profiles/cover-page-council
    """
    from .profiles import load_profile
    from .template_check import template_sources

    for source in template_sources(load_profile(profile_name)):
        click.echo(f"{source.kind:<5} {source.name:<32} {source.origin:<22} {source.path}")


@templates.command("check", short_help="Check templates for errors before they are used.")
@click.option("--profile", "profile_name", metavar="NAME|PATH", default="default", show_default=True, help=PROFILE_HELP)
@_reports_errors
def templates_check(profile_name: str) -> None:
    """Check every packaged and override template: syntax errors, names the
    document does not provide (a misspelt field), terminology keys profiles do
    not define, attempts to read files or internals, '|default' hiding a
    required value, and Word-template traps (tags split across runs, curly
    quotes inside tags, narratives printed without {{p }}).

    Exit code 0 when every template is clean, 3 when there are findings.

    \b
    Example:
      permdocs templates check --profile samples/profiles/cover-page-council
    """
    from .profiles import load_profile
    from .template_check import check_templates

    findings = check_templates(load_profile(profile_name))
    for finding in findings:
        click.echo(str(finding))
    click.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}.")
    sys.exit(EXIT_FINDINGS if findings else 0)


@main.command(short_help="List the routes to permanence, or show one route's facts and sources.")
@click.argument("route", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@_reports_errors
def routes(route: str | None, as_json: bool) -> None:
    """List the routes to permanence in the knowledge base, or show one:
    its legal characteristics, standard advantages and disadvantages, when it
    may be appropriate, and the source of every point.

    \b
    Examples:
      permdocs routes
      permdocs routes sgo
      permdocs routes adoption --json
    """
    from .errors import UnknownRouteError
    from .knowledge import knowledge_base
    from .routes_report import route_json, route_text

    base = knowledge_base()
    if route is None:
        for info in base.routes:
            click.echo(f"{info.id:<24} {info.name}")
        return
    info = base.route(route)
    if info is None:
        raise UnknownRouteError(f"There is no route '{route}'. Choose from: {', '.join(r.id for r in base.routes)}.")
    click.echo(route_json(base, info) if as_json else route_text(base, info))
