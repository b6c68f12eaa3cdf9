"""The six-column plan table, laid out page by page so that no row is ever too tall to print.

reportlab refuses a table row taller than the frame (LayoutError) and will not break a table
inside a row span; its `splitInRow` option does split rows, but not reliably across spans, and
published plans routinely carry one recommendation over two or three pages. So this module
paginates by hand: it measures each recommendation (its Rec No, text and decision spanning one
row per action), fills the page, and splits the recommendation that straddles the page break
paragraph by paragraph, line by line, into a head that fits and a tail that starts the next page
under "(continued)". Every page is drawn as a table with the numbered header on top.
Recommendations are turned into paragraphs only when their page is laid out, so memory stays
flat however long the plan is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from actionplans.exporters.pdf_style import FRAME_WIDTH, LIGHT_SHADE, RULE, SHADE, cell_text

Cell = list[Flowable]  # the paragraphs of one table cell

PAD = 4
MIN_SPLIT = 40  # points: less room than about three lines is not worth starting a row in
KEEP_WHOLE = 100  # points: an action row shorter than this moves to the next page whole
_SHARES = (58, 183, 72, 272, 108)  # Rec No, Recommendation, decision, response, owner
WIDTHS = (*_SHARES, FRAME_WIDTH - sum(_SHARES))  # target date takes what is left


@dataclass(frozen=True)
class Columns:
    """A table's column widths; the first `spanning` hold a block's cells that span its rows
    (the plan table's Rec No, Recommendation and decision), the rest one row each."""

    widths: tuple[float, ...] = WIDTHS
    spanning: int = 3

    @property
    def block(self) -> tuple[float, ...]:
        return self.widths[: self.spanning]

    @property
    def row(self) -> tuple[float, ...]:
        return self.widths[self.spanning :]


PLAN_COLUMNS = Columns()


@dataclass
class Block:
    """One recommendation as rows: its three cells spanning one row per action."""

    ref: str
    rec: list[Cell]  # Rec No, Recommendation, decision
    actions: list[list[Cell]]  # response, owners, target: one triple per action
    heading: Cell | None = None  # the section heading row above it, kept with it
    _sizes: tuple[Columns, list[float], float] | None = field(default=None, repr=False)

    def sizes(self, columns: Columns) -> tuple[list[float], float]:
        """The height of each action row and of the spanning cells, measured once: a block is
        measured to see whether it fits, then placed, and the table is laid out page by page
        as the frame asks (measuring the rows again each time was a tenth of a pack's time)."""
        if self._sizes is None or self._sizes[0] != columns:
            rows = [row_height(action, columns.row) for action in self.actions]
            self._sizes = (columns, rows, row_height(self.rec, columns.block))
        return self._sizes[1], self._sizes[2]


@dataclass
class _Placed:
    """A cell on a page: the columns and rows it spans (end exclusive) and its text."""

    cols: tuple[int, int]
    rows: tuple[int, int]
    cell: Cell


@dataclass
class _Page:
    columns: Columns = PLAN_COLUMNS
    heights: list[float] = field(default_factory=list)
    cells: list[_Placed] = field(default_factory=list)
    shaded: list[tuple[int, Color]] = field(default_factory=list)  # (row, fill)
    next_index: int = 0
    pending: Block | None = None
    last: bool = False

    @classmethod
    def under(cls, header: list[Cell], columns: Columns = PLAN_COLUMNS) -> _Page:
        page = cls(columns, heights=[row_height(header, columns.widths)], shaded=[(0, SHADE)])
        page.cells = [_Placed((col, col + 1), (0, 1), cell) for col, cell in enumerate(header)]
        return page

    def add(self, block: Block) -> None:
        top = len(self.heights)
        columns = self.columns
        if block.heading is not None:
            self.cells.append(_Placed((0, len(columns.widths)), (top, top + 1), block.heading))
            self.heights.append(cell_height(block.heading, FRAME_WIDTH))
            self.shaded.append((top, LIGHT_SHADE))
            top += 1
        rows, spanning = block.sizes(columns)
        heights = [*rows]
        heights[-1] += max(0.0, spanning - sum(heights))
        bottom = top + len(block.actions)
        self.cells += [_Placed((col, col + 1), (top, bottom), c) for col, c in enumerate(block.rec)]
        for row, action in enumerate(block.actions, top):
            self.cells += [
                _Placed((col, col + 1), (row, row + 1), cell)
                for col, cell in enumerate(action, columns.spanning)
            ]
        self.heights += heights

    @property
    def height(self) -> float:
        return sum(self.heights)


def cell_height(cell: Cell, width: float) -> float:
    """The height reportlab gives a cell of these paragraphs, padding included."""
    inner = width - 2 * PAD
    content = sum(f.wrap(inner, 1e9)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in cell)
    return content + 2 * PAD


def row_height(cells: list[Cell], widths: tuple[float, ...]) -> float:
    return max(cell_height(cell, width) for cell, width in zip(cells, widths, strict=True))


def block_height(block: Block, columns: Columns = PLAN_COLUMNS) -> float:
    heading = cell_height(block.heading, FRAME_WIDTH) if block.heading is not None else 0
    rows, spanning = block.sizes(columns)
    return heading + max(spanning, sum(rows))


def split_cell(cell: Cell, width: float, height: float) -> tuple[Cell, Cell]:
    """The paragraphs of `cell` that fit in `height` points, and the rest; a paragraph that
    straddles the limit is split between its lines, so no word is lost or clipped."""
    inner, room = width - 2 * PAD, height - 2 * PAD
    head: Cell = []
    for number, flowable in enumerate(cell):
        space = flowable.getSpaceBefore() + flowable.getSpaceAfter()  # as cell_height counts
        needed = flowable.wrap(inner, 1e9)[1] + space
        if needed <= room:
            head.append(flowable)
            room -= needed
            continue
        parts = flowable.split(inner, room - space) if room > space else []
        if len(parts) == 2:
            return [*head, parts[0]], [parts[1], *cell[number + 1 :]]
        return head, list(cell[number:])
    return head, []


def split_block(
    block: Block, room: float, columns: Columns = PLAN_COLUMNS
) -> tuple[Block, Block | None] | None:
    """A head of `block` at most `room` tall and the tail that continues on the next page;
    None when not even one line fits."""
    heading = cell_height(block.heading, FRAME_WIDTH) if block.heading is not None else 0
    space = room - heading
    rec_parts = [
        split_cell(cell, width, space) for cell, width in zip(block.rec, columns.block, strict=True)
    ]
    head_actions: list[list[Cell]] = []
    tail_actions: list[list[Cell]] = []
    used = 0.0
    rows, _ = block.sizes(columns)
    for number, (action, height) in enumerate(zip(block.actions, rows, strict=True)):
        if used + height <= space:
            head_actions.append(action)
            used += height
            continue
        parts = [
            split_cell(cell, width, space - used)
            for cell, width in zip(action, columns.row, strict=True)
        ]
        if (height > KEEP_WHOLE or not head_actions) and any(head for head, _ in parts):
            head_actions.append([head for head, _ in parts])
            tail_actions.append([tail for _, tail in parts])
        else:
            tail_actions.append(action)
        tail_actions += block.actions[number + 1 :]
        break
    if not head_actions and not any(head for head, _ in rec_parts):
        return None
    empty_row: list[Cell] = [[] for _ in columns.row]
    head = Block(block.ref, [h for h, _ in rec_parts], head_actions or [empty_row], block.heading)
    rec_tail = [t for _, t in rec_parts]
    if not tail_actions and not any(rec_tail):
        return head, None
    continued = [cell_text(block.ref, bold=True), cell_text("(continued)"), *rec_tail[0]]
    tail = Block(block.ref, [continued, *rec_tail[1:]], tail_actions or [empty_row])
    return head, tail


class PagedTable(Flowable):
    """The plan table from recommendation `start` on, printed a page at a time.

    `make_block(i)` builds recommendation i's paragraphs; it is called as pages are laid out.
    """

    def __init__(
        self,
        header: list[Cell],
        make_block: Callable[[int], Block],
        count: int,
        *,
        start: int = 0,
        pending: Block | None = None,
        columns: Columns = PLAN_COLUMNS,
    ) -> None:
        super().__init__()
        self.header, self.make_block, self.count = header, make_block, count
        self.columns = columns
        self.start, self.pending = start, pending
        # Each layout by the room it was given (the frame offers what is left of a page, then a
        # whole page) and the rest of the table after it: a document built in several passes
        # (the board pack, for its contents) then lays each page out once, not once a pass.
        self._laid_out: dict[float, _Page | None] = {}
        self._rest: dict[int, PagedTable] = {}
        self._last: _Page | None = None
        self._first: Block | None = None

    def _first_block(self) -> Block:
        """The block this part starts with, built and measured once: the frame first offers
        the few points left under the page before, then a whole page."""
        if self._first is None:
            self._first = self.make_block(self.start)
        return self._first

    def _layout(self, avail: float) -> _Page | None:
        if avail not in self._laid_out:
            self._laid_out[avail] = self._fill(avail)
        self._last = self._laid_out[avail]
        return self._last

    def _fill(self, avail: float) -> _Page | None:
        page = _Page.under(self.header, self.columns)
        index, pending = self.start, self.pending
        while True:
            if pending is None and index >= self.count:
                page.next_index, page.last = index, True
                return page
            if pending is not None:
                block = pending
            elif index == self.start:
                block = self._first_block()
            else:
                block = self.make_block(index)
            room = avail - page.height
            if block_height(block, self.columns) <= room:
                page.add(block)
                index, pending = index + (pending is None), None
                continue
            first = len(page.heights) == 1
            parts = split_block(block, room, self.columns) if room >= MIN_SPLIT or first else None
            left: Block | None = block
            if parts:
                page.add(parts[0])
                left = parts[1]
            elif first:
                return None
            # the next page starts with what is left, already measured
            page.next_index, page.pending = index + (pending is None), left
            return page

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        page = self._layout(availHeight)
        self.width = availWidth
        # Taller than the room left unless everything fits: the frame then calls split.
        self.height = page.height if page is not None and page.last else availHeight + 1
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        page = self._layout(availHeight)
        if page is None:
            return []
        if page.last:
            return [_PageTable(page)]
        if id(page) not in self._rest:
            self._rest[id(page)] = PagedTable(
                self.header,
                self.make_block,
                self.count,
                start=page.next_index,
                pending=page.pending,
                columns=self.columns,
            )
        return [_PageTable(page), self._rest[id(page)]]

    def draw(self) -> None:
        page = self._last
        if page is None:  # reportlab draws only what wrap or split laid out
            raise RuntimeError("a table part was drawn before it was laid out")
        draw_page(self.canv, page)


class _PageTable(Flowable):
    """One page of the table, laid out and measured already."""

    def __init__(self, page: _Page) -> None:
        super().__init__()
        self.page = page

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return FRAME_WIDTH, self.page.height

    def draw(self) -> None:
        draw_page(self.canv, self.page)


def draw_page(canvas: Canvas, page: _Page) -> None:
    """Draw a page of the table with its top-left corner at (0, page height).

    Straight onto the canvas rather than through a reportlab Table: the shading as
    rectangles, every cell's border in one path, and all the text in one text object.
    The result looks the same; a Table spent most of its time on per-cell bookkeeping
    (styles, spans, a saved graphics state and a text object per cell).
    """
    tops = [page.height]
    for height in page.heights:
        tops.append(tops[-1] - height)
    lefts = [0.0]
    for width in page.columns.widths:
        lefts.append(lefts[-1] + width)
    for row, fill in page.shaded:
        canvas.setFillColor(fill)
        canvas.rect(0, tops[row + 1], FRAME_WIDTH, page.heights[row], stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    grid = canvas.beginPath()
    text = canvas.beginText()
    for placed in page.cells:
        (first_col, end_col), (first_row, end_row) = placed.cols, placed.rows
        x, top = lefts[first_col], tops[first_row]
        grid.rect(x, tops[end_row], lefts[end_col] - x, top - tops[end_row])
        y = top - PAD
        for flowable in placed.cell:
            y -= flowable.getSpaceBefore()
            flowable.set_lines(text, x + PAD, y)
            y -= flowable.height + flowable.getSpaceAfter()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.drawPath(grid, stroke=1, fill=0)
    canvas.drawText(text)
