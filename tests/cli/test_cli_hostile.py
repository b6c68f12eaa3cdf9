"""Hostile and broken workbooks through `actionplans import`: exit 2, a sentence, no change."""

import shutil
import zipfile

import openpyxl
import pytest

from actionplans.resources import resource_path
from tests.fixtures.workbooks.build import write_xlsx
from tests.support.faults import assert_import_refused
from tests.support.workbooks import DOCTYPE, REC, WORKBOOKS, rewrite


def csv_renamed(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text("Rec No,Recommendation\n1,Act\n")
    return path


def truncated(tmp_path):
    data = resource_path("samples", "social-care-2018.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(tmp_path):
    return shutil.copy(WORKBOOKS / "encrypted.xlsx", tmp_path / "locked.xlsx")


def entity_bomb(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [REC])
    with zipfile.ZipFile(plain) as package:
        xml = package.read("xl/workbook.xml").decode()
    body = xml[xml.index("?>") + 2 :] if xml.startswith("<?xml") else xml
    return rewrite(plain, tmp_path / "bomb.xlsx", {"xl/workbook.xml": (DOCTYPE + body).encode()})


def zip_bomb(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [REC])
    return rewrite(plain, tmp_path / "zbomb.xlsx", {}, add={"xl/media/zeros.bin": 201 << 20})


def empty_workbook(tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    return path


def no_header(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Minutes of the board", "Attendees"])
    book.active.append(["Item 1", "Apologies"])
    book.save(tmp_path / "minutes.xlsx")
    return tmp_path / "minutes.xlsx"


def bad_decision(tmp_path):
    return write_xlsx(tmp_path / "maybe.xlsx", [("1", "Act.", "Maybe", "Do.", "Gov", "2019")])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (csv_renamed, "not an Excel workbook"),
        (truncated, "damaged or incomplete"),
        (encrypted, "this workbook is encrypted: open it in Excel and save it without a password"),
        (entity_bomb, "XML entity declarations"),
        (zip_bomb, "zip bomb"),
        (empty_workbook, "the workbook is empty"),
        (no_header, "Rec No"),
        (bad_decision, "'Maybe' is not a decision"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_hostile_workbooks_change_nothing(tmp_path, db_path, capsys, make, message):
    assert_import_refused(db_path, capsys, make(tmp_path), message)
