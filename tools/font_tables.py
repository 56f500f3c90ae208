"""Write what permdocs reads from its bundled Liberation fonts into
permdocs.base.font_tables: the characters both families draw, and each
character's advance width in Liberation Sans Regular and Bold.

Both are facts of the font files shipped in templates/assets/fonts, so they
are read here, once, and not by every process: opening the fonts with
fontTools costs a cold render about 0.08 s (the import and three character
maps). Run it after changing a bundled font (tests/test_cold_start.py says
when the table and the fonts disagree):

    python tools/font_tables.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "templates" / "assets" / "fonts"
TABLE = ROOT / "src" / "permdocs" / "base" / "font_tables.py"


def _font(name: str) -> TTFont:
    return TTFont(FONTS / f"{name}.ttf", lazy=True)


def printable_ranges() -> list[tuple[int, int]]:
    """Runs of code points (first, last) that Liberation Sans and Serif both map, and the space."""
    codes = sorted((set(_font("LiberationSans-Regular").getBestCmap())
                    & set(_font("LiberationSerif-Regular").getBestCmap())) | {0x20})
    runs: list[tuple[int, int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def advances(name: str) -> tuple[int, int, dict[int, int]]:
    """Units per em, the missing glyph's advance, and each mapped character's advance, in font units."""
    font = _font(name)
    metrics = font["hmtx"].metrics
    return (font["head"].unitsPerEm, metrics[".notdef"][0],
            {code: metrics[glyph][0] for code, glyph in sorted(font.getBestCmap().items())})


def table_source() -> str:
    def advance_table(name: str) -> str:
        per_em, missing, widths = advances(name)
        rows = ", ".join(f"{code}: {units}" for code, units in widths.items())
        return f"({per_em}, {missing}, {{{rows}}})"

    return f'''"""Facts of the bundled Liberation fonts (templates/assets/fonts), read once.

Written by tools/font_tables.py; do not edit by hand.
"""

#: Runs of code points (first, last) that Liberation Sans and Serif both draw, and the space.
PRINTABLE_RANGES: tuple[tuple[int, int], ...] = {tuple(printable_ranges())!r}

#: Units per em, the missing glyph's advance, and each character's advance, in font units.
SANS_REGULAR_ADVANCES: tuple[int, int, dict[int, int]] = {advance_table("LiberationSans-Regular")}
SANS_BOLD_ADVANCES: tuple[int, int, dict[int, int]] = {advance_table("LiberationSans-Bold")}
'''


if __name__ == "__main__":
    TABLE.write_text(table_source(), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}", file=sys.stderr)
