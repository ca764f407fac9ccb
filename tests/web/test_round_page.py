"""The round page by state: prep before a planned round, the debrief after; focus after an add."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup, Tag
from django.test import Client
from django.utils import timezone

from nextround.services import records as r
from nextround.services import round_state
from nextround.store import models as m
from tests.world import World

FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary"


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


@pytest.fixture
def client(user: object) -> Client:
    return Client()


@pytest.fixture
def htmx(user: object) -> Client:
    return Client(headers={"HX-Request": "true"})


def _round(world: World, days: float, status: str = "planned") -> m.Round:
    when = (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)
    return r.rounds.create(world.user, world.acme.pk, scheduled_at=when.isoformat(), status=status)


def _tab_order(page: BeautifulSoup) -> list[Tag]:
    return [t for t in page.select(FOCUSABLE) if t.get("tabindex") != "-1"]


def test_a_planned_round_shows_the_prep_and_no_debrief(client: Client, world: World) -> None:
    ahead = _round(world, 4)
    page = soup(client.get(f"/rounds/{ahead.pk}/"))
    prep = page.find("section", id="prep")
    assert prep is not None and prep.h2 is not None and prep.h2.text == "Get ready"
    links = {a.get_text(strip=True): a["href"] for a in prep.find_all("a")}
    assert links["Prep brief for this round"] == f"/rounds/{ahead.pk}/brief/"
    assert links["The night before"] == f"/rounds/{ahead.pk}/night-before/"
    assert links["Practise for this round"] == f"/practice/?round={ahead.pk}"
    assert page.find("section", id="people") and page.find("section", id="asks")
    assert page.find("form", action=f"/rounds/{ahead.pk}/questions/") is None
    assert page.find("section", id="feedback") is None
    assert "in 4 days" in page.select_one(".page-header").get_text()  # type: ignore[union-attr]


def test_a_done_round_shows_the_debrief_forms(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round1.pk}/"))
    assert page.find("section", id="prep") is None
    assert page.find("form", action=f"/rounds/{world.round1.pk}/questions/") is not None
    assert page.find("form", action=f"/rounds/{world.round1.pk}/feedback/") is not None
    assert page.find("h2", id="impressions-h") is not None


def test_a_planned_round_whose_time_has_passed_asks_to_be_marked_done(
    client: Client, world: World
) -> None:
    past = _round(world, -1)
    page = soup(client.get(f"/rounds/{past.pk}/"))
    assert page.find("form", action=f"/rounds/{past.pk}/questions/") is not None
    notice = page.select_one("form.notice")
    assert notice is not None and "The time of this round has passed" in notice.text
    response = client.post(f"/rounds/{past.pk}/done/")
    assert response["Location"] == f"/rounds/{past.pk}/#debrief"
    assert m.Round.objects.get(pk=past.pk).status == "done"
    assert soup(client.get(f"/rounds/{past.pk}/")).select_one("form.notice") is None


def test_the_state_follows_status_and_time() -> None:
    now = timezone.now()
    planned = m.Round(status="planned", scheduled_at=now + dt.timedelta(hours=2), timezone="UTC")
    assert round_state.state_of(planned, now).prep
    started = m.Round(
        status="planned", scheduled_at=now - dt.timedelta(minutes=30), duration_minutes=45
    )
    assert round_state.state_of(started, now).prep
    over = m.Round(status="planned", scheduled_at=now - dt.timedelta(minutes=61))
    assert round_state.state_of(over, now).debrief and round_state.state_of(over, now).time_passed
    assert round_state.state_of(m.Round(status="planned"), now).prep
    assert round_state.state_of(m.Round(status="done"), now).debrief
    assert round_state.state_of(m.Round(status="cancelled"), now).cancelled


@pytest.mark.parametrize(("state", "target"), [("done", "add-question"), ("planned", "add-ask")])
def test_a_skip_link_reaches_the_add_form_in_two_tab_presses(
    client: Client, world: World, state: str, target: str
) -> None:
    round_ = world.round1 if state == "done" else _round(world, 3)
    page = soup(client.get(f"/rounds/{round_.pk}/"))
    order = _tab_order(page)
    skip = next(a for a in order if a.get("href") == f"#{target}")
    assert order.index(skip) == 1  # after "Skip to content"
    heading = page.find(id=target)
    assert heading is not None and heading.get("tabindex") == "-1"
    form = heading.find_parent("form")
    assert form is not None
    first_field = form.select_one("textarea, input:not([type=hidden]), select")
    assert first_field is not None and first_field.name == "textarea"
    # The heading comes right before the form's first field: one more Tab reaches it.
    following = heading.find_all_next(lambda t: t in order)
    assert following[0] is first_field


@pytest.mark.parametrize(
    ("section", "data", "item"),
    [
        ("questions", {"text": "Why us?", "reaction": "unknown"}, "question"),
        ("feedback", {"text": "They liked it.", "source": "interviewer"}, "feedback"),
        ("asks", {"text": "How is success measured?"}, "ask"),
        ("people", {"name": "Ana Silva", "role": "team-member", "seniority": "unknown"}, "person"),
    ],
)
def test_without_javascript_an_add_returns_to_the_new_item_with_the_focus_on_it(
    client: Client, world: World, section: str, data: dict[str, str], item: str
) -> None:
    response = client.post(f"/rounds/{world.round1.pk}/{section}/", data)
    assert response.status_code == 302
    location = response["Location"]
    anchor = location.rsplit("#", 1)[1]
    assert anchor.startswith(f"{item}-")
    page = soup(client.get(location))
    focused = page.select("[autofocus]")
    assert [t.get("id") for t in focused] == [anchor]
    assert focused[0].get("tabindex") == "-1"


def test_with_htmx_the_new_item_is_marked_to_take_the_focus(htmx: Client, world: World) -> None:
    response = htmx.post(
        f"/rounds/{world.round1.pk}/questions/", {"text": "Why us?", "reaction": "unknown"}
    )
    added = m.AskedQuestion.objects.get(text="Why us?")
    fragment = soup(response)
    marked = fragment.select("[data-added]")
    assert [t.get("id") for t in marked] == [f"question-{added.pk}"]
    assert marked[0].has_attr("autofocus")


def test_toggling_a_question_to_ask_keeps_the_focus_on_its_button(
    htmx: Client, world: World
) -> None:
    ask = r.questions_to_ask.create(world.user, world.round1.pk, text="What is the team like?")
    fragment = soup(htmx.post(f"/asks/{ask.pk}/toggle/"))
    button = fragment.select_one("[data-added]")
    assert button is not None and button.name == "button"
    assert button["aria-pressed"] == "true"


def test_a_refused_add_opens_on_the_field_it_names(client: Client, world: World) -> None:
    response = client.post(
        f"/rounds/{world.round1.pk}/questions/", {"text": "", "answer_note": "kept"}
    )
    assert response.status_code == 400
    page = soup(response)
    focused = page.select("[autofocus]")
    assert [(t.name, t.get("name")) for t in focused] == [("textarea", "text")]


@pytest.mark.parametrize("which", ["planned", "done"])
def test_a_person_added_with_htmx_joins_the_for_and_asked_by_menus(
    htmx: Client, world: World, which: str
) -> None:
    rnd = _round(world, 10) if which == "planned" else world.round1
    response = htmx.post(
        f"/rounds/{rnd.pk}/people/", {"name": "Sam Reyes", "role": "hr", "seniority": "unknown"}
    )
    sam = m.Interviewer.objects.get(name="Sam Reyes")
    fragment = soup(response)
    assert fragment.select_one(f"#person-{sam.pk}") is not None
    menus = {t["id"]: t for t in fragment.select("select[hx-swap-oob]")}
    ids = {"id_asks_interviewer"} | ({"id_questions_interviewer"} if which == "done" else set())
    assert set(menus) == ids
    for menu in menus.values():
        assert str(sam.pk) in [o.get("value") for o in menu.find_all("option")]
    # Each menu stands in for one that is on the page, with the same id.
    page = soup(Client().get(f"/rounds/{rnd.pk}/"))
    for menu_id in ids:
        assert page.select_one(f"select#{menu_id}") is not None


def test_the_new_round_form_offers_the_next_number_and_names_a_taken_one_beside_it(
    client: Client, world: World
) -> None:
    url = f"/opportunities/{world.acme.pk}/rounds/new/"
    page = soup(client.get(url))
    assert page.find("input", attrs={"name": "number"})["value"] == "3"
    form = {
        "number": "2",
        "format": "video",
        "kind": "one-to-one",
        "purpose": "unknown",
        "status": "planned",
        "outcome": "pending",
        "timezone": "Europe/London",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(".form-errors .nonfield") is None
    field = page.find("input", attrs={"name": "number"}).find_parent(class_="field")
    assert "has-error" in field["class"]
    said = field.get_text()
    assert "Round 2 is taken: the next number free is 3." in said
    assert [t.get("name") for t in page.select("[autofocus]")] == ["number"]
    assert m.Round.objects.filter(opportunity=world.acme).count() == 2


def test_noting_what_impressed_opens_a_small_form_on_its_first_field(
    client: Client, world: World
) -> None:
    page = soup(client.get(f"/rounds/{world.round1.pk}/"))
    link = page.find("a", string="Note what impressed and what fell flat")
    assert link["href"] == f"/rounds/{world.round1.pk}/impressions/"
    form = soup(client.get(link["href"])).find("form", class_="form")
    fields = [t["name"] for t in form.find_all(["input", "select", "textarea"])]
    assert fields == ["csrfmiddlewaretoken", "impressed", "fell_flat"]
    assert [t["name"] for t in form.select("[autofocus]")] == ["impressed"]
    response = client.post(
        link["href"], {"impressed": "The churn dashboard story", "fell_flat": "My SQL answer"}
    )
    assert response["Location"] == f"/rounds/{world.round1.pk}/#impressions-h"
    after = soup(client.get(response["Location"]))
    assert "Saved what impressed and what fell flat." in after.select_one(".messages").get_text()
    assert "The churn dashboard story" in after.get_text()
    world.round1.refresh_from_db()
    assert world.round1.fell_flat == "My SQL answer"


def _said(client: Client, response: object) -> str:
    page = soup(client.get(response["Location"], follow=True))  # type: ignore[index]
    shown = page.select_one(".messages")
    return shown.get_text(" ", strip=True) if shown else ""


def test_each_change_on_the_round_page_says_it_was_made(client: Client, world: World) -> None:
    planned = _round(world, 10)
    said = _said(client, client.post(f"/rounds/{planned.pk}/done/"))
    assert "Round 3 marked done" in said
    edit = soup(client.get(f"/rounds/{planned.pk}/edit/")).find("form", class_="form")
    form = {}
    for field in edit.find_all(["input", "select", "textarea"]):
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            form[field["name"]] = chosen.get("value", "")
        else:
            form[field["name"]] = field.get("value", "") or field.text
    assert "Saved round 3." in _said(client, client.post(f"/rounds/{planned.pk}/edit/", form))

    dana = f"/items/people/{world.dana.pk}/edit/?round={world.round2.pk}"
    person = {"name": "Dana Levi", "title": "Lead Data Engineer", "role": "team-member"}
    person |= {"seniority": "unknown", "round": str(world.round2.pk)}
    assert "Saved Dana Levi." in _said(client, client.post(dana, person))
    unlink = f"/rounds/{world.round2.pk}/unlink/{world.dana.pk}/"
    assert "Dana Levi is no longer on this round" in _said(client, client.post(unlink))
    link = client.post(f"/rounds/{world.round2.pk}/link/", {"interviewer": world.dana.pk})
    assert "Dana Levi is on this round too." in _said(client, link)
    gone = client.post(f"/items/people/{world.dana.pk}/delete/", {"round": world.round2.pk})
    assert "Deleted Dana Levi" in _said(client, gone)


def test_deleting_the_sample_says_so(client: Client, user: object) -> None:
    from nextround.services import sample

    opp = sample.create_sample(user)  # type: ignore[arg-type]
    response = client.post(f"/opportunities/{opp.pk}/delete/")
    assert "Deleted the sample opportunity" in _said(client, response)
    assert not m.Opportunity.objects.filter(pk=opp.pk).exists()


@pytest.mark.parametrize(
    ("years", "shown"), [("3.0", "3 years"), ("3.5", "3.5 years"), ("1", "1 year")]
)
def test_years_at_the_company_are_said_as_people_say_them(
    client: Client, world: World, years: str, shown: str
) -> None:
    r.interviewers.update(world.user, world.tom.pk, years_at_company=years)
    person = soup(client.get(f"/rounds/{world.round2.pk}/")).select_one(f"#person-{world.tom.pk}")
    # "there": the employer may be a school or a trust, not a company.
    assert f" {shown} there" in person.get_text()


def test_deleting_round_two_takes_back_called_back(client: Client, world: World) -> None:
    world.acme.refresh_from_db()
    assert world.acme.stage == "callback"
    response = client.post(f"/rounds/{world.round2.pk}/delete/")
    world.acme.refresh_from_db()
    assert world.acme.stage == "interviewing"
    assert "Deleted round 2. The stage is now Interviewing." in _said(client, response)
    # A stage the candidate set beyond what rounds give is theirs: it stays.
    r.opportunities.update(world.user, world.acme.pk, stage="offer")
    client.post(f"/rounds/{world.round1.pk}/delete/")
    world.acme.refresh_from_db()
    assert world.acme.stage == "offer"


def test_an_emails_hard_line_breaks_give_way_to_the_screens(client: Client, world: World) -> None:
    email = (
        "Hi Alex,\n\nPriya was really impressed with your Airflow migration story and your SQL\n"
        "was strong. However, they weren't convinced you have handled on-call incidents\n"
        "yourself.\n- bring an example\n- and a question\n\nBest,\nDana"
    )
    f = r.feedback.create(world.user, world.round1.pk, text=email, source="consultant")
    quote = soup(client.get(f"/rounds/{world.round1.pk}/")).select_one(
        f"#feedback-{f.pk} blockquote"
    )
    paragraphs = [p.decode_contents() for p in quote.find_all("p")]
    assert paragraphs == [
        "Hi Alex,",
        "Priya was really impressed with your Airflow migration story and your SQL was strong. "
        "However, they weren't convinced you have handled on-call incidents yourself."
        "<br/>- bring an example<br/>- and a question",
        "Best,<br/>Dana",
    ]
