"""The standard wording that every published action plan prints before its table.

Taken from the published HMPPS action plans (2018 and 2020 editions agree, bar typos), so the
workbook's Definitions sheet and the PDF both state the categories exactly as boards know them.
"""

INTRODUCTION = (
    "HM Inspectorate of Prisons (HMIP) is an independent inspectorate which provide scrutiny "
    "of the conditions for and treatment of prisoners. They report their findings for prisons"
    " and Young Offender Institutions across England and Wales to Ministry of Justice (MOJ) "
    "and Her Majesty's Prison and Probation Service (HMPPS). In response to the report HMPPS "
    "/ MOJ are required to draft a robust and timely action plan to address the "
    "recommendations. The action plan confirms whether recommendations are agreed, partly "
    "agreed or not agreed (see categorisations below). Where a recommendation is agreed or "
    "partly agreed, the action plans provides specific steps and actions to address these. "
    "Actions are clear, measurable, achievable and relevant with the owner and timescale of "
    "each step clearly identified. Action plans are sent to HMIP and published on the HMPPS "
    "web based Prison Finder. Progress against the implementation and delivery of the action "
    "plans will also be monitored and reported on."
)

HEADERS = (
    "1. Rec No",
    "2. Recommendation",
    "3. Agreed/ Partly Agreed/ Not Agreed",
    "4. Response Action Taken/Planned",
    "5. Responsible Owner",
    "6. Target Date",
)

DEFINITION_HEADERS = ("Term", "Definition", "Additional comment")

DEFINITIONS = (
    (
        "Agreed",
        "All of the recommendation is agreed with, can be achieved and is affordable.",
        "The response should clearly explain how the recommendation will be achieved along with "
        "timescales. Actions should be as SMART (Specific, Measurable, Achievable, Realistic and "
        "Time-bound) as possible. Actions should be specific enough to be tracked for progress.",
    ),
    (
        "Partly Agreed",
        "Only part of the recommendation is agreed with, is achievable, affordable and will be "
        "implemented. This might be because we cannot implement the whole recommendation because "
        "of commissioning, policy, operational or affordability reasons.",
        "The response must state clearly which part of the recommendation will be implemented "
        "along with SMART actions and tracked for progress. There must be an explanation of why "
        "we cannot fully agree the recommendation - this must state clearly whether this is due "
        "to commissioning, policy, operational or affordability reasons.",
    ),
    (
        "Not Agreed",
        "The recommendation is not agreed and will not be implemented. This might be because of "
        "commissioning, policy, operational or affordability reasons.",
        "The response must clearly state the reasons why we have chosen this option. There must "
        "be an explanation of why we cannot agree the recommendation - this must state clearly "
        "whether this is due to commissioning, policy, operational or affordability reasons.",
    ),
)
