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
    # A real job's requirement, long and with long words: the brief's evidence table must not
    # widen a phone's page.
    cli.json(
        "requirement",
        "add",
        str(opp["id"]),
        "--text",
        "Experience of SystmOne/EMIS/Rio electronic patient records and of musculoskeletal "
        "interface-service triage, including injection-therapy-competency sign-off",
    )
    return {"opportunity": opp["id"], "round": rnd["id"]}


def _violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(result)


# Runs of letters (the words of "What the job involves", "SystmOne") that are drawn on more than one
# line: a cell or badge that breaks "Essential" into "Ess/ent/ial". In a cell, breaks at spaces,
# hyphens and slashes are fine.
SPLIT_WORDS = """selector => {
  const split = [];
  for (const el of document.querySelectorAll(selector)) {
    // A badge is drawn whole on one line ("Follow-up question", never "Follow- / up question"),
    // wherever it falls in the line.
    const whole = getComputedStyle(el).whiteSpace === "nowrap" && el.getClientRects().length === 1;
    if (el.classList.contains("tag") && !whole) split.push(el.textContent);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\p{L}+/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(word[0]);
      }
    }
  }
  return split;
}"""
# Where words must stay whole at 375 px: the brief's evidence table and the badges of the brief
# and the night-before page.
WHOLE_WORDS = {
    "brief": ".brief-body td, .brief-body th, .brief-body .tag",
    "night-before": ".brief-body .tag",
}


def _urls(ids: dict[str, int]) -> dict[str, str]:
    return {
        "dashboard": "/",
        "opportunity": f"/opportunities/{ids['opportunity']}/",
        "opportunity-form": "/opportunities/new/",
        "round": f"/rounds/{ids['round']}/",
        "round-form": f"/rounds/{ids['round']}/edit/",
        "stories": "/stories/",
        "practice": f"/practice/?round={ids['round']}",
        "search": "/search/?q=why",
        "not-found": "/opportunities/999/",
        "unknown-address": "/stories/999/nope/",
        "welcome": "/welcome/",
        "brief": f"/rounds/{ids['round']}/brief/",
        "night-before": f"/rounds/{ids['round']}/night-before/",
        "evidence-map": f"/opportunities/{ids['opportunity']}/evidence/",
        "follow-ups": f"/rounds/{ids['round']}/follow-up/",
        "offers": "/offers/",
        "calendar": "/calendar/",
        "profile": "/profile/",
        "cv-import": "/cv/import/",
        "profile-import": f"/rounds/{ids['round']}/profile/",
    }


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_main_page_passes_axe_and_fits_its_screen(
    browser: Any, cli: Cli, app_server: str, scheme: str, width: int, request: pytest.FixtureRequest
) -> None:
    ids = _seed(cli)
    # Two offers, so the offers page shows its comparison table, the widest thing on it.
    for label, salary in (("Acme offer", "52000"), ("Acme counter-offer", "56000")):
        cli.json(
            "offer",
            "add",
            "--opportunity",
            str(ids["opportunity"]),
            "--label",
            label,
            "--salary",
            salary,
            "--currency",
            "GBP",
        )
    # axe is injected as an inline script, which the app's own CSP rightly refuses.
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    shots = Shots(page, request.node.name)
    problems = {}
    too_wide = {}
    split = {}
    for name, url in _urls(ids).items():
        page.goto(app_server + url)
        shots(f"{scheme}-{width}-{name}")
        found = _violations(page)
        if found:
            problems[name] = found
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        if scrolled > width + 1:
            too_wide[name] = scrolled
        if name in WHOLE_WORDS:
            assert page.locator(WHOLE_WORDS[name]).count(), name  # something to check
            if page.evaluate(SPLIT_WORDS, WHOLE_WORDS[name]):
                split[name] = page.evaluate(SPLIT_WORDS, WHOLE_WORDS[name])
    context.close()
    assert problems == {}
    assert too_wide == {}, f"pages wider than {width} px: {too_wide}"
    assert split == {}, f"words broken across lines at {width} px: {split}"


def test_keyboard_focus_is_visible(page: Any, app_server: str, shots: Shots) -> None:
    page.goto(app_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    shots("skip-link")
