"""Where a new opportunity starts: Interviewing, then Called back once a second round exists."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import records as r
from nextround.store import models as m


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def _as_sent(page: Any) -> dict[str, str]:
    """What the form sends as it comes, each select on its chosen option, the fields filled."""
    form = page.find("form", class_="form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True) or select.find("option")
        data[select["name"]] = chosen["value"]
    return data


def test_the_new_opportunity_form_starts_at_interviewing(client: Client) -> None:
    page = BeautifulSoup(client.get("/opportunities/new/").content, "html.parser")
    stage = page.find("select", attrs={"name": "stage"})
    assert [o["value"] for o in stage.find_all("option", selected=True)] == ["interviewing"]
    data = _as_sent(page) | {"company": "Hooli", "role": "Product Analyst"}
    assert client.post("/opportunities/new/", data).status_code == 302
    assert m.Opportunity.objects.get(company="Hooli").stage == "interviewing"


def test_adding_the_second_round_makes_it_called_back(client: Client) -> None:
    page = BeautifulSoup(client.get("/opportunities/new/").content, "html.parser")
    client.post("/opportunities/new/", _as_sent(page) | {"company": "Hooli", "role": "Analyst"})
    opp = m.Opportunity.objects.get(company="Hooli")
    for status in ("done", "planned"):
        path = f"/opportunities/{opp.pk}/rounds/new/"
        form = _as_sent(BeautifulSoup(client.get(path).content, "html.parser"))
        assert client.post(path, form | {"status": status}).status_code == 302
    assert m.Opportunity.objects.get(pk=opp.pk).stage == "callback"
    page = BeautifulSoup(client.get(f"/opportunities/{opp.pk}/").content, "html.parser")
    assert page.select_one(".badge.stage-callback").get_text() == "Called back"


def test_the_edit_form_keeps_the_stage_it_has(client: Client, user: Any) -> None:
    opp = r.opportunities.create(user, company="Globex", role="Lead", stage="applied")
    page = BeautifulSoup(client.get(f"/opportunities/{opp.pk}/edit/").content, "html.parser")
    stage = page.find("select", attrs={"name": "stage"})
    assert stage.find("option", selected=True)["value"] == "applied"
