"""The find-and-filter bar above the plan: words, decision, status, owner, overdue, due before."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.filters import UNDECIDED, Filter
from actionplans.gui.widgets import DateField
from actionplans.storage.model import DECISIONS, KINDS, STATUSES
from actionplans.storage.vocabulary import status_label

ANY = "Any"
TYPING_PAUSE_MS = 150  # words apply this long after the last keystroke, or at once on Enter


def _combo(parent: QWidget, name: str, items: list[tuple[str, str | None]]) -> QComboBox:
    combo = QComboBox(parent)
    # As narrow as eight letters when the window is (a 1366x768 screen at 150%), as wide as
    # the longest choice when there is room.
    combo.setMinimumContentsLength(8)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    for text, data in items:
        combo.addItem(text, data)
    return combo


class FilterBar(QWidget):
    """Emits `changed` whenever any part of the filter changes; for the search words, once
    typing pauses, so a fast typist's word is searched once rather than letter by letter."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = QLineEdit(self)
        self.words.setObjectName("search")
        self.words.setAccessibleName("Search")
        self.words.setPlaceholderText("Search (Ctrl+F)")
        self.words.setClearButtonEnabled(True)
        self.words.setMinimumWidth(160)
        self.decision = _combo(
            self, "Decision", [("Any decision", None)] + [(d, d) for d in (*DECISIONS, UNDECIDED)]
        )
        self.status = _combo(
            self,
            "Status",
            [("Any status", None)] + [(status_label(s), s) for s in STATUSES],
        )
        self.kind = _combo(
            self, "Kind of item", [("Any kind", None)] + [(k.capitalize() + "s", k) for k in KINDS]
        )
        self.owner = _combo(self, "Owner", [("Any owner", None)])
        self.owner.setMinimumContentsLength(10)
        self.overdue = QCheckBox("&Overdue", self)
        self.use_due = QCheckBox("&Due before", self)
        self.due = DateField(QDate.currentDate().addMonths(1), self)
        self.due.setAccessibleName("Due before date")
        self.scope = _combo(self, "Look in", [("This plan", "plan"), ("All plans", "all")])
        clear = self.clear_button = QToolButton(self)
        clear.setText("&Clear")
        clear.setAccessibleName("Clear the filter")
        clear.clicked.connect(lambda: self.clear())  # not clicked(bool) as `notify`

        # Two rows of about the same width: in one, the bar alone was a thousand pixels wide,
        # and the window must fit a 1366x768 screen at 150% (911 pixels wide).
        find = QHBoxLayout()
        find.addWidget(self.words, 1)
        for widget in (self.kind, self.overdue, self.scope, clear):
            find.addWidget(widget)
        filters = QHBoxLayout()
        for widget in (self.decision, self.status, self.owner, self.use_due):
            filters.addWidget(widget)
        filters.addWidget(self.due)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(find)
        layout.addLayout(filters)

        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.apply_now)
        self.words.textChanged.connect(self.typing.start)
        self.words.returnPressed.connect(self.apply_now)
        for combo in (self.decision, self.kind, self.status, self.owner, self.scope):
            combo.currentIndexChanged.connect(self.apply_now)
        for box in (self.overdue, self.use_due):
            box.toggled.connect(self.apply_now)
        self.due.dateChanged.connect(lambda _: self.use_due.isChecked() and self.apply_now())

    def focus_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them: as they stand, row by row."""
        first = [self.words, self.kind, self.overdue, self.scope, self.clear_button]
        return first + [self.decision, self.status, self.owner, self.use_due, self.due]

    def apply_now(self) -> None:
        """Emit `changed` now, with any words still waiting for a pause in the typing."""
        self.typing.stop()
        self.changed.emit()

    def set_owners(self, names: list[str]) -> None:
        current = self.owner.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem("Any owner", None)
        for name in names:
            self.owner.addItem(name, name)
        self.owner.setCurrentIndex(max(self.owner.findData(current), 0))
        self.owner.blockSignals(False)

    def filter(self) -> Filter:
        return Filter(
            words=self.words.text(),
            decision=self.decision.currentData(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            owner=self.owner.currentData(),
            overdue=self.overdue.isChecked(),
            due_before=self.due.date().toPython() if self.use_due.isChecked() else None,
        )

    def all_plans(self) -> bool:
        return self.scope.currentData() == "all"

    def clear(self, notify: bool = True) -> None:
        self.blockSignals(True)
        self.words.clear()
        for combo in (self.decision, self.kind, self.status, self.owner):
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.use_due.setChecked(False)
        self.typing.stop()
        self.blockSignals(False)
        if notify:
            self.changed.emit()
