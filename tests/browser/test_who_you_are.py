"""A new user says who they are on the welcome page, and fixes who an invite took to be them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Shots, expect
from tests.cli_harness import Cli
from tests.services.test_who_you_are import LENA, OWEN, PRIYA, ics

pytestmark = pytest.mark.browser


def test_the_welcome_page_asks_who_you_are_and_can_be_skipped(
    page: Any, app_server: str, cli: Cli, shots: Shots
) -> None:
    page.goto(app_server + "/welcome/")
    step = page.get_by_role("region", name="Who you are")
    expect(step.get_by_label("Your name", exact=True)).to_be_visible()
    shots("welcome-who-you-are")
    step.get_by_role("link", name="Skip for now").click()
    assert page.evaluate("location.hash") == "#start"
    expect(page.get_by_role("heading", name="Get started")).to_be_visible()

    step.get_by_label("Your name", exact=True).fill("Priya Raman")
    step.get_by_label("Your email", exact=True).fill("priya at home")
    step.get_by_role("button", name="Save who I am").click()
    expect(page.locator("#who-you-are")).to_contain_text("Enter a valid email address")
    assert page.get_by_label("Your name", exact=True).input_value() == "Priya Raman"
    page.get_by_label("Your email", exact=True).fill("priya.raman@fastmail.example")
    page.get_by_role("button", name="Save who I am").click()
    assert (
        "You are Priya Raman (priya.raman@fastmail.example)"
        in page.locator(".who-you-are").inner_text()
    )
    shots("welcome-saved")
    assert cli.json("profile", "show")["email"] == "priya.raman@fastmail.example"


def test_took_someone_to_be_you_and_change_puts_them_on_the_round(
    page: Any, app_server: str, cli: Cli, shots: Shots, tmp_path: Path
) -> None:
    opp = cli.json("opportunity", "add", "--company", "Corvid Systems", "--role", "Data Lead")
    invite = tmp_path / "final-interview.ics"
    invite.write_bytes(ics("Final interview: Priya Raman / Data Lead", [OWEN, LENA, PRIYA], OWEN))

    page.goto(f"{app_server}/opportunities/{opp['id']}/")
    page.get_by_text("Add or update a round from a calendar invite").click()
    page.get_by_label("Invite (.ics)", exact=True).set_input_files(str(invite))
    page.get_by_role("button", name="Import invite").click()
    message = page.locator(".messages")
    assert "Took Priya Raman to be you (the attendee named in the invite's title) — change" in (
        " ".join(message.inner_text().split())
    )
    people = page.locator("#people")
    expect(people).to_contain_text("Owen Blake")
    expect(people).not_to_contain_text("Priya Raman")
    shots("took-priya-to-be-you")

    # Here Priya is really an interviewer (a colleague forwarded the invite): change it.
    message.get_by_role("link", name="change").click()
    expect(page.get_by_role("heading", name="Which of these people is you?")).to_be_visible()
    shots("who-is-you")
    not_me = "No, Priya Raman is an interviewer: add them to round 1"
    page.get_by_role("button", name=not_me).click()
    expect(page.locator(".messages")).to_contain_text("Added Priya Raman to round 1.")
    expect(page.locator("#people")).to_contain_text("Priya Raman")
    expect(page.locator("#people li.person")).to_have_count(3)
    shots("priya-on-the-round")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_who_you_are_pages_pass_axe_and_fit_the_screen(
    browser: Any, app_server: str, cli: Cli, tmp_path: Path, scheme: str, width: int
) -> None:
    from tests.browser.test_accessibility import _violations

    opp = cli.json("opportunity", "add", "--company", "Corvid Systems", "--role", "Data Lead")
    invite = tmp_path / "final-interview.ics"
    invite.write_bytes(ics("Final interview: Priya Raman / Data Lead", [OWEN, LENA, PRIYA], OWEN))
    cli("round", "import-invite", str(opp["id"]), str(invite))
    round_id = cli.json("round", "list", str(opp["id"]))[0]["id"]
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    too_wide: dict[str, int] = {}
    for name, url in {
        "welcome": "/welcome/",
        "who-is-you": f"/rounds/{round_id}/who-is-you/?name=Priya+Raman&email=p%40fastmail.example",
        "round": f"/rounds/{round_id}/",
    }.items():
        page.goto(app_server + url)
        if found := _violations(page):
            problems[name] = found
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        if scrolled > width + 1:
            too_wide[name] = scrolled
    context.close()
    assert problems == {}
    assert too_wide == {}
