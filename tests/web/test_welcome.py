"""The first-run page and the sample opportunity it offers."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import pages, practice, sample
from nextround.store import models as m


def test_the_welcome_page_offers_a_sample_and_a_first_opportunity(user: object) -> None:
    page = BeautifulSoup(Client().get("/welcome/").content, "html.parser")
    assert page.find("a", href="/opportunities/new/") is not None
    button = page.select_one("form[action='/welcome/sample/'] button")
    assert button is not None and button.get_text() == "Explore a sample opportunity"


def test_the_sample_is_a_realistic_opportunity_made_only_once(user: object) -> None:
    response = Client().post("/welcome/sample/")
    opp = m.Opportunity.objects.get(company=sample.SAMPLE_COMPANY)
    assert response["Location"] == f"/opportunities/{opp.pk}/"
    Client().post("/welcome/sample/")
    assert m.Opportunity.objects.filter(company=sample.SAMPLE_COMPANY).count() == 1
    page = pages.opportunity_page(user, opp.pk)  # type: ignore[arg-type]
    assert [s.round.status for s in page.rounds] == ["done", "planned"]
    assert len(page.rounds[1].panel) == 2
    assert page.rounds[0].question_count == 4
    assert page.rounds[0].feedback_count == 1


def test_the_sample_gives_something_to_practise(user: object) -> None:
    opp = sample.create_sample(user)  # type: ignore[arg-type]
    second = m.Round.objects.get(opportunity=opp, number=2)
    suggested = practice.questions_for_round(user, second.pk, 3)  # type: ignore[arg-type]
    assert suggested[0].text == "Describe a disagreement with a manager and how you handled it."


def test_a_first_run_opens_on_the_welcome_page_once(user: object) -> None:
    client = Client()
    first = client.get("/")
    assert (first.status_code, first["Location"]) == (302, "/welcome/")
    welcome = client.get("/welcome/")
    assert welcome.cookies["nextround_welcomed"].value == str(user.pk)  # type: ignore[attr-defined]
    # Seen once, the welcome page leaves the way to the (empty) board open.
    board = client.get("/")
    assert board.status_code == 200
    page = BeautifulSoup(board.content, "html.parser")
    assert page.select_one("section.empty") is not None
    assert not m.Profile.objects.exists()  # the pages only read


def test_someone_who_said_who_they_are_or_has_a_job_goes_to_the_board(user: object) -> None:
    Client().post("/welcome/", {"full_name": "Priya Raman", "email": ""})
    assert Client().get("/").status_code == 200
    m.Profile.objects.all().delete()
    m.Opportunity.objects.create(owner=user, company="Acme", role="Analyst")
    assert Client().get("/").status_code == 200


def test_a_refused_email_opens_the_welcome_form_on_the_email_field(user: object) -> None:
    response = Client().post("/welcome/", {"full_name": "Ana Ruiz", "email": "not an address"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    focused = page.select("[autofocus]")
    assert [f.get("name") for f in focused] == ["email"]
    assert not m.Profile.objects.filter(full_name="Ana Ruiz").exists()


def test_the_empty_boards_sample_offer_is_one_line_of_valid_markup(user: object) -> None:
    client = Client()
    client.get("/welcome/")
    html = client.get("/").content.decode()
    empty = BeautifulSoup(html, "html.parser").select_one("section.empty")
    assert empty is not None
    line = empty.select_one("div.para")
    assert line is not None and line.select_one("form[action='/welcome/sample/']") is not None
    assert line.get_text(" ", strip=True).endswith("explore a sample opportunity first.")
    # A form inside a paragraph would be split by the browser's parser.
    assert not any(p.find("form") for p in empty.find_all("p"))
