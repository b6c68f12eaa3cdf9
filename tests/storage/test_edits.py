"""Edits: each one a transaction, recorded in the history with old and new values and the user."""

import pytest

from actionplans.storage import edits
from actionplans.storage.errors import BadInput
from actionplans.storage.model import Action, Recommendation
from actionplans.storage.monitoring import add_update
from actionplans.storage.queries import history, search
from actionplans.storage.store import os_user


def ids(store, plan_id):
    return [(r.ref, [a.text for a in r.actions]) for r in store.get_plan(plan_id).recommendations]


def test_field_changes_are_recorded_with_old_new_and_user(store, plan):
    plan_id = store.add_plan(plan)
    rec = store.get_plan(plan_id).recommendations[0]
    edits.update_recommendation(
        store, rec.id, decision="Partly Agreed", reason="policy", text=rec.text
    )  # unchanged text: no history line
    edits.update_action(
        store,
        rec.actions[0].id,
        owners=["Lead A", " ", "Lead B"],
        target="2031-06-30",
        target_text="30/06/2031",
    )
    edits.update_plan(store, plan_id, notice="Delayed by Covid-19")
    changes = [(c.kind, c.field, c.old, c.new) for c in history(store, plan_id)][1:]
    assert changes == [
        ("recommendation", "decision", "Agreed", "Partly Agreed"),
        ("recommendation", "reason", None, "policy"),
        ("action", "owners", "Prison Directorate\nOwner 0", "Lead A\nLead B"),
        ("action", "target", "2030-03", "2031-06-30"),
        ("action", "target_text", "March 2030", "30/06/2031"),
        ("plan", "notice", None, "Delayed by Covid-19"),
    ]
    assert {c.user for c in history(store, plan_id)} == {os_user()}
    back = store.get_plan(plan_id)
    assert back.notice == "Delayed by Covid-19"
    assert back.recommendations[0].actions[0].owners == ["Lead A", "Lead B"]


def test_history_of_one_item(store, plan):
    plan_id = store.add_plan(plan)
    rec = store.get_plan(plan_id).recommendations[1]
    edits.update_recommendation(store, rec.id, section="New heading")
    only = history(store, kind="recommendation", item_id=rec.id)
    assert [(c.field, c.old, c.new) for c in only] == [("section", "Strategic", "New heading")]
    assert store.get_plan(plan_id).recommendations[1].section == "New heading"


def test_add_move_and_delete_keep_order(store, plan):
    plan_id = store.add_plan(plan)
    new = edits.add_recommendation(store, plan_id, Recommendation("0", "First"), position=0)
    assert [r for r, _ in ids(store, plan_id)] == ["0", "1", "2", "3"]
    edits.move_recommendation(store, new, 3)
    assert [r for r, _ in ids(store, plan_id)] == ["1", "2", "3", "0"]
    rec = store.get_plan(plan_id).recommendations[0]
    extra = edits.add_action(store, rec.id, Action("Inserted", ["X"]), position=1)
    assert ids(store, plan_id)[0][1] == [
        "Action 1 of recommendation 1.",
        "Inserted",
        "Action 2 of recommendation 1.",
    ]
    edits.move_action(store, extra, 0)
    assert ids(store, plan_id)[0][1][0] == "Inserted"
    edits.delete_action(store, extra)
    edits.delete_recommendation(store, new)
    assert store.get_plan(plan_id) == plan
    fields = [(c.kind, c.field) for c in history(store, plan_id)]
    assert ("recommendation", "deleted") in fields and ("action", "created") in fields


def test_invalid_values_change_nothing(store, plan):
    plan_id = store.add_plan(plan)
    rec = store.get_plan(plan_id).recommendations[0]
    with pytest.raises(BadInput, match="not a decision"):
        edits.update_recommendation(store, rec.id, decision="Maybe")
    with pytest.raises(BadInput, match="not a target"):
        edits.update_action(store, rec.actions[0].id, target="March 2019")
    with pytest.raises(BadInput, match="^The Rec No cannot be empty.$"):
        edits.update_recommendation(store, rec.id, ref=" ")
    assert store.get_plan(plan_id) == plan
    assert len(history(store, plan_id)) == 1


def test_search_index_follows_edits(store, plan):
    from actionplans.storage.queries import search

    plan_id = store.add_plan(plan)
    action = store.get_plan(plan_id).recommendations[0].actions[0]
    edits.update_action(store, action.id, text="Memorandum of understanding signed")
    rec_id = store.get_plan(plan_id).recommendations[0].id
    assert [h.recommendation_id for h in search(store, "memorandum")] == [rec_id]
    edits.update_action(store, action.id, owners=["Welsh Government"])
    assert [h.recommendation_id for h in search(store, "welsh memorandum")] == [rec_id]
    edits.delete_action(store, action.id)
    assert search(store, "memorandum") == []
    edits.delete_recommendation(store, rec_id)
    assert len(search(store, "recommendation")) == 2


def sections_of(store, plan_id):
    return [(r.ref, r.section) for r in store.get_plan(plan_id).recommendations]


def sectioned_plan(store):
    from actionplans.storage.model import Plan

    recs = [
        Recommendation(str(i), f"Rec {i}", section)
        for i, section in enumerate(["A", "A", "B", "C", "C"], 1)
    ]
    return store.add_plan(Plan("Sections", recommendations=recs))


def test_rename_a_section_and_merge_onto_an_existing_one(store):
    plan_id = sectioned_plan(store)
    edits.rename_section(store, plan_id, "B", "Strategic")
    assert sections_of(store, plan_id)[2] == ("3", "Strategic")
    edits.rename_section(store, plan_id, "Strategic", "C")
    assert [s for _, s in sections_of(store, plan_id)] == ["A", "A", "C", "C", "C"]
    assert store.conn.execute("SELECT count(*) FROM sections").fetchone() == (2,)
    with pytest.raises(BadInput, match="no section 'Z'"):
        edits.rename_section(store, plan_id, "Z", "Y")
    assert [(c.old, c.new) for c in history(store, plan_id) if c.field == "section"] == [
        ("B", "Strategic"),
        ("Strategic", "C"),
    ]


def test_delete_a_heading_keeps_its_recommendations_under_the_one_above(store):
    plan_id = sectioned_plan(store)
    assert edits.delete_section(store, plan_id, "C") == [
        r.id for r in store.get_plan(plan_id).recommendations[3:]
    ]
    assert [s for _, s in sections_of(store, plan_id)] == ["A", "A", "B", "B", "B"]
    edits.delete_section(store, plan_id, "A")
    assert [s for _, s in sections_of(store, plan_id)] == [None, None, "B", "B", "B"]


def test_move_a_section_with_its_recommendations(store):
    plan_id = sectioned_plan(store)
    edits.move_section(store, plan_id, "C", 0)
    assert sections_of(store, plan_id) == [
        ("4", "C"),
        ("5", "C"),
        ("1", "A"),
        ("2", "A"),
        ("3", "B"),
    ]
    edits.move_section(store, plan_id, "C", 5)
    assert [r for r, _ in sections_of(store, plan_id)] == ["1", "2", "3", "4", "5"]
    edits.move_section(store, plan_id, "A", 1)
    assert [r for r, _ in sections_of(store, plan_id)] == ["3", "1", "2", "4", "5"]


def test_an_action_moves_to_another_recommendation_with_its_updates(store, plan):
    plan_id = store.add_plan(plan)
    first, second = store.get_plan(plan_id).recommendations[:2]
    action = first.actions[0]
    edits.update_action(store, action.id, text="Paint the zebra crossing.")
    add_update(store, action.id, status="in_progress", text="Started.")
    edits.move_action(store, action.id, 1, second.id)
    now = store.get_plan(plan_id).recommendations
    assert [a.id for a in now[0].actions] == [first.actions[1].id]
    assert [a.id for a in now[1].actions] == [second.actions[0].id, action.id, second.actions[1].id]
    assert [u.text for u in now[1].actions[1].updates] == ["Started."]
    positions = store.conn.execute(
        "SELECT recommendation_id, group_concat(position) FROM "
        "(SELECT * FROM actions ORDER BY position) GROUP BY recommendation_id"
    ).fetchall()
    assert dict(positions) == {first.id: "0", second.id: "0,1,2", now[2].id: "0,1"}
    change = history(store, plan_id)[-1]
    assert (change.kind, change.field, change.old, change.new) == (
        "action",
        "recommendation",
        first.ref,
        second.ref,
    )
    assert [hit.recommendation_id for hit in search(store, "zebra")] == [second.id]


def test_an_action_cannot_move_to_another_plans_recommendation(store, plan):
    plan_id = store.add_plan(plan)
    other = store.get_plan(store.add_plan(plan)).recommendations[0]
    action = store.get_plan(plan_id).recommendations[0].actions[0]
    before = store.get_plan(plan_id)
    with pytest.raises(BadInput, match="its own plan"):
        edits.move_action(store, action.id, 0, other.id)
    assert store.get_plan(plan_id) == before


def test_text_pasted_from_word_keeps_its_line_breaks_and_loses_control_characters(store, plan):
    plan_id = store.add_plan(plan)
    rec = store.get_plan(plan_id).recommendations[0]
    edits.update_recommendation(store, rec.id, text="First line\vsecond line\x07.")
    edits.update_action(store, rec.actions[0].id, text="a\r\nb\u2028c\td", owners=["Gov\x00ernor"])
    edits.update_plan(store, plan_id, notice="Delayed\x0cby Covid-19")
    now = store.get_plan(plan_id)
    assert now.recommendations[0].text == "First line\nsecond line."
    assert now.recommendations[0].actions[0].text == "a\nb\nc\td"
    assert now.recommendations[0].actions[0].owners == ["Governor"]
    assert now.notice == "Delayed\nby Covid-19"
