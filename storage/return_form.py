"""The progress return's form: its columns, marker and words, shared by its writer and reader.

A return is a workbook the secretary sends each owner (`exporters.returns` writes it) and reads
back when it comes home (`importers.returns`). Both sides agree on the layout here, so neither
imports the other, and storage can match what came back to the plan (`storage.merge`) without
knowing how a workbook is read. The return-by date and return-to address the secretary last
used are remembered here too, in a small settings file beside the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from actionplans.storage.errors import BadInput
from actionplans.storage.vocabulary import STATUS_LABELS

MARKER = "Progress return"  # the first cell starts with it: how a return is recognised


@dataclass(frozen=True)
class FormColumn:
    header: str
    width: float  # in Excel's character units; the whole row fits A4 landscape at 10 pt
    to_fill: bool = False  # the owner writes here; every other cell is protected


COLUMNS = (
    FormColumn("Rec No", 6),
    FormColumn("Action No", 7),
    FormColumn("Action", 23),
    FormColumn("Co-owners", 11),
    FormColumn("Target Date", 10, to_fill=True),  # changed only when the target moved
    FormColumn("Status now", 10),
    FormColumn("Latest update", 19),
    FormColumn("Updated on", 9),
    FormColumn("Status", 10, to_fill=True),
    FormColumn("RAG", 7, to_fill=True),
    FormColumn("Progress update", 19, to_fill=True),
    FormColumn("Evidence (needed to complete)", 13, to_fill=True),
    FormColumn("Date of update", 9, to_fill=True),
)
HEADERS = tuple(c.header for c in COLUMNS)
TO_FILL = tuple(c.header for c in COLUMNS if c.to_fill)
# What the owner wrote, as opposed to the target they may have moved.
PROGRESS = ("Status", "RAG", "Progress update", "Evidence (needed to complete)", "Date of update")
# Columns a reader insists on: a return that lost one of these cannot be matched or recorded.
REQUIRED = ("Rec No", "Action No", "Action", "Target Date", *PROGRESS)
HEADER_ROW = 6
STATUS_CHOICES = tuple(STATUS_LABELS.values())  # Open, In progress, Completed, Superseded
RAG_CHOICES = ("Red", "Amber", "Green")
RAG_WORDS = {
    "red": "red",
    "r": "red",
    "amber": "amber",
    "a": "amber",
    "green": "green",
    "g": "green",
    "blue": "blue",  # complete, in some boards' ratings
    "b": "blue",
}
INSTRUCTIONS = (
    "Fill in the yellow cells for each action: its Status, a RAG rating if you rate it, what "
    "has happened (Progress update) and the Date of update. Completing an action needs "
    "evidence. A rating other than the one its target suggests needs a reason in Progress "
    "update. Change the Target Date only if the target has moved: the board sees it as "
    "slippage. The grey cells are protected so that nothing is changed by accident."
)


ACTION_LIMIT = 360  # characters of an action a return prints: what fits Excel's tallest row


def action_words(text: str) -> str:
    """An action as its return's Action cell shows it: on one line and, when longer than a row
    can show (Excel's rows stop at 409 points), cut at a word with " …"; the reader matches a
    returned row to its action by these words."""
    line = " ".join(text.split())
    if len(line) <= ACTION_LIMIT:
        return line
    return line[:ACTION_LIMIT].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class ReturnRow:
    """One row of a return as the owner left it (the target already read into a target)."""

    row: int
    ref: str
    number: int
    action_text: str  # the action's words as sent, to check the number still names it
    status: str | None
    text: str
    evidence: str | None
    on_date: str | None
    target: str | None  # the Target Date cell read as a target; None when empty or unreadable
    target_text: str
    rag: str | None = None

    def has_news(self) -> bool:
        """Whether the owner wrote anything besides the target: a status, a note, a rating or
        a date."""
        return bool(self.status or self.text or self.evidence or self.on_date or self.rag)


@dataclass
class Return:
    """A return as read: whose it is, which plan it was written for, its rows and problems."""

    plan_title: str
    owner: str
    sent: str | None = None  # YYYY-MM-DD, the day the return was written
    rows: list[ReturnRow] = field(default_factory=list)
    findings: list = field(default_factory=list)  # importers.findings.Finding, one per bad row


@dataclass(frozen=True)
class ReturnSettings:
    """What the secretary put on the last returns: the date to reply by and where to."""

    return_by: str | None = None  # YYYY-MM-DD
    return_to: str | None = None  # an e-mail or postal address, as typed


def settings_path(db_path: Path) -> Path:
    """The settings file beside the database: backed up and moved with it, no Qt needed."""
    return Path(db_path).with_name(Path(db_path).stem + "-returns.json")


def load_settings(db_path: Path) -> ReturnSettings:
    """The remembered settings; none when the file is missing or unreadable (a fresh start)."""
    try:
        raw = json.loads(settings_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ReturnSettings()
    if not isinstance(raw, dict):
        return ReturnSettings()
    values = [raw.get(k) for k in ("return_by", "return_to")]
    return ReturnSettings(*(v if isinstance(v, str) and v else None for v in values))


def save_settings(db_path: Path, settings: ReturnSettings) -> None:
    path = settings_path(db_path)
    doc = {"return_by": settings.return_by, "return_to": settings.return_to}
    try:
        path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{path}: cannot remember the return settings ({exc.strerror}).") from exc
