"""The shared Jinja environment: strict, sandboxed and autoescaping."""

from __future__ import annotations

from datetime import date

import pytest
from jinja2 import DictLoader
from jinja2.exceptions import SecurityError, UndefinedError

from permdocs.base.narrative import NarrativeText
from permdocs.errors import TemplateProblemError
from permdocs.text.templating import MissingValueError, long_date, make_environment, render_checked


def env(**templates: str):  # type: ignore[no-untyped-def]
    return make_environment(DictLoader(templates), markdown=lambda text: f"[md:{text.source}]")


def test_missing_names_are_errors_not_gaps() -> None:
    with pytest.raises(UndefinedError):
        env(t="Hello {{ child.name }}").get_template("t").render(child={})


def test_none_is_refused_rather_than_printed() -> None:
    with pytest.raises(MissingValueError):
        env(t="Born {{ dob }}").get_template("t").render(dob=None)


def test_narratives_must_go_through_the_markdown_filter() -> None:
    template = env(bad="{{ text }}", good="{{ text|markdown }}")
    with pytest.raises(MissingValueError):
        template.get_template("bad").render(text=NarrativeText("**x**"))
    assert template.get_template("good").render(text=NarrativeText("**x**")) == "[md:**x**]"


def test_values_are_escaped_and_never_evaluated() -> None:
    rendered = env(t="{{ v }}").get_template("t").render(v="{{ 7*7 }} <script> & \" '")
    assert rendered == "{{ 7*7 }} &lt;script&gt; &amp; &#34; &#39;"


def test_dates_print_in_long_british_form() -> None:
    assert env(t="{{ d }}").get_template("t").render(d=date(2026, 5, 9)) == "9 May 2026"
    assert long_date(date(2027, 1, 1)) == "1 January 2027"


def test_the_sandbox_blocks_internals() -> None:
    with pytest.raises(SecurityError):
        env(t="{{ ''.__class__.__mro__ }}").get_template("t").render()


def test_template_failures_name_the_template_and_line() -> None:
    template = env(**{"doc.html": "line one\n{{ missing.value }}"}).get_template("doc.html")
    with pytest.raises(TemplateProblemError) as caught:
        render_checked("doc.html", lambda: template.render())
    assert caught.value.template == "doc.html"
    assert caught.value.line == 2


def test_templates_reach_context_fields_but_not_methods_or_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import dataclass
    from pathlib import Path
    from types import MappingProxyType

    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")

    @dataclass
    class Holder:
        name: str
        path: Path

        def shout(self) -> str:
            return self.name.upper()

    holder = Holder("Ada", secret)
    render = lambda source, **values: env(t=source).get_template("t").render(**values)  # noqa: E731
    assert render("{{ h.name }}", h=holder) == "Ada"
    assert render("{{ terms.review }}", terms=MappingProxyType({"review": "review"})) == "review"
    assert render("{{ d.isoformat() }} {{ d.year }}", d=date(2026, 5, 9)) == "2026-05-09 2026"
    assert render("{% for x in [1, 2] %}{{ loop.index }}{% endfor %}") == "12"
    for attempt in ("{{ h.path.read_text() }}", "{{ h.shout() }}", "{{ terms.items() }}", "{{ h.name.upper() }}"):
        with pytest.raises(SecurityError):
            render(attempt, h=holder, terms=MappingProxyType({}))
