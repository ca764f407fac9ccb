"""The round page in a real browser: prep or debrief by state, skip links, focus after an add."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Shots, expect
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser

ACTIVE = "document.activeElement"


def _focused(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            f"({{id: {ACTIVE}.id, tag: {ACTIVE}.tagName.toLowerCase(),"
            f" name: {ACTIVE}.getAttribute('name') || '', text: {ACTIVE}.innerText || ''}})"
        )
    )


def _rounds(cli: Cli) -> tuple[int, int]:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    done = cli.json("round", "add", str(opp), "--status", "done")["id"]
    ahead = cli.json("round", "add", str(opp), "--date", "2030-03-01T10:00")["id"]
    cli.json("interviewer", "add", str(ahead), "--name", "Dana Levi", "--role", "team-member")
    return done, ahead


def test_the_round_page_by_state_with_the_keyboard_and_focus_on_what_was_added(
    page: Any, app_server: str, cli: Cli, shots: Shots
) -> None:
    done, ahead = _rounds(cli)

    # A planned round: the prep, no debrief; two Tabs and Enter reach the add form.
    page.goto(f"{app_server}/rounds/{ahead}/")
    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()
    expect(page.get_by_role("link", name="The night before")).to_be_visible()
    expect(page.get_by_role("heading", name="Questions they asked")).to_have_count(0)
    shots("planned-round")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Skip to add a question to ask"
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "add-ask"
    page.keyboard.press("Tab")
    assert (_focused(page)["tag"], _focused(page)["name"]) == ("textarea", "text")
    page.keyboard.type("What would success look like in the first six months?")
    page.locator("#asks").get_by_role("button", name="Add question to ask").click()
    page.locator("#asks li", has_text="first six months").wait_for()
    focus = _focused(page)
    assert focus["id"].startswith("ask-") and "first six months" in focus["text"]
    shots("planned-round-ask-added")

    # A done round: the debrief; the new question takes the focus after htmx swaps the list.
    page.goto(f"{app_server}/rounds/{done}/")
    expect(page.get_by_role("heading", name="Get ready")).to_have_count(0)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Skip to add a question"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "text"
    page.keyboard.type("Why do you want to leave your current job?")
    page.locator("#questions").get_by_role("button", name="Add question").click()
    page.locator("#questions li.question").first.wait_for()
    focus = _focused(page)
    assert focus["id"].startswith("question-")
    assert "Why do you want to leave" in focus["text"]
    shots("done-round-question-added")


def test_without_javascript_the_page_comes_back_focused_on_the_new_item(
    browser: Any, app_server: str, cli: Cli
) -> None:
    done, _ = _rounds(cli)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    try:
        tab = context.new_page()
        tab.goto(f"{app_server}/rounds/{done}/")
        questions = tab.locator("#questions")
        questions.get_by_label("Question", exact=True).fill("What is your notice period?")
        questions.get_by_role("button", name="Add question").click()
        tab.wait_for_url("**/rounds/*/?added=questions-*")
        focus = _focused(tab)
        assert tab.url.endswith(f"#{focus['id']}")
        assert "What is your notice period?" in focus["text"]
        Shots(tab, "round_page_without_javascript")("question-added")
    finally:
        context.close()
