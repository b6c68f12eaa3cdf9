"""UK dates for people: shown as "17 December 2018" or 17/12/2018, typed in either way.

The store keeps ISO dates; only the window turns them into what a secretary in England or
Wales reads and writes, whatever the laptop's locale says.
"""

from __future__ import annotations

from datetime import date, datetime

from storage.dates import uk_date  # noqa: F401  (the window's modules import it from here)
from storage.errors import BadInput

_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y")


def uk_short(iso: str | None) -> str:
    """'2018-12-17' -> '17/12/2018', for tables; months and 'ongoing' as `uk_date` shows them."""
    if not iso or len(iso) < 10:
        return uk_date(iso)
    try:
        return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def uk_timestamp(iso: str) -> str:
    """A history time stamp ('2026-11-22T23:28:54+00:00') as '22/11/2026 23:28'."""
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def parse_uk_date(text: str, what: str = "date") -> str | None:
    """What a person typed ('17/12/2018', '17 December 2018', '') -> ISO date or None."""
    text = " ".join(text.split())
    if not text:
        return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise BadInput(f"'{text}' is not a {what}; type it as 17/12/2018 or 17 December 2018.")
