"""Import a template of 5,000 recommendations x 3 actions (15,000 rows) from .xlsx and store it.

Baseline, measured in the same run: openpyxl in read-only mode simply iterating every cell of
the same file. The import is timed end to end: open and check the file, read every row,
normalise it into a plan (page-break joins, dates, findings) and store it with
`Store.add_plan` into a fresh database. Targets: at most 1.5x the baseline; peak Python memory
of the import (tracemalloc, a separate untimed run) under 300 MB.
"""

from __future__ import annotations

import tempfile
import tracemalloc
from pathlib import Path

import openpyxl
from _common import best_of, big_plan, report

from exporters.definitions import HEADERS
from importers.template import read_template
from storage.store import Store


def write_template(path: Path, recs: int = 5000, actions: int = 3) -> None:
    """The big plan as a secretary's workbook: one row per action, sections as heading rows."""
    plan = big_plan(recs, actions)
    # Normal mode, unlike write-only, records the sheet's dimension as Excel does; without
    # it openpyxl's read-only mode parses the whole sheet once more just to size it.
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Action Plan"
    ws.append([plan.title])
    ws.append(["Action Plan Submitted: 26 August 2020"])
    ws.append([])
    ws.append(HEADERS)
    section = None
    for rec in plan.recommendations:
        if rec.section != section:
            section = rec.section
            ws.append([section])
        for index, action in enumerate(rec.actions):
            first = (rec.ref, rec.text, rec.decision) if index == 0 else (None, None, None)
            ws.append([*first, action.text, "\n".join(action.owners), action.target_text])
    book.save(path)


def iterate_cells(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = 0
    for row in book.active.iter_rows():
        for cell in row:
            cell.value  # noqa: B018 - touching every value is the baseline's whole job
            count += 1
    book.close()
    return count


def import_and_store(path: Path, folder: Path, counter: list[int]) -> None:
    counter[0] += 1
    result = read_template(path)
    assert not result.errors, result.errors[:3]
    assert len(result.plan.recommendations) == 5000
    store = Store.open(folder / f"import{counter[0]}.sqlite3")
    try:
        store.add_plan(result.plan)
    finally:
        store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "big.xlsx"
        write_template(path)
        print(f"template: {path.stat().st_size / 2**20:.1f} MB, 15,000 action rows")
        counter = [0]
        baseline = best_of(3, lambda: iterate_cells(path))
        imported = best_of(3, lambda: import_and_store(path, folder, counter))
        report("import 5,000 x 3 (read, normalise, store)", imported, baseline, "<= 1.5x")
        tracemalloc.start()
        import_and_store(path, folder, counter)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak memory of the import: {peak / 2**20:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
