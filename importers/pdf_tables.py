"""A PDF plan (published action plans are Word documents turned into PDF) read into a grid from
its text layer, for the same template rules.

Each page's ruled tables are found by pdfplumber; every character is placed in the table cell
it stands in (a cell merged down over several rows included), or outside the tables. A cell's
visual lines are joined back into the paragraphs and owners the writer typed by where the
lines stand (importers/pdf_wraps.py). Lines outside the tables are the title block (above the
first table) or, when they stand at the same height on half the pages or are page numbers,
page furniture; any others (a heading between tables) are one-cell rows. A row carried over a
page arrives as a row without a Rec No: where a cell's first line there goes on with the line
that ended the cell on the page before, the reader joins them (`_join_carried`); the rest is
joined by the template's page-break rules, as in a spreadsheet made from a PDF. A table
printed without lines is read from where its words stand (importers/pdf_unruled.py).

Bounds: the page count, the characters read, and each page closed after reading (pdfminer
otherwise keeps every page's layout in memory). A PDF with no text at all is a scan: refused.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from actionplans.importers.documents import (
    MAX_COLUMNS,
    DocumentBook,
    DocumentGrid,
    check_characters,
)
from actionplans.importers.headers import find_header as find_table_header
from actionplans.importers.headers import read_header, role_of
from actionplans.importers.pdf_unruled import Columns, body_rows, columns_of, find_header
from actionplans.importers.pdf_wraps import (
    ESTIMATED,
    NOISE,
    Line,
    Measure,
    carried,
    habits,
    lines_of,
    reflow,
    space_share,
    words_of,
)
from actionplans.importers.template import CONTINUED
from actionplans.importers.text import SENTENCE_END
from actionplans.storage.errors import BadInput

MAX_PAGES = 5_000
_PAGE_NUMBERING = re.compile(
    r"\bpage\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|^\d{1,4}\b|\b\d{1,4}$", re.I
)
_HEADER_CELL = 200  # characters: no header cell is longer (the accommodation plan's is 89)
_ALIGNED = 1.5  # points: lines whose starts (centres, ends) agree this closely are aligned
_BAND = 6.0  # points: a running header or footer stands this near the same height on each page
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
SCANNED = (
    "this PDF has no text layer (it is a scanned image), so there is nothing to read; ask for "
    "the original Word or Excel file, or a PDF saved from it."
)


@dataclass
class _Row:
    """A row of the grid as it stands on its page; `edges[column]` is that cell's first and
    last line and what they are measured against, to join a cell carried over a page."""

    top: float
    values: list[object]
    part: str
    edges: dict[int, tuple[Line, Line, Measure]] = field(default_factory=dict)
    bottom: float = 0.0  # where the row ends on its page (a cell's text may stop short of it)


@dataclass
class _Page:
    """One page read: its table rows, the lines outside its tables, and what those lines
    are measured against (`measure.right`: where the page's text reaches)."""

    rows: list[_Row]
    lines: list[Line]
    measure: Measure
    width: float
    shaded: list[tuple[float, float]]  # a shaded header row's cells (a table without lines)


@dataclass
class _Cells:
    """A page's table cells, to find the one a character stands in by bisection over the
    rows' tops (a page of thousands of characters costs little), then up the rows above while
    one of them reaches down that far (a cell merged down over several rows: a Rec No or a
    recommendation over its actions)."""

    bands: list[tuple[float, int, list[tuple[float, float, float, int]]]] = field(
        default_factory=list
    )  # (top, row, each cell's (x0, x1, bottom, column)), by top

    def ready(self) -> None:
        self.bands.sort(key=lambda band: band[0])
        self.tops = [band[0] for band in self.bands]
        self.reach = list(accumulate((max(c[2] for c in b[2]) for b in self.bands), max))

    def at(self, x: float, y: float) -> tuple[int, int, float, float] | None:
        """(row, column, x0, x1) of the cell holding point (x, y), or None."""
        index = bisect.bisect_right(self.tops, y) - 1
        while index >= 0 and self.reach[index] >= y:
            _, row, cells = self.bands[index]
            for x0, x1, bottom, column in cells:
                if x0 <= x <= x1 and y <= bottom:
                    return row, column, x0, x1
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
        if not any(page.rows or page.lines for page in pages):
            raise BadInput(f"{self.path.name}: {SCANNED}")
        return self._grid_of(pages)

    def _page(self, page: Any, number: int) -> _Page:
        """One page's table rows and the lines outside its tables, closed once read.

        Characters, not pdfplumber's words, are placed in cells: a right-aligned Rec No
        stands so close to the next cell's text that the two would read as one word ("1The").
        """
        try:
            chars = page.chars
            self._characters += len(chars)
            check_characters(self.path, self._characters)
            found = page.find_tables() if chars else []
            # A shaded header row over a table without lines is found as a table of one row:
            # the table is read from its words, header and all; the shaded cells show where
            # its columns' edges are.
            tables = [t for t in found if not _header_alone(t, chars)]
            shaded = [edge for t in found[:1] if t not in tables for edge in _column_edges(t)]
            rows: list[_Row] = []
            grid = _Cells()
            for table in tables:
                for table_row in table.rows:
                    if len(table_row.cells) > MAX_COLUMNS:
                        raise BadInput(
                            f"{self.path.name}: page {number} has a table more than "
                            f"{MAX_COLUMNS:,} columns wide; refusing to read it."
                        )
                    boxed = [(c, i) for i, c in enumerate(table_row.cells) if c is not None]
                    if not boxed:
                        continue
                    top = min(c[1] for c, _ in boxed)
                    bottom = max(c[3] for c, _ in boxed)
                    part = f"page {number}"
                    rows.append(_Row(top, [None] * len(table_row.cells), part, bottom=bottom))
                    grid.bands.append(
                        (top, len(rows) - 1, sorted((c[0], c[2], c[3], i) for c, i in boxed))
                    )
            grid.ready()
            placed: dict[tuple[int, int], list[dict[str, Any]]] = {}
            boxes: dict[tuple[int, int], tuple[float, float]] = {}
            outside: list[dict[str, Any]] = []
            for char in chars:
                found_at = grid.at(
                    (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
                )
                if found_at is None:
                    outside.append(char)
                else:
                    row, column, x0, x1 = found_at
                    boxes[(row, column)] = (x0, x1)
                    placed.setdefault((row, column), []).append(char)
            space = space_share(chars)
            cells = {key: lines_of(words_of(in_cell)) for key, in_cell in placed.items()}
            measure = habits(cells.values(), space)
            rights = _cell_rights(cells, boxes)
            for (row, column), lines in cells.items():
                cell = measure.at(rights[(row, column)][0], left=rights[(row, column)][1])
                rows[row].values[column] = reflow(lines, cell) or None
                rows[row].edges[column] = (lines[0], lines[-1], cell)
            # words split at smaller gaps than pdfplumber's default: in a table without lines,
            # a right-aligned Rec No stands 2-3 points from the next cell's text
            lines = lines_of(words_of(outside, x_tolerance=1.5))
            # the right edge of the page's text: where a line that was not ended would reach
            right = max([t.bbox[2] for t in tables] + [line.x1 for line in lines] + [0.0])
            if lines and not tables:  # a table without lines may end short of the margin
                right = max(right, page.width - min(line.x0 for line in lines))
            habit = Measure(right, space, measure.pitch, measure.spaced)
            _forget_edges(rows)
            return _Page(rows, lines, habit, page.width, shaded)
        finally:
            page.close()

    def _grid_of(self, pages: list[_Page]) -> DocumentGrid:
        """The pages' rows in reading order, with the lines outside the tables placed among
        them as paragraphs; running headers and footers (a line on more than one page, its
        page number aside: "Page 2 of 11") left out. A page without ruled tables whose lines
        hold the plan's header, or that follows such a page, is a table without lines
        (importers/pdf_unruled.py)."""
        repeats = _Repeats(pages)
        seen_table = False
        columns: Columns | None = None
        header: list[str] | None = None
        read: list[list[_Row]] = []
        for number, page in enumerate(pages, 1):
            items: list[_Row] = list(page.rows)
            outside = page.lines
            if page.rows:
                columns = None
            else:
                outside, columns, header = self._unruled(
                    page, (columns, header), repeats, items, number
                )
            kept = [
                line
                for line in outside
                if line.text.strip()
                and not _PAGE_NUMBER.match(line.text.strip())
                and not (repeats(line) and (seen_table or not items))
            ]
            for group in _paragraph_groups(kept):
                for text in reflow(group, page.measure).split("\n"):
                    items.append(_Row(group[0].top, [text], f"page {number}"))
            items.sort(key=lambda item: item.top)
            _forget_edges(items)
            read.append(items)
            seen_table = seen_table or bool(items)
        _join_carried(read)
        grid = DocumentGrid(self.path.stem)
        for items in read:
            for index, item in enumerate(items, 1):
                values = [v if v not in ("", None) else None for v in item.values]
                if any(values):
                    grid.add_row(values, item.part, index)
        return grid

    def _unruled(
        self,
        page: _Page,
        before: tuple[Columns | None, list[str] | None],
        repeats: _Repeats,
        items: list[_Row],
        number: int,
    ) -> tuple[list[Line], Columns | None, list[str] | None]:
        """A page of a table without lines: its header and rows added to `items`. Returns the
        lines above the table (read as paragraphs), and the columns and header found so far,
        for the next page (a table carried over a page without its header repeated)."""
        lines = page.lines
        columns, header = before
        part = f"page {number}"
        found = find_header(lines, header)
        if found is None and columns is None:
            return lines, None, None
        first, end = (found.first, found.end) if found else (0, 0)
        body = _without_edges(lines[end:], repeats, top=not found)
        if found:
            header = found.known
            columns = columns_of(found, body)
            items.extend(_Row(top, list(values), part) for top, values in found.rows)
        assert columns is not None and header is not None
        if len(page.shaded) == len(columns.bounds) + 1:
            columns.cells = page.shaded
        rights = _text_edges(body, columns, page.width)
        read: list[tuple[float, list[list[Line]]]] = []
        while body:
            again = find_header(body, header)  # the header repeated lower on the page
            for top, words in body_rows(body[: again.first] if again else body, columns):
                read.append((top, [lines_of(in_cell) for in_cell in words]))
            if again is None:
                break
            items.extend(_Row(top, list(values), part) for top, values in again.rows)
            body = body[again.end :]
        measure = habits((cell for _, cells in read for cell in cells), page.measure.space)
        noise = NOISE if columns.cells else ESTIMATED  # edges shown by a shaded header, or not
        for top, cells in read:
            bottom = max((cell[-1].bottom for cell in cells if cell), default=top)
            row = _Row(top, [None] * len(cells), part, bottom=bottom)
            for column, cell in enumerate(cells):
                if cell:
                    edge = measure.at(rights[column], noise)
                    row.values[column] = reflow(cell, edge) or None
                    row.edges[column] = (cell[0], cell[-1], edge)
            items.append(row)
        return lines[:first], columns, header


def _join_carried(pages: list[list[_Row]]) -> None:
    """Where a table row breaks over a page, a cell's first line on the new page may go on
    with the line that ended the same cell on the page before (an owner's name wrapped just
    there, a word broken by force): that paragraph is moved up to finish the cell above, as
    a reader reads it. A row carried over with owners or dates alone (its response ended on
    the page before) is the same row: its cells finish those above, where the template would
    read a further action. A row left with nothing but its "2 (continued)" goes. Paragraphs
    the writer ended there are left for the template's page-break rules."""
    roles: dict[str, int] | None = None
    last: _Row | None = None
    for items in pages:
        rows = [item for item in items if len(item.values) > 1]
        headers = [row for row in rows if _header_row(row)]
        if headers and roles is None:
            roles = read_header(1, [str(v or "") for v in headers[0].values]).columns
        body = [row for row in rows if not _header_row(row)]
        ref = roles.get("ref", 0) if roles is not None else None
        if last is not None and body and ref is not None and _continues(body[0], ref):
            assert roles is not None
            _move_up(last, body[0], roles)
        if body:
            last = body[-1]


def _forget_edges(rows: list[_Row]) -> None:
    """Keep the lines a row carried over a page is joined by only on the two rows that may
    take part: a page's first table row under its header, and its last. Kept on every row,
    a 1,250-page plan's lines were most of its reading's memory and a tenth of its time (in
    Python's garbage collector)."""
    table = [row for row in rows if len(row.values) > 1]
    first = next((row for row in table if not _header_row(row)), None)
    for row in table[:-1]:
        if row is not first:
            row.edges = {}


def _ends_sentence(text: str) -> bool:
    """A line ending a sentence: across a page, without the paragraph spacing or the space a
    wrap leaves to tell, it may as well end its paragraph."""
    return text.rstrip("\"'’”)").endswith(tuple(SENTENCE_END))


def _header_row(row: _Row) -> bool:
    """A row whose every cell is a header's wording (the header repeated on a page)."""
    texts = [str(v) for v in row.values if v]
    short = all(len(text) <= _HEADER_CELL for text in texts)  # a header's cells are short
    return len(texts) > 1 and short and all(role_of(text) for text in texts)


def _continues(row: _Row, ref: int) -> bool:
    """Whether a page's first row goes on with the row above: no Rec No of its own, or
    "2 (continued)" in its place."""
    value = row.values[ref] if ref < len(row.values) else None
    return not value or bool(CONTINUED.match(str(value)))


def _move_up(above: _Row, row: _Row, roles: dict[str, int]) -> None:
    ref = roles.get("ref", 0)
    for column, (first, _, _) in list(row.edges.items()):
        if column == ref or not row.values[column] or not _ran_on(above, column):
            continue
        _, end, measure = above.edges[column]
        glue = carried(end, first, measure)
        if glue is None or (glue == " " and not measure.spaced and _ends_sentence(end.text)):
            continue  # the writer ended the line, or may have: the template's rules decide
        head, _, rest = str(row.values[column]).partition("\n")
        above.values[column] = f"{above.values[column]}{glue}{head}"
        row.values[column] = rest or None
        del row.edges[column]
    left = [column for column, value in enumerate(row.values) if value and column != ref]
    texts = {roles.get("text"), roles.get("response")}
    if texts & set(left) or not all(_ran_on(above, column) for column in left):
        return  # text of its own, or a cell that did not run on: the template decides
    for column in left:  # owners or dates alone: the same row's cells, ended by the writer
        above.values[column] = f"{above.values[column]}\n{row.values[column]}"
    row.values = [None] * len(row.values)


def _ran_on(above: _Row, column: int) -> bool:
    """Whether the cell above ran to the end of its row on its page (so it may go on)."""
    if column not in above.edges:
        return False
    _, end, _ = above.edges[column]
    return above.bottom - end.bottom <= 2 * end.size


def _cell_rights(
    cells: dict[tuple[int, int], list[Line]], boxes: dict[tuple[int, int], tuple[float, float]]
) -> dict[tuple[int, int], tuple[float, float | None]]:
    """Each cell's usable right edge: its right side less its padding, which the leftmost
    text in it shows (the page's usual padding where that is less: centred or indented
    text), and never left of where its text reaches; and its usable left edge where its lines
    are centred or set right (a date column often is), so they are measured by their width."""
    pads = {key: min(line.x0 for line in lines) - boxes[key][0] for key, lines in cells.items()}
    usual = statistics.median(pads.values()) if pads else 0.0
    edges: dict[tuple[int, int], tuple[float, float | None]] = {}
    for key, lines in cells.items():
        pad = max(min(pads[key], usual), 0.0)
        right = max(boxes[key][1] - pad, max(line.x1 for line in lines))
        set_left = _set_left(lines, boxes[key], pad)
        edges[key] = (right, None if set_left else boxes[key][0] + pad)
    return edges


def _set_left(lines: list[Line], box: tuple[float, float], pad: float) -> bool:
    """Whether a cell's lines are set left (or indented), not centred in it or set right."""
    left, right, middle = box[0] + pad, box[1] - pad, (box[0] + box[1]) / 2
    if all(abs(line.x0 - left) <= _ALIGNED for line in lines):
        return True
    centred = all(abs((line.x0 + line.x1) / 2 - middle) <= _ALIGNED for line in lines)
    return not centred and not all(abs(line.x1 - right) <= _ALIGNED for line in lines)


def _text_edges(body: list[Line], columns: Columns, page_width: float) -> list[float]:
    """Each column's usable right edge, where its lines would reach had they been wrapped by
    the cell's width. Where a shaded header row shows the cells' edges, each cell's right
    edge less the padding its text keeps from the left one; otherwise the next column's text
    start less the cells' padding on both sides, which the column whose text comes closest to
    its neighbour's shows, and for the last column as far from the page's right edge as the
    table's text is from its left edge. Never left of where a column's text reaches."""
    reach: dict[int, float] = {}
    starts: dict[int, float] = {}
    for line in body:
        for word in line.words:
            column = columns.of(word)
            starts[column] = min(starts.get(column, word["x0"]), word["x0"])
            if column == len(columns.bounds) or word["x1"] < columns.bounds[column]:
                reach[column] = max(reach.get(column, 0.0), word["x1"])
    last = len(columns.bounds)
    if columns.cells:
        pads = [x - columns.cells[c][0] for c, x in starts.items()]
        padding = max(statistics.median(pads), 0.0) if pads else 0.0
        edges = [x1 - padding for _, x1 in columns.cells]
    else:
        gaps = [columns.bounds[c] - x for c, x in reach.items() if c < last]
        padding = min(max(min(gaps, default=3.0), 0.0), 15.0)
        mirrored = page_width - min((line.x0 for line in body), default=0.0)
        edges = [bound - padding for bound in columns.bounds] + [mirrored]
    return [max(edge, reach.get(c, 0.0)) for c, edge in enumerate(edges)]


def _header_alone(table: Any, chars: list[dict[str, Any]]) -> bool:
    """A found table that is only a header (shaded cells, over one row or two) with text
    below it."""
    if len(table.rows) > 2 or not any(c["top"] > table.bbox[3] for c in chars):
        return False
    rows = table.extract()
    header = find_table_header(rows, limit=1)
    return header is not None and header.row == len(rows)


def _column_edges(table: Any) -> list[tuple[float, float]]:
    """The left and right edge of each column of a found table, from all its cells (a
    header's upper cell may stand over several columns)."""
    edges = sorted(
        {round(x, 1) for row in table.rows for c in row.cells if c for x in (c[0], c[2])}
    )
    return list(zip(edges, edges[1:], strict=False))


def _furniture(line: Line, repeats: _Repeats) -> bool:
    return bool(_PAGE_NUMBER.match(line.text.strip())) or repeats(line)


def _without_edges(lines: list[Line], repeats: _Repeats, top: bool) -> list[Line]:
    """A table's lines without the page's footer (and, with `top`, its running header): up to
    two lines at the edge that stand apart from the table and are page numbers or repeat on
    other pages. A line inside the table that repeats elsewhere ("Ongoing") is kept."""

    def apart(line: Line, neighbour: Line) -> bool:
        height = neighbour.words[0]["bottom"] - neighbour.words[0]["top"]
        return abs(line.top - neighbour.top) > 1.8 * height and _furniture(line, repeats)

    start, end = 0, len(lines)
    while end - start > 1 and end > len(lines) - 2 and apart(lines[end - 1], lines[end - 2]):
        end -= 1
    while top and end - start > 1 and start < 2 and apart(lines[start], lines[start + 1]):
        start += 1
    return lines[start:end]


class _Repeats:
    """Whether a line is a running header or footer: one like it (its numbers masked, so that
    "Page 2 of 11" repeats) stands at about the same height on at least half the pages, two
    at least. A line of the plan that happens to read alike ("A second step for item 2.")
    stands elsewhere on most pages."""

    def __init__(self, pages: list[_Page]):
        places = ({_place(line) for line in page.lines} for page in pages)
        self.counts = Counter(key for keys in places for key in keys)
        self.pages = len(pages)

    def __call__(self, line: Line) -> bool:
        text, band = _place(line)
        count = sum(self.counts[(text, near)] for near in (band - 1, band, band + 1))
        return count > 1 and 2 * count >= self.pages


def _place(line: Line) -> tuple[str, int]:
    return _running(line.text), round(line.top / _BAND)


def _running(text: str) -> str:
    """A line with its page number masked ("Page 2 of 11", a number first or last), so a
    running header or footer repeats; other numbers stay ("item 11.", "PSI 07/2015")."""
    return _PAGE_NUMBERING.sub("#", " ".join(text.split()))


def _paragraph_groups(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines outside the tables, in groups close enough to be one paragraph."""
    groups: list[list[Line]] = []
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
