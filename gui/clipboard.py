"""Rows copied as a table: HTML for Outlook and Word, tab-separated text for Excel."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

import actionplans.gui.qt  # noqa: F401 - the shiboken6 work-round, before any Qt call


def as_tsv(headers: list[str], rows: list[list[str]]) -> str:
    """Tab-separated, one line per row; tabs and line breaks inside a cell become spaces, as
    Excel would otherwise split the cell."""
    clean = [[" ".join(cell.split()) for cell in row] for row in [headers, *rows]]
    return "\n".join("\t".join(row) for row in clean) + "\n"


def as_html(headers: list[str], rows: list[list[str]]) -> str:
    """A bordered HTML table with a header row; line breaks in a cell are kept."""

    def cells(row: list[str], tag: str) -> str:
        return "".join(f"<{tag}>{escape(c).replace(chr(10), '<br>')}</{tag}>" for c in row)

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    return (
        '<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">'
        f"<thead><tr>{cells(headers, 'th')}</tr></thead><tbody>{body}</tbody></table>"
    )


def copy_table(headers: list[str], rows: list[list[str]]) -> None:
    data = QMimeData()
    data.setHtml(as_html(headers, rows))
    data.setText(as_tsv(headers, rows))
    QGuiApplication.clipboard().setMimeData(data)
