"""The one place a Jinja environment is made, for HTML and DOCX alike.

Every environment is sandboxed, autoescaping and strict about undefined
values: templates may one day come from a council (untrusted), and a missing
value in a legal document must be an error, never an empty gap.
"""

from __future__ import annotations

import dataclasses
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment, safe_range
from jinja2.utils import Cycler, Joiner, Namespace

from ..base.narrative import NarrativeText
from ..errors import TemplateProblemError
from ..practice.calendar_dates import long_date


def capfirst(text: str) -> str:
    """Capitalise the first letter only: 'contact' -> 'Contact', 'Family Time' unchanged.

    Jinja's own ``capitalize`` lower-cases the rest, which would spoil a
    council's 'Child in Care Review'.
    """
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter in lower case, for a phrase that goes mid-sentence:
    'Three hours' -> 'three hours'; 'IRO' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


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


#: What one render may spend: iterations of range() loops, the size of a
#: string or list made by ``*``, and time. Generous for any real template,
#: small enough that a runaway one stops in seconds.
MAX_LOOP_ITERATIONS = 200_000
MAX_MADE_LENGTH = 1_000_000
MAX_RENDER_SECONDS = 30.0


@dataclass
class _Budget:
    iterations: int = MAX_LOOP_ITERATIONS
    deadline: float = 0.0

    def spend(self, iterations: int = 0) -> None:
        self.iterations -= iterations
        if self.iterations < 0:
            raise SecurityError(f"the template's loops ran more than {MAX_LOOP_ITERATIONS:,} times")
        if time.monotonic() > self.deadline:
            raise SecurityError(f"the template ran for more than {MAX_RENDER_SECONDS:.0f} seconds")


_BUDGET: ContextVar[_Budget | None] = ContextVar("permdocs_template_budget", default=None)


def _spend(iterations: int = 0) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend(iterations)


def _budgeted_range(*args: int) -> Iterator[int]:
    """range() that counts against the render's budget, item by item."""
    for number in safe_range(*args):
        _spend(1)
        yield number


class ContextOnlySandbox(SandboxedEnvironment):
    """A sandbox in which templates reach the context's data and nothing else.

    Jinja's own sandbox blocks private attributes but still lets a template
    call public methods on whatever it is given: a ``Path`` in the context
    would let ``.parent.joinpath(...).read_text()`` read any file. Here a
    template may read the fields of our context dataclasses, keys of plain
    mappings, a date's parts, and Jinja's own loop and macro helpers; every
    other attribute is refused with a SecurityError naming it.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``'x' * 10**10`` and ``10 ** 10**10`` would exhaust memory or time."""
        _spend()
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("the template raised a number to too high a power")
        if operator == "*":
            sized, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(sized, str | list | tuple) and isinstance(times, int) and len(sized) * times > MAX_MADE_LENGTH:
                raise SecurityError(f"the template made a string or list longer than {MAX_MADE_LENGTH:,}")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _spend()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """As Jinja's, but a failed lookup does not carry the key into the
        error message: ``x[child.full_name]`` would print the child's name."""
        _spend()
        found = super().getitem(obj, argument)
        if isinstance(found, Undefined):
            return self.undefined(obj=obj, name="(a key the template computed)")
        return found

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _spend()
        return super().call(__context, __obj, *args, **kwargs)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return attr in {field.name for field in dataclasses.fields(obj)}
        if isinstance(obj, Mapping):
            return False  # keys are reached by item lookup, never methods
        if isinstance(obj, date):
            return attr in _DATE_ATTRIBUTES
        return isinstance(obj, _JINJA_HELPERS)


_DATE_ATTRIBUTES = frozenset({"year", "month", "day", "isoformat"})
_JINJA_HELPERS = (LoopContext, Macro, Namespace, Cycler, Joiner)


class SuggestingUndefined(StrictUndefined):
    """StrictUndefined whose message, for a field a context object lacks,
    suggests the field the template probably meant (``council_adress`` ->
    ``council_address``). Names only, never values."""

    @property
    def _undefined_message(self) -> str:
        message = str(super()._undefined_message)
        owner, name = self._undefined_obj, self._undefined_name
        if isinstance(name, str) and dataclasses.is_dataclass(owner) and not isinstance(owner, type):
            from ..case.messages import did_you_mean

            choice = did_you_mean(name, [field.name for field in dataclasses.fields(owner)])
            if choice:
                message += f"; did you mean '{choice}'?"
        return message


def make_environment(loader: BaseLoader | None, markdown: Callable[[NarrativeText], Any]) -> SandboxedEnvironment:
    """A sandboxed, autoescaping, strict environment with permdocs' filters.

    ``markdown`` is the format's narrative renderer (HTML or WordprocessingML).
    """
    env = ContextOnlySandbox(
        loader=loader,
        undefined=SuggestingUndefined,
        autoescape=True,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["range"] = _budgeted_range
    env.filters["long_date"] = long_date
    env.filters["capfirst"] = capfirst
    env.filters["markdown"] = markdown
    return env


def render_checked(
    template_name: str, render: Callable[[], Any], *, report_line: bool = True, untrusted: bool = False
) -> Any:
    """Run a render call, turning any template failure into TemplateProblemError.

    The message names the template and line, and the kind of failure; it
    never includes values from the case. ``report_line`` is off for DOCX,
    where Jinja's line is a line of preprocessed XML, not of anything a
    template author can see. ``untrusted`` marks a council's own template,
    whose faults are the user's input to fix (exit 2), not our bugs (exit 1).
    """
    token = _BUDGET.set(_Budget(deadline=time.monotonic() + MAX_RENDER_SECONDS))
    try:
        return render()
    except TemplateSyntaxError as error:
        name = error.name or template_name
        raise TemplateProblemError(name, f"syntax error: {error.message}", error.lineno, untrusted=untrusted) from None
    except (TemplateError, MissingValueError) as error:
        detail = f"{type(error).__name__}: {_safe_message(error)}"
        name, line = _failing_template(template_name) if report_line else (template_name, None)
        raise TemplateProblemError(name, detail, line, untrusted=untrusted) from None
    except (RecursionError, ArithmeticError, TypeError, ValueError, LookupError, MemoryError) as error:
        if not untrusted:
            raise  # in our own templates, a bug
        # A council's template divided by zero, recursed without end, added
        # a number to a date...: its author's to fix. Type and place only.
        name, line = _failing_template(template_name) if report_line else (template_name, None)
        raise TemplateProblemError(name, f"{type(error).__name__} while rendering", line, untrusted=True) from None
    finally:
        _BUDGET.reset(token)


def _safe_message(error: Exception) -> str:
    # Undefined and sandbox errors name attributes and types, not values.
    return str(error).splitlines()[0][:300]


def _failing_template(template_name: str) -> tuple[str, int | None]:
    """The template (perhaps an included or parent one) and line that failed.

    Jinja rewrites tracebacks so that template frames carry the template's
    own file name and line number.
    """
    frames = traceback.extract_tb(sys.exc_info()[2])
    templates = [f for f in frames if f.filename and (f.filename.endswith((".html", ".j2")) or f.filename == "<template>")]
    if not templates:
        return template_name, None
    last = templates[-1]
    name = template_name if last.filename == "<template>" else last.filename.rsplit("/", 1)[-1]
    return name, last.lineno
