"""Damaged and hostile files: each gives one sentence (BadInput), never a
traceback, and never floods the output or the memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from actionplans.importers import read_plan_file
from actionplans.storage.errors import BadInput
from tests.fixtures.workbooks.build import write_xlsx

OLD_XLS = Path(__file__).parent.parent / "fixtures" / "workbooks" / "old-format.xls"
REC = ("1", "The governor should act.", "Agreed", "Do it.", "Governor", "March 2019")


def test_damaged_old_xls_is_one_sentence_and_prints_nothing(tmp_path, capsys):
    """xlrd reads an .xls sheet lazily and fails in many ways (KeyError, IndexError,
    AssertionError, struct.error) on a damaged one; it also writes warnings to stdout."""
    data = OLD_XLS.read_bytes()
    leaked = []
    for offset in range(512, len(data), 8):
        damaged = bytearray(data)
        damaged[offset] = 0xFF
        path = tmp_path / "damaged.xls"
        path.write_bytes(bytes(damaged))
        try:
            read_plan_file(path)
        except BadInput as error:
            assert str(error).startswith("damaged.xls")
        except Exception as error:  # noqa: BLE001 - any other exception is the defect
            leaked.append((offset, type(error).__name__))
    assert leaked == []
    assert capsys.readouterr().out == ""


def test_truncated_old_xls_prints_nothing(tmp_path, capsys):
    path = tmp_path / "cut.xls"
    path.write_bytes(OLD_XLS.read_bytes()[:2000])
    with pytest.raises(BadInput, match="cut.xls: this file cannot be read"):
        read_plan_file(path)
    assert capsys.readouterr().out == ""


def _with_cell(source: Path, target: Path, cell: str) -> Path:
    """A copy of a workbook with one more text cell at reference `cell` in its first sheet."""
    row = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    extra = f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", extra.encode() + b"</sheetData>")
            new.writestr(item.filename, data)
    return target


def test_a_stray_cell_in_the_last_row_and_column_is_refused_not_unpacked(tmp_path):
    """A kilobyte file whose one cell sits at XFD1048576 would be a grid of 17 billion cells."""
    plan = write_xlsx(tmp_path / "plan.xlsx", [REC])
    far = _with_cell(plan, tmp_path / "far.xlsx", "XFD1048576")
    with pytest.raises(
        BadInput, match=r"far.xlsx: sheet .Plan. reaches as far as cell XFD1048576, far beyond"
    ):
        read_plan_file(far)


def test_a_stray_cell_far_down_one_column_still_imports(tmp_path):
    plan = write_xlsx(tmp_path / "plan.xlsx", [REC])
    far = _with_cell(plan, tmp_path / "far.xlsx", "G1048576")
    result = read_plan_file(far)
    assert [r.ref for r in result.plan.recommendations] == ["1"]


def test_unicode_text_saved_as_csv_is_read(tmp_path):
    """Excel's "Unicode Text" (UTF-16, tab-separated) renamed .csv is text, not binary data."""
    path = tmp_path / "plan.csv"
    rows = [
        ("Action Plan: HMP Ŵrecsam",),
        ("Rec No", "Recommendation", "Decision", "Response", "Owner", "Target Date"),
        REC,
    ]
    path.write_bytes("\r\n".join("\t".join(row) for row in rows).encode("utf-16"))
    result = read_plan_file(path)
    assert result.plan.title == "Action Plan: HMP Ŵrecsam"
    assert result.plan.recommendations[0].actions[0].target == "2019-03"
