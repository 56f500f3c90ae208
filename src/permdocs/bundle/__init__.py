"""Court bundles: one indexed, bookmarked, section-paginated PDF made from
permdocs documents and external PDFs, as FPR PD27A and the President's
e-bundle guidance ask.

A bundle is described by a manifest (:mod:`.manifest`), its documents are
rendered or read and checked (:mod:`.sources`), and the PDF is assembled
with pikepdf (:mod:`.assemble`)::

    loaded = load_manifest("bundle.yaml")
    bundle = build_bundle(loaded)          # bytes in bundle.pdf, warnings in bundle.warnings
    write_bundle(bundle, "out/bundle.pdf")
"""

from __future__ import annotations

import os
from pathlib import Path

from .assemble import DEFAULT_PAGE_LIMITS, Bundle, IndexEntry, Numbering, build_bundle
from .manifest import BundleManifest, LoadedManifest, load_manifest

__all__ = [
    "DEFAULT_PAGE_LIMITS",
    "Bundle",
    "BundleManifest",
    "IndexEntry",
    "LoadedManifest",
    "Numbering",
    "build_bundle",
    "load_manifest",
    "write_bundle",
]


def write_bundle(bundle: Bundle, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the bundle's PDF to ``path`` through a temporary file; an existing
    file is replaced only with ``force`` (OutputExistsError otherwise)."""
    from ..output import write_files

    target = Path(path)
    return write_files({target.name: bundle.pdf}, target.parent, force=force)[0]
