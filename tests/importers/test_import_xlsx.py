"""The streaming .xlsx reader against openpyxl: the same values, date formats, merged ranges and
uncached formulas, on the samples, on workbooks built to order, on the same files re-saved by
LibreOffice (shared strings, its own number formats, cached formula values) and on XML written
with a namespace prefix, as other producers write it."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from actionplans.importers.workbook import XlsxBook, open_workbook
from actionplans.importers.xlsx import excel_date, is_date_format
from actionplans.resources import resource_path
from actionplans.storage.errors import BadInput
from tests.fixtures.workbooks.build import write_xlsx
from tests.support.workbooks import DOCTYPE, rewrite

SAMPLES = [
    resource_path("samples", name) for name in ("social-care-2018.xlsx", "accommodation-2020.xlsx")
]


def _trim(rows: list[list[object]]) -> list[list[object]]:
    """Rows without trailing empty cells and trailing empty rows: what both readers agree on."""
    trimmed = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        trimmed.append(row)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


def openpyxl_sheet(path: Path, name: str) -> tuple[list[list[object]], dict, list, list]:
    """What openpyxl reads: values, date cells' formats, merged ranges, formulas with no value."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book[name]
    sheet.reset_dimensions()
    rows, formats = [], {}
    for r, row in enumerate(sheet.iter_rows(), 1):
        values = []
        for c, cell in enumerate(row, 1):
            if isinstance(cell.value, datetime | date):
                formats[(r, c)] = cell.number_format
            values.append(cell.value)
        rows.append(values)
    book.close()
    full = openpyxl.load_workbook(path)
    merged = sorted(
        (m.min_row, m.min_col, m.max_row, m.max_col) for m in full[name].merged_cells.ranges
    )
    formulas = sorted(
        (cell.row, cell.column)
        for row in full[name].iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.data_type == "f"
    )
    full.close()
    uncached = [(r, c) for r, c in formulas if r > len(rows) or _at(rows, r, c) is None]
    return _trim(rows), formats, merged, uncached


def _at(rows: list[list[object]], r: int, c: int) -> object:
    return rows[r - 1][c - 1] if r <= len(rows) and c <= len(rows[r - 1]) else None


def assert_same_as_openpyxl(path: Path) -> None:
    with open_workbook(path) as book:
        assert isinstance(book, XlsxBook)
        names = book.sheet_names
        assert names == openpyxl.load_workbook(path, read_only=True).sheetnames
        for name in names:
            grid = book.read(name)
            rows, formats, merged, uncached = openpyxl_sheet(path, name)
            assert len({len(row) for row in grid.rows}) <= 1, "rows of unequal length"
            assert _trim(grid.rows) == rows, name
            assert grid.date_formats == formats, name
            assert (
                sorted((m.min_row, m.min_col, m.max_row, m.max_col) for m in grid.merged) == merged
            )
            assert sorted(grid.uncached_formulas) == uncached
            head = book.read(name, 3)
            assert head.rows == [row[: len(head.rows[0])] for row in grid.rows[:3]]


def rich_and_typed(path: Path) -> Path:
    """A workbook of every kind of cell value a plan can hold, written by openpyxl."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Plan"
    ws.append(["Rec No", "Recommendation", "Decision", "Response", "Owner", "Target Date"])
    ws.append([1, "Plain text", "Agreed", "A & B <Team>", "Ówner ŵŷ", datetime(2019, 3, 1)])
    ws["F2"].number_format = "mmm-yy"
    ws.append([2.5, True, False, "=1+1", "  spaced  ", datetime(2019, 3, 31)])
    ws["F3"].number_format = "dd/mm/yyyy"
    ws.append([None, None, None, None, None, datetime(2020, 6, 30, 12, 30)])
    ws["F4"].number_format = "mm-dd-yy"  # built-in 14
    ws.append([1e20, -3, 0.1, "line one\nline two", "_x000D_ escaped", 43555])
    ws["F5"].number_format = "[$-809]d mmmm yyyy;@"
    ws["B6"] = CellRichText(
        "Bold ", TextBlock(InlineFont(b=True), "and"), " plain", TextBlock(InlineFont(i=True), "!")
    )
    ws["E7"] = "far cell"
    ws["A9"] = '=HYPERLINK("http://example.org", "link")'
    ws["A9"].data_type = "s"  # text that looks like a formula stays text
    ws.merge_cells("A8:F8")
    ws["A8"] = "Section merged across"
    book.create_sheet("Notes").append(["A second sheet", 42])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> list[Path]:
    """Workbooks as the tests and openpyxl write them (inline strings), one per shape."""
    folder = tmp_path_factory.mktemp("built")
    rows = [
        ("1", "The governor should act.", "Agreed", "Do it.", "Governor", (2019, 3, 1)),
        ("Strategic",),
        ("2", "Second", "Not agreed", "Later", "A\nB", "Q1 2019/20"),
    ]
    return [
        rich_and_typed(folder / "typed.xlsx"),
        write_xlsx(
            folder / "formats.xlsx",
            rows,
            merges=("A6:F6",),
            formats={"F5": "mmmm yyyy"},
            extra_sheets={"Definitions": [("Agreed", "means agreed")]},
        ),
    ]


@pytest.fixture(scope="module")
def resaved(tmp_path_factory, built) -> list[Path]:
    """The samples and the built workbooks re-saved by LibreOffice, as another program writes."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = folder / "in"
    sources.mkdir()
    for path in [*SAMPLES, *built]:
        shutil.copy(path, sources / path.name)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            *sorted(sources.iterdir()),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = sorted(folder.glob("*.xlsx"))
    assert len(saved) == len(SAMPLES) + len(built)
    return saved


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_read_as_openpyxl_reads_them(path):
    assert_same_as_openpyxl(path)


def test_built_workbooks_read_as_openpyxl_reads_them(built):
    for path in built:
        assert_same_as_openpyxl(path)


def test_typed_cells(built):
    with open_workbook(built[0]) as book:
        grid = book.read("Plan")
    assert grid.rows[1] == [
        1,
        "Plain text",
        "Agreed",
        "A & B <Team>",
        "Ówner ŵŷ",
        datetime(2019, 3, 1),
    ]
    assert grid.rows[2][:3] == [2.5, True, False]
    assert grid.rows[2][3] is None and grid.uncached_formulas == [(3, 4)]
    assert grid.rows[4][5] == datetime(2019, 3, 31)
    assert grid.date_formats[(5, 6)] == "[$-809]d mmmm yyyy;@"
    assert grid.rows[5][1] == "Bold and plain!"
    assert grid.rows[8][0] == '=HYPERLINK("http://example.org", "link")'
    assert [(m.min_row, m.min_col, m.max_row, m.max_col) for m in grid.merged] == [(8, 1, 8, 6)]


def test_libreoffice_copies_read_as_openpyxl_reads_them(resaved):
    for path in resaved:
        with zipfile.ZipFile(path) as package:
            assert "xl/sharedStrings.xml" in package.namelist()  # not openpyxl's inline strings
        assert_same_as_openpyxl(path)


def test_libreoffice_saves_formula_values(resaved):
    typed = next(p for p in resaved if p.name == "typed.xlsx")
    with open_workbook(typed) as book:
        grid = book.read("Plan")
    assert grid.rows[2][3] == 2 and grid.uncached_formulas == []


def _prefixed(xml: bytes) -> bytes:
    """The same part with its main namespace bound to the prefix x:, as some producers write."""
    text = xml.decode()
    text = text.replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        1,
    )
    text = re.sub(r"<(/?)(?![?!])([A-Za-z]+)(?=[\s/>])", r"<\1x:\2", text)
    return text.encode()


def test_prefixed_namespace(tmp_path, resaved):
    source = next(p for p in resaved if p.name == "social-care-2018.xlsx")
    with zipfile.ZipFile(source) as package:
        parts = {
            name: _prefixed(package.read(name))
            for name in package.namelist()
            if name.startswith("xl/worksheets/")
            or name in ("xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml")
        }
    assert b"<x:c " in parts["xl/worksheets/sheet1.xml"]
    path = rewrite(source, tmp_path / "prefixed.xlsx", parts)
    assert_same_as_openpyxl(path)


def test_phonetic_runs_and_rich_shared_strings(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [("1", "Rec", "Agreed", "Do", "Me", "")])
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>'
        '<si><r><rPr><b/></rPr><t xml:space="preserve">Bold </t></r><r><t>run</t></r></si>'
        "<si><t>a_x005F_x000D_b</t></si></sst>"
    )
    with zipfile.ZipFile(plain) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
    xml = xml.replace(
        '<c r="A1" t="inlineStr">',
        '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s">'
        '<v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="Z1" t="inlineStr">',
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'sharedStrings+xml"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
    )
    path = rewrite(
        plain,
        tmp_path / "strings.xlsx",
        {
            "xl/worksheets/sheet1.xml": xml.encode(),
            "[Content_Types].xml": types.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "xl/sharedStrings.xml": strings.encode(),
        },
    )
    with open_workbook(path) as book:
        assert book.read("Plan", 1).rows[0][:3] == ["漢字", "Bold run", "a_x000D_b"]
    assert_same_as_openpyxl(path)


@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/_rels/workbook.xml.rels"])
def test_entity_bomb_in_other_parts(tmp_path, part):
    plain = write_xlsx(tmp_path / "plain.xlsx", [("1", "Rec", "Agreed", "Do", "Me", "")])
    with zipfile.ZipFile(plain) as package:
        xml = package.read(part).decode()
    body = xml[xml.index("?>") + 2 :] if xml.startswith("<?xml") else xml
    bomb = rewrite(plain, tmp_path / "bomb.xlsx", {part: (DOCTYPE + body).encode()})
    with pytest.raises(BadInput, match="bomb.xlsx: .*XML entity declarations"):
        open_workbook(bomb).read("Plan")


def test_external_entity_refused(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [("1", "Rec", "Agreed", "Do", "Me", "")])
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    with zipfile.ZipFile(plain) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    xml = f'<!DOCTYPE w [<!ENTITY s SYSTEM "file://{secret}">]>' + xml.replace("Rec", "&s;")
    bomb = rewrite(plain, tmp_path / "external.xlsx", {"xl/worksheets/sheet1.xml": xml.encode()})
    with open_workbook(bomb) as book, pytest.raises(BadInput, match="entity declarations"):
        book.read("Plan")


def test_rows_and_cells_without_references(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [], above=())
    with zipfile.ZipFile(plain) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    data = (
        '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>'
        '<row r="3"><c r="C3"><v>3</v></c><c><v>4</v></c></row></sheetData>'
    )
    xml = re.sub(r"<sheetData>.*</sheetData>", data, xml)
    path = rewrite(plain, tmp_path / "norefs.xlsx", {"xl/worksheets/sheet1.xml": xml.encode()})
    with open_workbook(path) as book:
        rows = book.read("Plan").rows
    assert rows == [["a", 2, None, None], [None] * 4, [None, None, 3, 4]]


def test_formula_with_an_empty_text_result_is_not_uncached(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [], above=())
    with zipfile.ZipFile(plain) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    data = (
        '<sheetData><row r="1"><c r="A1" t="str"><f>IF(1,"","x")</f><v></v></c>'
        '<c r="B1"><f t="shared" si="0"/></c><c r="C1" t="e"><f>NA()</f><v>#N/A</v></c>'
        "</row></sheetData>"
    )
    xml = re.sub(r"<sheetData>.*</sheetData>", data, xml)
    path = rewrite(plain, tmp_path / "f.xlsx", {"xl/worksheets/sheet1.xml": xml.encode()})
    with open_workbook(path) as book:
        grid = book.read("Plan")
    assert grid.rows == []  # an error value is no value: read as empty and reported (issue 17)
    assert grid.error_cells == [(1, 3, "#N/A")]
    assert grid.uncached_formulas == [(1, 2)]


@pytest.mark.parametrize(
    ("code", "is_date"),
    [
        ("mm-dd-yy", True),
        ("mmm-yy", True),
        ("[$-809]dd/mm/yyyy;@", True),
        ("yyyy", True),
        ("mmmm", True),
        ("General", False),
        ("0.00", False),
        ("h:mm", False),
        ("[h]:mm:ss", False),
        ("mm:ss", False),
        ('"Due "@', False),
        ('#,##0 "days"', False),
        ("[Red]0.0", False),
        ("\\d0", False),
    ],
)
def test_date_formats(code, is_date):
    assert is_date_format(code) is is_date


def test_time_only_cells_stay_numbers(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [], above=("Title", 0.5), formats={"A2": "h:mm"})
    with open_workbook(path) as book:
        grid = book.read("Plan")
    assert grid.rows[1][0] == 0.5 and not grid.date_formats
    assert openpyxl.load_workbook(path)["Plan"]["A2"].value == time(12, 0)


def test_date_systems():
    assert excel_date(43555, datetime(1899, 12, 30)) == datetime(2019, 3, 31)
    assert excel_date(59, datetime(1899, 12, 30)) == datetime(1900, 2, 28)
    assert excel_date(61.5, datetime(1899, 12, 30)) == datetime(1900, 3, 1, 12)
    assert excel_date(1.25, datetime(1904, 1, 1)) == datetime(1904, 1, 2, 6)


def test_1904_workbook(tmp_path):
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.active.title = "Plan"
    book.active.append([datetime(2019, 3, 31)])
    book.save(tmp_path / "mac.xlsx")
    with zipfile.ZipFile(tmp_path / "mac.xlsx") as package:
        assert b"date1904" in package.read("xl/workbook.xml")
    assert_same_as_openpyxl(tmp_path / "mac.xlsx")
