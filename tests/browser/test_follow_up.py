"""A person drafts thank-you notes after a round, then records and compares two offers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Shots, expect
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser

INVITE = Path(__file__).resolve().parents[1] / "formats" / "data" / "invites" / "google_meet.ics"


def test_a_person_drafts_thank_you_notes_and_compares_two_offers(
    page: Any, app_server: str, cli: Cli, shots: Shots
) -> None:
    cli("profile", "set", "--name", "Alex Morgan", "--email", "alex.morgan.jobs@mailbox.example")
    opp = cli.json("opportunity", "add", "--company", "Lumenfield", "--role", "Data Engineer")
    cli("opportunity", "add", "--company", "Harrowgate", "--role", "Platform Lead")

    # The invite comes in through the opportunity page and makes the round and its panel.
    page.goto(f"{app_server}/opportunities/{opp['id']}/")
    page.get_by_text("Add or update a round from a calendar invite").click()
    page.get_by_label("Invite (.ics)", exact=True).set_input_files(str(INVITE))
    page.get_by_role("button", name="Import invite").click()
    expect(page.get_by_role("heading", name="Round 1")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Tomás Ferreira")
    shots("round-from-invite")

    page.get_by_role("link", name="Thank-you notes and chasers").click()
    page.get_by_role("button", name="Draft thank-you notes").click()
    notes = page.locator("li.follow-up")
    expect(notes).to_have_count(2)
    priya = notes.filter(has_text="Priya Shah")
    assert priya.get_by_label("Note", exact=True).input_value().startswith("Dear Priya,")
    mailto = priya.get_by_role("link", name="Open in your mail app").get_attribute("href")
    assert mailto.startswith("mailto:priya.shah@lumenfield.example?subject=")
    shots("thank-you-drafts")
    priya.get_by_role("button", name="Mark sent (the note to Priya Shah)").click()
    expect(page.locator("li.follow-up", has_text="Priya Shah")).to_contain_text("Sent")

    # Two offers: one from Lumenfield, and the current job to weigh it against.
    page.get_by_role("link", name="Offers", exact=True).click()
    form = page.locator("form", has=page.get_by_role("button", name="Save offer"))
    form.get_by_label("Opportunity", exact=True).select_option(label="Data Engineer at Lumenfield")
    form.get_by_label("Salary", exact=True).fill("72000")
    form.get_by_label("Currency", exact=True).fill("GBP")
    form.get_by_role("button", name="Save offer").click()
    form = page.locator("form", has=page.get_by_role("button", name="Save offer"))
    form.get_by_label("Opportunity", exact=True).select_option(label="My current job")
    form.get_by_label("Label", exact=True).fill("My current job")
    form.get_by_label("Salary", exact=True).fill("65000")
    form.get_by_label("Currency", exact=True).fill("GBP")
    form.get_by_role("button", name="Save offer").click()

    matrix = page.locator("table.matrix")
    expect(matrix.locator("tbody tr")).to_have_count(2)
    page.get_by_label("Growth and learning rating for My current job").fill("9")
    page.get_by_label("Commute rating for My current job").fill("9")
    page.get_by_label("Growth and learning rating for Data Engineer at Lumenfield").fill("6")
    page.get_by_role("button", name="Update the matrix").click()
    first = page.locator("table.matrix tbody tr").first
    expect(first).to_contain_text("My current job")
    expect(page.locator(".sensitivity")).to_contain_text(
        "would put Data Engineer at Lumenfield ahead of My current job"
    )
    shots("offer-matrix")
