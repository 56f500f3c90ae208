"""Council profiles: load one by name (shipped) or by path (a council's own).

A loaded profile knows its folder, so that its logo, fonts, stylesheet and
template overrides are found next to it. Every problem names the TOML key
(``council.address``) and the line it is on.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from ..base.colours import BLACK, MINIMUM_CONTRAST, WHITE, accent_tint, contrast_ratio, darkest_needed
from ..base.policy import PolicySettings
from ..base.resources import templates_dir
from ..errors import InvalidProfileError, Problem
from ..text.untrusted import logo_problem
from .assets import AssetProblem, FontFace, checked_stylesheet, font_faces
from .model import BUNDLED_FONTS, Profile, Terms
from .toml_lines import Key, dotted, key_lines, line_of

DEFAULT_PROFILE = "default"
PROFILE_FILE = "profile.toml"

__all__ = [
    "DEFAULT_PROFILE", "LoadedProfile", "Profile", "Terms", "load_profile", "resolve_profile", "shipped_profiles",
]


@dataclass(frozen=True)
class LoadedProfile:
    """A validated profile and the folder it came from, with its own fonts
    and stylesheet already checked."""

    profile: Profile
    folder: Path
    font_faces: tuple[FontFace, ...] = ()
    stylesheet: str | None = None
    #: Where each key is in profile.toml, for messages.
    key_lines: tuple[tuple[Key, int], ...] = field(default=(), repr=False, compare=False)

    def problem(self, key: Key, message: str) -> InvalidProfileError:
        """An error about one key of this profile, naming its line."""
        return InvalidProfileError([Problem(dotted(key), message, line_of(dict(self.key_lines), key))])

    @property
    def settings(self) -> PolicySettings:
        return self.profile.policy.settings(self.profile.plain_words)

    @property
    def terms(self) -> Terms:
        return self.profile.terms

    @property
    def word_font(self) -> str:
        """The font Word documents name: a bundled font's metric twin, or the profile's own family."""
        font = self.profile.branding.font
        return BUNDLED_FONTS.get(font, font)

    @property
    def logo_path(self) -> Path | None:
        logo = self.profile.council.logo
        if logo is None:
            return None
        path = self.inside(logo, ("council", "logo"))
        problem = logo_problem(path)
        if problem is not None:
            raise self.problem(("council", "logo"), problem)
        return path

    @property
    def reference_docx_path(self) -> Path | None:
        reference = self.profile.reference_docx
        return None if reference is None else self.inside(reference, ("reference_docx",))

    @property
    def overrides_dir(self) -> Path | None:
        folder = self.profile.overrides
        return None if folder is None else self.inside(folder, ("overrides",))

    def inside(self, relative: str, key: Key) -> Path:
        """A file or folder the profile names, which must lie inside its folder."""
        # A profile may come from a council: it may only point inside its own folder.
        target = (self.folder / relative).resolve()
        if not target.is_relative_to(self.folder.resolve()) or not target.exists():
            raise self.problem(key, "must name a file or folder inside the profile's folder")
        return target


def shipped_profiles_dir() -> Path:
    return templates_dir() / "profiles"


def shipped_profiles() -> list[str]:
    """Names of the profiles that come with permdocs."""
    return sorted(p.name for p in shipped_profiles_dir().iterdir() if (p / PROFILE_FILE).is_file())


def load_profile(name_or_path: str | os.PathLike[str] = DEFAULT_PROFILE) -> LoadedProfile:
    """A shipped profile by name (``default``, ``devon-style``, ``essex-style``),
    or a council's own: a profile.toml file or the folder holding one."""
    text = str(name_or_path)
    shipped = {name.lower(): name for name in shipped_profiles()}
    if text in shipped.values() or (text.lower() in shipped and not Path(text).exists()):
        return _load_cached(shipped_profiles_dir() / shipped[text.lower()] / PROFILE_FILE)
    path = Path(text)
    if path.is_dir():
        path = path / PROFILE_FILE
    if not path.is_file():
        choices = ", ".join(shipped_profiles())
        raise InvalidProfileError([Problem("$", f"no profile called '{text}' (shipped: {choices}) and no such file")])
    return _load_cached(path.resolve())


@cache
def _load_cached(path: Path) -> LoadedProfile:
    text = _profile_text(path)
    lines = key_lines(text)
    try:
        profile = Profile.model_validate(tomllib.loads(text), strict=False)
    except ValidationError as error:
        from ..base.schema_generation import json_schema
        from ..case.messages import plain_message

        schema = json_schema(Profile, "profile")
        raise InvalidProfileError([
            Problem(dotted(tuple(d["loc"])), plain_message(d, schema, tuple(d["loc"])), line_of(lines, tuple(d["loc"])))
            for d in error.errors(include_url=False)
        ]) from None
    loaded = LoadedProfile(profile, path.parent, key_lines=tuple(lines.items()))
    loaded.logo_path, loaded.overrides_dir, loaded.reference_docx_path  # noqa: B018 - validate paths now, not mid-render
    _refuse_unreadable_colours(loaded)
    return _with_assets(loaded)


def _refuse_unreadable_colours(loaded: LoadedProfile) -> None:
    """Headings are set in the accent colour on white paper, and table
    headers in black on its tint: each must reach WCAG 2.2 AA's 4.5:1
    (1.4.3), which a public body's documents are held to."""
    accent = loaded.profile.branding.accent_colour.upper()
    on_white = contrast_ratio(accent, WHITE)
    if on_white < MINIMUM_CONTRAST:
        raise loaded.problem(("branding", "accent_colour"), (
            f"{accent} is too pale for headings on white paper: its contrast is {on_white:.1f}:1, and WCAG 2.2 AA "
            f"asks for at least {MINIMUM_CONTRAST}:1; the same colour darkened, {darkest_needed(accent)}, would do"
        ))
    shade = "#" + accent_tint(accent)
    header = contrast_ratio(BLACK, shade)
    if header < MINIMUM_CONTRAST:  # a tint is pale; kept so the rule holds if the tint changes
        raise loaded.problem(("branding", "accent_colour"), (
            f"the table headers' shade it gives, {shade}, has a contrast of only {header:.1f}:1 with their black text; "
            f"WCAG 2.2 AA asks for at least {MINIMUM_CONTRAST}:1"
        ))


def _profile_text(path: Path) -> str:
    """The file's text, if it is UTF-8 TOML; else InvalidProfileError with the line."""
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except UnicodeDecodeError:
        raise InvalidProfileError([Problem(path.name, "is not UTF-8 text")]) from None
    except tomllib.TOMLDecodeError as error:
        # tomllib's message names what it expected and where, never the file's text.
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        what = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error)) or "a syntax error"
        if found:
            line, where = int(found.group(1)), f", column {found.group(2)}"
        else:
            line, where = len(text.splitlines()), ", at the end"
        raise InvalidProfileError([Problem(path.name, f"is not valid TOML{where}: {what}", line)]) from None
    return text


def _with_assets(loaded: LoadedProfile) -> LoadedProfile:
    """The profile with its own fonts and stylesheet read and checked."""
    branding = loaded.profile.branding
    faces: tuple[FontFace, ...] = ()
    css = None
    try:
        if branding.fonts is not None:
            faces = font_faces(loaded.inside(branding.fonts, ("branding", "fonts")))
    except AssetProblem as problem:
        raise loaded.problem(("branding", "fonts"), str(problem)) from None
    try:
        if branding.stylesheet is not None:
            css = checked_stylesheet(loaded.inside(branding.stylesheet, ("branding", "stylesheet")))
    except AssetProblem as problem:
        raise loaded.problem(("branding", "stylesheet"), str(problem)) from None
    families = sorted({face.family for face in faces})
    if branding.font not in BUNDLED_FONTS and branding.font not in families:
        own = f"; the profile's fonts folder has: {', '.join(families)}" if families else ""
        raise loaded.problem(
            ("branding", "font"), f"names no font permdocs has (shipped: {', '.join(BUNDLED_FONTS)}{own})"
        )
    return dataclasses.replace(loaded, font_faces=faces, stylesheet=css)


#: Where a case's own profile names are looked up, besides the shipped ones.
PROFILES_DIR_VARIABLE = "PERMDOCS_PROFILES_DIR"


def resolve_profile(
    choice: "str | os.PathLike[str] | LoadedProfile | None",
    case_profile: str | None,
    profiles_dir: "str | os.PathLike[str] | None" = None,
) -> LoadedProfile:
    """The profile to use: the one asked for, else the one the case names,
    else the default.

    A path comes only from the caller (``choice``: the command line's
    ``--profile`` or a library argument). A case is data, and may only *name*
    a profile: a shipped one, or a folder inside ``profiles_dir`` (by default
    the ``PERMDOCS_PROFILES_DIR`` environment variable), never a path, so that
    a case file cannot make permdocs use templates from anywhere on disk.
    """
    if isinstance(choice, LoadedProfile):
        return choice
    if choice is not None:
        return load_profile(choice)
    if case_profile is None:
        return load_profile(DEFAULT_PROFILE)
    if case_profile in shipped_profiles():
        return load_profile(case_profile)
    folder = profiles_dir if profiles_dir is not None else os.environ.get(PROFILES_DIR_VARIABLE)
    if folder is not None and _is_plain_name(case_profile):
        root = Path(folder)
        candidate = root / case_profile
        if (candidate / PROFILE_FILE).is_file() and candidate.resolve().is_relative_to(root.resolve()):
            return load_profile(candidate)
    where = "shipped profile" + (" and no profile folder in the profiles folder" if folder is not None else "")
    raise InvalidProfileError([Problem(
        "$.profile",
        f"names no {where}. A case may name a shipped profile ({', '.join(shipped_profiles())}) or, with the "
        f"{PROFILES_DIR_VARIABLE} environment variable, a profile folder there; a path to any other profile is "
        "given with profile=",
    )])


def _is_plain_name(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", name)) and ".." not in name
