"""Who you are on the web: the welcome step, 'Took X to be you — change', and people on a round."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nextround.services import profile
from nextround.services import records as r
from nextround.store import models as m
from tests.services.test_who_you_are import LENA, OWEN, PRIYA, ics
from tests.world import World


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def invite_file() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "final.ics", ics("Final interview: Priya Raman / Data Lead", [OWEN, LENA, PRIYA], OWEN)
    )


def import_for_priya(client: Client, world: World) -> tuple[m.Round, BeautifulSoup]:
    response = client.post(
        f"/opportunities/{world.globex.pk}/invite/", {"file": invite_file()}, follow=True
    )
    round_ = m.Round.objects.get(opportunity=world.globex)
    return round_, soup(response)


# The welcome step ---------------------------------------------------------------------------


def test_the_welcome_page_asks_who_you_are_first_and_can_be_skipped(client: Client) -> None:
    page = soup(client.get("/welcome/"))
    form = page.select_one("form#who-you-are")
    assert form is not None
    assert form.find("label", string="Your name") is not None
    assert form.find("label", string="Your email") is not None
    skip = page.find("a", string="Skip for now")
    assert skip is not None and skip["href"] == "#start"
    assert page.select_one("#start") is not None


def test_saving_who_you_are_on_the_welcome_page_fills_the_profile(
    client: Client, user: object
) -> None:
    response = client.post(
        "/welcome/", {"full_name": "Priya Raman", "email": "priya.raman@fastmail.example"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/welcome/#start"
    saved = profile.get(user)  # type: ignore[arg-type]
    assert (saved.full_name, saved.email) == ("Priya Raman", "priya.raman@fastmail.example")
    page = soup(client.get("/welcome/"))
    assert page.select_one("form#who-you-are") is None
    assert "You are Priya Raman (priya.raman@fastmail.example)" in page.get_text(" ")


def test_a_bad_email_on_the_welcome_page_is_named_and_nothing_is_saved(client: Client) -> None:
    response = client.post("/welcome/", {"full_name": "Priya Raman", "email": "priya at home"})
    assert response.status_code == 400
    field = soup(response).select_one("form#who-you-are")
    assert field is not None and "Enter a valid email address" in field.get_text()
    assert field.find("input", attrs={"name": "full_name"})["value"] == "Priya Raman"
    assert not m.Profile.objects.exists()


def test_an_empty_welcome_form_saves_nothing(client: Client) -> None:
    response = client.post("/welcome/", {"full_name": " ", "email": ""})
    assert response["Location"] == "/welcome/#start"
    assert not m.Profile.objects.exists()


# Took X to be you — change ------------------------------------------------------------------


def test_the_import_message_says_who_was_taken_to_be_you_with_a_link_to_change(
    client: Client, world: World
) -> None:
    round_, page = import_for_priya(client, world)
    message = page.select_one(".messages")
    assert message is not None
    text = " ".join(message.get_text(" ").split())
    assert "Took Priya Raman to be you (the attendee named in the invite's title) — change" in text
    link = message.find("a", string="change")
    target = urlsplit(link["href"])
    assert target.path == f"/rounds/{round_.pk}/who-is-you/"
    assert parse_qs(target.query) == {
        "name": ["Priya Raman"],
        "email": ["priya.raman@fastmail.example"],
    }
    names = [li.find("strong").get_text() for li in page.select("#people li.person")]
    assert sorted(names) == ["Lena Fischer", "Owen Blake"]


def test_the_change_page_keeps_the_guess_as_you(client: Client, world: World) -> None:
    round_, page = import_for_priya(client, world)
    change = page.select_one(".messages").find("a", string="change")["href"]
    form_page = soup(client.get(change))
    assert form_page.find("h1").get_text() == "Which of these people is you?"
    assert form_page.find("button", string="Yes, that is me: save it to my profile")
    response = client.post(
        f"/rounds/{round_.pk}/who-is-you/",
        {"action": "mine", "name": "Priya Raman", "email": "priya.raman@fastmail.example"},
        follow=True,
    )
    assert "invites naming Priya Raman leave you out" in soup(response).get_text()
    saved = profile.get(world.user)
    assert (saved.full_name, saved.email) == ("Priya Raman", "priya.raman@fastmail.example")


def test_the_change_page_puts_the_guess_on_the_round_when_it_is_not_you(
    client: Client, world: World
) -> None:
    round_, _ = import_for_priya(client, world)
    client.post(
        f"/rounds/{round_.pk}/who-is-you/",
        {"action": "not-me", "name": "Priya Raman", "email": "priya.raman@fastmail.example"},
    )
    names = sorted(p.name for p in r.interviewers.of_round(world.user, round_.pk))
    assert names == ["Lena Fischer", "Owen Blake", "Priya Raman"]
    assert not m.Profile.objects.filter(owner=world.user, full_name="Priya Raman").exists()


def test_the_change_page_can_say_another_person_is_you(client: Client, world: World) -> None:
    round_, _ = import_for_priya(client, world)
    lena = m.Interviewer.objects.get(name="Lena Fischer")
    page = soup(client.get(f"/rounds/{round_.pk}/who-is-you/?name=Priya+Raman"))
    options = [o.get_text() for o in page.select("select#me-person option")]
    assert "Lena Fischer (lena.fischer@corvid.example)" in options
    client.post(
        f"/rounds/{round_.pk}/who-is-you/",
        {
            "action": "this-one",
            "interviewer": str(lena.pk),
            "name": "Priya Raman",
            "email": "priya.raman@fastmail.example",
        },
    )
    names = sorted(p.name for p in r.interviewers.of_round(world.user, round_.pk))
    assert names == ["Owen Blake", "Priya Raman"]
    assert profile.get(world.user).email == "lena.fischer@corvid.example"


# People on a round --------------------------------------------------------------------------


def menu(page: BeautifulSoup, section: str) -> list[str]:
    select = page.select_one(f"#{section} select[name=interviewer]")
    assert select is not None
    return [o.get_text() for o in select.find_all("option") if o.get("value")]


def test_someone_not_on_this_round_is_in_no_menu_of_it(client: Client, world: World) -> None:
    client.post(f"/rounds/{world.round2.pk}/unlink/{world.dana.pk}/")
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    assert menu(page, "asks") == ["Tom Okafor"]
    # Once the round is done, its debrief's "Asked by" offers the same people.
    r.rounds.update(world.user, world.round2.pk, status="done")
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    assert menu(page, "questions") == ["Tom Okafor"]
    assert menu(page, "asks") == ["Tom Okafor"]
    # Dana is now on no round at all: she is not offered to add back either.
    other = page.select_one("#people select#link-person")
    options = [o.get_text() for o in other.find_all("option")] if other else []
    assert options == ["Priya Shah, Analytics Manager (round 1)"]
    assert page.find("label", string="Someone from another round") is not None
    assert "Someone you met before" not in page.get_text()


def test_someone_from_an_earlier_round_can_be_added_by_name(client: Client, world: World) -> None:
    client.post(f"/rounds/{world.round2.pk}/link/", {"interviewer": str(world.priya.pk)})
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    assert "Priya Shah" in menu(page, "asks")
    assert page.select_one("#people select#link-person") is None


def test_an_edited_question_keeps_who_asked_it_after_they_leave_the_round(
    client: Client, world: World
) -> None:
    client.post(f"/rounds/{world.round1.pk}/unlink/{world.priya.pk}/")
    page = soup(client.get(f"/items/questions/{world.weak_question.pk}/edit/"))
    chosen = page.select_one("select[name=interviewer] option[selected]")
    assert chosen is not None and chosen.get_text() == "Priya Shah"


def test_a_person_can_be_deleted_from_the_round_page(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round1.pk}/"))
    button = page.find("button", attrs={"aria-label": "Delete Priya Shah"})
    assert button is not None
    form = button.find_parent("form")
    assert "Delete Priya Shah from every round" in form["data-confirm"]
    response = client.post(form["action"], {"round": str(world.round1.pk)})
    assert response["Location"] == f"/rounds/{world.round1.pk}/#people"
    assert not m.Interviewer.objects.filter(pk=world.priya.pk).exists()
    world.weak_question.refresh_from_db()
    assert world.weak_question.interviewer_id is None
    page = soup(client.get(f"/rounds/{world.round1.pk}/"))
    assert "Priya Shah" not in page.select_one("#people").get_text()
