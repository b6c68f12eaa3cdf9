"""The real main window, driven by keys and clicks, checked against the database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, Qt  # noqa: E402

import actionplans.gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.filters import UNDECIDED  # noqa: E402
from actionplans.storage import edits  # noqa: E402
from actionplans.storage.model import Action, Recommendation  # noqa: E402
from tests.gui.keys import type_line  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402


def type_box(qtbot, window, box, text: str) -> None:
    """Type into a multi-line box, then finish the edit with Ctrl+Return."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def choose(combo, text: str) -> None:
    """Pick an entry as a person does (the `activated` signal, not a programmatic change)."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def build_by_typing(qtbot, window) -> int:
    plan_id = window.edit.create_plan("Action Plan: HMP Typing")
    window.edit.add_recommendation()
    form = window.rec_form
    type_line(qtbot, form.ref, "1a")
    type_box(qtbot, window, form.text, "Prisons should meet social care needs promptly.")
    choose(form.decision, "Partly Agreed")
    choose(form.reason, "operational")
    for text, owner, target in (
        ("Agree an MOU with the local authority.", "Prison Directorate", "March 2019"),
        ("Check the MOUs nationally.", "HMPPS; Welsh Government", "Q1 2019/20"),
    ):
        window.edit.add_action()
        actions = window.action_form
        type_box(qtbot, window, actions.text, text)
        type_line(qtbot, actions.owners, owner)
        type_line(qtbot, actions.target, target)
    return plan_id


def test_a_plan_typed_in_is_saved_at_once(qtbot, window, store):
    plan_id = build_by_typing(qtbot, window)

    plan = store.get_plan(plan_id)
    (rec,) = plan.recommendations
    assert (rec.ref, rec.text, rec.decision, rec.reason) == (
        "1a",
        "Prisons should meet social care needs promptly.",
        "Partly Agreed",
        "operational",
    )
    assert [(a.text, a.owners, a.target, a.target_text) for a in rec.actions] == [
        ("Agree an MOU with the local authority.", ["Prison Directorate"], "2019-03", "March 2019"),
        ("Check the MOUs nationally.", ["HMPPS", "Welsh Government"], "2019-06", "Q1 2019/20"),
    ]
    assert window.action_form.understood.text() == "Understood as: June 2019"
    assert "Partly Agreed 1" in window.counts.text()


def test_undo_everything_then_redo_everything(qtbot, window, store):
    plan_id = build_by_typing(qtbot, window)
    typed = store.get_plan(plan_id)
    steps = window.undo.count()
    assert steps >= 9  # a recommendation, its fields, two actions and theirs

    for _ in range(steps):
        window.undo.undo()
    assert store.get_plan(plan_id).recommendations == []
    for _ in range(steps):
        window.undo.redo()
    assert store.get_plan(plan_id) == typed


def test_undoing_a_delete_brings_back_the_same_content_and_older_steps_still_work(
    qtbot, window, store
):
    plan_id = build_by_typing(qtbot, window)
    typed = store.get_plan(plan_id)
    window.search.open_item(plan_id, "recommendation", typed.recommendations[0].id)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert store.get_plan(plan_id).recommendations == []

    window.undo.undo()  # the delete: the recommendation comes back with new ids
    assert store.get_plan(plan_id) == typed
    window.undo.undo()  # the second action's target, on an action whose id changed
    assert store.get_plan(plan_id).recommendations[0].actions[1].target_text == ""
    window.undo.redo()
    window.undo.redo()
    assert store.get_plan(plan_id).recommendations == []


def test_moving_with_ctrl_arrows(qtbot, window, store):
    plan_id = store.add_plan(make_plan(recs=3, actions=2))
    window.refresh_plan_list()
    window.open_plan(plan_id)
    first = store.get_plan(plan_id).recommendations[0]
    window.search.open_item(plan_id, "recommendation", first.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [r.ref for r in store.get_plan(plan_id).recommendations] == ["2", "1", "3"]
    window.search.open_item(plan_id, "action", first.actions[1].id)
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    moved = store.get_plan(plan_id).recommendations[1]
    assert [a.text for a in moved.actions] == [
        "Action 2 of recommendation 1.",
        "Action 1 of recommendation 1.",
    ]
    window.undo.undo()
    window.undo.undo()
    assert store.get_plan(plan_id) == make_plan(recs=3, actions=2)


def test_a_bad_date_is_refused_with_a_dialog_and_nothing_changes(qtbot, window, store, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "actionplans.gui.editing.show_error", lambda parent, exc: shown.append(str(exc))
    )
    plan_id = window.edit.create_plan("Plan")
    type_line(qtbot, window.plan_form.submitted, "31/02/2019")
    assert shown and "31/02/2019" in shown[0]
    assert store.get_plan(plan_id).submitted is None
    type_line(qtbot, window.plan_form.submitted, "17 December 2018")
    assert store.get_plan(plan_id).submitted == "2018-12-17"
    type_line(qtbot, window.plan_form.marking.lineEdit(), "OFFICIAL-SENSITIVE")
    assert store.get_plan(plan_id).marking == "OFFICIAL-SENSITIVE"


def shown_refs(window) -> list[str]:
    return [n.item.ref for n in window.model.all_rows() if n.kind == "recommendation"]


def shown(window, kind: str) -> list:
    return [n.item for n in window.model.all_rows() if n.kind == kind]


def test_filters_narrow_the_plan(qtbot, window, store):
    plan = make_plan(recs=4, actions=2)
    plan.recommendations[1].decision = "Not Agreed"
    plan.recommendations[2].actions[0].owners = ["Welsh Government"]
    plan.recommendations[3].decision = None
    plan.recommendations[3].actions[1].target = "2019-03"
    plan.recommendations[3].actions[1].text = "Train the buddies."
    plan_id = store.add_plan(plan)
    window.refresh_plan_list()
    window.open_plan(plan_id)
    bar = window.filter_bar

    qtbot.keyClicks(bar.words, "budd")
    assert shown_refs(window) == ["1", "2", "3", "4"]  # searched once typing pauses
    qtbot.waitUntil(lambda: shown_refs(window) == ["4"], timeout=2_000)
    assert [a.text for a in shown(window, "action")] == ["Train the buddies."]
    assert "showing 1 of 4" in window.counts.text()
    bar.words.clear()

    bar.decision.setCurrentIndex(bar.decision.findData("Not Agreed"))
    assert shown_refs(window) == ["2"]
    bar.decision.setCurrentIndex(bar.decision.findData(UNDECIDED))
    assert shown_refs(window) == ["4"]
    bar.decision.setCurrentIndex(0)

    bar.owner.setCurrentIndex(bar.owner.findData("Welsh Government"))
    assert shown_refs(window) == ["3"]
    bar.owner.setCurrentIndex(0)

    bar.overdue.setChecked(True)
    assert shown_refs(window) == ["4"]
    bar.overdue.setChecked(False)

    bar.due.setDate(QDate(2030, 3, 31))
    bar.use_due.setChecked(True)
    assert shown_refs(window) == ["4"]  # the others are due at the end of March 2030
    bar.due.setDate(QDate(2030, 4, 1))
    assert shown_refs(window) == ["1", "3", "4"]  # 2 is Not Agreed: an explanation is never due
    bar.use_due.setChecked(False)
    bar.status.setCurrentIndex(bar.status.findData("open"))
    assert "2" not in shown_refs(window)  # nor has it a status
    bar.status.setCurrentIndex(0)
    bar.use_due.setChecked(True)

    hidden = store.get_plan(plan_id).recommendations[1].id
    bar.decision.setCurrentIndex(bar.decision.findData("Agreed"))
    window.search.open_item(plan_id, "recommendation", hidden)  # e.g. from the checks panel
    assert window.edit.selected_node().item.ref == "2"
    assert window.model.filter.is_empty()
    bar.clear()
    assert shown_refs(window) == ["1", "2", "3", "4"]


def test_search_across_all_plans_and_open_actions_of_an_owner(qtbot, window, store):
    first = store.add_plan(make_plan("First plan", recs=2))
    second = make_plan("Second plan", recs=2)
    second.recommendations[1].actions[0].text = "Audit the peer supporters."
    second.recommendations[1].actions[0].owners = ["Equalities Group"]
    second_id = store.add_plan(second)
    window.refresh_plan_list()
    window.open_plan(first)

    window.filter_bar.scope.setCurrentIndex(window.filter_bar.scope.findData("all"))
    qtbot.keyClicks(window.filter_bar.words, "peer supp")
    qtbot.keyClick(window.filter_bar.words, Qt.Key.Key_Return)  # Enter searches at once
    assert window.panels.results.rowCount() == 1
    assert window.panels.results.item(0, 0).text() == "Second plan"
    window.panels.results.item_chosen.emit(
        *window.panels.results.item(0, 0).data(Qt.ItemDataRole.UserRole)
    )
    assert window.plan_id() == second_id
    assert window.edit.selected_node().item.text == "Audit the peer supporters."

    window.search.show_owner_actions("Equalities Group")
    assert [
        window.panels.results.item(r, 3).text() for r in range(window.panels.results.rowCount())
    ] == ["Audit the peer supporters."]


def test_checks_and_history_follow_the_selection(qtbot, window, store):
    plan = make_plan(recs=2, actions=1)
    plan.recommendations[1].actions[0].owners = []
    plan_id = store.add_plan(plan)
    window.refresh_plan_list()
    window.open_plan(plan_id)
    messages = window.panels.checks.lines()
    assert messages == ["Recommendation 2, action 1 has no responsible owner."]
    assert window.model.index_of("action", store.get_plan(plan_id).recommendations[1].actions[0].id)
    window.panels.checks.problem_chosen.emit("2", 1)
    node = window.edit.selected_node()
    assert (node.kind, node.rec.ref, node.number) == ("action", "2", 1)

    type_line(qtbot, window.action_form.owners, "Healthcare Lead")
    assert window.panels.checks.lines()[0].startswith("No warnings")
    assert window.panels.history.rowCount() == 0  # read only once its panel is seen
    window.panels.history_dock.raise_()
    rows = [
        [window.panels.history.item(r, c).text() for c in (2, 3, 4)]
        for r in range(window.panels.history.rowCount())
    ]
    assert rows[0] == ["owners", "", "Healthcare Lead"]


def test_new_section_and_edits_made_in_the_store_show_in_the_tree(qtbot, window, store):
    plan_id = window.edit.create_plan("Plan")
    window.edit.add_recommendation(section="To the Secretary of State")
    rec = store.get_plan(plan_id).recommendations[0]
    assert (rec.ref, rec.section) == ("1", "To the Secretary of State")
    edits.add_action(store, rec.id, Action(text="Write to the minister."))
    window.load_plan(plan_id)
    assert shown(window, "section") == ["To the Secretary of State"]
    assert [a.text for a in shown(window, "action")] == ["Write to the minister."]
    edits.add_recommendation(store, plan_id, Recommendation(ref="2", section="Other"))
    window.load_plan(plan_id)
    assert shown(window, "section") == ["To the Secretary of State", "Other"]


def test_a_big_plan_makes_rows_as_they_are_needed(qtbot, window, store):
    from actionplans.gui.plan_model import BATCH

    plan_id = store.add_plan(make_plan(recs=400, actions=3))
    window.refresh_plan_list()
    window.open_plan(plan_id)
    assert window.model.rowCount() == BATCH
    last = store.get_plan(plan_id).recommendations[-1].actions[-1]
    window.search.open_item(plan_id, "action", last.id)
    assert window.edit.selected_node().item.text == "Action 3 of recommendation 400."
    assert len(window.model.all_rows()) == 2 + 400 * 4  # two headings, recs and actions
    qtbot.keyClicks(window.filter_bar.words, "recommendation 39")
    window.filter_bar.apply_now()
    assert shown_refs(window) == ["39"] + [str(n) for n in range(390, 400)]


def test_deleting_a_plan_asks_and_takes_a_backup_first(qtbot, window, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from actionplans.storage.backups import list_backups

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    keep = store.add_plan(make_plan("Keep this plan"))
    window.edit.create_plan("Delete this plan")
    window.edit.delete_plan()
    assert len(store.list_plans()) == 2
    window.edit.delete_plan()
    assert [r.title for r in store.list_plans()] == ["Keep this plan"]
    assert [b.reason for b in list_backups(store.path)] == ["delete"]
    assert window.plan_id() == keep


def test_a_filter_keeps_actions_as_a_bit_mask():
    from actionplans.gui.filters import ALL, Filter, TextIndex, kept_actions, select

    plan = make_plan(recs=2, actions=3)
    index = TextIndex(plan)
    first, second = plan.recommendations

    def kept(**fields):
        return [
            (rec.ref, mask) for rec, mask in select(plan.recommendations, Filter(**fields), index)
        ]

    # Recommendation 2's own text matches, so it keeps every action; recommendation 1 keeps
    # its second action ("Action 2 of ...") and its third, whose owner is "Owner 2".
    assert kept(words="recommendation 2") == [("1", 0b110), ("2", ALL)]
    assert kept_actions(first, 0b110) == first.actions[1:]
    assert kept_actions(second, ALL) is second.actions
    assert kept(words="recommendation 2", owner="Owner 0") == [("2", 0b001)]
    assert kept(owner="Prison Directorate") == [("1", ALL), ("2", ALL)]
    assert kept(words="nothing like this") == []
