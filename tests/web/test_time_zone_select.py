"""The round form's time zone: one option per place, by region, named with its clocks."""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def _select(client: Client, path: str) -> Any:
    page = BeautifulSoup(client.get(path).content, "html.parser")
    return page.find("select", attrs={"name": "timezone"})


def test_it_lists_each_place_once_with_no_aliases(client: Client, world: World) -> None:
    select = _select(client, f"/opportunities/{world.acme.pk}/rounds/new/")
    values = [o["value"] for o in select.find_all("option")]
    assert len(values) == len(set(values))
    for alias in ("GB", "US/Eastern", "Etc/GMT+1", "Asia/Calcutta", "America/Buenos_Aires"):
        assert alias not in values, alias
    assert not [v for v in values if v.startswith("Etc/")]
    assert {"Europe/London", "Europe/Amsterdam", "Asia/Kolkata", "UTC"} <= set(values)
    # Every option is under its region, and the regions are the map's.
    assert all(o.find_parent("optgroup") for o in select.find_all("option"))
    regions = [g["label"] for g in select.find_all("optgroup")]
    assert regions[0] == "Universal"
    assert {"Africa", "America", "Asia", "Australia", "Europe", "Pacific"} <= set(regions)


def test_each_place_is_named_by_city_and_country_with_its_offset(
    client: Client, world: World
) -> None:
    select = _select(client, f"/opportunities/{world.acme.pk}/rounds/new/")

    def label(value: str) -> str:
        return str(select.find("option", value=value).text)

    assert re.fullmatch(r"London, Britain \(UK\) \u2014 UTC\+0[01]:00", label("Europe/London"))
    assert label("Asia/Kolkata") == "Kolkata, India \u2014 UTC+05:30"
    assert label("America/Argentina/Buenos_Aires") == "Buenos Aires, Argentina \u2014 UTC-03:00"
    assert label("America/North_Dakota/New_Salem").startswith(
        "New Salem, North Dakota, United States \u2014 UTC-0"
    )
    assert label("Europe/Andorra").startswith("Andorra \u2014 UTC+0")
    europe = select.find("optgroup", label="Europe")
    names = [o.text for o in europe.find_all("option")]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("machine", "chosen"),
    [("Etc/UTC", "UTC"), ("US/Eastern", "America/New_York"), ("Asia/Tokyo", "Asia/Tokyo")],
)
def test_a_new_round_starts_on_this_machines_zone_as_the_list_names_it(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, machine: str, chosen: str
) -> None:
    monkeypatch.setenv("TZ", machine)
    select = _select(client, f"/opportunities/{world.acme.pk}/rounds/new/")
    assert [o["value"] for o in select.find_all("option", selected=True)] == [chosen]


def test_a_stored_alias_is_kept_shown_as_given_and_saved_again(
    client: Client, world: World
) -> None:
    kept = r.rounds.create(
        world.user, world.globex.pk, scheduled_at="2026-12-10T09:00", timezone="US/Eastern"
    )
    chosen = _select(client, f"/rounds/{kept.pk}/edit/").find("option", selected=True)
    assert (chosen["value"], chosen.text) == ("US/Eastern", "US/Eastern (as given)")
    response = client.post(
        f"/rounds/{kept.pk}/edit/",
        {
            "number": "1",
            "scheduled_at": "2026-12-10T10:00",
            "timezone": "US/Eastern",
            "format": "video",
            "kind": "one-to-one",
            "purpose": "unknown",
            "status": "planned",
            "outcome": "pending",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    saved = m.Round.objects.get(pk=kept.pk)
    assert saved.timezone == "US/Eastern"
    assert saved.scheduled_at is not None and saved.scheduled_at.hour == 15


def test_an_alias_sent_with_a_refused_field_stays_chosen(client: Client, world: World) -> None:
    response = client.post(
        f"/opportunities/{world.globex.pk}/rounds/new/",
        {"timezone": "Europe/Belfast", "scheduled_at": "soon", "format": "video"},
    )
    assert response.status_code in (200, 400)
    page = BeautifulSoup(response.content, "html.parser")
    chosen = page.find("select", attrs={"name": "timezone"}).find("option", selected=True)
    assert chosen["value"] == "Europe/Belfast"
    assert not m.Round.objects.filter(opportunity=world.globex).exists()
