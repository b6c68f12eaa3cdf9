"""The import wizard's choices that are never made without a tick: a second plan of a stored
title, a merge that also changes the agreed plan's words, a return that reopens completed
actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.storage.store import Store
from actionplans.usecases import importing
from actionplans.usecases.importing import Preview, Read, Return, SheetsToChoose


class ImportChoices(QWidget):
    """The choices an import may need, each shown only when it matters: a second plan of a
    stored title (`as_new`), a merge that also changes the agreed plan's words (`edit_plan`),
    and a return that reopens completed actions (`reopen`). None is made without a tick."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.proposed = False  # the merge into a stored plan of the same title was proposed
        self.duplicate = QCheckBox("Import it anyway as a &second plan of that title", self)
        self.edit_plan = QCheckBox(
            "Also change the &agreed plan (its words become the file's; otherwise they are kept)",
            self,
        )
        self.reopen = QCheckBox("Re&open the completed actions the owner says are not done", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.duplicate, self.edit_plan, self.reopen):
            box.toggled.connect(self.changed)
            box.hide()
            layout.addWidget(box)

    def reset(self) -> None:
        """A new file read: nothing chosen for it yet."""
        self.proposed = False
        for box in (self.duplicate, self.edit_plan, self.reopen):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)

    def preview(self, store: Store, path: Path, read: Read, into: int | None) -> Preview:
        """The preview with what is ticked, showing the choices this file calls for."""
        assert not isinstance(read, SheetsToChoose)
        reopens = False
        if isinstance(read, Return):
            probe = importing.preview(store, path, read, into, reopen=True)
            reopens = any(update.reopens for update in probe.pending)
        shown = importing.preview(
            store,
            path,
            read,
            into,
            as_new=self.duplicate.isChecked(),
            edit_plan=self.edit_plan.isChecked(),
            reopen=self.reopen.isChecked(),
        )
        self.duplicate.setVisible(shown.kind == "plan" and bool(shown.same_title))
        self.edit_plan.setVisible(shown.kind == "merge")
        self.reopen.setVisible(reopens)
        return shown
