"""The dashboard's board read as HTML: columns, cards, the week, and moves with or without htmx."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from nextround.services import followups
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def _column_text(page: BeautifulSoup, stage: str) -> str:
    column = page.find("section", id=f"col-{stage}")
    assert column is not None, stage
    return str(column.get_text(" ", strip=True))


def test_each_stage_is_a_column_with_a_plain_heading(client: Client, world: World) -> None:
    page = soup(client.get("/"))
    headings = [h.get_text(" ", strip=True) for h in page.select("#board .column h3")]
    assert headings == [
        "Applied (1)",
        "Interviewing (0)",
        "Called back (1)",
        "Offer (0)",
        "Accepted (0)",
        "Declined (0)",
        "Rejected (0)",
        "Withdrawn (0)",
    ]
    assert "Acme Retail" in _column_text(page, "callback")
    assert "Globex" in _column_text(page, "applied")
    # An empty column says what belongs in it.
    assert "Jobs that made you an offer." in _column_text(page, "offer")


def test_a_card_shows_its_next_round_countdown_and_what_is_due(
    client: Client, world: World
) -> None:
    now = timezone.now()
    soon = now + dt.timedelta(days=3)
    r.rounds.update(world.user, world.round2.pk, scheduled_at=soon.isoformat())
    followups.draft(world.user, world.round1.pk)
    card = soup(client.get("/")).find(id=f"card-{world.acme.pk}")
    text = card.get_text(" ", strip=True)
    assert text.startswith("Senior Data Analyst Acme Retail Round 2 :")
    london = ZoneInfo("Europe/London")
    days = (soon.astimezone(london).date() - now.astimezone(london).date()).days
    assert f"{soon.astimezone(london):%a} {soon.astimezone(london).day} " in text
    assert f"in {days} days" in text
    assert card.find("a", href=f"/rounds/{world.round2.pk}/").get_text() == "Round 2"
    due = card.select_one(".board-card-due li.overdue")
    assert due.get_text(" ", strip=True) == "1 thank-you note to send Overdue"
    assert due.find("a")["href"] == f"/rounds/{world.round1.pk}/follow-up/"


def test_every_card_has_a_labelled_stage_menu_that_posts_without_javascript(
    client: Client, world: World
) -> None:
    card = soup(client.get("/")).find(id=f"card-{world.globex.pk}")
    form = card.find("form", class_="board-move")
    assert form["method"] == "post" and form["action"] == f"/opportunities/{world.globex.pk}/stage/"
    select = form.find("select", attrs={"name": "stage"})
    label = form.find("label", attrs={"for": select["id"]})
    assert label.get_text(" ", strip=True) == "Stage of Insights Lead at Globex"
    assert select.find("option", selected=True)["value"] == "applied"
    assert [o.get_text() for o in select.find_all("option")][2] == "Called back"
    assert form.find("button").get_text(" ", strip=True) == "Move Insights Lead at Globex"
    response = client.post(form["action"], {"stage": "offer"}, follow=True)
    assert response.redirect_chain == [(f"/#card-{world.globex.pk}", 302)]
    page = soup(response)
    assert "Moved Insights Lead at Globex to Offer." in page.select_one(".messages").get_text()
    assert "Globex" in _column_text(page, "offer")
    assert "Globex" not in _column_text(page, "applied")


def test_a_move_sent_by_htmx_redraws_the_board_and_says_what_moved(
    client: Client, world: World
) -> None:
    response = client.post(
        f"/opportunities/{world.globex.pk}/stage/",
        {"stage": "withdrawn"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = soup(response)
    board = page.find(id="board")
    assert board["data-moved"] == str(world.globex.pk)
    assert "Globex" in _column_text(page, "withdrawn")
    status = page.find(id="board-status")
    assert status["hx-swap-oob"] == "innerHTML"
    assert status.get_text() == "Moved Insights Lead at Globex to Withdrawn."
    assert page.find("h1") is None  # the board alone, not the whole page


def test_a_bad_stage_is_named_and_nothing_moves(client: Client, world: World) -> None:
    response = client.post(
        f"/opportunities/{world.globex.pk}/stage/", {"stage": "hired"}, follow=True
    )
    text = soup(response).select_one(".messages").get_text()
    assert "Not moved: there is no stage 'hired': choose one of Applied" in text
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == "applied"
    missing = client.post(f"/opportunities/{world.globex.pk}/stage/", {})
    assert missing.status_code == 302
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == "applied"


def test_a_move_needs_a_post_and_someone_elses_card_is_not_found(
    client: Client, world: World, other_user: Any
) -> None:
    assert client.get(f"/opportunities/{world.globex.pk}/stage/").status_code == 405
    theirs = r.opportunities.create(other_user, company="Umbrella", role="Analyst")
    response = client.post(f"/opportunities/{theirs.pk}/stage/", {"stage": "offer"})
    assert response.status_code == 404
    assert m.Opportunity.objects.get(pk=theirs.pk).stage == "interviewing"


def test_this_week_is_above_the_board(client: Client, world: World) -> None:
    soon = timezone.now() + dt.timedelta(days=2)
    r.rounds.update(world.user, world.round2.pk, scheduled_at=soon.isoformat())
    page = soup(client.get("/"))
    headings = [h.get_text() for h in page.select("main h2")]
    assert headings[:2] == ["This week", "Board"]
    agenda = page.select_one("section.agenda")
    link = agenda.find("a", href=f"/rounds/{world.round2.pk}/")
    assert link.get_text() == "Round 2: Senior Data Analyst at Acme Retail"
    assert agenda.find("a", href="/calendar/")


def test_an_empty_week_says_how_to_fill_it(client: Client, world: World) -> None:
    r.rounds.update(world.user, world.round2.pk, scheduled_at="2030-01-01T10:00+00:00")
    agenda = soup(client.get("/")).select_one("section.agenda")
    assert "Nothing booked or due in the next seven days" in agenda.get_text()


def test_a_long_column_links_to_all_its_cards_page_by_page(client: Client, user: Any) -> None:
    m.Opportunity.objects.bulk_create(
        m.Opportunity(owner=user, company=f"Company {i:03d}", role="Analyst") for i in range(60)
    )
    page = soup(client.get("/"))
    applied = page.find("section", id="col-applied")
    assert len(applied.select(".board-card")) == 10
    more = applied.select_one(".column-more a")
    assert more.get_text(" ", strip=True) == "Show all 60 in Applied"
    first = soup(client.get(more["href"]))
    assert first.find("h2", id="board-h").get_text(" ", strip=True) == "Applied (60)"
    assert len(first.select(".board-card")) == 50
    assert first.select_one("section.agenda") is None
    # Moving a card from this page keeps the candidate on it.
    form = first.select_one(".board-move")
    assert form.find("input", attrs={"name": "column"})["value"] == "applied"
    nav = first.select_one("nav.pager")
    assert "Page 1 of 2" in nav.get_text()
    second = soup(client.get(nav.find("a", rel="next")["href"]))
    assert len(second.select(".board-card")) == 10
    assert second.select_one("nav.pager a[rel=prev]")
    for odd in ("?stage=applied&page=abc", "?stage=applied&page=-3", "?stage=applied&page=999"):
        assert client.get("/" + odd).status_code == 200


def test_an_unknown_stage_in_the_address_shows_the_whole_board_and_says_so(
    client: Client, world: World
) -> None:
    page = soup(client.get("/?stage=hired"))
    assert "There is no stage called “hired”" in page.select_one(".warning").get_text()
    assert len(page.select("#board .column")) == 8


def test_the_empty_board_says_what_to_do_first(client: Client) -> None:
    client.get("/welcome/")  # past the first run, the board opens empty
    page = soup(client.get("/"))
    empty = page.select_one("section.empty")
    assert "Add your first opportunity" in empty.get_text()
    assert "a column for its stage" in empty.get_text()
    assert page.find(id="board") is None


def test_the_board_and_its_week_are_read_in_the_same_queries_for_more_rows(
    client: Client, user: Any, django_assert_max_num_queries: Any
) -> None:
    def fill(n: int) -> None:
        for i in range(n):
            opp = r.opportunities.create(user, company=f"Co {i}", role="Analyst")
            done = r.rounds.create(user, opp.pk, status="done", scheduled_at="2026-11-20T10:00Z")
            r.rounds.create(user, opp.pk, scheduled_at=timezone.now() + dt.timedelta(days=2))
            r.interviewers.add_to_round(user, done.pk, name=f"Person {i}")
            followups.draft(user, done.pk)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fill(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    fill(12)
    with CaptureQueriesContext(connection) as more:
        client.get("/")
    assert len(more) == len(few)
