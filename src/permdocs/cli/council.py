"""Commands for a council's business-support staff: templates and profiles."""

from __future__ import annotations

import sys

import click

from .common import EXIT_FINDINGS, PROFILE_HELP, reports_errors


@click.group(short_help="List or check the templates a profile uses.")
def templates() -> None:
    """List the templates (packaged and a council's overrides) or check them.
    The fields each document's templates can print are listed in
    docs/template-fields.md."""


@templates.command("list", short_help="Show every template and where it comes from.")
@click.option("--profile", "profile_name", metavar="NAME|PATH", default="default", show_default=True, help=PROFILE_HELP)
@reports_errors
def templates_list(profile_name: str) -> None:
    """Show every template and where it comes from: packaged, or the profile's
    override folder (searched first).

    \b
    Example (after 'permdocs samples'):
      permdocs templates list --profile samples/profiles/cover-page-council
    """
    from ..describe.template_check import template_sources
    from ..profiles import load_profile

    for source in template_sources(load_profile(profile_name)):
        click.echo(f"{source.kind:<5} {source.name:<32} {source.origin:<22} {source.path}")


@templates.command("check", short_help="Check templates for errors before they are used.")
@click.option("--profile", "profile_name", metavar="NAME|PATH", default="default", show_default=True, help=PROFILE_HELP)
@reports_errors
def templates_check(profile_name: str) -> None:
    """Check every packaged and override template: syntax errors, names the
    document does not provide (a misspelt field, with the likely right one),
    terminology keys profiles do not define, attempts to read files or
    internals, '|default' hiding a required value, and Word-template traps
    (tags split across runs, curly quotes inside tags, narratives printed
    without {{p }}).

    Exit code 0 when every template is clean, 3 when there are findings.

    \b
    Example (after 'permdocs samples'):
      permdocs templates check --profile samples/profiles/cover-page-council
    """
    from ..describe.template_check import check_templates
    from ..profiles import load_profile

    findings = check_templates(load_profile(profile_name))
    for finding in findings:
        click.echo(str(finding))
    click.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}.")
    sys.exit(EXIT_FINDINGS if findings else 0)


@templates.command("fields", short_help="List the fields each document's templates can print.")
@reports_errors
def templates_fields() -> None:
    """List, as Markdown, the fields each document's templates can print:
    the names a template starts from and every type they lead to, made from
    the documents' typed contexts (also in docs/template-fields.md).

    \b
    Example:
      permdocs templates fields > template-fields.md
    """
    from ..describe.template_fields import template_fields_markdown

    click.echo(template_fields_markdown(), nl=False)


@click.group(short_help="Make a council profile to edit.")
def profile() -> None:
    """Council profiles: the council's name, address, logo, colour, fonts,
    stylesheet, words and policy settings (see docs/profile-reference.md)."""


@profile.command("new", short_help="Copy a shipped profile into a folder to edit.")
@click.argument("folder", type=click.Path(file_okay=False, path_type=str))
@click.option("--from", "source", default="default", show_default=True, help="The shipped profile to start from.")
@click.option("--force", is_flag=True, help="Replace the files if the folder already holds a profile.")
@reports_errors
def profile_new(folder: str, source: str, force: bool) -> None:
    """Copy a shipped profile (by default 'default') into FOLDER, with its
    logo, and name it after the folder. Edit profile.toml there, then render
    with --profile FOLDER.

    \b
    Examples:
      permdocs profile new our-council
      permdocs profile new our-council-devon --from devon-style
    """
    from ..profiles.starter import copy_of_shipped_profile

    for path in copy_of_shipped_profile(source, folder, force=force):
        click.echo(f"wrote {path}")
    click.echo(
        f"Edit {folder}/profile.toml (each key is explained in docs/profile-reference.md), then check it with "
        f"'permdocs templates check --profile {folder}' and render with '--profile {folder}'."
    )
