"""Every main page, light and dark, checked by axe-core in Chromium: no serious violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Shots
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"


def _seed(cli: Cli) -> dict[str, int]:
    opp = cli.json(
        "opportunity",
        "add",
        "--company",
        "Acme",
        "--role",
        "Analyst",
        "--jd",
        "Must have\n- SQL",
        "--stage",
        "interviewing",
    )
    rnd = cli.json("round", "add", str(opp["id"]), "--date", "2026-12-03T10:00+00:00")
    person = cli.json("interviewer", "add", str(rnd["id"]), "--name", "Tom Okafor")
    cli.json(
        "question",
        "add",
        str(rnd["id"]),
        "--text",
        "Why us?",
        "--rating",
        "2",
        "--reaction",
        "negative",
        "--interviewer",
        str(person["id"]),
    )
    cli.json("feedback", "add", str(rnd["id"]), "--text", "Needs more depth.")
    cli.json("story", "add", "--title", "Churn model", "--action", "I built it.", "--skill", "SQL")
    cli.json("requirement", "add", str(opp["id"]), "--text", "SQL")
    return {"opportunity": opp["id"], "round": rnd["id"]}


def _violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(result)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_main_page_passes_axe(
    browser: Any, cli: Cli, app_server: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    ids = _seed(cli)
    # axe is injected as an inline script, which the app's own CSP rightly refuses.
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": 1200, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    shots = Shots(page, request.node.name)
    urls = {
        "dashboard": "/",
        "opportunity": f"/opportunities/{ids['opportunity']}/",
        "opportunity-form": "/opportunities/new/",
        "round": f"/rounds/{ids['round']}/",
        "round-form": f"/rounds/{ids['round']}/edit/",
        "stories": "/stories/",
        "practice": f"/practice/?round={ids['round']}",
        "search": "/search/?q=why",
        "not-found": "/opportunities/999/",
        "welcome": "/welcome/",
        "brief": f"/rounds/{ids['round']}/brief/",
        "evidence-map": f"/opportunities/{ids['opportunity']}/evidence/",
        "follow-ups": f"/rounds/{ids['round']}/follow-up/",
        "offers": "/offers/",
        "profile": "/profile/",
        "cv-import": "/cv/import/",
        "profile-import": f"/rounds/{ids['round']}/profile/",
    }
    problems = {}
    for name, url in urls.items():
        page.goto(app_server + url)
        shots(f"{scheme}-{name}")
        found = _violations(page)
        if found:
            problems[name] = found
    context.close()
    assert problems == {}


def test_keyboard_focus_is_visible(page: Any, app_server: str, shots: Shots) -> None:
    page.goto(app_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    shots("skip-link")


def test_every_main_page_fits_a_phone_screen(
    browser: Any, cli: Cli, app_server: str, request: pytest.FixtureRequest
) -> None:
    ids = _seed(cli)
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    shots = Shots(page, request.node.name)
    too_wide = {}
    for name, url in {
        "dashboard": "/",
        "opportunity": f"/opportunities/{ids['opportunity']}/",
        "round": f"/rounds/{ids['round']}/",
        "brief": f"/rounds/{ids['round']}/brief/",
        "practice": f"/practice/?round={ids['round']}",
        "follow-ups": f"/rounds/{ids['round']}/follow-up/",
        "offers": "/offers/",
        "stories": "/stories/",
    }.items():
        page.goto(app_server + url)
        shots(f"phone-{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 376:
            too_wide[name] = width
    context.close()
    assert too_wide == {}
