"""A date that is not in the calendar is named plainly and kept; odd but possible dates are
saved with a word to check them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from nextround.services import dates, round_state, times
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def _form_data(page: BeautifulSoup) -> dict[str, str]:
    form = page.find("form", class_="form")
    assert form is not None
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    data |= {t["name"]: t.get_text() for t in form.find_all("textarea")}
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    return data


def _beside(page: BeautifulSoup, name: str) -> tuple[str, Any]:
    """The words of the field named, with its errors, and its input."""
    box = page.find(attrs={"name": name})
    assert box is not None, name
    field = box.find_parent("div", class_="field")
    return field.get_text(" ", strip=True), box


def _said(client: Client, response: Any) -> str:
    assert response.status_code == 302, response.content[:2000]
    shown = soup(client.get(response["Location"])).select_one(".messages")
    return shown.get_text(" ", strip=True) if shown else ""


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2026-02-30", "30 February 2026 is not a date: choose another day."),
        ("31/11/2026", "31 November 2026 is not a date: choose another day."),
        ("2026-13-01", "\u201c2026-13-01\u201d is not a date: give one such as 2026-12-08."),
        ("next week", "\u201cnext week\u201d is not a date: give one such as 2026-12-08."),
        ("", ""),
    ],
)
def test_the_words_for_a_day_that_cannot_be(typed: str, said: str) -> None:
    from nextround.web.forms import not_a_day

    assert (not_a_day(typed) if typed else "") == said


def test_a_time_past_midnight_is_named_as_a_time() -> None:
    assert dates.refused_day("2026-12-08T25:00") == (
        "25:00 is not a time of day: choose one from 00:00 to 23:59."
    )
    assert dates.refused_day("2026-12-08T14:00") == ""


def test_a_round_on_30_february_is_refused_in_words_and_what_was_typed_is_kept(
    client: Client, world: World
) -> None:
    url = f"/opportunities/{world.acme.pk}/rounds/new/"
    data = _form_data(soup(client.get(url)))
    data |= {"scheduled_at": "2026-02-30T10:00", "location": "Acme HQ, Leeds"}
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, not saved
    page = soup(response)
    words, box = _beside(page, "scheduled_at")
    assert "30 February 2026 is not a date: choose another day." in words
    assert "correct format" not in page.get_text()
    # The browser's date box cannot show that day: a text box keeps it as typed.
    assert (box["type"], box["value"]) == ("text", "2026-02-30T10:00")
    assert _beside(page, "location")[1]["value"] == "Acme HQ, Leeds"
    assert m.Round.objects.filter(opportunity=world.acme).count() == 2

    # Put right in the same box, it is saved.
    response = client.post(url, data | {"scheduled_at": "2026-02-28 10:00"})
    assert response.status_code == 302
    made = m.Round.objects.get(opportunity=world.acme, number=3)
    assert times.in_zone(made.scheduled_at, made.timezone).strftime("%d %H:%M") == "28 10:00"


def test_a_round_edit_with_a_bad_time_says_so_and_changes_nothing(
    client: Client, world: World
) -> None:
    url = f"/rounds/{world.round2.pk}/edit/"
    data = _form_data(soup(client.get(url))) | {"scheduled_at": "2026-12-03T25:00"}
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, not saved
    words, box = _beside(soup(response), "scheduled_at")
    assert "25:00 is not a time of day" in words
    assert box["value"] == "2026-12-03T25:00"
    assert m.Round.objects.get(pk=world.round2.pk).scheduled_at == world.round2.scheduled_at


def test_a_feedback_date_not_in_the_calendar_is_named_beside_it(
    client: Client, world: World
) -> None:
    url = f"/items/feedback/{world.feedback.pk}/edit/"
    data = _form_data(soup(client.get(url))) | {"received_on": "31/11/2026"}
    response = client.post(url, data)
    assert response.status_code == 200  # the edit page again, with the refusal
    words, box = _beside(soup(response), "received_on")
    assert "31 November 2026 is not a date: choose another day." in words
    assert (box["type"], box["value"]) == ("text", "31/11/2026")
    assert m.Feedback.objects.get(pk=world.feedback.pk).received_on == dt.date(2026, 11, 19)


def test_an_offer_whose_reply_by_date_has_passed_is_saved_with_a_word_to_check_it(
    client: Client, world: World
) -> None:
    gone = timezone.localdate() - dt.timedelta(days=30)
    data = {"opportunity": str(world.acme.pk), "salary": "52000", "currency": "GBP"}
    said = _said(client, client.post("/offers/", data | {"deadline": gone.isoformat()}))
    offer = m.Offer.objects.get()
    assert offer.deadline == gone
    day = f"{gone:%A} {gone.day} {gone:%B %Y}"
    assert f"The reply-by date, {day}, has passed: check it." in said

    # Put right on the edit page, the word goes.
    later = timezone.localdate() + dt.timedelta(days=7)
    url = f"/offers/{offer.pk}/edit/"
    edit = _form_data(soup(client.get(url))) | {"deadline": later.isoformat()}
    said = _said(client, client.post(url, edit))
    assert "Saved" in said and "has passed" not in said
    edit |= {"deadline": gone.isoformat()}
    assert "has passed: check it." in _said(client, client.post(url, edit))


def test_a_decided_offer_is_not_asked_about_its_old_deadline(world: World) -> None:
    from nextround.services import offers

    gone = timezone.localdate() - dt.timedelta(days=3)
    offer = r.offers.create(world.user, opportunity_id=world.acme.pk, deadline=gone.isoformat())
    assert offers.deadline_passed(offer)
    offer.decision = m.Decision.ACCEPTED
    assert offers.deadline_passed(offer) == ""


def _round_in(world: World, days: float) -> m.Round:
    when = (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)
    return r.rounds.create(world.user, world.acme.pk, scheduled_at=when.isoformat())


def test_marking_a_future_round_done_says_how_far_away_it_is(client: Client, world: World) -> None:
    ahead = _round_in(world, 4)
    said = _said(client, client.post(f"/rounds/{ahead.pk}/done/"))
    starts = times.in_zone(ahead.scheduled_at, ahead.timezone)
    assert "marked done: debrief it below." in said
    assert f"This round is dated {starts.day} {starts:%B}, 4 days away: marked done anyway." in (
        said
    )
    assert m.Round.objects.get(pk=ahead.pk).status == m.RoundStatus.DONE


def test_marking_a_past_round_done_says_nothing_more(client: Client, world: World) -> None:
    past = _round_in(world, -2)
    said = _said(client, client.post(f"/rounds/{past.pk}/done/"))
    assert "marked done" in said and "anyway" not in said


def test_the_note_names_tomorrow_and_later_today() -> None:
    now = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
    tomorrow = m.Round(scheduled_at=now + dt.timedelta(days=1), timezone="UTC")
    later = m.Round(scheduled_at=now + dt.timedelta(hours=5), timezone="UTC")
    assert round_state.done_early(tomorrow, now) == (
        "This round is dated 5 December, tomorrow: marked done anyway."
    )
    assert round_state.done_early(later, now) == (
        "This round is dated at 14:00 today, later than now: marked done anyway."
    )
    assert round_state.done_early(m.Round(scheduled_at=None), now) == ""
