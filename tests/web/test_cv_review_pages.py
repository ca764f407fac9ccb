"""The CV import review: honest drafts, and a draft like one of your stories flagged, not ticked."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nextround.services import records as r
from nextround.store import models as m
from tests.formats.cv_shapes import cv


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def review(client: Client, name: str) -> BeautifulSoup:
    shape = cv(name)
    if shape.filename == "pasted text":
        return soup(client.post("/cv/import/", {"text": shape.data.decode()}))
    upload = SimpleUploadedFile(shape.filename, shape.data)
    return soup(client.post("/cv/import/", {"file": upload}))


def parts(draft: Any) -> dict[str, str]:
    names = [dt.get_text(strip=True) for dt in draft.find_all("dt")]
    values = [dd.get_text(" ", strip=True) for dd in draft.find_all("dd")]
    return dict(zip(names, values, strict=True))


def confirm_as_ticked(client: Client, page: BeautifulSoup, extra: tuple[str, ...] = ()) -> Any:
    form = page.find("form", action="/cv/import/confirm/")
    data: dict[str, Any] = {
        i["name"]: i.get("value", "") for i in form.find_all("input", attrs={"type": "hidden"})
    }
    boxes = form.find_all("input", attrs={"name": "drafts"})
    ticked = [i["value"] for i in boxes if i.has_attr("checked")]
    data["drafts"] = ticked + list(extra)
    return client.post("/cv/import/confirm/", data)


def test_the_review_shows_a_result_or_an_action_to_complete_never_the_same_twice(
    client: Client,
) -> None:
    page = review(client, "docx")
    drafts = page.select(".cv-draft")
    shown = [parts(d) for d in drafts]
    assert shown[0]["Action"] == "Launched a self-serve onboarding flow"
    assert shown[0]["Result"] == "raised activation from 41% to 58% in two quarters"
    assert shown[1]["Action"] == "to complete"
    assert shown[1]["Result"] == "Ran customer interviews with 30 hospitals to reshape the roadmap"
    assert shown[2]["Result"] == "to complete"
    assert all(p["Action"] != p["Result"] for p in shown)
    assert "…" not in page.select_one(".cv-draft-list").get_text()


def test_a_draft_like_a_saved_story_is_flagged_and_not_ticked(client: Client, user: Any) -> None:
    r.stories.create(user, title="Shipped the new mobile checkout")
    page = review(client, "docx")
    flagged = page.select(".cv-draft")[3]
    assert "like your story “Shipped the new mobile checkout”" in flagged.get_text(" ")
    box = flagged.find("input", attrs={"type": "checkbox"})
    assert not box.has_attr("checked") and not box.has_attr("disabled")
    confirm_as_ticked(client, page)
    assert not m.Story.objects.filter(title="Shipped the mobile checkout").exists()
    assert m.Story.objects.filter(owner=user).count() == 1 + 3


def test_a_flagged_draft_ticked_on_purpose_is_added(client: Client, user: Any) -> None:
    r.stories.create(user, title="Shipped the new mobile checkout")
    page = review(client, "docx")
    confirm_as_ticked(client, page, extra=("4",))
    assert m.Story.objects.filter(title="Shipped the mobile checkout").count() == 1


def test_the_same_achievement_twice_in_one_cv_is_ticked_once(client: Client) -> None:
    page = review(client, "markdown")
    third = page.select(".cv-draft")[2]
    assert "the same as draft 1 above" in third.get_text(" ")
    confirm_as_ticked(client, page)
    assert m.Story.objects.filter(title="Halved cloud spend to £40k a month").count() == 1
