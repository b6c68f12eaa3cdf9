"""The use cases other than import, without Qt: each does its job and says what it changed."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from actionplans.storage.errors import BadInput
from actionplans.usecases import (
    NOTHING,
    Changed,
    backups,
    changes,
    editing,
    meetings,
    pack,
    plans,
    progress,
)
from tests.support.plans import make_plan

ROOT = Path(__file__).resolve().parent.parent.parent


def test_no_use_case_imports_qt():
    code = (
        "import sys, pkgutil, importlib, usecases\n"
        "for m in pkgutil.iter_modules(usecases.__path__):\n"
        "    importlib.import_module(f'usecases.{m.name}')\n"
        "assert not [n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))]"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_changed_adds_up():
    both = Changed(plans=frozenset({1}), plan_list=True) | Changed(
        plans=frozenset({2}), updates=True
    )
    assert both == Changed(plans=frozenset({1, 2}), plan_list=True, updates=True)
    assert NOTHING.is_empty() and not both.is_empty()


def test_creating_and_deleting_a_plan(store):
    made = plans.create_plan(store, "Action Plan: New")
    assert store.get_plan_title(made.plan_id) == "Action Plan: New"
    assert made.changed == Changed(plans=frozenset({made.plan_id}), plan_list=True)
    gone = plans.delete_plan(store, made.plan_id)
    assert store.list_plans() == [] and gone.backup.is_file() and gone.title == "Action Plan: New"
    assert gone.changed.plan_list and gone.changed.backups


def test_an_edit_is_one_step_all_or_nothing(store):
    plan_id = store.add_plan(make_plan())
    before = store.get_plan(plan_id)
    with pytest.raises(BadInput, match="no recommendation 99"):
        editing.edit_plan(store, plan_id, {"title": "Renamed"}, "99", {"decision": "agreed"})
    assert store.get_plan(plan_id) == before  # the title was not changed either
    done = editing.edit_plan(store, plan_id, {"title": "Renamed"}, "1", {"decision": "not-agreed"})
    after = store.get_plan(plan_id)
    assert after.title == "Renamed" and after.recommendations[0].decision == "Not Agreed"
    assert done.changed == Changed(plans=frozenset({plan_id}), plan_list=True)


def test_an_update_and_a_meeting_say_what_they_changed(store):
    plan_id = store.add_plan(make_plan())
    action = progress.action_id(store, plan_id, "1", 1)
    done = progress.record_update(store, action, status="in_progress", text="Started.")
    assert done.plan_id == plan_id and done.changed.updates
    assert store.get_plan(plan_id).recommendations[0].actions[0].updates[0].text == "Started."
    met = meetings.record_meeting(store, "2026-01-10", "The Board", "", (plan_id,))
    assert met.changed == Changed(plans=frozenset({plan_id}), meetings=True)
    assert meetings.boards(meetings.list_meetings(store)) == ["The Board"]


def test_a_moved_target_that_cannot_be_read_is_refused():
    assert progress.target_from_text("June 2031") == "2031-06"
    assert progress.target_from_text("") is None
    with pytest.raises(BadInput, match="'soonish' is not a target date"):
        progress.target_from_text("soonish")


def test_changes_since_the_last_meeting_need_a_meeting_or_a_date(store):
    plan_id = store.add_plan(make_plan())
    with pytest.raises(BadInput, match="No earlier meeting"):
        changes.changes_since(store, plan_id)
    report = changes.changes_since(store, plan_id, date(2026, 1, 1), date(2026, 2, 1))
    assert report.text.startswith("Action Plan: HMP Thematic: changes from 1 January 2026")
    assert "New actions (" in report.text


def test_the_board_pack_has_the_changes_page_when_a_meeting_reviewed_the_plan(store, tmp_path):
    plan_id = store.add_plan(make_plan())
    meetings.record_meeting(store, "2026-01-10", "The Board", "", (plan_id,))
    path = pack.board_pack(store, [plan_id], tmp_path / "pack.pdf", meeting=date(2026, 4, 1))
    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert any("Changes since the last meeting" in page for page in pages)


def test_restoring_a_backup_brings_back_the_deleted_plan(store):
    plan_id = store.add_plan(make_plan())
    gone = plans.delete_plan(store, plan_id)
    done = backups.restore(store, gone.backup)
    assert [row.id for row in store.list_plans()] == [plan_id]
    assert plan_id in done.changed.plans and done.changed.plan_list and done.safety.is_file()
    assert [b.path for b in backups.list_backups(store.path)][:1] != []
