"""Hypothesis strategies for valid plans, shared by every round-trip test."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from actionplans.storage.model import (
    DECISIONS,
    RAGS,
    REASONS,
    STATUSES,
    UPDATE_STATUSES,
    Action,
    Meeting,
    Plan,
    Recommendation,
    Update,
)
from actionplans.storage.rules import current_status

# Printable text without the control characters a spreadsheet cannot hold.
text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    max_size=40,
)
line = text.map(lambda s: " ".join(s.split())).filter(bool)
paragraphs = st.lists(line, min_size=1, max_size=3).map("\n".join)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
iso_day = days.map(lambda d: d.isoformat())
target = st.one_of(st.none(), st.just("ongoing"), iso_day, days.map(lambda d: d.strftime("%Y-%m")))
past_day = st.dates(min_value=date(1990, 1, 1), max_value=date.today()).map(date.isoformat)


def _evidenced(update: Update) -> Update:
    """A completion says what shows it is done, as the store requires."""
    if update.status == "completed" and not (update.evidence or "").strip():
        update.evidence = "Minutes of the board"
    return update


updates = st.builds(
    Update,
    on_date=past_day,  # an update records what has already happened
    status=st.sampled_from(UPDATE_STATUSES),
    text=text,
    evidence=st.one_of(st.none(), line),
    rag=st.one_of(st.none(), st.sampled_from(RAGS)),
    rag_reason=st.one_of(st.none(), line),
    target_from=target,
    target_to=target,
    recorded_by=line,
    recorded_at=line,
).map(_evidenced)


def _consistent(action: Action) -> Action:
    """Updates in date order, and the status they derive: what the store gives back."""
    action.updates.sort(key=lambda u: u.on_date)
    action.status = current_status(action)
    return action


actions = st.builds(
    Action,
    text=paragraphs,
    owners=st.lists(line, max_size=3),
    target=target,
    target_text=text,
    status=st.sampled_from(STATUSES),
    updates=st.lists(updates, max_size=3),
).map(_consistent)
meetings = st.builds(Meeting, held_on=iso_day, board=st.one_of(st.none(), line), notes=text)
recommendations = st.builds(
    Recommendation,
    ref=line,
    text=paragraphs,
    section=st.one_of(st.none(), line),
    decision=st.one_of(st.none(), st.sampled_from(DECISIONS)),
    reason=st.one_of(st.none(), st.sampled_from(REASONS)),
    actions=st.lists(actions, max_size=3),
)
plans = st.builds(
    Plan,
    title=line,
    responds_to=st.one_of(st.none(), line),
    report_published=st.one_of(st.none(), iso_day),
    submitted=st.one_of(st.none(), iso_day),
    notice=st.one_of(st.none(), line),
    marking=st.one_of(st.none(), st.sampled_from(["OFFICIAL", "OFFICIAL-SENSITIVE"])),
    recommendations=st.lists(recommendations, max_size=6),
    meetings=st.lists(meetings, max_size=2, unique_by=lambda m: (m.held_on, m.board)).map(
        lambda ms: sorted(ms, key=lambda m: m.held_on)
    ),
)
