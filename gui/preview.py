"""A plan's PDF shown inside the application, and printed through the system's print dialog.

Apart from `gui.export` because QtPdf and QtPrintSupport take a while to load: the window imports
this module only when a preview or a print is first asked for.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call


class PreviewDialog(QDialog):
    """A PDF shown inside the application, with Print and Save as."""

    save_requested = Signal()

    def __init__(self, pdf: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(f"Preview: {title}")
        self.setAccessibleName("PDF preview")
        self.resize(900, 1000)
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        # Let go of the file once the preview is closed: on Windows an open file cannot be
        # replaced, so the next preview of the same plan could not be written.
        self.finished.connect(self.document.close)
        self.view = QPdfView(self)
        self.view.setAccessibleName("PDF pages")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        save_button = buttons.addButton("&Save as…", QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(lambda: print_pdf(self.document, self))
        save_button.clicked.connect(self.save_requested)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def page_count(self) -> int:
        return self.document.pageCount()


def print_pdf(document: QPdfDocument, parent: QWidget | None) -> None:
    """Print every page through the system's print dialog, each page scaled to the paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document.metaData(QPdfDocument.MetaDataField.Title) or "Action plan")
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    render_to(printer, document)


def render_to(printer: QPrinter, document: QPdfDocument) -> None:
    painter = QPainter(printer)
    try:
        first = max(printer.fromPage() - 1, 0)
        last = (printer.toPage() or document.pageCount()) - 1
        for page in range(first, last + 1):
            if page > first:
                printer.newPage()
            area = painter.viewport()
            size = document.pagePointSize(page)
            scale = min(area.width() / size.width(), area.height() / size.height())
            image = document.render(
                page, QSize(int(size.width() * scale), int(size.height() * scale))
            )
            painter.drawImage(QRectF(QPointF(0, 0), image.size().toSizeF()), image)
    finally:
        painter.end()
