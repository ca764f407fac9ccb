"""A person opens the brief for their next round in a real browser and ticks off a step."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Shots
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser

JD = "Data Analyst\n\nMust have\n- Strong SQL\n- Managing stakeholders\n"


def test_a_person_reads_the_brief_and_ticks_a_checklist_step(
    page: Any, app_server: str, cli: Cli, shots: Shots
) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst", "--jd", JD)
    one = cli.json("round", "add", str(opp["id"]), "--status", "done")
    cli.json(
        "question",
        "add",
        str(one["id"]),
        "--text",
        "Tell me about a difficult stakeholder.",
        "--rating",
        "2",
        "--reaction",
        "negative",
    )
    cli.json(
        "feedback",
        "add",
        str(one["id"]),
        "--text",
        "They felt you lacked experience managing stakeholders.",
    )
    two = cli.json(
        "round", "add", str(opp["id"]), "--date", "2030-03-01T10:00", "--format", "video"
    )

    page.goto(f"{app_server}/rounds/{two['id']}/")
    page.get_by_role("link", name="Prep brief for this round").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Round 2 brief")
    assert "managing stakeholders" in page.locator("ul.doubts").inner_text()
    assert "Tell me about a difficult stakeholder." in page.locator("ul.counter").inner_text()
    shots("brief")

    page.evaluate("window.__stillHere = true")
    step = page.locator("#step-test-video")
    step.get_by_role("button").click()
    page.locator("#step-test-video.done").wait_for()
    assert page.evaluate("window.__stillHere === true")
    assert step.get_by_role("button").get_attribute("aria-pressed") == "true"
    shots("brief-ticked")

    page.reload()
    assert "done" in (page.locator("#step-test-video").get_attribute("class") or "")
