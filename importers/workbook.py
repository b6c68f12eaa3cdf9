"""Spreadsheet files (.xlsx, .xlsm, .xls, .csv) opened safely into plain grids of cell values.

Everything after this module works on a `Grid`: rows of plain values plus the few facts about
cells that change their meaning (a date cell's number format, merged ranges, formulas with no
saved value). Every check that a file can be read at all lives here, before anything is
decompressed or parsed past a sane bound, so a hostile file costs little and says why.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from actionplans.importers.xlsx import (
    EXCEL_CELL_LIMIT,
    MAX_GRID_CELLS,
    MAX_ROWS,
    CellTooLong,
    GridTooLarge,
    Package,
    RepeatedRow,
)
from actionplans.storage.errors import BadInput

# A real action plan is a few hundred kilobytes; 15,000 rows of text unpack to about 15 MB.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_FILE = 50 * 1024 * 1024
HEAD_ROWS = 30
SNIFF = 4096  # characters of whole lines the dialect sniffer sees

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ENCRYPTED = "this workbook is encrypted: open it in Excel and save it without a password"


@dataclass(frozen=True)
class CellRange:
    """A merged range, 1-based and inclusive, as Excel numbers rows and columns."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class Grid:
    """One sheet as plain values: `rows[i][j]` is Excel row i+1, column j+1.

    Values are str, int, float, bool, datetime or None. Only date cells keep their number
    format (`date_formats[(row, col)]`, 1-based), because only there does it change meaning.
    """

    name: str
    rows: list[list[object]] = field(default_factory=list)
    date_formats: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[CellRange] = field(default_factory=list)
    uncached_formulas: list[tuple[int, int]] = field(default_factory=list)
    error_cells: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, "#REF!")


def column_letter(index: int) -> str:
    """Excel column letters of a 1-based column number."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _too_long(path: Path, sheet: str, row: int, col: int, length: int) -> BadInput:
    return BadInput(
        f"{path.name}: sheet '{sheet}', cell {column_letter(col)}{row} holds "
        f"{length:,} characters, more than Excel's limit of 32,767; "
        "the file is damaged or was not made by a spreadsheet."
    )


def _too_large(path: Path, sheet: str, rows: int, columns: int) -> BadInput:
    return BadInput(
        f"{path.name}: sheet '{sheet}' reaches as far as cell {column_letter(columns)}{rows}, "
        "far beyond any action plan; delete the stray cells outside the table "
        "(or copy the table into a new workbook) and import again."
    )


def _check_length(path: Path, sheet: str, row: int, col: int, value: object) -> None:
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        raise _too_long(path, sheet, row, col, len(value))


class Workbook:
    """An open spreadsheet file: its sheet names, and each sheet read as a `Grid` on demand."""

    def __init__(self, path: Path):
        self.path = path
        self.sheet_names: list[str] = []

    def read(self, name: str, limit: int | None = None) -> Grid:
        """Sheet `name` as a grid of its first `limit` rows (all rows when None)."""
        raise NotImplementedError

    def is_hidden(self, name: str) -> bool:
        """Whether sheet `name` is hidden from the person who opens the workbook."""
        return False

    def close(self) -> None:
        """Release the file."""

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class XlsxBook(Workbook):
    """.xlsx/.xlsm read straight from the package's XML (`importers.xlsx`): one expat pass per
    sheet gives values, date formats, merged ranges and uncached formulas together, several
    times faster than openpyxl's read-only cells, with the same defusedxml guards."""

    def __init__(self, path: Path):
        super().__init__(path)
        self._zip = _open_zip(path)
        try:
            self._package = Package(self._zip)
        except Exception as error:  # a broken package fails in many ways; all say the same
            self._zip.close()
            raise _unreadable(path, error) from error
        self.sheet_names = list(self._package.sheets)

    def read(self, name: str, limit: int | None = None) -> Grid:
        try:
            data = self._package.read_sheet(name, limit)
        except CellTooLong as error:
            raise _too_long(self.path, name, error.row, error.col, error.length) from None
        except GridTooLarge as error:
            raise _too_large(self.path, name, error.rows, error.columns) from None
        except RepeatedRow as error:
            raise BadInput(
                f"{self.path.name}: sheet '{name}', row {error.row} appears twice in the file "
                "(Excel never writes that); open it in Excel and save it again."
            ) from None
        except Exception as error:
            raise _unreadable(self.path, error, name) from error
        merged = [CellRange(*corners) for corners in data.merged]
        return Grid(
            name, data.rows, data.date_formats, merged, data.uncached_formulas, data.error_cells
        )

    def is_hidden(self, name: str) -> bool:
        return name in self._package.hidden

    def close(self) -> None:
        self._zip.close()


class XlsBook(Workbook):
    """The old binary .xls through xlrd, with formatting so merges and date formats survive."""

    def __init__(self, path: Path):
        super().__init__(path)
        import xlrd

        try:
            # xlrd writes its warnings about damaged records to stdout unless given a log.
            self._book = xlrd.open_workbook(
                str(path),
                formatting_info=True,
                on_demand=True,
                logfile=io.StringIO(),
                verbosity=0,
            )
        except xlrd.biffh.XLRDError as error:
            if "encrypt" in str(error).lower():
                raise BadInput(f"{path.name}: {ENCRYPTED}.") from error
            raise _unreadable(path, error) from error
        except Exception as error:
            raise _unreadable(path, error) from error
        self.sheet_names = self._book.sheet_names()

    def read(self, name: str, limit: int | None = None) -> Grid:
        try:
            return self._read(name, limit)
        except BadInput:
            raise
        except Exception as error:  # xlrd reads a sheet lazily and fails in many ways
            raise _unreadable(self.path, error, name) from error

    def _read(self, name: str, limit: int | None) -> Grid:
        import xlrd

        sheet = self._book.sheet_by_name(name)
        grid = Grid(name)
        rows = sheet.nrows if limit is None else min(limit, sheet.nrows)
        if rows * sheet.ncols > MAX_GRID_CELLS:
            raise _too_large(self.path, name, rows, sheet.ncols)
        for r in range(rows):
            values: list[object] = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                value: object = cell.value
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(cell.value, self._book.datemode)
                    xf = self._book.xf_list[cell.xf_index]
                    grid.date_formats[(r + 1, c + 1)] = self._book.format_map[
                        xf.format_key
                    ].format_str
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(cell.value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    error = xlrd.error_text_from_code.get(cell.value, "#ERROR")
                    grid.error_cells.append((r + 1, c + 1, error))
                    value = None
                _check_length(self.path, name, r + 1, c + 1, value)
                values.append(value)
            grid.rows.append(values)
        for top, bottom, left, right in sheet.merged_cells:
            grid.merged.append(CellRange(top + 1, left + 1, bottom, right))
        return grid

    def is_hidden(self, name: str) -> bool:
        try:
            return bool(self._book.sheet_by_name(name).visibility)
        except Exception:  # a sheet too damaged to load is not the one to choose
            return True

    def close(self) -> None:
        self._book.release_resources()


class CsvBook(Workbook):
    """A real CSV file: one sheet, named after the file; encoding and delimiter sniffed."""

    def __init__(self, path: Path, data: bytes):
        super().__init__(path)
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode Text" is UTF-16 with a byte order mark, often renamed .csv.
            try:
                data = data.decode("utf-16").encode("utf-8")
            except UnicodeDecodeError as error:
                raise BadInput(f"{path.name}: this UTF-16 text file is damaged.") from error
        nul = data.find(b"\x00")
        if nul >= 0:
            line = data.count(b"\n", 0, nul) + 1
            raise BadInput(
                f"{path.name}: this is not a text CSV file (line {line} holds binary data); "
                "save the spreadsheet as .xlsx or as CSV from Excel."
            )
        self._text = _decode(data)
        self.sheet_names = [path.stem]

    def read(self, name: str, limit: int | None = None) -> Grid:
        grid = Grid(name)
        reader = csv.reader(io.StringIO(self._text, newline=""), self._dialect())
        try:
            for number, record in enumerate(reader, 1):
                if limit is not None and number > limit:
                    break
                if number > MAX_ROWS:
                    raise BadInput(
                        f"{self.path.name}: this CSV file has more than {MAX_ROWS:,} rows, "
                        "more than Excel holds and far more than any action plan."
                    )
                for col, value in enumerate(record, 1):
                    _check_length(self.path, name, number, col, value)
                grid.rows.append([value if value.strip() else None for value in record])
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise BadInput(
                    f"{self.path.name}: line {reader.line_num} holds a cell of more than "
                    f"{csv.field_size_limit():,} characters, far more than the 32,767 Excel "
                    "allows (a quote may be missing); check the file in Excel."
                ) from error
            raise BadInput(
                f"{self.path.name}: this CSV file cannot be read at line {reader.line_num} "
                f"({error})."
            ) from error
        return grid

    def _dialect(self) -> type[csv.Dialect] | csv.Dialect:
        """The sniffed dialect; when the sniffer cannot tell (a title line above few rows
        defeats it), the first of comma, semicolon and tab that splits out a plan header."""
        from actionplans.importers.headers import find_header

        sample = self._text[:65536]
        try:
            # The sniffer's regular expressions are quadratic on some text (64 KB of '\n,"'
            # took 40 s): it sees whole lines from the first few kilobytes only.
            lines = (
                sample[:SNIFF]
                if len(sample) <= SNIFF
                else sample[: sample.rfind("\n", 0, SNIFF) + 1]
            )
            return csv.Sniffer().sniff(lines or sample[:SNIFF], ",;\t")
        except csv.Error:
            pass
        for delimiter in ",;\t":
            dialect = _delimited(delimiter)
            try:
                records = csv.reader(io.StringIO(sample, newline=""), dialect)
                head = list(itertools.islice(records, HEAD_ROWS))
            except csv.Error:
                continue
            if find_header(head):
                return dialect
        return csv.excel


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark); else line by line, UTF-8 where it is and
    the Windows code page Excel saves "CSV" in where not, so a file pasted together from both
    keeps its "”" instead of a replacement character."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    return "\n".join(_decode_line(line) for line in lines)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _delimited(delimiter: str) -> type[csv.Dialect]:
    return type("Delimited", (csv.excel,), {"delimiter": delimiter})


def _open_zip(path: Path) -> zipfile.ZipFile:
    """The workbook's zip package, refused before unpacking when it would unpack too large.

    zipfile never inflates a member past its declared size (it stops and fails the CRC), so
    bounding the declared sizes bounds the memory a zip bomb can take.
    """
    try:
        package = zipfile.ZipFile(path)
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as error:  # RuntimeError: v13.6
        raise _unreadable(path, error) from error
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        package.close()
        raise BadInput(
            f"{path.name}: this workbook would unpack to {unpacked // 2**20:,} MB, far more "
            "than any action plan; refusing to open it (it may be a zip bomb)."
        )
    if any(member.flag_bits & 0x1 for member in members):
        package.close()
        raise BadInput(f"{path.name}: {ENCRYPTED}.")
    return package


def _unreadable(path: Path, error: BaseException, sheet: str | None = None) -> BadInput:
    """One plain sentence for a workbook the libraries could not read.

    A library may wrap the parser's error in its own, so the whole chain of causes is looked at.
    """
    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    names = {type(e).__name__ for e in chain}
    where = f" (sheet '{sheet}')" if sheet else ""
    if names & {"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden"}:
        return BadInput(
            f"{path.name}: this workbook contains XML entity declarations, which Excel "
            "never writes; refusing to read it (it may be an entity-expansion attack)."
        )
    if any(isinstance(e, zipfile.BadZipFile | EOFError | zlib.error) for e in chain):
        return BadInput(
            f"{path.name}: this workbook is damaged or incomplete (its zip package cannot be "
            "read); ask for the file again or open and re-save it in Excel."
        )
    return BadInput(
        f"{path.name}{where}: this file cannot be read as a spreadsheet (it may be damaged); "
        "open it in Excel and save it again as .xlsx."
    )


def file_head(path: Path) -> bytes:
    """The first bytes of a file about to be read, which say what it really is, once it is
    known to open, to hold something and not to be far larger than any action plan."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise BadInput(f"{path.name}: cannot open this file ({error.strerror}).") from error
    if size == 0:
        raise BadInput(f"{path.name}: the file is empty.")
    if size > MAX_FILE:
        raise BadInput(
            f"{path.name}: the file is {size // 2**20:,} MB, far larger than any action plan; "
            "refusing to read it."
        )
    return head


def open_workbook(path: Path) -> Workbook:
    """Open a spreadsheet file by what it is, not what it is called, after every safety check.

    A CSV renamed .xlsx, an encrypted workbook (an OLE file holding an EncryptedPackage), a
    truncated zip and an oversized file each raise BadInput with the reason.
    """
    path = Path(path)
    head = file_head(path)
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if ENCRYPTED_STREAM in data:
            raise BadInput(f"{path.name}: {ENCRYPTED}.")
        return XlsBook(path)  # also an old .xls saved under a new name
    if head.startswith(ZIP_MAGIC):
        if suffix == ".csv":
            raise BadInput(
                f"{path.name}: this is an Excel workbook named .csv; rename it to .xlsx."
            )
        return XlsxBook(path)
    if suffix in (".xlsx", ".xlsm", ".xls"):
        kind = "a text or CSV file" if _looks_like_text(path) else "not a spreadsheet"
        raise BadInput(
            f"{path.name}: this file is not an Excel workbook (it is {kind} named "
            f"{suffix}); save it from Excel as .xlsx, or rename a CSV file to .csv."
        )
    return CsvBook(path, path.read_bytes())


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"\x00" not in handle.read(4096)
