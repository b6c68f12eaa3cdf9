"""The monitoring rules, each written once: an action's status, overdue, RAG, target labels.

Every list, count, check, report and window cell asks these functions (or, inside SQL, the
fragments built here from the same constants), so a board never sees one action counted open
on one page and completed on another. Where a rule must also run inside SQL (`status_sql`,
`COMMITTED_SQL`), the SQL is generated from the Python rule's own table, and
tests/storage/test_rules_status.py checks the two agree on any sequence of updates.

The plan JSON format these fields come from is described in docs/plan-json.md.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

from actionplans.storage.dates import uk_date
from actionplans.storage.model import Action, Recommendation, Update
from actionplans.storage.validation import target_problem

NOT_AGREED = "Not Agreed"

# --- status --------------------------------------------------------------------------------

# The status an update leaves its action in, where that differs from the update's own word: a
# superseded action is closed, so it reads as completed.
STATUS_AFTER = {"superseded": "completed"}
CLOSED = ("completed", "superseded")  # statuses after which nothing is owed


def latest_update(action: Action, day: str | None = None) -> Update | None:
    """The update that speaks last for the action (by its date; of one date, the one recorded
    last), counting only those dated on or before `day` (YYYY-MM-DD) when given."""
    latest: Update | None = None
    for update in action.updates:  # oldest recorded first: a later one of a day wins
        if (day is None or update.on_date <= day) and (
            latest is None or update.on_date >= latest.on_date
        ):
            latest = update
    return latest


def status_as_of(action: Action, day: str | None = None) -> str:
    """The action's status at the end of `day` (default: now): its latest update's, else the
    status it was stored with. `status_sql` is the same rule inside SQL."""
    latest = latest_update(action, day)
    if latest is None:
        return action.status
    return STATUS_AFTER.get(latest.status, latest.status)


def current_status(action: Action) -> str:
    """The action's status now, as its updates say."""
    return status_as_of(action)


def status_sql(day: str = "") -> str:
    """`status_as_of` as an SQL expression over `actions a`, for lists and counts that must not
    load every action. `day`, an SQL expression such as "?", counts only the updates dated on or
    before it. Ties of date go to the update inserted last, as `latest_update` takes the one
    recorded last."""
    bound = f" AND u.on_date <= {day}" if day else ""
    cases = " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in STATUS_AFTER.items())
    return (
        f"coalesce((SELECT CASE u.status {cases} ELSE u.status END "
        f"FROM updates u WHERE u.action_id = a.id{bound} ORDER BY u.on_date DESC, u.id DESC "
        "LIMIT 1), a.status)"
    )


CURRENT_STATUS_SQL = status_sql()


# --- commitments -------------------------------------------------------------------------


def is_commitment(decision: str | None) -> bool:
    """Whether the response to a recommendation with this decision commits anyone to anything.

    The response to a Not Agreed recommendation explains why not: it has no status, RAG or
    overdue date, is not counted open, not chased for an update and not sent out in returns.
    An undecided recommendation (a draft) is treated as a commitment, so its actions are
    chased like any other until the decision says otherwise.
    """
    return decision != NOT_AGREED


# The same rule over `recommendations r` in SQL (a NULL decision is a commitment).
COMMITTED_SQL = f"r.decision IS NOT '{NOT_AGREED}'"
# `is_open` over `actions a` joined to `recommendations r`.
OPEN_SQL = f"{COMMITTED_SQL} AND {CURRENT_STATUS_SQL} NOT IN ({', '.join(repr(s) for s in CLOSED)})"


def commitments(rec: Recommendation) -> list[Action]:
    """The actions of `rec` that are commitments: all of them, or none for a Not Agreed one."""
    return rec.actions if is_commitment(rec.decision) else []


def is_open(action: Action, decision: str | None = None) -> bool:
    """An action still owed: a commitment (see `is_commitment`) not yet closed. `OPEN_SQL` is
    the same rule in SQL."""
    return is_commitment(decision) and current_status(action) not in CLOSED


# --- overdue -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def target_end(target: str | None) -> date | None:
    """The last day a target allows: the day itself, or the month's last day; None for no
    target, "ongoing", or a stored value that is not a target by `validation.target_problem`
    (an older database may hold one: 2019-02-31, or a year outside 1900-2100).

    Cached: a plan repeats a handful of targets across thousands of actions.
    """
    if not target or target == "ongoing" or target_problem(target) is not None:
        return None
    year, month, *day = (int(part) for part in target.split("-"))
    if day:
        return date(year, month, day[0])
    # The month's last day: the day before the next month's first (the calendar module would
    # cost the window's start its import, locale's included).
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def overdue(status: str, target: str | None, today: date, decision: str | None = None) -> bool:
    """An action still owed whose target has passed: not closed, a commitment, and its target's
    last day before `today`."""
    if status in CLOSED or not is_commitment(decision):
        return False
    end = target_end(target)
    return end is not None and end < today


def is_overdue(action: Action, today: date | None = None, decision: str | None = None) -> bool:
    """`overdue` for a loaded action (its current status); `decision` is its recommendation's."""
    return overdue(current_status(action), action.target, today or date.today(), decision)


def is_due_before(action: Action, day: date, decision: str | None = None) -> bool:
    """An action still owed whose target ends before `day` (the next meeting, say): what a
    secretary chases ahead of a board. Overdue actions are due before any later day too."""
    return overdue(current_status(action), action.target, day, decision)


def same_deadline(old: str | None, new: str | None) -> bool:
    """True when two targets end on the same day ("2027-03" and "2027-03-31"), so retyping a
    target in other words is not a move: only a new last day is slippage."""
    if old == new:
        return True
    end = target_end(new)
    return end is not None and end == target_end(old)


# --- RAG -----------------------------------------------------------------------------------

AMBER_WINDOW = timedelta(days=30)


def suggest_rag(status: str, target: str | None, today: date | None = None) -> str:
    """Completed: blue; overdue: red; due within 30 days and not started: amber; else green."""
    today = today or date.today()
    if status in CLOSED:
        return "blue"
    if overdue(status, target, today):
        return "red"
    end = target_end(target)
    if status == "open" and end is not None and end <= today + AMBER_WINDOW:
        return "amber"
    return "green"


def current_rag(action: Action, today: date | None = None) -> str:
    """The rating of the latest update when someone overrode it, else the suggested one."""
    latest = latest_update(action)
    if latest is not None and latest.rag:
        return latest.rag
    return suggest_rag(current_status(action), action.target, today)


def action_rag(
    action: Action, today: date | None = None, decision: str | None = None
) -> str | None:
    """`current_rag` of an action whose recommendation has `decision`; None for a Not Agreed
    recommendation's explanation, which has nothing to rate."""
    return current_rag(action, today) if is_commitment(decision) else None


# --- target labels -------------------------------------------------------------------------


def target_label(
    target: str | None,
    typed: str = "",
    *,
    completed: bool = False,
    numeric: bool = False,
    blank: str = "no date",
) -> str:
    """A target as people read it: what they typed ("Q1 2019/20") when given, else words for
    the stored target: "March 2019", "31 March 2019" (31/03/2019 when `numeric`, as a
    workbook's Target Date cell writes a day), "Ongoing"; with no target, "Completed" for a
    completed action (as the template writes it), else `blank` ("no date" in a sentence, ""
    in a table cell)."""
    if typed:
        return typed
    if not target:
        return "Completed" if completed else blank
    if numeric and len(target) == 10:
        try:
            return date.fromisoformat(target).strftime("%d/%m/%Y")
        except ValueError:
            return target
    return uk_date(target)


def action_target_label(action: Action, *, numeric: bool = False, blank: str = "") -> str:
    """The Target Date cell of an action: `target_label` of its typed and stored target."""
    return target_label(
        action.target,
        action.target_text,
        completed=current_status(action) == "completed",
        numeric=numeric,
        blank=blank,
    )
