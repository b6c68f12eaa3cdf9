"""The plan as a tree model: section headings > recommendations > actions, in six columns.

The model holds one loaded `Plan` and the nodes a filter keeps; the view asks only for the rows
it draws, so a plan of thousands of recommendations opens as fast as the store can read it.
Every edit goes to the store first; the window then reloads the plan and calls `set_plan`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from gui.dates import uk_date
from gui.filters import Filter, TextIndex, select
from storage.checks import Problem, check_plan, is_overdue
from storage.model import Action, Plan, Recommendation

_TOP = QModelIndex()  # the invisible root, as Qt passes it
COLUMNS = ("Rec No", "Recommendation", "Decision", "Response", "Owner(s)", "Target")
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
NO_SECTION = "(no section heading)"
_TIP_CHARS = 1500
_OVERDUE = QColor(170, 20, 20)
_DONE = QColor(110, 110, 110)


class Node:
    """One row of the tree; `item` is a section title, a Recommendation or an Action."""

    __slots__ = ("kind", "item", "parent", "row", "children", "number", "rec", "problems")

    def __init__(self, kind: str, item, parent: Node | None, row: int) -> None:
        self.kind = kind  # "root", "section", "recommendation" or "action"
        self.item = item
        self.parent = parent
        self.row = row
        self.children: list[Node] = []
        self.number = 0  # an action's 1-based number within its recommendation
        self.rec: Recommendation | None = None  # an action's recommendation
        self.problems: list[Problem] = []

    @property
    def item_id(self) -> int | None:
        return getattr(self.item, "id", None)


def one_line(text: str) -> str:
    return " ".join(text.split())


def status_text(status: str) -> str:
    return status.replace("_", " ").capitalize()


def target_shown(action: Action) -> str:
    target = action.target_text or uk_date(action.target)
    if action.status != "open":
        target = (
            f"{target} ({status_text(action.status).lower()})"
            if target
            else status_text(action.status)
        )
    return target


class PlanModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.filter = Filter()
        self.today = date.today()
        self.root = Node("root", None, None, 0)
        self.by_key: dict[tuple[str, int], Node] = {}
        self.shown_recs = 0
        self._index: TextIndex | None = None
        self._problems: dict[tuple[str | None, int | None], list[Problem]] = {}
        self._warning = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )

    # --- loading and filtering -------------------------------------------------------------

    def set_plan(self, plan: Plan | None, today: date | None = None) -> None:
        self.today = today or date.today()
        self.plan = plan
        self._index = TextIndex(plan) if plan else None
        self._problems = {}
        for problem in check_plan(plan, self.today) if plan else []:
            self._problems.setdefault((problem.ref, problem.action), []).append(problem)
        self._rebuild()

    def set_filter(self, flt: Filter) -> None:
        self.filter = flt
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self.root = Node("root", None, None, 0)
        self.by_key = {}
        kept = select(self.plan, self.filter, self._index, self.today) if self.plan else []
        self.shown_recs = len(kept)
        section = None
        for rec, actions in kept:
            if section is None or rec.section != section.item:
                section = self._add(self.root, "section", rec.section)
            rec_node = self._add(section, "recommendation", rec)
            rec_node.problems = self._problems.get((rec.ref, None), [])
            for action in actions:
                node = self._add(rec_node, "action", action)
                node.rec = rec
                node.number = next(i for i, a in enumerate(rec.actions, 1) if a is action)
                node.problems = self._problems.get((rec.ref, node.number), [])
        self.endResetModel()

    def _add(self, parent: Node, kind: str, item) -> Node:
        node = Node(kind, item, parent, len(parent.children))
        parent.children.append(node)
        if kind != "section":
            self.by_key[(kind, item.id)] = node
        return node

    # --- finding rows ----------------------------------------------------------------------

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, kind: str, item_id: int | None) -> QModelIndex:
        node = self.by_key.get((kind, item_id))
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def section_rows(self) -> list[int]:
        return list(range(len(self.root.children)))

    # --- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = _TOP) -> QModelIndex:
        node = parent.internalPointer() if parent.isValid() else self.root
        if 0 <= row < len(node.children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = _TOP) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: QModelIndex = _TOP) -> int:
        if parent.isValid():
            return len(parent.internalPointer().children) if parent.column() == 0 else 0
        return len(self.root.children)

    def columnCount(self, parent: QModelIndex = _TOP) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return f"{section + 1}. {COLUMNS[section]}"
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == NODE_ROLE:
            return node
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and node.problems:
            return self._warning
        if role == Qt.ItemDataRole.FontRole and node.kind == "section":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.kind == "action":
            if column == 5 and is_overdue(node.item, self.today):
                return QBrush(_OVERDUE)
            if node.item.status == "completed":
                return QBrush(_DONE)
        return None

    def _display(self, node: Node, column: int) -> str:
        item = node.item
        if node.kind == "section":
            return (item or NO_SECTION) if column == 0 else ""
        if node.kind == "recommendation":
            if column == 0:
                return item.ref
            if column == 1:
                return one_line(item.text)[:300]
            if column == 2:
                decision = item.decision or "Undecided"
                return f"{decision} ({item.reason})" if item.reason else decision
            if column == 3:
                n = len(item.actions)
                return f"{n} action{'s' if n != 1 else ''}"
            return ""
        if column == 0:
            return f"{node.number}."
        if column == 3:
            return one_line(item.text)[:300]
        if column == 4:
            return "; ".join(item.owners)
        if column == 5:
            return target_shown(item)
        return ""

    def _tooltip(self, node: Node, column: int) -> str | None:
        if column == 0 and node.problems:
            return "\n".join(p.message for p in node.problems)
        text = None
        if node.kind == "recommendation" and column == 1:
            text = node.item.text
        elif node.kind == "action" and column == 3:
            text = node.item.text
        if text and len(text) > _TIP_CHARS:
            return text[:_TIP_CHARS] + "…"
        return text
