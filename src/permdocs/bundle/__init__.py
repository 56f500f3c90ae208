"""Court bundles: one indexed, bookmarked, section-paginated PDF made from
permdocs documents and external PDFs, as FPR PD27A and the President's
e-bundle guidance ask.

A bundle is described by a manifest (:mod:`.manifest`), its documents are
rendered or read, checked and measured (:mod:`.sources`, :mod:`.content`),
its pages planned (:mod:`.plan`) and checked (:mod:`.checks`), and the PDF
is assembled with pikepdf (:mod:`.assemble`, with :mod:`.stamping`,
:mod:`.links` and :mod:`.outline`)::

    loaded = load_manifest("bundle.yaml")
    bundle = build_bundle(loaded)          # bytes in bundle.pdf, warnings in bundle.warnings
    write_bundle(bundle, "out/bundle.pdf")
"""

from __future__ import annotations

import os
from pathlib import Path

from .assemble import Bundle, build_bundle
from .checks import DEFAULT_PAGE_LIMITS
from .manifest import BundleManifest, LoadedManifest, load_manifest
from .plan import IndexEntry, Numbering

__all__ = [
    "DEFAULT_PAGE_LIMITS",
    "Bundle",
    "BundleManifest",
    "IndexEntry",
    "LoadedManifest",
    "Numbering",
    "build_bundle",
    "check_bundle_target",
    "load_manifest",
    "write_bundle",
]


def write_bundle(bundle: Bundle, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the bundle's PDF to ``path`` through a temporary file; an existing
    file is replaced only with ``force`` (OutputExistsError otherwise)."""
    from ..base.output import write_files

    target = Path(path)
    # A bundle is one file, replaced only with force: it keeps no record to update from.
    return write_files({target.name: bundle.pdf}, target.parent, force=force, keep_record=False, instead="output file")[0]


def check_bundle_target(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Raise now what write_bundle would raise for ``path`` (an existing file
    without ``force``, a folder in the way), before a bundle is built."""
    from ..base.output import check_targets

    target = Path(path)
    check_targets([target.name], target.parent, force=force, keep_record=False, instead="output file")
