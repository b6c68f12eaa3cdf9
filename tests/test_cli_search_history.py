"""`search` and `history` from the command, with what people type by mistake."""

import pytest

from exporters.plan_json import write_plan_json
from gui.cli import main
from tests.conftest import make_plan


@pytest.fixture
def cli(db_path, capsys, tmp_path):
    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *args])
        out = capsys.readouterr()
        return status, out.out, out.err

    write_plan_json(make_plan("Action Plan: Social care"), tmp_path / "plan.json")
    run("import", str(tmp_path / "plan.json"))
    return run


@pytest.mark.parametrize("words", ["", '"', "-", "_"])
def test_search_with_no_word_says_so_and_exits_2(cli, words):
    status, out, err = cli("search", words)
    assert status == 2 and out == ""
    assert err == f"actionplans: '{words}' has no word to search for.\n"


def test_search_with_an_underscore_finds_both_words(cli):
    status, out, err = cli("search", "prison_directorate")
    assert status == 0 and err == "" and out.count("1:") == 3
