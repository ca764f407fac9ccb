"""A person opens the brief for their next round in a real browser and ticks off a step."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Shots, expect
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
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Round 2 brief"))
    expect(page.locator("ul.doubts")).to_contain_text("managing stakeholders")
    expect(page.locator("ul.counter")).to_contain_text("Tell me about a difficult stakeholder.")
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
