"""``permdocs new``: a starter case to fill in, optionally by answering
questions about the child and the plans."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from .common import reports_errors

Location = tuple[str | int, ...]

#: What the guided mode asks: the child's details, the legal status and the
#: plans. Everything else is left as placeholders, to write in the file.
CHILD_QUESTIONS: list[Location] = [
    ("child", field) for field in (
        "case_reference", "given_names", "family_name", "preferred_name", "date_of_birth", "gender",
        "ethnicity", "nationality", "religion", "first_language",
    )
]
LEGAL_QUESTIONS: list[Location] = [
    ("legal_basis", 0, "kind"), ("legal_basis", 0, "made_on"), ("care_episode", "looked_after_on"),
]
PLAN_FIELDS = ("route", "summary", "target_date", "status")
#: Prompts whose field title alone would not say enough.
LABELS: dict[Location, str] = {
    ("legal_basis", 0, "kind"): "Legal status now (the order, or section_20)",
    ("legal_basis", 0, "made_on"): "The date that order was made, or s.20 accommodation began",
}


@click.command(short_help="Write a starter case file to fill in.")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--interactive", "-i", is_flag=True, help="Ask for the child's details and the plans, and fill them in.")
@click.option("--force", is_flag=True, help="Replace the file (and case.schema.json beside it) if it exists.")
@reports_errors
def new(case_file: str, interactive: bool, force: bool) -> None:
    """Write a starter case: every field a case needs, each holding a
    "FILL IN: ..." text that says what to write there. permdocs refuses the
    case, naming each field still to fill in, until none is left. Beside it
    goes case.schema.json, which the case's "$schema" key names, so that
    editors such as VS Code complete field names and underline mistakes.

    With --interactive, permdocs asks for the child's details, the legal
    status and the plans first, checking each answer as you give it.

    \b
    Examples:
      permdocs new case.json
      permdocs new case.json --interactive
    """
    from ..base.output import write_files
    from ..case.starter import SCHEMA_FILE, starter_case, starter_text
    from ..describe.schemas import schema_text

    target = Path(case_file)
    case = starter_case(date.today())
    if interactive:
        _ask(case)
    files = {target.name: starter_text(case).encode("utf-8")}
    schema = schema_text("case").encode("utf-8")
    existing_schema = target.parent / SCHEMA_FILE
    schema_note = None
    if force or not existing_schema.exists():
        files[SCHEMA_FILE] = schema
    elif existing_schema.read_bytes() != schema:
        schema_note = (
            f"left {existing_schema} as it was: it is not this version's schema. "
            f"Run 'permdocs schema > {existing_schema}' to bring it up to date."
        )
    write_files(files, target.parent, force=force, keep_record=False, instead="file name")
    click.echo(f"wrote {target}: a starter case. Replace every \"FILL IN: ...\" text, then run 'permdocs validate {target}'.")
    if SCHEMA_FILE in files:
        click.echo(f"wrote {existing_schema}: the schema your editor reads through the case's \"$schema\" key.")
    if schema_note:
        click.echo(schema_note, err=True)
    click.echo("Every field is described in the field reference: 'permdocs schema --format html > case-reference.html'.")


def _ask(case: dict[str, Any]) -> None:
    """Fill the starter's child, legal status and plans from answers, each
    checked against the case model as it is given."""
    blank_plan = copy.deepcopy(case["plans"]["contingency"])
    listed: set[tuple[str, ...]] = set()
    click.echo("About the child (press Enter to leave a field to fill in later):")
    for loc in CHILD_QUESTIONS + LEGAL_QUESTIONS:
        _ask_one(case, loc, listed)
    click.echo("The primary plan:")
    for name in PLAN_FIELDS:
        _ask_one(case, ("plans", "primary", name), listed)
    if click.confirm("Is there a parallel plan (twin-track planning)?", default=False):
        case["plans"]["parallel"] = [blank_plan]
        for name in PLAN_FIELDS:
            _ask_one(case, ("plans", "parallel", 0, name), listed)
    click.echo("The contingency plan (what happens if the primary plan cannot be achieved):")
    for name in PLAN_FIELDS:
        _ask_one(case, ("plans", "contingency", name), listed)


def _ask_one(case: dict[str, Any], loc: Location, listed: set[tuple[str, ...]]) -> None:
    """One question. A field taking codes lists them with their meanings
    the first time those codes come up."""
    import textwrap

    field = _field_schema(loc)
    codes = _codes(loc)
    label = LABELS.get(loc, str(field.get("title", loc[-1])))
    key = tuple(code for code, _ in codes)
    if codes and key not in listed:
        listed.add(key)
        click.echo(f"  {label}: one of these codes")
        for code, meaning in codes:
            click.echo(textwrap.fill(meaning, width=100, initial_indent=f"    {code:<29} ", subsequent_indent=" " * 34))
    answer = click.prompt(
        label + (" (a code from the list above)" if codes else ""),
        default="", show_default=False,
        value_proc=_checked(loc, [code for code, _ in codes], label),
    )
    if answer != "":
        node: Any = case
        for step in loc[:-1]:
            node = node[step]
        node[loc[-1]] = answer


def _field_schema(loc: Location) -> Any:
    from ..case.messages import field_at
    from ..describe.schemas import published_schema

    return field_at(published_schema("case"), loc) or {}


def _codes(loc: Location) -> list[tuple[str, str]]:
    from ..case.messages import codes_of
    from ..describe.schemas import published_schema

    return codes_of(published_schema("case"), loc)


def _checked(loc: Location, codes: list[str], label: str) -> Callable[[str], str]:
    """A prompt's check: the answer validated as the case model would
    validate that field, its problem said in the same plain words."""

    def check(answer: str) -> str:
        from ..case.messages import aliases_of, did_you_mean, fold
        from ..describe.schemas import published_schema

        answer = answer.strip()
        if answer == "":
            return answer
        if codes:
            chosen = did_you_mean(answer, codes, aliases_of(published_schema("case"), loc))
            if chosen is not None and fold(chosen) == fold(answer):
                return chosen
            hint = f" Did you mean '{chosen}'?" if chosen else ""
            raise click.BadParameter(f"give one of the codes listed above.{hint}")
        problem = _problem_with(loc, answer)
        if problem:
            raise click.BadParameter(f"{label} {problem}")
        return answer

    return check


def _problem_with(loc: Location, answer: str) -> str | None:
    from pydantic import TypeAdapter, ValidationError

    from ..case.messages import plain_message
    from ..describe.schemas import published_schema

    try:
        TypeAdapter(_annotation(loc)).validate_json(json.dumps(answer))
    except ValidationError as error:
        return plain_message(error.errors(include_url=False)[0], published_schema("case"), loc)
    return None


def _annotation(loc: Location) -> Any:
    """The model field's type at ``loc``, constraints included."""
    import typing
    from typing import Annotated

    from ..case.model import Case
    from ..case.starter import unwrap_optional

    model: Any = Case
    for step in loc:
        if isinstance(step, int):
            continue
        info = model.model_fields[step]
        hint = unwrap_optional(info.annotation)
        if typing.get_origin(hint) is list:
            hint = typing.get_args(hint)[0]
        if hasattr(hint, "model_fields"):
            model = hint
            continue
        return Annotated[hint, *info.metadata] if info.metadata else hint
    return model
