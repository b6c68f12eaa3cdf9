"""Drafting a plan from a report or a government response (docs/plan-json.md, "Drafting a plan
from a report"): the seed documents as text, Word and PDF, and small documents built to order."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.pdfgen import canvas

from actionplans.importers.report import draft_plan, stated_decision
from actionplans.storage.errors import BadInput

REPORTS = Path(__file__).parent.parent / "fixtures" / "reports"
REPORT_2007 = "report-social-care-in-prisons-2007"
RESPONSE_2019 = "government-response-acmd-custody-community-2019"

DECISIONS_2019 = {
    "1": "Agreed",
    "2": "Agreed",
    "2a": None,  # "The Government shares this ambition": no decision stated
    "2b": "Agreed",
    "2c": "Agreed",
    "2d": "Agreed",
    "2e": None,  # "agrees that it is important to have a clear picture": not a decision
    "3a": None,
    "3b": None,
    "4": None,
    "5a": "Agreed",
    "5b": "Agreed",
    "5c": "Agreed",
    "6": "Agreed",
    "7": "Not Agreed",
    "8a": "Not Agreed",
    "8b": None,
    "8c": "Not Agreed",
    "9(a)": "Agreed",
    "9(b)": "Agreed",
}


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".odt", ".pdf"])
def test_the_2007_report_gives_the_26_recommendations_of_its_appendix(suffix):
    result = draft_plan(REPORTS / f"{REPORT_2007}{suffix}")
    recs = result.plan.recommendations
    assert [r.ref for r in recs] == [str(n) for n in range(1, 27)]
    assert {r.section for r in recs[:18]} == {"Strategic"}
    assert {r.section for r in recs[18:]} == {"Operational"}
    assert {r.kind for r in recs} == {"recommendation"}
    assert all(r.decision is None and r.actions == [] for r in recs)
    assert recs[8].text == (
        "PSOs relating to healthcare such as 3050 should be extended to include personal "
        "social care"
    )
    assert recs[14].text.endswith(
        "nominate a “prison liaison officer” for initial contact on policy and practice matters."
    )
    lines = recs[25].text.split("\n")
    assert lines[0].endswith("should as a minimum cover the following points:")
    assert (
        lines[1] == "A referral point and source of information and advice for staff and prisoners"
    )
    assert (
        lines[-1] == "Liaise with external agencies to obtain specialist advice and interventions"
    )
    assert len(lines) == 10
    # the numbered findings and method lists, and the numbered section headings, are not items
    assert not any("strong evidence" in r.text or "literature review" in r.text for r in recs)


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".odt", ".pdf"])
def test_the_2019_response_gives_its_recommendations_with_the_decisions_it_states(suffix):
    result = draft_plan(REPORTS / f"{RESPONSE_2019}{suffix}")
    plan = result.plan
    assert plan.title == (
        "Government response to the ACMD report on Custody - Community Transitions"
    )
    assert {r.ref: r.decision for r in plan.recommendations} == DECISIONS_2019
    by_ref = {r.ref: r for r in plan.recommendations}
    assert by_ref["1"].text.startswith("That the Drug Strategy Board nominates one Minister")
    # parts carry the lead-in they share; the response's own words are not in the text
    assert by_ref["5b"].text.startswith(
        "That the Department for Work and Pensions (DWP) should: work in partnership"
    )
    assert by_ref["2c"].text == (
        "The indicators of progress in this area should include the following: Reducing the "
        "proportion of people who leave prison with unsettled or unknown accommodation on the "
        "first night of release."
    )
    assert not any("Government" in r.text for r in plan.recommendations)
    assert not result.findings


def test_an_hmip_report_of_concerns_in_word(tmp_path):
    """Word's automatic numbering counted (HMIP numbers on from priority to key concerns); a
    concern and its "Recommendation:" line are one item; the kind comes from the heading over
    each part of the list."""
    document = docx.Document()
    document.add_heading("Report on an unannounced inspection of HMP Example", 0)
    document.add_heading("Contents", 1)
    for entry in ("Introduction", "Summary of key concerns", "Appendices"):
        document.add_paragraph(entry)
    document.add_heading("Priority concerns", 1)
    document.add_paragraph("Prisoners spent too long locked in their cells.", style="List Number")
    document.add_paragraph("Recommendation: Every prisoner should have two hours out of cell.")
    document.add_paragraph("Too many prisoners used illicit drugs.", style="List Number")
    document.add_heading("Key concerns", 1)
    document.add_paragraph("Force was not always used proportionately.", style="List Number")
    path = tmp_path / "report.docx"
    document.save(str(path))
    plan = draft_plan(path).plan
    assert plan.title == "Report on an unannounced inspection of HMP Example"
    assert [(r.ref, r.kind, r.section) for r in plan.recommendations] == [
        ("1", "priority concern", "Priority concerns"),
        ("2", "priority concern", "Priority concerns"),
        ("3", "key concern", "Key concerns"),
    ]
    assert plan.recommendations[0].text == (
        "Prisoners spent too long locked in their cells.\n"
        "Recommendation: Every prisoner should have two hours out of cell."
    )


def test_a_title_broken_over_cover_lines_is_read_whole(tmp_path):
    """HMIP's covers set the prison's name on its own line under "Report on an unannounced
    inspection of"; a line ending in "of", "and" or a comma goes on to the next. A heading
    may follow the cover's date line directly."""
    report = tmp_path / "report.txt"
    report.write_text(
        "Report on an unannounced inspection of\n\nHMP Exampleton\n\n"
        "by HM Chief Inspector of Prisons\n\n3-13 April 2023\n\n"
        "Priority concerns\n\n1. Too many prisoners felt unsafe.\n"
        "Recommendation: Leaders should act to reduce violence.\n",
        encoding="utf-8",
    )
    plan = draft_plan(report).plan
    assert plan.title == "Report on an unannounced inspection of HMP Exampleton"
    # the heading right under the cover's date heads the list, even of one concern
    assert [(r.ref, r.kind) for r in plan.recommendations] == [("1", "priority concern")]


def test_recommendations_grouped_by_whom_they_are_for(tmp_path):
    """HM Inspectorate of Probation says once whom the numbered items below are for ("The
    Ministry of Justice should:"); each item carries those words, as a part carries its
    lead-in, and the numbered chapters after the list are not items."""
    document = docx.Document()
    document.add_heading("An inspection of probation services in: Example Region", 0)
    document.add_heading("Recommendations", 1)
    document.add_paragraph("The Probation Service Example Region should:")
    for text in ("improve the quality of risk of harm assessments", "reduce caseloads."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("The Ministry of Justice should:")
    document.add_paragraph("review the funding of accommodation services.", style="List Number")
    document.add_heading("1. Overall findings", 1)
    document.add_paragraph("1.1 Leadership was strong.")
    path = tmp_path / "probation.docx"
    document.save(str(path))
    result = draft_plan(path)
    assert [(r.ref, r.text) for r in result.plan.recommendations] == [
        (
            "1",
            "The Probation Service Example Region should: improve the quality of risk of "
            "harm assessments",
        ),
        ("2", "The Probation Service Example Region should: reduce caseloads."),
        ("3", "The Ministry of Justice should: review the funding of accommodation services."),
    ]
    assert not result.warnings


def test_a_govuk_response_page_with_the_answer_after_response_colon(tmp_path):
    """GOV.UK's HTML responses open each answer with "Response:" in the paragraph itself:
    the answer is not the recommendation's text, and the decision it states is drafted."""
    page = tmp_path / "response.html"
    answers = (
        ("NHS England should commission mental health services.", "accepts this recommendation"),
        (
            "HMPPS should ensure prisoners reach hospital.",
            "accepts this recommendation in principle",
        ),
        ("The Department should fund a new workforce.", "does not accept this recommendation"),
    )
    body = "".join(
        f"<h3>Recommendation {n}</h3><p>{text}</p><p>Response: The government {answer}.</p>"
        for n, (text, answer) in enumerate(answers, start=1)
    )
    page.write_text(
        f"<html><body><h1>Government response to the review of prison healthcare</h1>{body}"
        "</body></html>",
        encoding="utf-8",
    )
    plan = draft_plan(page).plan
    assert [(r.ref, r.text, r.decision) for r in plan.recommendations] == [
        ("1", answers[0][0], "Agreed"),
        ("2", answers[1][0], "Partly Agreed"),
        ("3", answers[2][0], "Not Agreed"),
    ]


def test_a_list_given_twice_is_drafted_once_from_the_full_list(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        "<html><body><h1>Thematic review of healthcare in prisons</h1>"
        "<h2>Summary of recommendations</h2><ol>"
        "<li>Prisons should improve healthcare.</li><li>Boards should meet quarterly.</li>"
        "</ol><h2>Findings</h2><ol><li>Waiting times were long in most prisons visited.</li>"
        "<li>Staffing was below complement at half the sites.</li></ol>"
        "<h2>Recommendations</h2><ol>"
        "<li>Prisons should improve healthcare by agreeing waiting-time targets with NHS "
        "England.</li>"
        "<li>Boards should meet quarterly and review the targets.</li></ol></body></html>",
        encoding="utf-8",
    )
    plan = draft_plan(page).plan
    assert plan.title == "Thematic review of healthcare in prisons"
    assert [r.text for r in plan.recommendations] == [
        "Prisons should improve healthcare by agreeing waiting-time targets with NHS England.",
        "Boards should meet quarterly and review the targets.",
    ]


@pytest.mark.parametrize(
    ("sentence", "decision"),
    [
        ("The Government accepts this recommendation.", "Agreed"),
        ("HMPPS agrees with this recommendation.", "Agreed"),
        ("The Department accepts this recommendation in part.", "Partly Agreed"),
        ("We accept in principle the aim.", "Partly Agreed"),
        ("The Government does not accept this recommendation.", "Not Agreed"),
        ("The Government does not agree with this recommendation.", "Not Agreed"),
        ("The MoJ rejects this recommendation.", "Not Agreed"),
        ("The Government agrees that it is important to have data.", None),
        ("The Government shares this ambition.", None),
    ],
)
def test_decisions_only_where_the_document_states_one(sentence, decision):
    assert stated_decision(sentence) == decision


def test_a_scanned_pdf_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(50, 50, 500, 700, fill=1)
    page.showPage()
    page.save()
    with pytest.raises(BadInput, match="scan.pdf: this PDF has no text layer"):
        draft_plan(path)


def test_a_damaged_word_document_is_refused(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes((REPORTS / f"{REPORT_2007}.docx").read_bytes()[:3000])
    with pytest.raises(BadInput, match="report.docx: .*damaged"):
        draft_plan(path)


def test_a_document_with_no_recommendations_is_refused(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the board\n\nPresent: the governor and the secretary.\n")
    with pytest.raises(BadInput, match="minutes.txt: no numbered recommendations"):
        draft_plan(path)


def test_the_draft_command_stores_the_draft_and_says_so(db_path, capsys):
    from actionplans.cli.main import main
    from actionplans.storage.store import Store

    status = main(["--db", str(db_path), "draft", str(REPORTS / f"{RESPONSE_2019}.txt")])
    out = capsys.readouterr().out
    assert status == 0
    assert out.strip() == (
        "Drafted plan 1: Government response to the ACMD report on Custody - Community "
        "Transitions (20 items)"
    )
    store = Store.open(db_path)
    plan = store.get_plan(1)
    assert [r.ref for r in plan.recommendations] == list(DECISIONS_2019)
    assert plan.summary()["Not Agreed"] == 3


def test_the_draft_command_exits_1_with_a_finding_per_doubtful_item(db_path, tmp_path, capsys):
    from actionplans.cli.main import main

    report = tmp_path / "gaps.txt"
    report.write_text(
        "Review of safety\n\nRecommendations\n\n1. The prison should reduce violence.\n\n"
        "2. The prison should review its use of force.\n\n"
        "4. The prison should publish its safety data.\n"
    )
    status = main(["--db", str(db_path), "draft", str(report), "--title", "Safety review"])
    captured = capsys.readouterr()
    assert status == 1
    assert "Drafted plan 1: Safety review (3 items)" in captured.out
    assert "recommendation 4 follows a gap in the numbering" in captured.err


def test_a_refused_draft_writes_nothing(db_path, tmp_path, capsys):
    from actionplans.cli.main import main
    from tests.support.plans import db_state

    main(["--db", str(db_path), "draft", str(REPORTS / f"{REPORT_2007}.txt")])
    before = db_state(db_path)
    scan = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(scan))
    page.rect(50, 50, 500, 700, fill=1)
    page.save()
    status = main(["--db", str(db_path), "draft", str(scan)])
    assert status == 2
    assert "scan.pdf: this PDF has no text layer" in capsys.readouterr().err
    assert db_state(db_path) == before


def test_an_older_hmip_summary_of_recommendations(tmp_path):
    """Dotted refs ("5.1"), addressees as sections, and the good practice numbered on after
    the recommendations left out."""
    report = tmp_path / "hmp-example-2019.txt"
    report.write_text(
        "Report on an unannounced inspection of HMP Example\n\n"
        "Section 5. Summary of recommendations and good practice\n\n"
        "To the governor\n\n"
        "5.1 The prison should reduce violence and keep prisoners safe.\n\n"
        "5.2 Staff should use force only when necessary and record it.\n\n"
        "To HMPPS\n\n"
        "5.3 HMPPS should fund the repairs to the wing roofs.\n\n"
        "Examples of good practice\n\n"
        "5.4 The peer mentors were trained well and supported new prisoners.\n",
        encoding="utf-8",
    )
    plan = draft_plan(report).plan
    assert plan.title == "Report on an unannounced inspection of HMP Example"
    assert [(r.ref, r.section) for r in plan.recommendations] == [
        ("5.1", "To the governor"),
        ("5.2", "To the governor"),
        ("5.3", "To HMPPS"),
    ]
