"""Progress: dated updates on actions, meetings, the next meeting's list, what changed, and
the owners' returns."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from gui.commands import could_lose_updates
from gui.errors import show_error
from storage.dates import uk_date
from storage.errors import BadInput
from usecases import changes, meetings, progress
from usecases.agenda import QUARTER, default_horizon, for_next_meeting, next_meeting
from usecases.changed import Changed

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.meetings import ChangesDialog, MeetingDialog
    from gui.returns import ReturnsChosen, SendReturnsDialog
    from gui.updates import UpdateDialog
    from gui.verify import JudgementDialog, VerifyDialog


class ProgressController:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.update_dialog: UpdateDialog | None = None
        self.meeting_dialog: MeetingDialog | None = None
        self.changes_dialog: ChangesDialog | None = None
        self.returns_dialog: SendReturnsDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        self.judgement_dialog: JudgementDialog | None = None
        self.returns_written: list[Path] = []

    def add_update(self) -> UpdateDialog | None:
        """Open the dialog for a progress update on the selected action (not blocking)."""
        from gui.updates import UpdateDialog

        w = self.w
        node = w.edit.selected_node()
        if w.plan is None or node is None or node.kind != "action":
            show_error(w, "Select the action the update is about.")
            return None
        w.edit.commit_editor()
        node = w.edit.selected_node()  # the commit may have reloaded the plan
        assert node is not None
        action_id, rec_id = node.item_id, node.rec.id
        label = f"{node.rec.ref}.{node.number}"

        def record(values: dict) -> None:
            recorded = progress.record_update(w.store, action_id, **values)
            self._recorded_update(recorded.changed, action_id, rec_id)

        dialog = UpdateDialog(node.item, label, record, w)
        w.fit_on_screen(dialog)
        dialog.open()
        self.update_dialog = dialog
        return dialog

    def _recorded_update(self, changed: Changed, action_id: int, rec_id: int) -> None:
        """Show the new update; drop undo steps that could now lose it (updates are kept)."""
        w = self.w
        ref = w.refs.get("action", action_id)
        if could_lose_updates(w.undo, {ref, w.refs.get("recommendation", rec_id)}):
            w.undo.clear()
            message = "Update recorded. Undo was reset: going back could have lost the update."
        else:
            message = "Update recorded."
        w.did_change(changed, select=ref)
        w.statusBar().showMessage(message, 8000)

    def verify_completion(self) -> VerifyDialog | None:
        """Verify the selected action's reported completion, or refuse it (not blocking)."""
        from gui.verify import VerifyDialog
        from usecases import verification

        w = self.w
        node = w.edit.selected_node()
        if w.plan is None or node is None or node.kind != "action":
            show_error(w, "Select the completed action to verify.")
            return None
        w.edit.commit_editor()
        node = w.edit.selected_node()  # the commit may have reloaded the plan
        assert node is not None and w.plan is not None
        if node.item.status != "completed":
            show_error(w, "This action is not reported complete: there is nothing to verify.")
            return None
        plan_id, ref, number = w.plan.id, node.rec.ref, node.number
        select = w.refs.get("action", node.item_id)

        def record(values: dict) -> None:
            if values.pop("accepted"):
                done = verification.verify_completion(w.store, plan_id, ref, number, **values)
                message = f"Completion of {ref}.{number} verified."
            else:
                done = verification.refuse_completion(w.store, plan_id, ref, number, **values)
                message = f"Completion of {ref}.{number} not accepted: the action is reopened."
            w.did_change(done.changed, select=select)
            w.statusBar().showMessage(message, 8000)

        dialog = VerifyDialog(node.item, f"{ref}.{number}", record, w)
        w.fit_on_screen(dialog)
        dialog.open()
        self.verify_dialog = dialog
        return dialog

    def record_judgement(self) -> JudgementDialog | None:
        """An Independent Review judgement on the selected item (or the selected action's)."""
        from gui.verify import JudgementDialog
        from usecases import verification

        w = self.w
        node = w.edit.selected_node()
        rec = node.rec if node is not None and node.kind == "action" else None
        if node is not None and node.kind == "recommendation":
            rec = node.item
        if w.plan is None or rec is None:
            show_error(w, "Select the item the judgement is about.")
            return None
        w.edit.commit_editor()
        plan_id, ref = w.plan.id, rec.ref
        current = w.edit.current

        def record(values: dict) -> None:
            judged = verification.record_judgement(w.store, plan_id, ref, **values)
            w.did_change(judged.changed, select=current)
            w.statusBar().showMessage(f"Item {ref}: {judged.rating} recorded.", 8000)

        dialog = JudgementDialog(ref, rec.text, record, w)
        w.fit_on_screen(dialog)
        dialog.open()
        self.judgement_dialog = dialog
        return dialog

    def record_meeting(self) -> MeetingDialog:
        """Ask for a meeting's date, board, notes and plans (not blocking); saved on Save."""
        from gui.meetings import MeetingDialog

        w = self.w
        w.edit.commit_editor()
        boards = meetings.boards(meetings.list_meetings(w.store))
        dialog = MeetingDialog(w.store.list_plans(), w.plan_id(), boards, w)
        dialog.accepted.connect(lambda: self._save_meeting(dialog.values()))
        w.fit_on_screen(dialog)
        dialog.open()
        self.meeting_dialog = dialog
        return dialog

    def _save_meeting(self, values: dict) -> None:
        w = self.w
        try:
            recorded = meetings.record_meeting(w.store, **values)
        except BadInput as exc:
            show_error(w, exc)
            return
        current = w.edit.current
        w.did_change(
            recorded.changed, select=current if current and current.kind != "plan" else None
        )
        w.statusBar().showMessage(f"Meeting of {uk_date(values['held_on'])} recorded.", 8000)

    def refresh_meetings(self) -> None:
        """The meetings list, and the next-meeting view's date when a new meeting is ahead."""
        panels = self.w.panels
        if not (panels.meetings_dock.built() or panels.next_dock.built()):
            return  # each reads the meetings when first shown
        rows = meetings.list_meetings(self.w.store)
        if panels.meetings_dock.built():
            panels.meetings.show_meetings(rows)
        if panels.next_dock.built():
            horizon = default_horizon([r.meeting for r in rows], date.today())
            panels.next_meeting.set_before(horizon)
            if panels.next_dock.isVisible():
                self.refresh_next_meeting()

    def show_next_meeting(self) -> None:
        dock = self.w.panels.next_dock
        dock.show()
        dock.raise_()
        # The list and the plan share the height: a third of it for the list, so the plan
        # stays readable ("For the next meeting" once left the plan about 12 rows tall).
        height = max(220, self.w.height() // 3)
        self.w.resizeDocks([dock], [height], Qt.Orientation.Vertical)
        self.refresh_next_meeting()

    def refresh_next_meeting(self) -> None:
        """Open actions overdue, due before the chosen date, or not updated since the last
        meeting that reviewed their plan: in the open plan, or in every plan."""
        w = self.w
        panel = w.panels.next_meeting
        today = date.today()
        held = [r.meeting for r in meetings.list_meetings(w.store)]
        before = panel.before.date().toPython()
        if panel.all_plans():
            plan_ids = [row.id for row in w.store.list_plans()]
        else:
            plan_ids = [w.plan.id] if w.plan else []
        rows = []
        for plan_id in plan_ids:
            plan = w.plan if plan_id == w.plan_id() else w.store.get_plan(plan_id)
            since = changes.last_meeting_day(w.store, plan_id, today)
            rows += for_next_meeting(plan, before, since, today)
        upcoming = next_meeting(held, today)
        when = "No next meeting recorded yet"
        if upcoming is not None:
            board = f" ({upcoming.board})" if upcoming.board else ""
            when = f"Next meeting {uk_date(upcoming.held_on)}{board}"
        panel.show_rows(rows, f"{when}. {len(rows)} action(s) to raise.")

    def what_changed(self) -> ChangesDialog | None:
        """The changes report for the open plan since the last meeting that reviewed it."""
        from gui.meetings import ChangesDialog

        w = self.w
        if w.plan is None:
            show_error(w, "Open a plan first.")
            return None
        w.edit.commit_editor()
        today = date.today()
        plan_id, title = w.plan.id, w.plan.title
        last = changes.last_meeting_day(w.store, plan_id, today)
        since = last or today - QUARTER
        note = (
            ""
            if last
            else "No meeting has reviewed this plan yet: choose the date to start from.\n\n"
        )
        dialog = ChangesDialog(title, since, w)

        def show(day: date) -> None:
            dialog.show_report(note + changes.changes_since(w.store, plan_id, day, today).text)

        dialog.asked.connect(show)
        show(since)
        w.fit_on_screen(dialog)
        dialog.open()
        self.changes_dialog = dialog
        return dialog

    def send_returns(self) -> SendReturnsDialog | None:
        """Ask for the plans, folder, return-by date, address and chasers (not blocking); the
        returns are written when the person presses Write returns."""
        from gui.returns import SendReturnsDialog
        from usecases.returns import remembered

        w = self.w
        rows = w.store.list_plans()
        if not rows:
            show_error(w, "There are no plans to send returns for.")
            return None
        w.edit.commit_editor()
        dialog = SendReturnsDialog(rows, w.plan_id(), w.files.folder(), remembered(w.store), w)
        dialog.accepted.connect(lambda: self.write_returns(dialog.values()))
        w.fit_on_screen(dialog)
        dialog.open()
        self.returns_dialog = dialog
        return dialog

    def write_returns(self, chosen: ReturnsChosen) -> None:
        """Write the chosen plans' returns off the GUI thread; what they say is remembered."""
        from gui.returns import write_returns_in_background

        w = self.w
        plans = [w.store.get_plan(plan_id) for plan_id in chosen.plan_ids]
        write_returns_in_background(
            w, plans, chosen, lambda paths: self._returns_written(chosen, paths)
        )

    def _returns_written(self, chosen: ReturnsChosen, paths: list[Path]) -> None:
        from usecases.returns import remember

        w = self.w
        folder = chosen.folder
        self.returns_written = paths
        if not paths:
            w.statusBar().showMessage("No open actions with an owner: no returns to send.", 8000)
            return
        try:
            remember(w.store, chosen.settings)
        except BadInput as exc:
            show_error(w, exc)
        w.settings.setValue("export/folder", str(folder))
        workbooks = sum(p.suffix == ".xlsx" for p in paths)
        drafts = len(paths) - workbooks
        also = f" and {drafts} chaser e-mail(s) to open in Outlook" if drafts else ""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Returns written",
            f"Wrote {workbooks} progress return(s){also} to {folder}, one per owner and plan.\n\n"
            "Send each owner their workbook. When they come back, use Progress > Import a "
            "return to record their updates.",
            QMessageBox.StandardButton.Ok,
            w,
        )
        box.open()
        w.statusBar().showMessage(f"Wrote {workbooks} return(s) to {folder}", 8000)
