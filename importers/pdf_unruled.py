"""A PDF plan table drawn without ruling lines (a Word table with its borders removed, then
printed), read into rows of cells from where its words stand.

The columns are found from the header row's words: the header is the line (or lines) whose
groups of words read as the six columns by meaning (importers/headers.py), and the boundary
between two columns is just left of where the next column's text starts (`columns_of`). Every
word below is placed in the column it stands in. A table row starts at a line with text in the
Rec No column (unless the row so far is that column's text alone); lines above the first such
line on a page are the row carried over from the page before (joined by the template's
page-break rules). A line whose words run across a column boundary is a row of one cell (a
section heading or a notice across the table). The header repeated on a page is a header row,
as in a ruled table. A header over two rows ("Response" over "Action | Owner | Target date")
gives the grid both rows, so the spec's rule in importers/headers.py reads it as it reads a
sheet's.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from actionplans.importers import headers
from actionplans.importers.headers import is_header, read_header, role_of

_HEADER_LINES = 3  # lines that must hold every header cell's first words
_HEADER_WRAPS = 6  # further lines a header cell's words may wrap over
_SLACK = 2.0  # points: how far a word may start left of its column's text edge
_ROW_GAP = 3.0  # lines: how far below the header a second header row may start (padded cells)

Span = tuple[float, float, list[dict[str, Any]]]  # left, right and words of a header cell


@dataclass
class Columns:
    """Where a table's columns stand on the page: `bounds[i]` is the x between column i and
    i + 1; `ref` is the Rec No column; `cells`, each column's left and right edge where a
    shaded header row shows them."""

    bounds: list[float]
    ref: int
    cells: list[tuple[float, float]] = field(default_factory=list)

    def of(self, word: dict[str, Any]) -> int:
        return bisect.bisect_right(self.bounds, (word["x0"] + word["x1"]) / 2)

    def crossed(self, words: list[dict[str, Any]]) -> bool:
        """Whether a word stands across a boundary (text running across the table)."""
        return any(w["x0"] < bound < w["x1"] for w in words for bound in self.bounds)


def phrases(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A line's words in groups split where the gap is wider than a space: the text of one
    cell stands apart from the next cell's by the cells' padding."""
    groups: list[list[dict[str, Any]]] = []
    for word in words:
        height = word["bottom"] - word["top"]
        if groups and word["x0"] - groups[-1][-1]["x1"] <= 0.8 * height:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _spans(lines: list[Any]) -> list[Span]:
    """The lines' phrases merged where they overlap across lines: one span per header cell."""
    spans: list[Span] = []
    groups = sorted(
        (group for line in lines for group in phrases(line.words)), key=lambda g: g[0]["x0"]
    )
    for group in groups:
        x0, x1 = group[0]["x0"], max(word["x1"] for word in group)
        if spans and x0 <= spans[-1][1]:
            left, right, words = spans[-1]
            spans[-1] = (left, max(right, x1), words + group)
        else:
            spans.append((x0, x1, list(group)))
    return spans


def _cell_text(words: list[dict[str, Any]]) -> str:
    return " ".join(w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])))


@dataclass
class HeaderBand:
    """The lines of a page that hold the plan's header: `lines[first:end]`; `spans`, where
    each column's header text stands; `rows`, the header as grid rows (top, one value per
    column): one row, or two for a header over two rows, the upper cell over several columns
    given in the first of them as a merged cell is; `ref`, the Rec No column; `known`, the
    texts of its first row, by which it is found again on a later page."""

    first: int
    end: int
    spans: list[Span]
    rows: list[tuple[float, list[str | None]]]
    ref: int
    known: list[str]


def find_header(lines: list[Any], known: list[str] | None) -> HeaderBand | None:
    """The first band of lines on a page that reads as the plan's header row, or None.
    `known` is the header found on an earlier page: repeated, it ends where that one ended.
    A second header row under it ("Action | Owner | Target date" under "Response") is taken
    in by the spec's rule (docs/plan-json.md, "A header over two rows"; importers/headers.py).
    """
    for first in range(len(lines)):
        for last in range(first + 1, min(first + _HEADER_LINES, len(lines)) + 1):
            band = lines[first:last]
            if last > first + 1 and not _close(band[-2], band[-1]):
                break
            texts = [_cell_text(words) for _, _, words in _spans(band)]
            if len(texts) >= 3 and is_header(read_header(1, texts)):
                # a second row straight under these lines, else under the lines that finish
                # the header's wrapped cells ("Rec" over "No")
                for end in (last, _header_end(lines, first, last, known)):
                    one = _band(lines, first, end)
                    two = _with_lower_row(lines, one)
                    if two is not None:
                        return two
                return one
    return None


def _band(lines: list[Any], first: int, end: int) -> HeaderBand:
    """The header of one row standing in `lines[first:end]`."""
    spans = _spans(lines[first:end])
    texts = [_cell_text(words) for _, _, words in spans]
    ref = read_header(1, texts).columns.get("ref", 0)
    return HeaderBand(first, end, spans, [(lines[first].top, list(texts))], ref, texts)


def _with_lower_row(lines: list[Any], upper: HeaderBand) -> HeaderBand | None:
    """The header over two rows, when the lines just below the header name columns that its
    cells only group: an upper cell standing over lower ones is a group's name ("Response"),
    the others stand alone (vertically merged). The fewest lines that make the second row
    are taken (more when its cells wrap: "Responsible" over "Owner"), so the first line of a
    row carried over from the page before stays in the table. None when the lines below are
    not a second header row (the table's first row, its Rec No included)."""
    end = upper.end
    if end >= len(lines) or not _close(lines[end - 1], lines[end], _ROW_GAP):
        return None
    for last in range(end + 1, min(end + _HEADER_LINES, len(lines)) + 1):
        if last > end + 1 and not _close(lines[last - 2], lines[last - 1]):
            break
        two = _two_rows(lines, upper, end, last)
        if two is not None:
            return two
    return None


def _two_rows(lines: list[Any], upper: HeaderBand, end: int, last: int) -> HeaderBand | None:
    """The header with `lines[end:last]` as its second row, if the spec's rule reads the two
    as one header (importers/headers.py). A phrase there under an upper cell of the same
    meaning finishes that cell ("Rec" over "No" beside "Action | Owner")."""
    cells = list(upper.spans)  # the upper cells, growing by their wrapped words
    lower: list[Span] = []
    for span in _spans(lines[end:last]):
        role = role_of(_cell_text(span[2]))
        above = [index for index, cell in enumerate(cells) if _overlap(cell, span)]
        if role is None:
            return None
        if len(above) == 1 and role_of(_cell_text(cells[above[0]][2])) == role:
            left, right, words = cells[above[0]]
            cells[above[0]] = (left, max(right, span[1]), words + span[2])
        else:
            lower.append(span)
    if not lower or any(role_of(_cell_text(span[2])) == "ref" for span in lower):
        return None
    kept = [span for span in cells if not any(_overlap(span, below) for below in lower)]
    spans = sorted(kept + lower, key=lambda span: span[0])
    top_row: list[str | None] = []
    given: list[Span] = []  # each group's name stands in the first column under it
    for span in spans:
        over = [a for a in cells if a not in kept and a not in given and _overlap(a, span)]
        given += over[:1]
        cell = span if span in kept else over[0] if over else None
        top_row.append(_cell_text(cell[2]) if cell else None)
    low_row = [None if span in kept else _cell_text(span[2]) for span in spans]
    header = headers.find_header([top_row, low_row], limit=1)
    if header is None or not header.top:
        return None
    rows = [(lines[upper.first].top, top_row), (lines[end].top, low_row)]
    return HeaderBand(upper.first, last, spans, rows, header.columns.get("ref", 0), upper.known)


def _overlap(one: Span, other: Span) -> bool:
    return one[0] <= other[1] and other[0] <= one[1]


def _close(above: Any, below: Any, gap: float = 1.8) -> bool:
    """Lines of one paragraph or cell: no wider apart than one and a half lines (or `gap`
    lines: the rows of one header, each padded)."""
    height = above.words[0]["bottom"] - above.words[0]["top"]
    return below.top - above.top <= gap * height


def _header_end(lines: list[Any], first: int, last: int, known: list[str] | None) -> int:
    """The header's band extended over the lines that finish its wrapped cells ("Rec" over
    "No"): close below it, each word group within one header cell, none in the Rec No
    column reading as the first row's ref; a header repeated on a later page as far as the
    known header's words go, so the first line of a row carried over is not taken in."""
    spans = _spans(lines[first:last])
    bounds = [b[0] for b in spans[1:]]  # where each next header cell starts
    texts = [_cell_text(words) for _, _, words in spans]
    header = read_header(1, texts)
    ref = header.columns.get("ref", 0)
    while last < len(lines) and last < first + _HEADER_LINES + _HEADER_WRAPS:
        line = lines[last]
        if not _close(lines[last - 1], line):
            break
        groups = phrases(line.words)
        if any(g[0]["x0"] < b - _SLACK < g[-1]["x1"] for g in groups for b in bounds):
            break
        in_ref = [g for g in groups if bisect.bisect_right(bounds, g[0]["x0"]) == ref]
        if any(role_of(_cell_text(g)) is None for g in in_ref):
            break  # a Rec No ("1"), not the header's "No": the first row
        if known and not _within(lines[first : last + 1], known):
            break
        last += 1
    return last


def _within(band: list[Any], known: list[str]) -> bool:
    """Whether every cell of a band of lines begins the same header cell as known."""
    texts = [_cell_text(words) for _, _, words in _spans(band)]
    return len(texts) == len(known) and all(
        k.startswith(t) for t, k in zip(texts, known, strict=True)
    )


def columns_of(header: HeaderBand, body: list[Any]) -> Columns:
    """The column boundaries: just left of where the next column's text starts. Between two
    header cells, that is the x where the most lines of the table have a cell's text start
    (a left-aligned cell's lines all start at its left edge, apart from the text before it)
    less the words that cross it (only a heading across the table runs over a boundary);
    the next header cell's start is a candidate too (a centred column under a left-aligned
    header)."""
    spans = header.spans
    words = [w for line in body for w in line.words]
    lefts, rights = sorted(w["x0"] for w in words), sorted(w["x1"] for w in words)
    leading = [group[0]["x0"] for line in body for group in phrases(line.words)]
    bounds: list[float] = []
    for (_, left_end, _), (right_start, _, _) in zip(spans, spans[1:], strict=False):
        starts = Counter(round(x) for x in leading if left_end < x <= right_start + _SLACK)
        starts[round(right_start)] += 0

        def crossing(edge: float) -> int:
            """Words with x0 < x < x1: those starting left of x less those ending by it."""
            x = edge - _SLACK / 2
            return bisect.bisect_left(lefts, x) - bisect.bisect_right(rights, x)

        edge = min(starts, key=lambda x: (crossing(x) - starts[x], -x))
        # where the text starting there truly starts, not rounded: the text's edge shows
        # how wide the column before it is
        exact = min((x for x in leading if round(x) == edge), default=float(edge))
        bounds.append(min(exact, right_start) - _SLACK / 2)
    return Columns(bounds, header.ref)


def _beyond_ref(row: list[list[dict[str, Any]]], ref: int) -> bool:
    """Whether a row has text outside its Rec No column: until it has, a line with text in
    that column finishes the wrapped cell ("Partly" over "Agreed") rather than starting a
    row, as a row's cells all start on its first line."""
    return any(words for column, words in enumerate(row) if column != ref)


def body_rows(lines: list[Any], columns: Columns) -> list[tuple[float, list[list[dict[str, Any]]]]]:
    """The table's rows below its header on one page: (top, each column's words). A row of
    one cell (a heading across the table) has all its words in the first column."""
    rows: list[tuple[float, list[list[dict[str, Any]]]]] = []
    width = len(columns.bounds) + 1
    current: list[list[dict[str, Any]]] | None = None
    for line in lines:
        if columns.crossed(line.words):
            rows.append((line.top, [list(line.words)] + [[] for _ in range(width - 1)]))
            current = None
            continue
        cells: list[list[dict[str, Any]]] = [[] for _ in range(width)]
        for word in line.words:
            cells[columns.of(word)].append(word)
        if current is None or (cells[columns.ref] and _beyond_ref(current, columns.ref)):
            current = [[] for _ in range(width)]
            rows.append((line.top, current))
        for column, words in enumerate(cells):
            current[column].extend(words)
    return rows
