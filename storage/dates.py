"""Dates the way the published plans write them: "17 December 2018", "March 2019".

Month names are spelled out here rather than taken from strftime's %B, which follows the
process locale: once Qt has set the locale, a Welsh or French machine would print "Rhagfyr".
"""

from __future__ import annotations

from datetime import date, datetime

from actionplans.storage.errors import BadInput

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def uk_date(iso: str | None) -> str:
    """'2018-12-17' -> '17 December 2018', '2019-03' -> 'March 2019', 'ongoing' -> 'Ongoing';
    None -> ''; anything else is returned as given rather than lost."""
    if not iso:
        return ""
    if iso == "ongoing":
        return "Ongoing"
    try:
        if len(iso) == 7:
            year, month = (int(part) for part in iso.split("-"))
            return f"{MONTHS[month - 1]} {year}"
        day = date.fromisoformat(iso[:10])
    except (ValueError, IndexError):
        return iso
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# What a secretary types and reads in tables (the store keeps ISO dates, whatever the locale).
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
