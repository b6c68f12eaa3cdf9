"""Messy but valid sheets, generated: whatever the header wording, blank rows, page breaks and
date spellings, the plan read back must mean what was written."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplans.importers import read_plan_file
from tests.fixtures.workbooks.build import write_xlsx

HEADER_WORDING = (
    ("1. Rec No", "Rec No.", "Ref", "Recommendation number", "No."),
    ("2. Recommendation", "Recommendation", "Recommendations"),
    ("3. Agreed/ Partly Agreed/ Not Agreed", "Accepted?", "Decision", "Agreed / Not agreed"),
    ("4. Response Action Taken/Planned", "Action", "Response", "Actions planned"),
    ("5. Responsible Owner (including named individuals)", "Lead", "Owner", "Responsible"),
    ("6. Target Date", "Due", "Deadline", "Timescale", "Target date"),
)
DECISIONS = {
    "Agreed": ("Agreed", "agreed", "Accepted", "ACCEPTED"),
    "Partly Agreed": ("Partly Agreed", "partially agreed", "Accepted in part"),
    "Not Agreed": ("Not Agreed", "Rejected", "not accepted", "Declined"),
}
# (target, spellings a person might type for it)
TARGETS = (
    (
        "2019-03",
        ("March 2019", "Mar-19", "Mar 2019", "by March 2019", "end of March 2019", "Q4 2018/19"),
    ),
    ("2021-06", ("June 2021", "Jun 2021", "Q1 2021/22", "by the end of June 2021")),
    ("2019-03-31", ("31/03/2019", "31/3/19", "31.03.2019", "31 March 2019")),
    ("2020-11-05", ("05/11/2020", "5/11/20", "5 November 2020")),
    ("2021-05", ("Spring 2021", "May 2021")),
    ("ongoing", ("Ongoing", "ongoing", "On-going")),
)
WORDS = st.sampled_from(
    "prison staff should review care needs with local authority partners every quarter".split()
)


def sentence(words: list[str]) -> str:
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


actions = st.fixed_dictionaries(
    {
        "text": st.lists(WORDS, min_size=2, max_size=8).map(sentence),
        "owner": st.one_of(
            st.none(),
            st.sampled_from(("Governor", "Head of Healthcare", "HMPPS, DHSC and Welsh Government")),
        ),
        "target": st.sampled_from(TARGETS).flatmap(
            lambda t: st.tuples(st.just(t[0]), st.sampled_from(t[1]))
        ),
    }
)
recs = st.fixed_dictionaries(
    {
        "words": st.lists(WORDS, min_size=4, max_size=14),
        "decision": st.sampled_from(tuple(DECISIONS)).flatmap(
            lambda d: st.tuples(st.just(d), st.sampled_from(DECISIONS[d]))
        ),
        "actions": st.lists(actions, min_size=1, max_size=3),
        "split_at": st.one_of(st.none(), st.integers(2, 12)),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan=st.lists(recs, min_size=1, max_size=5),
    headers=st.tuples(*(st.sampled_from(words) for words in HEADER_WORDING)),
    blanks=st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_meaning_survives_messy_sheets(plan, headers, blanks):
    rows: list[tuple] = []
    expected = []
    for number, rec in enumerate(plan, 1):
        text = sentence(rec["words"])
        cut = rec["split_at"]
        words = text.split(" ")
        first = text
        rest = None
        if cut is not None and cut < len(words):
            first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        owners: list[str] = []
        expected_actions = []
        for index, action in enumerate(rec["actions"]):
            owner = action["owner"] or ("Governor" if index == 0 else None)
            target, typed = action["target"]
            cells = (action["text"], owner, typed)
            if index == 0:
                rows.append((str(number), first, rec["decision"][1], *cells))
                if rest is not None:
                    rows.append((None, rest))
            else:
                rows.append((None, None, None, *cells))
            owners = [owner] if owner else owners
            expected_actions.append((action["text"], owners, target))
            if blanks[len(rows) % 30]:
                rows.append(())
        expected.append((str(number), text, rec["decision"][0], expected_actions))
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "plan.xlsx", rows, headers=headers)
        result = read_plan_file(path)
    assert not result.errors and not result.warnings
    got = [
        (r.ref, r.text, r.decision, [(a.text, a.owners, a.target) for a in r.actions])
        for r in result.plan.recommendations
    ]
    assert got == expected
