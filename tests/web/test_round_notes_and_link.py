"""The round page shows the round's notes and its call link, before the round and after it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from nextround.services import records as r
from nextround.store import models as m
from tests.world import World

NOTES = "30-minute case study on payouts.\nBring laptop."
MEET = "https://meet.google.com/abc-defg-hij"


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def _round(world: World, days: float, **values: Any) -> m.Round:
    when = (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)
    return r.rounds.create(world.user, world.acme.pk, scheduled_at=when.isoformat(), **values)


@pytest.mark.parametrize(("days", "status"), [(4, "planned"), (-3, "done")], ids=["prep", "done"])
def test_a_video_rounds_link_and_notes_are_on_its_page(
    client: Client, world: World, days: float, status: str
) -> None:
    video = _round(world, days, status=status, format="video", link=MEET, notes=NOTES)
    page = soup(client.get(f"/rounds/{video.pk}/"))
    join = page.find("a", href=MEET)
    assert join is not None and join.get_text(strip=True) == "Join the video call"
    assert "button" in join["class"]
    assert ("primary" in join["class"]) == (status == "planned")  # the one thing on the day
    assert join.find_parent("header", class_="page-header") is not None
    assert "on meet.google.com" in join.find_parent("p").get_text(" ", strip=True)

    notes = page.find("section", id="notes")
    assert notes is not None and notes.h2.get_text() == "Your notes"
    shown = [p.get_text("|") for p in notes.select(".prose p")]
    assert shown == ["30-minute case study on payouts.|Bring laptop."]
    assert notes.find("a", href=f"/rounds/{video.pk}/edit/") is not None
    nav = page.find("nav", class_="page-sections")
    assert nav.find("a", href="#notes-h").get_text() == "Your notes"


def test_a_phone_rounds_link_says_what_it_opens(client: Client, world: World) -> None:
    phone = _round(world, 2, format="phone", link="https://zoom.us/j/123")
    join = soup(client.get(f"/rounds/{phone.pk}/")).find("a", href="https://zoom.us/j/123")
    assert join.get_text(strip=True) == "Open the call link"


def test_an_on_site_rounds_link_is_a_meeting_link(client: Client, world: World) -> None:
    on_site = _round(world, 2, format="on-site", link="https://www.acme.example/visit")
    join = soup(client.get(f"/rounds/{on_site.pk}/")).find(
        "a", href="https://www.acme.example/visit"
    )
    assert join.get_text(strip=True) == "Open the meeting link"
    assert "on acme.example" in join.find_parent("p").get_text(" ", strip=True)


def test_a_round_with_no_notes_or_link_shows_neither(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    assert page.find("section", id="notes") is None
    assert page.find("p", class_="call-link") is None
    assert page.find("a", href="#notes-h") is None
