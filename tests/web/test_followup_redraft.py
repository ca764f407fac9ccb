"""Drafting the notes again never replaces a note the person edited, and says it kept it."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import followups
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


def test_drafting_again_keeps_an_edited_note_and_says_so(user: object, world: World) -> None:
    client = Client()
    url = f"/rounds/{world.round2.pk}/follow-up/"
    r.rounds.update(world.user, world.round2.pk, status="done")
    client.post(url + "draft/", {"kind": "thank-you"})
    tom = m.FollowUp.objects.get(round=world.round2, interviewer=world.tom)
    dana = m.FollowUp.objects.get(round=world.round2, interviewer=world.dana)
    mine = "Dear Tom,\r\n\r\nThank you for the tour of the data platform.\r\n\r\nJordan"
    client.post(f"/follow-ups/{tom.pk}/edit/", {"subject": "Thank you, Tom", "body": mine})
    # Dana's draft is untouched, so drafting again may refresh it.
    m.FollowUp.objects.filter(pk=dana.pk).update(body="An old draft")

    response = client.post(url + "draft/", {"kind": "thank-you"}, follow=True)

    tom.refresh_from_db()
    dana.refresh_from_db()
    assert tom.subject == "Thank you, Tom"
    assert tom.body == mine.replace("\r\n", "\n")
    assert dana.body != "An old draft" and dana.body.startswith("Dear Dana")
    shown: Any = BeautifulSoup(response.content, "html.parser")
    said = shown.select_one(".messages").get_text()
    assert "Drafted 1 note." in said
    assert "Kept the note to Tom Okafor as you edited it" in said
    page: Any = BeautifulSoup(client.get(url).content, "html.parser")
    assert "tour of the data platform" in page.select_one(f"#note-{tom.pk} textarea").get_text()


def test_saving_a_note_unchanged_does_not_make_it_the_persons(world: World) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    followups.edit(world.user, note.pk, note.subject, note.body)
    note.refresh_from_db()
    assert note.edited_at is None
    followups.edit(world.user, note.pk, note.subject, note.body + "\n\nP.S. Thank you.")
    note.refresh_from_db()
    assert note.edited_at is not None
