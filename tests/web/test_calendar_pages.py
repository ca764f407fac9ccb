"""Calendar downloads and the private address, read back with icalendar as a calendar app would."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import timezone
from icalendar import Calendar

from nextround.services import calendar
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World

LONDON = ZoneInfo("Europe/London")


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def parsed(response: Any) -> tuple[Calendar, dict[str, Any]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def client(user: object) -> Client:
    return Client()


@pytest.fixture
def soon(world: World) -> dt.datetime:
    """Round 2 moved to 14:00 in London ten days from now, so its reminders are all ahead."""
    day = (timezone.now() + dt.timedelta(days=10)).astimezone(LONDON).date()
    start = dt.datetime.combine(day, dt.time(14, 0), tzinfo=LONDON)
    r.rounds.update(
        world.user,
        world.round2.pk,
        scheduled_at=start.replace(tzinfo=None).isoformat(),
        timezone="Europe/London",
    )
    return start


def test_a_round_downloads_in_its_own_zone_with_reminders_before_and_after(
    client: Client, world: World, soon: dt.datetime
) -> None:
    response = client.get(f"/rounds/{world.round2.pk}/calendar.ics")
    assert response["Content-Disposition"] == (
        'attachment; filename="nextround-acme-retail-round-2.ics"'
    )
    cal, found = parsed(response)
    pk = world.round2.pk
    assert sorted(found) == sorted(
        f"round-{pk}{part}@nextround" for part in ("", "-brief", "-practice", "-thank-you")
    )
    event = found[f"round-{pk}@nextround"]
    assert str(event["SUMMARY"]) == "Round 2: Senior Data Analyst at Acme Retail"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt == soon and event["DTSTART"].dt.tzinfo.key == "Europe/London"
    assert event["DTEND"].dt == soon + dt.timedelta(hours=1)
    assert "Europe/London" in [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    triggers = sorted(a["TRIGGER"].dt for a in event.walk("VALARM"))
    assert triggers == [-dt.timedelta(days=1), -dt.timedelta(hours=1)]
    assert all(str(a["ACTION"]) == "DISPLAY" for a in event.walk("VALARM"))
    brief = found[f"round-{pk}-brief@nextround"]["DTSTART"].dt
    assert brief == dt.datetime.combine(soon.date() - dt.timedelta(days=1), dt.time(18), LONDON)
    thanks = found[f"round-{pk}-thank-you@nextround"]
    assert str(thanks["SUMMARY"]) == (
        "Send thank-you notes for Round 2: Senior Data Analyst at Acme Retail"
    )
    # An hour after the round ends, with its alarm at that moment.
    assert thanks["DTSTART"].dt == soon + dt.timedelta(hours=2)
    assert [a["TRIGGER"].dt for a in thanks.walk("VALARM")] == [dt.timedelta(0)]
    assert str(cal["X-WR-CALNAME"]) == "nextround: Round 2: Senior Data Analyst at Acme Retail"


def test_an_opportunity_downloads_its_rounds_and_its_offer_deadline(
    client: Client, world: World, soon: dt.datetime
) -> None:
    r.offers.create(world.user, opportunity_id=world.acme.pk, deadline="2030-01-15")
    elsewhere = r.rounds.create(world.user, world.globex.pk, scheduled_at="2030-02-01T10:00Z")
    response = client.get(f"/opportunities/{world.acme.pk}/calendar.ics")
    assert 'filename="nextround-acme-retail.ics"' in response["Content-Disposition"]
    _, found = parsed(response)
    assert f"round-{world.round1.pk}@nextround" in found
    assert f"round-{world.round2.pk}@nextround" in found
    assert f"round-{elsewhere.pk}@nextround" not in found
    [deadline] = [e for uid, e in found.items() if uid.startswith("offer-")]
    assert deadline["DTSTART"].dt == dt.date(2030, 1, 15)
    assert [a["TRIGGER"].dt for a in deadline.walk("VALARM")] == [-dt.timedelta(days=1)]


def test_everything_downloads_from_the_calendar_page(
    client: Client, world: World, soon: dt.datetime
) -> None:
    page = soup(client.get("/calendar/"))
    link = page.find("a", href="/calendar.ics")
    assert link.get_text() == "Download everything (.ics)"
    elsewhere = r.rounds.create(world.user, world.globex.pk, scheduled_at="2030-02-01T10:00Z")
    response = client.get(link["href"])
    assert 'filename="nextround-interviews.ics"' in response["Content-Disposition"]
    cal, found = parsed(response)
    assert f"round-{elsewhere.pk}@nextround" in found
    assert f"round-{world.round2.pk}@nextround" in found
    assert str(cal["X-WR-CALNAME"]) == "nextround: interviews"
    # Rounds of long ago are history: only the opportunity's own file still has them.
    old = timezone.now() - dt.timedelta(days=400)
    r.rounds.update(world.user, world.round1.pk, scheduled_at=old.isoformat())
    _, found = parsed(client.get(link["href"]))
    assert f"round-{world.round1.pk}@nextround" not in found
    _, acme = parsed(client.get(f"/opportunities/{world.acme.pk}/calendar.ics"))
    assert f"round-{world.round1.pk}@nextround" in acme


def test_the_round_and_opportunity_pages_offer_their_downloads(
    client: Client, world: World
) -> None:
    round_page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    assert round_page.find("a", href=f"/rounds/{world.round2.pk}/calendar.ics")
    opp_page = soup(client.get(f"/opportunities/{world.acme.pk}/"))
    assert opp_page.find("a", href=f"/opportunities/{world.acme.pk}/calendar.ics")
    # A round with no date has nothing to put in a calendar.
    undated = r.rounds.create(world.user, world.acme.pk)
    assert not soup(client.get(f"/rounds/{undated.pk}/")).find(
        "a", href=f"/rounds/{undated.pk}/calendar.ics"
    )


def test_another_users_rounds_and_opportunities_are_not_found(
    client: Client, world: World, other_user: Any
) -> None:
    theirs = r.opportunities.create(other_user, company="Umbrella", role="Analyst")
    their_round = r.rounds.create(other_user, theirs.pk, scheduled_at="2030-02-01T10:00Z")
    assert client.get(f"/opportunities/{theirs.pk}/calendar.ics").status_code == 404
    assert client.get(f"/rounds/{their_round.pk}/calendar.ics").status_code == 404
    _, found = parsed(client.get("/calendar.ics"))
    assert f"round-{their_round.pk}@nextround" not in found


def _feed_url(client: Client) -> str:
    field = soup(client.get("/calendar/")).find("input", id="feed-url")
    assert field is not None
    value: str = field["value"]
    return value


def test_a_private_address_is_made_on_request_and_a_calendar_app_reads_it_without_a_session(
    client: Client, world: World, soon: dt.datetime
) -> None:
    page = soup(client.get("/calendar/"))
    assert page.find("button", string="Make my private calendar address")
    assert m.CalendarFeed.objects.count() == 0  # showing the page made nothing
    response = client.post("/calendar/address/", follow=True)
    assert "Your calendar address is ready" in soup(response).select_one(".messages").get_text()
    url = _feed_url(client)
    assert url.startswith("http://testserver/feeds/calendar/") and url.endswith(".ics")
    webcal = soup(client.get("/calendar/")).find("a", string="Open in my calendar app")
    assert webcal["href"] == "webcal://" + url.removeprefix("http://")
    app = Client()  # no cookie, as a calendar app polls
    response = app.get(url.removeprefix("http://testserver"))
    cal, found = parsed(response)
    assert "Cache-Control" in response and "private" in response["Cache-Control"]
    assert cal["REFRESH-INTERVAL"].dt == dt.timedelta(hours=1)
    assert cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    event = found[f"round-{world.round2.pk}@nextround"]
    assert event["DTSTART"].dt == soon
    assert len(event.walk("VALARM")) == 2
    _, everything = parsed(client.get("/calendar.ics"))
    assert sorted(found) == sorted(everything)


def test_revoking_the_address_makes_a_new_one_and_the_old_one_404s(
    client: Client, world: World
) -> None:
    client.post("/calendar/address/")
    old = _feed_url(client).removeprefix("http://testserver")
    assert Client().get(old).status_code == 200
    page = soup(client.get("/calendar/"))
    assert page.find("button", string="Revoke and make a new one")
    response = client.post("/calendar/address/", follow=True)
    assert "The old address no longer works" in soup(response).select_one(".messages").get_text()
    new = _feed_url(client).removeprefix("http://testserver")
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    client.post("/calendar/address/off/")
    assert Client().get(new).status_code == 404
    assert soup(client.get("/calendar/")).find("input", id="feed-url") is None


@pytest.mark.parametrize(
    "token",
    ["", "abc", "1-", "-abc", "99999-" + "0" * 40, "1-" + "0" * 40, "1" * 30 + "-x", "1-x/../2"],
)
def test_a_wrong_address_is_not_found(client: Client, world: World, token: str) -> None:
    calendar.renew_feed(world.user)
    real = calendar.feed(world.user)
    assert real is not None
    assert Client().get(f"/feeds/calendar/{token}.ics").status_code == 404
    # The right number with someone else's secret is no better.
    pk = real.token.split("-")[0]
    assert Client().get(f"/feeds/calendar/{pk}-{'f' * 40}.ics").status_code == 404
    assert Client().get(f"/feeds/calendar/{real.token}x.ics").status_code == 404


def test_an_address_shows_only_its_owners_events(world: World, other_user: Any) -> None:
    theirs = r.opportunities.create(other_user, company="Umbrella", role="Analyst")
    their_round = r.rounds.create(other_user, theirs.pk, scheduled_at="2030-02-01T10:00Z")
    r.offers.create(other_user, opportunity_id=theirs.pk, deadline="2030-02-10")
    mine = calendar.renew_feed(world.user)
    other = calendar.renew_feed(other_user)
    _, my_events = parsed(Client().get(f"/feeds/calendar/{mine.token}.ics"))
    _, their_events = parsed(Client().get(f"/feeds/calendar/{other.token}.ics"))
    assert f"round-{their_round.pk}@nextround" not in my_events
    assert f"round-{world.round2.pk}@nextround" in my_events
    assert f"round-{their_round.pk}@nextround" in their_events
    assert not any("Acme" in str(e["SUMMARY"]) for e in their_events.values())
    assert not any("Umbrella" in str(e["SUMMARY"]) for e in my_events.values())


def _everything() -> str:
    rows = {
        model.__name__: list(model._default_manager.order_by("pk").values())
        for model in apps.get_app_config("nextround").get_models()
    }
    rows["User"] = list(User.objects.order_by("pk").values())
    return json.dumps(rows, default=str, sort_keys=True)


def test_reading_the_address_and_the_files_writes_nothing(client: Client, world: World) -> None:
    feed = calendar.renew_feed(world.user)
    before = _everything()
    for path in (
        f"/feeds/calendar/{feed.token}.ics",
        "/calendar.ics",
        "/calendar/",
        f"/rounds/{world.round2.pk}/calendar.ics",
        f"/opportunities/{world.acme.pk}/calendar.ics",
        "/feeds/calendar/1-wrong.ics",
    ):
        client.get(path)
        Client().get(path)
    assert _everything() == before


@override_settings(LOCAL_MODE=False)
def test_in_server_mode_the_address_needs_no_sign_in_and_everything_else_does(db: None) -> None:
    alice = User.objects.create_user("alice", password="a long password for alice")
    opp = r.opportunities.create(alice, company="Acme Retail", role="Analyst")
    booked = r.rounds.create(alice, opp.pk, scheduled_at="2030-02-01T10:00Z")
    feed = calendar.renew_feed(alice)
    app = Client()
    response = app.get(f"/feeds/calendar/{feed.token}.ics")
    _, found = parsed(response)
    assert f"round-{booked.pk}@nextround" in found
    assert "sessionid" not in response.cookies
    assert app.get("/feeds/calendar/1-wrong.ics").status_code == 404
    for path in ("/calendar/", "/calendar.ics", f"/opportunities/{opp.pk}/calendar.ics"):
        assert app.get(path).status_code == 302, path
    assert app.post("/calendar/address/").status_code == 302
    assert calendar.feed(alice) == feed  # an anonymous post renewed nothing
    # A deactivated account's address stops working.
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert app.get(f"/feeds/calendar/{feed.token}.ics").status_code == 404
