"""Write England's bank holidays into permdocs.practice.bank_holidays_england
from the pinned ``holidays`` package.

The table is made here, when the package is built, so that a render never
imports ``holidays``: its country registry loads every country's calendar
(some 250 modules, a Hebrew and an Islamic one among them), about a quarter
of a second of a cold start, to answer a question about England. Run it
after upgrading ``holidays`` (tests/test_key_dates.py says when the table and
the package disagree):

    python tools/bank_holidays.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import holidays

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "permdocs" / "practice" / "bank_holidays_england.py"
FIRST_YEAR, LAST_YEAR = 1990, 2060


def england(year: int) -> dict[str, str]:
    """One year's bank holidays in England and Wales, MM-DD -> name, in
    England's own English whatever the machine's locale."""
    found = holidays.country_holidays("GB", subdiv="ENG", years=year, language="en_GB")
    return {day.strftime("%m-%d"): name for day, name in sorted(found.items())}


def table_source() -> str:
    years = "\n".join(f"    {year}: {england(year)!r}," for year in range(FIRST_YEAR, LAST_YEAR + 1))
    return f'''"""England's bank holidays (Wales shares them), {FIRST_YEAR} to {LAST_YEAR}: year -> {{MM-DD: name}}.

Written by tools/bank_holidays.py from holidays {holidays.__version__}; do not edit by hand.
"""

FIRST_YEAR, LAST_YEAR = {FIRST_YEAR}, {LAST_YEAR}
HOLIDAYS_VERSION = "{holidays.__version__}"

BANK_HOLIDAYS: dict[int, dict[str, str]] = {{
{years}
}}
'''


if __name__ == "__main__":
    TABLE.write_text(table_source(), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}", file=sys.stderr)
