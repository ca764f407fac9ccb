"""A person opens nextround in a real browser and records their first opportunity."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Shots, expect

pytestmark = pytest.mark.browser

JD = "Senior Data Analyst\n\nMust have\n- SQL\n- Managing stakeholders\n"


def test_a_person_creates_an_opportunity_and_debriefs_a_round(
    page: Any, app_server: str, shots: Shots
) -> None:
    page.goto(app_server + "/")
    # A first run opens on the welcome page; from there the board is one step on.
    expect(page.get_by_role("heading", name="Called back for another round?")).to_be_visible()
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", name="Your interviews")).to_be_visible()
    shots("empty-dashboard")

    page.get_by_role("link", name="Add your first opportunity").click()
    page.get_by_label("Company", exact=True).fill("Acme Retail")
    page.get_by_label("Role", exact=True).fill("Senior Data Analyst")
    page.get_by_label("Stage", exact=True).select_option("interviewing")
    page.get_by_label("Job description", exact=True).fill(JD)
    shots("new-opportunity-form")
    page.get_by_role("button", name="Save opportunity").click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Senior Data Analyst")
    expect(heading).to_contain_text("Acme Retail")
    expect(page.locator(".jd")).to_contain_text("Managing stakeholders")
    shots("opportunity")

    page.get_by_role("link", name="Add round 1").click()
    page.get_by_label("Date and time", exact=True).fill("2026-11-17T10:00")
    page.get_by_label("Time zone", exact=True).select_option("Europe/London")
    page.get_by_label("Status", exact=True).select_option("done")
    page.get_by_role("button", name="Save round").click()
    expect(page.get_by_role("heading", name="Round 1")).to_be_visible()

    # Debrief question by question: htmx swaps the list in place, the page is not reloaded.
    page.evaluate("window.__stillHere = true")
    questions = page.locator("#questions")
    questions.get_by_label("Question", exact=True).fill("Tell me about a difficult stakeholder.")
    questions.get_by_label("My rating", exact=True).select_option("2")
    questions.get_by_label("Interviewer reaction", exact=True).select_option("negative")
    questions.get_by_role("button", name="Add question").click()
    page.locator("#questions li.question").first.wait_for()
    assert page.evaluate("window.__stillHere === true")
    expect(page.locator("#questions li.question").first).to_contain_text("My rating 2/5")
    assert page.locator("#questions textarea[name=text]").input_value() == ""
    shots("round-debrief")

    # Practise the question that went badly, with the timer running and feedback in place.
    page.get_by_role("link", name="Practise for this round").click()
    page.get_by_role("link", name="Tell me about a difficult stakeholder.").click()
    page.evaluate("window.__stillHere = true")
    page.get_by_label("Answer", exact=True).press_sequentially("I think we sort of ")
    page.get_by_label("Answer", exact=True).fill(
        "I think we sort of fixed it. Our finance lead doubted the churn numbers, so I met "
        "her weekly, rebuilt the SQL with her team and cut disputes from 5 days to 1."
    )
    page.wait_for_function("document.querySelector('[data-timer]').textContent.includes('Time')")
    page.get_by_role("button", name="Get feedback").click()
    page.locator("#feedback section.feedback").wait_for()
    assert page.evaluate("window.__stillHere === true")
    assert page.locator(".marked mark", has_text="sort of").count() >= 1
    shots("practice-feedback")

    page.goto(app_server + "/")
    expect(page.locator("#col-interviewing")).to_contain_text("Acme Retail")
    shots("dashboard")


def test_the_dashboard_fits_a_phone_screen(browser: Any, app_server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    phone.goto(app_server + "/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375
