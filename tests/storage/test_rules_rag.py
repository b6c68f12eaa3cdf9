"""The suggested RAG rating, and a person's override of it."""

from __future__ import annotations

from datetime import date

import pytest

from actionplans.storage.model import Action, Update
from actionplans.storage.rules import action_rag, current_rag, suggest_rag

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("status", "target", "rag"),
    [
        ("completed", "2026-01", "blue"),
        ("superseded", None, "blue"),
        ("open", "2026-05", "red"),
        ("in_progress", "2026-06-14", "red"),
        ("open", "2026-07-15", "amber"),  # due within 30 days and not started
        ("in_progress", "2026-07-15", "green"),  # started: on track
        ("open", "2026-07-16", "green"),
        ("open", "ongoing", "green"),
        ("open", None, "green"),
    ],
)
def test_suggested_rating(status, target, rag):
    assert suggest_rag(status, target, TODAY) == rag


def test_an_override_stands_until_the_next_update():
    action = Action("a", target="2026-05", updates=[Update("2026-06-01", "open", rag="amber")])
    assert current_rag(action, TODAY) == "amber"
    action.updates.append(Update("2026-06-10", "in_progress"))
    assert current_rag(action, TODAY) == "red"


def test_an_explanation_has_no_rating():
    action = Action("a", target="2026-05")
    assert action_rag(action, TODAY, "Not Agreed") is None
    assert action_rag(action, TODAY, "Partly Agreed") == "red"
