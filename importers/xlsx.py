"""An .xlsx/.xlsm package read straight from its XML, one pass per sheet, into plain values.

openpyxl's read-only mode builds an object per cell and per XML element; importing a plan needs
only each cell's value, the number format of date cells, merged ranges and formulas with no
saved value, all of which one expat pass over the sheet's XML gives at a fraction of the cost.
The parser keeps defusedxml's protections: entity declarations and external references raise
defusedxml's own exceptions, so a hostile part is refused whatever it is called.

Names are matched by local name (whatever the prefix: Excel writes none, other producers `x:`),
so transitional and strict SpreadsheetML read alike.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pyexpat import ParserCreate
from typing import IO, NoReturn

from defusedxml.common import EntitiesForbidden, ExternalReferenceForbidden

WORKBOOK_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
)
# Excel's built-in number formats that show a date or a time (ids 14-22 and 45-47); the other
# built-ins show numbers or text.
BUILTIN_FORMATS = {
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
}
EPOCH_1900 = datetime(1899, 12, 30)
EPOCH_1904 = datetime(1904, 1, 1)
CHUNK = 1 << 16
EXCEL_CELL_LIMIT = 32_767
# The grid a sheet becomes is as wide as its widest row for every row: a stray cell at
# XFD1048576 in a one-kilobyte file would make 17 billion. A plan of 20,000 rows is 200,000.
MAX_GRID_CELLS = 10_000_000
# Excel's own limits, and the grid's, checked while streaming before any row is padded: a
# 2 KB sheet with <row r="20000000"> or thousands of cells at column XFD is refused in
# milliseconds instead of growing a grid of gigabytes.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384


class CellTooLong(ValueError):
    """A text cell longer than Excel allows: a damaged or hand-made file."""

    def __init__(self, row: int, col: int, length: int):
        super().__init__(f"cell at row {row}, column {col} holds {length} characters")
        self.row, self.col, self.length = row, col, length


class GridTooLarge(ValueError):
    """A sheet whose cells spread over more rows and columns than any plan."""

    def __init__(self, rows: int, columns: int):
        super().__init__(f"the sheet reaches row {rows} and column {columns}")
        self.rows, self.columns = rows, columns


class _Enough(Exception):
    """Raised from a handler to stop parsing once the rows asked for are read."""


def _forbid_entities(name: str, *args: object) -> None:
    """Any entity declaration, parsed or not: Excel never writes one (billion laughs)."""
    raise EntitiesForbidden(name, None, None, None, None, None)


def _forbid_external(
    context: str, base: str | None, sysid: str | None, pubid: str | None
) -> NoReturn:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


_LOCAL: dict[str, str] = {}


def local(name: str) -> str:
    """An element's name without its prefix ("x:c" -> "c"), remembered: names repeat."""
    found = _LOCAL.get(name)
    if found is None:
        found = _LOCAL[name] = name.rpartition(":")[2]
    return found


def parse(source: IO[bytes], start, end=None, text=None) -> None:  # noqa: ANN001 - handlers
    """Run expat over `source` with defusedxml's guards and the given handlers.

    Handlers receive names as written; they compare `local(name)` (or, in the hot loops,
    `_LOCAL.get(name) or local(name)`, which saves a call per element). `_Enough` from a
    handler ends the parse early and quietly.
    """
    parser = ParserCreate()
    parser.buffer_text = True
    parser.EntityDeclHandler = _forbid_entities
    parser.UnparsedEntityDeclHandler = _forbid_entities
    parser.ExternalEntityRefHandler = _forbid_external
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        while chunk := source.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Enough:
        pass


def is_date_format(code: str) -> bool:
    """Whether a number format shows a date: a day, month or year token outside literals.

    "m" next to hours or seconds is minutes, so time-only formats ("h:mm", "mm:ss") are not
    dates; an action plan has no use for a time of day.
    """
    visible = []
    quoted = bracket = escaped = False
    for char in code.split(";")[0]:
        if escaped:
            escaped = False
        elif char in "\\_*":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "[":
            bracket = True
        elif char == "]":
            bracket = False
        elif not bracket:
            visible.append(char.lower())
    shown = "".join(visible)
    if "d" in shown or "y" in shown:
        return True
    return "m" in shown and "h" not in shown and "s" not in shown


def excel_date(serial: float, epoch: datetime) -> datetime:
    """The moment an Excel date serial stands for, to the millisecond.

    In the 1900 system Excel counts a 29 February 1900 that never was, so serials below 61
    are a day early against the usual epoch of 30 December 1899.
    """
    day, fraction = divmod(serial, 1)
    if epoch == EPOCH_1900 and 0 < serial < 60:
        day += 1
    return epoch + timedelta(days=day, milliseconds=round(fraction * 86_400_000))


@dataclass
class SheetData:
    """One sheet's cells: `rows[i][j]` is Excel row i+1, column j+1, all rows equally long."""

    rows: list[list[object]] = field(default_factory=list)
    date_formats: dict[tuple[int, int], str] = field(default_factory=dict)
    # (top, left, bottom, right) of each merged range, 1-based and inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    uncached_formulas: list[tuple[int, int]] = field(default_factory=list)
    # (row, column, text) of each error value such as #REF!: read as empty, reported
    error_cells: list[tuple[int, int, str]] = field(default_factory=list)


class RepeatedRow(ValueError):
    """Two <row> elements with one number: Excel never writes that; which one is meant?"""

    def __init__(self, row: int):
        super().__init__(f"row {row} appears twice")
        self.row = row


def _column(letters: str, cache: dict[str, int] = {}) -> int:  # noqa: B006 - a deliberate cache
    number = cache.get(letters)
    if number is None:
        number = 0
        for char in letters:
            number = number * 26 + ord(char) - 64
        cache[letters] = number
    return number


def _cell_ref(ref: str) -> tuple[int, int]:
    """(row, column) of a reference such as "AB12"."""
    ref = ref.upper()  # some producers write "a1"; Excel reads it as A1
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits), _column(ref[: len(ref) - len(digits)])


class _SheetReader:
    """expat handlers that turn a worksheet's XML into `SheetData`, cell by cell."""

    def __init__(
        self, strings: list[str], date_styles: dict[int, str], epoch: datetime, limit: int | None
    ):
        self.strings = strings
        self.date_styles = date_styles
        self.epoch = epoch
        self.limit = limit
        self.data = SheetData()
        self.cells: list[object] = []
        self.row = self.col = 0
        self.width = 0  # the widest row so far: the grid will be this wide
        self.kind = "n"
        self.style = 0
        self.value: str | None = None
        self.formula = False
        self.inline: list[str] | None = None
        self.phonetic = False
        self.text: list[str] | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = _LOCAL.get(name) or local(name)
        if name == "c":
            ref = attrs.get("r")
            if ref:
                self.col = _column(ref.rstrip("0123456789").upper())
            else:
                self.col += 1

            self.kind = attrs.get("t", "n")
            self.style = int(attrs.get("s", 0))
            self.value = None
            self.formula = False
            self.inline = None
        elif name == "v":
            self.text = []
        elif name == "t":
            if self.inline is not None and not self.phonetic:
                self.text = []
        elif name == "row":
            number = attrs.get("r")
            self.row = int(number) if number else self.row + 1
            if self.limit is not None and self.row > self.limit:
                raise _Enough
            self.cells = []
            self.col = 0
        elif name == "f":
            self.formula = True
        elif name == "is":
            self.inline = []
        elif name == "rPh":
            self.phonetic = True
        elif name == "mergeCell":
            first, _, last = attrs.get("ref", "").partition(":")
            if first:
                top, left = _cell_ref(first)
                bottom, right = _cell_ref(last or first)
                self.data.merged.append((top, left, bottom, right))

    def end(self, name: str) -> None:
        name = _LOCAL.get(name) or local(name)
        if name == "c":
            self.cell()
        elif name == "v":
            self.value = "".join(self.text)  # type: ignore[arg-type]
            self.text = None
        elif name == "t":
            if self.text is not None:
                self.inline.append("".join(self.text))  # type: ignore[union-attr]
                self.text = None
        elif name == "row":
            if not self.cells:  # formatting only: an empty row far down costs nothing
                return
            self.width = max(self.width, len(self.cells))
            if self.row > MAX_ROWS or self.row * self.width > MAX_GRID_CELLS:
                raise GridTooLarge(self.row, self.width)
            rows = self.data.rows
            while len(rows) < self.row - 1:
                rows.append([])
            if len(rows) < self.row:
                rows.append(self.cells)
            elif rows[self.row - 1]:  # a second row with this number: never silently dropped
                if self.cells:
                    raise RepeatedRow(self.row)
            else:  # rows written out of order: this one's place was left empty
                rows[self.row - 1] = self.cells
        elif name == "rPh":
            self.phonetic = False

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def cell(self) -> None:
        """Store the finished cell's value in the current row."""
        raw, kind = self.value, self.kind
        value: object = None
        if self.inline is not None:
            value = "".join(self.inline)
        elif not raw:
            if self.formula and kind != "str":
                self.data.uncached_formulas.append((self.row, self.col))
            return
        elif kind == "n":
            value = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
            date_format = self.date_styles.get(self.style)
            if date_format is not None:
                try:
                    value = excel_date(value, self.epoch)
                except (OverflowError, ValueError):  # beyond Excel's dates: keep the number
                    return self.put(value)
                self.data.date_formats[(self.row, self.col)] = date_format
        elif kind == "s":
            value = self.strings[int(raw)]
        elif kind == "b":
            value = raw.strip() in ("1", "true")
        elif kind == "d":
            value = datetime.fromisoformat(raw.strip())
            self.data.date_formats[(self.row, self.col)] = self.date_styles.get(
                self.style, "yyyy-mm-dd"
            )
        elif kind == "e":  # #REF!, #N/A...: no value a plan can use, so empty and reported
            self.data.error_cells.append((self.row, self.col, raw.strip()))
            return
        else:  # "str" (a formula's text)
            value = raw
        self.put(value)

    def put(self, value: object) -> None:
        if value.__class__ is str and len(value) > EXCEL_CELL_LIMIT:
            raise CellTooLong(self.row, self.col, len(value))
        cells, col = self.cells, self.col
        if col > MAX_COLUMNS:  # checked before the row is padded out to it
            raise GridTooLarge(self.row, col)
        if col > len(cells):
            cells.extend([None] * (col - 1 - len(cells)))
            cells.append(value)
        else:
            cells[col - 1] = value

    def finish(self) -> SheetData:
        rows = self.data.rows
        if self.limit is not None:
            del rows[self.limit :]
        width = max(map(len, rows), default=0)
        if len(rows) * width > MAX_GRID_CELLS:
            raise GridTooLarge(len(rows), width)
        for row in rows:
            if len(row) < width:
                row.extend([None] * (width - len(row)))
        return self.data


class Package:
    """An open workbook package: sheet names and parts, shared strings and date styles."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.members = {name.lower(): name for name in archive.namelist()}
        workbook = self._workbook_part()
        relations = self._relations(workbook)
        self.sheets: dict[str, str] = {}
        self.hidden: set[str] = set()  # sheets whose state is "hidden" or "veryHidden"
        self.epoch = EPOCH_1900

        def start(name: str, attrs: dict[str, str]) -> None:
            name = local(name)
            if name == "sheet":
                rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), "")
                if rid in relations:
                    self.sheets[attrs.get("name", "")] = relations[rid][1]
                    if attrs.get("state", "visible") != "visible":
                        self.hidden.add(attrs.get("name", ""))
            elif name == "workbookPr" and attrs.get("date1904", "0").lower() in ("1", "true"):
                self.epoch = EPOCH_1904

        with self.open(workbook) as source:
            parse(source, start)
        by_type = {kind.rpartition("/")[2]: target for kind, target in relations.values()}
        self._strings_part = by_type.get("sharedStrings")
        self._styles_part = by_type.get("styles")
        self._strings: list[str] | None = None
        self._date_styles: dict[int, str] | None = None

    def open(self, part: str) -> IO[bytes]:
        """A part of the package by name, whatever the case of its letters."""
        return self.archive.open(self.members.get(part.lower(), part))

    def has(self, part: str) -> bool:
        return part.lower() in self.members

    def _workbook_part(self) -> str:
        """The workbook's part as [Content_Types].xml declares it (xl/workbook.xml usually)."""
        found: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            if local(name) == "Override" and attrs.get("ContentType") in WORKBOOK_TYPES:
                found.append(attrs.get("PartName", "").lstrip("/"))

        with self.open("[Content_Types].xml") as source:
            parse(source, start)
        part = found[0] if found else "xl/workbook.xml"
        if not self.has(part):
            raise ValueError("the package holds no workbook part")
        return part

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type, target part name)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        relations: dict[str, tuple[str, str]] = {}

        def start(name: str, attrs: dict[str, str]) -> None:
            if local(name) == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                if target.startswith("/"):
                    target = target.lstrip("/")
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
                relations[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

        if self.has(rels):
            with self.open(rels) as source:
                parse(source, start)
        return relations

    @property
    def strings(self) -> list[str]:
        """The shared string table, plain text (rich-text runs joined, phonetic runs left out)."""
        if self._strings is None:
            self._strings = []
            if self._strings_part and self.has(self._strings_part):
                with self.open(self._strings_part) as source:
                    self._strings = _read_strings(source)
        return self._strings

    @property
    def date_styles(self) -> dict[int, str]:
        """Cell style index -> number format, for the styles that show a date."""
        if self._date_styles is None:
            self._date_styles = {}
            if self._styles_part and self.has(self._styles_part):
                with self.open(self._styles_part) as source:
                    self._date_styles = _read_date_styles(source)
        return self._date_styles

    def read_sheet(self, name: str, limit: int | None = None) -> SheetData:
        """Sheet `name`'s first `limit` rows (all when None), with merges and uncached formulas."""
        reader = _SheetReader(self.strings, self.date_styles, self.epoch, limit)
        part = self.sheets[name]
        if self.has(part):
            with self.open(part) as source:
                parse(source, reader.start, reader.end, reader.chars)
        return reader.finish()


def _read_strings(source: IO[bytes]) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    text: list[str] | None = None
    phonetic = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal text, phonetic
        name = _LOCAL.get(name) or local(name)
        if name == "t" and not phonetic:
            text = []
        elif name == "si":
            parts.clear()
        elif name == "rPh":
            phonetic = True

    def end(name: str) -> None:
        nonlocal text, phonetic
        name = _LOCAL.get(name) or local(name)
        if name == "t" and text is not None:
            parts.append("".join(text))
            text = None
        elif name == "si":
            # As openpyxl does: an escaped underscore "_x005F_" reads as a plain one.
            strings.append("".join(parts).replace("x005F_", ""))
        elif name == "rPh":
            phonetic = False

    def chars(data: str) -> None:
        if text is not None:
            text.append(data)

    parse(source, start, end, chars)
    return strings


def _read_date_styles(source: IO[bytes]) -> dict[int, str]:
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    section = ""

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal section
        name = local(name)
        if name == "numFmt" and section == "numFmts":
            codes[int(attrs.get("numFmtId", -1))] = attrs.get("formatCode", "")
        elif name == "xf" and section == "cellXfs":
            styles.append(int(attrs.get("numFmtId", 0)))
        elif name in ("numFmts", "cellXfs", "cellStyleXfs", "dxfs"):
            section = name

    def end(name: str) -> None:
        nonlocal section
        if local(name) == section:
            section = ""

    parse(source, start, end)
    return {
        index: codes[number]
        for index, number in enumerate(styles)
        if number in codes and is_date_format(codes[number])
    }
