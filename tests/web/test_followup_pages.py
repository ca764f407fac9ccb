"""The follow-up page, invite and email uploads, and the dashboard's pipeline by round."""

from __future__ import annotations

import datetime as dt
import re
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
from tests.coach.test_followup import verbatim_runs
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
    r.rounds.update(world.user, world.round2.pk, status="done")
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


def _field(page: BeautifulSoup, field_id: str) -> str:
    """The text of the field group around a form field: its label, errors and notes."""
    return str(page.find(id=field_id).find_parent(class_="field").get_text(" ", strip=True))


def test_a_bad_invite_upload_says_why_beside_the_field_and_changes_nothing(
    client: Client, world: World
) -> None:
    before = snapshot()
    response = client.post(f"/rounds/{world.round2.pk}/invite/", {"file": upload("truncated.ics")})
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("details:has(#invite-file-round)").has_attr("open")
    said = _field(page, "invite-file-round")
    assert "Invite not imported: truncated.ics: the invite is truncated" in said
    assert "Choose the file again" in said  # a refused file is not kept
    assert snapshot() == before
    response = client.post(f"/opportunities/{world.acme.pk}/invite/", {})
    assert response.status_code == 400
    assert "Choose an .ics file to import." in _field(soup(response), "invite-file")
    assert snapshot() == before


def test_an_invite_that_looks_wrong_is_kept_until_the_box_is_ticked(
    client: Client, world: World
) -> None:
    before = snapshot()
    response = client.post(
        f"/opportunities/{world.acme.pk}/invite/", {"file": upload("no_attendees_apple.ics")}
    )
    assert response.status_code == 400
    page = soup(response)
    box = page.find(id="invite-anyway")
    assert box.has_attr("autofocus") and box["aria-invalid"] == "true"
    said = _field(page, "invite-anyway")
    assert "no_attendees_apple.ics: " in said and "lists no attendees" in said
    assert said.rstrip().endswith("Tick this box to import it anyway.")
    assert "--anyway" not in said and "Nothing was imported" not in said
    file_field = _field(page, "invite-file")
    assert "Keeping no_attendees_apple.ics, read when you chose it" in file_field
    assert not page.find(id="invite-file").has_attr("required")
    assert snapshot() == before
    # Sent again with the box ticked and no file chosen: the kept file is imported.
    form = page.find(id="invite-file").find_parent("form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    response = client.post(f"/opportunities/{world.acme.pk}/invite/", {**data, "anyway": "on"})
    assert response.status_code == 302
    made = m.Round.objects.filter(opportunity=world.acme).exclude(calendar_uid="")
    assert made.count() == 1 and response["Location"] == f"/rounds/{made.get().pk}/"


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


def test_a_bad_email_upload_is_named_beside_the_field_and_changes_nothing(
    client: Client, world: World
) -> None:
    before = snapshot()
    response = client.post(
        f"/rounds/{world.round1.pk}/email/", {"file": upload("not_an_email.eml", "emails")}
    )
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("details.email-upload").has_attr("open")
    said = _field(page, "email-file")
    assert "Email not imported: not_an_email.eml: this is not an email" in said
    assert "Choose the file again" in said
    assert snapshot() == before
    response = client.post(f"/rounds/{world.round1.pk}/email/", {"text": "  "})
    assert "Choose an .eml file, or paste the email below." in _field(soup(response), "email-file")
    assert snapshot() == before


def test_a_pasted_email_with_no_text_is_named_beside_it_and_kept(
    client: Client, world: World
) -> None:
    pasted = "From: Kim <k@x.example>\nSubject: Next steps\n"
    response = client.post(f"/rounds/{world.round1.pk}/email/", {"text": pasted})
    assert response.status_code == 400
    page = soup(response)
    assert "Email not imported: pasted email: the email has no readable text" in _field(
        page, "email-text"
    )
    assert page.find(id="email-text").get_text().strip() == pasted.strip()


def test_the_dashboard_shows_overdue_follow_ups_first_and_rounds_as_stages(
    client: Client, world: World
) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    m.FollowUp.objects.filter(pk=note.pk).update(due_at=timezone.now() - dt.timedelta(hours=3))
    page = soup(client.get("/"))
    headings = [h.get_text() for h in page.select("main h2")]
    assert headings[0] == "This week"
    late = page.select_one(".agenda h3.overdue + ul")
    assert "Priya Shah" in late.get_text()
    # Acme has reached round 2: it sits in the Called back column.
    column = page.find(id="col-callback")
    assert "Acme Retail" in column.get_text()
    assert page.find(id="col-applied") is not None


NURSE = "grace.adeyemi@mailbox.example"
NURSE_QUESTIONS = (
    "How would you manage a deteriorating patient on a busy ward?",
    "What would you do if a patient refused their medication?",
)
LONG_DATE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} "
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{4}"
)


def nurse_round(user: object) -> tuple[m.Round, m.Interviewer]:
    """Grace, a band 6 nurse, after her first interview; the invite listed her as well."""
    profile.update(user, full_name="Grace Adeyemi", email=NURSE)
    opp = r.opportunities.create(
        user, company="St Clement's Hospital", role="Band 6 Staff Nurse", stage="interviewing"
    )
    round_ = r.rounds.create(
        user,
        opp.pk,
        scheduled_at="2026-11-24T09:30",
        timezone="Europe/London",
        duration_minutes=45,
        status="done",
    )
    matron = r.interviewers.add_to_round(
        user, round_.pk, name="Ruth Amankwah", title="Matron", role="hiring-manager"
    )
    r.interviewers.add_to_round(user, round_.pk, name="Grace Adeyemi", email=NURSE)
    for text, reaction in zip(NURSE_QUESTIONS, ("positive", "neutral"), strict=True):
        r.asked_questions.create(
            user, round_.pk, text=text, reaction=reaction, interviewer_id=matron.pk
        )
    return round_, matron


def test_the_nurses_page_drafts_no_note_to_her_and_says_why(client: Client, user: object) -> None:
    round_, _ = nurse_round(user)
    response = client.post(
        f"/rounds/{round_.pk}/follow-up/draft/", {"kind": "thank-you"}, follow=True
    )
    page = soup(response)
    notes = page.select("li.follow-up")
    assert [n.find("h3").get_text(" ", strip=True) for n in notes] == [
        "Thank-you note to Ruth Amankwah"
    ]
    skipped = page.select_one("p.skipped").get_text(" ", strip=True)
    assert f"No note to Grace Adeyemi: {NURSE} is your own address" in skipped
    body = notes[0].find("textarea").get_text().strip()
    assert body.startswith("Dear Ruth,")
    assert "managing a deteriorating patient" in body
    for question in NURSE_QUESTIONS:
        assert verbatim_runs(body, question) == []
    assert "Recalls what you discussed: managing a deteriorating patient" in notes[0].get_text()
    due = notes[0].find("p").get_text(" ", strip=True)
    assert LONG_DATE.search(due), due


def test_the_chaser_on_the_page_follows_the_round_state(client: Client, user: object) -> None:
    round_, matron = nurse_round(user)
    url = f"/rounds/{round_.pk}/follow-up/"
    page = soup(client.get(url))
    chase = page.select_one("p.chase-on").get_text(" ", strip=True)
    assert "Chase on Tuesday 1 December 2026" in chase
    assert "A chaser goes to Ruth Amankwah." in chase
    client.post(f"/rounds/{round_.pk}/follow-up/draft/", {"kind": "chaser"})
    chaser = m.FollowUp.objects.get(round=round_, kind="chaser")
    assert chaser.interviewer_id == matron.pk and chaser.body.startswith("Dear Ruth,")
    r.rounds.update(user, round_.pk, outcome="passed")
    page = soup(client.get(url))
    assert page.select_one("p.chase-on") is None
    assert "No chaser needed" in page.select_one("p.no-chaser").get_text()
    assert page.find("button", string="Draft a chaser").has_attr("disabled")
    assert "No longer needed" in page.select_one(f"#note-{chaser.pk}").get_text()
    again = client.post(f"/rounds/{round_.pk}/follow-up/draft/", {"kind": "chaser"}, follow=True)
    assert "no chaser needed" in soup(again).select_one(".messages").get_text()


def test_the_follow_up_page_speaks_in_words_not_codes(client: Client, world: World) -> None:
    profile.update(world.user, full_name="Jordan Lee")
    r.rounds.update(world.user, world.round2.pk, status="done")
    for kind in ("thank-you", "consultant"):
        client.post(f"/rounds/{world.round2.pk}/follow-up/draft/", {"kind": kind})
    shown = soup(client.get(f"/rounds/{world.round2.pk}/follow-up/"))
    for tag in shown(["form", "script", "style"]):
        tag.decompose()
    text = shown.get_text(" ", strip=True)
    for code in ("senior-executive", "second-opinion", "team-member", "on-site", "day(s)", "None"):
        assert code not in text
    assert "Note to Sam Reid, your consultant" in text
    assert "Thank-you note to Tom Okafor" in text


@pytest.mark.parametrize("role", ["viewer", "commenter"])
def test_an_unsent_draft_is_the_owners_alone(world: World, role: str) -> None:
    from django.contrib.auth.models import User
    from django.test import override_settings

    from nextround.services import sharing

    r.interviewers.update(world.user, world.tom.pk, email="tom@acme.example")
    note = r.follow_ups.create(
        world.user,
        world.round2.pk,
        kind="thank-you",
        interviewer_id=world.tom.pk,
        subject="Thank you",
        body="Private words for Tom, not sent yet.",
    )
    coach = User.objects.create_user("coach", password="not-used-here-1")
    sharing.share(world.user, world.acme.pk, "coach", role)
    with override_settings(LOCAL_MODE=False):
        sharee = Client()
        sharee.force_login(coach)
        response = sharee.get(f"/follow-ups/{note.pk}/draft.eml")
        assert response.status_code == 404
        assert b"Private words" not in response.content
        mine = Client()
        mine.force_login(world.user)  # type: ignore[arg-type]
        assert b"Private words" in mine.get(f"/follow-ups/{note.pk}/draft.eml").content
    from nextround.services.errors import NotFound

    with pytest.raises(NotFound):
        followups.eml_draft(coach, note.pk)
