"""The brief's checklist: computed on every read, stored only by the owner's tick."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client, override_settings

from nextround.services import brief, sharing
from nextround.services.errors import NotFound
from nextround.store import models as m
from tests.world import World


@pytest.fixture
def coach(world: World) -> User:
    coach = User.objects.create_user("coach", password="not-used-here-1")
    sharing.share(world.user, world.acme.pk, "coach", "viewer")
    return coach


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@override_settings(LOCAL_MODE=False)
def test_a_viewer_reading_the_brief_stores_nothing_and_the_owner_keeps_every_step(
    world: World, coach: User
) -> None:
    owner = world.user
    assert isinstance(owner, User)
    steps = [c.key for c in brief.checklist(owner, world.round2.pk)]
    assert len(steps) > 1
    for path in ("brief/", "brief.md", "brief.json", "brief.html", "night-before/"):
        assert _as(coach).get(f"/rounds/{world.round2.pk}/{path}").status_code == 200
    assert not m.ChecklistItem.objects.exists()
    page = BeautifulSoup(_as(owner).get(f"/rounds/{world.round2.pk}/brief/").content, "html.parser")
    assert [li["id"] for li in page.select("ul.checklist > li")] == [f"step-{k}" for k in steps]
    assert not m.ChecklistItem.objects.exists()  # the owner's read stores nothing either
    # The owner can still delete the round (the viewer's read left nothing of theirs in it).
    gone = _as(owner).post(f"/rounds/{world.round1.pk}/delete/")
    assert gone.status_code == 302 and not m.Round.objects.filter(pk=world.round1.pk).exists()


@override_settings(LOCAL_MODE=False)
def test_a_viewer_sees_the_owners_ticks_but_cannot_tick(world: World, coach: User) -> None:
    owner = world.user
    assert isinstance(owner, User)
    done = _as(owner).post(f"/rounds/{world.round2.pk}/checklist/plan-route/tick/")
    assert done.status_code == 302
    stored = m.ChecklistItem.objects.filter(round=world.round2)
    assert stored.count() == len(brief.checklist(owner, world.round2.pk))
    assert set(stored.values_list("owner_id", flat=True)) == {owner.pk}
    page = BeautifulSoup(_as(coach).get(f"/rounds/{world.round2.pk}/brief/").content, "html.parser")
    step = page.find("li", id="step-plan-route")
    assert "done" in step["class"] and step.find("form") is None
    assert not page.select("ul.checklist form")
    refused = _as(coach).post(f"/rounds/{world.round2.pk}/checklist/outfit-ready/tick/")
    assert refused.status_code == 404
    item = stored.get(key="plan-route")
    assert _as(coach).post(f"/checklist/{item.pk}/tick/").status_code == 404
    assert list(stored.filter(done=True).values_list("key", flat=True)) == ["plan-route"]
    with pytest.raises(NotFound):
        brief.tick(coach, world.round2.pk, "outfit-ready")
