"""The secretary's verdicts in the window: a reported completion verified or not accepted, and
an Independent Review of Progress judgement on an item.

Both are kept for good, like updates, so each dialog says so before OK; what the store would
refuse (no evidence seen, no reason, a date before the completion or after today) is said in
the dialog, which stays open so nothing typed is lost. The work is done by
`usecases.verification`, which the command's `verify` and `judge` use too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.errors import show_error
from actionplans.gui.widgets import DateField, dialog_buttons
from actionplans.storage.dates import uk_date
from actionplans.storage.errors import BadInput
from actionplans.storage.judgements import RATING_NAMES
from actionplans.storage.model import Action
from actionplans.storage.verification import completion

KEPT = "A verdict is kept for good, like an update: it cannot be undone or changed."


def _box(parent: QWidget, name: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines)
    return box


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _VerdictDialog(QDialog):
    """OK calls `record(values)`, which may refuse with BadInput: then the dialog stays open."""

    def __init__(
        self, title: str, action: str, record: Callable[[dict], None], parent: QWidget | None
    ):
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.buttons, self.ok = dialog_buttons(self, action)

    def lay_out(self, form: QFormLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_plain(KEPT, self))
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.record(self.values())
        except (BadInput, OSError, sqlite3.Error) as exc:  # e.g. another program is writing
            show_error(self, exc)
            return
        super().accept()


class VerifyDialog(_VerdictDialog):
    """Verify an action's reported completion (who, when, the evidence seen) or refuse it with
    a reason, which reopens the action. `values()` are the keyword arguments of
    `usecases.verification.verify_completion` / `refuse_completion`, plus `accepted`."""

    def __init__(
        self,
        action: Action,
        label: str,
        record: Callable[[dict], None],
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(
            f"Verify the completion of action {label}", "&Mark verified", record, parent
        )
        today = today or date.today()
        reported = completion(action)
        if reported is None:
            claim = "Recorded as completed, with no update saying by whom or on what evidence."
        else:
            claim = (
                f"Reported complete on {uk_date(reported.on_date)}: "
                f"{' '.join(reported.text.split()) or '(no note)'}\n"
                f"Evidence given: {' '.join((reported.evidence or '').split()) or '(none)'}"
            )
        self.verified = QRadioButton("&Verified: I have seen the evidence", self)
        self.refused = QRadioButton("&Not accepted: the action is reopened", self)
        self.verified.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.verified)
        group.addButton(self.refused)
        self.on_date = DateField(QDate(today), self)
        self.on_date.setMaximumDate(QDate(today))
        if reported is not None:
            self.on_date.setMinimumDate(QDate(date.fromisoformat(reported.on_date)))
        self.on_date.setAccessibleName("Date of the verdict")
        self.by = QLineEdit(self)
        self.by.setAccessibleName("Verified by")
        self.by.setPlaceholderText("Who saw the evidence (blank: you)")
        self.seen = _box(self, "Evidence seen")
        self.seen.setPlaceholderText("What you saw: the signed policy, the minutes of…")
        self.reason = _box(self, "Why the completion is not accepted")
        self.reason.setPlaceholderText("What is still missing")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Action:", _plain(" ".join(action.text.split())[:200], self))
        self.claim = _plain(claim, self)
        form.addRow("Claim:", self.claim)
        form.addRow("", self.verified)
        form.addRow("", self.refused)
        form.addRow("&Date:", self.on_date)
        form.addRow("&By:", self.by)
        form.addRow("Evidence &seen:", self.seen)
        form.addRow("&Reason:", self.reason)
        self.verified.toggled.connect(self.refresh)
        self.lay_out(form)
        self.refresh()

    def refresh(self) -> None:
        verifying = self.verified.isChecked()
        self.seen.setEnabled(verifying)
        self.reason.setEnabled(not verifying)
        self.ok.setText("&Mark verified" if verifying else "&Reopen the action")

    def values(self) -> dict:
        values = {
            "accepted": self.verified.isChecked(),
            "by": self.by.text().strip() or None,
            "on_date": self.on_date.date().toPython().isoformat(),
        }
        if self.verified.isChecked():
            values["evidence_seen"] = self.seen.toPlainText().strip()
        else:
            values["reason"] = self.reason.toPlainText().strip()
        return values


class JudgementDialog(_VerdictDialog):
    """An Independent Review of Progress judgement on an item: date, rating, note.
    `values()` are the keyword arguments of `usecases.verification.record_judgement`."""

    def __init__(
        self,
        label: str,
        text: str,
        record: Callable[[dict], None],
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(
            f"Independent Review judgement on item {label}", "Re&cord judgement", record, parent
        )
        today = today or date.today()
        self.on_date = DateField(QDate(today), self)
        self.on_date.setMaximumDate(QDate(today))
        self.on_date.setAccessibleName("Date of the judgement")
        self.rating = QComboBox(self)
        self.rating.setAccessibleName("Rating")
        for stored, name in RATING_NAMES.items():
            self.rating.addItem(name, stored)
        self.note = _box(self, "Note")
        self.note.setPlaceholderText("What the inspectors said, in brief")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Item:", _plain(" ".join(text.split())[:200], self))
        form.addRow("&Date:", self.on_date)
        form.addRow("&Rating:", self.rating)
        form.addRow("&Note:", self.note)
        self.lay_out(form)

    def values(self) -> dict:
        return {
            "rating": self.rating.currentText(),
            "on_date": self.on_date.date().toPython().isoformat(),
            "note": self.note.toPlainText().strip(),
        }
