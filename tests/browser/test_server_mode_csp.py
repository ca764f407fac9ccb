"""In Chromium, server mode's strict Content-Security-Policy leaves htmx working, and a commenter
adds feedback to a shared round in place."""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.conftest import Server, seeded  # noqa: F401  (a seeded server-mode gunicorn)

pytestmark = pytest.mark.browser


def test_htmx_swaps_in_feedback_under_the_csp_with_no_violation(
    seeded: tuple[Server, dict[str, Any]],  # noqa: F811
    page: Any,
    shots: Any,
) -> None:
    server, data = seeded
    violations: list[str] = []
    problems: list[str] = []
    page.on(
        "console",
        # The browser's own favicon request is no page's doing.
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error" and "favicon" not in msg.location.get("url", "")
            else None
        ),
    )
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto(server.url + "/")
    page.get_by_label("Username").fill("commenter")
    page.get_by_label("Password").fill(data["password"])
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server.url}/rounds/{data['ids']['round1']}/")
    shots("shared-round")
    page.evaluate("window.nextroundMarker = 'still here'")
    page.locator("#feedback summary", has_text="Add feedback").first.click()
    form = page.locator("#feedback form.form").first
    form.locator("textarea[name=text]").fill(
        "The panel liked the pricing example; expect a case study next."
    )
    with page.expect_response(lambda r: "/feedback/" in r.url and r.request.method == "POST"):
        form.get_by_role("button", name="Add feedback").click()
    page.locator("#feedback").get_by_text("expect a case study next").wait_for()
    shots("feedback-added")
    # Swapped in by htmx: the page was not reloaded.
    assert page.evaluate("window.nextroundMarker") == "still here"
    assert violations == []
    assert problems == []


def test_the_api_docs_load_from_vendored_files_under_the_csp(
    seeded: tuple[Server, dict[str, Any]],  # noqa: F811
    page: Any,
) -> None:
    server, data = seeded
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None,
    )
    page.goto(server.url + "/")
    page.get_by_label("Username").fill("commenter")
    page.get_by_label("Password").fill(data["password"])
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server.url}/api/docs")
    page.locator("#swagger-ui .title", has_text="nextround API").wait_for()
    assert page.locator("#swagger-ui .opblock").count() > 10
    assert outside == [] and not [v for v in violations if "script" in v]
