from datetime import date

from actionplans.storage.checks import check_plan
from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.rules import target_end


def test_each_rule_of_the_template_is_reported_once():
    plan = Plan(
        "P",
        recommendations=[
            Recommendation("1", decision="Agreed"),  # no action
            Recommendation(
                "2", decision="Partly Agreed", actions=[Action("a", [], "2030-01", "January 2030")]
            ),  # no reason, no owner
            Recommendation(
                "2", decision="Not Agreed", reason="policy", actions=[Action("b", [], None, "")]
            ),  # duplicate ref; an explanation needs no owner or target
            Recommendation(
                "4",
                decision="Agreed",
                actions=[
                    Action("c", ["X"], "2019-03", "March 2019"),  # overdue
                    Action("d", ["X"], "2019-03", "March 2019", status="completed"),  # done: fine
                    Action(
                        "e", ["X"], None, "Completed", status="completed"
                    ),  # done, no date: fine
                    Action("f", ["X"], "ongoing", "Ongoing"),  # never overdue
                    Action("g", ["X"], None, ""),  # no target
                ],
            ),
        ],
    )
    found = [(p.code, p.ref, p.action) for p in check_plan(plan, today=date(2026, 11, 22))]
    assert found == [
        ("no_action", "1", None),
        ("duplicate_ref", "2", None),
        ("no_reason", "2", None),
        ("no_owner", "2", 1),
        ("overdue", "4", 1),
        ("no_target", "4", 5),
    ]


def test_overdue_uses_the_end_of_a_month_target():
    action = Action("a", ["X"], "2026-11", "November 2026")
    assert target_end("2026-11") == date(2026, 11, 30)
    assert target_end("2024-02") == date(2024, 2, 29)
    assert not check_plan(
        Plan("P", recommendations=[Recommendation("1", actions=[action])]), date(2026, 11, 30)
    )
    late = check_plan(
        Plan("P", recommendations=[Recommendation("1", actions=[action])]), date(2026, 12, 1)
    )
    assert [p.code for p in late] == ["overdue"]
    assert "November 2026" in late[0].message
