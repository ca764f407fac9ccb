"""Accepting an offer closes the loop: it asks, then declines the others and withdraws elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from nextround.services import decisions, followups
from nextround.services import records as r
from nextround.services.errors import InvalidInput
from nextround.store import models as m
from tests.world import World


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


@pytest.fixture
def client(user: object) -> Client:
    return Client()


@pytest.fixture
def open_elsewhere(world: World) -> dict[str, object]:
    """An offer from Acme, one from Initech, and Globex still interviewing with notes to send."""
    acme = r.offers.create(world.user, opportunity_id=world.acme.pk, currency="GBP")
    initech = r.opportunities.create(world.user, company="Initech", role="Analyst", stage="offer")
    other = r.offers.create(world.user, opportunity_id=initech.pk)
    later = (timezone.now() + dt.timedelta(days=3)).replace(microsecond=0)
    globex_round = r.rounds.create(world.user, world.globex.pk, status="done")
    r.interviewers.add_to_round(world.user, globex_round.pk, name="Kim Park")
    notes = followups.draft(world.user, globex_round.pk)
    chaser = r.follow_ups.create(world.user, globex_round.pk, kind="chaser", subject="Any news?")
    ahead = r.rounds.create(world.user, world.globex.pk, scheduled_at=later.isoformat())
    return {
        "acme": acme,
        "other": other,
        "initech": initech,
        "notes": notes,
        "chaser": chaser,
        "ahead": ahead,
    }


def test_accepting_asks_first_what_else_to_close(
    client: Client, world: World, open_elsewhere: dict[str, m.Offer]
) -> None:
    acme = open_elsewhere["acme"]
    asked = client.post(f"/offers/{acme.pk}/decide/", {"decision": "accept"})
    assert asked["Location"] == f"/offers/{acme.pk}/accept/"
    assert m.Offer.objects.get(pk=acme.pk).decision == "pending"
    page = soup(client.get(asked["Location"]))
    assert page.h1 is not None and "Accept Senior Data Analyst at Acme Retail?" in page.h1.text
    decline = page.find("input", attrs={"name": "decline"})
    withdraw = page.find("input", attrs={"name": "withdraw"})
    assert decline is not None and decline.has_attr("checked")
    assert withdraw is not None and withdraw["value"] == str(world.globex.pk)
    assert withdraw.has_attr("checked")
    label = page.find("label", attrs={"for": withdraw["id"]})
    assert label is not None
    assert "Insights Lead at Globex" in label.text
    assert "2 open follow-ups, 1 round still ahead" in label.text


def test_accepting_declines_the_others_and_withdraws_from_the_rest(
    client: Client, world: World, open_elsewhere: dict[str, object]
) -> None:
    acme, other = open_elsewhere["acme"], open_elsewhere["other"]
    assert isinstance(acme, m.Offer) and isinstance(other, m.Offer)
    form = {
        "decision": "accept",
        "confirmed": "1",
        "decline": str(other.pk),
        "withdraw": str(world.globex.pk),
    }
    done = client.post(f"/offers/{acme.pk}/decide/", form, follow=True)
    said = soup(done).select_one(".messages")
    assert said is not None
    assert said.get_text(" ", strip=True) == (
        "Accepted Senior Data Analyst at Acme Retail. Declined Analyst at Initech. "
        "Withdrew from Insights Lead at Globex. Closed 2 open follow-ups of other "
        "opportunities. Cancelled 1 planned round."
    )
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == "withdrawn"
    assert m.Opportunity.objects.get(pk=other.opportunity_id).stage == "declined"
    assert m.Offer.objects.get(pk=other.pk).decision == "declined"
    assert not m.FollowUp.objects.filter(
        round__opportunity=world.globex, closed_at__isnull=True
    ).exists()
    ahead = m.Round.objects.get(pk=open_elsewhere["ahead"].pk)  # type: ignore[attr-defined]
    assert (ahead.status, ahead.outcome) == ("cancelled", "withdrew")
    # The page no longer offers to decide what is decided.
    page = soup(client.get("/offers/"))
    card = page.select_one("ul.offers li.offer")
    assert card is not None
    assert "You accepted this offer." in card.text
    assert not page.find("a", string="Accept") and not page.find("button", string="Decline")
    assert "Still deciding" not in page.text
    declined = page.select_one("ul.declined")
    assert declined is not None and "Analyst at Initech" in declined.text
    globex = soup(client.get(f"/opportunities/{world.globex.pk}/"))
    stage = globex.select_one(".page-header .badge")
    assert stage is not None and stage.text == "Withdrawn"


def test_what_is_unticked_stays_open(
    client: Client, world: World, open_elsewhere: dict[str, object]
) -> None:
    acme, other = open_elsewhere["acme"], open_elsewhere["other"]
    assert isinstance(acme, m.Offer) and isinstance(other, m.Offer)
    stage = m.Opportunity.objects.get(pk=world.globex.pk).stage
    form = {"decision": "accept", "confirmed": "1", "decline": str(other.pk)}
    client.post(f"/offers/{acme.pk}/decide/", form)
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == stage == "callback"
    assert (
        m.FollowUp.objects.filter(round__opportunity=world.globex, closed_at__isnull=True).count()
        == 2
    )
    assert m.Round.objects.get(pk=open_elsewhere["ahead"].pk).status == "planned"  # type: ignore[attr-defined]


def test_with_nothing_else_open_accepting_needs_no_second_step(
    client: Client, world: World
) -> None:
    r.opportunities.update(world.user, world.globex.pk, stage="rejected")
    r.rounds.update(world.user, world.round2.pk, status="done")  # no round of its own ahead
    acme = r.offers.create(world.user, opportunity_id=world.acme.pk)
    client.post(f"/offers/{acme.pk}/decide/", {"decision": "accept"})
    assert m.Offer.objects.get(pk=acme.pk).decision == "accepted"


def test_an_id_that_is_not_open_elsewhere_is_refused(
    world: World, open_elsewhere: dict[str, m.Offer]
) -> None:
    acme = open_elsewhere["acme"]
    with pytest.raises(InvalidInput, match="not one of your other open opportunities"):
        decisions.decide(world.user, acme.pk, True, withdraw=[world.acme.pk])
    assert m.Offer.objects.get(pk=acme.pk).decision == "pending"


def test_the_accept_page_writes_nothing(
    client: Client, world: World, open_elsewhere: dict[str, m.Offer]
) -> None:
    # Who may open it in server mode is in tests/server/test_authorisation_matrix.py.
    acme = open_elsewhere["acme"]
    before = list(m.Offer.objects.values_list("decision", "updated_at"))
    assert client.get(f"/offers/{acme.pk}/accept/").status_code == 200
    assert list(m.Offer.objects.values_list("decision", "updated_at")) == before


def test_accepting_asks_about_this_jobs_own_rounds_ahead_and_leaves_the_current_job(
    client: Client, world: World
) -> None:
    r.opportunities.update(world.user, world.globex.pk, stage="rejected")
    later = (timezone.now() + dt.timedelta(days=5)).replace(microsecond=0)
    visit = r.rounds.create(world.user, world.acme.pk, scheduled_at=later.isoformat())
    booked = r.rounds.update(world.user, world.round2.pk, scheduled_at=later.isoformat())
    acme = r.offers.create(world.user, opportunity_id=world.acme.pk)
    now = r.offers.create(world.user, is_current_job=True, label="Where I work now")

    asked = client.post(f"/offers/{acme.pk}/decide/", {"decision": "accept"})
    assert asked["Location"] == f"/offers/{acme.pk}/accept/"
    page = soup(client.get(asked["Location"]))
    boxes = page.find_all("input", attrs={"name": "cancel_round"})
    assert [b["value"] for b in boxes] == [str(booked.pk), str(visit.pk)]
    assert all(b.has_attr("checked") for b in boxes)
    label = page.find("label", attrs={"for": f"cancel-round-{booked.pk}"}).get_text()
    assert label.startswith("Round 2 on ") and "no longer needed" in label
    assert "current job" in page.get_text() and "leaving" in page.get_text()

    # Round 2 is no longer needed; the visit after the offer is kept (its box unticked).
    done = client.post(
        f"/offers/{acme.pk}/decide/",
        {"decision": "accept", "confirmed": "1", "cancel_round": str(booked.pk)},
        follow=True,
    )
    said = soup(done).select_one(".messages").get_text()
    assert "Cancelled round 2 of this job, no longer needed." in said
    assert "Your current job is marked as one you are leaving." in said
    assert m.Round.objects.get(pk=booked.pk).status == "cancelled"
    assert m.Round.objects.get(pk=visit.pk).status == "planned"
    assert m.Offer.objects.get(pk=now.pk).decision == "declined"
    declined = soup(client.get("/offers/")).select_one("ul.offers.declined").get_text(" ")
    assert "Where I work now Leaving" in " ".join(declined.split())
    # Gone from the calendar: only the kept visit is still booked.
    ics = client.get(f"/opportunities/{world.acme.pk}/calendar.ics").content.decode()
    summaries = [line for line in ics.splitlines() if line.startswith("SUMMARY:")]
    assert any("Round 3" in line for line in summaries)
    assert not any("Round 2" in line for line in summaries)
