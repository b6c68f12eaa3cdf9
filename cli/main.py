"""The `actionplans` command: every job the window does, headless.

A thin layer: each verb parses its arguments, calls one function of `usecases` and prints
what it returns. Light verbs (`--version`, `list`, `show`, `search`) import neither Qt nor
openpyxl nor reportlab, so they answer at once; each heavy library is imported by the verb that
needs it. A bare `actionplans` opens the window (the one job for which this imports gui/).
Every failure prints one sentence (from `usecases.errors.translate`) and exits 2, never a
traceback. The verbs live in `cli.plans` and `cli.progress`, named here and imported only when
their verb runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from actionplans.cli.text import ERRORS, OK
from actionplans.storage.errors import BadInput
from actionplans.storage.vocabulary import read_status


def build_parser(verbs: bool = True) -> argparse.ArgumentParser:
    """The command's parser; without `verbs`, only the options that open the window, which
    `main` tries first: making every verb's parser costs the window's start a few milliseconds.
    """
    from actionplans.storage.version import app_version

    parser = argparse.ArgumentParser(
        prog="actionplans",
        description="Keep, check, export and print prison health and social care action plans. "
        "With no command, opens the window.",
        add_help=verbs,  # so that `--help` falls through to the parser that lists the verbs
        exit_on_error=verbs,  # and so does a mistake, which that parser reports
    )
    parser.add_argument("--version", action="version", version=f"actionplans {app_version()}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the database to use (default: $ACTIONPLANS_DB or the per-user data folder)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window on a temporary database with the sample plans, "
        "then exit 0 (for checking an installed or frozen build)",
    )
    parser.add_argument("--screenshot", metavar="PNG", help="with --smoke-test: save the window")
    if not verbs:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def verb(name: str, func: str | None, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = verb("list", "plans.cmd_list", "list the plans with their counts by decision")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p = verb("show", "plans.cmd_show", "show one plan's recommendations, actions and counts")
    p.add_argument("plan", help="plan id or the start of its title")
    p = verb(
        "import",
        "plans.cmd_import",
        "import a plan from .xlsx, .xlsm, .xls, .csv, .ods, .docx, .odt, .pdf or plan .json",
    )
    p.add_argument("file")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print the plan and every finding, write nothing; exit 0 clean, 1 warnings, 2 errors",
    )
    p.add_argument("--sheet", help="the sheet to read when a workbook has several plans")
    p.add_argument(
        "--into", metavar="PLAN", help="merge a returned spreadsheet into this existing plan"
    )
    p.add_argument(
        "--edit-plan",
        action="store_true",
        help="with --into: take the return's texts, decisions and reasons over the agreed ones",
    )
    p.add_argument(
        "--as-new",
        action="store_true",
        help="store the plan even though a plan of the same title is already in the database",
    )
    p.add_argument(
        "--reopen",
        action="store_true",
        help="progress returns: record updates that reopen completed actions (else left out)",
    )
    p = verb(
        "draft",
        "drafting.cmd_draft",
        "make a draft plan from a report or government response (.pdf, .docx, .odt, .html, "
        ".txt): one item per numbered recommendation or concern",
    )
    p.add_argument("report")
    p.add_argument("--title", help="the plan's title (default: the document's own)")
    p.add_argument(
        "--dry-run", action="store_true", help="print the draft and its findings, store nothing"
    )
    p = verb("export", "plans.cmd_export", "write a plan as .xlsx, .pdf, .docx or .json")
    p.add_argument("plan")
    p.add_argument(
        "-o", "--output", required=True, help="file to write; its suffix sets the format"
    )
    p.add_argument(
        "--progress-columns",
        action="store_true",
        help="xlsx: add Status, Latest update and Updated on columns for returns",
    )
    p.add_argument("--marking", help="pdf: protective marking, e.g. OFFICIAL-SENSITIVE")
    p = verb(
        "returns", "progress.cmd_returns", "write one progress-return workbook per owner per plan"
    )
    p.add_argument("plans", nargs="+", metavar="PLAN")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER")
    p.add_argument("--return-by", help="the date owners reply by, YYYY-MM-DD (remembered)")
    p.add_argument("--return-to", help="the address owners reply to (remembered)")
    p.add_argument(
        "--chasers",
        action="store_true",
        help="also write an unsent e-mail (.eml) per return, the return attached",
    )
    p = verb("pack", "plans.cmd_pack", "print a board pack of several plans as one PDF")
    p.add_argument("plans", nargs="+", metavar="PLAN")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--meeting", help="meeting date, YYYY-MM-DD")
    p.add_argument("--board", help="the board's name, for the cover")
    p.add_argument("--venue", help="where the meeting is held, for the cover")
    p.add_argument("--secretary", help="the board secretary's name, for the cover")
    p.add_argument("--marking", help="protective marking, e.g. OFFICIAL")
    p.add_argument(
        "--with-plans", action="store_true", help="add each plan as published, as an appendix"
    )
    p = verb(
        "check", "plans.cmd_check", "list a plan's warnings (no owner, no target, overdue, ...)"
    )
    p.add_argument("plan")
    p = verb(
        "search", "plans.cmd_search", "full-text search over recommendations, actions and owners"
    )
    p.add_argument("words", nargs="+")
    p.add_argument("--plan", help="search one plan only")
    p = verb(
        "owners", "plans.cmd_owners", "list owners, or one owner's open actions across all plans"
    )
    p.add_argument("name", nargs="?", help="an owner's exact name (any case)")
    p.add_argument("--all", action="store_true", help="include completed actions")
    p = verb("history", "plans.cmd_history", "who changed what in a plan, and when")
    p.add_argument("plan")
    p.add_argument("--since", help="only changes at or after this date (YYYY-MM-DD)")
    p = verb("edit", "plans.cmd_edit", "change a plan's fields, or one recommendation's")
    p.add_argument("plan")
    for option in ("--title", "--responds-to", "--notice"):
        p.add_argument(option)
    p.add_argument("--submitted", help="YYYY-MM-DD")
    p.add_argument("--report-published", help="YYYY-MM-DD")
    p.add_argument("--marking", help="protective marking, e.g. OFFICIAL-SENSITIVE ('' clears)")
    p.add_argument("--rec", metavar="REF", help="the recommendation to change")
    p.add_argument("--decision", help="Agreed, Partly Agreed or Not Agreed ('' clears)")
    p.add_argument("--reason", help="commissioning, policy, operational or affordability")
    p.add_argument("--section")
    p.add_argument("--text")
    p = verb("delete", "plans.cmd_delete", "delete a plan (a backup is taken first)")
    p.add_argument("plan")
    p = verb("meeting", None, "record a board meeting")
    meeting_sub = p.add_subparsers(dest="meeting_command", metavar="add", required=True)
    p = meeting_sub.add_parser("add", help="record a meeting on DATE (YYYY-MM-DD)")
    p.set_defaults(func="progress.cmd_meeting_add")
    p.add_argument("date")
    p.add_argument("--board", help="the board's name")
    p.add_argument("--notes")
    p.add_argument("--plan", action="append", help="a plan the meeting reviewed (repeatable)")
    p = verb(
        "meetings", "progress.cmd_meetings", "list the board's meetings and the plans they reviewed"
    )
    p.add_argument("--plan", help="only meetings that reviewed this plan")
    p = verb("update", "progress.cmd_update", "record a dated progress update on one action")
    p.add_argument("plan")
    p.add_argument("ref", help="the recommendation's Rec No")
    p.add_argument("action", type=int, help="the action's number within it (1, 2, ...)")
    p.add_argument(
        "--status",
        required=True,
        type=_update_status,
        help="open, in progress, completed or superseded (or words such as 'not started', 'done')",
    )
    p.add_argument("--note", help="what happened")
    p.add_argument("--evidence", help="what shows it is done (needed to complete)")
    p.add_argument(
        "--rag",
        choices=["red", "amber", "green", "blue"],
        help="override the suggested rating (give --rag-reason)",
    )
    p.add_argument("--rag-reason")
    p.add_argument("--date", help="the day the update speaks for (default today)")
    p.add_argument("--target", help="a new target date: recorded as slippage")
    p = verb(
        "verify",
        "progress.cmd_verify",
        "mark an action's reported completion verified, or not accepted (reopening it)",
    )
    p.add_argument("plan")
    p.add_argument("ref", help="the recommendation's Rec No")
    p.add_argument("action", type=int, help="the action's number within it (1, 2, ...)")
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--seen", metavar="EVIDENCE", help="verified: the evidence you saw")
    verdict.add_argument(
        "--not-accepted", metavar="REASON", help="not accepted: why; the action is reopened"
    )
    p.add_argument("--by", help="who verified it (default: you)")
    p.add_argument("--date", help="the day of the verdict (default today)")
    p = verb("judge", "progress.cmd_judge", "record an Independent Review of Progress judgement")
    p.add_argument("plan")
    p.add_argument("ref", help="the item's Rec No (or concern number)")
    p.add_argument("rating", help="No meaningful, Insufficient, Reasonable or Good (progress)")
    p.add_argument("--date", required=True, help="the day of the review, YYYY-MM-DD")
    p.add_argument("--note", default="", help="what the review said")
    p = verb(
        "changes", "progress.cmd_changes", "what changed in a plan since the last meeting or a date"
    )
    p.add_argument("plan")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--since", help="YYYY-MM-DD")
    when.add_argument(
        "--since-meeting",
        action="store_true",
        help="since the last meeting that reviewed the plan (the default)",
    )
    verb("backups", "plans.cmd_backups", "list the database backups, newest first")
    p = verb(
        "restore", "plans.cmd_restore", "bring back a backup (the current state is backed up first)"
    )
    p.add_argument("backup", help="a backup's file name (see 'backups') or path")
    return parser


def _update_status(text: str) -> str:
    """An update's status from the words people use, by the one vocabulary."""
    status = read_status(text, update=True)
    if status is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a status; expected open, in progress, completed or superseded"
        )
    return status


def main(argv: list[str] | None = None) -> int:
    args = _window_args(argv) or build_parser().parse_args(argv)
    try:
        if args.smoke_test:
            return _smoke_test(args)
        if args.command is None:
            return _window(args)
        return _verb(args.func)(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `actionplans show 3 | head`: the reader left, which is fine
        sys.stderr.close()
        return OK
    except Exception as exc:
        from actionplans.usecases.errors import translate

        print(f"actionplans: {translate(exc, _db_path(args)).sentence}", file=sys.stderr)
        return ERRORS


def _window_args(argv: list[str] | None) -> argparse.Namespace | None:
    """The arguments when they only open the window (or its smoke test); None for a verb,
    --help or a mistake, which need the whole parser."""
    try:
        args, rest = build_parser(verbs=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _verb(name: str) -> Callable[[argparse.Namespace], int]:
    """The function named "module.function" in cli/, imported only when its verb runs: opening
    the window then loads none of the verbs' modules (and the use cases behind them)."""
    module, _, function = name.partition(".")
    return getattr(importlib.import_module(f"{__package__}.{module}"), function)


def _db_path(args: argparse.Namespace) -> Path:
    from actionplans.storage.location import default_db_path

    return Path(args.db) if args.db else default_db_path()


def _window(args: argparse.Namespace) -> int:
    import os

    from actionplans.gui.app import run

    headless = not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    if sys.platform.startswith("linux") and headless:
        # Qt would abort the process; say what to do instead.
        raise BadInput(
            "There is no display to open the window on; use a command instead "
            "(actionplans --help lists them)."
        )

    return run(_db_path(args))


def _smoke_test(args: argparse.Namespace) -> int:
    import tempfile

    from actionplans.gui.app import smoke_test
    from actionplans.usecases import open_store
    from actionplans.usecases.importing import load_samples

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "smoke.sqlite3"
        store = open_store(db)
        load_samples(store)
        store.close()
        return smoke_test(db, Path(args.screenshot) if args.screenshot else None)


if __name__ == "__main__":
    sys.exit(main())
