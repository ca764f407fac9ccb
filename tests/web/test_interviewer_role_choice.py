"""Adding a person asks for their role: nobody is filed as "Other" without choosing it."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.store import models as m
from tests.world import World


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def test_the_add_form_starts_on_choose_a_role(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    role = page.select_one("#people select[name=role]")
    chosen = role.find_all("option", selected=True)
    assert [(o["value"], o.get_text()) for o in chosen] == [("", "Choose a role\u2026")]
    assert role.find("option", value="other").get_text() == "Other"
    label = page.find("label", attrs={"for": role["id"]})
    assert label.get_text(strip=True) == "Role in the process"


def test_a_person_with_no_role_is_refused_with_the_reason_beside_the_field(
    client: Client, world: World
) -> None:
    response = client.post(
        f"/rounds/{world.round2.pk}/people/", {"name": "Sam Reyes", "seniority": "unknown"}
    )
    assert response.status_code == 400
    field = soup(response).select_one("#people select[name=role]").find_parent("div")
    assert "Choose their role in the process: Other if none of these fits." in field.get_text()
    assert not m.Interviewer.objects.filter(name="Sam Reyes").exists()
    # What was typed stays; the role chosen next time is saved as chosen.
    assert soup(response).select_one("#people input[name=name]")["value"] == "Sam Reyes"
    client.post(
        f"/rounds/{world.round2.pk}/people/",
        {"name": "Sam Reyes", "role": "other", "seniority": "unknown"},
    )
    assert m.Interviewer.objects.get(name="Sam Reyes").role == "other"


def test_with_htmx_the_refusal_comes_back_in_the_list(world: World) -> None:
    htmx = Client(headers={"HX-Request": "true"})
    response = htmx.post(f"/rounds/{world.round2.pk}/people/", {"name": "Sam Reyes"})
    assert "Choose their role in the process" in soup(response).get_text()
    assert not m.Interviewer.objects.filter(name="Sam Reyes").exists()


def test_editing_a_person_keeps_the_role_they_have(client: Client, world: World) -> None:
    page = soup(client.get(f"/items/people/{world.dana.pk}/edit/?round={world.round2.pk}"))
    chosen = page.find("select", attrs={"name": "role"}).find("option", selected=True)
    assert chosen["value"] == "team-member"
