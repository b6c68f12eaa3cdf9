from datetime import date

from actionplans.storage.queries import actions_of_owner, owners, search
from tests.support.plans import make_plan


def test_search_finds_recommendations_actions_and_owners_by_prefix(store):
    plan = make_plan()
    plan.recommendations[0].text = "The Secretary of State for Justice should lead coordination."
    plan.recommendations[1].actions[0].owners = ["Welsh Government"]
    plan_id = store.add_plan(plan)
    other = store.add_plan(make_plan("Other plan"))
    hit = search(store, "secret justice")
    assert [(h.ref, h.plan_id) for h in hit] == [("1", plan_id)]
    assert "[Secretary]" in hit[0].snippet
    assert [h.ref for h in search(store, "welsh")] == ["2"]  # an owner of one of its actions
    assert len(search(store, "directorate")) == 6  # every recommendation of both plans
    assert {h.plan_id for h in search(store, "directorate", plan_id=other)} == {other}


def test_search_treats_query_syntax_as_words(store, plan):
    store.add_plan(plan)
    plain = [h.recommendation_id for h in search(store, "prison directorate")]
    assert len(plain) == 3
    for same in ['"prison directorate', "prison-directorate", "prison: directorate*", "(prison)"]:
        assert [h.recommendation_id for h in search(store, same)] == plain, same
    for nothing in ['"', "-", "*", "", "NEAR(", "AND OR NOT"]:  # no word that is in the plan
        assert search(store, nothing) == [], nothing


def test_owners_are_queryable_across_plans(store):
    first = make_plan("First", recs=2, actions=1)
    first.recommendations[0].actions[0].status = "completed"
    store.add_plan(first)
    store.add_plan(make_plan("Second", recs=1, actions=1))
    assert ("Prison Directorate", 2, 3) in owners(store)
    mine = actions_of_owner(store, "prison DIRECTORATE")
    assert [(a.plan_title, a.ref, a.number) for a in mine] == [
        ("First", "2", 1),
        ("Second", "1", 1),
    ]
    assert len(actions_of_owner(store, "Prison Directorate", open_only=False)) == 3
    assert not mine[0].is_overdue(date(2030, 3, 31)) and mine[0].is_overdue(date(2030, 4, 1))


def test_spellings_of_one_owner_are_one_owner(store):
    plan = make_plan("First", recs=3, actions=1)
    owners_as_typed = ["Prison Directorate", "PRISON DIRECTORATE", "Prison  Directorate"]
    for rec, name in zip(plan.recommendations, owners_as_typed, strict=True):
        rec.actions[0].owners = [name]
    other = make_plan("Second", recs=1, actions=1)
    other.recommendations[0].actions[0].owners = ["Llywodraeth Cymru"]
    store.add_plan(plan)
    store.add_plan(other)
    store.add_plan(make_plan("Third", recs=1, actions=1))  # "Prison Directorate" and "Governor"
    listed = {name: (open_count, total) for name, open_count, total in owners(store)}
    assert listed["Prison Directorate"] == (4, 4)
    assert not any(name.isupper() for name in listed)
    assert len(actions_of_owner(store, "llywodraeth cymru")) == 1
    assert len(actions_of_owner(store, "prison directorate")) == 4
