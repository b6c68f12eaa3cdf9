"""Target dates as people write them in action plans, read the way a UK reader reads them.

`parse_target` is shared by the importer and the window's target-date editor, so it must stay
free of openpyxl: it takes text and returns what the text means. `date_cell_target` handles a
real Excel date, whose precision and displayed text come from the cell's number format.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# English names whatever the machine's locale (calendar's lists follow it, and format on
# every lookup, which thousands of rows feel).
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBRS = tuple(name[:3] for name in MONTH_NAMES)
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(MONTH_ABBRS) if name})
MONTHS["sept"] = 9
# Plans of Welsh prisons are written in Welsh too: "Medi 2024" is September 2024.
MONTHS.update(
    {
        name: number
        for number, name in enumerate(
            (
                "ionawr",
                "chwefror",
                "mawrth",
                "ebrill",
                "mai",
                "mehefin",
                "gorffennaf",
                "awst",
                "medi",
                "hydref",
                "tachwedd",
                "rhagfyr",
            ),
            1,
        )
    }
)

# The last month of each season, as "Spring 2021" means "by the end of spring 2021".
SEASONS = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}

# UK financial quarters: Q1 is April-June of the year the financial year starts in.
QUARTER_END = {1: (0, 6), 2: (0, 9), 3: (0, 12), 4: (1, 3)}  # (years after start, month)


@dataclass(frozen=True)
class ParsedTarget:
    """What a target-date text means.

    `target` is "YYYY-MM-DD", "YYYY-MM", "ongoing" or None; `completed` is True when the text
    says the action is done; `understood` is False when the text is not a date form we know
    (the caller warns and keeps the text); `description` is a short reading for people.
    """

    target: str | None
    completed: bool = False
    understood: bool = True
    description: str = ""


NOTHING = ParsedTarget(None)
ONGOING = ParsedTarget("ongoing", description="ongoing")
COMPLETED = ParsedTarget(None, completed=True, description="completed")

_PREFIX = re.compile(
    r"^(?:(?:by|before|due|no later than|target)\s+)?(?:the\s+)?"
    r"(?:end[\s\-]+(?:of\s+)?)?(?:the\s+)?"  # "end of June", "End March", "end-June"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"  # weekday
)
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s\-/,]*('?\d{2}|\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)\.?[\s\-,]+(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_MONTH_SLASH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
# "2019/20", "2019-2020", and "2019 to 2020" as GOV.UK writes it.
_FINANCIAL_YEAR = r"(\d{4}|\d{2})(?:\s*[/\-]\s*|\s+to\s+)(\d{4}|\d{2})"
_QUARTER = re.compile(r"^q(?:uarter)?\s*([1-4])[\s,]*(?:of\s+)?(?:fy\s*)?" + _FINANCIAL_YEAR + "$")
_FY_ONLY = re.compile(r"^(?:fy\s*)?" + _FINANCIAL_YEAR + "$")
_SEASON = re.compile(r"^(spring|summer|autumn|fall|winter)\s+(\d{4})(?:\s*[/\-]\s*(\d{2}|\d{4}))?$")
_YEAR = re.compile(r"^(\d{4})$")
# "Completed" and the day it was done ("Completed on 31/03/2019"), but never a deadline still
# to meet ("Complete by March 2019", "Completed (due June 2021)").
_DEADLINE = r"(?:by|before|due|no later|target)\b"
_COMPLETED_ON = re.compile(rf"^complete[d]?\s+(?:on\s+|in\s+)?(?!{_DEADLINE})(.+)$")
# Longer lines are prose, not a date with a remark; the limit also keeps the splitting
# below quick on a pasted paragraph full of dashes and commas.
_LONGEST_DATE_LINE = 120
# What comes between the start and the end of a period: "April 2019 - March 2020", "Jan to Mar".
_RANGE = re.compile(r"\s*(?:[\-\u2013\u2014]|\b(?:to|until|till)\b)\s*")
# What comes between a reading and a remark after it: a dash, colon, semicolon or comma, or an
# opening bracket whose closing bracket ends the text ("Ongoing (monthly review)").
_REMARK = re.compile(r"\s*(?:[\-\u2013\u2014:;,]|\((?=[^()]*\)$))\s*")
# A remark that names a date, or makes the date a start rather than a deadline, changes what
# the text means ("Ongoing - March 2021", "December 2020 - onwards"), so it is never ignored.
_MEANINGFUL_REMARK = re.compile(
    r"\b(?:\d{4}|\d{1,2}[/.]\d{1,2}|q[1-4]|onwards?|from|after|start\w*|begin\w*|commenc\w*|"
    + "|".join(sorted(MONTHS, key=len, reverse=True) + list(SEASONS))
    + r")\b"
)


def _year(text: str) -> int:
    digits = text.lstrip("'")
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


# A list exported from SharePoint or Forms gives due dates as ISO 8601 timestamps in UTC.
_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$"
)


def _timestamp(match: re.Match[str]) -> ParsedTarget | None:
    """The day a timestamp falls on in UK local time: SharePoint stores a date picked in
    summer, 31 March 2021, as 2021-03-30T23:00:00Z (midnight British Summer Time in UTC)."""
    year, month, day, hour, minute = (int(match[i]) for i in range(1, 6))
    try:
        moment = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    zone = match[7]
    if zone and zone != "z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        moment -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    # now UTC (a timestamp with no zone is read as UTC too); UK time adds an hour in summer
    local = moment + timedelta(hours=1) if _british_summer_time(moment) else moment
    return _day(local.year, local.month, local.day)


def _british_summer_time(utc: datetime) -> bool:
    """Whether UK clocks are an hour ahead at this UTC moment: from 01:00 UTC on the last
    Sunday of March to 01:00 UTC on the last Sunday of October."""

    def last_sunday(month: int) -> datetime:
        end = datetime(utc.year, month, 31, 1)
        return end - timedelta(days=(end.weekday() + 1) % 7)

    return last_sunday(3) <= utc < last_sunday(10)


def _month(year: int, month: int) -> ParsedTarget:
    return ParsedTarget(f"{year:04d}-{month:02d}", description=f"{MONTH_NAMES[month]} {year}")


def _day(year: int, month: int, day: int) -> ParsedTarget | None:
    try:
        return _on(date(year, month, day))
    except ValueError:
        return None


def _on(day: date) -> ParsedTarget:
    return ParsedTarget(
        day.isoformat(), description=f"{day.day} {MONTH_NAMES[day.month]} {day.year}"
    )


def _financial_start(first: str, second: str) -> int | None:
    """The year a financial year such as 2019/20 starts in, if the two halves are consecutive."""
    start, end = _year(first), _year(second)
    if len(second) == 2:
        end = start // 100 * 100 + int(second)
    return start if end == start + 1 else None


def _read(text: str) -> ParsedTarget | None:
    """The meaning of lower-cased, trimmed text, or None when it is no form we know."""
    if re.fullmatch(r"on[\s\-]?going", text):
        return ONGOING
    if re.fullmatch(r"complete[d]?", text):
        return COMPLETED
    text = _PREFIX.sub("", text).strip()
    if match := _DAY_MONTH_YEAR.match(text):
        day, month, year = match.groups()
        if month in MONTHS:
            return _day(_year(year), MONTHS[month], int(day))
    if match := _MONTH_DAY_YEAR.match(text):
        month, day, year = match.groups()
        if month in MONTHS:
            return _day(int(year), MONTHS[month], int(day))
    if match := _MONTH_YEAR.match(text):
        month, year = match.groups()
        if month in MONTHS:
            return _month(_year(year), MONTHS[month])
    if match := _NUMERIC_DATE.match(text):
        day, _, month, year = match.groups()
        return _day(_year(year), int(month), int(day))
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
        if day:
            return _day(int(year), int(month), int(day))
        if 1 <= int(month) <= 12:
            return _month(int(year), int(month))
        # "2019-20" is no month: it is the financial year, read below
    if match := _MONTH_SLASH_YEAR.match(text):
        month, year = int(match.group(1)), int(match.group(2))
        return _month(year, month) if 1 <= month <= 12 else None
    if match := _QUARTER.match(text):
        quarter, first, second = match.groups()
        start = _financial_start(first, second)
        if start is None:
            return None
        years, month = QUARTER_END[int(quarter)]
        return _month(start + years, month)
    if match := _FY_ONLY.match(text):
        start = _financial_start(*match.groups())
        return _month(start + 1, 3) if start is not None else None
    if match := _SEASON.match(text):
        season, year, _ = match.groups()
        month = SEASONS[season]
        # Winter 2021 runs into 2022 and ends in February 2022.
        return _month(int(year) + (1 if season == "winter" else 0), month)
    if match := _YEAR.match(text):
        return _month(int(match.group(1)), 12)
    return None


def _date_of(parsed: ParsedTarget | None) -> str | None:
    """The day or month a reading names ("YYYY-MM-DD", "YYYY-MM"); None for none or ongoing."""
    return None if parsed is None or parsed.target == "ongoing" else parsed.target


def _range(text: str) -> ParsedTarget | None:
    """A period read as its end, which is the deadline: "April 2019 - March 2020" is March
    2020, "Jan-Mar 2021" (the start borrowing the end's year) is March 2021. A split where
    both ends read alone wins ("Mar-19 - Sep-20" is not 19 September 2020); a start that does
    not come before its end is no period we can be sure of."""
    splits = []
    for separator in _RANGE.finditer(text):
        start, end = text[: separator.start()].removeprefix("from "), _read(text[separator.end() :])
        last = _date_of(end)
        if start and last:
            splits.append((start, end, last))
    for borrow in (False, True):
        for start, end, last in splits:
            first = _date_of(_read(f"{start} {last[:4]}" if borrow else start))
            if first and first[:7] <= last[:7]:
                return end
    return None


def _completed_on(text: str) -> ParsedTarget | None:
    """Done, as "Completed" is, with the day it was done: "Completed March 2019". That day is
    not the action's target, so the target stays null exactly as for "Completed" alone."""
    match = _COMPLETED_ON.match(text)
    return COMPLETED if match and _date_of(_read(match.group(1))) else None


def _read_compound(text: str) -> ParsedTarget | None:
    """A period or a completion day: the forms made of readings, short of a remark."""
    return _range(text) or _completed_on(text)


def _with_remark(text: str) -> ParsedTarget | None:
    """A reading followed by a remark in words, which a person reads past: "Ongoing - reviewed
    quarterly", "March 2021 (subject to funding)", "31/03/2021 - provisional". After
    "Completed" the remark may be a date too: the day it was done ("Completed - 31/03/2019")."""
    for separator in _REMARK.finditer(text):
        head, remark = text[: separator.start()], text[separator.end() :].removesuffix(")")
        reading = _read(head) or _read_compound(head)
        words = re.search("[a-z]", remark) and not _MEANINGFUL_REMARK.search(remark)
        done = reading is not None and reading.completed and not re.match(_DEADLINE, remark)
        if reading is not None and (done or words):
            return reading
    return None


@functools.lru_cache(maxsize=4096)
def parse_target(text: str) -> ParsedTarget:
    """Read one target-date line: "March 2019", "31/3/19", "Q1 2019/20", "Ongoing", "Completed".

    Day-month order is always the UK one. Empty text is understood as no target at all. Short
    lines are also read as a period (its end is the deadline), "Completed" with the day it was
    done, or any of these followed by a remark in words.
    """
    cleaned = " ".join(str(text).split()).strip(" .").lower()
    if not cleaned:
        return NOTHING
    if match := _TIMESTAMP.match(cleaned):
        return _timestamp(match) or ParsedTarget(None, understood=False, description="not a date")
    parsed = _read(cleaned)
    if parsed is None and len(cleaned) <= _LONGEST_DATE_LINE:
        parsed = _read_compound(cleaned) or _with_remark(cleaned)
    if parsed is None:
        return ParsedTarget(None, understood=False, description="not a date")
    return parsed


# Number-format tokens, longest first so "mmmm" wins over "mm".
_FORMAT_TOKEN = re.compile(r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d", re.IGNORECASE)
# Excel's built-in short date (format 14) follows the machine's region: day first in the UK.
_SHORT_DATE = ("mm-dd-yy", "m/d/yyyy", "m/d/yy", "d/m/yyyy", "dd/mm/yyyy")
_FORMAT_NOISE = re.compile(r'\[[^\]]*\]|"[^"]*"|\\[^/\-. ]|[hs]+|am/pm|a/p|0', re.IGNORECASE)


def _format_shape(number_format: str) -> tuple[list[str], str]:
    """The date tokens of an Excel number format and the separator it shows between them,
    with locale codes, literals, times and any second section removed (an escaped separator
    such as "mmm\\-yy" is shown as the separator it is)."""
    visible = _FORMAT_NOISE.sub(" ", (number_format or "").split(";")[0]).replace("\\", "")
    tokens = [t.lower() for t in _FORMAT_TOKEN.findall(visible)]
    separator = next((c for c in "/-." if c in visible), " ")
    return tokens, separator


def _render(value: date, tokens: list[str], separator: str) -> str:
    parts = {
        "yyyy": f"{value.year:04d}",
        "yy": f"{value.year % 100:02d}",
        "mmmmm": MONTH_NAMES[value.month][0],
        "mmmm": MONTH_NAMES[value.month],
        "mmm": MONTH_ABBRS[value.month],
        "mm": f"{value.month:02d}",
        "m": str(value.month),
        "dd": f"{value.day:02d}",
        "d": str(value.day),
    }
    return separator.join(parts[t] for t in tokens)


def date_cell_target(value: date | datetime, number_format: str) -> tuple[ParsedTarget, str]:
    """The target of a real Excel date cell and the text the cell displays, in UK order.

    A format without a day ("mmm-yy", "mmmm yyyy") means the person typed a month: "Mar-19"
    is stored as 1 March 2019 but read as March 2019. Formats with a numeric month are shown
    day first whatever their order, as Excel shows them on a UK machine.
    """
    day = value.date() if isinstance(value, datetime) else value
    tokens, separator = _format_shape(number_format)
    month_tokens = [t for t in tokens if t.startswith("m")]
    has_day = any(t in ("d", "dd") for t in tokens)
    named_month = any(t in ("mmm", "mmmm", "mmmmm") for t in month_tokens)
    if tokens and all(t.startswith("y") for t in tokens):
        # The cell shows a year alone ("yyyy"): read as "2021" typed, the end of that year.
        return _month(day.year, 12), _render(day, tokens[:1], separator)
    if not month_tokens or number_format.strip().lower() in _SHORT_DATE:
        # General, or Excel's regional short date: shown as a UK machine does.
        return _on(day), day.strftime("%d/%m/%Y")
    if has_day and not named_month:
        # A numeric date such as "m/d/yy" is shown in UK order, day first.
        tokens = sorted(tokens, key=lambda t: "dmy".index(t[0]))
    text = _render(day, [t for t in tokens if t not in ("ddd", "dddd")], separator)
    if has_day:
        return _on(day), text
    return _month(day.year, day.month), text
