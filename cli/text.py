"""What the command's verbs share: exit codes, the store they open, dates as typed, findings."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from actionplans.storage.errors import BadInput
from actionplans.storage.store import Store

OK, WARNINGS, ERRORS = 0, 1, 2


def open_store(args: argparse.Namespace) -> Store:
    from actionplans.usecases import open_store as open_db

    store = open_db(Path(args.db) if args.db else None, on_wait=say)
    if store.journal_note:
        print(f"note: {store.journal_note}", file=sys.stderr)
    return store


def database_exists(args: argparse.Namespace) -> bool:
    """Whether the database the command would open is there already."""
    from actionplans.storage.location import default_db_path

    return (Path(args.db) if args.db else default_db_path()).exists()


def say(sentence: str) -> None:
    """Tell the person, on stderr, what the command is waiting for."""
    print(f"actionplans: {sentence}", file=sys.stderr, flush=True)


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{option} '{text}' is not a date; write it as YYYY-MM-DD.") from None


def print_findings(findings: list, source: Path) -> None:
    for finding in findings:
        print(f"{source.name}: {finding}", file=sys.stderr)
