"""The plan list: every plan in the store with its counts, by the name the secretary gave it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.storage.dates import uk_short
from actionplans.storage.short_names import derive_short_name
from actionplans.storage.store import PlanRow

_TOP = QModelIndex()  # the invisible root, as Qt passes it
PLAN_COLUMNS = (
    ("Plan", "title"),
    ("Submitted", "submitted"),
    ("Agreed", "agreed"),
    ("Partly", "partly_agreed"),
    ("Not agreed", "not_agreed"),
    ("Undecided", "undecided"),
    ("Open", "open_actions"),
    ("Overdue", "overdue_actions"),
)


def shown_name(row: PlanRow) -> str:
    """The name the plan list shows: the secretary's short name, else one derived from the
    title (the full title is the tooltip)."""
    return row.short_name or derive_short_name(row.title)


class PlanListModel(QAbstractTableModel):
    """Every plan with its counts, from `Store.list_plans`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[PlanRow] = []

    def set_rows(self, rows: list[PlanRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    @staticmethod
    def column_of(name: str) -> int:
        return [n for _, n in PLAN_COLUMNS].index(name)

    def row_of(self, plan_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == plan_id), -1)

    def rowCount(self, parent: QModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(PLAN_COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PLAN_COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        name = PLAN_COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "title":
                return shown_name(row)
            value = getattr(row, name)
            return uk_short(value) if name == "submitted" else value
        if role == Qt.ItemDataRole.ToolTipRole and name == "title":
            return (
                f"{row.title}\nResponds to: {row.responds_to or '—'}\n"
                f"Submitted: {uk_short(row.submitted) or '—'}\n"
                f"Agreed {row.agreed}, partly agreed {row.partly_agreed}, not agreed "
                f"{row.not_agreed}, undecided {row.undecided}\n"
                "Double-click to rename (the short name shown here)"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 1:
            return Qt.AlignmentFlag.AlignCenter
        overdue = name == "overdue_actions" and row.overdue_actions
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return Qt.GlobalColor.darkRed
        return None
