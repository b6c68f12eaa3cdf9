"""Saving plans, board packs and owners' returns, all written on the thread pool.

The writer works into a private temporary folder; only when it has finished, and the person
has not pressed Cancel, is the file moved to where they asked. So a cancelled or failed export
never leaves a half-written file behind.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call
from actionplans.gui.editors import MARKINGS
from actionplans.gui.errors import show_error
from actionplans.gui.panels import PlanChecklist
from actionplans.gui.widgets import DateField, dialog_buttons
from actionplans.gui.worker import run_in_background
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Plan
from actionplans.storage.store import PlanRow, Store

FORMATS = {
    ".xlsx": "Excel workbook (*.xlsx)",
    ".pdf": "PDF document (*.pdf)",
    ".json": "Plan JSON (*.json)",
}


def file_name_for(title: str, suffix: str) -> str:
    """A safe file name from a plan's title: 'Action Plan: HMP X' -> 'Action Plan - HMP X.pdf'."""
    name = re.sub(r'[\\/:*?"<>|]+', " - ", title)
    name = " ".join(name.split()).strip(" .-")[:120] or "action plan"
    return name + suffix


def write_in_background(
    parent: QWidget,
    label: str,
    target: Path,
    write: Callable[[Path], object],
    on_saved: Callable[[Path], None],
) -> None:
    """Run `write(temporary path)` off the GUI thread, then move the file to `target`."""
    folder = Path(tempfile.mkdtemp(prefix="actionplans-"))
    scratch = folder / target.name

    def work() -> Path:
        write(scratch)
        return scratch

    def done(_: Path) -> None:
        if put_in_place(parent, scratch, target):
            on_saved(target)

    run_in_background(
        parent, label, work, done, cleanup=lambda: shutil.rmtree(folder, ignore_errors=True)
    )


def put_in_place(parent: QWidget, written: Path, target: Path) -> bool:
    """Move a finished file to `target` in one step, or say in a dialog why it cannot go there.

    The private folder may be on another drive, where a plain move copies into the target bit
    by bit, and a read-only file the person kept would be replaced without a word: so through
    `usecases.exporting.move_into_place`. False when the file was not saved.
    """
    from actionplans.usecases.exporting import move_into_place

    try:
        move_into_place(written, target)
    except (BadInput, OSError) as exc:
        show_error(parent, exc)
        return False
    return True


def export_plan_in_background(
    parent: QWidget,
    plan: Plan,
    target: Path,
    on_saved: Callable[[Path], None],
    progress_columns: bool = False,
) -> None:
    from actionplans.usecases.exporting import export_plan

    write_in_background(
        parent,
        f"Saving {target.name}…",
        target,
        lambda tmp: export_plan(plan, tmp, progress_columns=progress_columns),
        on_saved,
    )


def ask_save_path(parent: QWidget, title: str, suffix: str, folder: str) -> Path | None:
    start = str(Path(folder or Path.home()) / file_name_for(title, suffix))
    name, _ = QFileDialog.getSaveFileName(parent, "Save as", start, FORMATS[suffix])
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class PackDialog(QDialog):
    """Choose the plans, the board, the meeting date and the marking for a board pack."""

    def __init__(self, rows: list[PlanRow], chosen: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Board pack")
        self.plans = PlanChecklist(rows, chosen, "Plans in the pack", self)
        self.board = QLineEdit(self)
        self.board.setAccessibleName("Board")
        self.board.setPlaceholderText("e.g. HMP Example Health and Social Care Partnership Board")
        self.use_meeting = QCheckBox("Mee&ting on", self)
        self.meeting = DateField(QDate.currentDate(), self)
        self.meeting.setAccessibleName("Meeting date")
        self.marking = QComboBox(self)
        self.marking.setEditable(True)
        self.marking.addItems(MARKINGS)
        self.marking.setAccessibleName("Protective marking")
        self.venue = QLineEdit(self)
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("e.g. Board Room, HMP Example")
        self.secretary = QLineEdit(self)
        self.secretary.setAccessibleName("Secretary")
        self.appendix = QCheckBox("&Include the plans as published (appendix)", self)
        self.appendix.setToolTip("The published six columns of each plan, after the progress")
        form = QFormLayout()
        form.addRow("&Plans:", self.plans)
        form.addRow("&Board:", self.board)
        form.addRow(self.use_meeting, self.meeting)
        form.addRow("&Venue:", self.venue)
        form.addRow("Se&cretary:", self.secretary)
        form.addRow("&Marking:", self.marking)
        form.addRow("", self.appendix)
        buttons, _ = dialog_buttons(self, "&Save")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Save only with a plan ticked; otherwise say so and keep what was typed."""
        if not self.chosen_ids():
            show_error(self, "Tick at least one plan for the pack.")
            return
        super().accept()

    def chosen_ids(self) -> list[int]:
        return self.plans.ticked_ids()

    def options(self) -> dict:
        meeting = self.meeting.date().toPython() if self.use_meeting.isChecked() else None
        return {
            "board": self.board.text().strip() or None,
            "meeting": meeting,
            "marking": self.marking.currentText().strip() or None,
            "venue": self.venue.text().strip() or None,
            "secretary": self.secretary.text().strip() or None,
            "appendix": self.appendix.isChecked(),
        }


def write_pack_in_background(
    parent: QWidget,
    store: Store,
    plan_ids: list[int],
    target: Path,
    options: dict,
    on_saved: Callable[[Path], None],
) -> None:
    """The board pack with all its pages, as `actionplans pack` prints it: what it shows is
    read from the store here, on the GUI thread (the store's connection lives there), and the
    PDF is printed on the thread pool. `options` are `PackDialog.options()`."""
    from actionplans.usecases import pack

    contents = pack.gather(store, plan_ids, options.get("meeting"))
    cover = pack.Cover(
        board=options.get("board"),
        venue=options.get("venue"),
        secretary=options.get("secretary"),
        marking=options.get("marking"),
        appendix=bool(options.get("appendix")),
    )
    write_in_background(
        parent,
        f"Writing {target.name}…",
        target,
        lambda tmp: pack.write(contents, tmp, cover=cover),
        on_saved,
    )
