"""One way of showing a target, with the variants the places that show one need."""

from __future__ import annotations

import pytest

from actionplans.storage.model import Action, Update
from actionplans.storage.rules import action_target_label, target_label


@pytest.mark.parametrize(
    ("target", "typed", "kwargs", "label"),
    [
        ("2019-06", "Q1 2019/20", {}, "Q1 2019/20"),  # what was typed wins
        ("2019-03", "", {}, "March 2019"),
        ("2019-03-31", "", {}, "31 March 2019"),
        ("2019-03-31", "", {"numeric": True}, "31/03/2019"),  # a workbook's day cell
        ("2019-03", "", {"numeric": True}, "March 2019"),
        ("ongoing", "", {}, "Ongoing"),
        (None, "", {}, "no date"),  # in a sentence
        (None, "", {"blank": ""}, ""),  # in a cell
        (None, "", {"completed": True}, "Completed"),
        ("2019-03", "", {"completed": True}, "March 2019"),  # the agreed target stays shown
        ("2019-02-31", "", {"numeric": True}, "2019-02-31"),  # not a date: kept, not lost
    ],
)
def test_target_label(target, typed, kwargs, label):
    assert target_label(target, typed, **kwargs) == label


def test_an_action_completed_by_an_update_shows_completed_when_it_had_no_target():
    action = Action("a", updates=[Update("2026-01-01", "completed", evidence="e")])
    assert action_target_label(action) == "Completed"
    assert action_target_label(Action("a")) == ""
