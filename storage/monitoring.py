"""Monitoring a plan meeting after meeting: meetings, dated updates, and what changed.

Updates are only ever added. Completing an action needs evidence (what shows it is done), an
overridden RAG rating needs a reason, and a new target date is recorded as slippage on the
update that brought it, as well as changing the action's target (with its history line).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from actionplans.storage import edits, validation
from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.judgements import judgements_since
from actionplans.storage.model import RAGS, UPDATE_STATUSES, Judgement, Meeting, Update
from actionplans.storage.rules import (
    CLOSED,
    COMMITTED_SQL,
    overdue,
    same_deadline,
    status_sql,
    suggest_rag,
    target_end,
)
from actionplans.storage.store import INSERT_UPDATE, Store


def add_meeting(
    store: Store,
    held_on: str,
    board: str | None = None,
    notes: str = "",
    plan_ids: tuple[int, ...] = (),
) -> int:
    """Record a board meeting and the plans it reviewed; one transaction."""
    _day(held_on, "meeting date")
    validation.check_meeting(Meeting(held_on, board, notes))
    with store.transaction():
        meeting_id = store.insert(
            "INSERT INTO meetings (held_on, board, notes) VALUES (?, ?, ?)",
            (held_on, board, notes),
        )
        for plan_id in plan_ids:
            store.get_plan_title(plan_id)
            store.conn.execute("INSERT INTO meeting_plans VALUES (?, ?)", (meeting_id, plan_id))
            store.record(plan_id, "plan", plan_id, "reviewed at meeting", None, held_on)
    return meeting_id


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    plans: list[str]  # titles of the plans it reviewed


def list_meetings(store: Store, plan_id: int | None = None) -> list[MeetingRow]:
    """Meetings, oldest first; only those that reviewed `plan_id` when given."""
    rows = store.conn.execute(
        "SELECT m.id, m.held_on, m.board, m.notes, group_concat(p.title, char(10)) "
        "FROM meetings m LEFT JOIN meeting_plans mp ON mp.meeting_id = m.id "
        "LEFT JOIN plans p ON p.id = mp.plan_id GROUP BY m.id "
        "HAVING ? IS NULL OR sum(mp.plan_id = ?) > 0 ORDER BY m.held_on, m.id",
        (plan_id, plan_id),
    )
    return [
        MeetingRow(Meeting(held_on, board, notes, id=mid), titles.split("\n") if titles else [])
        for mid, held_on, board, notes, titles in rows
    ]


def last_meeting(store: Store, plan_id: int, before: date | None = None) -> Meeting | None:
    """The latest meeting held before `before` (default today) that reviewed the plan."""
    before = before or date.today()
    earlier = [
        row.meeting
        for row in list_meetings(store, plan_id)
        if (validation.day(row.meeting.held_on) or before) < before  # unreadable: not "before"
    ]
    return earlier[-1] if earlier else None


def find_action(store: Store, plan_id: int, ref: str, number: int) -> int:
    """The id of action `number` (1-based) of recommendation `ref` in the plan."""
    row = store.conn.execute(
        "SELECT a.id FROM actions a JOIN recommendations r ON r.id = a.recommendation_id "
        "WHERE r.plan_id = ? AND r.ref = ? AND a.position = ? ORDER BY r.position LIMIT 1",
        (plan_id, ref, number - 1),
    ).fetchone()
    if row is None:
        raise BadInput(f"Recommendation {ref} has no action {number} in this plan.")
    return row[0]


def targets_moved_since(store: Store, plan_id: int, day: str | None) -> dict[int, list[str | None]]:
    """Per action of the plan, every target it has had since `day` (YYYY-MM-DD): the targets a
    return written that day may show although its owner moved nothing, because another owner's
    return or an edit moved the shared action's target after it was sent. None: no day known,
    nothing moved."""
    moved: dict[int, list[str | None]] = {}
    if day is None:
        return moved
    for action_id, old, new in store.conn.execute(
        "SELECT item_id, old, new FROM history WHERE plan_id = ? AND kind = 'action' "
        "AND field = 'target' AND at >= ? ORDER BY id",
        (plan_id, day),
    ):
        moved.setdefault(action_id, []).extend((old, new))
    return moved


def add_update(
    store: Store,
    action_id: int,
    *,
    status: str,
    text: str = "",
    on_date: str | None = None,
    evidence: str | None = None,
    rag: str | None = None,
    rag_reason: str | None = None,
    target: str | None = None,
    target_text: str | None = None,
    today: date | None = None,
) -> int:
    """Record one dated update; returns its id. Raises BadInput before writing anything."""
    today = today or date.today()
    on_date = on_date or today.isoformat()
    if _day(on_date, "update date") > today:  # as the window's date box allows no later day
        raise BadInput(
            f"The update date {uk_date(on_date)} is after today: "
            "an update records what has already happened."
        )
    if status not in UPDATE_STATUSES:
        raise BadInput(f"'{status}' is not a status; expected {', '.join(UPDATE_STATUSES)}.")
    evidence = (evidence or "").strip() or None
    if status == "completed" and not evidence:
        raise BadInput("Completing an action needs an evidence note: what shows it is done?")
    with store.transaction():
        action = edits.get_action(store, action_id)
        moved_from = action.target
        moved = target is not None and not same_deadline(moved_from, target)
        if moved:
            edits.update_action(
                store,
                action_id,
                target=target,
                target_text=target_text if target_text is not None else target,
            )
            action.target = target
        if rag is not None:
            if rag not in RAGS:
                raise BadInput(f"'{rag}' is not a RAG rating; expected {', '.join(RAGS)}.")
            suggested = suggest_rag(status, action.target, today)
            if rag == suggested:
                rag = None  # agreeing with the suggestion is no override
            elif not (rag_reason or "").strip():
                raise BadInput(
                    f"The suggested rating is {suggested}; say why it should be {rag} instead."
                )
        update = Update(
            on_date=on_date,
            status=status,
            text=text.strip(),
            evidence=evidence,
            rag=rag,
            rag_reason=((rag_reason or "").strip() or None) if rag else None,
            target_from=moved_from if moved else None,
            target_to=target if moved else None,
        )
        validation.check_update(update, today)
        return store.insert(INSERT_UPDATE, store.update_row(action_id, update))


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise BadInput(f"The {what} '{text}' is not a date; write it as YYYY-MM-DD.") from None


class ActionLine(NamedTuple):
    """One action as a board report names it (a tuple: a report makes thousands of them)."""

    action_id: int
    ref: str
    number: int
    text: str
    owners: str  # joined with "; "
    target: str | None
    target_text: str

    @property
    def label(self) -> str:
        return f"{self.ref}.{self.number}"


@dataclass(frozen=True)
class Slip:
    action: ActionLine
    on_date: str
    target_from: str | None
    target_to: str

    def by(self) -> str:
        """How much later the target now is, in the precision people gave it."""
        old, new = target_end(self.target_from), target_end(self.target_to)
        if old is None or new is None:
            return "from no date" if old is None else "to no date"
        months = (new.year - old.year) * 12 + new.month - old.month
        in_months = (
            self.target_from is not None and len(self.target_from) == len(self.target_to) == 7
        )
        if in_months or abs(months) >= 3:
            return _amount(months, "month")  # "26 months later" reads better than "791 days"
        return _amount((new - old).days, "day")


def _amount(count: int, unit: str) -> str:
    plural = "" if abs(count) == 1 else "s"
    return f"{abs(count)} {unit}{plural} {'later' if count >= 0 else 'earlier'}"


class Completion(NamedTuple):
    """An action completed since the last meeting: when, on what evidence, and the secretary's
    verdict on it ("verified", "not accepted"; None: reported, not yet verified)."""

    action: ActionLine
    on_date: str
    evidence: str | None
    verdict: str | None = None

    @property
    def words(self) -> str:
        return "completed (verified)" if self.verdict == "verified" else "reported complete"


@dataclass
class Changes:
    """What moved in a plan after the day `since` up to `today`, each action once: its status
    then against its status now, its target then against its target now."""

    since: date
    today: date
    completed: list[Completion] = field(default_factory=list)
    newly_overdue: list[ActionLine] = field(default_factory=list)
    slipped: list[Slip] = field(default_factory=list)
    new_actions: list[ActionLine] = field(default_factory=list)
    status_changes: list[tuple[ActionLine, str, str, str]] = field(default_factory=list)
    no_update: list[ActionLine] = field(default_factory=list)
    judgements: list[tuple[str, Judgement]] = field(default_factory=list)  # (Rec No, judgement)


class _Step(NamedTuple):
    """One update in the window, with the status before it."""

    on_date: str
    status: str
    evidence: str | None
    target_from: str | None
    target_to: str | None
    before: str | None
    update_id: int


# Commitments only: a Not Agreed recommendation's response is an explanation, with no status
# to change, no target to miss and no update to chase. Parameters: today, the plan.
_ACTIONS = (
    "SELECT a.id, r.ref, a.position + 1, a.text, a.target, a.target_text, a.status, "
    f"{status_sql('?')} FROM actions a JOIN recommendations r ON r.id = a.recommendation_id "
    f"WHERE r.plan_id = ? AND {COMMITTED_SQL} ORDER BY r.position, a.position"
)
_OWNERS = (
    "SELECT ao.action_id, o.name FROM action_owners ao JOIN owners o ON o.id = ao.owner_id "
    "JOIN actions a ON a.id = ao.action_id JOIN recommendations r ON r.id = a.recommendation_id "
    "WHERE r.plan_id = ? ORDER BY r.position, a.position, ao.position"  # index order: no sort
)
_UPDATES_SINCE = (
    "SELECT u.action_id, u.on_date, u.status, u.evidence, u.target_from, u.target_to, "
    "(SELECT p.status FROM updates p WHERE p.action_id = u.action_id "
    "AND (p.on_date, p.id) < (u.on_date, u.id) ORDER BY p.on_date DESC, p.id DESC LIMIT 1), "
    "u.id FROM updates u JOIN actions a ON a.id = u.action_id "
    "JOIN recommendations r ON r.id = a.recommendation_id "
    f"WHERE r.plan_id = ? AND u.on_date > ? AND u.on_date <= ? AND {COMMITTED_SQL} "
    # Plan order, which the indexes already give (no sort), and how a board reads a report.
    "ORDER BY r.position, a.position, u.on_date, u.id"
)


def changes(store: Store, plan_id: int, since: date, today: date | None = None) -> Changes:
    """Newly completed, newly overdue, slipped, new actions, status changes, and no update.

    `since` is the day of the last meeting: the meeting saw the plan as it stood at the end of
    that day (as `status_at_meetings` counts it), so an update dated that day was the
    meeting's news and is not reported again; changes are those dated after it. Each action
    is compared as it stood then and as it stands now, so a completion taken back is not
    "newly completed" and a target moved twice is one slip. Only commitments are reported: a
    Not Agreed recommendation's explanation has no status to change and nothing to chase.
    """
    today = today or date.today()
    report = Changes(since, today)
    lines: dict[int, ActionLine] = {}
    base_status: dict[int, str] = {}
    owners: dict[int, list[str]] = {}
    for action_id, name in store.conn.execute(_OWNERS, (plan_id,)):
        owners.setdefault(action_id, []).append(name)
    current: dict[int, str] = {}  # status as of today
    for action_id, ref, number, text, *rest, base, now in store.conn.execute(
        _ACTIONS, (today.isoformat(), plan_id)
    ):
        owned_by = "; ".join(owners.get(action_id, ()))
        lines[action_id] = ActionLine(action_id, ref, number, text, owned_by, *rest)
        base_status[action_id] = base
        current[action_id] = now
    steps: dict[int, list[_Step]] = {}
    for action_id, *step in store.conn.execute(
        _UPDATES_SINCE, (plan_id, since.isoformat(), today.isoformat())
    ):
        steps.setdefault(action_id, []).append(_Step(*step))
    for action_id, updates in steps.items():  # plan order: the query's, kept by the dict
        line = lines[action_id]
        before = updates[0].before or base_status[action_id]
        now = updates[-1].status
        if now != before:
            since_when = _run_start(updates)
            report.status_changes.append((line, before, now, since_when.on_date))
            if now == "completed":
                verdict = store.conn.execute(
                    "SELECT verdict FROM verifications WHERE update_id = ? ORDER BY id DESC",
                    (since_when.update_id,),
                ).fetchone()
                report.completed.append(
                    Completion(
                        line, since_when.on_date, since_when.evidence, verdict and verdict[0]
                    )
                )
        moves = [(u.on_date, u.target_from, u.target_to) for u in updates if u.target_to]
        if moves and not same_deadline(moves[0][1], moves[-1][2]):
            report.slipped.append(Slip(line, moves[-1][0], moves[0][1], moves[-1][2]))
    created = {
        row[0]
        for row in store.conn.execute(
            "SELECT item_id FROM history WHERE plan_id = ? AND kind = 'action' "
            "AND field = 'created' AND at >= ?",
            (plan_id, (since + timedelta(days=1)).isoformat()),
        )
    }
    report.judgements = judgements_since(store, plan_id, since, today)
    for line in lines.values():
        status = current[line.action_id]
        closed = status in CLOSED
        # Overdue now, and not yet overdue on the day of the last meeting.
        if overdue(status, line.target, today) and not overdue(status, line.target, since):
            report.newly_overdue.append(line)
        if line.action_id in created:
            report.new_actions.append(line)  # and not chased: it had no meeting to report to
        elif not closed and line.action_id not in steps:
            report.no_update.append(line)
    return report


def _run_start(updates: list[_Step]) -> _Step:
    """The update that brought the action to its latest status (the first of the run of
    updates at that status that ends the list): when, and on what evidence, it changed."""
    start = updates[-1]
    for update in reversed(updates):
        if update.status != start.status:
            break
        start = update
    return start


def status_at_meetings(store: Store, plan_id: int) -> list[tuple[str, Counter]]:
    """For each meeting that reviewed the plan: its commitments counted by status at the end of
    that day; an action added after the meeting is left out, as it was not there to count."""
    added = dict(
        store.conn.execute(
            "SELECT item_id, max(substr(at, 1, 10)) FROM history WHERE plan_id = ? "
            "AND kind = 'action' AND field = 'created' GROUP BY item_id",
            (plan_id,),
        )
    )
    result = []
    for row in list_meetings(store, plan_id):
        day = row.meeting.held_on
        counts = Counter(
            status
            for action_id, status in store.conn.execute(
                f"SELECT a.id, {status_sql('?')} FROM actions a "
                "JOIN recommendations r ON r.id = a.recommendation_id "
                f"WHERE r.plan_id = ? AND {COMMITTED_SQL}",
                (day, plan_id),
            )
            if added.get(action_id, day) <= day
        )
        result.append((day, counts))
    return result


def add_updates(store: Store, updates: list[dict], today: date | None = None) -> None:
    """Record several updates (keyword arguments of `add_update`) as one step: all or none."""
    with store.transaction():
        for fields in updates:
            add_update(store, today=today, **fields)
