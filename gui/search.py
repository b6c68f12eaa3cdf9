"""Finding things: the filter bar over the open plan, search across plans, an owner's open
actions, and jumping to the row a panel names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.docks import RESULTS_TITLE
from actionplans.gui.errors import show_error
from actionplans.gui.filters import ALL, Filter, TextIndex, kept_actions, select
from actionplans.gui.plan_rows import one_line, target_shown
from actionplans.storage import queries
from actionplans.storage.rules import target_label
from actionplans.storage.short_names import derive_short_name

if TYPE_CHECKING:
    from actionplans.gui.main_window import MainWindow


class SearchController:
    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def focus_search(self) -> None:
        self.w.filter_bar.words.setFocus()
        self.w.filter_bar.words.selectAll()

    def clear_filters(self) -> None:
        """Clear (the button or Ctrl+Shift+F): every filter off and the whole plan shown."""
        self.w.filter_bar.clear(notify=False)
        self.apply_filter()

    def apply_filter(self) -> None:
        w = self.w
        if w.filter_bar.all_plans():
            self.find_in_all_plans()
            return
        w.edit.commit_editor()
        current = w.edit.current
        keep = current if current is not None and current.kind != "plan" else None
        with w.quiet():
            w.model.set_filter(w.filter_bar.filter())
        w.show_counts()
        # The editor already shows `keep` (or the plan): reloading it on every keystroke
        # repainted the whole window. Only an item the filter now hides gives way to the plan.
        if not w.edit.select_row(keep).isValid() and keep is not None:
            w.edit.show_editor(None)

    def find_in_all_plans(self) -> None:
        """Every plan's matches in the results panel; the words go to the full-text index first."""
        w = self.w
        flt = w.filter_bar.filter()
        plan_ids = [row.id for row in w.store.list_plans()]
        if flt.words.strip():
            hits = queries.search(w.store, flt.words, limit=100_000)
            plan_ids = [i for i in plan_ids if i in {h.plan_id for h in hits}]
        rows, targets = [], []
        for plan_id in plan_ids if not flt.is_empty() else []:
            plan = w.store.get_plan(plan_id)
            name = plan.short_name or derive_short_name(plan.title)
            for rec, mask in select(plan.recommendations, flt, TextIndex(plan)):
                decision = rec.decision or "Undecided"
                if flt.on_actions() or mask != ALL:
                    for action in kept_actions(rec, mask):
                        rows.append(
                            (
                                name,
                                rec.ref,
                                decision,
                                one_line(action.text),
                                "; ".join(action.owners),
                                target_shown(action),
                            )
                        )
                        targets.append((plan_id, "action", action.id))
                else:
                    rows.append((name, rec.ref, decision, one_line(rec.text), "", ""))
                    targets.append((plan_id, "recommendation", rec.id))
        w.panels.show_results(RESULTS_TITLE, rows, targets)
        w.statusBar().showMessage(f"Found {len(rows)} in all plans", 5000)

    def owner_actions(self) -> None:
        names = [name for name, _, _ in queries.owners(self.w.store)]
        if not names:
            show_error(self.w, "No action has an owner yet.")
            return
        from PySide6.QtWidgets import QInputDialog  # the window opens without it

        name, ok = QInputDialog.getItem(self.w, "Actions of an owner", "Owner:", names, 0, False)
        if ok:
            self.show_owner_actions(name)

    def show_owner_actions(self, name: str) -> None:
        found = queries.actions_of_owner(self.w.store, name, open_only=True)
        rows = [
            (
                a.plan_title,
                a.ref,
                f"action {a.number}",
                one_line(a.text),
                name,
                target_label(a.target, a.target_text, blank="")
                + (" (overdue)" if a.is_overdue() else ""),
            )
            for a in found
        ]
        targets = [(a.plan_id, "action", a.action_id) for a in found]
        self.w.panels.show_results(f"Open actions of {name}", rows, targets)

    def open_item(self, plan_id: int, kind: str, item_id: int) -> None:
        """Open a plan at one item, dropping this plan's filter if it hides the item."""
        w = self.w
        if w.plan_id() != plan_id:
            w.open_plan(plan_id)
        if not w.model.index_of(kind, item_id).isValid() and not w.model.filter.is_empty():
            w.filter_bar.clear(notify=False)
            w.model.set_filter(Filter())
            w.show_counts()
        w.edit.select_ref(w.refs.get(kind, item_id))
        w.tree.setFocus()

    def select_problem(self, ref: str, number: int) -> None:
        plan = self.w.plan
        rec = next((r for r in plan.recommendations if r.ref == ref), None) if plan else None
        if plan is None or rec is None:
            return
        if number and number <= len(rec.actions):
            self.open_item(plan.id, "action", rec.actions[number - 1].id)
        else:
            self.open_item(plan.id, "recommendation", rec.id)
