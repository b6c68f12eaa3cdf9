"""Dates the way the published plans write them: "17 December 2018", "March 2019".

Month names are spelled out here rather than taken from strftime's %B, which follows the
process locale: once Qt has set the locale, a Welsh or French machine would print "Rhagfyr".
"""

from __future__ import annotations

from datetime import date

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
