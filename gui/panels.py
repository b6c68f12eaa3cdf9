"""The docked panels' contents: checks, history, and results across plans."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.plan_list import shown_name
from actionplans.storage.checks import Problem
from actionplans.storage.dates import uk_short, uk_timestamp
from actionplans.storage.queries import Change
from actionplans.storage.rules import target_label
from actionplans.storage.store import PlanRow
from actionplans.storage.vocabulary import status_label


class ChecksPanel(QListView):
    """The plan's warnings; activating one selects the row it concerns.

    A list model rather than list items: a big overdue plan has thousands of warnings.
    """

    problem_chosen = Signal(str, int)  # (ref, action number or 0)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Checks")
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.messages = QStringListModel(self)
        self.setModel(self.messages)
        self.where: list[tuple[str, int]] = []
        self.activated.connect(self._chosen)

    def show_problems(self, problems: list[Problem]) -> None:
        self.where = [(p.ref or "", p.action or 0) for p in problems]
        lines = [p.message for p in problems]
        self.messages.setStringList(
            lines or ["No warnings: every action has an owner and a target date."]
        )

    def lines(self) -> list[str]:
        return self.messages.stringList()

    def _chosen(self, index: QModelIndex) -> None:
        if index.row() < len(self.where):
            self.problem_chosen.emit(*self.where[index.row()])


_RAG_WORDS = ("red", "amber", "green", "blue")
_DATE_FORMATS = ("%d/%m/%Y", "%d %B %Y", "%B %Y", "%d/%m/%Y %H:%M")


def sort_key(text: str) -> tuple:
    """How a cell sorts when its column's header is clicked: dates and targets as dates
    ("March 2030" before "1 April 2030"), RAG as red, amber, green, blue, the rest by text
    without capitals. Dates come first, then RAG words, then text."""
    words = text.split(" (")[0].strip()  # "March 2030 (overdue)", "Blue (complete)"
    for form in _DATE_FORMATS:
        try:
            return (0, datetime.strptime(words, form).isoformat())
        except ValueError:
            continue
    if words.casefold() in _RAG_WORDS:
        return (1, str(_RAG_WORDS.index(words.casefold())))
    return (2, text.casefold())


class SortedItem(QTableWidgetItem):
    def __lt__(self, other: QTableWidgetItem) -> bool:
        return sort_key(self.text()) < sort_key(other.text())


class ReadOnlyTable(QTableWidget):
    """A table of text rows, each row optionally carrying data for when it is activated."""

    def __init__(self, headers: tuple[str, ...], name: str, parent: QWidget | None = None):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), never traps
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)

    def texts(self) -> list[list[str]]:
        """The table's text, row by row: what a person reads (and what tests check)."""
        return [
            [self.item(r, c).text() for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]

    def sortable(self) -> None:
        """Sort by a column when its header is clicked (again: the other way), as in Excel;
        until then, the rows stay in the order they are given."""
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicatorShown(True)

    def fill(self, rows: list[tuple], data: list | None = None) -> None:
        sorting = self.isSortingEnabled()
        self.setSortingEnabled(False)  # rows go in as given; sorted once they are all in
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = SortedItem("" if value is None else str(value))
                if len(item.text()) > 40:
                    item.setToolTip(item.text())
                if data is not None:
                    item.setData(Qt.ItemDataRole.UserRole, data[r])
                self.setItem(r, c, item)
        self.setSortingEnabled(sorting)


class HistoryPanel(ReadOnlyTable):
    """Who changed what and when, for the selected item, newest first, in words and UK dates
    rather than as stored ("target date: March 2019 → June 2027", not "target 2019-03 →
    2027-06")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(("When", "Who", "What", "Was", "Now"), "History", parent)

    def show_changes(self, changes: list[Change]) -> None:
        self.fill([(uk_timestamp(c.at), c.user, *history_line(c)) for c in reversed(changes)])
        for column in (0, 1, 2):  # the date and time, the name, the field: never cut
            self.resizeColumnToContents(column)


_FIELD_NAMES = {
    "ref": "Rec No",
    "text": "text",
    "target": "target date",
    "target_text": "target date as written",
    "short_name": "short name",
    "report_published": "report published",
    "responds_to": "responds to",
    "section position": "section moved",
    "recommendation": "moved to recommendation",
    "reviewed at meeting": "reviewed at a meeting",
}
_DATES = ("report_published", "submitted", "reviewed at meeting")


def _ordinal(value: str | None) -> str:
    if not value or not value.isdigit():
        return value or ""
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} place"


def _value(field: str, value: str | None) -> str:
    """A stored value as a person reads it."""
    if value is None:
        return ""
    if field == "target":
        return target_label(value)
    if field in _DATES:
        return uk_short(value) or value
    if field == "status":
        return status_label(value)
    if field in ("position", "section position"):
        return _ordinal(value)
    if field == "owners":
        return "; ".join(value.splitlines())
    return value


def history_line(change: Change) -> tuple[str, str, str]:
    """(what, was, now) of one history line, in words."""
    field = change.field
    if field in ("created", "deleted"):
        return f"{change.kind} {field}", change.old or "", change.new or ""
    if field == "position" and f"{change.old}{change.new}".isdigit():
        moved = "moved up" if int(change.new or 0) < int(change.old or 0) else "moved down"
        return moved, _value(field, change.old), _value(field, change.new)
    what = _FIELD_NAMES.get(field, field.replace("_", " "))
    return what, _value(field, change.old), _value(field, change.new)


class ResultsPanel(ReadOnlyTable):
    """Matches across every plan; activating a row opens its plan at that item."""

    item_chosen = Signal(int, str, int)  # (plan id, kind, item id)

    def __init__(self, parent: QWidget | None = None) -> None:
        headers = ("Plan", "Rec No", "Decision", "Text", "Owner(s)", "Target")
        super().__init__(headers, "Results across plans", parent)
        self.sortable()
        self.itemActivated.connect(self._chosen)

    def show_rows(self, rows: list[tuple], targets: list[tuple[int, str, int]]) -> None:
        self.fill(rows, targets)
        for column, width in enumerate((260, 70, 120, 520, 220)):
            self.setColumnWidth(column, width)

    def _chosen(self, item: QTableWidgetItem) -> None:
        self.item_chosen.emit(*item.data(Qt.ItemDataRole.UserRole))


class PlanChecklist(QListWidget):
    """Plans with a tick box each, for choosing several (a board pack, a meeting's agenda),
    by the short name the plan list shows: full titles start alike and are cut off in a
    dialog's width (the full title is the tooltip)."""

    def __init__(self, rows: list[PlanRow], chosen: int | None, name: str, parent: QWidget):
        super().__init__(parent)
        self.setAccessibleName(name)
        for row in rows:
            item = QListWidgetItem(shown_name(row))
            item.setToolTip(row.title)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            ticked = Qt.CheckState.Checked if row.id == chosen else Qt.CheckState.Unchecked
            item.setCheckState(ticked)
            self.addItem(item)

    def ticked_ids(self) -> list[int]:
        items = (self.item(i) for i in range(self.count()))
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]
