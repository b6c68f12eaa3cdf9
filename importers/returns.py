"""Progress returns coming back from owners: rows of dated updates, never edits to the plan.

A return is a workbook laid out as `storage.return_form` says, whose first cell starts
"Progress return". Each row names an action by Rec No and Action No; a row whose progress
columns are all empty is an owner with nothing to say, and is skipped. Updates are kept for
good, so a row is refused rather than recorded when it may land on the wrong action (the return
was written for another plan, or the action at that number now reads differently) or when the
same update is already recorded (the same return imported twice); a row that would reopen a
completed action is left out with a warning unless the person chooses to reopen it. Matching
works on the plan as loaded: this module never opens the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from actionplans.importers.findings import Finding
from actionplans.importers.targets import date_cell_target, parse_target
from actionplans.importers.text import cell_text
from actionplans.importers.workbook import column_letter, open_workbook
from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Plan, Update
from actionplans.storage.return_form import (
    MARKER,
    PROGRESS,
    RAG_WORDS,
    REQUIRED,
    Return,
    ReturnRow,
    action_words,
)
from actionplans.storage.rules import (
    current_rag,
    current_status,
    same_deadline,
    suggest_rag,
    target_label,
)
from actionplans.storage.vocabulary import RAG_LABELS, read_status, status_label


def _shown(status: str) -> str:
    return status_label(status).lower()


@dataclass(frozen=True)
class PendingUpdate:
    """An update a return will record, for the person to confirm first, with what the action
    said before it so the preview can show each change as old -> new."""

    action_id: int
    label: str  # "3.2"
    status: str
    text: str
    evidence: str | None
    on_date: str | None
    target: str | None  # a new target, when the owner moved it
    target_text: str | None
    moved_from: str | None
    rag: str | None = None  # set only when it overrides the suggested rating
    rag_reason: str | None = None
    action_text: str = ""
    was_status: str = "open"
    was_rag: str = "green"
    was_text: str = ""
    reopens: bool = False  # the action is completed and the owner says it is not

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
            "rag": self.rag,
            "rag_reason": self.rag_reason,
        }

    def describe(self) -> str:
        """The action, then each change on its own line as old -> new, nothing cut short."""
        lines = [f"{self.label} {_words(self.action_text)}".rstrip()]
        status = _shown(self.status)
        if self.status != self.was_status:
            lines.append(f"status: {_shown(self.was_status)} -> {status}")
        else:
            lines.append(f"status: {status} (unchanged)")
        if self.rag:
            lines.append(
                f"RAG: {RAG_LABELS[self.was_rag]} -> {RAG_LABELS[self.rag]} "
                f"(reason: {_words(self.rag_reason)})"
            )
        if self.text:
            lines.append(f"progress: {_words(self.was_text) or '(none)'} -> {_words(self.text)}")
        if self.evidence:
            lines.append(f"evidence: {_words(self.evidence)}")
        if self.on_date:
            lines.append(f"dated: {uk_date(self.on_date)}")
        if self.target:
            lines.append(
                f"target: {target_label(self.moved_from)} -> {target_label(self.target)} (slippage)"
            )
        return "\n    ".join(lines)


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
    missing = [h for h in REQUIRED if h not in columns]
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
            if any(cell_text(get(h)).strip() for h in PROGRESS):
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
        rag_cell = cell_text(get("RAG")).strip().lower()
        rag = RAG_WORDS.get(rag_cell) if rag_cell else None
        if rag_cell and rag is None:
            finding(
                index, "RAG", f"'{rag_cell}' is not a RAG rating; expected Red, Amber or Green."
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
            parsed, target_text = date_cell_target(target_cell, fmt)
        else:
            target_text = cell_text(target_cell)
            parsed = parse_target(target_text)
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
                int(number) if isinstance(number, int | float) else int(str(number).strip()),
                cell_text(get("Action")),
                status,
                text,
                evidence,
                on_date,
                parsed.target if parsed.understood else None,
                target_text,
                rag,
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
    plan: Plan,
    returned: Return,
    moved: Mapping[int, list[str | None]] | None = None,
    today: date | None = None,
    *,
    reopen: bool = False,
) -> tuple[list[PendingUpdate], list[Finding]]:
    """Match a return's rows to `plan`'s actions: the updates to record, and the return's
    findings with an error for each row that would land on the wrong action or repeat an update
    already recorded, and a warning for each completed action the return would reopen (left
    out unless `reopen`). `moved` holds, per action id, the targets it has had since the return
    was sent (`storage.monitoring.targets_moved_since`): a row showing one of those is not a
    move by its owner. `returned` is left as read, so it can be matched against another plan."""
    today = today or date.today()
    findings = list(returned.findings)
    if returned.plan_title and _words(returned.plan_title) != _words(plan.title):
        findings.append(
            Finding(
                "error",
                f"This return was written for '{returned.plan_title}', not '{plan.title}': "
                "import it into that plan, or correct its first cell if the plan was renamed.",
            )
        )
        return [], findings  # its rows name that plan's actions, not these
    since = returned.sent or today.isoformat()
    actions = {
        (rec.ref, number): action
        for rec in reversed(plan.recommendations)  # the first of a repeated Rec No wins
        for number, action in enumerate(rec.actions, 1)
    }
    pending: list[PendingUpdate] = []
    repeats: list[tuple[int, str, Update]] = []
    for row in returned.rows:
        label = f"{row.ref}.{row.number}"
        action = actions.get((row.ref, row.number))
        if action is None or action.id is None:
            if row.has_news():  # an empty row for a vanished action has nothing to lose
                findings.append(
                    Finding(
                        "error",
                        f"Row {row.row}: Recommendation {row.ref} has no action {row.number} "
                        "in this plan.",
                        row=row.row,
                    )
                )
            continue
        if _words(row.action_text) not in (_words(action.text), _words(action_words(action.text))):
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
        shown = [action.target, *(moved or {}).get(action.id, [])]
        is_move = row.target is not None and not any(
            same_deadline(target, row.target) for target in shown
        )
        if not (row.has_news() or is_move):
            continue  # the owner had nothing to report on this action
        update, problem = _update(row, label, action, is_move, today)
        if problem:
            findings.append(problem)
            continue
        assert update is not None
        if update.reopens and not reopen:
            findings.append(_reopen_warning(row, label, action))
            continue
        earlier = _recorded_already(action.updates, update, since)
        if earlier is None:
            pending.append(update)
        else:
            repeats.append((row.row, label, earlier))
    findings += _repeat_findings(repeats, whole_return=not pending and not findings)
    return pending, findings


def _update(
    row: ReturnRow, label: str, action: Action, is_move: bool, today: date
) -> tuple[PendingUpdate | None, Finding | None]:
    """The update a row records, or the finding why it cannot be recorded as it stands."""
    assert action.id is not None
    was = current_status(action)
    status = row.status or was
    target = row.target if is_move else action.target
    rag = row.rag
    if rag is not None and rag == suggest_rag(status, target, today):
        rag = None  # agreeing with the suggestion is no override
    if rag and not row.text.strip():
        suggested = RAG_LABELS[suggest_rag(status, target, today)]
        return None, Finding(
            "error",
            f"Row {row.row}: {label} is rated {RAG_LABELS[rag]} where its target suggests "
            f"{suggested}: say why in Progress update.",
            row=row.row,
        )
    latest = action.latest
    return (
        PendingUpdate(
            action.id,
            label,
            status,
            row.text,
            row.evidence,
            row.on_date,
            row.target if is_move else None,
            row.target_text if is_move else None,
            action.target if is_move else None,
            rag=rag,
            rag_reason=row.text.strip() if rag else None,
            action_text=action.text,
            was_status=was,
            was_rag=current_rag(action, today),
            was_text=latest.text if latest else "",
            reopens=was == "completed" and status in ("open", "in_progress"),
        ),
        None,
    )


def _reopen_warning(row: ReturnRow, label: str, action: Action) -> Finding:
    latest = action.latest
    evidence = f" on the evidence '{_short(latest.evidence)}'" if latest and latest.evidence else ""
    when = f" on {uk_date(latest.on_date)}" if latest else ""
    said = _shown(row.status or "open")
    return Finding(
        "warning",
        f"Row {row.row}: {label} was completed{when}{evidence}, but this return says "
        f"'{said}'. Not recorded: to reopen the action, import the return again choosing "
        "to reopen completed actions (--reopen).",
        row=row.row,
    )


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
