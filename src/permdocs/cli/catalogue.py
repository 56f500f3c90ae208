"""Commands that describe what permdocs offers: documents, routes, and court bundles."""

from __future__ import annotations

import json

import click

from .common import plural, reports_errors


@click.command(short_help="Build a court bundle: one indexed, bookmarked, paginated PDF.")
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
@reports_errors
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
    Examples (after 'permdocs samples'):
      permdocs bundle samples/bundle.yaml --out out/bundle.pdf
      permdocs bundle samples/bundle.yaml --out out/bundle.pdf --numbering continuous --force
    """
    from ..bundle import build_bundle, check_bundle_target, load_manifest, write_bundle
    from ..errors import in_command_line_words

    loaded = load_manifest(manifest_file)
    # Before the build, which can take a minute (rendering, OCR): an output
    # in the way is reported at once. write_bundle checks again.
    check_bundle_target(out_file, force=force)
    built = build_bundle(loaded, numbering=numbering.lower(), ocr=ocr)  # type: ignore[arg-type]
    path = write_bundle(built, out_file, force=force)
    for warning in built.warnings:
        click.echo(f"warning: {in_command_line_words(warning)}", err=True)
    pages, sections = built.body_pages, len(built.sections)
    click.echo(
        f"wrote {path}: {plural(pages, 'page')} in {plural(sections, 'section')}, "
        f"after {built.front_pages} pages of front sheet and index"
    )


@click.command(short_help="List document types, their audiences and what each reads.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@reports_errors
def docs(as_json: bool) -> None:
    """List the document types: what each is, the audiences (copies) it
    offers and what each audience withholds, its own options (--option)
    and parts (--part), and the parts of the case it reads. Case systems and the Makefile read the --json form. The fields
    each document's templates can print are in docs/template-fields.md.

    \b
    Examples:
      permdocs docs
      permdocs docs --json
    """
    from ..documents import DOCUMENTS

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
                "options": {
                    name: {"summary": option.summary, "takes": option.takes, "ids_from": option.ids_from}
                    for name, option in d.options.items()
                },
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
        for name, option in document.options.items():
            value = "=ID" if option.takes == "an-id" else ""
            click.echo(f"  --option {name}{value}: {option.summary}")
        for name, part in document.parts.items():
            click.echo(f"  --part {name}: {part.title}. {part.summary}")
        click.echo(f"  Reads: {', '.join(document.reads)}")


@click.command(short_help="List the routes to permanence, or show one route's facts and sources.")
@click.argument("route", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@reports_errors
def routes(route: str | None, as_json: bool) -> None:
    """List the routes to permanence by the code a case file uses for each
    (in options[].route and the plans' route), with what each means; or
    show one route: its legal characteristics, standard advantages and
    disadvantages, when it may be appropriate, and the source of every
    point. ROUTE is a case code (connected_persons_fostering) or a short
    name (kinship, sgo, cao), in any case, with hyphens or underscores.

    \b
    Examples:
      permdocs routes
      permdocs routes connected_persons_fostering
      permdocs routes sgo
      permdocs routes adoption --json
    """
    from ..case.messages import did_you_mean
    from ..case.planning import Route
    from ..describe.routes_report import route_json, route_listing, route_text
    from ..errors import UnknownRouteError
    from ..practice.knowledge import knowledge_base

    base = knowledge_base()
    if route is None:
        click.echo(route_listing(base))
        return
    info = base.route(route)
    if info is None:
        names = [r.value for r in Route] + [n for i in base.routes for n in (i.id, *i.aliases)]
        suggestion = did_you_mean(route, names)
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        raise UnknownRouteError(f"There is no such route.{hint} The codes: {', '.join(r.value for r in Route)}.")
    click.echo(route_json(base, info) if as_json else route_text(base, info))
