"""Hypothesis strategies for valid plans, shared by every round-trip test."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from storage.model import DECISIONS, REASONS, STATUSES, Action, Plan, Recommendation

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
actions = st.builds(
    Action,
    text=paragraphs,
    owners=st.lists(line, max_size=3),
    target=target,
    target_text=text,
    status=st.sampled_from(STATUSES),
)
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
    recommendations=st.lists(recommendations, max_size=6),
)
