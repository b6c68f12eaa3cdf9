"""Board meetings in the window: recording one, the list of them, the "For the next meeting"
view, and the "What changed" report.

These widgets never read the store: the window gives them rows and acts on their signals, so
the same store calls serve the command and the window.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.panels import PlanChecklist, ReadOnlyTable
from actionplans.gui.rag import rag_accessible, rag_label, rag_mark
from actionplans.gui.widgets import DateField, dialog_buttons
from actionplans.storage.dates import uk_short
from actionplans.storage.store import PlanRow
from actionplans.usecases.agenda import AgendaRow
from actionplans.usecases.meetings import MeetingRow

KEPT_FOR_GOOD = "A meeting is kept for good once recorded: check the date before you save it."


def _date_edit(parent: QWidget, day: date, name: str) -> DateField:
    edit = DateField(QDate(day), parent)
    edit.setAccessibleName(name)
    return edit


class MeetingDialog(QDialog):
    """Record a meeting: its date, the board, notes, and the plans it reviewed."""

    def __init__(
        self,
        plans: list[PlanRow],
        chosen: int | None,
        boards: list[str],
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a board meeting")
        self.setAccessibleName("Record a board meeting")
        self.resize(680, 460)
        self.held_on = _date_edit(self, today or date.today(), "Date of the meeting")
        self.board = QComboBox(self)
        self.board.setEditable(True)
        self.board.addItems(boards)
        self.board.setAccessibleName("Board")
        self.board.lineEdit().setPlaceholderText(
            "e.g. HMP Example Health and Social Care Partnership Board"
        )
        self.board.setMinimumContentsLength(40)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 5)
        self.plans = PlanChecklist(plans, chosen, "Plans the meeting reviewed", self)
        form = QFormLayout()
        form.addRow("&Date:", self.held_on)
        form.addRow("&Board:", self.board)
        form.addRow("&Notes:", self.notes)
        form.addRow("&Plans reviewed:", self.plans)
        notice = QLabel(KEPT_FOR_GOOD, self)
        notice.setWordWrap(True)
        buttons, self.save_button = dialog_buttons(self, "&Save")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(notice)
        layout.addWidget(buttons)

    def plan_ids(self) -> tuple[int, ...]:
        return tuple(self.plans.ticked_ids())

    def values(self) -> dict:
        """Keyword arguments of `usecases.meetings.record_meeting`."""
        return {
            "held_on": self.held_on.date().toPython().isoformat(),
            "board": self.board.currentText().strip() or None,
            "notes": self.notes.toPlainText().strip(),
            "plan_ids": self.plan_ids(),
        }


class MeetingsPanel(ReadOnlyTable):
    """Every meeting, newest first, with the plans it reviewed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(("Date", "Board", "Plans reviewed", "Notes"), "Meetings", parent)
        for column, width in enumerate((90, 320, 420)):
            self.setColumnWidth(column, width)

    def show_meetings(self, rows: list[MeetingRow]) -> None:
        self.fill(
            [
                (
                    uk_short(r.meeting.held_on),
                    r.meeting.board or "",
                    "; ".join(r.plans),
                    " ".join(r.meeting.notes.split()),
                )
                for r in reversed(rows)
            ]
        )


class NextMeetingPanel(QWidget):
    """Open actions overdue, due before a date, or not updated since the last meeting.

    `asked` is emitted when the date or the scope changes; activating a row emits
    `item_chosen(plan id, "action", action id)`.
    """

    asked = Signal()
    item_chosen = Signal(int, str, int)
    HEADERS = ("Plan", "Action", "Response", "Owner(s)", "Target", "RAG", "Why it is here")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("For the next meeting")
        self.before = _date_edit(self, date.today(), "Due before")
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Look in")
        self.scope.addItem("This plan", "plan")
        self.scope.addItem("All plans", "all")
        self.summary = QLabel(self)
        self.summary.setObjectName("next_meeting_summary")
        self.table = ReadOnlyTable(self.HEADERS, "Actions for the next meeting", self)
        self.table.sortable()
        for column, width in enumerate((220, 60, 420, 200, 110, 130)):
            self.table.setColumnWidth(column, width)
        self.table.itemActivated.connect(
            lambda item: self.item_chosen.emit(*item.data(Qt.ItemDataRole.UserRole))
        )
        top = QHBoxLayout()
        top.addWidget(QLabel("Due &before:", self, buddy=self.before))
        top.addWidget(self.before)
        top.addWidget(self.scope)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.before.dateChanged.connect(self.asked)
        self.scope.currentIndexChanged.connect(self.asked)

    def all_plans(self) -> bool:
        return self.scope.currentData() == "all"

    def set_before(self, day: date) -> None:
        self.before.blockSignals(True)
        self.before.setDate(QDate(day))
        self.before.blockSignals(False)

    def show_rows(self, rows: list[AgendaRow], note: str) -> None:
        """Fill the table; the Plan column only when looking across all plans."""
        self.table.setColumnHidden(0, not self.all_plans())
        self.table.fill(
            [
                (r.plan_title, r.label, r.text, r.owners, r.target, rag_label(r.rag))
                + ("; ".join(r.reasons),)
                for r in rows
            ],
            [(r.plan_id, "action", r.action_id) for r in rows],
        )
        rag_column = self.HEADERS.index("RAG")
        rag_of = {r.action_id: r.rag for r in rows}
        for number in range(self.table.rowCount()):  # in the order shown, sorted or not
            cell = self.table.item(number, rag_column)
            rag = rag_of[cell.data(Qt.ItemDataRole.UserRole)[2]]
            cell.setIcon(rag_mark(rag))
            cell.setData(Qt.ItemDataRole.AccessibleTextRole, rag_accessible(rag))
        self.summary.setText(note)

    def rows(self) -> list[list[str]]:
        return self.table.texts()


class ChangesDialog(QDialog):
    """The "what changed" report for one plan since a date (the last meeting by default).

    `asked(since)` is emitted when the person picks another date; the window answers with
    `show_report`.
    """

    asked = Signal(object)

    def __init__(self, title: str, since: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"What changed: {title}")
        self.setAccessibleName("What changed since the last meeting")
        self.resize(900, 640)
        self.since = _date_edit(self, since, "Changes since")
        self.since.setMaximumDate(QDate.currentDate())
        self.since.dateChanged.connect(lambda d: self.asked.emit(d.toPython()))
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Changes report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Changes &since:", self, buddy=self.since))
        top.addWidget(self.since)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    def show_report(self, text: str) -> None:
        self.report.setPlainText(text)
