"""Files that cannot be read at all: each raises BadInput with one sentence saying why."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from actionplans.importers import read_plan_file
from actionplans.resources import resource_path
from actionplans.storage.errors import BadInput
from tests.fixtures.workbooks.build import HEADERS, write_xlsx
from tests.support.workbooks import DOCTYPE, REC, WORKBOOKS, rewrite


def test_defusedxml_guards_openpyxl():
    assert openpyxl.DEFUSEDXML is True


def test_csv_renamed_xlsx(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text("Rec No,Recommendation\n1,Act\n")
    with pytest.raises(BadInput, match="plan.xlsx: this file is not an Excel workbook .*CSV"):
        read_plan_file(path)


def test_workbook_renamed_csv(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(resource_path("samples", "social-care-2018.xlsx").read_bytes())
    with pytest.raises(BadInput, match="Excel workbook named .csv"):
        read_plan_file(path)


def test_truncated_zip(tmp_path):
    data = resource_path("samples", "social-care-2018.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BadInput, match="cut.xlsx: this workbook is damaged or incomplete"):
        read_plan_file(path)


def test_encrypted_workbook():
    with pytest.raises(
        BadInput,
        match="this workbook is encrypted: open it in Excel and save it without a password",
    ):
        read_plan_file(WORKBOOKS / "encrypted.xlsx")


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize(
    "part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"]
)
def test_xml_entity_bomb(tmp_path, part):
    plain = write_xlsx(tmp_path / "plain.xlsx", [REC])
    with zipfile.ZipFile(plain) as package:
        xml = package.read(part).decode()
    body = xml[xml.index("?>") + 2 :] if xml.startswith("<?xml") else xml
    if part.endswith("sheet1.xml"):
        body = body.replace("Do it.", "&lol3;")
    bomb = rewrite(plain, tmp_path / "bomb.xlsx", {part: (DOCTYPE + body).encode()})
    with pytest.raises(BadInput, match="bomb.xlsx: .*XML entity declarations"):
        read_plan_file(bomb)


def test_zip_bomb_refused_before_unpacking(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [REC])
    bomb = rewrite(plain, tmp_path / "bomb.xlsx", {}, add={"xl/media/zeros.bin": 201 << 20})
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(BadInput, match="would unpack to 201 MB.*zip bomb"):
        read_plan_file(bomb)


def test_cell_over_excels_limit(tmp_path):
    # openpyxl cuts what it writes at the limit, so the long cell is put into the XML by hand.
    plain = write_xlsx(tmp_path / "plain.xlsx", [("1", "LONG", "Agreed", "", "", "")])
    xml = sheet_xml(plain).replace("LONG", "x" * 32_768)
    path = rewrite(plain, tmp_path / "long.xlsx", {"xl/worksheets/sheet1.xml": xml.encode()})
    with pytest.raises(BadInput, match="cell B4 holds 32,768 characters, more than Excel's limit"):
        read_plan_file(path)


def test_empty_workbook(tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(BadInput, match="empty.xlsx: the workbook is empty"):
        read_plan_file(path)


def test_empty_file(tmp_path):
    path = tmp_path / "nothing.xlsx"
    path.write_bytes(b"")
    with pytest.raises(BadInput, match="the file is empty"):
        read_plan_file(path)


def test_header_and_nothing_under_it(tmp_path):
    with pytest.raises(BadInput, match="has a header row but no rows under it"):
        read_plan_file(write_xlsx(tmp_path / "bare.xlsx", []))


def test_binary_csv(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b"\x00\x01\x02garbage")
    with pytest.raises(BadInput, match="not a text CSV file"):
        read_plan_file(path)


def test_formula_without_a_saved_value_is_reported(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADERS)
    ws.append(("1", "Rec.", "Agreed", "Act.", "Owner", "=DATE(2019,3,31)"))
    book.save(tmp_path / "formula.xlsx")
    result = read_plan_file(tmp_path / "formula.xlsx")
    assert [(f.severity, f.row, f.column) for f in result.warnings] == [("warning", 2, "F")]
    assert "formula with no saved value" in result.warnings[0].message
