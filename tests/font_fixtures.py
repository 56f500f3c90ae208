"""Small fonts for profile tests, made from the bundled Liberation Sans (SIL
Open Font License): subset to printable ASCII and renamed, as the licence
asks of a modified version, with the licence fields and fsType flags a test
needs."""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from conftest import ROOT

SOURCE = ROOT / "templates" / "assets" / "fonts"


def make_font(target: Path, family: str = "Zztest Sans", *, bold: bool = False, fs_type: int = 0,
              licence: str | None = "Licensed under the SIL Open Font License, Version 1.1") -> Path:
    """Write a font file of ``family`` to ``target`` and return its path."""
    source = SOURCE / ("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf")
    font = TTFont(source)
    options = subset.Options()
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x20, 0x7F))
    subsetter.subset(font)
    names = font["name"]
    style = "Bold" if bold else "Regular"
    for record in list(names.names):
        if record.nameID in (1, 4, 6, 13, 14, 16, 3):
            names.removeNames(nameID=record.nameID)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(f"{family} {style}", 4, 3, 1, 0x409)
    names.setName(f"{family.replace(' ', '')}-{style}", 6, 3, 1, 0x409)
    names.setName(f"{family} {style} test", 3, 3, 1, 0x409)
    if licence is not None:
        names.setName(licence, 13, 3, 1, 0x409)
    font["OS/2"].fsType = fs_type
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target
