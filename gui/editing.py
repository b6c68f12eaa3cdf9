"""Editing: the selected row, the editor beside the plan, and every undoable change to a plan.

Every change is a command on the window's undo stack (one transaction in the store, saved at
once); after each, the window's one refresh hook (`MainWindow.did_change`) reloads the plan
and selects what the change concerns, so what is shown is always what is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QInputDialog

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.commands import (
    AddItem,
    DeleteItem,
    DeleteSection,
    EditFields,
    Focus,
    Heading,
    MoveItem,
    MoveSection,
    Ref,
    RenameSection,
)
from actionplans.gui.editors import PlanForm, SectionForm
from actionplans.gui.errors import show_error
from actionplans.gui.form import Form
from actionplans.gui.plan_rows import Dragged, Node
from actionplans.gui.widgets import confirm
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Plan, Recommendation

if TYPE_CHECKING:
    from actionplans.gui.main_window import MainWindow


def next_ref(plan: Plan) -> str:
    """A Rec No for a new recommendation: one more than the highest whole number in use."""
    numbers = [int(r.ref) for r in plan.recommendations if r.ref.strip().isdigit()]
    return str(max(numbers, default=0) + 1)


class EditingController:
    """The selection, the editor's form, and the commands that add, change, move and delete."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.current: Ref | Heading | None = None  # the item whose form is shown

    # --- selection and the editor ---------------------------------------------------------

    def selected_node(self) -> Node | None:
        return self.w.model.node(self.w.tree.currentIndex())

    def selected_actions(self) -> list[Node]:
        """The action rows among the selected rows (several rows can be selected)."""
        rows = {index.row() for index in self.w.tree.selectionModel().selectedRows()}
        return [self.w.model.rows[r] for r in sorted(rows) if self.w.model.rows[r].kind == "action"]

    def current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.w.busy:
            return
        self.commit_editor()
        self.show_editor(self.w.model.node(current))

    def select_ref(self, ref: Focus) -> None:
        """Select the row of `ref` (none when it is not shown) and load the editor for it."""
        index = self.select_row(ref)
        self.show_editor(self.w.model.node(index))

    def select_row(self, ref: Focus) -> QModelIndex:
        """Select the row of `ref` and scroll to it, leaving the editor as it is."""
        model, tree = self.w.model, self.w.tree
        if isinstance(ref, Heading):
            index = model.index_of_heading(ref.title)
        else:
            index = model.index_of(ref.kind, ref.id) if ref else QModelIndex()
        with self.w.quiet():
            if index.isValid():
                tree.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                tree.scrollTo(index)
            else:
                tree.selectionModel().clearSelection()
                tree.setCurrentIndex(QModelIndex())
        return index

    def show_editor(self, node: Node | None) -> None:
        """Load the form for `node` (the plan's form for no selection, or for the row of
        recommendations without a heading)."""
        w, plan = self.w, self.w.plan
        is_action = node is not None and node.kind == "action"
        w.panels.show_action(
            node.item if is_action else None, f"{node.rec.ref}.{node.number}" if is_action else ""
        )
        if plan is None:
            self.current = None
            w.editor.setCurrentWidget(w.empty_editor)
            w.panels.show_history(None)
            return
        if node is not None and node.kind == "section" and node.item is not None:
            self.current = Heading(node.item)
            w.section_form.load(SectionForm.values_of(plan, node.item))
            w.editor.setCurrentWidget(w.section_form)
            w.panels.show_history({"plan_id": plan.id})
            return
        if node is None or node.kind == "section":
            self.current = w.refs.get("plan", plan.id)
            w.plan_form.load(PlanForm.values_of(plan))
            w.editor.setCurrentWidget(w.plan_form)
            w.panels.show_history({"plan_id": plan.id})
            return
        self.current = w.refs.get(node.kind, node.item_id)
        form = w.rec_form if node.kind == "recommendation" else w.action_form
        form.load(form.values_of(node.item))
        if node.kind == "action":
            w.action_form.show_progress(node.item)
            w.action_form.show_recommendation(node.rec)
        w.editor.setCurrentWidget(form)
        w.panels.show_history({"kind": node.kind, "item_id": node.item_id})

    def commit_editor(self) -> None:
        """Save what the person changed in the form, as one undoable step."""
        w = self.w
        form = w.editor.currentWidget()
        if w.busy or self.current is None or not isinstance(form, Form) or w.plan is None:
            return
        with w.quiet():
            try:
                old, new = form.edited()
            except BadInput as exc:
                form.load(form.original)
                show_error(w, exc)
                return
            if new and isinstance(form, SectionForm):
                self.push(RenameSection(w.ctx, w.plan, old["title"], new["title"]))
            elif new and isinstance(self.current, Ref):
                self.push(EditFields(w.ctx, w.plan.id, self.current, old, new))

    def push(self, command) -> bool:
        """Do `command` once; only if the store accepted it does it go on the undo stack."""
        w = self.w
        try:
            command.run_first()
        except BadInput as exc:
            show_error(w, exc)
            if w.plan is not None:
                w.load_plan(w.plan.id, self.current)
            return False
        was_busy, w.busy = w.busy, False
        try:
            w.undo.push(command)
        finally:
            w.busy = was_busy
        return True

    # --- plans ----------------------------------------------------------------------------

    def new_plan(self) -> None:
        title, ok = QInputDialog.getText(self.w, "New plan", "Title of the action plan:")
        if ok and title.strip():
            self.create_plan(title.strip())

    def create_plan(self, title: str) -> int:
        from actionplans.usecases import plans  # on first use: the window opens sooner

        self.commit_editor()
        created = plans.create_plan(self.w.store, title)
        self.w.did_change(created.changed, created.plan_id)
        self.w.statusBar().showMessage(f"Created plan: {title}", 5000)
        return created.plan_id

    def rename_plan(self) -> None:
        """The plan's short name, as the plan list shows it (the full title is the tooltip)."""
        w = self.w
        if w.plan is None:
            return
        self.commit_editor()
        name, ok = QInputDialog.getText(
            w, "Rename plan", "Short name shown in the plan list:", text=w.plan_list_name()
        )
        if ok and name.strip() and w.plan is not None and isinstance(self.current, Ref):
            ref = w.refs.get("plan", w.plan.id)
            old, new = {"short_name": w.plan.short_name}, {"short_name": name.strip()}
            self.push(EditFields(w.ctx, w.plan.id, ref, old, new))

    def delete_plan(self) -> None:
        """Delete the open plan after asking (No is the default); a backup is taken first,
        and File > Restore a backup brings it back."""
        w = self.w
        if w.plan is None:
            return
        if not confirm(
            w,
            "Delete plan",
            f"Delete the plan '{w.plan.title}' and all its recommendations and actions?\n\n"
            "A backup of the database is taken first: File > Restore a backup brings it back.",
            default_yes=False,
        ):
            return
        from actionplans.usecases import plans

        deleted = plans.delete_plan(w.store, w.plan.id)
        w.undo.clear()  # the commands on the stack refer to the deleted plan
        w.did_change(deleted.changed)
        w.statusBar().showMessage(f"Plan deleted; a backup is in {deleted.backup}", 8000)

    # --- several actions at once ---------------------------------------------------------

    def change_selected(self, fields: dict | None = None) -> bool:
        """Set status, owners or target on every selected action: one undo step."""
        w = self.w
        self.commit_editor()
        nodes = self.selected_actions()
        if w.plan is None or not nodes:
            show_error(w, "Select the actions to change (Shift or Ctrl and click, in the plan).")
            return False
        if fields is None:
            from actionplans.gui.batch import ChangeActionsDialog

            dialog = ChangeActionsDialog(len(nodes), w)
            w.fit_on_screen(dialog)
            if dialog.exec() != ChangeActionsDialog.DialogCode.Accepted:
                return False
            fields = dialog.fields()
        if not fields:
            return False
        from actionplans.gui.batch import EditMany

        changes = [
            (w.refs.get("action", n.item_id), {k: getattr(n.item, k) for k in fields}, fields)
            for n in nodes
        ]
        text = f"Change {len(changes)} actions"
        return self.push(EditMany(w.ctx, w.plan.id, text, changes))

    def replace_owner(self, old: str | None = None, new: str | None = None, everywhere=False):
        """Replace one owner's name on every action of this plan (or of every plan) that has
        it: one undo step, and a history line for each action changed."""
        from actionplans.usecases import owners

        w = self.w
        if w.plan is None:
            return 0
        self.commit_editor()
        if old is None or new is None:
            from actionplans.gui.batch import ReplaceOwnerDialog

            dialog = ReplaceOwnerDialog([n for n, _, _ in owners.owners(w.store)], w)
            w.fit_on_screen(dialog)
            if dialog.exec() != ReplaceOwnerDialog.DialogCode.Accepted:
                return 0
            old, new = dialog.old.currentText(), dialog.new.text().strip()
            everywhere = dialog.scope.currentData() == "all"
        if not old or not new:
            return 0
        ids = [row.id for row in w.store.list_plans()] if everywhere else [w.plan.id]
        changes = [
            (w.refs.get("action", action_id), {"owners": now}, {"owners": after})
            for action_id, now, after in owners.replacements(w.store, ids, old, new)
        ]
        if changes:
            from actionplans.gui.batch import EditMany

            text = f"Replace owner {old} with {new}"
            self.push(EditMany(w.ctx, w.plan.id, text, changes))
        w.statusBar().showMessage(f"Replaced {old} with {new} on {len(changes)} action(s).", 8000)
        return len(changes)

    # --- adding, deleting, moving ---------------------------------------------------------

    def _current_rec(self) -> tuple[Recommendation | None, Node | None]:
        node = self.selected_node()
        if node is None or node.kind == "section":
            return None, node
        return (node.item if node.kind == "recommendation" else node.rec), node

    def add_recommendation(self, section: str | None = None, ref: str | None = None) -> None:
        """Insert a new recommendation after the selected one (at the end if none)."""
        w, plan = self.w, self.w.plan
        if plan is None:
            return
        self.commit_editor()
        rec, node = self._current_rec()
        recs = plan.recommendations
        if rec is not None:
            position = next(i for i, r in enumerate(recs) if r is rec) + 1
            section = section if section is not None else rec.section
        elif node is not None and node.kind == "section":
            position = len(recs)
            section = section if section is not None else node.item
        else:
            position = len(recs)
            section = section if section is not None else (recs[-1].section if recs else None)
        new = Recommendation(ref=ref or next_ref(plan), section=section)
        parent = w.refs.get("plan", plan.id)
        if self.push(AddItem(w.ctx, plan.id, "Add recommendation", parent, new, position)):
            w.rec_form.text.setFocus()

    def add_section(self) -> None:
        if self.w.plan is None:
            return
        title, ok = QInputDialog.getText(
            self.w, "New section", "Section heading (e.g. To prison governors/directors):"
        )
        if ok and title.strip():
            self.w.tree.setCurrentIndex(QModelIndex())
            self.add_recommendation(section=title.strip())

    def add_action(self) -> None:
        """Add an action to the selected recommendation, after the selected action."""
        w = self.w
        if w.plan is None:
            return
        self.commit_editor()
        rec, node = self._current_rec()
        if rec is None or node is None:
            show_error(w, "Select the recommendation the new action belongs to.")
            return
        position = node.number if node.kind == "action" else len(rec.actions)
        parent = w.refs.get("recommendation", rec.id)
        if self.push(AddItem(w.ctx, w.plan.id, "Add action", parent, Action(), position)):
            w.action_form.text.setFocus()

    def edit_selected(self) -> None:
        """F2: into the editor, at its first field (a heading's title, to rename it)."""
        form = self.w.editor.currentWidget()
        if isinstance(form, Form):
            form.focus_first()

    def delete_selected(self) -> None:
        w = self.w
        self.commit_editor()  # first: saving an edit reloads the plan and its rows
        node = self.selected_node()
        if node is None or w.plan is None:
            return
        if node.kind == "section":
            self.delete_section(node.item)
            return
        if node.kind == "recommendation":
            recs = w.plan.recommendations
            position = next(i for i, r in enumerate(recs) if r is node.item)
            parent = w.refs.get("plan", w.plan.id)
            text = f"Delete recommendation {node.item.ref}"
        else:
            position = node.number - 1
            parent = w.refs.get("recommendation", node.rec.id)
            text = f"Delete action {node.number} of recommendation {node.rec.ref}"
        ref = w.refs.get(node.kind, node.item_id)
        self.push(DeleteItem(w.ctx, w.plan.id, text, parent, node.item, position, ref))

    def delete_section(self, title: str | None) -> None:
        """Remove a heading only, saying where its recommendations now are."""
        w = self.w
        if title is None or w.plan is None:
            w.statusBar().showMessage(
                "This row only marks recommendations without a heading: there is no heading "
                "to delete.",
                8000,
            )
            return
        command = DeleteSection(w.ctx, w.plan.id, title)
        if self.push(command):
            w.statusBar().showMessage(command.outcome(), 15000)

    def move_selected(self, step: int) -> None:
        w = self.w
        self.commit_editor()  # first: saving an edit reloads the plan and its rows
        node = self.selected_node()
        if w.plan is None or node is None or (node.kind == "section" and node.item is None):
            return
        if node.kind == "section":
            sections = w.plan.sections()
            new = sections.index(node.item) + step
            if 0 <= new < len(sections):
                self.push(MoveSection(w.ctx, w.plan, node.item, new))
            return
        siblings = w.plan.recommendations if node.kind == "recommendation" else node.rec.actions
        old = next(i for i, s in enumerate(siblings) if s is node.item)
        new = old + step
        if not 0 <= new < len(siblings):
            return
        self.push(MoveItem(w.ctx, w.plan.id, w.refs.get(node.kind, node.item_id), old, new))

    def drop(self, dragged: Dragged, row: int) -> None:
        """A row dragged in the plan view and dropped before `row`: one undoable move.

        The command is made from the rows as they were at the drop, before the editor's last
        edit is saved (which reloads the plan)."""
        from actionplans.gui.reorder import drop_command

        w = self.w
        if w.plan is None:
            return
        try:
            command = drop_command(w.ctx, w.plan, w.model.rows, dragged, row)
        except BadInput as exc:
            w.statusBar().showMessage(str(exc), 15000)
            return
        self.commit_editor()
        if command is not None:
            self.push(command)
