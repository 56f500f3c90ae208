"""cairosvg, its cairo declarations read from a module made ahead of time.

cairocffi tells cffi about cairo's C functions by parsing a C header when it
is first imported: about 0.4 s of a cold render that draws the timeline as
PNG for a Word copy, twice the time docxtpl takes to fill the template.
tools/cairo_bindings.py has cffi do that parsing once and write the result as
plain Python (cffi's out-of-line ABI mode: no compiler, nothing built against
cairo), shipped in :mod:`.cairo_ffi`. Here that module stands in for
``cairocffi.ffi`` before cairosvg imports cairocffi, so cairocffi loads cairo
through the same declarations without parsing them. The C library, the calls
and so the PNG's bytes are the same.

It stands in only where it is exactly what cairocffi would have made: the
installed cairocffi's declaring sources have the digest it was made from,
and xcffib, which cairocffi would add declarations from, is not installed.
Otherwise, or if cffi cannot load it, cairocffi parses its header as usual.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

#: cairocffi's modules that declare the C functions (as tools/cairo_bindings.py digests them).
_DECLARING_SOURCES = ("ffi.py", "constants.py")


def cairosvg() -> ModuleType:
    """The cairosvg module, imported with the prebuilt declarations where they fit."""
    if "cairocffi" not in sys.modules:
        stand_in = _prebuilt_declarations()
        if stand_in is not None:
            sys.modules["cairocffi.ffi"] = stand_in
    import cairosvg as module

    return module


def _prebuilt_declarations() -> ModuleType | None:
    """A stand-in for ``cairocffi.ffi`` (its ``ffi`` and ``ffi_pixbuf``), or
    None where the prebuilt module is not what cairocffi would make."""
    cairocffi = importlib.util.find_spec("cairocffi")
    if cairocffi is None or not cairocffi.submodule_search_locations or importlib.util.find_spec("xcffib") is not None:
        return None
    folder = Path(next(iter(cairocffi.submodule_search_locations)))
    try:
        digest = hashlib.sha256(b"".join((folder / name).read_bytes() for name in _DECLARING_SOURCES)).hexdigest()
        from . import cairo_ffi
    except Exception:  # an unreadable install or a cffi that cannot load the module: parse as usual
        return None
    if cairo_ffi.CAIROCFFI_SOURCES != digest:
        return None
    stand_in = ModuleType("cairocffi.ffi", "cairocffi's declarations, prebuilt by permdocs (tools/cairo_bindings.py).")
    stand_in.ffi = cairo_ffi.ffi  # type: ignore[attr-defined]
    stand_in.__getattr__ = _pixbuf_declarations  # type: ignore[method-assign]
    return stand_in


def _pixbuf_declarations(name: str) -> Any:
    """``ffi_pixbuf``, which only cairocffi.pixbuf reads (cairosvg does not): loaded when asked for."""
    if name != "ffi_pixbuf":
        raise AttributeError(f"module 'cairocffi.ffi' has no attribute {name!r}")
    from . import cairo_pixbuf_ffi

    return cairo_pixbuf_ffi.ffi
