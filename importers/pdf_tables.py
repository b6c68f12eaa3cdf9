"""A PDF plan (published action plans are Word documents turned into PDF) read into a grid from
its text layer, for the same template rules.

Each page's ruled tables are found by pdfplumber; every word is placed in the table cell it
stands in, or outside the tables. A cell's visual lines are joined back into its paragraphs: a
line ends a paragraph only where the next line's first word would have fitted after it (so
the writer broke the line, not the page's width) or the next line starts a bullet. Lines outside
the tables are the title block (above the first table) or, when they repeat on other pages or
are page numbers, page furniture; any others (a heading between tables) are one-cell rows. A
row carried over a page arrives as a row without a Rec No and is joined by the template's
page-break rules, as in a spreadsheet made from a PDF. A table printed without lines is read
from where its words stand (importers/pdf_unruled.py).

Bounds: the page count, the characters read, and each page closed after reading (pdfminer
otherwise keeps every page's layout in memory). A PDF with no text at all is a scan: refused.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionplans.importers.documents import (
    MAX_COLUMNS,
    DocumentBook,
    DocumentGrid,
    check_characters,
)
from actionplans.importers.headers import is_header, read_header
from actionplans.importers.pdf_unruled import Columns, body_rows, columns_of, find_header
from actionplans.importers.text import _GLYPHS
from actionplans.storage.errors import BadInput

MAX_PAGES = 5_000
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_BULLET = re.compile(rf"^(?:[{_GLYPHS}]|[-*–](?=\s)|\(?[a-z0-9]{{1,3}}[.)](?=\s))")
SCANNED = (
    "this PDF has no text layer (it is a scanned image), so there is nothing to read; ask for "
    "the original Word or Excel file, or a PDF saved from it."
)


@dataclass
class _Line:
    top: float
    x0: float
    x1: float
    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(word["text"] for word in self.words)


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    """Words grouped into visual lines, top to bottom, each left to right."""
    out: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        height = word["bottom"] - word["top"]
        line = out[-1] if out else None
        if line is not None and abs(word["top"] - line.top) <= height * 0.5:
            line.words.append(word)
            line.x1 = max(line.x1, word["x1"])
            line.x0 = min(line.x0, word["x0"])
        else:
            out.append(_Line(word["top"], word["x0"], word["x1"], [word]))
    for line in out:
        line.words.sort(key=lambda w: w["x0"])
    return out


def reflow(lines: list[_Line], right: float) -> str:
    """A cell's visual lines as its paragraphs: lines wrapped by the width joined by a space,
    lines the writer ended kept apart ("\\n")."""
    if not lines:
        return ""
    paragraphs = [lines[0].text]
    for previous, line in zip(lines, lines[1:], strict=False):
        first = line.words[0]
        space = (first["x1"] - first["x0"]) / max(len(first["text"]), 1)  # about one character
        fitted = previous.x1 + space + (first["x1"] - first["x0"]) < right - 1
        height = previous.words[0]["bottom"] - previous.words[0]["top"]
        gap = line.top - previous.top > 1.8 * height  # a blank line or paragraph spacing
        if fitted or gap or _BULLET.match(line.text):
            paragraphs.append(line.text)
        elif re.search(r"\w-$", previous.text):
            paragraphs[-1] += line.text  # "cross-" + "government": a compound broken at its hyphen
        else:
            paragraphs[-1] += " " + line.text
    return "\n".join(paragraphs)


@dataclass
class _Row:
    top: float
    values: list[object]
    part: str


def _cell_at(
    bands: list[tuple[float, float, int, list[tuple[float, float, int]]]],
    tops: list[float],
    x: float,
    y: float,
    rights: dict[tuple[int, int], float],
) -> tuple[int, int] | None:
    """The (row, column) of the table cell holding point (x, y), or None; found by bisection
    over the rows' tops, so a page of thousands of characters costs little."""
    index = bisect.bisect_right(tops, y) - 1
    while index >= 0:
        top, bottom, row, cells = bands[index]
        if y > bottom:
            return None
        for x0, x1, column in cells:
            if x0 <= x <= x1:
                rights[(row, column)] = x1
                return row, column
        index -= 1
    return None


class PdfBook(DocumentBook):
    kind = "PDF"

    def __init__(self, path: Path):
        super().__init__(path)
        self._characters = 0

    def load(self) -> DocumentGrid:
        import pdfplumber

        try:
            pdf = pdfplumber.open(str(self.path))
        except Exception as error:  # pdfminer fails in many ways on a damaged file
            raise _damaged(self.path) from error
        try:
            with pdf:
                if len(pdf.pages) > MAX_PAGES:
                    raise BadInput(
                        f"{self.path.name}: this PDF has {len(pdf.pages):,} pages, far more than "
                        "any action plan; refusing to read it."
                    )
                pages = [self._page(page, number) for number, page in enumerate(pdf.pages, 1)]
        except BadInput:
            raise
        except Exception as error:
            raise _damaged(self.path) from error
        if not any(rows or outside for rows, outside, _ in pages):
            raise BadInput(f"{self.path.name}: {SCANNED}")
        return self._grid_of(pages)

    def _page(self, page: Any, number: int) -> tuple[list[_Row], list[_Line], float]:
        """One page's table rows and the lines outside its tables, closed once read.

        Characters, not pdfplumber's words, are placed in cells: a right-aligned Rec No
        stands so close to the next cell's text that the two would read as one word ("1The").
        """
        from pdfplumber.utils import extract_words

        try:
            chars = page.chars
            self._characters += len(chars)
            check_characters(self.path, self._characters)
            tables = page.find_tables() if chars else []
            # A shaded header row over a table without lines is found as a table of one row:
            # the table is read from its words, header and all.
            tables = [t for t in tables if not _header_alone(t, chars)]
            rows: list[_Row] = []
            bands: list[tuple[float, float, int, list[tuple[float, float, int]]]] = []
            for table in tables:
                for table_row in table.rows:
                    if len(table_row.cells) > MAX_COLUMNS:
                        raise BadInput(
                            f"{self.path.name}: page {number} has a table more than "
                            f"{MAX_COLUMNS:,} columns wide; refusing to read it."
                        )
                    boxes = [(c, i) for i, c in enumerate(table_row.cells) if c is not None]
                    if not boxes:
                        continue
                    top = min(c[1] for c, _ in boxes)
                    bottom = max(c[3] for c, _ in boxes)
                    rows.append(_Row(top, [None] * len(table_row.cells), f"page {number}"))
                    cells = sorted((c[0], c[2], i) for c, i in boxes)
                    bands.append((top, bottom, len(rows) - 1, cells))
            bands.sort()
            tops = [band[0] for band in bands]
            placed: dict[tuple[int, int], list[dict[str, Any]]] = {}
            rights: dict[tuple[int, int], float] = {}
            outside: list[dict[str, Any]] = []
            for char in chars:
                x = (char["x0"] + char["x1"]) / 2
                y = (char["top"] + char["bottom"]) / 2
                key = _cell_at(bands, tops, x, y, rights)
                if key is None:
                    outside.append(char)
                else:
                    placed.setdefault(key, []).append(char)
            for (row, column), in_cell in placed.items():
                words = extract_words(in_cell)
                text = reflow(_lines(words), rights[(row, column)])
                rows[row].values[column] = text or None
            # words split at smaller gaps than pdfplumber's default: in a table without lines,
            # a right-aligned Rec No stands 2-3 points from the next cell's text
            lines = _lines(extract_words(outside, x_tolerance=1.5))
            # the right edge of the page's text: where a line that was not ended would reach
            right = max([t.bbox[2] for t in tables] + [line.x1 for line in lines] + [0.0])
            if lines and not tables:  # a table without lines may end short of the margin
                right = max(right, page.width - min(line.x0 for line in lines))
            return rows, lines, right
        finally:
            page.close()

    def _grid_of(self, pages: list[tuple[list[_Row], list[_Line], float]]) -> DocumentGrid:
        """The pages' rows in reading order, with the lines outside the tables placed among
        them as paragraphs; running headers and footers (a line on more than one page, its
        page number aside: "Page 2 of 11") left out. A page without ruled tables whose lines
        hold the plan's header, or that follows such a page, is a table without lines
        (importers/pdf_unruled.py)."""
        repeats = Counter(
            key for _, outside, _ in pages for key in {_running(line.text) for line in outside}
        )
        grid = DocumentGrid(self.path.stem)
        seen_table = False
        columns: Columns | None = None
        header: list[str] | None = None
        for number, (rows, outside, right) in enumerate(pages, 1):
            items: list[_Row] = list(rows)
            if rows:
                columns = None
            else:
                outside, columns, header = self._unruled(
                    outside, (columns, header), repeats, items, (number, right)
                )
            kept = [
                line
                for line in outside
                if line.text.strip()
                and not _PAGE_NUMBER.match(line.text.strip())
                and not (repeats[_running(line.text)] > 1 and (seen_table or not items))
            ]
            for group in _paragraph_groups(kept):
                for text in reflow(group, right).split("\n"):
                    items.append(_Row(group[0].top, [text], f"page {number}"))
            items.sort(key=lambda item: item.top)
            for index, item in enumerate(items, 1):
                values = [v if v not in ("", None) else None for v in item.values]
                if any(values):
                    grid.add_row(values, item.part, index)
            seen_table = seen_table or bool(items)
        return grid

    def _unruled(
        self,
        lines: list[_Line],
        before: tuple[Columns | None, list[str] | None],
        repeats: Counter[str],
        items: list[_Row],
        page: tuple[int, float],
    ) -> tuple[list[_Line], Columns | None, list[str] | None]:
        """A page of a table without lines: its header and rows added to `items`. Returns the
        lines above the table (read as paragraphs), and the columns and header found so far,
        for the next page (a table carried over a page without its header repeated)."""
        columns, header = before
        number, page_right = page
        part = f"page {number}"
        found = find_header(lines, header)
        if found is None and columns is None:
            return lines, None, None
        first, end = (found[0], found[1]) if found else (0, 0)
        body = _without_edges(lines[end:], repeats, top=not found)
        if found:
            header = found[2]
            columns = columns_of(lines[first:end], body, header)
            items.append(_Row(lines[first].top, list(header), part))
        assert columns is not None and header is not None
        rights = _text_edges(body, columns, page_right)
        while body:
            again = find_header(body, header)  # the header repeated lower on the page
            rows = body_rows(body[: again[0]] if again else body, columns)
            for top, cells in rows:
                values: list[object] = [
                    reflow(_lines(words), rights[column]) or None
                    for column, words in enumerate(cells)
                ]
                items.append(_Row(top, values, part))
            if again is None:
                break
            items.append(_Row(body[again[0]].top, list(again[2]), part))
            body = body[again[1] :]
        return lines[:first], columns, header


def _text_edges(body: list[_Line], columns: Columns, page_right: float) -> list[float]:
    """Where each column's lines would reach had they been wrapped by the cell's width: the
    next column's text start less the cells' padding on both sides, which the column that
    comes closest to its neighbour shows; the last column's at the page's right margin (as
    far from the page's edge as the table's text is from its left edge)."""
    reach: dict[int, float] = {}
    for line in body:
        for word in line.words:
            column = columns.of(word)
            if column < len(columns.bounds) and word["x1"] < columns.bounds[column]:
                reach[column] = max(reach.get(column, 0.0), word["x1"])
    gaps = [columns.bounds[c] - x for c, x in reach.items()]
    padding = min(max(min(gaps, default=3.0), 2.0), 15.0)
    return [bound - padding + 1 for bound in columns.bounds] + [page_right + 1]


def _header_alone(table: Any, chars: list[dict[str, Any]]) -> bool:
    """A found table that is only a header row (shaded cells) with text below it."""
    if len(table.rows) != 1 or not any(c["top"] > table.bbox[3] for c in chars):
        return False
    cells = table.extract()[0]
    return is_header(read_header(1, [c for c in cells if c]))


def _furniture(line: _Line, repeats: Counter[str]) -> bool:
    text = line.text.strip()
    return bool(_PAGE_NUMBER.match(text)) or repeats[_running(text)] > 1


def _without_edges(lines: list[_Line], repeats: Counter[str], top: bool) -> list[_Line]:
    """A table's lines without the page's footer (and, with `top`, its running header): up to
    two lines at the edge that stand apart from the table and are page numbers or repeat on
    other pages. A line inside the table that repeats elsewhere ("Ongoing") is kept."""

    def apart(line: _Line, neighbour: _Line) -> bool:
        height = neighbour.words[0]["bottom"] - neighbour.words[0]["top"]
        return abs(line.top - neighbour.top) > 1.8 * height and _furniture(line, repeats)

    start, end = 0, len(lines)
    while end - start > 1 and end > len(lines) - 2 and apart(lines[end - 1], lines[end - 2]):
        end -= 1
    while top and end - start > 1 and start < 2 and apart(lines[start], lines[start + 1]):
        start += 1
    return lines[start:end]


def _running(text: str) -> str:
    """A line with its numbers masked, so a running header with its page number repeats."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _paragraph_groups(lines: list[_Line]) -> list[list[_Line]]:
    """Consecutive lines outside the tables, in groups close enough to be one paragraph."""
    groups: list[list[_Line]] = []
    for line in lines:
        height = line.words[0]["bottom"] - line.words[0]["top"]
        if groups and line.top - groups[-1][-1].top <= 1.8 * height:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _damaged(path: Path) -> BadInput:
    return BadInput(
        f"{path.name}: this PDF is damaged or not a PDF; ask for the file again or save it "
        "again from the program that made it."
    )


def pdf_lines(path: Path) -> list[str]:
    """Every line of a PDF's text layer in reading order, for `draft`; page numbers and
    running headers and footers (a line on three or more pages) left out, so an item carried
    over a page reads on; refuses a scan."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as error:
        raise _damaged(path) from error
    pages: list[list[str]] = []
    characters = 0
    try:
        with pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise BadInput(
                    f"{path.name}: this PDF has {len(pdf.pages):,} pages; refusing to read it."
                )
            for page in pdf.pages:
                try:
                    text = page.extract_text() or ""
                finally:
                    page.close()
                characters += len(text)
                check_characters(path, characters)
                pages.append(text.splitlines())
    except BadInput:
        raise
    except Exception as error:
        raise _damaged(path) from error
    if not any(line.strip() for page_lines in pages for line in page_lines):
        raise BadInput(f"{path.name}: {SCANNED}")
    # A running header or footer stands in the first or last two lines of most pages.
    edges = [{line.strip() for line in p[:2] + p[-2:]} for p in pages]
    counts = Counter(line for edge in edges for line in edge)
    running = {line for line, count in counts.items() if count >= max(3, len(pages) // 2)}
    return [
        line
        for page_lines in pages
        for number, line in enumerate(page_lines)
        if not _PAGE_NUMBER.match(line.strip())
        and not ((number < 2 or number >= len(page_lines) - 2) and line.strip() in running)
    ]
