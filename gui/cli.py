"""The `actionplans` command: every job the window does, headless.

Light verbs (`--version`, `list`, `show`, `search`) import neither Qt nor openpyxl nor reportlab,
so they answer at once; each heavy library is imported by the verb that needs it. A bare
`actionplans` opens the window. Bad input prints one sentence and exits 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from storage.dates import uk_date
from storage.errors import BadInput

OK, WARNINGS, ERRORS = 0, 1, 2


def _open(args: argparse.Namespace):
    from storage.location import default_db_path
    from storage.store import Store

    store = Store.open(Path(args.db) if args.db else default_db_path())
    if store.journal_note:
        print(f"note: {store.journal_note}", file=sys.stderr)
    return store


def format_plan(plan) -> str:
    """A readable summary of a plan: what `show` and `import --dry-run` print."""
    lines = [plan.title]
    for label, value in (
        ("Responds to", plan.responds_to),
        ("Report published", uk_date(plan.report_published)),
        ("Action plan submitted", uk_date(plan.submitted)),
        ("Notice", plan.notice),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    section = None
    for rec in plan.recommendations:
        if rec.section != section and rec.section:
            lines.append(f"\n  {rec.section}")
        section = rec.section
        first_line = rec.text.split("\n")[0]
        if len(first_line) > 70:
            first_line = first_line[:67] + "..."
        reason = f" ({rec.reason})" if rec.reason else ""
        lines.append(f"    {rec.ref:>5}  {rec.decision or 'Undecided'}{reason}: {first_line}")
        for number, action in enumerate(rec.actions, 1):
            owners = "; ".join(action.owners) or "no owner"
            target = action.target_text or action.target or "no target"
            status = "" if action.status == "open" else f" [{action.status.replace('_', ' ')}]"
            lines.append(f"           {number}. {owners} - {target}{status}")
    summary = plan.summary()
    lines.append("\n  " + ", ".join(f"{k}: {v}" for k, v in summary.items()))
    return "\n".join(lines)


def cmd_list(args) -> int:
    rows = _open(args).list_plans()
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
        return OK
    if not rows:
        print("No plans yet: add one with 'actionplans import FILE'.")
    for r in rows:
        print(
            f"{r.id:>4}  {r.title}\n      Agreed {r.agreed}, Partly Agreed {r.partly_agreed}, "
            f"Not Agreed {r.not_agreed}, Total {r.total}; open actions {r.open_actions}, "
            f"overdue {r.overdue_actions}"
        )
    return OK


def cmd_show(args) -> int:
    store = _open(args)
    print(format_plan(store.get_plan(store.find_plan(args.plan))))
    return OK


def _print_findings(findings, source: Path) -> None:
    for finding in findings:
        print(f"{source.name}: {finding}", file=sys.stderr)


def cmd_import(args) -> int:
    from importers import read_plan_file
    from storage.backups import backup

    source = Path(args.file)
    if args.into:
        from importers.returns import is_return

        if source.is_file() and is_return(source):
            return _return_into(args, source)
    result = read_plan_file(source, sheet=args.sheet)
    _print_findings(result.findings, source)
    if args.into:
        return _merge_into(args, result)
    if args.dry_run:
        print(format_plan(result.plan))
        return result.exit_status()
    if result.errors:
        print(
            f"{source}: not imported: {len(result.errors)} error(s) above must be fixed first.",
            file=sys.stderr,
        )
        return ERRORS
    store = _open(args)
    backup(store, "import")
    plan_id = store.add_plan(result.plan)
    summary = result.plan.summary()
    print(
        f"Imported plan {plan_id}: {result.plan.title} ({summary['Total']} recommendations, "
        f"{len(result.warnings)} warning(s))."
    )
    return OK


def _merge_into(args, result) -> int:
    from storage.backups import backup
    from storage.merge import apply_merge, plan_merge

    store = _open(args)
    current = store.get_plan(store.find_plan(args.into))
    merge = plan_merge(current, result.plan)
    for line in merge.describe() or ["No changes."]:
        print(line)
    if args.dry_run:
        return result.exit_status()
    if result.errors:
        print(f"{args.file}: not merged: fix the error(s) above first.", file=sys.stderr)
        return ERRORS
    if not merge.is_empty():
        backup(store, "import")
        apply_merge(store, merge)
        print(f"Merged into plan {current.id}: {current.title}.")
    return OK


def _return_into(args, source: Path) -> int:
    """An owner's progress return: record its rows as dated updates, all or none."""
    from importers.returns import pending_updates, read_return
    from storage.backups import backup
    from storage.monitoring import add_updates

    returned = read_return(source)
    store = _open(args)
    plan_id = store.find_plan(args.into)
    pending = pending_updates(store, plan_id, returned)
    _print_findings(returned.findings, source)
    print(f"Progress return from {returned.owner or 'an owner'}: {len(pending)} update(s)")
    for update in pending:
        print(f"  {update.describe()}")
    if args.dry_run:
        return ERRORS if returned.findings else OK
    if returned.findings:
        print(f"{source}: nothing recorded: fix the error(s) above first.", file=sys.stderr)
        return ERRORS
    if pending:
        backup(store, "import")
        add_updates(store, [update.fields() for update in pending])
        print(f"Recorded {len(pending)} update(s) in plan {plan_id}.")
    return OK


def cmd_returns(args) -> int:
    from exporters.returns import write_returns

    store = _open(args)
    paths = write_returns(store.get_plan(store.find_plan(args.plan)), Path(args.output))
    for path in paths:
        print(f"Wrote {path}")
    if not paths:
        print("No open actions with an owner: no returns to send.")
    return OK


def cmd_export(args) -> int:
    from exporters import export_plan

    store = _open(args)
    plan = store.get_plan(store.find_plan(args.plan))
    options: dict = {}
    suffix = Path(args.output).suffix.lower()
    if args.progress_columns:
        if suffix != ".xlsx":
            raise BadInput("--progress-columns applies to .xlsx exports only.")
        options["progress_columns"] = True
    if args.marking:
        if suffix != ".pdf":
            raise BadInput("--marking applies to .pdf exports only.")
        options["marking"] = args.marking
    path = export_plan(plan, Path(args.output), **options)
    print(f"Wrote {path}")
    return OK


def cmd_pack(args) -> int:
    from exporters.pack import progress_for, write_board_pack

    store = _open(args)
    plan_ids = [store.find_plan(spec) for spec in args.plans]
    meeting = _parse_day(args.meeting, "--meeting") if args.meeting else None
    write_board_pack(
        [store.get_plan(plan_id) for plan_id in plan_ids],
        Path(args.output),
        board=args.board,
        meeting=meeting,
        marking=args.marking,
        progress=progress_for(store, plan_ids, meeting),
    )
    print(f"Wrote {args.output}")
    return OK


def _parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{option} '{text}' is not a date; write it as YYYY-MM-DD.") from None


def cmd_check(args) -> int:
    from storage.checks import check_plan

    store = _open(args)
    plan = store.get_plan(store.find_plan(args.plan))
    problems = check_plan(plan)
    for problem in problems:
        print(f"warning: {problem.message}")
    if not problems:
        print(f"{plan.title}: no warnings.")
    return WARNINGS if problems else OK


def cmd_search(args) -> int:
    from storage.queries import search

    store = _open(args)
    plan_id = store.find_plan(args.plan) if args.plan else None
    hits = search(store, " ".join(args.words), plan_id)
    for hit in hits:
        snippet = " ".join(hit.snippet.split())
        print(f"{hit.plan_id}:{hit.ref}  {hit.plan_title}\n    {snippet}")
    if not hits:
        print("Nothing found.")
    return OK


def cmd_owners(args) -> int:
    from storage.queries import actions_of_owner, owners

    store = _open(args)
    if not args.name:
        for name, open_count, total in owners(store):
            print(f"{open_count:>4} open of {total:>4}  {name}")
        return OK
    actions = actions_of_owner(store, args.name, open_only=not args.all)
    for a in actions:
        late = " OVERDUE" if a.is_overdue() else ""
        print(
            f"{a.plan_id}:{a.ref}.{a.number} [{a.status.replace('_', ' ')}] "
            f"{a.target_text or a.target or 'no target'}{late}  {a.plan_title}\n"
            f"    {' '.join(a.text.split())[:100]}"
        )
    if not actions:
        print(f"No {'' if args.all else 'open '}actions for '{args.name}'.")
    return OK


def cmd_history(args) -> int:
    from storage.queries import history

    store = _open(args)
    for c in history(store, store.find_plan(args.plan), since=args.since):
        old = (c.old or "").replace("\n", "; ")[:50]
        new = (c.new or "").replace("\n", "; ")[:50]
        print(f"{c.at}  {c.user}  {c.kind} {c.item_id} {c.field}: {old!r} -> {new!r}")
    return OK


def cmd_delete(args) -> int:
    from storage.backups import backup

    store = _open(args)
    plan_id = store.find_plan(args.plan)
    title = store.get_plan_title(plan_id)
    path = backup(store, "delete")
    store.delete_plan(plan_id)
    print(f"Deleted plan {plan_id}: {title} (a backup is in {path}).")
    return OK


def cmd_backups(args) -> int:
    from storage.backups import list_backups
    from storage.location import default_db_path

    db = Path(args.db) if args.db else default_db_path()
    found = list_backups(db)
    for b in found:
        print(f"{b.path.name}  {b.taken:%d/%m/%Y %H:%M:%S}  before {b.reason}")
    if not found:
        print(f"No backups yet for {db}.")
    return OK


def cmd_restore(args) -> int:
    from storage.backups import restore

    store = _open(args)
    safety = restore(store, Path(args.backup))
    print(f"Restored {args.backup}; what was there before is in {safety}.")
    return OK


def cmd_meeting_add(args) -> int:
    from storage.monitoring import add_meeting

    store = _open(args)
    plan_ids = tuple(store.find_plan(spec) for spec in args.plan or ())
    meeting_id = add_meeting(store, args.date, args.board, args.notes or "", plan_ids)
    print(
        f"Recorded meeting {meeting_id} on {uk_date(args.date)}"
        + (f" reviewing {len(plan_ids)} plan(s)." if plan_ids else ".")
    )
    return OK


def cmd_meetings(args) -> int:
    from storage.monitoring import list_meetings

    store = _open(args)
    rows = list_meetings(store, store.find_plan(args.plan) if args.plan else None)
    for row in rows:
        m = row.meeting
        print(f"{m.id:>4}  {uk_date(m.held_on)}  {m.board or ''}".rstrip())
        for title in row.plans:
            print(f"      reviewed: {title}")
    if not rows:
        print("No meetings yet: add one with 'actionplans meeting add DATE'.")
    return OK


def cmd_update(args) -> int:
    from importers.targets import parse_target
    from storage.monitoring import add_update, find_action

    store = _open(args)
    plan_id = store.find_plan(args.plan)
    action_id = find_action(store, plan_id, args.ref, args.action)
    target = None
    if args.target:
        parsed = parse_target(args.target)
        if not parsed.understood or parsed.target is None:
            raise BadInput(f"--target '{args.target}' is not a target date I can read.")
        target = parsed.target
    add_update(
        store,
        action_id,
        status=args.status.replace(" ", "_"),
        text=args.note or "",
        on_date=args.date,
        evidence=args.evidence,
        rag=args.rag,
        rag_reason=args.rag_reason,
        target=target,
        target_text=args.target,
    )
    print(f"Recorded an update on {args.ref}.{args.action}: {args.status}.")
    return OK


def cmd_changes(args) -> int:
    from storage.monitoring import changes, last_meeting

    store = _open(args)
    plan_id = store.find_plan(args.plan)
    if args.since:
        since = _parse_day(args.since, "--since")
    else:
        meeting = last_meeting(store, plan_id)
        if meeting is None:
            raise BadInput("No earlier meeting reviewed this plan; give --since YYYY-MM-DD.")
        since = date.fromisoformat(meeting.held_on)
    print(format_changes(changes(store, plan_id, since), store.get_plan_title(plan_id)))
    return OK


def format_changes(report, title: str) -> str:
    """The changes report as a secretary would read it out."""
    from storage.progress import target_label

    out = [
        f"{title}: changes from {uk_date(report.since.isoformat())} "
        f"to {uk_date(report.today.isoformat())}"
    ]

    def section(heading: str, items: list[str]) -> None:
        out.append(f"\n{heading} ({len(items)})")
        out.extend(f"  {item}" for item in items or ["none"])

    def name(line) -> str:
        return f"{line.label} {' '.join(line.text.split())[:60]} ({line.owners or 'no owner'})"

    section(
        "Newly completed",
        [f"{name(a)} on {uk_date(d)}; evidence: {e or 'none'}" for a, d, e in report.completed],
    )
    section(
        "Newly overdue",
        [f"{name(a)}; target {a.target_text or a.target}" for a in report.newly_overdue],
    )
    section(
        "Slipped",
        [
            f"{name(s.action)}: {target_label(s.target_from)} -> {target_label(s.target_to)}, "
            f"{s.by()}"
            for s in report.slipped
        ],
    )
    section("New actions", [name(a) for a in report.new_actions])
    section(
        "Status changes",
        [
            f"{name(a)}: {old.replace('_', ' ')} -> {new.replace('_', ' ')} on {uk_date(d)}"
            for a, old, new, d in report.status_changes
        ],
    )
    section("No update since then", [name(a) for a in report.no_update])
    return "\n".join(out)


def build_parser() -> argparse.ArgumentParser:
    from storage.version import app_version

    parser = argparse.ArgumentParser(
        prog="actionplans",
        description="Keep, check, export and print prison health and social care action plans. "
        "With no command, opens the window.",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def verb(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = verb("list", cmd_list, "list the plans with their counts by decision")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p = verb("show", cmd_show, "show one plan's recommendations, actions and counts")
    p.add_argument("plan", help="plan id or the start of its title")
    p = verb("import", cmd_import, "import a plan from .xlsx, .xlsm, .xls, .csv or plan .json")
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
    p = verb("export", cmd_export, "write a plan as .xlsx, .pdf or .json")
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
    p = verb("returns", cmd_returns, "write one progress-return workbook per owner")
    p.add_argument("plan")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER")
    p = verb("pack", cmd_pack, "print a board pack of several plans as one PDF")
    p.add_argument("plans", nargs="+", metavar="PLAN")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--meeting", help="meeting date, YYYY-MM-DD")
    p.add_argument("--board", help="the board's name, for the cover")
    p.add_argument("--marking", help="protective marking, e.g. OFFICIAL")
    p = verb("check", cmd_check, "list a plan's warnings (no owner, no target, overdue, ...)")
    p.add_argument("plan")
    p = verb("search", cmd_search, "full-text search over recommendations, actions and owners")
    p.add_argument("words", nargs="+")
    p.add_argument("--plan", help="search one plan only")
    p = verb("owners", cmd_owners, "list owners, or one owner's open actions across all plans")
    p.add_argument("name", nargs="?", help="an owner's exact name (any case)")
    p.add_argument("--all", action="store_true", help="include completed actions")
    p = verb("history", cmd_history, "who changed what in a plan, and when")
    p.add_argument("plan")
    p.add_argument("--since", help="only changes at or after this date (YYYY-MM-DD)")
    p = verb("delete", cmd_delete, "delete a plan (a backup is taken first)")
    p.add_argument("plan")
    p = verb("meeting", None, "record a board meeting")
    meeting_sub = p.add_subparsers(dest="meeting_command", metavar="add", required=True)
    p = meeting_sub.add_parser("add", help="record a meeting on DATE (YYYY-MM-DD)")
    p.set_defaults(func=cmd_meeting_add)
    p.add_argument("date")
    p.add_argument("--board", help="the board's name")
    p.add_argument("--notes")
    p.add_argument("--plan", action="append", help="a plan the meeting reviewed (repeatable)")
    p = verb("meetings", cmd_meetings, "list the board's meetings and the plans they reviewed")
    p.add_argument("--plan", help="only meetings that reviewed this plan")
    p = verb("update", cmd_update, "record a dated progress update on one action")
    p.add_argument("plan")
    p.add_argument("ref", help="the recommendation's Rec No")
    p.add_argument("action", type=int, help="the action's number within it (1, 2, ...)")
    p.add_argument(
        "--status",
        required=True,
        choices=["open", "in_progress", "in progress", "completed", "superseded"],
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
    p = verb("changes", cmd_changes, "what changed in a plan since the last meeting or a date")
    p.add_argument("plan")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--since", help="YYYY-MM-DD")
    when.add_argument(
        "--since-meeting",
        action="store_true",
        help="since the last meeting that reviewed the plan (the default)",
    )
    verb("backups", cmd_backups, "list the database backups, newest first")
    p = verb("restore", cmd_restore, "bring back a backup (the current state is backed up first)")
    p.add_argument("backup", help="a backup's file name (see 'backups') or path")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.smoke_test:
            return _smoke_test(args)
        if args.command is None:
            return _window(args)
        return args.func(args)
    except BadInput as exc:
        print(f"actionplans: {exc}", file=sys.stderr)
        return ERRORS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `actionplans show 3 | head`: the reader left, which is fine
        sys.stderr.close()
        return OK


def _window(args) -> int:
    import os

    from gui.app import run
    from storage.location import default_db_path

    headless = not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    if sys.platform.startswith("linux") and headless:
        # Qt would abort the process; say what to do instead.
        raise BadInput(
            "There is no display to open the window on; use a command instead "
            "(actionplans --help lists them)."
        )

    return run(Path(args.db) if args.db else default_db_path())


def _smoke_test(args) -> int:
    import tempfile

    from gui.app import smoke_test
    from importers import read_plan_file
    from resources import resource_path
    from storage.store import Store

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "smoke.sqlite3"
        store = Store.open(db)
        for sample in sorted(resource_path("samples").glob("*.xlsx")):
            store.add_plan(read_plan_file(sample).plan)
        store.close()
        return smoke_test(db, Path(args.screenshot) if args.screenshot else None)


if __name__ == "__main__":
    sys.exit(main())
