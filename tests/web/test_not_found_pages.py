"""Unknown addresses get the app's own 404 page, never Django's route list; a crash never shows a
traceback; the favicon and the API docs answer where people look for them."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client, override_settings

from nextround.services import accounts
from tests.world import World

INTERNALS = ("URLPattern", "URLResolver", "'tried'", "Traceback", "urlconf", "nextround.web")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def _page(response: Any) -> Any:
    return BeautifulSoup(response.content, "html.parser")


def _shows_no_internals(response: Any) -> None:
    text = response.content.decode()
    for word in INTERNALS:
        assert word not in text, word


def test_debug_pages_are_off_unless_asked_for() -> None:
    assert settings.DEBUG is False


@pytest.mark.parametrize("path", ["/nope/", "/stories/x/", "/opportunities/1/nope/", "/a/b/c/d"])
def test_an_unknown_address_is_the_friendly_page_in_the_site_layout(
    client: Client, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    _shows_no_internals(response)
    page = _page(response)
    assert page.select_one("header.site-header") is not None
    assert page.find("h1").get_text() == "Not found"
    assert "There is no page at this address." in page.get_text(" ")
    assert page.select_one("main a[href='/']") is not None


def test_an_unknown_address_links_to_the_nearest_real_page(client: Client, world: World) -> None:
    page = _page(client.get(f"/opportunities/{world.acme.pk}/nothing-here/"))
    link = page.select_one(f"main a[href='/opportunities/{world.acme.pk}/']")
    assert link is not None and link.get_text() == "Go to the opportunity"
    page = _page(client.get("/offers/7/"))
    assert page.select_one("main a[href='/offers/']").get_text() == "Go to your offers"
    # Not to a page that only takes a form, nor the dashboard twice.
    page = _page(client.get(f"/rounds/{world.round1.pk}/done/x/"))
    assert page.select_one(f"main a[href='/rounds/{world.round1.pk}/']") is not None
    assert not page.select(f"main a[href='/rounds/{world.round1.pk}/done/']")


def test_an_unknown_record_still_says_which_one(client: Client) -> None:
    response = client.get("/rounds/9999/")
    assert response.status_code == 404
    text = _page(response).get_text(" ")
    assert "No round with id 9999" in text and "It may have been deleted." in text
    _shows_no_internals(response)


def test_the_address_people_guess_for_a_story_opens_it(client: Client, world: World) -> None:
    response = client.get(f"/stories/{world.story.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/stories/{world.story.pk}/edit/"
    gone = client.get("/stories/9999/", follow=True)
    assert gone.status_code == 404
    _shows_no_internals(gone)


def test_a_crash_shows_no_traceback(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from nextround.web.views import dashboard

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail of the crash in services.board")

    monkeypatch.setattr(dashboard.board, "board", broken)
    crashed = Client(raise_request_exception=False).get("/")
    assert crashed.status_code == 500
    text = crashed.content.decode()
    assert "Something went wrong" in text and "Your earlier data is safe" in text
    assert "secret detail" not in text and "RuntimeError" not in text
    _shows_no_internals(crashed)


@override_settings(LOCAL_MODE=False)
def test_in_server_mode_an_unknown_address_is_the_friendly_page_too(db: None) -> None:
    alice = accounts.add_user("alice", "correct horse battery staple 7")
    signed_in = Client()
    signed_in.force_login(alice)
    response = signed_in.get("/nope/")
    assert response.status_code == 404
    _shows_no_internals(response)
    assert "There is no page at this address." in _page(response).get_text(" ")
    assert Client().get("/nope/").status_code == 302  # to sign in first


@pytest.mark.parametrize("local", [True, False], ids=["local", "server"])
def test_the_favicon_is_the_apps_icon(db: None, local: bool) -> None:
    with override_settings(LOCAL_MODE=local):
        response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an icon file


def test_the_api_docs_with_a_slash_go_to_the_docs(client: Client) -> None:
    response = client.get("/api/docs/")
    assert response.status_code == 302 and response["Location"] == "/api/docs"
    assert client.get("/api/docs").status_code == 200
