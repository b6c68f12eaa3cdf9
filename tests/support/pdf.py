"""Reading a PDF back as a board member reads it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """Each page's text with runs of whitespace made single spaces (table cells wrap lines)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def printed_in_order(text: str, pages: list[str]) -> bool:
    """Whether the words of `text` appear in this order in the document; a row carried over
    a page break has the page footer, header and "(continued)" between its words."""
    stream = iter(" ".join(pages).split())
    return all(word in stream for word in text.split())
