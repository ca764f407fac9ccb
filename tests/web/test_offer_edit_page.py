"""An offer can be changed after it is recorded, with each refusal named beside its field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


@pytest.fixture
def offer(world: World) -> m.Offer:
    return r.offers.create(
        world.user, opportunity_id=world.acme.pk, salary=52000, currency="GBP", bonus="5%"
    )


def _form(page: BeautifulSoup) -> dict[str, str]:
    form = page.find("form", class_="form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    data |= {t["name"]: t.get_text() for t in form.find_all("textarea")}
    for select in form.find_all("select"):
        data[select["name"]] = select.find("option", selected=True)["value"]
    return data


def test_each_offer_links_to_its_edit_page(client: Client, offer: m.Offer) -> None:
    card = soup(client.get("/offers/")).find(id=f"offer-{offer.pk}")
    link = card.find("a", href=f"/offers/{offer.pk}/edit/")
    assert link.get_text() == "Edit Senior Data Analyst at Acme Retail"


def test_the_edit_page_shows_the_offer_as_recorded(
    client: Client, world: World, offer: m.Offer
) -> None:
    page = soup(client.get(f"/offers/{offer.pk}/edit/"))
    assert page.h1.get_text() == "Edit Senior Data Analyst at Acme Retail"
    data = _form(page)
    assert data["opportunity"] == str(world.acme.pk)
    assert (data["salary"], data["currency"], data["bonus"]) == ("52000.00", "GBP", "5%")
    assert "once" not in data  # an edit is not a create: no one-time token


def test_saving_changes_the_offer_and_goes_back_to_it(client: Client, offer: m.Offer) -> None:
    data = _form(soup(client.get(f"/offers/{offer.pk}/edit/")))
    data |= {"salary": "56000", "currency": "\u20ac", "deadline": "2030-01-20"}
    response = client.post(f"/offers/{offer.pk}/edit/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/offers/#offer-{offer.pk}"
    saved = m.Offer.objects.get(pk=offer.pk)
    assert (saved.salary, saved.currency, saved.bonus) == (Decimal("56000"), "EUR", "5%")
    assert saved.deadline == dt.date(2030, 1, 20)
    assert m.Offer.objects.count() == 1
    page = soup(client.get(response["Location"]))
    assert "Saved Senior Data Analyst at Acme Retail." in page.get_text()


def test_the_current_job_stays_the_current_job(client: Client, world: World) -> None:
    now = r.offers.create(world.user, is_current_job=True, label="Now", salary=48000)
    data = _form(soup(client.get(f"/offers/{now.pk}/edit/")))
    assert data["opportunity"] == "current"
    client.post(f"/offers/{now.pk}/edit/", data | {"label": "My job now"})
    saved = m.Offer.objects.get(pk=now.pk)
    assert (saved.label, saved.is_current_job, saved.opportunity_id) == ("My job now", True, None)


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("salary", "-10", "greater than or equal to 0"),
        ("salary", "lots", "Enter a number"),
        ("deadline", "next week", "\u201cnext week\u201d is not a date: give one such as"),
        ("currency", "$", "stands for more than one currency"),
        ("opportunity", "", "Choose the opportunity the offer is from"),
    ],
)
def test_a_refused_value_is_named_beside_its_field_and_nothing_changes(
    client: Client, offer: m.Offer, field: str, value: str, said: str
) -> None:
    data = _form(soup(client.get(f"/offers/{offer.pk}/edit/"))) | {field: value}
    response = client.post(f"/offers/{offer.pk}/edit/", data)
    assert response.status_code == 400
    page = soup(response)
    box = page.find(attrs={"name": field}).find_parent("div", class_="field")
    assert said in box.get_text()
    assert box.find(attrs={"name": field}).get("value", value) == value
    saved = m.Offer.objects.get(pk=offer.pk)
    assert (saved.salary, saved.currency) == (Decimal("52000"), "GBP")


def test_someone_elses_offer_is_not_found(client: Client, other_user: Any) -> None:
    theirs = r.offers.create(other_user, is_current_job=True, salary=1)
    assert client.get(f"/offers/{theirs.pk}/edit/").status_code == 404
    assert client.post(f"/offers/{theirs.pk}/edit/", {"salary": "2"}).status_code == 404
    assert m.Offer.objects.get(pk=theirs.pk).salary == Decimal("1")
