"""Sections, and moving rows by keys and by drag and drop, checked against the database.

Drops go through the model's `mimeData` and `dropMimeData`, which is what the view calls when a
person drags a row (a real drag runs a nested event loop the offscreen platform cannot drive).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.commands import moves_back_exactly  # noqa: E402
from actionplans.storage import monitoring  # noqa: E402
from actionplans.storage.model import Action, Plan, Recommendation  # noqa: E402
from actionplans.usecases import progress  # noqa: E402
from tests.gui.keys import type_line  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier


def add_plan(store, sections: tuple, actions: int = 2) -> int:
    """Recommendations "1", "2", ... under `sections` (None: no heading), each with actions
    "1.1", "1.2", ..."""
    recs = [
        Recommendation(
            ref=str(n),
            text=f"Recommendation {n}.",
            section=section,
            actions=[Action(text=f"{n}.{a}", owners=["Governor"]) for a in range(1, actions + 1)],
        )
        for n, section in enumerate(sections, 1)
    ]
    return store.add_plan(Plan(title="Plan in sections", recommendations=recs))


def layout(store, plan_id: int) -> list[tuple]:
    """(ref, section, action texts) of each recommendation, in the stored order."""
    return [
        (r.ref, r.section, [a.text for a in r.actions])
        for r in store.get_plan(plan_id).recommendations
    ]


def sections(store, plan_id: int) -> list[tuple[str, str | None]]:
    return [(ref, section) for ref, section, _ in layout(store, plan_id)]


@pytest.fixture
def opened(window, store):
    def open_plan(*sections, actions: int = 2) -> int:
        plan_id = add_plan(store, sections, actions)
        window.refresh_plan_list()
        window.open_plan(plan_id)
        return plan_id

    return open_plan


def row_of(window, kind: str, key) -> int:
    """The view's row of a heading (by title), recommendation (by ref) or action (by text)."""
    for node in window.model.all_rows():
        if node.kind != kind:
            continue
        if (
            kind == "section"
            and node.item == key
            or kind != "section"
            and key
            in (
                getattr(node.item, "ref", None),
                getattr(node.item, "text", None),
            )
        ):
            return node.row
    raise AssertionError(f"no {kind} row {key!r}")


def select_heading(qtbot, window, title: str) -> None:
    window.tree.setFocus()
    window.tree.setCurrentIndex(window.model.index(row_of(window, "section", title), 0))
    assert window.editor.currentWidget() is window.section_form


def drag(window, kind: str, key, before: int) -> bool:
    """Drag a row and drop it in the gap before view row `before`, as the view does."""
    model = window.model
    data = model.mimeData([model.index(row_of(window, kind, key), 0)])
    move = Qt.DropAction.MoveAction
    assert model.canDropMimeData(data, move, before, 0, QModelIndex())  # the view asks first
    return model.dropMimeData(data, move, before, 0, QModelIndex())


def undo_redo_undo(window, store, plan_id: int, before: list, after: list) -> None:
    """The last edit is one undo step that puts `before` back; redo makes it again."""
    assert layout(store, plan_id) == after
    window.undo.undo()
    assert layout(store, plan_id) == before
    window.undo.redo()
    assert layout(store, plan_id) == after
    window.undo.undo()
    assert layout(store, plan_id) == before


# --- section headings ------------------------------------------------------------------------


def test_a_heading_is_renamed_in_the_editor_and_the_rename_undone(qtbot, window, store, opened):
    plan_id = opened("A", "A", "B")
    select_heading(qtbot, window, "A")
    assert "2 recommendations under this heading" in window.section_form.about.text()
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is window.section_form.title
    assert window.section_form.title.selectedText() == "A"
    type_line(qtbot, window.section_form.title, "To the governor")
    assert sections(store, plan_id) == [
        ("1", "To the governor"),
        ("2", "To the governor"),
        ("3", "B"),
    ]
    assert window.edit.selected_node().item == "To the governor"  # the heading stays selected
    window.undo.undo()
    assert sections(store, plan_id) == [("1", "A"), ("2", "A"), ("3", "B")]
    assert window.edit.selected_node().item == "A"


def test_undoing_a_merge_by_rename_gives_both_headings_back(qtbot, window, store, opened):
    plan_id = opened("A", "A", "B", "C", "C")
    before = layout(store, plan_id)
    select_heading(qtbot, window, "C")
    type_line(qtbot, window.section_form.title, "A")
    assert window.undo.undoText() == "Merge heading 'C' into 'A'"
    after = (
        [(ref, "A", actions) for ref, _, actions in before[:2]]
        + [before[2]]
        + [(ref, "A", actions) for ref, _, actions in before[3:]]
    )
    undo_redo_undo(window, store, plan_id, before, after)


def test_an_empty_heading_is_refused(qtbot, window, store, opened, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "actionplans.gui.editing.show_error", lambda parent, exc: shown.append(str(exc))
    )
    plan_id = opened("A", "B")
    select_heading(qtbot, window, "B")
    type_line(qtbot, window.section_form.title, "   ")
    assert shown == ["A section heading cannot be empty."]
    assert sections(store, plan_id) == [("1", "A"), ("2", "B")]
    assert window.undo.count() == 0


def test_delete_removes_the_heading_only_and_says_where_its_recommendations_went(
    qtbot, window, store, opened
):
    plan_id = opened("A", "B", "B", "C")
    before = layout(store, plan_id)
    select_heading(qtbot, window, "B")
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert sections(store, plan_id) == [("1", "A"), ("2", "A"), ("3", "A"), ("4", "C")]
    assert window.statusBar().currentMessage() == (
        "Deleted the heading 'B': its 2 recommendations are now under 'A', in the same place."
    )
    window.undo.undo()
    assert layout(store, plan_id) == before
    assert window.edit.selected_node().item == "B"

    select_heading(qtbot, window, "A")
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert sections(store, plan_id)[0] == ("1", None)
    assert "its 1 recommendation is now without a heading" in (window.statusBar().currentMessage())
    window.undo.undo()
    assert layout(store, plan_id) == before


def test_ctrl_arrows_move_a_section_with_its_recommendations(qtbot, window, store, opened):
    plan_id = opened("A", "B", "B", "C")
    before = layout(store, plan_id)
    select_heading(qtbot, window, "B")
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, CTRL)
    assert [r for r, _ in sections(store, plan_id)] == ["2", "3", "1", "4"]
    assert window.edit.selected_node().item == "B"  # so the next key moves it on
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, CTRL)  # already first: nothing to do
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, CTRL)
    assert [r for r, _ in sections(store, plan_id)] == ["1", "4", "2", "3"]
    assert window.undo.count() == 3
    for _ in range(3):
        window.undo.undo()
    assert layout(store, plan_id) == before


@pytest.mark.parametrize(
    "plan_sections",
    [
        ("A", None, "B"),  # recommendations without a heading after A
        ("A", "B", "A", "C"),  # A in two places
    ],
)
def test_undoing_a_section_move_restores_an_irregular_order(
    qtbot, window, store, opened, plan_sections
):
    plan_id = opened(*plan_sections)
    before = layout(store, plan_id)
    assert not moves_back_exactly(store.get_plan(plan_id).recommendations, "A")
    select_heading(qtbot, window, "A")
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, CTRL)
    assert layout(store, plan_id) != before
    window.undo.undo()
    assert layout(store, plan_id) == before


def test_moves_back_exactly_when_the_section_is_one_block():
    def recs(*sections):
        return [Recommendation(ref=str(n), section=s) for n, s in enumerate(sections)]

    assert moves_back_exactly(recs("A", "A", "B"), "A")
    assert moves_back_exactly(recs(None, "B", "A", "A"), "A")
    assert not moves_back_exactly(recs("A", None, "B"), "A")
    assert not moves_back_exactly(recs("B", "A", "B"), "A")  # B's first is above A


# --- drag and drop ---------------------------------------------------------------------------


def test_the_view_moves_rows_by_drag_and_drop_only_within_itself(window, store, opened):
    opened("A", None)
    assert window.tree.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    model = window.model
    assert model.supportedDropActions() == Qt.DropAction.MoveAction
    flags = [model.flags(model.index(n.row, 0)) for n in model.all_rows()]
    draggable = [bool(f & Qt.ItemFlag.ItemIsDragEnabled) for f in flags]
    # Heading A, 1, 1.1, 1.2, the row of recommendations without a heading, 2, 2.1, 2.2.
    assert draggable == [True, True, True, True, False, True, True, True]
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert not flags[1] & Qt.ItemFlag.ItemIsDropEnabled  # between rows, never onto one


def test_heading_rows_span_the_width_after_every_reload_and_scroll(window, store, opened):
    from actionplans.gui.plan_model import BATCH

    opened(*[f"Section {n // 10}" for n in range(BATCH)])  # 10 recommendations per heading
    model = window.model
    assert model.index(0, 0).data() == "Section 0"
    assert model.rowCount() < len(model.all_rows())  # spanning headings made no more rows

    def spanned() -> list[bool]:
        return [window.tree.isFirstColumnSpanned(n.row, QModelIndex()) for n in model.rows]

    assert spanned() == [n.kind == "section" for n in model.rows]
    drag(window, "section", "Section 0", -1)  # a command reloads the plan
    assert spanned() == [n.kind == "section" for n in model.rows]
    assert model.rows[0].item == "Section 1"


def test_a_recommendation_dropped_under_another_heading_takes_it_in_one_undo_step(
    window, store, opened
):
    plan_id = opened("A", "A", "B")
    before = layout(store, plan_id)
    # Rows: A, 1, 1.1, 1.2, 2, 2.1, 2.2, B, 3, 3.1, 3.2: drop 1 after the last row.
    assert drag(window, "recommendation", "1", -1)
    assert window.undo.count() == 1
    assert window.undo.undoText() == "Move recommendation 1 under 'B'"
    assert window.edit.selected_node().item.ref == "1"
    after = [before[1], before[2], ("1", "B", ["1.1", "1.2"])]
    undo_redo_undo(window, store, plan_id, before, after)

    assert drag(window, "recommendation", "3", row_of(window, "section", "A") + 1)
    assert sections(store, plan_id) == [("3", "A"), ("1", "A"), ("2", "A")]
    window.undo.undo()
    assert drag(window, "recommendation", "1", row_of(window, "recommendation", "2") + 1)
    assert sections(store, plan_id) == [("2", "A"), ("1", "A"), ("3", "B")]  # among its actions
    window.undo.undo()
    assert layout(store, plan_id) == before


def test_a_drop_where_the_row_already_is_changes_nothing(window, store, opened):
    plan_id = opened("A", "A")
    before = layout(store, plan_id)
    for before_row in (row_of(window, "recommendation", "2"), row_of(window, "action", "2.1")):
        drag(window, "recommendation", "2", before_row)
    drag(window, "section", "A", 0)
    drag(window, "action", "1.1", row_of(window, "action", "1.1"))
    assert layout(store, plan_id) == before
    assert window.undo.count() == 0


def test_an_action_is_dragged_within_its_recommendation(window, store, opened):
    plan_id = opened("A", actions=3)
    before = layout(store, plan_id)
    assert drag(window, "action", "1.1", row_of(window, "action", "1.3") + 1)
    assert layout(store, plan_id)[0][2] == ["1.2", "1.3", "1.1"]
    assert drag(window, "action", "1.3", row_of(window, "recommendation", "1") + 1)
    assert layout(store, plan_id)[0][2] == ["1.3", "1.2", "1.1"]
    window.undo.undo()
    window.undo.undo()
    assert layout(store, plan_id) == before


def test_an_action_dragged_to_another_recommendation_is_moved_in_one_step(window, store, opened):
    plan_id = opened("A", "B")
    before = layout(store, plan_id)
    moved_id = store.get_plan(plan_id).recommendations[0].actions[0].id
    assert drag(window, "action", "1.1", row_of(window, "action", "2.1") + 1)
    after = [("1", "A", ["1.2"]), ("2", "B", ["2.1", "1.1", "2.2"])]
    assert window.undo.undoText() == "Move action 1 of recommendation 1 to recommendation 2"
    moved = store.get_plan(plan_id).recommendations[1].actions[1]
    assert (moved.id, moved.owners, window.edit.selected_node().item.id) == (
        moved_id,
        ["Governor"],
        moved_id,
    )
    undo_redo_undo(window, store, plan_id, before, after)


def test_an_action_with_updates_takes_them_to_another_recommendation(window, store, opened):
    plan_id = opened("A", "B")
    first = store.get_plan(plan_id).recommendations[0].actions[0]
    monitoring.add_update(store, first.id, status="in_progress", text="Started.")
    window.load_plan(plan_id)
    before = layout(store, plan_id)
    assert drag(window, "action", "1.1", row_of(window, "recommendation", "2") + 1)
    after = [("1", "A", ["1.2"]), ("2", "B", ["1.1", "2.1", "2.2"])]
    moved = store.get_plan(plan_id).recommendations[1].actions[0]
    assert (moved.id, [u.text for u in moved.updates]) == (first.id, ["Started."])

    recorded = progress.record_update(store, moved.id, status="in_progress", text="Halfway.")
    rec_id = store.get_plan(plan_id).recommendations[1].id
    window.progress._recorded_update(recorded.changed, moved.id, rec_id)
    assert window.undo.count() == 1  # a move never drops the action, so undo is kept
    undo_redo_undo(window, store, plan_id, before, after)
    back = store.get_plan(plan_id).recommendations[0].actions[0]
    assert [u.text for u in back.updates] == ["Started.", "Halfway."]


def test_an_action_cannot_be_dropped_outside_a_recommendation(window, store, opened):
    plan_id = opened("A", "B")
    before = layout(store, plan_id)
    drag(window, "action", "2.1", 0)
    drag(window, "action", "2.1", row_of(window, "section", "B") + 1)
    assert layout(store, plan_id) == before
    assert window.statusBar().currentMessage() == (
        "An action belongs under a recommendation: drop it below one."
    )


def test_a_heading_dragged_moves_its_section(window, store, opened):
    plan_id = opened("A", "B", "B", "C")
    before = layout(store, plan_id)
    assert drag(window, "section", "A", -1)  # below everything: last
    assert [r for r, _ in sections(store, plan_id)] == ["2", "3", "4", "1"]
    assert window.edit.selected_node().item == "A"
    window.undo.undo()
    assert drag(window, "section", "C", row_of(window, "action", "1.2"))  # inside A: after A
    assert [r for r, _ in sections(store, plan_id)] == ["1", "4", "2", "3"]
    assert drag(window, "section", "B", 0)  # on top
    assert [r for r, _ in sections(store, plan_id)] == ["2", "3", "1", "4"]
    window.undo.undo()
    window.undo.undo()
    assert layout(store, plan_id) == before
