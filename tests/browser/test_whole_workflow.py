"""The whole workflow of DESIGN.md in one browser session, a screenshot of every page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Shots, expect

pytestmark = pytest.mark.browser

JD = """Senior Data Analyst

## Must have
- Strong SQL
- Managing stakeholders across departments
- Clear written communication

## Nice to have
- Airflow
"""


def _label(scope: Any, text: str) -> Any:
    return scope.get_by_label(text, exact=True)


def test_a_person_goes_from_a_job_advert_to_comparing_offers(
    page: Any, app_server: str, shots: Shots
) -> None:
    # 1. Record the opportunity from a pasted job description.
    page.goto(app_server + "/")
    shots("dashboard-empty")
    page.get_by_role("link", name="Add your first opportunity").click()
    _label(page, "Company").fill("Acme Retail")
    _label(page, "Role").fill("Senior Data Analyst")
    _label(page, "Stage").select_option("interviewing")
    _label(page, "Job description").fill(JD)
    page.get_by_role("button", name="Save opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acme Retail")
    shots("opportunity")

    # 2. Debrief round one: two questions and the consultant's feedback.
    page.get_by_role("link", name="Add round 1").click()
    _label(page, "Date and time").fill("2026-11-17T10:00")
    _label(page, "Time zone").select_option("Europe/London")
    _label(page, "Status").select_option("done")
    page.get_by_role("button", name="Save round").click()
    questions = page.locator("#questions")
    for text, rating, reaction in [
        ("Tell me about a time you handled a difficult stakeholder.", "2", "negative"),
        ("Walk me through an analysis you are proud of.", "4", "positive"),
    ]:
        _label(questions, "Question").fill(text)
        _label(questions, "My rating").select_option(rating)
        _label(questions, "Interviewer reaction").select_option(reaction)
        questions.get_by_role("button", name="Add question").click()
        page.locator("#questions li.question", has_text=text).wait_for()
    feedback = page.locator("#feedback")
    feedback.get_by_text("Add feedback", exact=True).and_(feedback.locator("summary")).click()
    _label(feedback, "Text").fill(
        "They liked your SQL but felt you lacked experience managing stakeholders."
    )
    feedback.get_by_role("button", name="Add feedback").click()
    page.locator("#feedback blockquote").wait_for()
    shots("round-one-debrief")

    # 3. Plan round two with two interviewers.
    page.get_by_role("link", name="Senior Data Analyst at Acme Retail").first.click()
    page.get_by_role("link", name="Add round 2").click()
    _label(page, "Date and time").fill("2030-03-01T14:00")
    _label(page, "Time zone").select_option("Europe/London")
    _label(page, "Purpose").select_option("second-opinion")
    page.get_by_role("button", name="Save round").click()
    round_two = page.url
    people = page.locator("#people")
    for name, title, role in [
        ("Tom Okafor", "Head of Data", "senior-executive"),
        ("Dana Levi", "Data Engineer", "team-member"),
    ]:
        summary = people.locator("summary", has_text="Add an interviewer")
        if people.locator("details[open]").count() == 0:
            summary.click()
        _label(people, "Name").fill(name)
        _label(people, "Job title").fill(title)
        _label(people, "Role in the process").select_option(role)
        people.get_by_role("button", name="Add interviewer").click()
        people = page.locator("#people")
        people.locator("li.person", has_text=name).wait_for()
    expect(page.locator("#people li.person")).to_have_count(2)
    shots("round-two-panel")

    # 4. The brief for round two.
    page.get_by_role("link", name="Prep brief for this round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Round 2 brief"))
    brief = page.locator("main").inner_text()
    assert "Tom Okafor" in brief
    assert "stakeholder" in brief.lower()
    shots("brief")

    # 5. Practise the question that went badly and see feedback on the words.
    page.go_back()
    page.get_by_role("link", name="Practise for this round").click()
    page.get_by_role(
        "link", name="Tell me about a time you handled a difficult stakeholder."
    ).first.click()
    _label(page, "Answer").fill(
        "I think we sort of fixed it. Our finance director disputed the churn numbers, so I "
        "met her weekly, rebuilt the SQL with her team and cut disputes from 5 days to 1."
    )
    page.get_by_role("button", name="Get feedback").click()
    page.locator("#feedback section.feedback").wait_for()
    assert page.locator(".marked mark", has_text="sort of").count() >= 1
    shots("practice-feedback")

    # 6. Thank-you notes for round two's interviewers.
    page.goto(round_two)
    page.get_by_role("link", name="Thank-you notes and chasers").click()
    page.get_by_role("button", name="Draft thank-you notes").click()
    notes = page.locator("li.follow-up")
    expect(notes).to_have_count(2)
    texts = [_label(notes.nth(i), "Note").input_value() for i in range(2)]
    assert texts[0] != texts[1]
    assert any(t.startswith("Dear Tom,") for t in texts)
    shots("thank-you-notes")

    # 7. Record two offers (one is the current job) and compare them.
    page.get_by_role("link", name="Offers", exact=True).click()
    form = page.locator("form", has=page.get_by_role("button", name="Save offer"))
    _label(form, "Opportunity").select_option(label="Senior Data Analyst at Acme Retail")
    _label(form, "Salary").fill("72000")
    _label(form, "Currency").fill("GBP")
    form.get_by_role("button", name="Save offer").click()
    form = page.locator("form", has=page.get_by_role("button", name="Save offer"))
    _label(form, "This is my current job").check()
    _label(form, "Label").fill("My current job")
    _label(form, "Salary").fill("65000")
    _label(form, "Currency").fill("GBP")
    form.get_by_role("button", name="Save offer").click()
    expect(page.locator("table.matrix tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Update the matrix").click()
    expect(page.locator(".sensitivity")).to_have_text(re.compile(r"\S"))
    shots("offers")

    page.goto(app_server + "/")
    shots("dashboard")
