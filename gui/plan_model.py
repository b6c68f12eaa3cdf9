"""The plan as the published template lays it out: heading rows, then each recommendation
followed by its actions, one row per action, in the six columns people know.

A flat list model: the model holds one loaded `Plan` and the rows a filter keeps, and makes row
objects only for the rows the view has scrolled to (`canFetchMore`/`fetchMore`), so a plan of
thousands of recommendations opens and filters about as fast as a small one. Every edit goes to
the store first; the window then reloads the plan and calls `set_plan`.

Rows can be dragged within the view: the model says what is dragged (`mimeData`) and, on a drop
between two rows, emits `dropped`; the window turns that into an undoable command (see
`gui.reorder`). The model never changes its rows itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.filters import Filter, TextIndex, narrows, select
from actionplans.gui.plan_rows import (
    SORTS,
    Dragged,
    Kept,
    Node,
    flatten,
    paragraphs,
    sorted_rows,
    target_shown,
)
from actionplans.gui.rag import rag_accessible, rag_label, rag_mark
from actionplans.resources import resource_path
from actionplans.storage.checks import Problem, check_plan
from actionplans.storage.dates import uk_date
from actionplans.storage.model import KINDS, Plan, Recommendation
from actionplans.storage.rules import action_rag, is_overdue

_TOP = QModelIndex()  # the invisible root, as Qt passes it
COLUMNS = ("Rec No", "Recommendation", "Decision", "Response", "Owner(s)", "Target", "RAG")
TEMPLATE_COLUMNS = 6  # numbered as the template numbers them; RAG is ours
RAG_COLUMN = 6
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
NO_SECTION = "(no section heading)"
MEMO = 64  # filters whose results are remembered until the plan is reloaded
BATCH = 300  # rows made at a time; the view asks for more as it scrolls
_TIP_CHARS = 1500
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DRAGGABLE = _FLAGS | Qt.ItemFlag.ItemIsDragEnabled
MIME_TYPE = "application/x-actionplans-row"
_OVERDUE, _DONE, _HEADING = (170, 20, 20), (110, 110, 110), (222, 230, 240)
_R = Qt.ItemDataRole
_DISPLAY, _TIP, _DECORATION, _FONT, _BACKGROUND, _FOREGROUND, _ACCESSIBLE = (
    _R.DisplayRole,
    _R.ToolTipRole,
    _R.DecorationRole,
    _R.FontRole,
    _R.BackgroundRole,
    _R.ForegroundRole,
    _R.AccessibleTextRole,
)
_ROLES = frozenset(
    (_DISPLAY, _TIP, _DECORATION, _FONT, _BACKGROUND, _FOREGROUND, _ACCESSIBLE, NODE_ROLE)
)


@cache
def _warning_mark() -> QIcon:
    """The mark beside a row with problems (drawn by tools/make_icon.py)."""
    return QIcon(str(resource_path("icons", "warning.png")))


class PlanModel(QAbstractItemModel):
    dropped = Signal(object, int)  # (Dragged, the row it was dropped before)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.filter = Filter()
        self.sort: tuple[str, bool] | None = None  # (column name in SORTS, descending)
        self.today = date.today()
        self.rows: list[Node] = []  # the rows made so far, in order
        self.rows_of: dict[tuple[str, int], int] = {}  # (kind, id) -> row, of those made
        self._kept = Kept()
        self._candidates: list[Recommendation] = []
        self._memo: dict[Filter, Kept] = {}  # what each filter kept, so erasing is instant
        self._kept_keys: set[tuple[str, int]] | None = None
        self._source: Iterator[tuple] = iter(())
        self._ahead: tuple | None = None
        self._held = False  # see `fetch_held`
        self.problems: list[Problem] = []
        self.shown_recs = 0
        self._index: TextIndex | None = None
        self._problems: dict[tuple[str | None, int | None], list[Problem]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._heading, self._overdue, self._done = (
            QColor(*rgb) for rgb in (_HEADING, _OVERDUE, _DONE)
        )

    # --- loading and filtering -------------------------------------------------------------

    def set_plan(self, plan: Plan | None, today: date | None = None) -> None:
        self.today = today or date.today()
        self.plan = plan
        self._index = None
        self._candidates = plan.recommendations if plan else []
        self._memo.clear()
        self.problems = check_plan(plan, self.today) if plan else []
        self._problems = {}
        for problem in self.problems:
            self._problems.setdefault((problem.ref, problem.action), []).append(problem)
        self._rebuild()

    def set_filter(self, flt: Filter) -> None:
        """Show what `flt` keeps; typing on in the search box only searches what was kept."""
        if self.plan is not None and narrows(flt, self.filter):
            self._candidates = [rec for rec, _ in self._kept.pairs(self.plan)]
        else:
            self._candidates = self.plan.recommendations if self.plan else []
        self.filter = flt
        self._rebuild()

    def set_sort(self, column: str | None, descending: bool = False) -> None:
        """Sort by a column of SORTS, as Excel does (None: the plan's own order)."""
        self.sort = (column, descending) if column in SORTS else None
        self._rebuild()

    def prepare_search(self) -> TextIndex | None:
        """The folded text word searches need, made once per load: the window asks for it at
        the first keystroke in the search box, so it is ready when typing pauses."""
        if self._index is None and self.plan is not None:
            self._index = TextIndex(self.plan)
        return self._index

    def _rebuild(self) -> None:
        """Keep what the filter keeps; make row objects for the first batch only."""
        self.beginResetModel()
        kept = self._memo.get(self.filter)
        if kept is None and self.plan is not None:
            index = self.prepare_search() if self.filter.words.strip() else None
            found = select(self._candidates, self.filter, index, self.today)
            kept = Kept(self.plan, found)
            if len(self._memo) >= MEMO:
                self._memo.clear()
            self._memo[self.filter] = kept
        self._kept = kept or Kept()
        self.shown_recs = len(self._kept.recs)
        self._kept_keys: set[tuple[str, int]] | None = None
        self.rows, self.rows_of = [], {}
        if self.plan is None:
            self._source = iter(())
        elif self.sort is not None:
            self._source = sorted_rows(self.plan, self._kept, *self.sort, self.today)
        else:
            self._source = flatten(self.plan, self._kept)
        self._ahead = next(self._source, None)
        self.rows += self._take(BATCH)
        self.endResetModel()

    def _take(self, count: int) -> list[Node]:
        """The next `count` rows (fewer at the end), with their warnings. A heading row is
        never the last one made: a drop just under it must find the recommendation below."""
        made: list[Node] = []
        row = len(self.rows)
        while self._ahead is not None and (
            len(made) < count or (made and made[-1].kind == "section")
        ):
            kind, item, rec, number = self._ahead
            node = Node(kind, item, row, rec, number)
            if kind == "recommendation":
                node.problems = self._problems.get((item.ref, None), [])
            elif kind == "action":
                node.problems = self._problems.get((rec.ref, number), [])
            if kind != "section":
                self.rows_of[(kind, item.id)] = row
            made.append(node)
            row += 1
            self._ahead = next(self._source, None)
        return made

    def canFetchMore(self, parent: QModelIndex = _TOP) -> bool:
        return not parent.isValid() and self._ahead is not None and not self._held

    @contextmanager
    def fetch_held(self) -> Iterator[None]:
        """The view fetches no rows meanwhile. A tree view lays its rows out again whenever a
        row is made to span the width, and fetches a batch each time it lays out: spanning the
        headings of each new batch would otherwise make the whole plan, batch by batch."""
        self._held = True
        try:
            yield
        finally:
            self._held = False

    def fetchMore(self, parent: QModelIndex = _TOP, count: int = BATCH) -> None:
        """The next batch of rows, when the view scrolls near the end of those it has."""
        if parent.isValid():
            return
        made = self._take(count)
        if made:
            self.beginInsertRows(_TOP, len(self.rows), len(self.rows) + len(made) - 1)
            self.rows += made
            self.endInsertRows()

    # --- finding rows ----------------------------------------------------------------------

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node | None:
        return self.rows[index.row()] if index.isValid() else None

    def index_of(self, kind: str, item_id: int | None) -> QModelIndex:
        """The row of a recommendation or action the filter keeps (making rows up to it)."""
        key = (kind, item_id)
        if key not in self.rows_of and key in self._keys():
            while key not in self.rows_of and self._ahead is not None:
                self.fetchMore(_TOP)
        row = self.rows_of.get(key)
        return QModelIndex() if row is None else self.index(row, 0)

    def index_of_heading(self, title: str) -> QModelIndex:
        """The first heading row of section `title` (making rows up to it)."""
        start = 0
        while True:
            for node in self.rows[start:]:
                if node.kind == "section" and node.item == title:
                    return self.index(node.row, 0)
            if self._ahead is None:
                return QModelIndex()
            start = len(self.rows)
            self.fetchMore(_TOP)

    def _keys(self) -> set[tuple[str, int]]:
        if self._kept_keys is None and self.plan is not None:
            self._kept_keys = {
                (kind, item.id)
                for kind, item, _, _ in flatten(self.plan, self._kept)
                if kind != "section"
            }
        return self._kept_keys or set()

    def shown_plan(self) -> Plan | None:
        """The plan as the view shows it, to print: only the recommendations and actions the
        filter keeps, in the view's order (sorted or not)."""
        if self.plan is None:
            return None
        recs: list[Recommendation] = []
        for node in self.all_rows():
            if node.kind == "recommendation":
                recs.append(replace(node.item, actions=[]))
            elif node.kind == "action":
                recs[-1].actions.append(node.item)
        return replace(self.plan, recommendations=recs)

    def all_rows(self) -> list[Node]:
        """Every row the filter keeps, made now if the view has not scrolled to it yet."""
        while self._ahead is not None:
            self.fetchMore(_TOP)
        return self.rows

    # --- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: QModelIndex = _TOP) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self.rows) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: QModelIndex = _TOP) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: QModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def hasChildren(self, parent: QModelIndex = _TOP) -> bool:
        return not parent.isValid()

    def columnCount(self, parent: QModelIndex = _TOP) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            numbered = section < TEMPLATE_COLUMNS
            return f"{section + 1}. {COLUMNS[section]}" if numbered else COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == _TIP and section == RAG_COLUMN:
            return "Red, Amber, Green, or Blue when complete: from the latest update"
        return None

    def flags(self, index: QModelIndex):
        """Rows can be dragged (not the row of recommendations without a heading) and dropped
        between rows, never onto one: the drop lands in the gap (see `gui.reorder`)."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        node = self.rows[index.row()]
        if self.sort is not None:  # sorted rows are not where they are in the plan
            return _FLAGS
        return _FLAGS if node.kind == "section" and node.item is None else _DRAGGABLE

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        """The dragged row (one: the view selects one row at a time)."""
        data = QMimeData()
        if indexes:
            data.setData(MIME_TYPE, QByteArray(self.rows[indexes[0].row()].dragged().encode()))
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent) -> bool:
        """Emit `dropped` for a row dropped before `row` (-1: after the last row).

        The move itself is the window's command; after it the plan reloads. The view then
        calls `removeRows` for a move, which this model leaves as Qt's no-op.
        """
        if action != Qt.DropAction.MoveAction or parent.isValid() or not data.hasFormat(MIME_TYPE):
            return False
        dragged = Dragged.decode(bytes(data.data(MIME_TYPE).data()))
        self.dropped.emit(dragged, len(self.rows) if row < 0 else row)
        return True

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        node = self.rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if node.shown is None:
                node.shown = [self._display(node, c) for c in range(len(COLUMNS))]
            return node.shown[column]
        if role == NODE_ROLE:
            return node
        if role == _TIP:
            return self._tooltip(node, column)
        if column == RAG_COLUMN and node.kind == "action" and role in (_DECORATION, _ACCESSIBLE):
            rag = action_rag(node.item, self.today, node.rec.decision)
            if role == _ACCESSIBLE:
                return rag_accessible(rag)
            return rag_mark(rag) if rag else None  # an explanation has no rating
        if role == _DECORATION:
            return _warning_mark() if column == 0 and node.problems else None
        if node.kind == "section":
            return self._bold if role == _FONT else self._heading if role == _BACKGROUND else None
        if role == _FOREGROUND and node.kind == "action":
            if column == 5 and is_overdue(node.item, self.today, node.rec.decision):
                return self._overdue
            if node.item.status == "completed":
                return self._done
        return None

    def set_font(self, font: QFont) -> None:
        """The zoomed font: headings are its bold form."""
        self._bold = QFont(font)
        self._bold.setBold(True)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    def cell_text(self, row: int, column: int) -> str:
        """What the cell shows, for copying."""
        return self.data(self.index(row, column)) or ""

    def _display(self, node: Node, column: int) -> str:
        item = node.item
        if node.kind == "section":
            return (item or NO_SECTION) if column == 0 else ""  # spanning the row
        if node.kind == "recommendation":
            if column == 0:
                return item.ref
            if column == 1:  # what the report calls it, when not a plain recommendation
                kind = "" if item.kind == KINDS[0] else f"{item.kind.capitalize()}:\n"
                return kind + paragraphs(item.text)
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
            return paragraphs(item.text)
        if column == 4:
            return "; ".join(item.owners)
        if column == 5:
            return target_shown(item)
        if column == RAG_COLUMN:
            return rag_label(action_rag(item, self.today, node.rec.decision))
        return ""

    def _tooltip(self, node: Node, column: int) -> str | None:
        if column == 0 and node.problems:
            return "\n".join(p.message for p in node.problems)
        if column == RAG_COLUMN and node.kind == "action":
            latest = node.item.latest
            if latest is not None and latest.rag:
                return f"Set by hand on {uk_date(latest.on_date)}: {latest.rag_reason}"
            return "Suggested from the status and the target date"
        text = None
        if node.kind == "recommendation" and column == 1:
            text = node.item.text
        elif node.kind == "action" and column == 3:
            text = node.item.text
        if text and len(text) > _TIP_CHARS:
            return text[:_TIP_CHARS] + "…"
        return text
