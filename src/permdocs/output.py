"""Writing rendered documents to disk: all or nothing, never overwriting by accident.

Everything is rendered in memory first, so a failure leaves no file behind.
Each file is then written to a temporary name in the target folder and
renamed into place, so a reader never sees half a document.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .case import Case
from .checks import check, errors_in
from .documents import get_document
from .documents.common import as_draft
from .errors import OutputExistsError, UnresolvedFindingsError
from .profiles import LoadedProfile, resolve_profile
from .writers import get_format


def output_name(case: Case, document_name: str, extension: str, *, draft: bool = False) -> str:
    """``care-plan-permanence_FX-2026-0412.pdf``: the document and case
    reference, never the child's name, since file names appear in e-mails
    and folder listings. Drafts end in ``_DRAFT`` so that one can never
    replace, or be taken for, the final document."""
    reference = re.sub(r"[^A-Za-z0-9._-]+", "-", case.child.case_reference)
    return f"{document_name}_{reference}{'_DRAFT' if draft else ''}.{extension}"


def render_all(
    case: Case,
    document_name: str,
    format_names: Iterable[str],
    *,
    draft: bool = False,
    profile: LoadedProfile | None = None,
) -> dict[str, bytes]:
    """Render one document in several formats, in memory: file name -> bytes.

    Final documents are refused while the checks find errors
    (UnresolvedFindingsError); a draft renders anyway, marked DRAFT on every
    page and listing every open finding.
    """
    document = get_document(document_name)
    formats = [get_format(name) for name in format_names]
    profile = resolve_profile(profile, case.profile)
    findings = check(case, profile.settings)
    if not draft and errors_in(findings):
        raise UnresolvedFindingsError(errors_in(findings))
    context = document.build_context(case, profile)
    if draft:
        context = as_draft(context, findings)
    return {
        output_name(case, document.name, fmt.extension, draft=draft): fmt.render(document, context) for fmt in formats
    }


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
