"""The command's verbs for plans: list, show, import, export, pack, check, search, owners,
history, edit, delete, backups and restore. Each calls a use case and prints its result."""

from __future__ import annotations

import json
import shlex
import sys
from argparse import Namespace
from pathlib import Path

from actionplans.cli.text import (
    ERRORS,
    OK,
    WARNINGS,
    database_exists,
    open_store,
    parse_day,
    print_findings,
    say,
)
from actionplans.usecases.plans import plan_text


def cmd_list(args: Namespace) -> int:
    from actionplans.usecases.plans import list_plans

    rows = list_plans(open_store(args))
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


def cmd_show(args: Namespace) -> int:
    from actionplans.usecases.plans import get_plan

    print(plan_text(get_plan(open_store(args), args.plan)))
    return OK


def cmd_import(args: Namespace) -> int:
    """Preview, then (unless --dry-run) commit: a new plan, a merge, or a progress return."""
    from actionplans.usecases import importing

    source = Path(args.file)
    read = importing.read_file(source, sheet=args.sheet)
    if isinstance(read, importing.SheetsToChoose):
        print(
            f"{source.name}: plans on several sheets; choose one with --sheet: "
            + ", ".join(read.sheets),
            file=sys.stderr,
        )
        return ERRORS
    # A return, a merge and a title already stored need the database; a plan's dry run into a
    # database that does not exist yet must not create one.
    needed = args.into or isinstance(read, importing.Return) or database_exists(args)
    store = open_store(args) if needed else None
    into = store.find_plan(args.into) if store and args.into else None
    preview = importing.preview(
        store, source, read, into, reopen=args.reopen, as_new=args.as_new, edit_plan=args.edit_plan
    )
    if preview.kind == "return" and into is None:
        print(f"A progress return for plan {preview.plan_id}: {preview.plan_title}")
    print_findings(preview.findings, source)
    if args.dry_run or preview.kind != "plan":
        print(preview.text)
    if args.dry_run:
        return preview.exit_status
    if not preview.can_commit:
        if preview.refusal is None:
            return OK  # nothing to do: the plan already says all of this, or an empty return
        print(preview.refusal, file=sys.stderr)
        if preview.same_title and preview.result is not None and not preview.result.errors:
            print(
                f"(--into {preview.same_title[0]} merges it; --as-new imports a second plan)",
                file=sys.stderr,
            )
        return ERRORS
    done = importing.commit(store or open_store(args), preview)
    if preview.kind == "plan":
        assert preview.result is not None
        summary = preview.result.plan.summary()
        print(
            f"Imported plan {done.plan_id}: {preview.result.plan.title} "
            f"({summary['Total']} recommendations, {len(preview.result.warnings)} warning(s))."
        )
    elif preview.kind == "merge":
        print(f"Merged into plan {done.plan_id}: {preview.plan_title}.")
    else:
        print(f"Recorded {len(preview.pending)} update(s) in plan {done.plan_id}.")
    return OK


def cmd_export(args: Namespace) -> int:
    from actionplans.usecases.exporting import export_plan
    from actionplans.usecases.plans import get_plan

    path = export_plan(
        get_plan(open_store(args), args.plan),
        Path(args.output),
        progress_columns=args.progress_columns,
        marking=args.marking,
    )
    print(f"Wrote {path}")
    return OK


def cmd_pack(args: Namespace) -> int:
    from actionplans.usecases.pack import Cover, board_pack

    store = open_store(args)
    board_pack(
        store,
        [store.find_plan(spec) for spec in args.plans],
        Path(args.output),
        meeting=parse_day(args.meeting, "--meeting") if args.meeting else None,
        cover=Cover(args.board, args.venue, args.secretary, args.marking, args.with_plans),
    )
    print(f"Wrote {args.output}")
    return OK


def cmd_check(args: Namespace) -> int:
    from actionplans.storage.checks import check_plan
    from actionplans.usecases.plans import get_plan

    plan = get_plan(open_store(args), args.plan)
    problems = check_plan(plan)
    for problem in problems:
        print(f"warning: {problem.message}")
        if problem.proposed:  # a reason the response states: the user confirms it, or not
            confirm = ["actionplans", "edit", str(plan.id), "--rec", problem.ref or ""]
            print(f"  to confirm: {shlex.join([*confirm, '--reason', problem.proposed])}")
    if not problems:
        print(f"{plan.title}: no warnings.")
    return WARNINGS if problems else OK


def cmd_search(args: Namespace) -> int:
    from actionplans.usecases.search import search

    store = open_store(args)
    hits = search(store, " ".join(args.words), store.find_plan(args.plan) if args.plan else None)
    for hit in hits:
        snippet = " ".join(hit.snippet.split())
        print(f"{hit.plan_id}:{hit.ref}  {hit.plan_title}\n    {snippet}")
    if not hits:
        print("Nothing found.")
    return OK


def cmd_owners(args: Namespace) -> int:
    from actionplans.storage.rules import target_label
    from actionplans.usecases.owners import actions_of_owner, owners

    store = open_store(args)
    if not args.name:
        for name, open_count, total in owners(store):
            print(f"{open_count:>4} open of {total:>4}  {name}")
        return OK
    actions = actions_of_owner(store, args.name, open_only=not args.all)
    for a in actions:
        late = " OVERDUE" if a.is_overdue() else ""
        print(
            f"{a.plan_id}:{a.ref}.{a.number} [{a.status.replace('_', ' ')}] "
            f"{target_label(a.target, a.target_text, blank='no target')}{late}  {a.plan_title}\n"
            f"    {' '.join(a.text.split())[:100]}"
        )
    if not actions:
        print(f"No {'' if args.all else 'open '}actions for '{args.name}'.")
    return OK


def cmd_history(args: Namespace) -> int:
    from actionplans.usecases.search import history, item_names

    since = parse_day(args.since, "--since").isoformat() if args.since else None
    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    names = item_names(store, plan_id)
    for c in history(store, plan_id, since=since):
        old = (c.old or "").replace("\n", "; ")[:50]
        new = (c.new or "").replace("\n", "; ")[:50]
        name = names.get((c.kind, c.item_id or 0), f"{c.kind} since deleted")
        print(f"{c.at}  {c.user}  {name} {c.field}: {old!r} -> {new!r}")
    return OK


def cmd_delete(args: Namespace) -> int:
    from actionplans.usecases.plans import delete_plan

    store = open_store(args)
    done = delete_plan(store, store.find_plan(args.plan))
    print(f"Deleted plan {done.plan_id}: {done.title} (a backup is in {done.backup}).")
    return OK


def cmd_backups(args: Namespace) -> int:
    from actionplans.storage.location import default_db_path
    from actionplans.usecases.backups import list_backups

    db = Path(args.db) if args.db else default_db_path()
    found = list_backups(db)
    for b in found:
        print(f"{b.path.name}  {b.taken:%d/%m/%Y %H:%M:%S}  before {b.reason}")
    if not found:
        print(f"No backups yet for {db}.")
    return OK


def cmd_restore(args: Namespace) -> int:
    from actionplans.usecases.backups import restore_at

    done = restore_at(Path(args.db) if args.db else None, Path(args.backup), on_wait=say)
    if done.was_damaged:
        print(f"Restored {args.backup}; the damaged database is kept as {done.safety}.")
    else:
        print(f"Restored {args.backup}; what was there before is in {done.safety}.")
    return OK


def cmd_edit(args: Namespace) -> int:
    """Change a plan's fields, or one recommendation's, each change in the history."""
    from actionplans.usecases.editing import edit_plan

    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    plan_fields = {
        name: getattr(args, name) or None  # '' clears a field
        for name in ("title", "responds_to", "submitted", "report_published", "notice", "marking")
        if getattr(args, name) is not None
    }
    for name in ("submitted", "report_published"):
        day = plan_fields.get(name)
        if day:
            plan_fields[name] = parse_day(day, f"--{name.replace('_', '-')}").isoformat()
    rec_fields = {
        name: getattr(args, name) or None
        for name in ("decision", "reason", "section", "text")
        if getattr(args, name) is not None
    }
    edit_plan(store, plan_id, plan_fields, args.rec, rec_fields)
    print(f"Updated plan {plan_id}.")
    return OK
