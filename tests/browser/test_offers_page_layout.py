"""The offers page at 375 and 1280 px: room around the heading, the weights level and legible."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Shots, expect
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser


def _seed(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    offer = ("--label", "Acme offer", "--salary", "53000")
    cli.json("offer", "add", "--opportunity", str(opp), *offer)
    cli.json("offer", "add", "--current-job", "--label", "Current", "--salary", "48000")


def _box(locator: Any) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None
    return dict(box)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_offers_page_reads_well_on_a_phone_and_a_wide_screen(
    browser: Any, cli: Cli, app_server: str, width: int, request: pytest.FixtureRequest
) -> None:
    _seed(cli)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(app_server + "/offers/")
    Shots(page, request.node.name)(f"offers-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The heading has room above and below it, and the page's sections start clear of it.
    crumbs, h1 = _box(page.locator("main .crumbs")), _box(page.locator("main h1"))
    assert h1["y"] - (crumbs["y"] + crumbs["height"]) >= 8
    header = _box(page.locator("main header.page-header"))
    matrix_h = _box(page.get_by_role("heading", name="Decision matrix"))
    assert matrix_h["y"] - (header["y"] + header["height"]) >= 24

    # Every weight box is level with the others, under its own "weight", wide enough to read.
    weights = page.locator("table.matrix input.weight")
    expect(weights).to_have_count(8)
    tops = set()
    for i in range(weights.count()):
        box = weights.nth(i)
        field = _box(box)
        tops.add(round(field["y"]))
        assert field["width"] >= 56, field
        label = _box(page.locator(f"label[for='{box.get_attribute('id')}']"))
        assert label["y"] + label["height"] <= field["y"] + 1
        cell = _box(box.locator("xpath=ancestor::th"))
        assert field["x"] - cell["x"] >= 8 and cell["x"] + cell["width"] - field["x"] >= 64
    assert max(tops) - min(tops) <= 1, sorted(tops)

    # "current job" stays on one line beside the option's name.
    badge = _box(page.locator("table.matrix tbody th .badge"))
    assert badge["height"] <= 26, badge

    # Editing an offer sits with its other actions, not on a line of its own.
    card = page.locator("li.offer", has_text="Acme offer")
    edit, accept = card.get_by_role("link", name="Edit Acme offer"), card.get_by_text("Accept")
    assert abs(_box(edit)["y"] - _box(accept)["y"]) <= 2
    context.close()
