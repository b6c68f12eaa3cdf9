"""The import wizard: read a workbook, show what it will do, write only on confirm.

Reading runs on the thread pool (a big workbook takes seconds); the preview is the new plan,
the changes a local authority's return makes to an existing plan, or the dated updates an
owner's progress return will record, with every finding and its row. What is read, previewed
and written is decided once in `usecases.importing`, which the command uses too; this dialog
only shows it. Nothing touches the database until Import is pressed, and a backup is taken
just before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

import gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from gui.errors import message_for, show_error
from gui.panels import ReadOnlyTable
from gui.worker import run_in_background
from storage.errors import BadInput
from storage.store import Store
from usecases import importing
from usecases.importing import SUFFIXES, Preview, Read, Return, SheetsToChoose

FILE_FILTER = "Action plans (" + " ".join(f"*{s}" for s in SUFFIXES) + ");;All files (*)"


class ImportWizard(QDialog):
    """Emits `imported(plan id)` after a confirmed import or merge."""

    imported = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None, into: int | None = None):
        super().__init__(parent)
        self.store = store
        self.into = into
        self.result: Read | None = None
        self.previewed: Preview | None = None
        self.committed: importing.Committed | None = None
        self.reading = False
        self.setWindowTitle("Import an action plan")
        self.setAccessibleName("Import an action plan")
        self.resize(900, 640)

        self.path = QLineEdit(self)
        self.path.setAccessibleName("Workbook to import")
        self.path.setPlaceholderText("Choose a workbook (.xlsx, .xls, .csv) or a plan .json file")
        self.path.returnPressed.connect(self.read)
        self.path.textEdited.connect(self.forget_sheets)
        choose = QPushButton("&Choose…", self)
        choose.clicked.connect(self.choose)
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName("Sheet the plan is on")
        self.sheet.setToolTip("This workbook has several sheets: choose the one the plan is on")
        self.sheet.activated.connect(lambda _: self.read())
        self.sheet.hide()
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("&File:", self, buddy=self.path))
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.sheet)
        file_row.addWidget(choose)

        self.as_new = QRadioButton("as a &new plan", self)
        self.as_merge = QRadioButton("as a return, &merged into:", self)
        self.target = QComboBox(self)
        self.target.setAccessibleName("Plan to merge into")
        for row in store.list_plans():
            self.target.addItem(row.title, row.id)
        self.as_merge.setEnabled(self.target.count() > 0)
        group = QButtonGroup(self)
        group.addButton(self.as_new)
        group.addButton(self.as_merge)
        if into is not None and self.target.findData(into) >= 0:
            self.as_merge.setChecked(True)
            self.target.setCurrentIndex(self.target.findData(into))
        else:
            self.as_new.setChecked(True)
        group.buttonToggled.connect(self.show_preview)
        self.target.currentIndexChanged.connect(self.show_preview)
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel("Import", self))
        mode_row.addWidget(self.as_new)
        mode_row.addWidget(self.as_merge)
        mode_row.addWidget(self.target, 1)

        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("What the import will do")
        self.findings = ReadOnlyTable(
            ("Severity", "Sheet", "Row", "Column", "Finding"), "Findings", self
        )
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.preview)
        split.addWidget(self.findings)
        split.setSizes([420, 200])

        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(mode_row)
        layout.addWidget(split, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import an action plan", "", FILE_FILTER)
        if name:
            self.set_path(Path(name))
            self.read()

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self.forget_sheets()

    def forget_sheets(self) -> None:
        """A new file: forget the sheets offered for the last one."""
        self.sheet.clear()
        self.sheet.hide()

    def read(self) -> None:
        """Read the chosen file on the thread pool; the preview appears when it is done."""
        path = Path(self.path.text().strip())
        sheet = self.sheet.currentData()
        self.result = None
        self.import_button.setEnabled(False)
        self.preview.setPlainText(f"Reading {path.name}…")
        self.findings.fill([])
        self.reading = True

        def done(result: Read) -> None:
            self.reading = False
            if isinstance(result, SheetsToChoose):
                if not self.sheet.count():
                    self.sheet.addItem("Choose the sheet…", None)
                    for name in result.sheets:
                        self.sheet.addItem(name, name)
                self.sheet.show()
                self.preview.setPlainText(
                    f"{path.name} has plans on several sheets. Choose the sheet to import "
                    "in the list beside the file name."
                )
                self.sheet.setFocus()
                return
            self.result = result
            if isinstance(result, Return) and self.into is None:
                written_for = self.target.findText(result.plan_title)
                if written_for >= 0:
                    self.target.setCurrentIndex(written_for)
            self.show_preview()

        def cancelled() -> None:
            self.reading = False
            self.preview.setPlainText("Reading was cancelled.")

        def failed(exc: Exception) -> None:
            self.reading = False
            message = message_for(exc)  # names the file itself, as a rule
            if not message.startswith(path.name):
                message = f"{path.name}: {message}"
            self.preview.setPlainText(f"Could not read {message}")

        job = run_in_background(
            self, f"Reading {path.name}…", lambda: importing.read_file(path, sheet), done, cancelled
        )
        job.on_failed = failed

    def show_preview(self) -> None:
        if self.result is None or isinstance(self.result, SheetsToChoose):
            return
        self.previewed = None
        is_a_return = isinstance(self.result, Return)
        self.as_new.setEnabled(not is_a_return)
        self.import_button.setText("&Record updates" if is_a_return else "&Import")
        if is_a_return:
            if not self.target.count():
                self.preview.setPlainText("This is a progress return: import its plan first.")
                self.verdict.setText("A progress return can only be recorded in an existing plan.")
                self.import_button.setEnabled(False)
                return
            self.as_merge.setChecked(True)
        merging = self.as_merge.isChecked() and self.target.count()
        into = self.target.currentData() if merging else None
        path = Path(self.path.text().strip())
        self.previewed = importing.preview(self.store, path, self.result, into)
        self.findings.fill(
            [(f.severity, f.sheet, f.row, f.column, f.message) for f in self.previewed.findings]
        )
        self.preview.setPlainText(self.previewed.text)
        self.verdict.setText(self.previewed.verdict)
        self.import_button.setEnabled(self.previewed.can_commit)

    def confirm(self) -> None:
        """Write the plan, the merge or the updates in one step, after a backup; then close."""
        if self.previewed is None or not self.import_button.isEnabled():
            return
        try:
            done = importing.commit(self.store, self.previewed)
        except (BadInput, OSError, sqlite3.Error) as exc:  # e.g. another program is writing
            show_error(self, exc)
            return
        self.committed = done
        self.imported.emit(done.plan_id)
        self.accept()
