"""Search in Chromium: results as you type, matched words marked, meaning after the words."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from tests.browser.conftest import Shots, expect
from tests.browser.test_accessibility import _violations
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser


def _seed(cli: Cli) -> None:
    opp = cli.json(
        "opportunity",
        "add",
        "--company",
        "Northwind",
        "--role",
        "Platform Engineer",
        "--jd",
        "You will run our services on Kubernetes. <b>Not bold</b>",
    )
    rnd = cli.json("round", "add", str(opp["id"]))
    cli.json("interviewer", "add", str(rnd["id"]), "--name", "Renée Ødegård")
    cli.json(
        "question", "add", str(rnd["id"]), "--text", "Why do you want to leave your current job?"
    )


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_come_as_you_type_with_the_words_marked(
    browser: Any, cli: Cli, app_server: str, scheme: str, width: int, request: pytest.FixtureRequest
) -> None:
    _seed(cli)
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    shots = Shots(page, request.node.name)
    page.goto(app_server + "/search/")
    page.locator("#search-q").press_sequentially("kube", delay=60)
    hit = page.locator("li.search-hit")
    hit.first.wait_for()
    expect(hit).to_have_count(1)
    assert hit.locator("a").inner_text() == "Platform Engineer at Northwind"
    assert hit.locator("mark").all_inner_texts() == ["Kubernetes"]
    assert "<b>Not bold</b>" in hit.inner_text()  # shown as the text it is
    assert page.url.endswith("/search/?q=kube")  # the address follows, for back and reload
    shots("kube")
    # Accents and capitals do not matter.
    page.locator("#search-q").fill("")
    page.locator("#search-q").press_sequentially("RENEE", delay=40)
    page.locator("li.search-hit a", has_text="Renée Ødegård").wait_for()
    assert page.locator("li.search-hit mark").first.inner_text() == "Renée"
    assert _violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    shots("renee")
    if importlib.util.find_spec("onnxruntime") is not None:
        page.locator("#search-q").fill("reasons for leaving")
        section = page.locator("section#search-meaning")
        section.locator("h2", has_text="Close in meaning").wait_for()
        assert section.locator("li.search-hit a").all_inner_texts() == [
            "Why do you want to leave your current job?"
        ]
        assert _violations(page) == []
        shots("meaning")
    context.close()
