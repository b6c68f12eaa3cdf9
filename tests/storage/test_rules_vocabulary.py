"""One vocabulary of decisions and statuses for every reader and writer."""

from __future__ import annotations

import pytest

from actionplans.storage.model import STATUSES, UPDATE_STATUSES
from actionplans.storage.vocabulary import (
    STATUS_LABELS,
    rag_label,
    read_decision,
    read_status,
    status_label,
)


@pytest.mark.parametrize(
    ("typed", "decision"),
    [
        ("Agreed", "Agreed"),
        ("ACCEPTED.", "Agreed"),
        ("Partly-agreed", "Partly Agreed"),
        ("Agreed in principle", "Partly Agreed"),
        ("Not agreed", "Not Agreed"),
        ("Rejected", "Not Agreed"),
        ("Maybe", None),
    ],
)
def test_decisions(typed, decision):
    assert read_decision(typed) == decision


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("Not started", "open"),
        ("In Progress", "in_progress"),
        ("in_progress", "in_progress"),
        ("On track", "in_progress"),
        ("Done", "completed"),
        ("Complete", "completed"),
        ("Superseded", None),  # an action's own status is never superseded
        ("Perhaps", None),
    ],
)
def test_statuses_of_an_action(typed, status):
    assert read_status(typed) == status


def test_an_update_may_supersede():
    assert read_status("superseded", update=True) == "superseded"


def test_every_status_reads_back_from_its_own_label():
    for status in UPDATE_STATUSES:
        assert read_status(status_label(status), update=True) == status
    for status in STATUSES:
        assert read_status(status_label(status)) == status
    assert list(STATUS_LABELS) == list(UPDATE_STATUSES)


def test_rag_labels():
    assert [rag_label(r) for r in ("amber", "blue", None)] == ["Amber", "Blue (complete)", ""]


def test_the_command_reads_an_update_status_by_the_same_vocabulary(cli, store, plan):
    plan_id = store.add_plan(plan)
    status, out, _ = cli("update", str(plan_id), "1", "1", "--status", "Under way")
    assert status == 0 and out.endswith(": in progress.\n")
    assert store.get_plan(plan_id).recommendations[0].actions[0].status == "in_progress"
    with pytest.raises(SystemExit):
        cli("update", str(plan_id), "1", "1", "--status", "Perhaps")
