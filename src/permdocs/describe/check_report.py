"""How `permdocs check` shows its results: rich tables for people, JSON for
case systems. Both list findings by severity, then the key dates."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from ..checks import Finding, KeyDate, Severity
from ..checks.cpr_rules import GROUP_PREFIX as CPR_GROUP_PREFIX
from ..checks.cpr_rules import GROUP_TITLE as CPR_GROUP_TITLE
from ..text.templating import long_date


def group_of(finding: Finding) -> str:
    """Which list a finding belongs to: ``cpr`` for the Child's Permanence
    Report's completeness and consistency, ``practice`` for the rest."""
    return "cpr" if finding.rule.startswith(CPR_GROUP_PREFIX) else "practice"


def report_json(findings: list[Finding], key_dates: list[KeyDate], as_of: date) -> str:
    """A stable JSON document: counts, findings (each with its group) and key dates (ISO dates)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    document = {
        "as_of": as_of.isoformat(),
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [{**asdict(f), "group": group_of(f)} for f in findings],
        "key_dates": [
            {key: value.isoformat() if isinstance(value, date) else value for key, value in asdict(row).items()}
            for row in key_dates
        ],
    }
    return json.dumps(document, indent=2, default=str)


def print_report(
    findings: list[Finding], key_dates: list[KeyDate], as_of: date, console: Any = None, *, has_report: bool = False
) -> None:
    """Findings grouped by severity, then key dates, as terminal tables.

    A JSON path is never broken across lines (a worker copies it to find
    the field), so the Where column is as wide as its longest path and the
    finding, its hint and its source share the column that is left.
    ``has_report``: the case holds a Child's Permanence Report, whose group
    is listed even when it is clean, so that "nothing missing" is said, not
    left to be inferred from an absent table.
    """
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = console or Console(highlight=False)
    console.print(f"Checked as on {long_date(as_of)}.")
    # The CPR's completeness findings are a group of their own: a checklist
    # of the report's sections still to write.
    report = [f for f in findings if group_of(f) == "cpr"]
    groups = [
        *((f"{severity.value.capitalize()}s", colour, [f for f in findings if f.severity is severity and f not in report])
          for severity, colour in ((Severity.ERROR, "red"), (Severity.WARNING, "yellow"))),
        (CPR_GROUP_TITLE, "magenta", report),
    ]
    # On a narrow terminal a table would squeeze each finding into a sliver
    # beside a long path: then every finding gets the whole width instead.
    stacked = bool(findings) and max(len(f.rule) + len(f.path) for f in findings) + 10 > console.width // 2
    for title, colour, group in groups:
        if not group:
            continue
        if stacked:
            console.print(Text(f"{title} ({len(group)})", style=f"bold {colour}"))
            for finding in group:
                console.print(Text(f"{finding.rule}  ", style="bold") + Text(finding.path), no_wrap=True, overflow="ignore",
                              crop=False)
                console.print(Padding(_finding_text(finding), (0, 0, 1, 2)))
            continue
        table = Table(title=f"{title} ({len(group)})", title_style=f"bold {colour}", show_lines=True)
        table.add_column("Rule", no_wrap=True)
        table.add_column("Where", no_wrap=True, min_width=max(len(f.path) for f in group))
        table.add_column("Finding", overflow="fold", ratio=1)
        for finding in group:
            table.add_row(finding.rule, finding.path, _finding_text(finding))
        console.print(table)
    if has_report and not report:
        console.print(f"[magenta]{CPR_GROUP_TITLE}[/magenta]: nothing missing or inconsistent.")
    if not findings:
        console.print("[green]No findings.[/green]")
    table = Table(title="Key dates", show_lines=False)
    for column in ("What", "Due", "Happened", "Status"):
        table.add_column(column)
    for row in key_dates:
        happened = long_date(row.actual) if row.actual else (f"planned {long_date(row.planned)}" if row.planned else "")
        table.add_row(row.label, long_date(row.due), happened, row.status.value)
    console.print(table)


def _finding_text(finding: Finding) -> Any:
    """A finding's message, its hint and its source, one under another."""
    from rich.text import Text

    text = Text(finding.message)
    if finding.hint:
        text.append(f"\nHint: {finding.hint}", style="bold")
    text.append(f"\nSource: {finding.source}", style="dim")
    return text
