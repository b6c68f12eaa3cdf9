"""What may enter the store: every door (plan JSON, spreadsheets, the command, the window) calls
these checks before writing, so an impossible date or an over-long text is refused with the
field named instead of being stored and breaking every later reader.

The readers of stored values use `day` and `target_end` (storage.checks), which never raise: a
value stored by an older version that these rules now refuse is shown as written, with a
finding, rather than crashing a list, a check, a pack or the window.
"""

from __future__ import annotations

import re
from datetime import date

from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Meeting, Plan, Recommendation, Update

TEXT_LIMIT = 32_767  # Excel's limit for one cell: longer text could not be exported again
FIRST_YEAR, LAST_YEAR = 1900, 2100
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{2})$", re.ASCII)
PLAN_DATES = ("report_published", "submitted")
SHOWN = {
    "ref": "Rec No",
    "report_published": "report published date",
    "submitted": "submitted date",
    "target_text": "target text",
    "rag_reason": "RAG reason",
    "target_from": "earlier target",
    "target_to": "new target",
    "on_date": "update date",
    "held_on": "meeting date",
}


def day(value: object) -> date | None:
    """The calendar day a stored `YYYY-MM-DD` names, or None when it names none (missing,
    impossible like 2027-02-31 or 0000-00-00, or outside 1900-2100). Never raises."""
    match = _DAY.match(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, dd = (int(part) for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return date(year, month, dd)
    except ValueError:
        return None


def date_problem(value: str | None) -> str | None:
    """Why `value` is not a usable `YYYY-MM-DD` date, or None when it is (or is empty)."""
    if value is None:
        return None
    if not _DAY.match(value):
        return f"'{value[:40]}' is not a date written YYYY-MM-DD"
    if day(value) is None:
        return f"'{value}' is not a real date between {FIRST_YEAR} and {LAST_YEAR}"
    return None


def target_problem(value: str | None) -> str | None:
    """Why `value` is not a target (`YYYY-MM-DD`, `YYYY-MM` or `ongoing`), or None."""
    if value is None or value == "ongoing":
        return None
    match = _MONTH.match(value)
    if match:
        year, month = int(match[1]), int(match[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return None
        return f"'{value}' is not a real month between {FIRST_YEAR} and {LAST_YEAR}"
    if _DAY.match(value):
        return date_problem(value)
    return f"'{value[:40]}' is not a target; expected YYYY-MM-DD, YYYY-MM or ongoing"


def text_problem(value: object) -> str | None:
    """Why a text cannot be kept: longer than one Excel cell holds, so it could not be
    exported to the template again; or it holds a lone surrogate, which no file can encode."""
    if not isinstance(value, str) or (value.isascii() and len(value) <= TEXT_LIMIT):
        return None  # the common case, asked of every field of thousands of rows: O(1) checks
    if len(value) > TEXT_LIMIT:
        return f"is {len(value):,} characters long, more than the {TEXT_LIMIT:,} Excel allows"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"holds a character that is not text (position {error.start + 1})"
    return None


def field_problem(name: str, value: object) -> str | None:
    """The problem with one field's value, whatever the record: dates and targets by name,
    text by length. Empty titles and Rec Nos are refused by `check_field`."""
    if isinstance(value, list):
        for item in value:
            problem = text_problem(item)
            if problem:
                return problem
        return None
    if name in ("target", "target_from", "target_to"):
        return target_problem(value) if isinstance(value, str) else None
    if name in (*PLAN_DATES, "on_date", "held_on"):
        return date_problem(value) if isinstance(value, str) else None
    return text_problem(value)


def check_field(name: str, value: object, where: str = "") -> None:
    """Raise BadInput naming the field when `value` cannot be stored under `name`."""
    if name in ("title", "ref") and not str(value or "").strip():
        problem: str | None = "cannot be empty"
    else:
        problem = field_problem(name, value)
    if problem:
        label = SHOWN.get(name, name.replace("_", " "))
        raise refusal(where, f"the {label} {problem}")


def refusal(where: str, problem: str) -> BadInput:
    """One sentence: where (file, recommendation, action), then what is wrong."""
    return BadInput(f"{where}: {problem}." if where else f"{problem[0].upper()}{problem[1:]}.")


def check_update(update: Update, today: date, where: str = "") -> None:
    """An update's fields, that it is not dated after `today`, and that a completion says
    what shows it is done (as the window and the command ask)."""
    # target_from is the stored target it moved from, not new input: an older database may
    # hold one these rules refuse, and moving it is how a person mends it.
    for name in ("on_date", "text", "evidence", "rag_reason", "target_to"):
        check_field(name, getattr(update, name), where)
    on = day(update.on_date)
    if on is None:
        check_field("on_date", update.on_date or "", where)
    elif on > today:
        raise refusal(
            where,
            f"the update date {update.on_date} is after today: "
            "an update records what has already happened",
        )
    if update.status == "completed" and not (update.evidence or "").strip():
        raise refusal(where, "completing an action needs an evidence note saying what shows it")


def check_action(action: Action, today: date, where: str) -> None:
    for name in ("text", "owners", "target", "target_text"):
        check_field(name, getattr(action, name), where)
    for k, update in enumerate(action.updates, 1):
        check_update(update, today, f"{where}, update {k}")


def check_recommendations(recs: list[Recommendation], today: date, source: str = "") -> None:
    """Every recommendation, action and update, naming the first bad one by its Rec No."""
    lead = f"{source}: " if source else ""
    for i, rec in enumerate(recs, 1):
        where = f"{lead}recommendation {rec.ref.strip()[:40] or f'in row {i}'}"
        for name in ("ref", "text", "section", "reason"):
            check_field(name, getattr(rec, name), where)
        for j, action in enumerate(rec.actions, 1):
            check_action(action, today, f"{where}, action {j}")


def check_meeting(meeting: Meeting, where: str = "") -> None:
    if meeting.held_on is None or day(meeting.held_on) is None:
        check_field("held_on", meeting.held_on or "", where)
    for name in ("board", "notes"):
        check_field(name, getattr(meeting, name), where)


def check_plan_fields(plan: Plan, source: str = "") -> None:
    """The plan's own fields and its meetings (the store checks recommendations as it inserts
    them, since merging inserts them too)."""
    where = f"{source}: plan" if source else "plan"
    for name in ("title", "responds_to", *PLAN_DATES, "notice", "marking", "short_name"):
        check_field(name, getattr(plan, name), where)
    for k, meeting in enumerate(plan.meetings, 1):
        check_meeting(meeting, f"{where}, meeting {k}")


def check_plan(plan: Plan, today: date | None = None, source: str = "") -> None:
    """Raise BadInput for the first field of `plan` that cannot be stored."""
    check_plan_fields(plan, source)
    check_recommendations(plan.recommendations, today or date.today(), source)
