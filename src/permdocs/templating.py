"""The one place a Jinja environment is made, for HTML and DOCX alike.

Every environment is sandboxed, autoescaping and strict about undefined
values: templates may one day come from a council (untrusted), and a missing
value in a legal document must be an error, never an empty gap.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import date
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from .errors import TemplateProblemError
from .narrative import NarrativeText

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def long_date(value: date) -> str:
    """``2026-05-09`` -> ``9 May 2026``, the form used in English court documents.

    Month names come from a fixed table, not the locale, so output does not
    depend on the machine it is rendered on.
    """
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def capfirst(text: str) -> str:
    """Capitalise the first letter only: 'contact' -> 'Contact', 'Family Time' unchanged.

    Jinja's own ``capitalize`` lower-cases the rest, which would spoil a
    council's 'Child in Care Review'.
    """
    return text[:1].upper() + text[1:]


class MissingValueError(ValueError):
    """A template printed ``None`` or a narrative without the markdown filter."""


def finalize(value: Any) -> Any:
    """Refuse values that would print wrongly rather than render them.

    StrictUndefined catches names that do not exist; this catches the two
    mistakes it lets through: an optional value printed without an
    ``is not none`` test (Jinja would print "None"), and narrative text
    printed without the ``markdown`` filter (literal asterisks).
    """
    if value is None:
        raise MissingValueError("a template printed an empty (None) value; test it with 'is not none' first")
    if isinstance(value, NarrativeText):
        raise MissingValueError("a narrative was printed without the 'markdown' filter")
    if isinstance(value, date):
        return long_date(value)
    return value


def make_environment(loader: BaseLoader | None, markdown: Callable[[NarrativeText], Any]) -> SandboxedEnvironment:
    """A sandboxed, autoescaping, strict environment with permdocs' filters.

    ``markdown`` is the format's narrative renderer (HTML or WordprocessingML).
    """
    env = SandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["capfirst"] = capfirst
    env.filters["markdown"] = markdown
    return env


def render_checked(template_name: str, render: Callable[[], Any], *, report_line: bool = True) -> Any:
    """Run a render call, turning any template failure into TemplateProblemError.

    The message names the template and line, and the kind of failure; it
    never includes values from the case. ``report_line`` is off for DOCX,
    where Jinja's line is a line of preprocessed XML, not of anything a
    template author can see.
    """
    try:
        return render()
    except TemplateSyntaxError as error:
        raise TemplateProblemError(template_name, f"syntax error: {error.message}", error.lineno) from None
    except (TemplateError, MissingValueError) as error:
        detail = f"{type(error).__name__}: {_safe_message(error)}"
        line = _template_line(template_name) if report_line else None
        raise TemplateProblemError(template_name, detail, line) from None


def _safe_message(error: Exception) -> str:
    # Undefined and sandbox errors name attributes and types, not values.
    return str(error).splitlines()[0][:300]


def _template_line(template_name: str) -> int | None:
    # Jinja rewrites tracebacks so that template frames carry the template's
    # own file name and line number.
    frames = traceback.extract_tb(sys.exc_info()[2])
    names = (template_name, "<template>")
    lines = [frame.lineno for frame in frames if frame.filename and frame.filename.endswith(names)]
    return lines[-1] if lines else None
