"""The import wizard: read a workbook, show what it will do, write only on confirm.

Reading runs on the thread pool (a big workbook takes seconds in openpyxl); the preview is
the new plan, the changes a local authority's return makes to an existing plan, or the dated
updates an owner's progress return will record, with every finding and its row. Nothing
touches the database until Import is pressed, and a backup is taken just before.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from gui.cli_text import format_plan
from gui.errors import message_for, show_error
from gui.panels import ReadOnlyTable
from gui.worker import run_in_background
from importers import SUFFIXES, ImportResult, read_plan_file
from importers.headers import find_header
from importers.returns import PendingUpdate, is_return, pending_updates, read_return
from importers.workbook import HEAD_ROWS, open_workbook
from storage.backups import backed_up
from storage.errors import BadInput
from storage.merge import Merge, apply_merge, plan_merge
from storage.monitoring import add_updates, targets_moved_since
from storage.return_form import Return
from storage.store import Store

WORKBOOKS = (".xlsx", ".xlsm", ".xls")
FILE_FILTER = "Action plans (" + " ".join(f"*{s}" for s in SUFFIXES) + ");;All files (*)"


@dataclass(frozen=True)
class SheetsToChoose:
    """A workbook whose plan sheet cannot be told on its own: the person picks one."""

    sheets: list[str]


def read_file(path: Path, sheet: str | None = None) -> ImportResult | Return | SheetsToChoose:
    """A plan, or an owner's progress return (told apart by its first cell); for a workbook
    with several plan sheets and none chosen, the sheets to choose from."""
    if sheet is None and path.is_file() and is_return(path):
        return read_return(path)
    try:
        return read_plan_file(path, sheet=sheet)
    except BadInput:
        if sheet is not None or path.suffix.lower() not in WORKBOOKS:
            raise
        with open_workbook(path) as book:
            names = list(book.sheet_names)
            plans = [n for n in names if find_header(book.read(n, HEAD_ROWS).rows, HEAD_ROWS)]
        if len(plans) < 2:  # no choice of plans to make: the importer's sentence says why
            raise
        return SheetsToChoose(names)


def update_fields(update: PendingUpdate) -> dict:
    """A pending update as the keyword arguments of `storage.monitoring.add_update`."""
    return update.fields()


class ImportWizard(QDialog):
    """Emits `imported(plan id)` after a confirmed import or merge."""

    imported = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None, into: int | None = None):
        super().__init__(parent)
        self.store = store
        self.into = into
        self.result: ImportResult | Return | None = None
        self.merge: Merge | None = None
        self.pending: list[PendingUpdate] = []
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

        def done(result: ImportResult | Return | SheetsToChoose) -> None:
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
            self, f"Reading {path.name}…", lambda: read_file(path, sheet), done, cancelled
        )
        job.on_failed = failed

    def show_findings(self, findings: list) -> None:
        self.findings.fill([(f.severity, f.sheet, f.row, f.column, f.message) for f in findings])

    def show_preview(self) -> None:
        if self.result is None:
            return
        self.merge = None
        self.pending = []
        is_a_return = isinstance(self.result, Return)
        self.as_new.setEnabled(not is_a_return)
        self.import_button.setText("&Record updates" if is_a_return else "&Import")
        if is_a_return:
            self.show_return(self.result)
            return
        self.show_findings(self.result.findings)
        plan = self.result.plan
        if self.as_merge.isChecked() and self.target.count():
            current = self.store.get_plan(self.target.currentData())
            self.merge = plan_merge(current, plan)
            lines = self.merge.describe() or ["No changes: the plan already says all of this."]
            self.preview.setPlainText(f"Changes to '{current.title}':\n\n" + "\n".join(lines))
        else:
            self.preview.setPlainText(format_plan(plan))
        errors = len(self.result.errors)
        warnings = len(self.result.warnings)
        mismatch = self.merge.mismatch if self.merge else None
        if errors:
            self.verdict.setText(
                f"{errors} error(s) must be fixed in the file before it can be imported."
            )
        elif mismatch:
            self.verdict.setText(f"Nothing can be merged: {mismatch}")
        else:
            self.verdict.setText(
                f"Ready to import: {warnings} warning(s) to check after importing."
                if warnings
                else "Ready to import: no problems found."
            )
        nothing_to_merge = self.merge is not None and (self.merge.is_empty() or mismatch)
        self.import_button.setEnabled(not errors and not nothing_to_merge)

    def show_return(self, returned: Return) -> None:
        """The updates an owner's return will record in the chosen plan, and its findings."""
        if not self.target.count():
            self.preview.setPlainText("This is a progress return: import its plan first.")
            self.verdict.setText("A progress return can only be recorded in an existing plan.")
            self.import_button.setEnabled(False)
            return
        self.as_merge.setChecked(True)
        plan_id = self.target.currentData()
        title = self.store.get_plan_title(plan_id)
        self.pending, findings = pending_updates(
            self.store.get_plan(plan_id),
            returned,
            targets_moved_since(self.store, plan_id, returned.sent),
        )
        self.show_findings(findings)
        owner = returned.owner or "an owner"
        empty = [] if findings else ["No updates: every row was left empty."]
        lines = [u.describe() for u in self.pending] or empty
        self.preview.setPlainText(
            f"Progress return from {owner}: {len(self.pending)} update(s) to record in "
            f"'{title}':\n\n" + "\n".join(lines)
        )
        # A finding with no row is about the whole return (written for another plan, or
        # recorded already): its own sentence says what to do, which no row can fix.
        whole = [f.message for f in findings if f.row is None]
        verdict = ""
        if whole:
            verdict = " ".join(whole)
        elif findings:
            verdict = (
                f"{len(findings)} row(s) must be fixed in the file (or by the owner) "
                "before anything is recorded."
            )
        elif self.pending:
            verdict = "Ready to record: each update is kept for good once recorded."
        self.verdict.setText(verdict)
        self.import_button.setEnabled(bool(self.pending) and not findings)

    def confirm(self) -> None:
        """Write the plan, the merge or the updates in one step, after a backup; then close."""
        if self.result is None or not self.import_button.isEnabled():
            return
        try:
            with backed_up(self.store, "import"):
                if isinstance(self.result, Return):
                    add_updates(self.store, [update_fields(u) for u in self.pending])
                    plan_id = self.target.currentData()
                elif self.merge is not None:
                    apply_merge(self.store, self.merge)
                    plan_id = self.merge.plan_id
                else:
                    plan_id = self.store.add_plan(self.result.plan)
        except (BadInput, OSError) as exc:
            show_error(self, exc)
            return
        self.imported.emit(plan_id)
        self.accept()
