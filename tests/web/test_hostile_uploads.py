"""Hostile files uploaded through the web pages: refused with a clear message, nothing stored."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.formats import hostile
from tests.formats.hostile import Hostile
from tests.web.test_document_uploads import field_error, new_opportunity, snapshot, soup
from tests.world import World

DOCUMENTS = hostile.hostile("document")
# One PDF and one Word file for the CV and profile forms: they share the reader with the above.
SOME = [h for h in DOCUMENTS if h.name in ("pdf huge text run", "docx utf-16 laughs")]


def upload(item: Hostile) -> SimpleUploadedFile:
    return SimpleUploadedFile(item.filename, item.data)


@pytest.fixture
def client(user: object) -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("item", DOCUMENTS, ids=lambda h: h.name)
def test_a_hostile_job_description_is_refused_beside_the_field(
    client: Client, world: World, item: Hostile
) -> None:
    before = snapshot()
    response = new_opportunity(client, jd_file=upload(item))
    assert response.status_code == 200
    message = field_error(soup(response), "jd_file")
    assert item.filename in message
    assert re.search(item.refusal, message, re.IGNORECASE), message
    assert snapshot() == before


@pytest.mark.parametrize("item", SOME, ids=lambda h: h.name)
def test_a_hostile_cv_is_refused_beside_the_field(
    client: Client, world: World, item: Hostile
) -> None:
    before = snapshot()
    response = client.post("/cv/import/", {"file": upload(item)})
    assert response.status_code == 400
    assert re.search(item.refusal, field_error(soup(response), "file"), re.IGNORECASE)
    assert snapshot() == before


@pytest.mark.parametrize("item", SOME, ids=lambda h: h.name)
def test_a_hostile_profile_is_refused_beside_the_field(
    client: Client, world: World, item: Hostile
) -> None:
    before = snapshot()
    response = client.post(f"/rounds/{world.round2.pk}/profile/", {"file": upload(item)})
    assert response.status_code == 400
    assert re.search(item.refusal, field_error(soup(response), "file"), re.IGNORECASE)
    assert snapshot() == before


@pytest.mark.parametrize("item", hostile.hostile("invite"), ids=lambda h: h.name)
def test_an_invite_with_thousands_of_attendees_is_refused_and_adds_no_one(
    client: Client, world: World, item: Hostile
) -> None:
    before = snapshot()
    response = client.post(f"/opportunities/{world.acme.pk}/invite/", {"file": upload(item)})
    assert response.status_code == 400
    text = field_error(soup(response), "file")
    assert "Invite not imported: invite.ics: the event lists more than 50 attendees" in text
    assert "at most 50 attendees per invite" in text
    assert snapshot() == before


def test_an_email_nested_three_thousand_deep_is_refused_and_stores_nothing(
    client: Client, world: World
) -> None:
    item = hostile.hostile("email")[0]
    before = snapshot()
    response = client.post(f"/rounds/{world.round1.pk}/email/", {"file": upload(item)})
    assert response.status_code == 400
    text = field_error(soup(response), "file")
    assert (
        "Email not imported: feedback.eml: the email's MIME parts are nested more than 20" in text
    )
    assert snapshot() == before
