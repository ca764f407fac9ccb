"""Server mode: the brief's PDFs are made by the worker; the pages ask, wait and download."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from pdfminer.high_level import extract_text

from nextround.services import brief_pdf, jobs
from nextround.store import models as m
from tests.world import World


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


def _rows() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.count()


def _state(client: Client, round_id: int, kind: str = "brief") -> str:
    page = soup(client.get(f"/rounds/{round_id}/pdf/"))
    section = page.find("section", id=kind)
    assert section is not None
    return str(section["data-status"])


@pytest.fixture
def client(world: World) -> Client:
    client = Client()
    client.force_login(world.user)
    return client


@override_settings(LOCAL_MODE=False)
def test_the_pdf_is_asked_for_made_by_the_worker_then_downloaded(
    client: Client, world: World
) -> None:
    pk = world.round2.pk
    # Nothing made yet: the download sends to the PDF page, and neither GET queues anything.
    first = client.get(f"/rounds/{pk}/brief.pdf")
    assert first.status_code == 302 and first["Location"] == f"/rounds/{pk}/pdf/#brief"
    page = soup(client.get(f"/rounds/{pk}/pdf/"))
    assert "Not prepared yet." in page.find("section", id="brief").get_text()
    assert page.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert _rows() == 0
    # The brief page's PDF button asks for it (a POST); asking twice queues it once.
    form = soup(client.get(f"/rounds/{pk}/brief/")).find(
        "form", action=f"/rounds/{pk}/pdf/prepare/"
    )
    assert form is not None and form.find("button").get_text() == "PDF"
    for _ in range(2):
        asked = client.post(f"/rounds/{pk}/pdf/prepare/", {"kind": "brief"})
        assert asked.status_code == 302
    assert jobs.count(world.user, brief_pdf.KIND, waiting=True) == 1
    waiting = soup(client.get(f"/rounds/{pk}/pdf/"))
    assert "Being prepared." in waiting.find("section", id="brief").get_text()
    assert waiting.find("meta", attrs={"http-equiv": "refresh"})["content"] == "3"
    assert client.get(f"/rounds/{pk}/brief.pdf").status_code == 302
    ran = jobs.run_one()
    assert ran is not None and ran.status == jobs.DONE
    ready = soup(client.get(f"/rounds/{pk}/pdf/"))
    link = ready.find("section", id="brief").find("a", string="Download the PDF")
    assert link["href"] == f"/rounds/{pk}/brief.pdf"
    pdf = client.get(link["href"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="round-2-brief.pdf"'
    text = extract_text(io.BytesIO(pdf.content))
    assert "Round 2 brief" in text and "Senior Data Analyst" in text
    # The night-before page is its own PDF, not yet asked for.
    assert _state(client, pk, "night-before") == "none"


@override_settings(LOCAL_MODE=False)
def test_a_pdf_made_before_the_brief_changed_is_not_served(client: Client, world: World) -> None:
    pk = world.round2.pk
    client.post(f"/rounds/{pk}/pdf/prepare/", {"kind": "night-before"})
    jobs.run_one()
    assert client.get(f"/rounds/{pk}/night-before.pdf").status_code == 200
    m.Round.objects.filter(pk=pk).update(location="Harbour House, 5 Quay Street")
    assert _state(client, pk, "night-before") == "changed"
    stale = client.get(f"/rounds/{pk}/night-before.pdf")
    assert stale.status_code == 302 and stale["Location"] == f"/rounds/{pk}/pdf/#night-before"
    client.post(f"/rounds/{pk}/pdf/prepare/", {"kind": "night-before"})
    jobs.run_one()
    fresh = client.get(f"/rounds/{pk}/night-before.pdf")
    assert fresh.status_code == 200
    assert "Harbour House" in extract_text(io.BytesIO(fresh.content))


@override_settings(LOCAL_MODE=False)
def test_a_pdf_that_cannot_be_made_says_why_and_offers_to_try_again(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nextround.services import brief
    from nextround.services.errors import ServiceError

    def broken(*args: object, **kwargs: object) -> bytes:
        raise ServiceError("PDF export needs WeasyPrint's system libraries (Pango)")

    pk = world.round2.pk
    client.post(f"/rounds/{pk}/pdf/prepare/")
    monkeypatch.setattr(brief, "render", broken)
    jobs.run_one()
    section = soup(client.get(f"/rounds/{pk}/pdf/")).find("section", id="brief")
    assert section["data-status"] == "failed"
    assert "PDF export needs WeasyPrint's system libraries (Pango)" in section.get_text()
    assert section.find("button").get_text() == "Prepare it again"
    assert client.get(f"/rounds/{pk}/brief.pdf").status_code == 302


@override_settings(LOCAL_MODE=False)
def test_a_sharee_gets_their_own_pdf_and_a_stranger_none(
    client: Client, world: World, other_user: object
) -> None:
    from django.contrib.auth.models import User

    from nextround.services import sharing

    sharing.share(world.user, world.acme.pk, "mallory", "viewer")
    viewer, stranger = Client(), Client()
    viewer.force_login(other_user)  # type: ignore[arg-type]
    stranger.force_login(User.objects.create_user("eve", password="not-used-here-1"))
    pk = world.round2.pk
    assert stranger.post(f"/rounds/{pk}/pdf/prepare/").status_code == 404
    assert stranger.get(f"/rounds/{pk}/pdf/").status_code == 404
    assert viewer.post(f"/rounds/{pk}/pdf/prepare/").status_code == 302
    jobs.run_one()
    assert viewer.get(f"/rounds/{pk}/brief.pdf").status_code == 200
    assert stranger.get(f"/rounds/{pk}/brief.pdf").status_code == 404
    # The viewer's PDF is the viewer's: the owner has not asked for one.
    assert _state(client, pk) == "none"


@override_settings(LOCAL_MODE=False)
def test_each_account_has_a_limit_on_pdfs_being_prepared(client: Client, world: World) -> None:
    rounds = [
        m.Round.objects.create(owner=world.user, opportunity=world.globex, number=n)
        for n in range(1, brief_pdf.MAX_WAITING + 2)
    ]
    for r in rounds[:-1]:
        client.post(f"/rounds/{r.pk}/pdf/prepare/")
    refused = client.post(f"/rounds/{rounds[-1].pk}/pdf/prepare/", follow=True)
    assert f"{brief_pdf.MAX_WAITING} PDFs are still being prepared" in refused.content.decode()
    assert jobs.count(world.user, brief_pdf.KIND, waiting=True) == brief_pdf.MAX_WAITING


def test_in_local_mode_the_pdf_is_rendered_at_once(client: Client, world: World) -> None:
    pdf = client.get(f"/rounds/{world.round2.pk}/brief.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    page = soup(client.get(f"/rounds/{world.round2.pk}/brief/"))
    assert page.find("a", href=f"/rounds/{world.round2.pk}/brief.pdf").get_text() == "PDF"
    assert _rows() == 0
