"""Progress returns coming back from owners: rows of dated updates, never edits to the plan.

A return is a workbook written by `exporters.returns` whose first cell starts "Progress
return". Each row names an action by Rec No and Action No; a row whose progress columns are
all empty is an owner with nothing to say, and is skipped. Updates are kept for good, so a row
is refused rather than recorded when it may land on the wrong action (the return was written
for another plan, or the action at that number now reads differently) or when the same update
is already recorded (the same return imported twice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from exporters.returns import HEADERS, MARKER
from importers.findings import Finding
from importers.targets import ParsedTarget, date_cell_target, parse_target
from importers.text import cell_text
from importers.workbook import column_letter, open_workbook
from storage.dates import uk_date
from storage.errors import BadInput
from storage.model import Update
from storage.vocabulary import read_status

_PROGRESS = ("Status", "Progress update", "Evidence (needed to complete)", "Date of update")


@dataclass(frozen=True)
class ReturnRow:
    row: int
    ref: str
    number: int
    action_text: str  # the action's words as sent, to check the number still names it
    status: str | None
    text: str
    evidence: str | None
    on_date: str | None
    target: ParsedTarget
    target_text: str

    def has_news(self) -> bool:
        """Whether the owner wrote anything besides the target: a status, a note or a date."""
        return bool(self.status or self.text or self.evidence or self.on_date)


@dataclass(frozen=True)
class PendingUpdate:
    """An update a return will record, for the person to confirm first."""

    action_id: int
    label: str  # "3.2"
    status: str
    text: str
    evidence: str | None
    on_date: str | None
    target: str | None  # a new target, when the owner moved it
    target_text: str | None
    moved_from: str | None

    def fields(self) -> dict:
        """Keyword arguments for `storage.monitoring.add_update` / `add_updates`."""
        return {
            "action_id": self.action_id,
            "status": self.status,
            "text": self.text,
            "evidence": self.evidence,
            "on_date": self.on_date,
            "target": self.target,
            "target_text": self.target_text,
        }

    def describe(self) -> str:
        from storage.rules import target_label

        parts = [f"{self.label}: {self.status.replace('_', ' ')}"]
        if self.text:
            parts.append(f"'{' '.join(self.text.split())[:60]}'")
        if self.target:
            parts.append(
                f"target moved {target_label(self.moved_from)} -> "
                f"{target_label(self.target)} (slippage)"
            )
        return ", ".join(parts)


@dataclass
class Return:
    plan_title: str
    owner: str
    sent: str | None = None  # YYYY-MM-DD, the day the return was written
    rows: list[ReturnRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def is_return(path: Path) -> bool:
    """True for a progress-return workbook (its first cell starts with "Progress return")."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    with open_workbook(path) as book:
        grid = book.read(book.sheet_names[0], limit=1)
    first = grid.rows[0][0] if grid.rows and grid.rows[0] else None
    return isinstance(first, str) and first.startswith(MARKER)


def read_return(path: Path, today: date | None = None) -> Return:
    """Read a return; rows that cannot be used are error findings naming their row."""
    path = Path(path)
    today = today or date.today()
    with open_workbook(path) as book:
        sheet = book.sheet_names[0]
        grid = book.read(sheet)
    head = [cell_text(row[0]) if row else "" for row in grid.rows[:3]] + ["", "", ""]
    sent = parse_target(head[2].removeprefix("Sent:").strip()).target
    result = Return(
        plan_title=head[0].removeprefix(f"{MARKER}:").strip(),
        owner=head[1].removeprefix("Owner:").strip(),
        sent=sent if sent and len(sent) == 10 else None,
    )
    header_row = next(
        (i for i, row in enumerate(grid.rows[:30]) if "Action No" in [cell_text(v) for v in row]),
        None,
    )
    if header_row is None:
        raise BadInput(f"{path.name}: a progress return needs a header row with 'Action No'.")
    columns = {cell_text(v): j for j, v in enumerate(grid.rows[header_row])}
    missing = [h for h in HEADERS if h not in columns]
    if missing:
        raise BadInput(f"{path.name}: the return has lost its column(s) {', '.join(missing)}.")

    def finding(row: int, header: str, message: str) -> None:
        letter = column_letter(columns[header] + 1)
        result.findings.append(Finding("error", f"Row {row}: {message}", sheet, row, letter))

    for index, values in enumerate(grid.rows[header_row + 1 :], header_row + 2):
        cells = {h: values[j] if j < len(values) else None for h, j in columns.items()}
        get = cells.get
        ref = cell_text(get("Rec No"))
        if not ref:
            if any(cell_text(get(h)).strip() for h in _PROGRESS):
                finding(
                    index,
                    "Rec No",
                    "an update with no Rec No: which action is it for? "
                    "Fill in its Rec No and Action No.",
                )
            continue
        number = get("Action No")
        if not isinstance(number, int | float) and not str(number).strip().isdigit():
            finding(index, "Action No", f"'{number}' is not an action number.")
            continue
        status_cell = cell_text(get("Status")).lower()
        status = read_status(status_cell, update=True) if status_cell else None
        if status_cell and status is None:
            finding(
                index,
                "Status",
                f"'{status_cell}' is not a status; expected "
                "Open, In progress, Completed or Superseded.",
            )
            continue
        on_date, bad_date = _date(get("Date of update"))
        if bad_date:
            finding(index, "Date of update", f"'{bad_date}' is not a date; write it as dd/mm/yyyy.")
            continue
        if on_date and on_date > today.isoformat():
            finding(
                index,
                "Date of update",
                f"the update is dated {uk_date(on_date)}, after today: "
                "is the year right? An update records what has already happened.",
            )
            continue
        target_cell = get("Target Date")
        if isinstance(target_cell, datetime | date):
            fmt = grid.date_formats.get((index, columns["Target Date"] + 1), "dd/mm/yyyy")
            target, target_text = date_cell_target(target_cell, fmt)
        else:
            target_text = cell_text(target_cell)
            target = parse_target(target_text)
        text = cell_text(get("Progress update"))
        evidence = cell_text(get("Evidence (needed to complete)")) or None
        if status == "completed" and not evidence:
            finding(
                index,
                "Evidence (needed to complete)",
                "an action marked Completed needs evidence of completion.",
            )
            continue
        result.rows.append(
            ReturnRow(
                index,
                ref,
                int(number) if isinstance(number, int | float) else int(str(number)),
                cell_text(get("Action")),
                status,
                text,
                evidence,
                on_date,
                target,
                target_text,
            )
        )
    return result


def _date(value: object) -> tuple[str | None, str | None]:
    """(ISO date, None) for a readable update date, (None, text) for an unreadable one."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat(), None
    parsed = parse_target(cell_text(value))
    if parsed.target and len(parsed.target) == 10:
        return parsed.target, None
    return None, cell_text(value)


def pending_updates(
    store, plan_id: int, returned: Return, today: date | None = None
) -> tuple[list[PendingUpdate], list[Finding]]:
    """Match a return's rows to the plan's actions: the updates to record, and the return's
    findings with an error for each row that would land on the wrong action or repeat an update
    already recorded. `returned` is left as read, so the same return can be matched against
    another plan."""
    from storage.edits import get_action
    from storage.monitoring import find_action, targets_since
    from storage.rules import current_status, same_deadline

    findings = list(returned.findings)
    title = store.get_plan_title(plan_id)
    if returned.plan_title and _words(returned.plan_title) != _words(title):
        findings.append(
            Finding(
                "error",
                f"This return was written for '{returned.plan_title}', not '{title}': import "
                "it into that plan, or correct its first cell if the plan was renamed.",
            )
        )
        return [], findings  # its rows name that plan's actions, not these
    since = returned.sent or (today or date.today()).isoformat()
    pending: list[PendingUpdate] = []
    repeats: list[tuple[int, str, Update]] = []
    for row in returned.rows:
        label = f"{row.ref}.{row.number}"
        try:
            action_id = find_action(store, plan_id, row.ref, row.number)
        except BadInput as exc:
            if row.has_news():  # an empty row for a vanished action has nothing to lose
                findings.append(Finding("error", f"Row {row.row}: {exc}", row=row.row))
            continue
        action = get_action(store, action_id)
        if _words(row.action_text) != _words(action.text):
            if row.has_news():
                findings.append(
                    Finding(
                        "error",
                        f"Row {row.row}: action {label} now reads '{_short(action.text)}', not "
                        f"'{_short(row.action_text)}' as in this return: the plan changed "
                        "since it was sent; correct the row's Rec No and Action No, or clear it.",
                        row=row.row,
                    )
                )
            continue
        # A target the action has had since the return was sent is the one it showed, not the
        # owner's move: another owner of a shared action may have moved it meanwhile.
        shown = targets_since(store, action_id, returned.sent) if returned.sent else [action.target]
        moved = (
            row.target.understood
            and row.target.target is not None
            and not any(same_deadline(target, row.target.target) for target in shown)
        )
        if not (row.has_news() or moved):
            continue  # the owner had nothing to report on this action
        update = PendingUpdate(
            action_id,
            label,
            row.status or current_status(action),
            row.text,
            row.evidence,
            row.on_date,
            row.target.target if moved else None,
            row.target_text if moved else None,
            action.target if moved else None,
        )
        earlier = _recorded_already(action.updates, update, since)
        if earlier is None:
            pending.append(update)
        else:
            repeats.append((row.row, label, earlier))
    findings += _repeat_findings(repeats, whole_return=not pending and not findings)
    return pending, findings


def _words(text: str | None) -> str:
    """Text as a person reads it, to compare: spacing and invisible characters aside."""
    shown = "".join(ch for ch in text or "" if ch.isprintable() or ch.isspace())
    return " ".join(shown.split())


def _short(text: str) -> str:
    line = _words(text)
    return line if len(line) <= 60 else line[:59].rstrip() + "…"


def _recorded_already(updates: list[Update], update: PendingUpdate, since: str) -> Update | None:
    """The recorded update this one repeats word for word, if any: on the same day when the
    row gives its date, else recorded since the return was sent (an undated row is dated the
    day it is imported, so "No change" in next meeting's return is still news)."""
    if update.target:
        return None  # a target that moves again is news
    wanted = (update.status, _words(update.text), _words(update.evidence))
    for earlier in reversed(updates):
        if update.on_date:
            same_time = earlier.on_date == update.on_date
        else:
            same_time = (earlier.recorded_at or "")[:10] >= since
        if same_time and (earlier.status, _words(earlier.text), _words(earlier.evidence)) == wanted:
            return earlier
    return None


def _repeat_findings(repeats: list[tuple[int, str, Update]], whole_return: bool) -> list[Finding]:
    """Errors for updates already recorded: one sentence when the whole return was imported
    before, else one per row, so the rest can be recorded once those rows are cleared."""

    def imported(update: Update) -> str:
        return uk_date((update.recorded_at or "")[:10]) or "earlier"

    if whole_return and repeats:
        last = max((u for _, _, u in repeats), key=lambda u: u.recorded_at or "")
        return [
            Finding(
                "error",
                f"This return is already recorded: its {len(repeats)} update(s) were imported "
                f"on {imported(last)}; nothing recorded again.",
            )
        ]
    return [
        Finding(
            "error",
            f"Row {row}: this update to {label} is already recorded (imported "
            f"{imported(earlier)}); clear the row to record the others.",
            row=row,
        )
        for row, label, earlier in repeats
    ]
