"""The follow-up page, invite and email uploads, and the dashboard's pipeline by round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from nextround.services import followups, profile
from nextround.services import records as r
from nextround.store import models as m
from tests.services.test_invites import snapshot
from tests.world import World

DATA = Path(__file__).resolve().parents[1] / "formats" / "data"


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def upload(name: str, folder: str = "invites") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / folder / name).read_bytes())


def test_drafting_thank_you_notes_shows_one_per_interviewer_with_links(
    client: Client, world: World
) -> None:
    profile.update(world.user, full_name="Jordan Lee")
    r.interviewers.update(world.user, world.tom.pk, email="tom@acme.example")
    response = client.post(f"/rounds/{world.round2.pk}/follow-up/draft/", {"kind": "thank-you"})
    assert response.status_code == 302
    page = soup(client.get(response["Location"]))
    notes = page.select("li.follow-up")
    assert len(notes) == 2
    bodies = [n.find("textarea").get_text().strip() for n in notes]
    assert bodies[0] != bodies[1]
    assert {b.split(",")[0] for b in bodies} == {"Dear Tom", "Dear Dana"}
    tom = next(n for n in notes if "Tom Okafor" in n.get_text())
    link = urlsplit(tom.find("a", string="Open in your mail app")["href"])
    assert link.path == "tom@acme.example"
    assert parse_qs(link.query)["body"][0].startswith("Dear Tom,")
    eml = tom.find("a", string="Download .eml draft")["href"]
    download = client.get(eml)
    assert download["Content-Type"] == "message/rfc822"
    assert b"X-Unsent: 1" in download.content
    # Dana has no address: the mailto link still opens a note, there is no .eml.
    dana = next(n for n in notes if "Dana Levi" in n.get_text())
    assert dana.find("a", string="Download .eml draft") is None


def test_marking_a_note_sent_and_editing_it(client: Client, world: World) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    client.post(f"/follow-ups/{note.pk}/edit/", {"subject": "Thanks!", "body": "Dear Priya, hi."})
    note.refresh_from_db()
    assert (note.subject, note.body) == ("Thanks!", "Dear Priya, hi.")
    response = client.post(f"/follow-ups/{note.pk}/edit/", {"subject": "x", "body": ""})
    note.refresh_from_db()
    assert note.body == "Dear Priya, hi."
    assert "empty" in soup(client.get(response["Location"])).select_one(".messages").get_text()
    client.post(f"/follow-ups/{note.pk}/sent/")
    note.refresh_from_db()
    assert note.sent_at is not None
    page = soup(client.get(f"/rounds/{world.round1.pk}/follow-up/"))
    assert "Sent" in page.select_one(f"#note-{note.pk}").get_text()
    assert not page.select(f"form[action='/follow-ups/{note.pk}/sent/']")


def test_a_round_without_people_says_what_to_add(client: Client, world: World) -> None:
    bare = r.rounds.create(world.user, world.globex.pk)
    response = client.post(f"/rounds/{bare.pk}/follow-up/draft/", {"kind": "chaser"}, follow=True)
    assert "no interviewers" in soup(response).select_one(".messages").get_text()
    assert not m.FollowUp.objects.exists()


def test_another_persons_notes_are_not_found(client: Client, world: World) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    assert client.get("/rounds/999999/follow-up/").status_code == 404
    assert client.post("/follow-ups/999999/sent/").status_code == 404
    assert m.FollowUp.objects.get(pk=note.pk).sent_at is None


def test_an_invite_uploaded_on_the_opportunity_page_makes_a_round(
    client: Client, world: World
) -> None:
    page = soup(client.get(f"/opportunities/{world.acme.pk}/"))
    form = page.find("form", action=f"/opportunities/{world.acme.pk}/invite/")
    assert form is not None and form["enctype"] == "multipart/form-data"
    assert form.find("label", string="Invite (.ics)")
    response = client.post(
        f"/opportunities/{world.acme.pk}/invite/", {"file": upload("google_meet.ics")}, follow=True
    )
    created = m.Round.objects.get(calendar_uid__startswith="4k2h9v0q8rj3")
    assert response.redirect_chain[-1][0] == f"/rounds/{created.pk}/"
    text = soup(response).get_text()
    assert "Added round 3" in text
    assert "Tomás Ferreira" in text


def test_a_bad_invite_upload_says_why_and_changes_nothing(client: Client, world: World) -> None:
    before = snapshot()
    response = client.post(
        f"/rounds/{world.round2.pk}/invite/", {"file": upload("truncated.ics")}, follow=True
    )
    message = soup(response).select_one(".messages").get_text()
    assert "truncated.ics: the invite is truncated" in message
    assert snapshot() == before
    response = client.post(f"/opportunities/{world.acme.pk}/invite/", {}, follow=True)
    assert "choose an .ics file" in soup(response).select_one(".messages").get_text()
    assert snapshot() == before


def test_the_round_page_upload_updates_that_round(client: Client, world: World) -> None:
    client.post(
        f"/rounds/{world.round2.pk}/invite/",
        {"file": upload("no_attendees_apple.ics"), "anyway": "on"},
    )
    world.round2.refresh_from_db()
    assert world.round2.calendar_uid
    assert m.Round.objects.filter(opportunity=world.acme).count() == 2


def test_an_email_upload_in_the_feedback_form_adds_feedback(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round1.pk}/"))
    feedback = page.select_one("#feedback")
    assert feedback is not None
    assert feedback.find("label", string="Email file (.eml)")
    response = client.post(
        f"/rounds/{world.round1.pk}/email/",
        {"file": upload("consultant_feedback_plain.eml", "emails")},
        follow=True,
    )
    assert "Added feedback from Hannah Cole" in soup(response).get_text()
    stored = m.Feedback.objects.filter(round=world.round1).order_by("-id").first()
    assert stored is not None and stored.received_on == dt.date(2025, 6, 11)
    client.post(f"/rounds/{world.round1.pk}/email/", {"text": "From: Kim <k@x.example>\n\nGreat!"})
    assert m.Feedback.objects.filter(round=world.round1, sender="Kim <k@x.example>").exists()


def test_a_bad_email_upload_changes_nothing(client: Client, world: World) -> None:
    before = snapshot()
    response = client.post(
        f"/rounds/{world.round1.pk}/email/",
        {"file": upload("not_an_email.eml", "emails")},
        follow=True,
    )
    assert "not_an_email.eml: this is not an email" in soup(response).get_text()
    assert snapshot() == before


def test_the_dashboard_shows_overdue_follow_ups_first_and_rounds_as_stages(
    client: Client, world: World
) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    m.FollowUp.objects.filter(pk=note.pk).update(due_at=timezone.now() - dt.timedelta(hours=3))
    page = soup(client.get("/"))
    headings = [h.get_text() for h in page.select("main h2")]
    assert headings[0] == "Follow-ups to send"
    due = page.select_one(".due-follow-ups")
    assert "Priya Shah" in due.get_text() and "Overdue" in due.get_text()
    # Acme has reached round 2: it sits in that column of the interviewing stage.
    column = page.find(id="stage-round-2").find_parent("li")
    assert "Acme Retail" in column.get_text()
    assert page.find(id="stage-applied") is not None
