"""One version everywhere: the package metadata, `--version`, the About box, the PDF's
metadata, the workbook's properties and the Windows version resource all say storage.version's."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version as package_version
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

import actionplans.gui.main_window  # noqa: E402
from actionplans.exporters.pdf import write_plan_pdf  # noqa: E402
from actionplans.exporters.xlsx import write_xlsx  # noqa: E402
from actionplans.storage.version import VERSION  # noqa: E402
from tests.support.plans import make_plan  # noqa: E402
from tools.version_info import version_file_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_package_metadata_reads_the_one_version():
    assert package_version("actionplans") == VERSION


def test_the_command_prints_it():
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout.strip() == f"actionplans {VERSION}"


def test_the_about_box_shows_it(qtbot, store, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox,
        "about",
        lambda parent, title, text: shown.append(text),
    )
    window = actionplans.gui.main_window.MainWindow(
        store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    from actionplans.gui.menus import about

    about(window)
    assert f"Action plans {VERSION}" in shown[0]


def test_the_pdf_metadata_names_it(tmp_path):
    path = tmp_path / "plan.pdf"
    write_plan_pdf(make_plan(), path)
    assert PdfReader(path).metadata.creator == f"actionplans {VERSION}"


def test_the_workbook_properties_carry_it(tmp_path):
    path = tmp_path / "plan.xlsx"
    write_xlsx(make_plan(), path)
    assert openpyxl.load_workbook(path).properties.version == VERSION


def test_the_windows_version_resource_is_filled_from_it():
    text = version_file_text(VERSION, "actionplans", "Action plans")
    assert f"StringStruct('ProductVersion', {VERSION!r})" in text
