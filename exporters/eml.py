"""Chasers: for each progress return, an unsent e-mail that Outlook opens as a new message.

Nothing is sent: the file carries `X-Unsent: 1`, so Outlook (and Thunderbird) open it as a
draft the secretary can address, edit and send. Owners are recorded as roles ("ADASS lead"),
not addresses, so the To line is left for the secretary to fill in.
"""

from __future__ import annotations

from datetime import date, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from actionplans.exporters.atomic import atomic_path
from actionplans.exporters.returns import OwnerActions, reply_line
from actionplans.storage.dates import uk_date
from actionplans.storage.model import Plan
from actionplans.storage.rules import target_end

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
_SOON = timedelta(days=30)  # "due" when no return-by date says otherwise


def chaser_lines(group: OwnerActions, today: date, return_by: str | None) -> list[str]:
    """One line per action that is overdue or falls due by the return-by date."""
    horizon = date.fromisoformat(return_by) if return_by else today + _SOON
    lines = []
    for rec, number, action in group.actions:
        end = target_end(action.target)
        if end is None or end > horizon:
            continue
        when = "overdue since" if end < today else "due"
        text = " ".join(action.text.split())
        short = text if len(text) <= 120 else text[:119].rstrip() + "…"
        lines.append(f"- {rec.ref}.{number} {short} ({when} {uk_date(action.target)})")
    return lines


def chaser(
    plan: Plan,
    group: OwnerActions,
    attachment: Path,
    today: date,
    return_by: str | None,
    return_to: str | None,
) -> EmailMessage:
    # Headers folded only at the 998 characters mail allows: a long attachment name would
    # otherwise be split into RFC 2231 parts ("filename*0*="), which older Outlook shows as an
    # attachment with no name.
    message = EmailMessage(policy=SMTP.clone(max_line_length=998))
    message["X-Unsent"] = "1"
    message["Subject"] = f"Progress return: {plan.short_name or plan.title}" + (
        f", please reply by {uk_date(return_by)}" if return_by else ""
    )
    if return_to and "@" in return_to:
        message["Reply-To"] = return_to
    due = chaser_lines(group, today, return_by)
    listed = (
        ["These actions are overdue or fall due soon:", "", *due, ""]
        if due
        else ["None of your actions is overdue; the return lists them all.", ""]
    )
    body = [
        f"Dear {group.owner},",
        "",
        f"Attached is your progress return for {plan.title}: {len(group.actions)} open "
        "action(s) for the board's next meeting.",
        "",
        *listed,
        "Please fill in the yellow cells of the return for each action. "
        + reply_line(return_by, return_to),
        "",
        "Thank you.",
    ]
    message.set_content("\n".join(body))
    message.add_attachment(
        attachment.read_bytes(), maintype=XLSX[0], subtype=XLSX[1], filename=attachment.name
    )
    return message


def write_chaser(
    return_path: Path,
    plan: Plan,
    group: OwnerActions,
    today: date | None = None,
    return_by: str | None = None,
    return_to: str | None = None,
) -> Path:
    """Write `<return>.eml` beside the return it attaches; returns its path."""
    path = Path(return_path).with_suffix(".eml")
    message = chaser(plan, group, Path(return_path), today or date.today(), return_by, return_to)
    with atomic_path(path) as tmp:
        tmp.write_bytes(message.as_bytes())
    return path
