"""The command's verbs for monitoring: returns, meetings, dated updates and what changed."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from actionplans.cli.text import OK, open_store, parse_day
from actionplans.storage.dates import uk_date
from actionplans.storage.vocabulary import status_label


def cmd_returns(args: Namespace) -> int:
    from actionplans.usecases.returns import send_returns

    store = open_store(args)
    written = send_returns(
        store,
        [store.find_plan(spec) for spec in args.plans],
        Path(args.output),
        return_by=parse_day(args.return_by, "--return-by").isoformat() if args.return_by else None,
        return_to=args.return_to,
        chasers=args.chasers,
    )
    for path in written.returns + written.chasers:
        print(f"Wrote {path}")
    if not written.returns:
        print("No open actions with an owner: no returns to send.")
    return OK


def cmd_verify(args: Namespace) -> int:
    from actionplans.usecases.verification import refuse_completion, verify_completion

    store = open_store(args)
    plan_id = store.find_plan(args.plan)
    label = f"{args.ref}.{args.action}"
    if args.seen is not None:
        verify_completion(
            store, plan_id, args.ref, args.action, evidence_seen=args.seen, by=args.by,
            on_date=args.date,
        )  # fmt: skip
        print(f"Completion of {label} verified.")
    else:
        refuse_completion(
            store, plan_id, args.ref, args.action, reason=args.not_accepted, by=args.by,
            on_date=args.date,
        )  # fmt: skip
        print(f"Completion of {label} not accepted: the action is in progress again.")
    return OK


def cmd_judge(args: Namespace) -> int:
    from actionplans.usecases.verification import record_judgement

    store = open_store(args)
    done = record_judgement(
        store, store.find_plan(args.plan), args.ref, args.rating, args.date, args.note
    )
    print(f"Recorded the review of {uk_date(args.date)} on {args.ref}: {done.rating}.")
    return OK


def cmd_meeting_add(args: Namespace) -> int:
    from actionplans.usecases.meetings import record_meeting

    store = open_store(args)
    plan_ids = tuple(store.find_plan(spec) for spec in args.plan or ())
    done = record_meeting(store, args.date, args.board, args.notes or "", plan_ids)
    print(
        f"Recorded meeting {done.meeting_id} on {uk_date(args.date)}"
        + (f" reviewing {len(plan_ids)} plan(s)." if plan_ids else ".")
    )
    return OK


def cmd_meetings(args: Namespace) -> int:
    from actionplans.usecases.meetings import list_meetings

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


def cmd_update(args: Namespace) -> int:
    from actionplans.storage.errors import BadInput
    from actionplans.usecases.progress import action_id, record_update, target_from_text

    store = open_store(args)
    try:
        target = target_from_text(args.target)
    except BadInput:
        raise BadInput(f"--target '{args.target}' is not a target date I can read.") from None
    record_update(
        store,
        action_id(store, store.find_plan(args.plan), args.ref, args.action),
        status=args.status,
        text=args.note or "",
        on_date=args.date,
        evidence=args.evidence,
        rag=args.rag,
        rag_reason=args.rag_reason,
        target=target,
        target_text=args.target,
    )
    print(f"Recorded an update on {args.ref}.{args.action}: {status_label(args.status).lower()}.")
    return OK


def cmd_changes(args: Namespace) -> int:
    from actionplans.usecases.changes import changes_since

    store = open_store(args)
    since = parse_day(args.since, "--since") if args.since else None
    print(changes_since(store, store.find_plan(args.plan), since).text)
    return OK
