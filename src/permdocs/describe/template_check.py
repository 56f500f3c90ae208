"""Check templates before anyone renders with them (`permdocs templates check`).

Every packaged template and every override in a profile is parsed and read
against the typed context of its document, so that a misspelt field, an
unknown terminology key, a forbidden attribute or a syntax error is found at
once, with its place, instead of halfway through a court deadline. Word
templates are also linted for the docxtpl traps listed in PITFALLS.md s.2.

The reading is static: every branch is checked, not only the ones a sample
case happens to take. Rendering still enforces the same rules at run time.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import docx
from jinja2 import TemplateSyntaxError, nodes
from lxml import etree

from ..base.resources import override_dir, templates_dir
from ..documents import DOCUMENTS
from ..profiles import LoadedProfile
from ..profiles.model import Terms
from ..text.templating import make_environment
from ..text.untrusted import inside
from ..writers.docx_styles import missing_styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Names every template may use besides its context's fields.
EXTRA_NAMES = {"html": {"terms", "stylesheet", "print_stylesheet", "council_stylesheet", "court_stylesheet", "bundle_stylesheet", "logo"}, "docx": {"terms", "logo"}}
DATE_ATTRIBUTES = {"year", "month", "day", "isoformat"}


@dataclass(frozen=True)
class TemplateSource:
    """One template file and where it comes from."""

    kind: str  # "html" or "docx"
    name: str
    origin: str  # "packaged", "override" or "packaged (overridden)"
    path: Path


@dataclass(frozen=True)
class TemplateFinding:
    template: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.template}, {self.where}: {self.message}"


def template_sources(profile: LoadedProfile) -> list[TemplateSource]:
    """Every template, packaged and the profile's overrides, in a stable order."""
    sources = []
    for kind, pattern in (("html", "**/*.html"), ("docx", "*.docx")):
        overrides = override_dir(profile.overrides_dir, kind)
        overridden = {p.relative_to(overrides).as_posix() for p in overrides.glob(pattern)} if overrides else set()
        for name, path in _packaged(kind, pattern):
            origin = "packaged (overridden)" if name in overridden else "packaged"
            sources.append(TemplateSource(kind, name, origin, path))
        if overrides:
            sources += [
                TemplateSource(kind, p.relative_to(overrides).as_posix(), "override", p) for p in sorted(overrides.glob(pattern))
            ]
    reference = profile.reference_docx_path
    if reference is not None:
        sources.append(TemplateSource("docx", reference.name, "reference", reference))
    return sources


def _packaged(kind: str, pattern: str) -> list[tuple[str, Path]]:
    """Packaged templates of one kind: the shared ones, then each document's own."""
    found: list[tuple[str, Path]] = []
    shared = templates_dir() / kind
    if shared.is_dir():
        found += [(p.relative_to(shared).as_posix(), p) for p in sorted(shared.glob(pattern))]
    for document in DOCUMENTS.values():
        layouts = ("", *document.word_layouts) if kind == "docx" else ("",)
        for layout in layouts:
            path = document.template(kind, layout)
            if path.is_file():
                found.append((path.name, path))
    return found


def check_templates(profile: LoadedProfile) -> list[TemplateFinding]:
    """Every finding in every template the profile would use or provide."""
    sources = template_sources(profile)
    known = {(s.kind, s.name) for s in sources}
    findings: list[TemplateFinding] = []
    for source in sources:
        label = f"{source.kind}/{source.name} ({source.origin})"
        if source.origin in ("override", "reference") and not inside(profile.folder, source.path):
            # Never read it: it could be any file on the machine.
            findings.append(TemplateFinding(label, "the file", "is a link to a file outside the profile's folder"))
        elif source.kind == "html":
            findings += _check_html(source, label, known)
        else:
            findings += _check_docx(source, label, known)
    return findings


# --- HTML -----------------------------------------------------------------

def _check_html(source: TemplateSource, label: str, known: set[tuple[str, str]]) -> list[TemplateFinding]:
    text = source.path.read_text(encoding="utf-8")
    try:
        tree = _environment().parse(text)
    except TemplateSyntaxError as error:
        return [TemplateFinding(label, f"line {error.lineno}", f"syntax error: {error.message}")]
    findings = [TemplateFinding(label, f"line {line}", message) for line, message in _unsafe_html(text)]
    for line, message in _read_against_contexts(tree, source, known):
        findings.append(TemplateFinding(label, f"line {line}", message))
    return findings


_UNSAFE_HTML = (
    (re.compile(r"<\s*(script|iframe|object|embed|link|base|form|frame|svg)\b", re.I), "the element <{0}> is not allowed"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handlers (on...=) are not allowed"),
    (re.compile(r"\b(?:src|href|srcset|action|background)\s*=\s*[\"']?\s*(https?:|file:|ftp:|//)", re.I),
     "a link or image points outside the document ({0}); only data: images and #links are allowed"),
    (re.compile(r"url\(\s*[\"']?(?!\s*data:)([a-z]+:|/)", re.I), "a stylesheet loads a resource from outside the document"),
    (re.compile(r"@import", re.I), "a stylesheet imports another (@import)"),
)


def _unsafe_html(text: str) -> Iterator[tuple[int, str]]:
    """What render would refuse in a council's HTML, found in the source."""
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, message in _UNSAFE_HTML:
            match = pattern.search(line)
            if match:
                yield number, message.format(*(g.lower() for g in match.groups()))


# --- DOCX -----------------------------------------------------------------

_CONTROL_PREFIX = re.compile(r"\{([{%])(p|r|tr|tc) ")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def _check_docx(source: TemplateSource, label: str, known: set[tuple[str, str]]) -> list[TemplateFinding]:
    findings = []
    try:
        word = docx.Document(str(source.path))
    except Exception:  # noqa: BLE001 - any failure to open is the finding
        return [TemplateFinding(label, "the file", "is not a Word document that permdocs can open")]
    if source.origin != "reference":
        findings += [
            TemplateFinding(label, "styles", f"the template has no style called '{name}', which permdocs draws with")
            for name in missing_styles(word)
        ]
    with zipfile.ZipFile(source.path) as archive:
        parts = sorted(n for n in archive.namelist() if re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", n))
        xml = {name: archive.read(name) for name in parts}
    for part, content in xml.items():
        paragraphs = list(etree.fromstring(content).iter(f"{W}p"))
        texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs]
        for paragraph, text in zip(paragraphs, texts):
            findings += [TemplateFinding(label, _where(part, text), m) for m in _docx_pitfalls(paragraph, text)]
        # One paragraph per line: Jinja's line numbers then name paragraphs.
        source_text = "\n".join(_CONTROL_PREFIX.sub(lambda m: "{" + m.group(1) + " ", t) for t in texts)
        try:
            tree = _environment().parse(source_text)
        except TemplateSyntaxError as error:
            # The character offset is into our one-paragraph-per-line text, not the document.
            message = re.sub(r" at \d+$", "", error.message or "")
            findings.append(TemplateFinding(label, _where(part, texts[error.lineno - 1]), f"syntax error: {message}"))
            continue
        for line, message in _read_against_contexts(tree, source, known):
            findings.append(TemplateFinding(label, _where(part, texts[line - 1]), message))
    return findings


def _where(part: str, paragraph_text: str) -> str:
    snippet = paragraph_text if len(paragraph_text) <= 70 else paragraph_text[:67] + "..."
    return f'{part.removeprefix("word/")}, paragraph "{snippet}"'


def _docx_pitfalls(paragraph: Any, text: str) -> Iterator[str]:
    runs = [t.text or "" for t in paragraph.iter(f"{W}t")]
    for delimiter in ("{{", "}}", "{%", "%}"):
        if text.count(delimiter) > sum(run.count(delimiter) for run in runs):
            yield f"the tag delimiter {delimiter} is split across Word runs, which docxtpl cannot repair: retype the tag in one go"
    for tag in _TAG.findall(text):
        if re.search("[\u2018\u2019\u201c\u201d]", tag):
            yield "a tag contains curly quotes: Word's AutoFormat changed them; use straight quotes"
        if re.search(r"\|\s*(markdown|blocks)\b", tag) and not tag.startswith("{{p "):
            yield "a narrative or blocks (|markdown, |blocks) must be printed with {{p ... }}, which replaces the whole paragraph"


# --- reading a template against its context ---------------------------------

class _Any:
    """A value whose type is not known statically (macro arguments, filters)."""


ANY: Any = _Any()
#: Methods a template could call on a string or a list; the sandbox refuses them all.
_METHODS = frozenset({"format", "format_map", "mro", "join", "replace", "split", "read_text", "open"})
TERMS: Any = "terms"


@dataclass(frozen=True)
class _ListOf:
    item: Any


def _read_against_contexts(tree: nodes.Template, source: TemplateSource, known: set[tuple[str, str]]) -> list[tuple[int, str]]:
    """Problems with the names a template uses, for every document that uses it."""
    stem = source.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    # A document's other Word layouts (family-time-child) read its own context.
    owners = [d for d in DOCUMENTS.values() if stem == d.name or stem in (f"{d.name}-{layout}" for layout in d.word_layouts)]
    contexts = owners or list(DOCUMENTS.values())
    problems: dict[tuple[int, str], None] = {}
    for document in contexts:
        context_type = typing.get_type_hints(document.build_context)["return"]
        reader = _Reader(context_type, EXTRA_NAMES[source.kind], source.kind, known)
        macros = {macro.name: ANY for macro in tree.find_all(nodes.Macro)}
        reader.walk(tree, macros)
        problems.update(dict.fromkeys(reader.problems))
    return sorted(problems)


class _Reader:
    def __init__(self, context_type: type, extras: set[str], kind: str, known: set[tuple[str, str]]):
        self.top = {name: _normalise(hint, name) for name, hint in typing.get_type_hints(context_type).items()}
        self.top.update({name: TERMS if name == "terms" else ANY for name in extras})
        self.globals = set(_environment().globals) | {"loop", "caller", "varargs", "kwargs", "super", "self"}
        self.kind = kind
        self.known = known
        self.problems: list[tuple[int, str]] = []

    def problem(self, node: nodes.Node, message: str) -> None:
        self.problems.append((node.lineno, message))

    def walk(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            item = self.resolve(node.iter, scope)
            inner = dict(scope, loop=ANY) | _bind(node.target, item.item if isinstance(item, _ListOf) else ANY)
            for child in [*node.body, *([node.test] if node.test else [])]:
                self.walk(child, inner)
            for child in node.else_:
                self.walk(child, scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.CallBlock):
                self.walk(node.call, scope)
            for default in node.defaults:
                self.walk(default, scope)
            inner = scope | {arg.name: ANY for arg in node.args} | {"caller": ANY}
            for child in node.body:
                self.walk(child, inner)
        elif isinstance(node, nodes.Assign):
            value = self.resolve(node.node, scope)
            scope.update(_bind(node.target, value))
        elif isinstance(node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport):
            self.check_template_name(node)
            if isinstance(node, nodes.FromImport):
                scope.update({(n if isinstance(n, str) else n[1]): ANY for n in node.names})
            elif isinstance(node, nodes.Import):
                scope[node.target] = ANY
        elif isinstance(node, nodes.Filter) and node.name in ("default", "d"):
            self.problem(node, "'|default' hides a missing value; test optional values with 'is not none' instead")
            self.resolve(node, scope)
        elif isinstance(node, nodes.Filter) and node.name == "attr":
            self.problem(node, "'|attr' reaches attributes by name; templates may only read the context's fields")
            self.resolve(node, scope)
        elif isinstance(node, nodes.Expr):
            self.resolve(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.walk(child, scope)

    def check_template_name(self, node: nodes.Node) -> None:
        target = node.template  # type: ignore[attr-defined]
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            self.problem(node, "templates may only include other templates by a fixed name")
        elif self.kind == "docx" or (self.kind, target.value.removeprefix("permdocs/")) not in self.known:
            self.problem(node, f"'{target.value}' is not one of the templates; templates cannot read other files")

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        self.budget(node)
        if isinstance(node, nodes.Name):
            for table in (scope, self.top):
                if node.name in table:
                    return table[node.name]
            if node.name not in self.globals:
                names = [*scope, *self.top]
                self.problem(node, f"'{node.name}' is not provided by the document's context{_suggest(node.name, names)}")
            return ANY
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, self.resolve(node.node, scope), node.attr)
        if isinstance(node, nodes.List):
            items = [self.resolve(item, scope) for item in node.items]
            return _ListOf(items[0] if items else ANY)
        if isinstance(node, nodes.Add):
            left, right = self.resolve(node.left, scope), self.resolve(node.right, scope)
            return left if isinstance(left, _ListOf) else right
        if isinstance(node, nodes.CondExpr):
            chosen = self.resolve(node.expr1, scope)
            self.resolve(node.test, scope)
            if node.expr2 is not None:
                self.resolve(node.expr2, scope)
            return chosen
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Filter) and child.name in ("default", "d"):
                self.problem(child, "'|default' hides a missing value; test optional values with 'is not none' instead")
            self.resolve(child, scope) if isinstance(child, nodes.Expr) else self.walk(child, scope)
        return ANY

    def budget(self, node: nodes.Node) -> None:
        """Work that would blow the render's budget (see templating.MAX_LOOP_ITERATIONS)."""
        if isinstance(node, nodes.Filter) and node.name == "attr":
            self.problem(node, "'|attr' reaches attributes by name; templates may only read the context's fields")
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "range":
            sizes = [a.value for a in node.args if isinstance(a, nodes.Const) and isinstance(a.value, int)]
            if len(sizes) != len(node.args) or any(abs(size) > 10_000 for size in sizes):
                self.problem(node, "range() of more than 10,000 items, or of a size known only when rendering, may run away")
        if isinstance(node, nodes.Pow):
            self.problem(node, "'**' can make numbers too large to handle; templates should print values, not compute them")
        if isinstance(node, nodes.Mul):
            sizes = [n.value for n in (node.left, node.right) if isinstance(n, nodes.Const) and isinstance(n.value, int)]
            if any(abs(size) > 1_000 for size in sizes) or any(isinstance(n, nodes.Pow) for n in (node.left, node.right)):
                self.problem(node, "a large '*' can make a string too long to handle")

    def attribute(self, node: nodes.Node, owner: Any, name: str) -> Any:
        if name.startswith("_") or name in _METHODS:
            self.problem(node, f"'{name}' is an internal attribute or a method; templates may only read the context's fields")
            return ANY
        if owner is ANY:
            return ANY
        if owner is TERMS:
            if name not in Terms.model_fields:
                self.problem(node, f"the terminology key '{name}' is not defined for profiles{_suggest(name, Terms.model_fields)}")
            return ANY
        if owner is date:
            if name not in DATE_ATTRIBUTES:
                self.problem(node, f"'{name}' cannot be read from a date")
            return ANY
        if isinstance(owner, type) and dataclasses.is_dataclass(owner):
            fields = typing.get_type_hints(owner)
            if name not in fields:
                self.problem(node, f"'{owner.__name__}' has no field '{name}'{_suggest(name, fields)}")
                return ANY
            return _normalise(fields[name], name)
        type_name = getattr(owner, "__name__", type(owner).__name__)
        self.problem(node, f"'{name}' cannot be read from a template ({type_name} values expose no fields)")
        return ANY


def _suggest(written: str, names: Any) -> str:
    """``; did you mean 'council_address'?``, or nothing when no name is close."""
    from ..case.messages import did_you_mean

    choice = did_you_mean(written, [str(n) for n in names])
    return f"; did you mean '{choice}'?" if choice else ""


def _normalise(hint: Any, name: str) -> Any:
    """A field's type as the reader tracks it: Optional unwrapped, lists as _ListOf."""
    if name == "terms":
        return TERMS
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _normalise(options[0], name) if len(options) == 1 else ANY
    if origin in (list, tuple):
        return _ListOf(_normalise(typing.get_args(hint)[0], name))
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return ANY
    return hint


def _bind(target: nodes.Node, value: Any) -> dict[str, Any]:
    if isinstance(target, nodes.Name):
        return {target.name: value}
    if isinstance(target, nodes.Tuple):
        return {item.name: ANY for item in target.items if isinstance(item, nodes.Name)}
    return {}


@cache
def _environment() -> Any:
    """One environment for parsing; templates are read here, never rendered."""
    return make_environment(None, markdown=lambda text: text)
