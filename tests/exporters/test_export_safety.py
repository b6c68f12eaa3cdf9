"""Exports as a board secretary meets them: awkward text in progress returns,
and exports onto files that must not be lost (read-only, a folder, a missing folder)."""

from __future__ import annotations

import json
import stat
from datetime import date

import openpyxl
import pytest

from actionplans.cli import main
from actionplans.exporters import export_plan
from actionplans.exporters.returns import write_returns
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Plan, Recommendation


def awkward_plan() -> Plan:
    """Text as it arrives from pasted Word documents and old exports: control characters
    (a bell, a vertical tab, a NUL) beside Welsh letters and text that looks like a formula."""
    return Plan(
        "Cynllun\x07 Gweithredu – Tŷ",
        recommendations=[
            Recommendation(
                "8(b)",
                "Bwrdd\x0b Iechyd\x00 ŵ",
                decision="Agreed",
                actions=[
                    Action("=SUM(A1)\x01 step", ["Owner\x02", "@Welsh Government"], "2030-03"),
                ],
            )
        ],
    )


def test_returns_drop_control_characters_instead_of_crashing(tmp_path):
    paths = write_returns(awkward_plan(), tmp_path, today=date(2026, 1, 5))
    assert [p.name for p in paths] == [
        "return-Cynllun-Gweithredu-Tŷ-Welsh-Government.xlsx",
        "return-Cynllun-Gweithredu-Tŷ-Owner.xlsx",
    ]
    ws = openpyxl.load_workbook(paths[1]).active
    assert ws["A1"].value == "Progress return: Cynllun Gweithredu – Tŷ"
    assert ws["A2"].value == "Owner: Owner"
    assert [ws.cell(7, c).value for c in (1, 3)] == ["8(b)", "=SUM(A1) step"]
    action = ws.cell(7, 3)
    assert (action.data_type, action.quotePrefix) == ("s", True)  # text, never a formula


@pytest.mark.parametrize("suffix", [".pdf", ".json", ".xlsx"])
def test_a_read_only_file_is_refused_and_kept_whatever_the_format(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_text("the board's signed-off copy")
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    with pytest.raises(BadInput, match="read-only") as error:
        export_plan(awkward_plan(), path)
    assert str(error.value).count(". ") == 0  # one sentence
    assert path.read_text() == "the board's signed-off copy"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_return_already_in_the_folder_is_kept_and_the_new_one_numbered(tmp_path):
    path = tmp_path / "return-Cynllun-Gweithredu-Tŷ-Owner.xlsx"
    path.write_text("the owner's filled-in return")
    paths = write_returns(awkward_plan(), tmp_path, today=date(2026, 1, 5))
    assert path.read_text() == "the owner's filled-in return"
    assert paths[1].name == "return-Cynllun-Gweithredu-Tŷ-Owner-2.xlsx"


@pytest.mark.parametrize("suffix", [".pdf", ".json"])
def test_a_folder_in_the_way_is_named_as_a_folder(tmp_path, suffix):
    folder = tmp_path / f"plan{suffix}"
    folder.mkdir()
    with pytest.raises(BadInput, match="is a folder"):
        export_plan(awkward_plan(), folder)
    assert folder.is_dir() and not any(folder.iterdir())


def test_the_command_refuses_a_read_only_pdf_in_one_line(tmp_path, capsys):
    db = tmp_path / "plans.sqlite3"
    source = tmp_path / "plan.json"
    export_plan(awkward_plan(), source)
    assert main(["--db", str(db), "import", str(source)]) == 0
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF old")
    out.chmod(stat.S_IRUSR)
    capsys.readouterr()
    assert main(["--db", str(db), "export", "1", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "read-only" in err
    assert out.read_bytes() == b"%PDF old"
    assert main(["--db", str(db), "export", "1", "-o", str(tmp_path / "again.json")]) == 0
    doc = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert doc["recommendations"][0]["ref"] == "8(b)"
