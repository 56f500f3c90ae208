"""Council profiles: load one by name (shipped) or by path (a council's own).

A loaded profile knows its folder, so that its logo and template overrides
are found next to it.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from ..case.loading import json_path
from ..checks.settings import PolicySettings
from ..errors import InvalidProfileError, Problem
from ..resources import templates_dir
from ..untrusted import logo_problem
from .model import BUNDLED_FONTS, Profile, Terms

DEFAULT_PROFILE = "default"
PROFILE_FILE = "profile.toml"

__all__ = [
    "DEFAULT_PROFILE", "LoadedProfile", "Profile", "Terms", "load_profile", "resolve_profile", "shipped_profiles",
]


@dataclass(frozen=True)
class LoadedProfile:
    """A validated profile and the folder it came from."""

    profile: Profile
    folder: Path

    @property
    def settings(self) -> PolicySettings:
        return self.profile.policy.settings(self.profile.plain_words)

    @property
    def terms(self) -> Terms:
        return self.profile.terms

    @property
    def word_font(self) -> str:
        return BUNDLED_FONTS[self.profile.branding.font]

    @property
    def logo_path(self) -> Path | None:
        logo = self.profile.council.logo
        if logo is None:
            return None
        path = _inside(self.folder, logo, "council.logo")
        problem = logo_problem(path)
        if problem is not None:
            raise InvalidProfileError([Problem("council.logo", problem)])
        return path

    @property
    def reference_docx_path(self) -> Path | None:
        reference = self.profile.reference_docx
        return None if reference is None else _inside(self.folder, reference, "reference_docx")

    @property
    def overrides_dir(self) -> Path | None:
        folder = self.profile.overrides
        return None if folder is None else _inside(self.folder, folder, "overrides")


def shipped_profiles_dir() -> Path:
    return templates_dir() / "profiles"


def shipped_profiles() -> list[str]:
    """Names of the profiles that come with permdocs."""
    return sorted(p.name for p in shipped_profiles_dir().iterdir() if (p / PROFILE_FILE).is_file())


def load_profile(name_or_path: str | os.PathLike[str] = DEFAULT_PROFILE) -> LoadedProfile:
    """A shipped profile by name (``default``, ``devon-style``, ``essex-style``),
    or a council's own: a profile.toml file or the folder holding one."""
    text = str(name_or_path)
    if text in shipped_profiles():
        return _load_cached(shipped_profiles_dir() / text / PROFILE_FILE)
    path = Path(text)
    if path.is_dir():
        path = path / PROFILE_FILE
    if not path.is_file():
        choices = ", ".join(shipped_profiles())
        raise InvalidProfileError([Problem("$", f"no profile called '{text}' (shipped: {choices}) and no such file")])
    return _load_cached(path.resolve())


@cache
def _load_cached(path: Path) -> LoadedProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidProfileError([Problem("$", f"{path.name} is not valid TOML: {error}")]) from None
    try:
        profile = Profile.model_validate(data, strict=False)
    except ValidationError as error:
        problems = [
            Problem(json_path(tuple(d["loc"])), d["msg"].removeprefix("Value error, "))
            for d in error.errors(include_input=False, include_url=False)
        ]
        raise InvalidProfileError(problems) from None
    loaded = LoadedProfile(profile, path.parent)
    loaded.logo_path, loaded.overrides_dir, loaded.reference_docx_path  # noqa: B018 - validate paths now, not mid-render
    return loaded


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
        f"names no {where}. A case may name a shipped profile ({', '.join(shipped_profiles())}) or, with "
        f"--profiles-dir or {PROFILES_DIR_VARIABLE}, a profile folder there; a path to any other profile is given "
        "with --profile",
    )])


def _is_plain_name(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", name)) and ".." not in name


def _inside(folder: Path, relative: str, field_name: str) -> Path:
    # A profile may come from a council: it may only point inside its own folder.
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()) or not target.exists():
        raise InvalidProfileError([Problem(f"$.{field_name}", "must name a file or folder inside the profile's folder")])
    return target
