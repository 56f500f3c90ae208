"""Writing rendered documents to disk: all or nothing, never overwriting by accident.

Everything is rendered in memory first, so a failed render leaves no file
behind. Then, in order:

1. every target is checked (an existing file without ``force``, a folder in
   the way, a folder that cannot be written): a problem stops everything;
2. every file is written to a hidden temporary file beside its target;
3. only then is each renamed into place.

If writing is interrupted (Ctrl-C, SIGTERM), the temporary files are removed
and nothing is renamed; a kill that allows no clean-up leaves temporary
files of permdocs' own naming, which the next write into that folder removes.
Files get the user's usual permissions (the umask), never wider.

Re-rendering into the same folder: ``force`` replaces any file in the way;
``update`` replaces only files that permdocs wrote and that nobody has
changed since (a Word file someone edited is left alone, and the write is
refused). For that, each folder keeps a record of what permdocs wrote into
it, ``.permdocs-written.json``: file names (never a child's name) and the
SHA-256 of each file's contents.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import OutputExistsError, OutputFolderError

#: Temporary files are named ``.NAME.XXXX.permdocs-part``.
TEMPORARY_SUFFIX = ".permdocs-part"
#: A temporary file older than this is debris from a killed run.
STALE_AFTER_SECONDS = 15 * 60
#: What permdocs wrote into a folder, so that ``update`` can tell its own
#: unchanged files from files someone has edited.
RECORD_NAME = ".permdocs-written.json"


def write_files(
    files: dict[str, bytes], out_dir: str | os.PathLike[str], *, force: bool = False, update: bool = False,
    keep_record: bool = True, instead: str = "output folder",
) -> list[Path]:
    """Write rendered files into ``out_dir``, all or nothing.

    Refuses, before writing anything, if any target exists (unless
    ``force``; with ``update``, unless permdocs wrote it and it is
    unchanged since: OutputExistsError, whose advice is to choose another
    ``instead``), if a target is a folder, or if the folder cannot be
    made or written (OutputFolderError). A name may hold subfolders
    (``samples/letters/x.md``). ``keep_record`` notes what was written in
    the folder's record, for a later ``update``. Returns the paths written.
    """
    folder = Path(out_dir)
    targets = {folder / _relative(name): data for name, data in files.items()}
    record = _read_record(folder)
    _check_targets(folder, list(targets), force=force, update=update, record=record, can_update=keep_record, instead=instead)
    for parent in sorted({path.parent for path in targets} | {folder}):
        _make_folder(parent)
    _remove_stale_temporaries(folder)
    if keep_record:
        record.update({path.relative_to(folder).as_posix(): _digest(data) for path, data in targets.items()})
        record = {name: digest for name, digest in record.items() if (folder / name).exists() or folder / name in targets}
        targets[folder / RECORD_NAME] = json.dumps({"files": record}, indent=1, sort_keys=True).encode() + b"\n"
    temporaries: dict[Path, str] = {}
    with _cleanup_on_signal(temporaries):
        try:
            for path, data in targets.items():
                _write_temporary(path, data, temporaries)
            for path, temporary in list(temporaries.items()):
                os.replace(temporary, path)
                del temporaries[path]
        except OSError as error:
            raise OutputFolderError(str(folder), _reason(error)) from None
        finally:
            for temporary in temporaries.values():
                Path(temporary).unlink(missing_ok=True)
    return [path for path in targets if path != folder / RECORD_NAME]


def check_targets(
    names: list[str], out_dir: str | os.PathLike[str], *, force: bool = False, update: bool = False,
    keep_record: bool = True, instead: str = "output folder",
) -> None:
    """Refuse now what write_files would refuse, without writing or making
    anything: for a command whose rendering takes long, so that a file in
    the way is reported before the work rather than after it."""
    folder = Path(out_dir)
    _check_targets(folder, [folder / _relative(name) for name in names], force=force, update=update,
                   record=_read_record(folder), can_update=keep_record, instead=instead)


def _relative(name: str) -> str:
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or ".." in parts:
        raise ValueError(f"an output name must be a plain relative name: {name}")
    return name


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_record(folder: Path) -> dict[str, str]:
    """The folder's record of what permdocs wrote; empty if there is none or
    it cannot be read (then nothing counts as permdocs' own, the safe side)."""
    try:
        files = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _unchanged_since_written(path: Path, folder: Path, record: dict[str, str]) -> bool:
    recorded = record.get(path.relative_to(folder).as_posix())
    try:
        return recorded is not None and path.is_file() and _digest(path.read_bytes()) == recorded
    except OSError:
        return False


def _check_targets(
    folder: Path, targets: list[Path], *, force: bool, update: bool, record: dict[str, str], can_update: bool,
    instead: str = "output folder",
) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(str(folder), "is a file, not a folder")
    for parent in folder.parents:
        if parent.exists() and not parent.is_dir():
            raise OutputFolderError(str(folder), f"cannot be made: {parent} is a file")
    in_the_way = [str(path) for path in targets if path.is_dir()]
    if in_the_way:
        raise OutputFolderError(str(folder), "holds a folder named like a file to write: " + ", ".join(in_the_way))
    existing = [path for path in targets if path.exists()]
    if force or not existing:
        return
    if update:
        changed = [str(path) for path in existing if not _unchanged_since_written(path, folder, record)]
        if changed:
            raise OutputExistsError(changed, updating=True, instead=instead)
        return
    raise OutputExistsError([str(path) for path in existing], can_update=can_update, instead=instead)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputFolderError(str(folder), _reason(error)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFolderError(str(folder), "cannot be written to (permission denied)")


def _write_temporary(path: Path, data: bytes, temporaries: dict[Path, str]) -> None:
    """Write a hidden temporary file beside ``path``, recorded in ``temporaries``
    the moment it exists, so that an interruption at any point can remove it."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    temporaries[path] = temporary
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600; give it what the user's umask gives
        # any new file, never more (a shared drive must not see case data).
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    # Reading the umask means setting it; put it straight back.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _remove_stale_temporaries(folder: Path) -> None:
    cutoff = time.time() - STALE_AFTER_SECONDS
    for debris in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        with contextlib.suppress(OSError):
            if debris.is_file() and debris.stat().st_mtime < cutoff:
                debris.unlink()


@contextlib.contextmanager
def _cleanup_on_signal(temporaries: dict[Path, str]) -> Iterator[None]:
    """While files are written, SIGTERM (like Ctrl-C) removes the temporary
    files before the process ends. Only in the main thread, where Python
    allows signal handlers; a host application's own handlers are restored."""
    if not _in_main_thread():
        yield
        return

    def interrupted(signum: int, frame: Any) -> None:
        for temporary in temporaries.values():
            Path(temporary).unlink(missing_ok=True)
        temporaries.clear()
        # A handler already in place (a batch recording that SIGTERM stopped
        # it) still decides what the signal means once the debris is gone.
        if callable(previous):
            previous(signum, frame)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _reason(error: OSError) -> str:
    reasons = {
        errno.EACCES: "cannot be written to (permission denied)",
        errno.EPERM: "cannot be written to (operation not permitted)",
        errno.EROFS: "is on a read-only file system",
        errno.ENOSPC: "has no space left on its disk",
        errno.ENOTDIR: "cannot be made: part of its path is a file",
        errno.EEXIST: "cannot be made: a file of that name exists",
        errno.ENOENT: "cannot be made there (that place does not take new folders)",
    }
    return reasons.get(error.errno or 0, f"cannot be written ({errno.errorcode.get(error.errno or 0, 'error')})")


def replace_file(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` whole, or not at all, never through a link.

    The temporary file is made by ``mkstemp`` (a new, unpredictable name,
    opened with O_CREAT|O_EXCL, so a link planted in the folder is never
    written through), then renamed over ``path``: a rename replaces a link
    that stands at ``path`` rather than following it. For permdocs' own
    records beside the outputs (a batch's); documents go through
    :func:`write_files`."""
    temporaries: dict[Path, str] = {}
    _write_temporary(path, data, temporaries)
    try:
        os.replace(temporaries[path], path)
    except BaseException:
        Path(temporaries[path]).unlink(missing_ok=True)
        raise
