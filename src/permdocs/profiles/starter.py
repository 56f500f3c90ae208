"""``permdocs profile new``: a copy of a shipped profile for a council to edit."""

from __future__ import annotations

import re
from pathlib import Path

from ..base.output import write_files
from ..errors import InvalidProfileError, Problem
from . import PROFILE_FILE, shipped_profiles, shipped_profiles_dir


def copy_of_shipped_profile(source: str, folder: str, *, force: bool = False) -> list[Path]:
    """Copy the shipped profile ``source`` (with its logo and comments) into
    ``folder``, its id made from the folder's name. Existing files are left
    alone unless ``force``. Returns the paths written."""
    names = {name.lower(): name for name in shipped_profiles()}
    if source.lower() not in names:
        raise InvalidProfileError([Problem("--from", f"names no shipped profile; they are: {', '.join(shipped_profiles())}")])
    origin = shipped_profiles_dir() / names[source.lower()]
    target = Path(folder)
    text = (origin / PROFILE_FILE).read_text(encoding="utf-8")
    identifier = re.sub(r"[^a-z0-9]+", "-", target.resolve().name.lower()).strip("-")[:63] or "council"
    text = re.sub(r'^id = ".*"$', f'id = "{identifier}"', text, count=1, flags=re.M)
    text = re.sub(r'^description = ".*"$', f'description = "Made from the {origin.name} profile: edit it"', text, count=1, flags=re.M)
    files = {PROFILE_FILE: text.encode("utf-8")}
    files |= {path.name: path.read_bytes() for path in sorted(origin.iterdir()) if path.is_file() and path.name != PROFILE_FILE}
    return write_files(files, target, force=force, keep_record=False)
