"""What a new user met walking the app in Chromium: Back then Save, focus, menus kept current."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import expect
from tests.cli_harness import Cli

pytestmark = pytest.mark.browser

ALREADY_SAVED = "Already saved: this form was sent before"
# Counts htmx's settled swaps: the new content's own hx- attributes work from then on.
SETTLED = (
    "window.__settled = 0;"
    " document.addEventListener('htmx:afterSettle', () => { window.__settled += 1; })"
)
JD = "Data Platform Lead\n\nMust have\n- Strong SQL\n- Experience with Airflow\n"


@pytest.fixture
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A 375-pixel phone, as the walk-through used."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _count(cli: Cli, what: str, *args: str) -> int:
    return len(cli.json(what, "list", *args))


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_back_then_save_on_a_new_opportunity_and_a_new_round_saves_once(
    browser: Any, app_server: str, cli: Cli, tmp_path: Path, javascript: bool
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    advert = tmp_path / "quillon-data-platform-lead.txt"
    advert.write_text(JD, encoding="utf-8")

    page.goto(f"{app_server}/opportunities/new/")
    page.get_by_label("Company", exact=True).fill("Quillon Bank")
    page.get_by_label("Role", exact=True).fill("Data Platform Lead")
    page.get_by_label("Job description file").set_input_files(str(advert))
    page.get_by_role("button", name="Save opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quillon Bank")
    saved = page.url
    # Back: the browser fetches the form again (no page cache here) with the file still chosen.
    page.go_back()
    expect(page.get_by_label("Company", exact=True)).to_have_value("Quillon Bank")
    page.get_by_role("button", name="Save opportunity").click()
    expect(page.locator(".messages")).to_contain_text(ALREADY_SAVED)
    assert page.url == saved
    assert _count(cli, "opportunity") == 1

    opp = saved.rstrip("/").rsplit("/", 1)[-1]
    page.goto(f"{app_server}/opportunities/{opp}/rounds/new/")
    page.get_by_label("Date and time", exact=True).fill("2026-11-27T11:00")
    page.get_by_label("Status", exact=True).select_option("done")
    page.get_by_role("button", name="Save round").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Round 1")
    saved = page.url
    page.go_back()
    expect(page.get_by_label("Date and time", exact=True)).to_have_value("2026-11-27T11:00")
    page.get_by_role("button", name="Save round").click()
    expect(page.locator(".messages")).to_contain_text(ALREADY_SAVED)
    assert page.url == saved
    assert _count(cli, "round", opp) == 1
    context.close()


def _planned_round(cli: Cli) -> tuple[int, int]:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    cli.json("round", "add", str(opp), "--status", "done")
    ahead = cli.json("round", "add", str(opp), "--date", "2030-03-01T10:00")["id"]
    cli.json("interviewer", "add", str(ahead), "--name", "Dana Levi", "--role", "team-member")
    return opp, ahead


def test_ticking_a_checklist_step_keeps_the_focus_on_it(
    page: Any, app_server: str, cli: Cli
) -> None:
    _, ahead = _planned_round(cli)
    page.goto(f"{app_server}/rounds/{ahead}/brief/")
    step = page.locator("#checklist li").first
    button = step.locator("button.check")
    name = str(button.get_attribute("aria-label"))
    button.focus()
    page.evaluate(SETTLED)
    page.keyboard.press("Enter")
    ticked = page.get_by_role("button", name=name, exact=True)
    expect(ticked).to_have_attribute("aria-pressed", "true")
    expect(ticked).to_be_focused()
    # Pressed again once htmx has settled the new list: undone, and the focus is still there.
    page.wait_for_function("window.__settled >= 1")
    page.keyboard.press("Enter")
    expect(ticked).to_have_attribute("aria-pressed", "false")
    expect(ticked).to_be_focused()


def test_a_person_added_on_a_phone_is_in_the_for_menu_at_once(
    phone: Any, app_server: str, cli: Cli
) -> None:
    _, ahead = _planned_round(cli)
    phone.goto(f"{app_server}/rounds/{ahead}/")
    people = phone.locator("#people")
    people.locator("summary", has_text="Add an interviewer").click()
    people.get_by_label("Name", exact=True).fill("Sam Reyes")
    people.get_by_label("Role in the process", exact=True).select_option("hr")
    people.get_by_role("button", name="Add interviewer").click()
    expect(people.locator("li.person", has_text="Sam Reyes")).to_be_visible()
    menu = phone.locator("#asks").get_by_label("For", exact=True)
    expect(menu.locator("option", has_text="Sam Reyes")).to_have_count(1)
    expect(menu.locator("option", has_text="Dana Levi")).to_have_count(1)
    # The menu works as before: a question for Sam is listed as his.
    phone.wait_for_function("document.querySelector('#asks select[hx-swap-oob]') === null")
    menu.select_option(label="Sam Reyes")
    phone.locator("#asks").get_by_label("Question", exact=True).fill("How is the team growing?")
    phone.locator("#asks").get_by_role("button", name="Add question to ask").click()
    expect(phone.locator("#asks li", has_text="How is the team growing?")).to_contain_text(
        "for Sam Reyes"
    )


FIELD_JD = (
    "Data Platform Lead\n\nEssential\n- 5+ years building production data pipelines\n"
    "- Strong SQL and Python\n- Experience with Airflow and dbt\n- On-call for the platform\n"
)


def test_field_questions_on_the_brief_are_numbered_like_the_rest(
    page: Any, app_server: str, cli: Cli
) -> None:
    opp = cli.json(
        "opportunity",
        "add",
        "--company",
        "Quillon Bank",
        "--role",
        "Data Platform Lead",
        "--jd",
        FIELD_JD,
    )["id"]
    cli.json("round", "add", str(opp), "--status", "done")
    ahead = cli.json("round", "add", str(opp), "--date", "2030-03-01T10:00")["id"]
    page.goto(f"{app_server}/rounds/{ahead}/brief/")
    field = page.locator("li[data-category=field]")
    expect(field.first).to_be_visible()
    shown = page.evaluate(
        "() => [...document.querySelectorAll('ol.rehearse > li, ol.likely > li')].map("
        "li => [getComputedStyle(li).display, li.querySelector('.tag') ?"
        " li.querySelector('.tag').getBoundingClientRect().width : 0, li.clientWidth])"
    )
    assert shown and all(display == "list-item" for display, _, _ in shown)
    # A tag is a small label beside the question, never a bar as wide as the item.
    assert all(tag < width / 2 for _, tag, width in shown)


def test_add_round_offers_its_number_and_a_taken_number_takes_the_focus(
    phone: Any, app_server: str, cli: Cli
) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    cli.json("round", "add", str(opp), "--status", "done")
    phone.goto(f"{app_server}/opportunities/{opp}/")
    phone.get_by_role("link", name="Add round 2").click()
    number = phone.get_by_label("Number", exact=True)
    expect(number).to_have_value("2")
    number.fill("1")
    phone.get_by_role("button", name="Save round").click()
    field = phone.locator(".field.has-error")
    expect(field).to_contain_text("Round 1 is taken")
    expect(field.get_by_label("Number", exact=True)).to_be_focused()


def test_noting_what_impressed_on_a_phone_starts_in_the_first_field(
    phone: Any, app_server: str, cli: Cli
) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    done = cli.json("round", "add", str(opp), "--status", "done")["id"]
    phone.goto(f"{app_server}/rounds/{done}/")
    phone.get_by_role("link", name="Note what impressed and what fell flat").click()
    first = phone.get_by_label("What seemed to impress", exact=True)
    expect(first).to_be_focused()
    phone.keyboard.type("The churn dashboard story")
    phone.get_by_label("What fell flat", exact=True).fill("My answer on SQL tuning")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.locator(".messages")).to_contain_text("Saved what impressed and what fell flat.")
    expect(phone.locator("#impressions-h").locator("..")).to_contain_text("churn dashboard")


def test_on_a_phone_each_remove_label_sits_beside_its_box(phone: Any, app_server: str) -> None:
    phone.goto(f"{app_server}/profile/")
    boxes = phone.locator("fieldset.criteria input[type=checkbox]")
    expect(boxes.first).to_be_visible()
    for i in range(boxes.count()):
        box = boxes.nth(i).bounding_box()
        label = phone.locator(f"label[for='{boxes.nth(i).get_attribute('id')}']").bounding_box()
        # Beside it: the label starts right of the box, on the same line.
        assert label["x"] > box["x"] + box["width"] - 1
        assert label["y"] < box["y"] + box["height"] and box["y"] < label["y"] + label["height"]


def test_on_a_phone_an_email_wraps_to_the_screen(phone: Any, app_server: str, cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Larkspur", "--role", "Engineer")["id"]
    done = cli.json("round", "add", str(opp), "--status", "done")["id"]
    email = (
        "Priya was really impressed with your Airflow migration story and your SQL\n"
        "was strong. However, they weren't convinced you have handled on-call incidents\n"
        "yourself, and they'd like to hear more about how you mentor junior engineers."
    )
    cli.json("feedback", "add", str(done), "--text", email, "--source", "consultant")
    phone.goto(f"{app_server}/rounds/{done}/")
    quote = phone.locator("#feedback blockquote").first
    expect(quote).to_contain_text("your SQL was strong")
    # One paragraph filling each line: no line ends short where the email's did.
    widths = quote.evaluate(
        "q => { const r = document.createRange(); r.selectNodeContents(q.querySelector('p'));"
        " return [...r.getClientRects()].map(x => Math.round(x.width)); }"
    )
    assert len(widths) > 3 and min(widths[:-1]) > 0.6 * max(widths)
