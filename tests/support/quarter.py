"""The scripted quarter both front ends run: two plans, their owners' returns filled in as
owners fill them in Excel, and the agreed texts that must come through unchanged."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import openpyxl

from actionplans.storage.model import Action, Plan, Recommendation
from actionplans.storage.return_form import HEADER_ROW

TODAY = date.today()
SOON = (TODAY + timedelta(days=20)).isoformat()
LATE = (TODAY - timedelta(days=60)).strftime("%Y-%m")
AHEAD = (TODAY + timedelta(days=400)).strftime("%Y-%m")


# The returns of both plans, written into one folder with chasers: a workbook and an .eml
# draft per owner per plan, each named with the plan's short name.
RETURN_FILES = [
    "return-Healthcare-Governor.eml",
    "return-Healthcare-Governor.xlsx",
    "return-Social-care-ADASS-lead.eml",
    "return-Social-care-ADASS-lead.xlsx",
    "return-Social-care-Governor.eml",
    "return-Social-care-Governor.xlsx",
]


def social_care() -> Plan:
    return Plan(
        "Action Plan: Social care in prisons",
        short_name="Social care",
        recommendations=[
            Recommendation(
                "1",
                "Assess social care needs on reception.",
                decision="Agreed",
                actions=[
                    Action("Agree assessment protocol", ["ADASS lead", "Governor"], LATE),
                    Action("Train reception staff", ["Governor"], AHEAD),
                ],
            ),
            Recommendation(
                "2",
                "Fund a dedicated social worker.",
                decision="Not Agreed",
                reason="affordability",
                actions=[Action("Funding is not available this year.", ["Governor"])],
            ),
        ],
    )


def healthcare() -> Plan:
    return Plan(
        "Action Plan: Healthcare",
        short_name="Healthcare",
        recommendations=[
            Recommendation(
                "1",
                "Publish a medicines policy.",
                decision="Agreed",
                actions=[Action("Issue the policy", ["Governor"], AHEAD)],
            )
        ],
    )


def fill(path, by_action: dict[str, dict[str, object]]) -> None:
    """Fill a return's cells by action label ("1.2"), as an owner types them in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    columns = {cell.value: cell.column for cell in sheet[HEADER_ROW]}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        label = f"{row[0].value}.{row[1].value}"
        for header, value in by_action.get(label, {}).items():
            sheet.cell(row[0].row, columns[header], value)
    book.save(path)


def agreed_texts(plan: Plan) -> list:
    return [
        (r.ref, r.text, r.decision, r.reason, [(a.text, a.owners, a.target) for a in r.actions])
        for r in plan.recommendations
    ]


def owners_fill_their_returns(folder) -> None:
    """The owners' answers of the scripted quarter: the ADASS lead reports no progress (Red,
    with a reason), the governor completes an action in each plan with evidence."""
    fill(
        folder / "return-Social-care-ADASS-lead.xlsx",
        {
            "1.1": {
                "Status": "Open",
                "RAG": "Red",
                "Progress update": "No progress; ADASS lead vacant",
                "Date of update": datetime.combine(TODAY, datetime.min.time()),
            }
        },
    )
    fill(
        folder / "return-Social-care-Governor.xlsx",
        {
            "1.2": {
                "Status": "Completed",
                "Progress update": "All reception staff trained",
                "Evidence (needed to complete)": "Training register, 40 of 40",
            }
        },
    )
    fill(
        folder / "return-Healthcare-Governor.xlsx",
        {
            "1.1": {
                "Status": "Completed",
                "Progress update": "Policy issued",
                "Evidence (needed to complete)": "Policy on the intranet",
            }
        },
    )
