"""Word (.docx), OpenDocument (.odt, .ods) and PDF files opened as the same grids of cells that
spreadsheets give, so one set of reading rules (importers/template.py) reads a plan in any form.

A document becomes one grid: each paragraph outside a table is a row with its text in the first
cell (so the paragraphs above the plan's table are the lines above the header), and each table
row is a row of cells, a merged cell given once with its merged range. Each row remembers where
it came from ("table 2, row 5", "page 3, row 4") so that findings point into the document as
the person sees it, not at a spreadsheet row that does not exist.

Every file is checked before it is unpacked past a sane bound: the zip package's declared size
and number of entries (as for .xlsx), a PDF's pages and characters.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

from actionplans.importers.workbook import (
    OLE_MAGIC,
    ZIP_MAGIC,
    CellRange,
    Grid,
    Workbook,
    _looks_like_text,
    _open_zip,
    file_head,
    open_workbook,
)
from actionplans.storage.errors import BadInput

DOCUMENT_SUFFIXES = (".docx", ".odt", ".ods", ".pdf")
PDF_MAGIC = b"%PDF-"
MAX_ENTRIES = 5_000  # a Word or OpenDocument file has tens of parts; a zip of thousands is not one
MAX_COLUMNS = 1_024  # no plan table is wider; a document claiming more is damaged or hostile
MAX_ROWS = 200_000
MAX_CHARACTERS = 50_000_000  # text in one document: a 5,000-item plan holds about 5 million

# Who made a workbook: this program writes itself as its author, and Excel and LibreOffice keep
# the author when a person saves the file again; a table pasted into a new workbook has the
# person's name there.
THIS_PROGRAM = "actionplans"
_CORE_PROPERTIES = "docProps/core.xml"
_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_MAX_PROPERTIES = 64 * 1024  # bytes: the core properties are a few hundred

ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
NAMES = {
    ".docx": "Word document",
    ".odt": "OpenDocument text document",
    ".ods": "OpenDocument spreadsheet",
    ".pdf": "PDF",
}


@dataclass
class DocumentGrid(Grid):
    """A grid read from a document, with where each row stands in it: `places[row]` is
    (part, row within part), e.g. ("table 2", 5) or ("page 3", 4)."""

    places: dict[int, tuple[str, int]] = field(default_factory=dict)

    def add_row(self, values: list[object], part: str, number: int) -> int:
        """Append a row of cells; returns its 1-based grid row."""
        if len(self.rows) >= MAX_ROWS:
            raise BadInput(
                f"{self.name}: more than {MAX_ROWS:,} table rows, far beyond any action plan; "
                "refusing to read it."
            )
        self.rows.append(values)
        row = len(self.rows)
        self.places[row] = (part, number)
        return row

    def merge(self, row: int, col: int, last_row: int, last_col: int) -> None:
        """Record a merged cell (1-based, inclusive) when it covers more than one cell."""
        if last_row > row or last_col > col:
            self.merged.append(CellRange(row, col, last_row, last_col))


def located(grid: Grid, row: int | None) -> tuple[str, int | None]:
    """The part of the file (sheet, table or page) and the row within it that a person
    looks for: a spreadsheet's sheet and row, a document's table or page and its row."""
    if row is not None and isinstance(grid, DocumentGrid) and row in grid.places:
        return grid.places[row]
    return grid.name, row


class DocumentBook(Workbook):
    """A document seen as a workbook of one sheet: the whole document in reading order."""

    kind = "document"

    def __init__(self, path: Path):
        super().__init__(path)
        self.sheet_names = [path.stem]
        self._grid: Grid | None = None

    def read(self, name: str, limit: int | None = None) -> Grid:
        if self._grid is None:
            self._grid = self.load()
        if limit is None:
            return self._grid
        head = DocumentGrid(self._grid.name)
        head.rows = self._grid.rows[:limit]
        return head

    def load(self) -> Grid:
        raise NotImplementedError


def check_characters(path: Path, count: int) -> None:
    if count > MAX_CHARACTERS:
        raise BadInput(
            f"{path.name}: this document holds more than {MAX_CHARACTERS:,} characters of text, "
            "far more than any action plan; refusing to read it."
        )


def open_zip_document(path: Path) -> zipfile.ZipFile:
    """The document's zip package, bounded as the .xlsx reader bounds a workbook."""
    package = _open_zip(path)
    if len(package.infolist()) > MAX_ENTRIES:
        package.close()
        raise BadInput(
            f"{path.name}: this file's package holds more than {MAX_ENTRIES:,} parts, which no "
            "Word or OpenDocument file does; refusing to open it (it may be a zip bomb)."
        )
    return package


def made_by_this_program(path: Path) -> bool:
    """Whether a workbook was written by this program's own export (its author, in the core
    document properties, is this program).

    Such a workbook merges the Rec No, Recommendation and decision down over one action per row,
    an action perhaps without owner or date; a Word table pasted into Excel merges the same
    cells down over one table row's paragraphs. The cells cannot tell the two apart, so the
    reader asks who made the file (docs/plan-json.md, "Merged blocks"). A file that is not a
    readable workbook package, or whose properties are missing or odd, was not made here.
    """
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo(_CORE_PROPERTIES)
            if info.file_size > _MAX_PROPERTIES:
                return False
            root = ElementTree.fromstring(package.read(info))
    # defusedxml's refusal of entity declarations is a ValueError: no export of ours has them.
    except (
        KeyError,
        ValueError,
        OSError,
        EOFError,
        zlib.error,
        zipfile.BadZipFile,
        ElementTree.ParseError,
    ):
        return False
    creator = root.find(_CREATOR)
    return creator is not None and (creator.text or "").strip() == THIS_PROGRAM


def _zip_kind(path: Path) -> str | None:
    """ ".docx", ".odt" or ".ods" for a zip package that is one, by its contents; "damaged"
    for a zip that cannot be read; None for a zip that is none of them (an .xlsx)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "word/document.xml" in names:
                return ".docx"
            if "mimetype" in names:
                info = package.getinfo("mimetype")
                if info.file_size <= 100:
                    mimetype = package.read("mimetype").decode("ascii", "replace").strip()
                    return ODF_TYPES.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):  # v13.6 zips
        return "damaged"
    return None


def open_plan_file(path: Path) -> Workbook:
    """Open a spreadsheet or document holding a plan, by what it is, not what it is called.

    A Word or OpenDocument file renamed, a PDF renamed, or a file that is not what its name
    says each get one sentence naming the file and what it really is.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    head = file_head(path)
    if head.startswith(PDF_MAGIC):
        from actionplans.importers.pdf_tables import PdfBook

        return PdfBook(path)
    actual = _zip_kind(path) if head.startswith(ZIP_MAGIC) else None
    if actual == ".docx":
        from actionplans.importers.word import WordBook

        return WordBook(path)
    if actual in (".odt", ".ods"):
        from actionplans.importers.opendocument import OdfBook

        return OdfBook(path, actual)
    if actual == "damaged" and suffix in DOCUMENT_SUFFIXES:
        raise BadInput(
            f"{path.name}: this file is damaged or incomplete (its zip package cannot be "
            "read); ask for the file again or open and re-save it."
        )
    if suffix in DOCUMENT_SUFFIXES:
        what = (
            "an Excel workbook or other zip file"
            if head.startswith(ZIP_MAGIC)
            else "an old Word or Excel file"
            if head.startswith(OLE_MAGIC)
            else "a text file"
            if _looks_like_text(path)
            else "something else"
        )
        raise BadInput(
            f"{path.name}: this file is not {_article(NAMES[suffix])} (it is {what}); "
            "open it in the program that made it and save it again."
        )
    return open_workbook(path)


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0].lower() in "aeiou" else f"a {noun}"
