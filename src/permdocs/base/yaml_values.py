"""What reading untrusted YAML hands back besides data: its problem, and a
``!file NAME`` reference (see :mod:`permdocs.base.safe_yaml`).

Kept apart from the loader so that code which only recognises them (a JSON
case's loading, which never meets a ``!file``) does not import PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass


class YamlProblem(Exception):
    """Why the text cannot be read, as a sentence that never quotes it."""


@dataclass(frozen=True)
class FileReference:
    """``!file NAME``: the text of the file NAME, to be read by the caller."""

    name: str
    line: int
