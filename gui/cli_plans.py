"""The command's verbs for plans: list, show, import, export, pack, check, search, owners,
history, delete, backups and restore. Each imports what it needs when it runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gui.cli_text import (
    ERRORS,
    OK,
    WARNINGS,
    format_plan,
    open_store,
    parse_day,
    print_findings,
)
from storage.errors import BadInput


def cmd_list(args) -> int:
    rows = open_store(args).list_plans()
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
    store = open_store(args)
    print(format_plan(store.get_plan(store.find_plan(args.plan))))
    return OK


def cmd_import(args) -> int:
    from importers import read_plan_file
    from importers.returns import is_return
    from storage.backups import backed_up
    from storage.merge import plans_titled

    source = Path(args.file)
    if source.is_file() and is_return(source):
        return _return_into(args, source)
    result = read_plan_file(source, sheet=args.sheet)
    print_findings(result.findings, source)
    if args.into:
        return _merge_into(args, result)
    same = plans_titled(open_store(args), result.plan.title)
    if same and not args.as_new:
        print(
            f"{source.name}: plan {same[0]} is already titled '{result.plan.title}': to merge "
            f"this file into it, give --into {same[0]}; to store a second plan of that title, "
            "give --as-new. Nothing imported.",
            file=sys.stderr,
        )
        return ERRORS
    if args.dry_run:
        print(format_plan(result.plan))
        return result.exit_status()
    if result.errors:
        print(
            f"{source}: not imported: {len(result.errors)} error(s) above must be fixed first.",
            file=sys.stderr,
        )
        return ERRORS
    store = open_store(args)
    with backed_up(store, "import"):
        plan_id = store.add_plan(result.plan)
    summary = result.plan.summary()
    print(
        f"Imported plan {plan_id}: {result.plan.title} ({summary['Total']} recommendations, "
        f"{len(result.warnings)} warning(s))."
    )
    return OK


def _merge_into(args, result) -> int:
    from storage.backups import backed_up
    from storage.merge import apply_merge, plan_merge

    store = open_store(args)
    current = store.get_plan(store.find_plan(args.into))
    merge = plan_merge(current, result.plan)
    for line in merge.describe() or ["No changes."]:
        print(line)
    if args.dry_run:
        return ERRORS if merge.mismatch else result.exit_status()
    if result.errors:
        print(f"{args.file}: not merged: fix the error(s) above first.", file=sys.stderr)
        return ERRORS
    if merge.mismatch:
        raise BadInput(f"{Path(args.file).name}: {merge.mismatch}")
    if not merge.is_empty():
        with backed_up(store, "import"):
            apply_merge(store, merge)
        print(f"Merged into plan {current.id}: {current.title}.")
    return OK


def _return_into(args, source: Path) -> int:
    """An owner's progress return: record its rows as dated updates, all or none."""
    from importers.returns import pending_updates, read_return
    from storage.backups import backed_up
    from storage.monitoring import add_updates, targets_moved_since

    returned = read_return(source)
    store = open_store(args)
    plan_id = store.find_plan(args.into) if args.into else _plan_of(store, returned, source)
    moved = targets_moved_since(store, plan_id, returned.sent)
    pending, findings = pending_updates(
        store.get_plan(plan_id), returned, moved, reopen=args.reopen
    )
    findings, warnings = (
        [f for f in findings if f.severity == "error"],
        [f for f in findings if f.severity != "error"],
    )
    print_findings(warnings, source)
    print_findings(findings, source)
    print(f"Progress return from {returned.owner or 'an owner'}: {len(pending)} update(s)")
    for update in pending:
        print(f"  {update.describe()}")
    if args.dry_run:
        return ERRORS if findings else OK
    if findings:
        print(f"{source}: nothing recorded: fix the error(s) above first.", file=sys.stderr)
        return ERRORS
    if pending:
        with backed_up(store, "import"):
            add_updates(store, [update.fields() for update in pending])
        print(f"Recorded {len(pending)} update(s) in plan {plan_id}.")
    return OK


def _plan_of(store, returned, source: Path) -> int:
    """The plan a return was written for, recognised by the title in its first cell."""
    from storage.merge import plans_titled

    same = plans_titled(store, returned.plan_title)
    if len(same) == 1:
        print(f"A progress return for plan {same[0]}: {returned.plan_title}")
        return same[0]
    if not same:
        raise BadInput(
            f"{source.name}: this progress return is for '{returned.plan_title}', which is not "
            "in the database: import that plan first, or give --into PLAN."
        )
    listed = ", ".join(map(str, same))
    raise BadInput(
        f"{source.name}: plans {listed} are all titled '{returned.plan_title}': give --into "
        "PLAN to say which this return is for."
    )


def cmd_export(args) -> int:
    from exporters import export_plan

    store = open_store(args)
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

    store = open_store(args)
    plan_ids = [store.find_plan(spec) for spec in args.plans]
    meeting = parse_day(args.meeting, "--meeting") if args.meeting else None
    write_board_pack(
        [store.get_plan(plan_id) for plan_id in plan_ids],
        Path(args.output),
        board=args.board,
        meeting=meeting,
        venue=args.venue,
        secretary=args.secretary,
        marking=args.marking,
        progress=progress_for(store, plan_ids, meeting),
        appendix=args.with_plans,
    )
    print(f"Wrote {args.output}")
    return OK


def cmd_check(args) -> int:
    from storage.checks import check_plan

    store = open_store(args)
    plan = store.get_plan(store.find_plan(args.plan))
    problems = check_plan(plan)
    for problem in problems:
        print(f"warning: {problem.message}")
    if not problems:
        print(f"{plan.title}: no warnings.")
    return WARNINGS if problems else OK


def cmd_search(args) -> int:
    from storage.queries import has_words, search

    words = " ".join(args.words)
    if not has_words(words):
        raise BadInput(f"'{words}' has no word to search for.")
    store = open_store(args)
    plan_id = store.find_plan(args.plan) if args.plan else None
    hits = search(store, words, plan_id)
    for hit in hits:
        snippet = " ".join(hit.snippet.split())
        print(f"{hit.plan_id}:{hit.ref}  {hit.plan_title}\n    {snippet}")
    if not hits:
        print("Nothing found.")
    return OK


def cmd_owners(args) -> int:
    from storage.queries import actions_of_owner, owners

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
            f"{a.target_text or a.target or 'no target'}{late}  {a.plan_title}\n"
            f"    {' '.join(a.text.split())[:100]}"
        )
    if not actions:
        print(f"No {'' if args.all else 'open '}actions for '{args.name}'.")
    return OK


def cmd_history(args) -> int:
    from storage.queries import history, item_names

    since = parse_day(args.since, "--since").isoformat() if args.since else None
    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    names = item_names(store, plan_id)
    for c in history(store, plan_id, since=since):
        old = (c.old or "").replace("\n", "; ")[:50]
        new = (c.new or "").replace("\n", "; ")[:50]
        name = names.get((c.kind, c.item_id), f"{c.kind} since deleted")
        print(f"{c.at}  {c.user}  {name} {c.field}: {old!r} -> {new!r}")
    return OK


def cmd_delete(args) -> int:
    from storage.backups import backed_up

    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    title = store.get_plan_title(plan_id)
    with backed_up(store, "delete") as path:
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

    store = open_store(args)
    safety = restore(store, Path(args.backup))
    print(f"Restored {args.backup}; what was there before is in {safety}.")
    return OK


def cmd_edit(args) -> int:
    """Change a plan's fields, or one recommendation's, each change in the history."""
    from storage import edits
    from storage.model import DECISIONS

    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    plan_fields = {
        name: getattr(args, name) or None  # '' clears a field
        for name in ("title", "responds_to", "submitted", "report_published", "notice", "marking")
        if getattr(args, name) is not None
    }
    for name in ("submitted", "report_published"):
        if plan_fields.get(name):
            plan_fields[name] = parse_day(
                plan_fields[name], f"--{name.replace('_', '-')}"
            ).isoformat()
    rec_fields = {
        name: getattr(args, name) or None
        for name in ("decision", "reason", "section", "text")
        if getattr(args, name) is not None
    }
    if rec_fields.get("decision"):
        wanted = rec_fields["decision"].replace("-", " ").lower()
        rec_fields["decision"] = next((d for d in DECISIONS if d.lower() == wanted), wanted)
    if rec_fields and not args.rec:
        raise BadInput("--decision, --reason, --section and --text need --rec REF.")
    if not (plan_fields or rec_fields):
        raise BadInput("Nothing to change: give at least one field to set.")
    with store.transaction():
        if plan_fields:
            edits.update_plan(store, plan_id, **plan_fields)
        if rec_fields:
            matches = [r for r in store.get_plan(plan_id).recommendations if r.ref == args.rec]
            if not matches:
                raise BadInput(f"This plan has no recommendation {args.rec}.")
            if "text" in rec_fields:
                rec_fields["text"] = rec_fields["text"] or ""
            edits.update_recommendation(store, matches[0].id, **rec_fields)
    print(f"Updated plan {plan_id}.")
    return OK
