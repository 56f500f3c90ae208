"""Where the packaged templates and assets are.

Each document's own templates sit in its folder under
``permdocs/documents/``; what documents share is here. In a wheel it sits inside the package (``permdocs/templates``, copied there
by hatchling's ``force-include``); in a source checkout or an editable install
they are the top-level ``templates/`` folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


def _package_folder() -> Path:
    """``permdocs/`` itself: this module sits one package below it."""
    return Path(__file__).resolve().parents[1]


@cache
def templates_dir() -> Path:
    """The folder holding the shared ``html/`` templates, ``assets/``, ``profiles/`` and ``knowledge/``."""
    package = _package_folder()
    for candidate in (package / "templates", package.parents[1] / "templates"):
        if (candidate / "html").is_dir():
            return candidate
    raise RuntimeError("permdocs' templates are missing: the installation is incomplete")


def assets_dir() -> Path:
    """Stylesheets and fonts; the only files WeasyPrint may read."""
    return templates_dir() / "assets"


def override_dir(overrides: Path | None, kind: str) -> Path | None:
    """A profile's override folder for one kind of template (``html``, ``docx``),
    if it has one. A linked folder that leads outside the overrides folder
    is refused (InvalidProfileError), not followed."""
    if overrides is None or not (overrides / kind).is_dir():
        return None
    if not (overrides / kind).resolve().is_relative_to(overrides.resolve()):
        from ..errors import InvalidProfileError, Problem

        raise InvalidProfileError([Problem(f"overrides/{kind}", "is a link to a folder outside the profile's folder")])
    return overrides / kind


@cache
def samples_dir() -> Path:
    """The sample cases, profiles and bundle: ``permdocs/samples`` in a wheel
    (copied there by hatchling's ``force-include``), the top-level
    ``samples/`` folder in a source checkout."""
    package = _package_folder()
    for candidate in (package / "samples", package.parents[1] / "samples"):
        if (candidate / "baby-in-proceedings.json").is_file():
            return candidate
    raise RuntimeError("permdocs' samples are missing: the installation is incomplete")


def sample_files() -> dict[str, bytes]:
    """Every sample file by its name inside the samples folder (``letters/x.md``), in a stable order."""
    root = samples_dir()
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def template_name(document: str, extension: str, layout: str = "") -> str:
    """``family-time.docx``, or ``family-time-child.docx`` for a layout."""
    return f"{document}-{layout}.{extension}" if layout else f"{document}.{extension}"
