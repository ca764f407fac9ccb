"""One person's whole workflow in Chromium, from the first run to a decision, covering each point
of issue 16: who you are, the board, the calendar, search, the round page by state, forms that
keep input, decisions, the sample, profile and CV import, and the small things (icon, API docs).

The journey runs in full at 1280 px light and at 375 px dark (touch). Each page it sees is
checked there by axe (nothing serious or critical) and for sideways scrolling; afterwards the
same pages are checked again at the other width in the same colour scheme, so every page is
seen at 375 and 1280 px, light and dark.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.browser.conftest import Shots, expect
from tests.browser.test_accessibility import _violations
from tests.browser.test_board import _touch
from tests.cli_harness import Cli
from tests.formats import corpus
from tests.formats.profile_shapes import BY_NAME

pytestmark = pytest.mark.browser

EMAILS = Path(__file__).resolve().parents[1] / "formats" / "data" / "emails"

JD = """Senior Data Analyst

## Must have
- Strong SQL
- Managing stakeholders across departments
- Clear written communication

## Nice to have
- Airflow
"""

PRIYA = ("Priya Raman", "priya.raman@fastmail.example")
OWEN = ("Owen Blake", "owen.blake@acme-retail.example")
LENA = ("Lena Fischer", "lena.fischer@acme-retail.example")


def _invite(day: dt.date) -> bytes:
    """Round two's invite, sent by Owen to Lena and Priya, in Latin-1 as some servers send it."""
    stamp = f"{day:%Y%m%d}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Acme Retail//Calendar//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:second-round-7@acme-retail.example",
        "SEQUENCE:0",
        "DTSTAMP:20261101T090000Z",
        f"DTSTART:{stamp}T140000Z",
        f"DTEND:{stamp}T150000Z",
        "SUMMARY:Second interview: Priya Raman / Senior Data Analyst",
        "LOCATION:Acme Retail\\, 4 Rue Café\\, Leeds",
        f"ORGANIZER;CN={OWEN[0]}:mailto:{OWEN[1]}",
    ]
    for name, address in (OWEN, LENA, PRIYA):
        lines.append(f'ATTENDEE;ROLE=REQ-PARTICIPANT;CN="{name}":mailto:{address}')
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("latin-1")


def _events(data: bytes) -> dict[str, Any]:
    """The events of a calendar file by UID, read as a calendar app reads them."""
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


@dataclass
class Journey:
    """The browser tab and what each page it saw was found to have wrong."""

    page: Any
    base: str
    width: int
    shots: Shots | None
    tmp: Path
    problems: dict[str, list[str]] = field(default_factory=dict)
    too_wide: dict[str, int] = field(default_factory=dict)
    dashes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # Pages reached by a GET, to be seen again at the other width.
    seen: dict[str, str] = field(default_factory=dict)
    last_get: bool = True

    def watch(self) -> None:
        def navigated(request: Any) -> None:
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                self.last_get = request.method == "GET"

        def answered(response: Any) -> None:
            if response.status == 404 and "/opportunities/999/" not in response.url:
                self.missing.append(response.url)

        self.page.on("request", navigated)
        self.page.on("response", answered)
        self.page.on("dialog", lambda dialog: dialog.accept())

    def check(self, label: str) -> None:
        """axe, the width and Django's empty choice on the page as it is now, and a screenshot."""
        self.page.wait_for_load_state()
        if self.shots is not None:
            self.shots(label)
        if found := _violations(self.page):
            self.problems[label] = found
        scrolled = self.page.evaluate("document.documentElement.scrollWidth")
        if scrolled > self.width + 1:
            self.too_wide[label] = scrolled
        if "---------" in self.page.content():
            self.dashes.append(label)
        if self.last_get:
            self.seen.setdefault(self.page.url.split("#")[0], label)

    def go(self, path: str, label: str) -> None:
        self.page.goto(self.base + path)
        self.check(label)

    def label(self, text: str, scope: Any = None) -> Any:
        return (scope or self.page).get_by_label(text, exact=True)

    def button(self, name: str, scope: Any = None) -> Any:
        return (scope or self.page).get_by_role("button", name=name, exact=True)

    def link(self, name: str, scope: Any = None) -> Any:
        return (scope or self.page).get_by_role("link", name=name, exact=True)

    def focused(self) -> dict[str, str]:
        return dict(
            self.page.evaluate(
                "() => ({id: document.activeElement.id, text: document.activeElement.innerText"
                " || '', name: document.activeElement.getAttribute('name') || ''})"
            )
        )

    def download(self, link: Any, name: str) -> bytes:
        with self.page.expect_download() as got:
            link.click()
        saved = self.tmp / name
        got.value.save_as(saved)
        return saved.read_bytes()

    def messages(self) -> Any:
        return self.page.locator(".messages")


# --- 1. who you are -----------------------------------------------------------------------------


def _first_run(j: Journey) -> None:
    page = j.page
    page.goto(j.base + "/")
    expect(page).to_have_url(re.compile(r"/welcome/$"))  # a first run opens on the welcome page
    j.check("welcome")
    step = page.get_by_role("region", name="Who you are")
    j.label("Your name", step).fill("Priya Raman")
    j.label("Your email", step).fill("priya at home")
    j.button("Save who I am", step).click()
    expect(page.locator("#who-you-are .field.has-error")).to_contain_text(
        "Enter a valid email address"
    )
    assert j.label("Your name").input_value() == "Priya Raman"
    j.check("welcome-refused")
    # Skipped for now: with no profile, the invite below has to work out who she is.
    j.link("Skip for now").click()
    j.link("Add your opportunity").click()


# --- 6. forms: a file kept through a refusal; back then save ------------------------------------


def _opportunity(j: Journey) -> str:
    page = j.page
    expect(page.get_by_role("heading", level=1)).to_have_text("New opportunity")
    j.check("opportunity-form")
    advert = j.tmp / "senior-data-analyst.txt"
    advert.write_text(JD, encoding="utf-8")
    j.label("Role").fill("Senior Data Analyst")
    j.label("Job description file").set_input_files(str(advert))
    j.button("Save opportunity").click()
    expect(page.locator(".field.has-error")).to_contain_text("Company")
    expect(page.locator(".kept-file")).to_contain_text("Keeping senior-data-analyst.txt")
    j.check("opportunity-refused")
    j.label("Company").fill("Acme Retail")
    j.button("Save opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acme Retail")
    # The requirements are read on saving, not only when Extract is pressed.
    expect(j.messages()).to_contain_text("Read 4 requirements from the job description")
    expect(page.locator(".jd")).to_contain_text("Airflow")
    j.check("opportunity")
    return str(page.url)


def _round_one(j: Journey) -> str:
    page = j.page
    j.link("Add round 1").click()
    zone = j.label("Time zone")
    assert zone.evaluate("e => e.tagName") == "SELECT" and zone.input_value()
    j.check("round-form")
    j.label("Date and time").fill("2026-11-17T10:00")
    zone.select_option("Europe/London")
    j.label("Status").select_option("done")
    j.button("Save round").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Round 1")
    round_one = str(page.url)
    # Back, then Save again: the browser sends the same form, and nothing is added twice.
    page.go_back()
    expect(j.label("Date and time")).to_have_value("2026-11-17T10:00")
    j.button("Save round").click()
    expect(j.messages()).to_contain_text("Already saved: this form was sent before")
    assert page.url == round_one
    return round_one


# --- 5. a done round is a debrief; skip links; the focus on what was added ----------------------


def _debrief(j: Journey) -> None:
    page = j.page
    expect(page.get_by_role("heading", name="Questions they asked")).to_be_visible()
    expect(page.get_by_role("heading", name="Get ready")).to_have_count(0)
    people = page.locator("#people")
    people.locator("summary", has_text="Add an interviewer").click()
    j.label("Name", people).fill("Tom Okafor")
    j.label("Job title", people).fill("Head of Data")
    j.label("Role in the process", people).select_option("other")
    j.button("Add interviewer", people).click()
    page.locator("#people li.person", has_text="Tom Okafor").wait_for()
    # Loaded again, Tom is in the "Asked by" menu; two Tabs reach the skip link to the form.
    page.goto(page.url.split("#")[0])
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert j.focused()["text"] == "Skip to add a question"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert j.focused()["name"] == "text"
    questions = page.locator("#questions")
    for text, rating, reaction in [
        ("Tell me about a time you handled a difficult stakeholder.", "2", "negative"),
        ("Walk me through an analysis you are proud of.", "4", "positive"),
    ]:
        j.label("Question", questions).fill(text)
        j.label("Asked by", questions).select_option(label="Tom Okafor")
        j.label("My rating", questions).select_option(rating)
        j.label("Interviewer reaction", questions).select_option(reaction)
        j.button("Add question", questions).click()
        page.locator("#questions li.question", has_text=text).wait_for()
        focus = j.focused()
        assert focus["id"].startswith("question-") and text in focus["text"]
    feedback = page.locator("#feedback")
    feedback.locator("summary", has_text="Add feedback").first.click()
    j.label("Text", feedback).fill(
        "They liked your SQL but felt you lacked experience managing stakeholders."
    )
    j.button("Add feedback", feedback).click()
    page.locator("#feedback blockquote", has_text="managing stakeholders").wait_for()
    # And the consultant's email, as a file.
    page.locator("#feedback summary", has_text="Add feedback from an email").click()
    j.label("Email file (.eml)").set_input_files(str(EMAILS / "consultant_feedback_plain.eml"))
    j.button("Import email").click()
    expect(j.messages()).to_contain_text("Added feedback from Hannah Cole")
    j.check("round-one-debrief")


# --- 1. the invite: who was taken to be you; a kept file; a panel -------------------------------


def _invite_round_two(j: Journey, opportunity: str, day: dt.date) -> str:
    page = j.page
    page.goto(opportunity)
    invite = j.tmp / "second-interview.ics"
    invite.write_bytes(_invite(day))
    page.get_by_text("Add or update a round from a calendar invite").click()
    j.label("Invite (.ics)").set_input_files(str(invite))
    j.button("Import invite").click()
    # The invite is not UTF-8: it asks first, beside the box, and keeps the file chosen.
    expect(page.locator(".field.checkbox.has-error")).to_contain_text("not UTF-8")
    expect(page.locator(".kept-file")).to_contain_text("Keeping second-interview.ics")
    j.check("invite-refused")
    j.label(
        "Import even if the invite looks wrong (no attendees, not UTF-8, no start time)"
    ).check()
    j.button("Import invite").click()
    said = " ".join(j.messages().inner_text().split())
    assert (
        "Took Priya Raman to be you (the attendee named in the invite's title) — change" in said
    ), said
    people = page.locator("#people")
    expect(people.locator("li.person")).to_have_count(2)
    expect(people).to_contain_text("Owen Blake")
    expect(people).to_contain_text("Lena Fischer")
    expect(people).not_to_contain_text("Priya Raman")
    expect(page.locator("header.page-header")).to_contain_text("Panel")
    round_two = str(page.url).split("#")[0]
    j.check("round-two-from-invite")
    j.messages().get_by_role("link", name="change").click()
    expect(page.get_by_role("heading", name="Which of these people is you?")).to_be_visible()
    j.check("who-is-you")
    j.button("Yes, that is me: save it to my profile").click()
    expect(j.messages()).to_contain_text("Saved to your profile: invites naming Priya Raman")
    return round_two


def _people(j: Journey, round_two: str) -> None:
    """Someone met before joins the round and leaves it; someone added in error is deleted."""
    page = j.page
    page.goto(round_two)
    j.label("Someone from another round").select_option(label="Tom Okafor, Head of Data (round 1)")
    j.button("Add to this round").click()
    expect(page.locator("#people li.person", has_text="Tom Okafor")).to_have_count(1)
    j.button("Not on this round: Tom Okafor").click()
    expect(page.locator("#people li.person", has_text="Tom Okafor")).to_have_count(0)
    # Off the round, he is in no "For" menu of its questions to ask.
    asks_for = page.locator("#asks select[name=interviewer] option").all_inner_texts()
    assert not [o for o in asks_for if "Tom" in o], asks_for
    people = page.locator("#people")
    people.locator("summary", has_text="Add an interviewer").click()
    j.label("Name", people).fill("Sam Wilde")
    j.label("Role in the process", people).select_option("other")
    j.button("Add interviewer", people).click()
    page.locator("#people li.person", has_text="Sam Wilde").wait_for()
    focus = j.focused()
    assert focus["id"].startswith("person-") and "Sam Wilde" in focus["text"]
    j.button("Delete Sam Wilde").click()
    expect(page.locator("#people")).not_to_contain_text("Sam Wilde")
    expect(page.locator("#link-person")).not_to_contain_text("Sam Wilde")
    j.check("round-two-people")


# --- 5. a planned round is the prep ------------------------------------------------------------


def _prep(j: Journey, round_two: str) -> None:
    page = j.page
    page.goto(round_two)
    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()
    expect(page.get_by_role("heading", name="Questions they asked")).to_have_count(0)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert j.focused()["text"] == "Skip to add a question to ask"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("What would success look like in the first six months?")
    j.button("Add question to ask", page.locator("#asks")).click()
    page.locator("#asks li", has_text="first six months").wait_for()
    focus = j.focused()
    assert focus["id"].startswith("ask-") and "first six months" in focus["text"]
    j.check("round-two-prep")
    j.link("Prep brief for this round", page.locator("#prep")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Round 2 brief"))
    brief = page.locator("main").inner_text()
    assert "Owen Blake" in brief and "stakeholder" in brief.lower()
    j.check("brief")
    page.goto(round_two)
    j.link("The night before").click()
    j.check("night-before")


# --- 10. an interviewer's profile, pasted ------------------------------------------------------


def _interviewer_profile(j: Journey, round_two: str) -> None:
    page = j.page
    page.goto(round_two)
    j.link("Import an interviewer's profile").click()
    j.check("profile-import")
    j.label("Or paste the profile text").fill(BY_NAME["web_title_first"].text)
    j.button("Preview").click()
    facts = page.locator(".profile-facts")
    expect(facts).to_contain_text("Operations Manager")
    shown = dict(
        zip(
            facts.locator("dt").all_inner_texts(),
            facts.locator("dd").all_inner_texts(),
            strict=True,
        )
    )
    assert (shown["Job title"], shown["Company"]) == ("Operations Manager", "Northwind Logistics")
    j.check("profile-import-preview")
    j.button("Add interviewer").click()
    expect(page.locator("#people")).to_contain_text("Dana Whitfield")


# --- 3. the calendar: files and a private address ----------------------------------------------


def _calendar(j: Journey, playwright: Any, opportunity: str, round_two: str, day: dt.date) -> None:
    page = j.page
    page.goto(round_two)
    round_id = round_two.rstrip("/").rsplit("/", 1)[1]
    own = _events(j.download(j.link("Add to calendar (.ics)"), "round.ics"))
    event = own[f"round-{round_id}@nextround"]
    assert event["DTSTART"].dt.date() == day
    assert len(event.walk("VALARM")) >= 1
    page.goto(opportunity)
    job = _events(j.download(j.link("Add to calendar (.ics)"), "opportunity.ics"))
    assert f"round-{round_id}@nextround" in job
    page.goto(j.base + "/")
    j.link("Put your rounds and reminders in your calendar").click()
    j.check("calendar")
    everything = _events(j.download(j.link("Download everything (.ics)"), "all.ics"))
    assert set(job) <= set(everything)
    j.button("Make my private calendar address").click()
    address = j.label("Your private calendar address").input_value()
    app = playwright.request.new_context()  # a calendar app: no session, only the address
    try:
        polled = app.get(address)
        assert polled.status == 200
        assert polled.headers["content-type"].startswith("text/calendar")
        assert sorted(_events(polled.body())) == sorted(everything)
        j.button("Revoke and make a new one").click()
        expect(j.messages()).to_contain_text("The old address no longer works")
        assert app.get(address).status == 404
    finally:
        app.dispose()
    j.check("calendar-address")


# --- 2. the board, by keyboard and by drag; plain headings (11) --------------------------------


def _second_job(j: Journey) -> None:
    page = j.page
    j.link("New opportunity").click()
    j.label("Company").fill("Globex")
    j.label("Role").fill("Insights Lead")
    # Only applied for so far: not where a new opportunity starts, so it is chosen.
    j.label("Stage").select_option("applied")
    j.button("Save opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Globex")


def _drag_by_touch(j: Journey, card: Any, column: Any) -> None:
    page = j.page
    grip = card.locator(".board-grip")
    box = grip.bounding_box()
    cdp = page.context.new_cdp_session(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    _touch(cdp, "touchStart", x, y)
    for step in range(1, 11):
        _touch(cdp, "touchMove", x, y + (page.viewport_size["height"] - 30 - y) * step / 10)
    page.wait_for_function(
        "() => document.getElementById('col-offer').getBoundingClientRect().top < 500"
    )
    _touch(cdp, "touchMove", x, column.bounding_box()["y"] + 20)
    _touch(cdp, "touchEnd")
    cdp.detach()


def _board(j: Journey, touch: bool) -> None:
    page = j.page
    page.goto(j.base + "/")
    acme = page.locator("#col-callback .board-card", has_text="Acme Retail")
    expect(acme).to_contain_text("Round 2")
    expect(acme).to_contain_text(re.compile(r"in \d days"))
    expect(page.get_by_role("heading", name="This week")).to_be_visible()
    headings = page.locator("#board .column h3").all_inner_texts()
    assert all(re.fullmatch(r"[A-Z][a-z]+( [a-z]+)? \(\d+\)", h) for h in headings), headings
    j.check("board")
    menu = j.label("Stage of Insights Lead at Globex")
    menu.focus()
    menu.press("ArrowDown")  # Applied -> Interviewing
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_have_text(
        "Moved Insights Lead at Globex to Interviewing."
    )
    globex = page.locator("#board .board-card", has_text="Globex")
    expect(page.locator("#col-interviewing")).to_contain_text("Globex")
    page.wait_for_function("() => document.activeElement.id.startsWith('move-')")
    offer = page.locator("#col-offer")
    if touch:
        _drag_by_touch(j, globex, offer)
    else:
        globex.drag_to(offer, source_position={"x": 4, "y": 4})
    expect(page.locator("#board-status")).to_have_text("Moved Insights Lead at Globex to Offer.")
    expect(offer).to_contain_text("Globex")
    j.check("board-moved")


# --- 4. search everything, the words marked ----------------------------------------------------


def _search(j: Journey) -> None:
    page = j.page
    page.get_by_label("Search everything: people, jobs, notes, questions and stories").fill("Owen")
    page.keyboard.press("Enter")
    box = page.locator("#search-q")
    hits = page.locator("li.search-hit")
    for typed, title, marked in [
        ("owen", "Owen Blake", "Owen"),  # a person
        ("airflow", "Senior Data Analyst at Acme Retail", "Airflow"),  # a tool in the advert
        ("lacked experience", None, "lacked"),  # a word of the feedback
    ]:
        box.fill("")
        box.press_sequentially(typed, delay=30)
        expect(page).to_have_url(re.compile(r"/search/\?q=" + typed.split()[0]))
        hit = hits.filter(has=page.locator("mark", has_text=re.compile(marked, re.I)))
        if title:
            hit = hit.filter(has=page.get_by_role("link", name=title, exact=True))
        else:
            hit = hit.filter(has_text="managing stakeholders")
        expect(hit.first).to_be_visible()
    j.check("search")


# --- 6 and 7. offers: £, a bad rating named in place, accepting closes the loop ----------------


def _offers(j: Journey) -> None:
    page = j.page
    j.link("Offers").click()
    j.check("offers-empty")
    form = page.locator("form", has=page.get_by_role("button", name="Save offer"))
    j.label("Opportunity", form).select_option(label="Senior Data Analyst at Acme Retail")
    j.label("Salary", form).fill("72000")
    j.label("Currency", form).fill("£")
    j.button("Save offer", form).click()
    expect(page.locator("li.offer").first).to_contain_text("72,000 GBP")
    form = page.locator("form", has=page.get_by_role("button", name="Save offer"))
    assert j.label("Currency", form).input_value() == "GBP"  # as the earlier offer
    j.label("Opportunity", form).select_option(label="Insights Lead at Globex")
    j.label("Salary", form).fill("65000")
    j.button("Save offer", form).click()
    rows = page.locator("table.matrix tbody tr")
    expect(rows).to_have_count(2)
    cells = page.locator("table.matrix tbody input")
    cells.nth(0).fill("8")
    cells.nth(1).fill("11")
    j.button("Update the matrix").click()
    refused = page.locator("table.matrix td.has-error")
    expect(refused).to_have_count(1)
    expect(refused.locator(".error")).to_have_text(re.compile(r"\S"))
    assert page.locator("table.matrix tbody input").nth(0).input_value() == "8"  # kept
    j.check("matrix-refused")
    page.locator("table.matrix td.has-error input").fill("7")
    j.button("Update the matrix").click()
    expect(page.locator("table.matrix td.has-error")).to_have_count(0)
    expect(page.locator(".sensitivity")).to_have_text(re.compile(r"\S"))
    page.get_by_role("link", name="Accept Senior Data Analyst at Acme Retail").click()
    j.check("accept")
    assert page.get_by_role("checkbox").first.is_checked()
    j.button("Accept and close the others").click()
    accepted = page.locator("li.offer", has_text="72,000 GBP")
    expect(accepted).to_contain_text("You accepted this offer.")
    expect(page.get_by_role("link", name=re.compile(r"^Accept "))).to_have_count(0)
    expect(page.locator("ul.offers.declined")).to_contain_text("Globex")
    j.check("offers-decided")
    page.goto(j.base + "/")
    expect(page.locator("#col-accepted")).to_contain_text("Acme Retail")
    expect(page.locator("#col-offer")).not_to_contain_text("Globex")


# --- the rest of the workflow: practice and thank-you notes -------------------------------------


def _practise_and_thank(j: Journey, round_one: str) -> None:
    page = j.page
    page.goto(round_one)
    j.link("Practise for this round").first.click()
    page.get_by_role(
        "link", name="Tell me about a time you handled a difficult stakeholder."
    ).first.click()
    j.label("Answer").fill(
        "I think we sort of fixed it. Our finance director disputed the churn numbers, so I "
        "met her weekly, rebuilt the SQL with her team and cut disputes from 5 days to 1."
    )
    j.button("Get feedback").click()
    page.locator("#feedback section.feedback").wait_for()
    assert page.locator(".marked mark", has_text="sort of").count() >= 1
    j.check("practice-feedback")
    page.goto(round_one)
    j.link("Thank-you notes and chasers").click()
    j.button("Draft thank-you notes").click()
    notes = page.locator("li.follow-up")
    expect(notes).to_have_count(1)
    assert j.label("Note", notes.first).input_value().startswith("Dear Tom,")
    j.check("thank-you-notes")


# --- 10. your profile and CV ----------------------------------------------------------------


def _profile_and_cv(j: Journey) -> None:
    page = j.page
    j.go("/profile/", "profile")
    expect(j.label("Full name")).to_have_value("Priya Raman")
    cv = corpus.item("cv_pdf").write(j.tmp)
    for again in (False, True):
        j.link("Import CV").click()
        if not again:
            j.check("cv-import")
        j.label("Your CV").set_input_files(str(cv))
        j.button("Preview").click()
        expect(page.get_by_text("Nothing has been saved yet.")).to_be_visible()
        first = page.get_by_role("checkbox", name=re.compile("Cut onboarding time by 40%"))
        if again:
            # Imported once already: each draft says so, and none is ticked.
            expect(page.locator(".badge", has_text="already in your stories").first).to_be_visible()
            expect(first).to_be_disabled()
            j.check("cv-preview-again")
            break
        expect(first).to_be_checked()
        j.check("cv-preview")
        j.button("Import").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your stories")
        titles = page.locator(".story h2, .story h3").all_inner_texts()
        assert titles and not [t for t in titles if "…" in t], titles
        j.check("stories")


# --- 8. the sample, labelled and deleted cleanly -------------------------------------------------


def _sample(j: Journey) -> None:
    page = j.page
    j.go("/welcome/", "welcome-known")
    expect(page.locator(".who-you-are")).to_contain_text("You are Priya Raman")
    j.button("Explore a sample opportunity").click()
    expect(page.locator(".sample-note")).to_contain_text("This is the sample opportunity")
    times = page.locator("ol.timeline h3 .muted").all_inner_texts()
    hours = [int(m.group(1)) for t in times if (m := re.search(r", (\d\d):\d\d", t))]
    assert hours and all(8 <= h <= 18 for h in hours), times  # office hours, not 01:00
    j.check("sample")
    sample = page.url
    page.goto(j.base + "/search/?q=fresh-food+waste")
    expect(page.locator("li.search-hit").first).to_contain_text("Sample: cutting fresh-food")
    page.goto(sample)
    j.button("Delete").click()
    expect(page).to_have_url(j.base + "/")
    page.goto(j.base + "/stories/")
    expect(page.locator("main")).not_to_contain_text("Sample:")
    page.goto(j.base + "/search/?q=fresh-food+waste")
    expect(page.locator("li.search-hit")).to_have_count(0)


# --- 11. the icon and the API docs under the page's own CSP -------------------------------------


def _icon_and_api_docs(browser: Any, base: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # the app's CSP, not bypassed
    page = context.new_page()
    violations: list[str] = []
    outside: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
    page.goto(base + "/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    got = context.request.get(base + icon)
    assert got.status == 200 and got.headers["content-type"].startswith("image/svg")
    page.goto(base + "/api/docs")
    page.locator("#swagger-ui .title", has_text="nextround API").wait_for()
    assert page.locator("#swagger-ui .opblock").count() > 10
    context.close()
    assert violations == [] and outside == []


def _again(browser: Any, seen: dict[str, str], width: int, scheme: str) -> Journey:
    """Every page of the journey seen again at another width: axe and the width only."""
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    j = Journey(page, "", width, None, Path("."))
    for url, label in seen.items():
        page.goto(url)
        j.check(label)
    context.close()
    return j


@pytest.mark.parametrize(
    ("width", "scheme", "other"),
    [(1280, "light", 375), (375, "dark", 1280)],
    ids=["1280-light-then-375", "375-dark-then-1280"],
)
def test_a_person_goes_from_the_first_run_to_a_decision(
    browser: Any,
    playwright: Any,
    cli: Cli,
    app_server: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    width: int,
    scheme: str,
    other: int,
) -> None:
    touch = width < 600
    context = browser.new_context(
        color_scheme=scheme,
        viewport={"width": width, "height": 800 if touch else 900},
        has_touch=touch,
        bypass_csp=True,  # axe is injected as a script of the page
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    j = Journey(page, app_server, width, Shots(page, request.node.name), tmp_path)
    j.watch()
    day = dt.date.today() + dt.timedelta(days=5)
    try:
        _first_run(j)
        opportunity = _opportunity(j)
        round_one = _round_one(j)
        _debrief(j)
        round_two = _invite_round_two(j, opportunity, day)
        _people(j, round_two)
        _prep(j, round_two)
        _interviewer_profile(j, round_two)
        _calendar(j, playwright, opportunity, round_two, day)
        _second_job(j)
        _board(j, touch)
        _search(j)
        _practise_and_thank(j, round_one)
        _offers(j)
        _profile_and_cv(j)
        _sample(j)
    except Exception:
        Shots(page, request.node.name + "-failure")("failure")
        raise
    finally:
        context.close()
    _icon_and_api_docs(browser, app_server, scheme)
    assert errors == [], errors
    assert j.missing == [], f"not found: {j.missing}"
    assert j.dashes == [], f"Django's empty choice on: {j.dashes}"
    assert j.problems == {}, j.problems
    assert j.too_wide == {}, f"wider than {width} px: {j.too_wide}"
    seen = _again(browser, j.seen, other, scheme)
    assert len(j.seen) >= 20, sorted(j.seen.values())
    assert seen.problems == {}, seen.problems
    assert seen.too_wide == {}, f"wider than {other} px: {seen.too_wide}"
