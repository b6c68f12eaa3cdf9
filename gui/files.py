"""Files: import, save as Excel/PDF/JSON, the board pack, the PDF preview and printing, recent
files, and restoring a backup.

gui.import_wizard, gui.export and gui.preview (with QtPdf and QtPrintSupport) are imported on
first use: the window opens without paying for them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMenu

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.errors import show_error
from actionplans.gui.widgets import confirm
from actionplans.storage.dates import uk_timestamp
from actionplans.storage.errors import BadInput

if TYPE_CHECKING:
    from actionplans.gui.export import PackDialog
    from actionplans.gui.import_wizard import ImportWizard
    from actionplans.gui.main_window import MainWindow
    from actionplans.gui.preview import PreviewDialog

MAX_RECENT = 8


class FilesController:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.recent_menu: QMenu | None = None  # made with the File menu
        self.preview_dialog: PreviewDialog | None = None
        self._preview_folder: tempfile.TemporaryDirectory | None = None  # see preview_folder

    # --- recent files and folders ---------------------------------------------------------

    def folder(self) -> str:
        return str(self.w.settings.value("export/folder", "") or "")

    def _saved(self, path: Path) -> None:
        self.w.settings.setValue("export/folder", str(path.parent))
        self.w.statusBar().showMessage(f"Saved {path}", 8000)

    def recent_files(self) -> list[str]:
        value = self.w.settings.value("recent/files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def remember_file(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        self.w.settings.setValue("recent/files", files[:MAX_RECENT])
        self.fill_recent()

    def fill_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        for number, name in enumerate(self.recent_files(), 1):
            action = menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _=False, n=name: self.open_import_wizard(Path(n)))
        menu.setEnabled(bool(self.recent_files()))

    # --- import ---------------------------------------------------------------------------

    def open_import_wizard(self, path: Path | None = None, into: int | None = None) -> ImportWizard:
        """Show the wizard (not blocking); with `path`, start reading it at once."""
        from actionplans.gui.import_wizard import ImportWizard

        w = self.w
        w.edit.commit_editor()
        wizard = ImportWizard(w.store, w, into=into)
        wizard.imported.connect(lambda plan_id: self._imported(wizard, plan_id))
        if path is not None:
            wizard.set_path(path)
            wizard.read()
        w.fit_on_screen(wizard)
        wizard.open()
        return wizard

    def _imported(self, wizard: ImportWizard, plan_id: int) -> None:
        if wizard.path.text():
            self.remember_file(Path(wizard.path.text()))
        assert wizard.committed is not None  # `imported` is emitted after the commit
        self.w.did_change(wizard.committed.changed, plan_id)
        self.w.statusBar().showMessage("Imported; a backup was taken first.", 8000)

    # --- export, pack, preview, print -----------------------------------------------------

    def export_current(
        self, suffix: str, path: Path | None = None, progress_columns: bool = False
    ) -> None:
        """Save the open plan; `progress_columns` adds status, RAG and the latest update to
        the Excel workbook, as `actionplans export --progress-columns` does."""
        w = self.w
        if w.plan is None:
            show_error(w, "Open a plan first.")
            return
        from actionplans.gui import export

        w.edit.commit_editor()
        path = path or export.ask_save_path(w, w.plan.title, suffix, self.folder())
        if path is not None:
            plan = w.store.get_plan(w.plan.id)
            export.export_plan_in_background(w, plan, path, self._saved, progress_columns)

    def board_pack(self) -> PackDialog | None:
        from actionplans.gui.export import PackDialog

        w = self.w
        rows = w.store.list_plans()
        if not rows:
            show_error(w, "There are no plans to put in a pack.")
            return None
        dialog = PackDialog(rows, w.plan_id(), w)
        dialog.accepted.connect(lambda: self.write_pack(dialog))
        w.fit_on_screen(dialog)
        dialog.open()
        return dialog

    def write_pack(self, dialog: PackDialog, path: Path | None = None) -> None:
        """The board pack with all its pages, as `actionplans pack` prints it."""
        from actionplans.gui import export

        w = self.w
        path = path or export.ask_save_path(w, "Board pack", ".pdf", self.folder())
        if path is None:
            return
        export.write_pack_in_background(
            w, w.store, dialog.chosen_ids(), path, dialog.options(), self._saved
        )

    def preview_folder(self) -> Path:
        """Where previews are written; made at the first preview, not at every start, so a
        window that never previews (or is killed) leaves no empty folder behind."""
        if self._preview_folder is None:
            self._preview_folder = tempfile.TemporaryDirectory(
                prefix="actionplans-preview-",
                ignore_cleanup_errors=True,  # a file still open on Windows
            )
        return Path(self._preview_folder.name)

    def preview_current(
        self, then: Callable[[PreviewDialog], None] | None = None, shown_only: bool = False
    ) -> None:
        """Write the plan's PDF to a temporary file off the GUI thread, then show it; with
        `shown_only`, only the rows the filter keeps, in the order shown."""
        w = self.w
        if w.plan is None:
            show_error(w, "Open a plan first.")
            return
        from actionplans.gui.export import export_plan_in_background, file_name_for
        from actionplans.gui.preview import PreviewDialog

        w.edit.commit_editor()
        plan = w.model.shown_plan() if shown_only else w.store.get_plan(w.plan.id)
        assert plan is not None
        target = self.preview_folder() / file_name_for(plan.title, ".pdf")

        def show(path: Path) -> None:
            dialog = PreviewDialog(path, plan.title, w)
            dialog.save_requested.connect(lambda: self.export_current(".pdf"))
            w.fit_on_screen(dialog)
            dialog.open()
            self.preview_dialog = dialog
            if then:
                then(dialog)

        export_plan_in_background(w, plan, target, show)

    def print_current(self, shown_only: bool = False) -> None:
        from actionplans.gui.preview import print_pdf

        self.preview_current(lambda dialog: print_pdf(dialog.document, dialog), shown_only)

    # --- backups --------------------------------------------------------------------------

    def restore_backup(self, chosen: int | None = None) -> Path | None:
        """List the backups, newest first, and put the chosen one back (what is there now is
        backed up first, so a restore can itself be undone)."""
        from actionplans.usecases import (
            backups as restoring,  # on first use: the window opens sooner
        )

        w = self.w
        w.edit.commit_editor()
        backups = restoring.list_backups(Path(w.store.path))
        if not backups:
            show_error(w, "There are no backups yet: one is taken before every import and delete.")
            return None
        names = [f"{uk_timestamp(b.taken.isoformat())} – before {b.reason}" for b in backups]
        if chosen is None:
            name, ok = QInputDialog.getItem(
                w, "Restore a backup", "Put back the plans as they were at:", names, 0, False
            )
            if not ok:
                return None
            chosen = names.index(name)
        question = (
            f"Replace every plan with those of {names[chosen]}?\n\n"
            "What is there now is backed up first."
        )
        if not confirm(w, "Restore a backup", question, default_yes=False):
            return None
        try:
            restored = restoring.restore(w.store, backups[chosen].path)
        except BadInput as exc:
            show_error(w, exc)
            return None
        w.undo.clear()  # the stack's commands refer to plans as they were
        w.model.set_plan(None)  # every plan may be another now: none is kept open
        w.did_change(restored.changed)
        message = f"Backup restored; what was there before is in {restored.safety}"
        w.statusBar().showMessage(message, 12000)
        return restored.safety
