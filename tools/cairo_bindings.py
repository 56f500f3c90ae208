"""Write cairocffi's C declarations, parsed, into permdocs.text.timeline.cairo_ffi
(and cairo_pixbuf_ffi), for permdocs.text.timeline.cairo_bindings to use.

cairocffi declares cairo's C functions to cffi at import by parsing a C
header with pycparser: about 0.4 s, every time a process first draws a
timeline as PNG (the care plan's Word copy). cffi can do that parsing once,
ahead of time, and write what it learnt as a plain Python module (its
"out-of-line ABI mode": no C compiler, nothing built against cairo). This
script does so from the cairocffi and cffi installed, and records a digest
of cairocffi's declaring sources, so that permdocs uses the module only with
the very cairocffi it was made from. Run it after upgrading cairocffi or
cffi (tests/test_cold_start.py says when it is due):

    python tools/cairo_bindings.py
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "src" / "permdocs" / "text" / "timeline"
PACKAGE = "permdocs.text.timeline"
#: cairocffi's modules that declare the C functions: their digest names the version.
DECLARING_SOURCES = ("ffi.py", "constants.py")


def sources_digest(cairocffi_folder: Path) -> str:
    return hashlib.sha256(b"".join((cairocffi_folder / name).read_bytes() for name in DECLARING_SOURCES)).hexdigest()


def generated() -> dict[str, str]:
    """File name -> text of the two modules, as cffi writes them, with the digest appended."""
    import cairocffi  # noqa: F401 - parses the header: the work done here once

    declared = sys.modules["cairocffi.ffi"]
    spec = importlib.util.find_spec("cairocffi")
    assert spec is not None and spec.submodule_search_locations
    digest = sources_digest(Path(spec.submodule_search_locations[0]))
    declared.ffi.set_source(f"{PACKAGE}.cairo_ffi", None)
    declared.ffi_pixbuf.set_source(f"{PACKAGE}.cairo_pixbuf_ffi", None)
    texts = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, ffi in (("cairo_ffi.py", declared.ffi), ("cairo_pixbuf_ffi.py", declared.ffi_pixbuf)):
            ffi.emit_python_code(str(Path(scratch) / name))
            texts[name] = (Path(scratch) / name).read_text("utf-8") + (
                "\n# Written by tools/cairo_bindings.py from these cairocffi sources (sha256 of "
                f"{' and '.join(DECLARING_SOURCES)}):\nCAIROCFFI_SOURCES = \"{digest}\"\n"
            )
    return texts


if __name__ == "__main__":
    for file_name, text in generated().items():
        (FOLDER / file_name).write_text(text, encoding="utf-8")
        print(f"wrote {(FOLDER / file_name).relative_to(ROOT)}", file=sys.stderr)
