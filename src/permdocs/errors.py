"""Every error permdocs raises on purpose, under one base class.

Messages never quote values from the case: a case holds a child's personal
data, and error text ends up in terminals, logs and support tickets. Each
message names *where* the problem is (a JSON path) and *what* is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks.findings import Finding

#: Options a message may tell the user to use, as Python spells them (the
#: library's words, used in every message) and as the command line does.
OPTION_WORDS = {
    "force=True": "--force",
    "update=True": "--update",
    "draft=True": "--draft",
    "ocr=True": "--ocr",
    "profile=": "--profile",
    "permdocs.check(case)": "'permdocs check CASE'",
}


def in_command_line_words(message: str) -> str:
    """A library message in the command line's words: ``force=True`` becomes
    ``--force``. Messages are our own text, so the words are ours to swap."""
    for python, command_line in OPTION_WORDS.items():
        message = message.replace(python, command_line)
    return message


class PermdocsError(Exception):
    """Base class of every error permdocs raises deliberately.

    ``exit_code`` is what the command line returns for it: 2 for bad input or
    usage, 1 for anything that is our fault rather than the user's. The
    message names options as Python does (``force=True``); the command line
    prints :meth:`command_line_message` instead.
    """

    exit_code = 2

    def command_line_message(self) -> str:
        """The message as the command line shows it (``--force``, ``--draft``)."""
        return in_command_line_words(str(self))


class ArgumentTypeError(PermdocsError, TypeError):
    """A library function was given an argument of the wrong kind: a dict
    where a loaded :class:`~permdocs.Case` belongs, say, or a number where a
    document's name does. A programming mistake, so also a TypeError."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a JSON path, or a TOML key),
    what, and for a TOML file the line."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path} (line {self.line})"
        return f"{where}: {self.message}"


class InvalidCaseError(PermdocsError):
    """The case file is not valid JSON or does not match the case model."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"The case has {len(problems)} {noun}:\n{lines}")


class InvalidBundleError(PermdocsError):
    """A bundle manifest, or a file it names, cannot make a bundle. Each
    problem names the manifest entry by JSON path
    (``$.sections[1].documents[0].pdf``); nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"The bundle has {len(problems)} {noun}:\n{lines}")


class UnknownDocumentError(PermdocsError):
    """A document type was asked for that permdocs does not have."""


class UnknownAudienceError(PermdocsError):
    """An audience (a copy for a kind of reader) was asked for that the document does not offer."""


class DocumentNotApplicableError(PermdocsError):
    """The case lacks what a document needs (a later-life letter, say)."""


class UnknownPartError(PermdocsError):
    """A part was asked for that the document does not have."""


class UnknownOptionError(PermdocsError):
    """A document was asked for an option it does not declare, or with a
    value the option does not take: an arrangement the case does not have,
    say, or a switch set to neither yes nor no."""


#: The name this error had when the family-time arrangement was the only
#: option; kept so that code catching it still does.
UnknownArrangementError = UnknownOptionError


class UnknownFormatError(PermdocsError):
    """An output format was asked for that permdocs does not have."""


class OutputExistsError(PermdocsError):
    """Writing would replace files that already exist, and ``force`` was not
    set; with ``update``, files that permdocs did not write or that someone
    changed since it wrote them."""

    def __init__(
        self, paths: list[str], *, updating: bool = False, can_update: bool = True, instead: str = "output folder"
    ):
        self.paths = paths
        listed = "\n".join(f"  {path}" for path in paths)
        one = len(paths) == 1
        these, them, were = ("This file", "it", "was") if one else ("These files", "them", "were")
        if updating:
            head = f"{these} {were} changed since permdocs wrote {them}, or not written by it, and {were} left untouched"
            advice = f"Move {them} away, or pass force=True to replace {them}."
        elif can_update:
            head = f"{these} already {'exists' if one else 'exist'} and {were} left untouched"
            advice = (
                "Pass update=True to replace what permdocs wrote that nobody has changed since, or force=True "
                f"to replace {them}, or choose another {instead}."
            )
        else:
            head = f"{these} already {'exists' if one else 'exist'} and {were} left untouched"
            advice = f"Pass force=True to replace {them}, or choose another {instead}."
        super().__init__(f"{head}:\n{listed}\nNothing was written. {advice}")


class OutputFolderError(PermdocsError):
    """The output folder cannot be made or written, or something is in the way.
    Names the folder (the user's own path) and why; nothing was written."""

    def __init__(self, folder: str, reason: str):
        self.folder = folder
        self.reason = reason
        super().__init__(f"The output folder {folder} {reason}. Nothing was written.")


class TemplateProblemError(PermdocsError):
    """A template could not be rendered: a syntax error, a missing value or a
    forbidden operation. Names the template and, where known, the line."""

    exit_code = 1

    def __init__(self, template: str, detail: str, line: int | None = None, *, untrusted: bool = False):
        self.template = template
        self.line = line
        self.detail = detail
        # A council's own template is input to fix, not a bug in permdocs.
        self.exit_code = 2 if untrusted else 1
        where = f"{template}, line {line}" if line else template
        super().__init__(f"Template {where}: {detail}")


class UnresolvedFindingsError(PermdocsError):
    """The practice checks found errors, so final documents are refused.

    ``findings`` holds the errors (``permdocs.checks.Finding``).
    """

    def __init__(self, findings: list[Finding], *, for_a_child: str = ""):
        self.findings: list[Finding] = findings
        lines = "\n".join(f"  {f.rule} {f.path}: {f.message}" for f in findings)
        noun = "error" if len(findings) == 1 else "errors"
        if for_a_child:
            # A child's copy is never scrubbed to "[withheld]": a draft would not help.
            super().__init__(
                f"{for_a_child[:1].upper()}{for_a_child[1:]} is read by a child, so it is never rendered with details "
                f"scrubbed out, not even as a draft. The case has {len(findings)} {noun} to fix first:\n{lines}\n"
                "Write the @-reference each one names (permdocs.check(case) lists them all)."
            )
            return
        super().__init__(
            f"The case has {len(findings)} {noun} to fix before final documents can be rendered:\n{lines}\n"
            "Fix them in the case (permdocs.check(case) lists them all), or render a draft with draft=True."
        )


class InvalidProfileError(PermdocsError):
    """A council profile file is missing, not TOML, or does not match the profile model."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"The profile has {len(problems)} problem{'s' if len(problems) != 1 else ''}:\n{lines}")


class BlockedResourceError(PermdocsError):
    """A template (a council's override, say) asked the PDF renderer for a URL
    or a file outside permdocs' packaged assets; the render was stopped."""


class UnknownRouteError(PermdocsError):
    """A route was asked for that the knowledge base does not describe."""


class DrawingError(PermdocsError):
    """A picture permdocs draws from the case (the genogram) could not be
    drawn: the program that lays it out (Graphviz's ``dot``) is not
    installed, or it failed or took too long on this case. Exit 2: the
    machine's set-up or the case, not a fault in permdocs, and the message
    says what to do."""
