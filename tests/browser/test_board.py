"""A person moves cards on the board by keyboard, by dragging and with no JavaScript at all, then
puts the rounds in a calendar: a download, and a private address a calendar app reads."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from icalendar import Calendar

from tests.browser.conftest import Shots, expect
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser


def _seed(cli: Cli) -> dict[str, int]:
    soon = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    acme = cli.json("opportunity", "add", "--company", "Acme Retail", "--role", "Data Analyst")
    cli("round", "add", str(acme["id"]), "--date", "2026-11-17T10:00", "--status", "done")
    second = cli.json(
        "round", "add", str(acme["id"]), "--date", f"{soon}T14:00", "--timezone", "Europe/London"
    )
    globex = cli.json(
        "opportunity", "add", "--company", "Globex", "--role", "Insights Lead", "--stage", "applied"
    )
    return {"acme": acme["id"], "globex": globex["id"], "round": second["id"]}


def _column(page: Any, stage: str) -> Any:
    return page.locator(f"#col-{stage}")


def test_cards_move_by_keyboard_and_by_drag_and_stay_moved(
    page: Any, app_server: str, cli: Cli, shots: Shots
) -> None:
    ids = _seed(cli)
    page.goto(app_server + "/")
    # Acme has a second round: it was called back, not left in Applied.
    expect(_column(page, "callback")).to_contain_text("Acme Retail")
    expect(_column(page, "applied")).to_contain_text("Globex")
    card = page.locator(f"#card-{ids['acme']}")
    expect(card).to_contain_text("Round 2")
    expect(card).to_contain_text("in 3 days")
    expect(page.get_by_role("heading", name="This week")).to_be_visible()
    shots("board")

    # By keyboard: the card's Stage menu, then its Move button; focus stays on the card.
    page.evaluate("window.__stillHere = true")
    menu = page.get_by_label("Stage of Insights Lead at Globex")
    menu.focus()
    menu.press("ArrowDown")  # Applied -> Interviewing
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Move Insights Lead at Globex"
    page.keyboard.press("Enter")
    page.locator("#col-interviewing #card-" + str(ids["globex"])).wait_for()
    assert page.evaluate("window.__stillHere === true")  # moved in place, no reload
    expect(page.locator("#board-status")).to_have_text(
        "Moved Insights Lead at Globex to Interviewing."
    )
    page.wait_for_function(f"document.activeElement.id === 'move-{ids['globex']}'")
    shots("moved-by-keyboard")

    # By dragging the card onto another column.
    # Held by its edge, as a person grabs a card (not by its menu or its links).
    page.locator(f"#card-{ids['globex']}").drag_to(
        _column(page, "offer"), source_position={"x": 4, "y": 4}
    )
    page.locator(f"#col-offer #card-{ids['globex']}").wait_for()
    expect(page.locator("#board-status")).to_have_text("Moved Insights Lead at Globex to Offer.")
    expect(_column(page, "interviewing")).not_to_contain_text("Globex")
    shots("moved-by-drag")

    page.reload()
    expect(_column(page, "offer")).to_contain_text("Globex")
    assert page.get_by_label("Stage of Insights Lead at Globex").input_value() == "offer"


def _touch(cdp: Any, kind: str, x: float = 0, y: float = 0) -> None:
    """A finger on the screen, as a phone's touch screen sends it."""
    points = [] if kind == "touchEnd" else [{"x": x, "y": y, "id": 1}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def test_on_a_phone_a_card_is_dragged_by_touch_from_its_grip(
    browser: Any, app_server: str, cli: Cli
) -> None:
    ids = _seed(cli)
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    shots = Shots(phone, "test_on_a_phone_a_card_is_dragged_by_touch_from_its_grip")
    phone.goto(app_server + "/")
    grip = phone.locator(f"#card-{ids['globex']} .board-grip")
    expect(grip).to_be_visible()
    box = grip.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # big enough for a finger
    cdp = context.new_cdp_session(phone)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    _touch(cdp, "touchStart", x, y)
    # Offer is three columns down a phone's board: held near the bottom, the page scrolls on.
    for step in range(1, 11):
        _touch(cdp, "touchMove", x, y + (700 - y) * step / 10)
    offer = _column(phone, "offer")
    phone.wait_for_function(
        "() => document.getElementById('col-offer').getBoundingClientRect().top < 600"
    )
    top = offer.bounding_box()["y"]
    _touch(cdp, "touchMove", x, top + 20)
    expect(offer).to_have_class(re.compile(r"\bdrop-here\b"))
    shots("held-over-offer")
    _touch(cdp, "touchEnd")
    phone.locator(f"#col-offer #card-{ids['globex']}").wait_for()
    expect(phone.locator("#board-status")).to_have_text("Moved Insights Lead at Globex to Offer.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shots("moved-by-touch")
    # A finger anywhere else on a card scrolls the page, as it does everywhere else.
    assert phone.evaluate(
        "getComputedStyle(document.querySelector('.board-card')).touchAction"
    ) in ("auto", "")
    context.close()


def test_without_javascript_a_card_moves_with_its_form(
    browser: Any, app_server: str, cli: Cli
) -> None:
    ids = _seed(cli)
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(app_server + "/")
    plain.get_by_label("Stage of Insights Lead at Globex").select_option("withdrawn")
    plain.get_by_role("button", name="Move Insights Lead at Globex").click()
    plain.wait_for_url(f"**/#card-{ids['globex']}")
    expect(plain.locator(".messages")).to_contain_text(
        "Moved Insights Lead at Globex to Withdrawn."
    )
    expect(plain.locator("#col-withdrawn")).to_contain_text("Globex")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_board_and_the_calendar_page_fit_a_phone(
    browser: Any, app_server: str, cli: Cli, scheme: str
) -> None:
    _seed(cli)
    for i in range(14):
        cli(
            "opportunity",
            "add",
            "--company",
            f"Company with a long name {i}",
            "--role",
            "Analyst",
            "--stage",
            "applied",
        )
    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    phone = context.new_page()
    shots = Shots(phone, f"test_the_board_and_the_calendar_page_fit_a_phone_{scheme}")
    for path, label in (("/", "board"), ("/?stage=applied", "column"), ("/calendar/", "calendar")):
        phone.goto(app_server + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
        shots(label)
    phone.goto(app_server + "/")
    columns = phone.locator("#board .column")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1  # one under another
    expect(phone.get_by_role("link", name="Show all 15 in Applied")).to_be_visible()
    context.close()


def _events(data: bytes) -> dict[str, Any]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_a_person_downloads_the_calendar_and_subscribes_to_it(
    browser: Any, playwright: Any, app_server: str, cli: Cli, tmp_path: Any
) -> None:
    ids = _seed(cli)
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    shots = Shots(page, "test_a_person_downloads_the_calendar_and_subscribes_to_it")
    page.goto(app_server + f"/rounds/{ids['round']}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "nextround-acme-retail-round-2.ics"
    event = _events(saved.read_bytes())[f"round-{ids['round']}@nextround"]
    assert event["DTSTART"].dt.hour == 14 and event["DTSTART"].params["TZID"] == "Europe/London"
    assert len(event.walk("VALARM")) == 2

    page.goto(app_server + "/")
    page.get_by_role("link", name="Put your rounds and reminders in your calendar").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything (.ics)").click()
    download.value.save_as(tmp_path / "all.ics")
    everything = _events((tmp_path / "all.ics").read_bytes())
    assert f"round-{ids['round']}-thank-you@nextround" in everything
    shots("calendar-page")

    page.get_by_role("button", name="Make my private calendar address").click()
    address = page.get_by_label("Your private calendar address").input_value()
    assert address.startswith(app_server + "/feeds/calendar/")
    page.get_by_role("button", name="Copy address").click()
    # The clipboard answers asynchronously: wait for the status line rather than race it.
    page.locator("[data-copy-status]", has_text="Address copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address
    shots("calendar-address")

    # A calendar app has no session: it reads the address alone.
    app = playwright.request.new_context()
    polled = app.get(address)
    assert polled.status == 200
    assert polled.headers["content-type"].startswith("text/calendar")
    assert sorted(_events(polled.body())) == sorted(everything)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke and make a new one").click()
    page.locator(".messages").wait_for()
    expect(page.locator(".messages")).to_contain_text("The old address no longer works")
    renewed = page.get_by_label("Your private calendar address").input_value()
    assert renewed != address
    assert app.get(address).status == 404
    assert app.get(renewed).status == 200
    app.dispose()
    context.close()
