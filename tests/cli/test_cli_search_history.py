"""`search` and `history` from the command, with what people type by mistake."""

import pytest

from actionplans.exporters.plan_json import write_plan_json
from tests.support.plans import make_plan


@pytest.fixture
def cli(cli, tmp_path):
    """The command, on a database holding one plan."""
    write_plan_json(make_plan("Action Plan: Social care"), tmp_path / "plan.json")
    cli("import", str(tmp_path / "plan.json"))
    return cli


@pytest.mark.parametrize("words", ["", '"', "-", "_"])
def test_search_with_no_word_says_so_and_exits_2(cli, words):
    status, out, err = cli("search", words)
    assert status == 2 and out == ""
    assert err == f"actionplans: '{words}' has no word to search for.\n"


def test_search_with_an_underscore_finds_both_words(cli):
    status, out, err = cli("search", "prison_directorate")
    assert status == 0 and err == "" and out.count("1:") == 3


def test_history_names_items_by_rec_no_not_by_database_id(cli, tmp_path):
    # A second plan first, so that database ids and Rec Nos part company.
    write_plan_json(make_plan("Action Plan: Other", recs=4), tmp_path / "other.json")
    cli("import", str(tmp_path / "other.json"))
    assert cli("edit", "action plan: other", "--rec", "3", "--decision", "Not Agreed")[0] == 0
    assert cli("update", "2", "3", "2", "--status", "in_progress", "--target", "2031-01")[0] == 0
    status, out, _ = cli("history", "2")
    assert status == 0
    assert " recommendation 3 decision: 'Agreed' -> 'Not Agreed'" in out
    assert " recommendation 3, action 2 target: '2030-03' -> '2031-01'" in out
    assert "recommendation 6" not in out and "action 12" not in out
    assert "Action Plan: Social care" not in cli("history", "2")[1]  # only this plan's changes


@pytest.mark.parametrize("since", ["yesterday", "31/12/2026", "2026-13-01"])
def test_history_since_something_not_a_date_is_refused(cli, since):
    status, out, err = cli("history", "1", "--since", since)
    assert status == 2 and out == ""
    assert err == f"actionplans: --since '{since}' is not a date; write it as YYYY-MM-DD.\n"
