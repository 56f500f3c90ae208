"""Commands about case files: validate, check, review-letter, schema and samples."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_INPUT, PROFILE_HELP, IsoDate, plural, profile_for, reports_errors


@click.command(short_help="Check case files and list their problems.")
@click.argument("case_files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@reports_errors
def validate(case_files: tuple[str, ...]) -> None:
    """Check case files against the case model, without rendering anything.

    Every problem in each file is listed, by the JSON path of the field
    concerned, in the order the fields come in the file. Exit code 0 when
    every file is valid, 2 when any is not.

    \b
    Examples (after 'permdocs samples'):
      permdocs validate samples/baby-in-proceedings.json
      permdocs validate samples/*.json
    """
    import permdocs

    invalid = 0
    for case_file in case_files:
        try:
            permdocs.load_case(Path(case_file))
        except permdocs.InvalidCaseError as error:
            invalid += 1
            click.echo(f"permdocs: {case_file}: {error.command_line_message()}", err=True)
        else:
            click.echo(f"{case_file}: valid")
    if len(case_files) > 1 and invalid:
        click.echo(f"permdocs: {plural(invalid, 'file')} of {len(case_files)} invalid", err=True)
    sys.exit(EXIT_INPUT if invalid else 0)


@click.command(short_help="Check a case against the practice rules and timescales.")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output for case systems.")
@click.option("--as-of", type=IsoDate(), help="Judge the case as on this day (default: the case's prepared_on date).")
@click.option("--profile", "profile_name", metavar="NAME|PATH", help=PROFILE_HELP)
@reports_errors
def check(case_file: str, as_json: bool, as_of: date | None, profile_name: str | None) -> None:
    """Check a case: statutory key dates, and rules a plan must meet.

    Exit code 0 when there are no errors (warnings are allowed), 3 when there
    are errors, 2 when the case file itself is invalid, 1 for a bug in permdocs.

    \b
    Examples (after 'permdocs samples'):
      permdocs check samples/baby-in-proceedings.json
      permdocs check samples/baby-in-proceedings.json --json
      permdocs check samples/baby-in-proceedings.json --as-of 2027-01-31
    """
    import permdocs

    from .. import checks
    from ..describe.check_report import print_report, report_json
    from ..rendering.pipeline import findings_for

    case = permdocs.load_case(Path(case_file))
    profile = profile_for(case, profile_name)
    settings = profile.settings
    day = as_of or case.prepared_on
    findings = findings_for(case, profile, day)
    dates = checks.key_dates(case, settings, as_of=day)
    if as_json:
        click.echo(report_json(findings, dates, day))
    else:
        print_report(findings, dates, day, has_report=case.cpr is not None)
    sys.exit(EXIT_FINDINGS if checks.errors_in(findings) else 0)


@click.command("review-letter", short_help="Review the language of a later-life letter.")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--profile", "profile_name", metavar="NAME|PATH", help=PROFILE_HELP)
@reports_errors
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
    Examples (after 'permdocs samples'):
      permdocs review-letter samples/letter-first-draft.json
      permdocs review-letter samples/letter-first-draft.json --json
    """
    import permdocs

    from ..errors import DocumentNotApplicableError
    from ..practice import letter_review

    case = permdocs.load_case(Path(case_file))
    letter = case.later_life_letter
    if letter is None:
        raise DocumentNotApplicableError("The case has no later-life letter ($.later_life_letter).")
    words = dict(profile_for(case, profile_name).settings.plain_words)
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


@click.command(short_help="Print the schema of the case file (or a profile), or its field reference.")
@click.option(
    "--of", "which", type=click.Choice(["case", "profile", "routes", "bundle"], case_sensitive=False), default="case",
    show_default=True, help="Which file's schema.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "markdown", "html"], case_sensitive=False), default="json",
    show_default=True,
    help="json: the JSON Schema, for editors and case systems; markdown or html: the field reference, for people.",
)
@reports_errors
def schema(which: str, fmt: str) -> None:
    """Print the JSON Schema of the case file (also in schemas/case.schema.json),
    or the field reference made from it: every field's title, description,
    type, whether it is required, the codes it takes with what each means,
    and an example (also in docs/case-reference.md and .html).

    The schema helps editors and case systems; the case model is the final
    authority, since some rules (such as a review dated before the child
    became looked after) cannot be expressed in JSON Schema.

    \b
    Examples:
      permdocs schema > case.schema.json
      permdocs schema --format markdown > case-reference.md
      permdocs schema --format html > case-reference.html
      permdocs schema --of profile > profile.schema.json
    """
    from ..describe.schemas import schema_text

    fmt, which = fmt.lower(), which.lower()
    if fmt == "json":
        click.echo(schema_text(which), nl=False)
        return
    from ..describe.reference import reference_html, reference_markdown

    click.echo(reference_markdown(which) if fmt == "markdown" else reference_html(which), nl=False)


@click.command(short_help="Copy the sample cases, profiles and schemas into a folder.")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=str))
@click.option("--force", is_flag=True, help="Replace files of the same names that are already there.")
@reports_errors
def samples(folder: str, force: bool) -> None:
    """Copy permdocs' sample cases (fictional children), sample council
    profiles and bundle, and the published schemas into FOLDER (by default
    the current one), as samples/ and schemas/, so that the examples in
    every command's --help work as written.

    \b
    Examples:
      permdocs samples
      permdocs samples try-permdocs
    """
    from ..base.output import write_files
    from ..base.resources import sample_files
    from ..describe.schemas import SCHEMA_NAMES, schema_text

    files = {f"samples/{name}": data for name, data in sample_files().items()}
    files |= {f"schemas/{name}.schema.json": schema_text(name).encode() for name in SCHEMA_NAMES}
    written = write_files(files, folder, force=force, keep_record=False)
    click.echo(f"wrote {len(written)} files into {folder}: samples/ (cases, profiles, a bundle) and schemas/")
    click.echo(f"Try: permdocs validate {_inside(folder, 'samples/baby-in-proceedings.json')}")


def _inside(folder: str, name: str) -> str:
    return name if folder in (".", "./") else f"{folder.rstrip('/')}/{name}"
