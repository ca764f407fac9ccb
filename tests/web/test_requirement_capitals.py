"""A requirement read from an advert in small letters is shown with a capital; kept as read."""

from __future__ import annotations

import json
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
def duties(world: World) -> list[m.Requirement]:
    return [
        r.requirements.create(world.user, world.acme.pk, text="manage a team of 5", kind="duty"),
        r.requirements.create(world.user, world.acme.pk, text="iOS development", kind="nice"),
    ]


def _shown(element: Any) -> str:
    badge = element.find(class_="badge")
    return str(element.get_text(" ", strip=True)).removeprefix(badge.get_text(strip=True)).strip()


def test_the_opportunity_page_starts_each_requirement_with_a_capital(
    client: Client, world: World, duties: list[m.Requirement]
) -> None:
    page = soup(client.get(f"/opportunities/{world.acme.pk}/"))
    duty, ios = (page.find(id=f"requirement-{q.pk}") for q in duties)
    assert _shown(duty).startswith("Manage a team of 5")
    assert _shown(ios).startswith("iOS development")  # a name spelt so is left as it is
    assert m.Requirement.objects.get(pk=duties[0].pk).text == "manage a team of 5"


def test_the_evidence_map_and_the_brief_show_it_the_same_way(
    client: Client, world: World, duties: list[m.Requirement]
) -> None:
    evidence = soup(client.get(f"/opportunities/{world.acme.pk}/evidence/"))
    assert _shown(evidence.select_one(f"#req-{duties[0].pk} h3")) == "Manage a team of 5"
    assert _shown(evidence.select_one(f"#req-{duties[1].pk} h3")) == "iOS development"
    brief = soup(client.get(f"/rounds/{world.round2.pk}/brief/"))
    cells = [td.get_text(strip=True) for td in brief.select(".brief-body td:first-child")]
    assert "Manage a team of 5" in cells and "iOS development" in cells
    # The brief's data keeps the words as they were read.
    data = json.loads(client.get(f"/rounds/{world.round2.pk}/brief.json").content)
    assert "manage a team of 5" in [row["requirement"] for row in data["evidence"]["rows"]]
