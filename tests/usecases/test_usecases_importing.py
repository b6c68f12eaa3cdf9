"""Import as a use case, without Qt: read once, preview, commit in one step with a backup."""

from __future__ import annotations

import openpyxl
import pytest

from actionplans.exporters.plan_json import write_plan_json
from actionplans.resources import resource_path
from actionplans.storage.errors import BadInput
from actionplans.usecases import importing
from tests.support.plans import db_state, make_plan

SAMPLE = resource_path("samples") / "social-care-2018.xlsx"


def test_a_new_plan_is_previewed_then_committed_with_a_backup(store, db_path, tmp_path):
    path = tmp_path / "plan.json"
    write_plan_json(make_plan("Action Plan: Social care"), path)
    read = importing.read_file(path)
    preview = importing.preview(None, path, read)
    assert preview.kind == "plan" and preview.can_commit and preview.refusal is None
    assert preview.lines[0] == "Action Plan: Social care"
    assert preview.verdict == "Ready to import: no problems found."
    assert store.list_plans() == []  # a preview writes nothing

    done = importing.commit(store, preview)
    assert [row.title for row in store.list_plans()] == ["Action Plan: Social care"]
    assert done.backup is not None and done.backup.is_file()
    assert done.changed.plans == {done.plan_id} and done.changed.plan_list
    assert not done.changed.updates and done.changed.backups


def test_a_workbook_with_plans_on_two_sheets_offers_the_sheets_then_reads_the_chosen_one(
    tmp_path,
):
    book = openpyxl.load_workbook(SAMPLE)
    copy = book.copy_worksheet(book.worksheets[0])
    copy.title = "Second copy"
    cell = next(c for c in copy["B"] if isinstance(c.value, str) and len(c.value) > 40)
    cell.value = "Changed on the second sheet only."
    path = tmp_path / "two sheets.xlsx"
    book.save(path)

    offered = importing.read_file(path)
    assert isinstance(offered, importing.SheetsToChoose)
    assert offered.sheets == book.sheetnames
    chosen = importing.read_file(path, sheet="Second copy")
    assert isinstance(chosen, importing.ImportResult)
    texts = [rec.text for rec in chosen.plan.recommendations]
    assert "Changed on the second sheet only." in texts


def test_a_merge_into_another_plan_is_refused_and_writes_nothing(store, db_path, tmp_path):
    plan_id = store.add_plan(make_plan("Action Plan: HMP Oldtown"))
    other = make_plan("Action Plan: HMP Newtown")
    for rec in other.recommendations:
        rec.text = f"Newtown's own {rec.text}"
    path = tmp_path / "other.json"
    write_plan_json(other, path)
    preview = importing.preview(store, path, importing.read_file(path), into=plan_id)
    assert preview.kind == "merge" and not preview.can_commit
    assert preview.verdict.startswith("Nothing can be merged: ")
    assert preview.refusal and preview.refusal.startswith("other.json: ")
    before = db_state(db_path)
    with pytest.raises(BadInput, match="other.json"):
        importing.commit(store, preview)
    assert db_state(db_path) == before


def test_a_merge_records_what_the_return_changed(store, tmp_path):
    plan = make_plan("Action Plan: HMP Oldtown")
    plan_id = store.add_plan(plan)
    plan.recommendations[0].decision = "Not Agreed"
    path = tmp_path / "return.json"
    write_plan_json(plan, path)
    kept = importing.preview(store, path, importing.read_file(path), into=plan_id)
    assert any("agreed decision is kept" in line for line in kept.lines)
    assert not kept.can_commit  # nothing else to merge
    preview = importing.preview(
        store, path, importing.read_file(path), into=plan_id, edit_plan=True
    )
    assert preview.heading == "Changes to 'Action Plan: HMP Oldtown':"
    assert any("Not Agreed" in line for line in preview.lines) and preview.can_commit
    done = importing.commit(store, preview)
    assert done.plan_id == plan_id
    assert store.get_plan(plan_id).recommendations[0].decision == "Not Agreed"


def test_a_progress_return_goes_into_the_plan_its_first_cell_names(store, tmp_path):
    from actionplans.usecases.returns import write_returns

    plan_id = store.add_plan(make_plan())
    paths = write_returns(store.get_plan(plan_id), tmp_path)
    read = importing.read_file(paths[0])
    assert isinstance(read, importing.Return)
    with pytest.raises(BadInput, match="existing plan"):
        importing.preview(None, paths[0], read)
    assert importing.preview(store, paths[0], read).plan_id == plan_id  # recognised
    store.add_plan(make_plan())  # a second plan of the same title: which is it for?
    with pytest.raises(BadInput, match="say which plan"):
        importing.preview(store, paths[0], read)
    preview = importing.preview(store, paths[0], read, into=plan_id)
    assert preview.kind == "return" and preview.heading.startswith("Progress return from ")
    assert preview.lines == ["No updates: every row was left empty."]
    assert not preview.can_commit and preview.refusal is None  # nothing to do, not an error
