"""A calendar download with nothing dated in it says so, instead of an empty file."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import records as r


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def test_an_opportunity_with_no_rounds_says_there_is_nothing_to_add(
    client: Client, user: Any
) -> None:
    opp = r.opportunities.create(user, company="Hooli", role="Analyst")
    page = soup(client.get(f"/opportunities/{opp.pk}/"))
    assert not page.find("a", href=f"/opportunities/{opp.pk}/calendar.ics")
    assert page.find(id="no-calendar").get_text() == "No rounds to add to a calendar yet"
    response = client.get(f"/opportunities/{opp.pk}/calendar.ics")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    said = soup(response)
    assert said.h1.get_text() == "Nothing to add to a calendar yet"
    assert "No rounds to add to a calendar yet" in said.get_text()
    assert said.find("a", href=f"/opportunities/{opp.pk}/")


def test_a_round_with_no_date_says_to_set_one(client: Client, user: Any) -> None:
    opp = r.opportunities.create(user, company="Hooli", role="Analyst")
    undated = r.rounds.create(user, opp.pk)
    assert not soup(client.get(f"/opportunities/{opp.pk}/")).find(
        "a", href=f"/opportunities/{opp.pk}/calendar.ics"
    )
    response = client.get(f"/rounds/{undated.pk}/calendar.ics")
    assert response.status_code == 404
    said = soup(response)
    assert "This round has no date yet" in said.get_text()
    assert said.find("a", href=f"/rounds/{undated.pk}/edit/")


def test_a_dated_round_or_an_offer_deadline_brings_the_download_back(
    client: Client, user: Any
) -> None:
    opp = r.opportunities.create(user, company="Hooli", role="Analyst")
    r.offers.create(user, opportunity_id=opp.pk, deadline="2030-01-15")
    page = soup(client.get(f"/opportunities/{opp.pk}/"))
    assert page.find("a", href=f"/opportunities/{opp.pk}/calendar.ics")
    assert page.find(id="no-calendar") is None
    response = client.get(f"/opportunities/{opp.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    other = r.opportunities.create(user, company="Globex", role="Lead")
    r.rounds.create(user, other.pk, scheduled_at="2030-02-01T10:00Z")
    assert client.get(f"/opportunities/{other.pk}/calendar.ics").status_code == 200
