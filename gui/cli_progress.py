"""The command's verbs for monitoring: returns, meetings, dated updates and what changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gui.cli_text import OK, format_changes, open_store, parse_day
from storage.dates import uk_date
from storage.errors import BadInput


def cmd_returns(args) -> int:
    from exporters.eml import write_chaser
    from exporters.returns import open_actions_by_owner, write_returns
    from storage.return_form import ReturnSettings, load_settings, save_settings

    store = open_store(args)
    plans = [store.get_plan(store.find_plan(spec)) for spec in args.plans]
    remembered = load_settings(store.path)
    return_by = parse_day(args.return_by, "--return-by").isoformat() if args.return_by else None
    settings = ReturnSettings(
        return_by or remembered.return_by, (args.return_to or "").strip() or remembered.return_to
    )
    paths = write_returns(
        plans, Path(args.output), return_by=settings.return_by, return_to=settings.return_to
    )
    if settings != remembered:
        save_settings(store.path, settings)
    groups = [(plan, group) for plan in plans for group in open_actions_by_owner(plan)]
    for path, (plan, group) in zip(paths, groups, strict=True):
        print(f"Wrote {path}")
        if args.chasers:
            chaser = write_chaser(
                path, plan, group, return_by=settings.return_by, return_to=settings.return_to
            )
            print(f"Wrote {chaser}")
    if not paths:
        print("No open actions with an owner: no returns to send.")
    return OK


def cmd_meeting_add(args) -> int:
    from storage.monitoring import add_meeting

    store = open_store(args)
    plan_ids = tuple(store.find_plan(spec) for spec in args.plan or ())
    meeting_id = add_meeting(store, args.date, args.board, args.notes or "", plan_ids)
    print(
        f"Recorded meeting {meeting_id} on {uk_date(args.date)}"
        + (f" reviewing {len(plan_ids)} plan(s)." if plan_ids else ".")
    )
    return OK


def cmd_meetings(args) -> int:
    from storage.monitoring import list_meetings

    store = open_store(args)
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

    store = open_store(args)
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


def cmd_verify(args) -> int:
    from storage.monitoring import find_action
    from storage.verification import not_accepted, verify

    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    action_id = find_action(store, plan_id, args.ref, args.action)
    label = f"{args.ref}.{args.action}"
    if args.seen is not None:
        verify(store, action_id, evidence_seen=args.seen, by=args.by, on_date=args.date)
        print(f"Completion of {label} verified.")
    else:
        not_accepted(store, action_id, reason=args.not_accepted, by=args.by, on_date=args.date)
        print(f"Completion of {label} not accepted: the action is in progress again.")
    return OK


def cmd_judge(args) -> int:
    from storage.judgements import RATING_NAMES, add_judgement, find_item, parse_rating

    store = open_store(args)
    rec_id = find_item(store, store.find_plan(args.plan), args.ref)
    add_judgement(store, rec_id, rating=args.rating, on_date=args.date, note=args.note)
    rating = RATING_NAMES[parse_rating(args.rating)]
    print(f"Recorded the review of {uk_date(args.date)} on {args.ref}: {rating}.")
    return OK


def cmd_changes(args) -> int:
    from storage.monitoring import changes, last_meeting

    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    if args.since:
        since = parse_day(args.since, "--since")
    else:
        meeting = last_meeting(store, plan_id)
        if meeting is None:
            raise BadInput("No earlier meeting reviewed this plan; give --since YYYY-MM-DD.")
        since = date.fromisoformat(meeting.held_on)
    print(format_changes(changes(store, plan_id, since), store.get_plan_title(plan_id)))
    return OK
