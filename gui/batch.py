"""Changing several actions at once: status, owner or target on the selected rows, and one
owner's name replaced across a plan or every plan. Each is one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.commands import Context, Ref, StoreCommand
from actionplans.gui.form import split_owners
from actionplans.storage.model import STATUSES
from actionplans.storage.vocabulary import status_label
from actionplans.usecases import editing
from actionplans.usecases.editing import typed_target

KEEP = None  # a choice that leaves the field as it is


class EditMany(StoreCommand):
    """Change fields of several actions as one undo step: `changes` holds each action's Ref
    with what its fields were and what they become."""

    def __init__(
        self, ctx: Context, plan_id: int, text: str, changes: list[tuple[Ref, dict, dict]]
    ) -> None:
        super().__init__(ctx, plan_id, text)
        self.changes = changes
        store = ctx.store
        self.plans = frozenset(editing.plan_of_action(store, ref.id) for ref, _, _ in changes)

    def apply(self) -> None:
        for ref, _, new in self.changes:
            editing.update_action(self.ctx.store, ref.id, **new)

    def revert(self) -> None:
        for ref, old, _ in self.changes:
            editing.update_action(self.ctx.store, ref.id, **old)

    def focus(self, undone: bool) -> Ref | None:
        return self.changes[0][0] if self.changes else None


class ChangeActionsDialog(QDialog):
    """What to set on the selected actions; a field left blank is left as it is."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change selected actions")
        layout = QFormLayout(self)
        layout.addRow(QLabel(f"Set on the {count} selected action(s); blank leaves as is."))
        self.status = QComboBox(self)
        self.status.setObjectName("batch_status")
        self.status.addItem("(leave as is)", KEEP)
        for status in STATUSES:
            self.status.addItem(status_label(status), status)
        self.owners = QLineEdit(self)
        self.owners.setObjectName("batch_owners")
        self.owners.setPlaceholderText("Separate owners with ;")
        self.target = QLineEdit(self)
        self.target.setObjectName("batch_target")
        self.target.setPlaceholderText("e.g. March 2027, Q1 2027/28")
        layout.addRow("&Status:", self.status)
        layout.addRow("O&wner(s):", self.owners)
        layout.addRow("&Target date:", self.target)
        buttons = QDialogButtonBox(self)
        buttons.addButton("&Change", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Ca&ncel", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def fields(self) -> dict:
        """The fields to set, as `storage.edits.update_action` takes them."""
        values: dict = {}
        if self.status.currentData() is not KEEP:
            values["status"] = self.status.currentData()
        if self.owners.text().strip():
            values["owners"] = split_owners(self.owners.text())
        typed = " ".join(self.target.text().split())
        if typed:
            values = {**typed_target(typed), **values}  # a status chosen wins over the words
        return values


class ReplaceOwnerDialog(QDialog):
    """Find one owner and replace the name, in this plan or in every plan."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Replace an owner")
        layout = QFormLayout(self)
        self.old = QComboBox(self)
        self.old.setObjectName("replace_old")
        self.old.addItems(names)
        self.new = QLineEdit(self)
        self.new.setObjectName("replace_new")
        self.scope = QComboBox(self)
        self.scope.setObjectName("replace_scope")
        self.scope.addItem("This plan", "plan")
        self.scope.addItem("All plans", "all")
        layout.addRow("&Find owner:", self.old)
        layout.addRow("&Replace with:", self.new)
        layout.addRow("&Look in:", self.scope)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Re&place", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Ca&ncel", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
