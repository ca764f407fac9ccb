"""In Chromium, the date boxes of an edit form show the stored dates, and Save keeps them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import expect
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser


def test_the_offer_and_round_edit_forms_show_their_dates_and_keep_them(
    browser: Any, cli: Cli, app_server: str
) -> None:
    opp = cli.json("opportunity", "add", "--company", "Lumen Pay", "--role", "Senior PM")["id"]
    offer = cli.json(
        "offer", "add", "--opportunity", str(opp), "--salary", "95000",
        "--start", "2027-01-11", "--deadline", "2030-01-20",
    )["id"]  # fmt: skip
    round_ = cli.json(
        "round", "add", str(opp), "--date", "2030-12-08T14:00",
        "--timezone", "Europe/London", "--news-by", "2030-12-14",
    )["id"]  # fmt: skip
    # A British browser, as the walk-through used: the page's own locale is en-gb too.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()

    page.goto(f"{app_server}/offers/{offer}/edit/")
    expect(page.get_by_label("Start date")).to_have_value("2027-01-11")
    expect(page.get_by_label("Reply by")).to_have_value("2030-01-20")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved Senior PM at Lumen Pay.")).to_be_visible()
    page.goto(f"{app_server}/offers/{offer}/edit/")
    expect(page.get_by_label("Start date")).to_have_value("2027-01-11")
    expect(page.get_by_label("Reply by")).to_have_value("2030-01-20")

    page.goto(f"{app_server}/rounds/{round_}/edit/")
    expect(page.get_by_label("Date and time")).to_have_value("2030-12-08T14:00")
    expect(page.get_by_label("News expected by")).to_have_value("2030-12-14")
    page.get_by_role("button", name="Save round").click()
    expect(page.get_by_text("Saved round 1.")).to_be_visible()

    stored = next(o for o in cli.json("offer", "list") if o["id"] == offer)
    assert (stored["start_date"], stored["deadline"]) == ("2027-01-11", "2030-01-20")
    shown = cli.json("round", "show", str(round_))
    assert shown["news_expected_on"] == "2030-12-14"
    assert shown["scheduled_at"].startswith("2030-12-08T14:00")
    context.close()
