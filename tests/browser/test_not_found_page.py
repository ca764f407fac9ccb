"""The real server's 404 page at 375 px: the site's own page, no route list, nothing overflows."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/nope/", "/stories/1/", "/opportunities/1/nope/"])
def test_an_unknown_address_at_375_px_is_the_friendly_page(
    browser: Any, app_server: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    response = page.goto(f"{app_server}{path}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.locator("header.site-header")).to_be_visible()
    text = page.locator("body").inner_text()
    assert "URLPattern" not in text and "tried" not in text and "Traceback" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="Back to the dashboard").or_(
        page.get_by_role("link", name="back to the dashboard")
    ).click()
    expect(page).to_have_url(f"{app_server}/welcome/")  # a new user's dashboard opens on it
    context.close()
