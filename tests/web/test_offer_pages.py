"""The offers page: record offers, the matrix form with its sensitivity note, decide; profile."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from nextround.coach.note_templates import long_date
from nextround.services import followups, profile
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def add_offer(client: Client, **values: str) -> object:
    data = {"currency": "GBP", **values}
    return client.post("/offers/", data)


def test_recording_two_offers_shows_the_matrix_and_the_sensitivity_note(
    client: Client, world: World
) -> None:
    empty = soup(client.get("/offers/"))
    assert "at least two" in empty.get_text()
    assert add_offer(client, opportunity=str(world.acme.pk), salary="60000").status_code == 302
    add_offer(client, opportunity="current", salary="55000", label="Now")
    page = soup(client.get("/offers/"))
    table = page.select_one("table.matrix")
    assert table is not None
    rows = table.select("tbody tr")
    assert [row.th.get_text(" ", strip=True) for row in rows][1] == "Now current job"
    for field in table.select("input"):
        assert page.find("label", attrs={"for": field["id"]}) is not None
    assert "How firm is it?" in page.select_one(".sensitivity").get_text()


def test_each_weight_is_named_by_its_criterion(client: Client, world: World) -> None:
    r.offers.create(world.user, opportunity_id=world.acme.pk)
    r.offers.create(world.user, opportunity_id=world.globex.pk)
    page = soup(client.get("/offers/"))
    weights = page.select("table.matrix input.weight")
    assert len(weights) == len(profile.criteria(world.user)) == 8
    names = []
    for field in weights:
        label = page.find("label", attrs={"for": field["id"]})
        names.append(" ".join(label.get_text().split()))
    assert names == [f"{c.label} weight" for c in profile.criteria(world.user)]
    assert len(set(names)) == len(names)


def test_the_matrix_form_saves_ratings_and_weights(client: Client, world: World) -> None:
    a = r.offers.create(world.user, opportunity_id=world.acme.pk)
    b = r.offers.create(world.user, opportunity_id=world.globex.pk)
    client.post(
        "/offers/matrix/",
        {
            f"rating-{a.pk}-growth": "9",
            f"rating-{b.pk}-growth": "4",
            f"rating-{b.pk}-commute": "8",
            "weight-growth": "3",
        },
    )
    assert m.Offer.objects.get(pk=a.pk).ratings == {"growth": 9.0}
    page = soup(client.get("/offers/"))
    assert page.select("tbody tr")[0].get("id") == f"option-{a.pk}"
    assert page.find("input", id="weight-growth")["value"] == "3"
    response = client.post("/offers/matrix/", {f"rating-{a.pk}-growth": "12"})
    assert response.status_code == 400
    assert "from 0 to 10" in soup(response).select_one(f"#rating-{a.pk}-growth-error").get_text()
    assert m.Offer.objects.get(pk=a.pk).ratings == {"growth": 9.0}


def test_one_menu_says_whose_offer_it_is_and_a_missing_choice_is_named_beside_it(
    client: Client, world: World
) -> None:
    page = soup(client.get("/offers/"))
    form = page.find("button", string="Save offer").find_parent("form")
    menu = form.find("select", attrs={"name": "opportunity"})
    options = [o.get_text() for o in menu.find_all("option")]
    assert options[:2] == ["Choose\u2026", "My current job"]
    assert str(world.acme) in options
    assert form.find("input", attrs={"name": "is_current_job"}) is None
    assert "This is my current job" not in form.get_text()

    response = add_offer(client, salary="60000")
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = soup(response)
    assert "Constraint" not in page.get_text()
    field = page.find("select", attrs={"name": "opportunity"}).find_parent(class_="field")
    assert "has-error" in field["class"]
    assert "Choose the opportunity the offer is from, or your current job." in field.get_text()
    assert page.find("select", attrs={"name": "opportunity"}).has_attr("autofocus")
    assert not m.Offer.objects.exists()

    add_offer(client, opportunity="current", label="Now")
    assert m.Offer.objects.get().is_current_job
    assert m.Offer.objects.get().opportunity is None


def test_a_bad_offer_is_shown_with_errors_and_not_saved(client: Client, world: World) -> None:
    response = add_offer(client, currency="POUNDS", salary="-5")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert soup(response).select(".has-error, .form-errors")
    assert not m.Offer.objects.exists()


def test_the_script_page_and_accepting_an_offer(client: Client, world: World) -> None:
    offer = r.offers.create(world.user, opportunity_id=world.acme.pk)
    script = soup(client.get(f"/offers/{offer.pk}/script/?reply_by=2099-01-05"))
    assert "Monday 5 January" in script.get_text()
    assert script.find("a", string="Open in your mail app")["href"].startswith("mailto:")
    other_round = r.rounds.create(world.user, world.globex.pk)
    r.interviewers.add_to_round(world.user, other_round.pk, name="Kim Park")
    open_note = followups.draft(world.user, other_round.pk)[0]
    asked = client.post(f"/offers/{offer.pk}/decide/", {"decision": "accept"})
    assert asked["Location"] == f"/offers/{offer.pk}/accept/"
    confirm = {"decision": "accept", "confirmed": "1", "withdraw": str(world.globex.pk)}
    response = client.post(f"/offers/{offer.pk}/decide/", confirm, follow=True)
    assert "Closed 1 open follow-up" in soup(response).get_text()
    assert m.FollowUp.objects.get(pk=open_note.pk).closed_at is not None
    assert m.Opportunity.objects.get(pk=world.acme.pk).stage == "accepted"
    assert client.post("/offers/999999/decide/", {"decision": "accept"}).status_code == 404


def test_the_profile_page_saves_name_addresses_and_criteria(client: Client, user: object) -> None:
    page = soup(client.get("/profile/"))
    for field in page.select("form input:not([type=hidden]), form textarea"):
        assert page.find("label", attrs={"for": field.get("id")}) or field.find_parent("label")
    client.post(
        "/profile/",
        {
            "full_name": "Jordan Lee",
            "email": "jordan@example.com",
            "other_emails": "j.lee@work.example\n",
            "weight-pay": "4",
            "remove": ["commute"],
            "new_criterion": "Remote work",
            "new_weight": "2",
        },
    )
    saved = m.Profile.objects.get()
    assert saved.full_name == "Jordan Lee"
    assert saved.other_emails == ["j.lee@work.example"]
    keys = {c["key"]: c["weight"] for c in saved.decision_criteria}
    assert keys["pay"] == 4 and keys["remote-work"] == 2 and "commute" not in keys
    bad = client.post("/profile/", {"email": "nope"})
    assert bad.status_code == 400
    assert m.Profile.objects.get().email == "jordan@example.com"


def test_the_marketers_script_goes_to_her_consultant_and_asks_past_the_deadline(
    client: Client, user: object
) -> None:
    profile.update(user, full_name="Sam Carter", email="sam.carter@mailbox.example")
    opp = r.opportunities.create(
        user,
        company="Brightwell",
        role="Marketing Manager",
        stage="offer",
        consultant_name="Jess Patel",
        consultant_email="jess@harbourtalent.example",
    )
    done = r.rounds.create(user, opp.pk, status="done", outcome="offer")
    r.interviewers.add_to_round(
        user, done.pk, name="Marta Nowak", title="Head of Brand", role="hiring-manager"
    )
    today = timezone.localdate()
    deadline = today + dt.timedelta(days=2)
    offer = r.offers.create(user, opportunity_id=opp.pk, deadline=deadline)
    page = soup(client.get(f"/offers/{offer.pk}/script/"))
    header = page.select_one("header.page-header").get_text(" ", strip=True)
    week = today + dt.timedelta(days=7)
    assert "To Jess Patel <jess@harbourtalent.example> (your consultant)" in header
    assert f"asking to answer by {long_date(week)}" in header
    assert f"their deadline is {long_date(deadline)}" in header
    warning = page.select_one("p.warning").get_text(" ", strip=True)
    assert "after their deadline" in warning and "Wait until they agree" in warning
    written = page.select_one(".note-text").get_text(" ", strip=True)
    assert written.startswith("Hi Jess,")
    assert f"I know Brightwell would like an answer by {long_date(deadline)}" in written
    assert "in writing" in written
    assert "Marta" not in written
    labels = [o.get_text() for o in page.select("select#reason option")]
    assert "Talk it over with family" in labels and "Finish another process" in labels
    for tag in page(["select", "form"]):
        tag.decompose()
    assert "other-process" not in page.get_text()
    changed = soup(client.get(f"/offers/{offer.pk}/script/?reason=terms"))
    assert "reading the full terms carefully" in changed.select_one(".note-text").get_text()
    bad = client.get(f"/offers/{offer.pk}/script/?reason=vibes", follow=True)
    assert "not one of" in soup(bad).select_one(".messages").get_text()
