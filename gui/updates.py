"""Progress updates of one action: the panel that lists them and the dialog that adds one.

Updates are kept for good (the store only ever adds them), so the dialog says so before OK,
and checks what the store would refuse (completing without evidence, overriding the RAG
without a reason, a target it cannot read) while the person can still fix it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.errors import show_error
from actionplans.gui.panels import ReadOnlyTable
from actionplans.gui.plan_rows import status_text
from actionplans.gui.rag import rag_accessible, rag_label, rag_mark
from actionplans.gui.widgets import DateField, dialog_buttons
from actionplans.storage.dates import uk_short, uk_timestamp
from actionplans.storage.errors import BadInput
from actionplans.storage.model import RAGS, UPDATE_STATUSES, Action, Update
from actionplans.storage.rules import current_status, suggest_rag, target_label
from actionplans.usecases.progress import target_from_text

UPDATE_COLUMNS = ("Date", "Status", "RAG", "Update", "Evidence", "Target", "Recorded by")
RAG_COLUMN = UPDATE_COLUMNS.index("RAG")
KEPT_FOR_GOOD = (
    "An update is kept for good: once recorded it cannot be undone or changed. "
    "If it turns out wrong, add a later update that corrects it."
)


def targets_after(action: Action) -> list[str | None]:
    """The target in force after each update, oldest first (updates record each move)."""
    target, after = action.target, []
    for update in reversed(action.updates):
        after.append(target)
        if update.target_to is not None:
            target = update.target_from
    return after[::-1]


def rag_of(update: Update, target: str | None) -> str:
    """The rating an update gave: the one set by hand, else what its day suggested."""
    return update.rag or suggest_rag(update.status, target, date.fromisoformat(update.on_date))


def update_row(update: Update, target: str | None) -> tuple[str, ...]:
    moved = ""
    if update.target_to is not None:
        moved = f"moved {target_label(update.target_from)} → {target_label(update.target_to)}"
    rag = rag_label(rag_of(update, target))
    if update.rag:
        rag += " (set by hand)"
    return (
        uk_short(update.on_date),
        status_text(update.status),
        rag,
        " ".join(update.text.split()),
        " ".join((update.evidence or "").split()),
        moved,
        f"{update.recorded_by}, {uk_timestamp(update.recorded_at)}",
    )


class UpdatesPanel(QWidget):
    """The selected action's updates, newest first, with buttons to add one and to verify a
    reported completion."""

    add_requested = Signal()
    verify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Progress updates")
        self.title = QLabel(self)
        self.title.setObjectName("updates_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        # No Alt+U of its own: the button is enabled only with an action selected, when the
        # action's form shows the same button with Alt+U (and Ctrl+U works anywhere).
        self.add_button = QPushButton("Add update…", self)
        self.add_button.setToolTip("Record a dated progress update on this action (Ctrl+U)")
        self.add_button.clicked.connect(self.add_requested)
        self.verify_button = QPushButton("Verify completion…", self)
        self.verify_button.setToolTip(
            "Mark the reported completion verified (the evidence seen) or not accepted"
        )
        self.verify_button.clicked.connect(self.verify_requested)
        self.table = ReadOnlyTable(UPDATE_COLUMNS, "Progress updates of the action", self)
        self.table.setWordWrap(False)
        for column, width in enumerate((90, 100, 160, 420, 260, 220)):
            self.table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.verify_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.show_action(None)

    def show_action(self, action: Action | None, label: str = "") -> None:
        """List `action`'s updates (an empty panel, with no button, when it is None)."""
        self.add_button.setEnabled(action is not None)
        self.verify_button.setEnabled(action is not None and action.status == "completed")
        if action is None:
            self.title.setText("Select an action to see its progress updates.")
            self.table.fill([])
            return
        count = len(action.updates)
        self.title.setText(
            f"Action {label}: {count} update{'s' if count != 1 else ''}"
            + (f"; now {status_text(current_status(action)).lower()}" if count else "")
        )
        pairs = list(zip(action.updates, targets_after(action), strict=True))[::-1]
        self.table.fill([update_row(u, t) for u, t in pairs])
        for row, (update, target) in enumerate(pairs):
            rag = rag_of(update, target)
            cell = self.table.item(row, RAG_COLUMN)
            cell.setIcon(rag_mark(rag))
            cell.setData(Qt.ItemDataRole.AccessibleTextRole, rag_accessible(rag))
            if update.rag_reason:
                cell.setToolTip(f"Set by hand: {update.rag_reason}")

    def rows(self) -> list[list[str]]:
        return self.table.texts()


class UpdateDialog(QDialog):
    """Add one update to an action; `record(values)` stores it, and may refuse with BadInput.

    `values()` are the keyword arguments of `usecases.progress.record_update`. The dialog stays
    open when the store refuses, so nothing typed is lost.
    """

    def __init__(
        self,
        action: Action,
        label: str,
        record: Callable[[dict], None],
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.action, self.record = action, record
        self.today = today or date.today()
        self.setWindowTitle(f"Add an update to action {label}")
        self.setAccessibleName(f"Add an update to action {label}")
        self.resize(560, 560)

        about = QLabel(" ".join(action.text.split())[:200] or "(no text yet)", self)
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.on_date = DateField(QDate(self.today), self)
        self.on_date.setMaximumDate(QDate(self.today))
        self.on_date.setAccessibleName("Date of the update")
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status after the update")
        for status in UPDATE_STATUSES:
            self.status.addItem(status_text(status), status)
        self.status.setCurrentIndex(self.status.findData(current_status(action)))
        self.note = self._box("Progress update", 4)
        self.evidence = self._box("Evidence", 3)
        self.evidence.setPlaceholderText("What shows it is done: minutes, a policy, an audit…")
        evidence_hint = QLabel("Evidence is needed to mark the action Completed.", self)
        evidence_hint.setWordWrap(True)
        self.target = QLineEdit(self)
        self.target.setAccessibleName("New target date")
        self.target.setPlaceholderText("Only if the target has moved, e.g. June 2020 or 30/6/20")
        self.understood = QLabel(self)
        self.understood.setObjectName("update_target_understood")
        self.understood.setWordWrap(True)
        self.rag = QComboBox(self)
        self.rag.setAccessibleName("RAG rating")
        self.rag.addItem("", None)  # "As suggested: …", kept up to date
        for rag in RAGS:
            self.rag.addItem(rag_mark(rag), f"{rag_label(rag)}: set by hand", rag)
        self.rag_reason = QLineEdit(self)
        self.rag_reason.setAccessibleName("Why the rating differs from the suggestion")
        self.rag_reason.setPlaceholderText("Why the rating differs from the suggested one")
        self.notice = QLabel(KEPT_FOR_GOOD, self)
        self.notice.setObjectName("update_kept_for_good")
        self.notice.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("update_problem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("What must be fixed before OK")
        self.problem.setStyleSheet("color: #a01010; font-weight: bold")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Action:", about)
        form.addRow("&Date:", self.on_date)
        form.addRow("&Status:", self.status)
        form.addRow("&Update:", self.note)
        form.addRow("&Evidence:", self.evidence)
        form.addRow("", evidence_hint)
        form.addRow("New &target:", self.target)
        form.addRow("", self.understood)
        form.addRow("&RAG:", self.rag)
        form.addRow("Reas&on:", self.rag_reason)
        self.buttons, self.ok = dialog_buttons(self, "Re&cord update")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.status.currentIndexChanged.connect(self.refresh)
        self.evidence.textChanged.connect(self.refresh)
        self.target.textChanged.connect(self.refresh)
        self.rag.currentIndexChanged.connect(self.refresh)
        self.rag_reason.textChanged.connect(self.refresh)
        self.refresh()

    def _box(self, name: str, lines: int) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines)
        return box

    def new_target(self) -> tuple[str | None, str]:
        """(the moved target, as typed) or (None, reason it is not usable / "")."""
        try:
            return target_from_text(" ".join(self.target.text().split())), ""
        except BadInput as exc:
            return None, str(exc)

    def suggested(self) -> str:
        target, _ = self.new_target()
        return suggest_rag(self.status.currentData(), target or self.action.target, self.today)

    def refresh(self) -> None:
        """Keep the suggestion, the target reading and the reason OK is off up to date."""
        self.rag.setItemText(0, f"As suggested: {rag_label(self.suggested())}")
        self.rag.setItemIcon(0, rag_mark(self.suggested()))
        typed = self.target.text().strip()
        target, _ = self.new_target()
        if not typed:
            self.understood.setText(f"Target stays {target_label(self.action.target)}.")
        elif target is None:
            self.understood.setText("Not a date I know.")
        else:
            self.understood.setText(
                f"Understood as: {target_label(target)}; recorded as slippage from "
                f"{target_label(self.action.target)}."
            )
        self.rag_reason.setEnabled(self.rag.currentData() is not None)
        problem = self.blocking_problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok.setEnabled(not problem)

    def blocking_problem(self) -> str:
        """What must be fixed before the update can be recorded, as one sentence; else ""."""
        if self.status.currentData() == "completed" and not self.evidence.toPlainText().strip():
            return "To mark the action Completed, say what shows it is done under Evidence."
        _, target_problem = self.new_target()
        if target_problem:
            return target_problem
        rag = self.rag.currentData()
        if rag and rag != self.suggested() and not self.rag_reason.text().strip():
            return (
                f"The suggested rating is {rag_label(self.suggested())}; "
                f"say why it should be {rag_label(rag)} instead."
            )
        return ""

    def values(self) -> dict:
        target, _ = self.new_target()
        rag = self.rag.currentData()
        return {
            "status": self.status.currentData(),
            "text": self.note.toPlainText().strip(),
            "on_date": self.on_date.date().toPython().isoformat(),
            "evidence": self.evidence.toPlainText().strip() or None,
            "rag": rag,
            "rag_reason": self.rag_reason.text().strip() or None if rag else None,
            "target": target,
            "target_text": " ".join(self.target.text().split()) if target else None,
        }

    def accept(self) -> None:
        if self.blocking_problem():
            return
        try:
            self.record(self.values())
        except (BadInput, OSError, sqlite3.Error) as exc:  # e.g. another program is writing
            show_error(self, exc)
            return
        super().accept()
