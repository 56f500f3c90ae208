"""Cold start: one case to one DOCX, a whole process, against a bare docxtpl
script rendering the same Word template with the same variables (make bench).

Wall time on a shared machine moves with everybody else's work, so the
processes take turns (permdocs, bare script, permdocs, ...) and each row is a
median. CPU time (user + system of the child process) is given beside the
wall time: it moves less with the machine's load. The last row says where a
cold render's import time still goes, from ``python -X importtime``: each
module's own time summed by package, largest first.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from timing import Measure, first_copy

ROOT = Path(__file__).resolve().parents[1]
BABY = ROOT / "samples" / "baby-in-proceedings.json"
PYTHON = sys.executable
TEMPLATE = ROOT / "src/permdocs/documents/care_plan_permanence/care-plan-permanence.docx"


def measures(quick: bool) -> list[Measure]:
    repeats = 1 if quick else 7
    out = Path(tempfile.mkdtemp(prefix="permdocs-cold-"))
    context = out / "context.json"
    context.write_text(json.dumps(_plain_variables()), encoding="utf-8")
    bare = out / "bare.py"
    bare.write_text(_BARE_SCRIPT, encoding="utf-8")
    render_command = [_permdocs_cli(), "render", str(BABY), "--doc", "care-plan-permanence", "--format", "docx",
                      "--out", str(out), "--force"]
    (render_wall, render_cpu), (bare_wall, bare_cpu), (help_wall, _), (nothing_wall, _) = _medians_taking_turns(
        [render_command, [PYTHON, str(bare), str(TEMPLATE), str(context)], [_permdocs_cli(), "--help"],
         [PYTHON, "-c", "pass"]],
        repeats=repeats,
    )
    return [
        Measure("Cold start: one case to DOCX", f"{render_wall:.2f} s", f"{bare_wall:.2f} s (bare docxtpl script)",
                render_wall / bare_wall, "<= 1.5x"),
        Measure("Cold start: one case to DOCX, CPU time", f"{render_cpu:.2f} s", f"{bare_cpu:.2f} s (bare docxtpl script)",
                render_cpu / bare_cpu, "<= 1.5x"),
        Measure("Cold start: permdocs --help, over bare python", f"+{help_wall - nothing_wall:.3f} s",
                f"{nothing_wall:.3f} s", None, "<= +0.15 s", help_wall - nothing_wall <= 0.15),
        Measure("Cold start: where the import time goes (ms, by package)", _import_breakdown(render_command), "", None, ""),
    ]


def _permdocs_cli() -> str:
    """The installed console script, as a practitioner runs it."""
    return str(Path(PYTHON).with_name("permdocs"))


def _medians_taking_turns(commands: list[list[str]], repeats: int) -> list[tuple[float, float]]:
    """Each command's median wall and CPU seconds, the commands run in turn
    (A B C A B C ...) so that a busy moment falls on all of them alike."""
    timings: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(repeats):
        for command, times in zip(commands, timings):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            times.append((wall, cpu))
    return [(statistics.median(w for w, _ in times), statistics.median(c for _, c in times)) for times in timings]


def _import_breakdown(command: list[str]) -> str:
    """Where one cold render's import time goes, from ``-X importtime``: each
    module's own time (not counting what it imports), summed by permdocs'
    stage package or by library, so that the parts add up to the total."""
    printed = subprocess.run([PYTHON, "-X", "importtime", "-c", _RUN_CLI, *command[1:]], check=True,
                             capture_output=True, text=True).stderr
    totals: dict[str, int] = {}
    for line in printed.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if found:
            parts = found.group(2).split(".")
            group = ".".join(parts[:2]) if parts[0] == "permdocs" else parts[0]
            totals[group] = totals.get(group, 0) + int(found.group(1))
    largest = sorted(totals.items(), key=lambda item: -item[1])[:10]
    return f"all {sum(totals.values()) / 1000:.0f}: " + ", ".join(f"{name} {us / 1000:.0f}" for name, us in largest)


#: The console script's own two lines, so that -X importtime can be given to it.
_RUN_CLI = "import sys; sys.argv[0] = 'permdocs'; from permdocs.cli import main; sys.exit(main())"


#: A bare script: import docxtpl, render the care plan's Word template with its
#: variables (narratives and blocks as text), save. What any docxtpl user pays.
_BARE_SCRIPT = '''
import io, json, sys
from docxtpl import DocxTemplate
from jinja2 import Environment
env = Environment(autoescape=True)
for name in ("blocks", "markdown", "capfirst", "long_date", "title_block", "draft_findings"):
    env.filters[name] = lambda value: value
template = DocxTemplate(sys.argv[1])
template.render(json.load(open(sys.argv[2])), env, autoescape=True)
template.save(io.BytesIO())
'''


def _plain_variables() -> dict[str, Any]:
    """The care plan's template variables as JSON: the bare script's data."""
    import dataclasses
    from datetime import date

    import permdocs
    from permdocs.base.narrative import NarrativeText
    from permdocs.writers import template_variables

    _, context = first_copy(permdocs.load_case(BABY), "care-plan-permanence")

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        if hasattr(value, "keys"):
            return {key: plain(value[key]) for key in value.keys()}
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, NarrativeText):
            return value.source
        return "" if isinstance(value, bytes) else value

    variables = {name: plain(value) for name, value in template_variables(context).items()}
    return variables | {"logo": None}


if __name__ == "__main__":
    for measure in measures(quick="--quick" in sys.argv):
        print(measure)
    print(os.getloadavg())
