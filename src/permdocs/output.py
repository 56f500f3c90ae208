"""Writing rendered documents to disk: all or nothing, never overwriting by accident.

Everything is rendered in memory first, so a failure leaves no file behind.
Each file is then written to a temporary name in the target folder and
renamed into place, so a reader never sees half a document.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputExistsError


def write_files(files: dict[str, bytes], out_dir: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """Write rendered files into ``out_dir`` atomically.

    Refuses, before writing anything, if any target exists and ``force`` is
    false. Returns the paths written.
    """
    folder = Path(out_dir)
    targets = {folder / name: data for name, data in files.items()}
    existing = [str(path) for path in targets if path.exists()]
    if existing and not force:
        raise OutputExistsError(existing)
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in targets.items():
        _write_atomically(path, data)
    return list(targets)


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
