"""The sample opportunity: marked as the sample, gone whole when deleted, at sensible hours."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.apps import apps

from nextround.services import backup, brief, evidence_map, sample, times
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


def _rows() -> dict[str, int]:
    # The embedding cache is keyed by text, not by owner, and may only grow.
    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_app_config("nextround").get_models()
        if model.__name__ != "Embedding"
    }


def test_the_sample_and_its_story_are_marked_and_named_as_the_sample(user: Any) -> None:
    opp = sample.create_sample(user)
    assert opp.is_sample and m.Opportunity.objects.get(pk=opp.pk).is_sample
    assert "(sample)" in str(opp)
    story = m.Story.objects.get(owner=user, is_sample=True)
    assert story.title.startswith("Sample:")
    assert sample.has_sample(user)


def test_deleting_the_sample_removes_everything_it_made_and_nothing_else(world: World) -> None:
    before = _rows()
    opp = sample.create_sample(world.user)
    assert _rows() != before
    r.opportunities.delete(world.user, opp.pk)
    assert _rows() == before
    assert m.Story.objects.filter(pk=world.story.pk).exists()
    assert not sample.has_sample(world.user)


def test_deleting_a_real_opportunity_keeps_the_samples_story(world: World) -> None:
    sample.create_sample(world.user)
    r.opportunities.delete(world.user, world.globex.pk)
    assert m.Story.objects.filter(owner=world.user, is_sample=True).count() == 1


def test_the_samples_story_is_never_offered_for_a_real_job(world: World) -> None:
    opp = sample.create_sample(world.user)
    story = m.Story.objects.get(is_sample=True)
    # A requirement the sample's story matches word for word.
    r.requirements.create(world.user, world.acme.pk, text="Cutting fresh-food waste with SQL")
    real = evidence_map.evidence_view(world.user, world.acme.pk, similarity=None)
    offered = {s.story_id for row in real.rows for s in [*row.suggested, *row.maybe]}
    assert story.pk not in offered
    assert story.pk not in {pk for pk, _ in real.stories}
    assert story.pk not in {s.id for s in brief.brief_input(world.user, world.round2.pk).stories}
    # The sample itself still shows how a story backs a requirement.
    own = evidence_map.evidence_view(world.user, opp.pk, similarity=None)
    assert story.pk in {s.story_id for row in own.rows for s in [*row.suggested, *row.maybe]}


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo", "Europe/London"])
def test_its_rounds_are_at_ten_on_weekdays_in_the_users_zone(user: Any, zone: str) -> None:
    opp = sample.create_sample(user, zone=zone)
    first, second = m.Round.objects.filter(opportunity=opp).order_by("number")
    today = dt.datetime.now(times.zone(zone)).date()
    for round_ in (first, second):
        assert round_.timezone == zone
        local = times.in_zone(round_.scheduled_at, zone)  # type: ignore[arg-type]
        assert (local.hour, local.minute) == (10, 0)
        assert local.weekday() < 5
    assert times.in_zone(first.scheduled_at, zone).date() < today  # type: ignore[arg-type]
    assert times.in_zone(second.scheduled_at, zone).date() > today  # type: ignore[arg-type]
    feedback = m.Feedback.objects.get(round=first)
    assert feedback.received_on is not None and feedback.received_on.weekday() < 5


def test_without_a_zone_it_uses_this_machines(user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Australia/Sydney")
    opp = sample.create_sample(user)
    second = m.Round.objects.get(opportunity=opp, number=2)
    assert second.timezone == "Australia/Sydney"
    assert times.in_zone(second.scheduled_at, second.timezone).hour == 10  # type: ignore[arg-type]


def test_a_backup_made_before_the_sample_mark_restores_with_it_off(world: World) -> None:
    stream = io.StringIO()
    backup.export_to(world.user, stream)
    data = json.loads(stream.getvalue())
    for key in ("opportunities", "stories"):
        for record in data[key]:
            del record["is_sample"]
    for _, model in reversed(backup.MODELS):
        model.objects.all().delete()
    backup.restore(world.user, data)
    assert m.Opportunity.objects.count() == 2
    assert not m.Opportunity.objects.filter(is_sample=True).exists()
    assert not m.Story.objects.filter(is_sample=True).exists()


def test_the_samples_week_starts_with_nothing_overdue(user: Any) -> None:
    from django.utils import timezone

    from nextround.services import week

    opp = sample.create_sample(user)
    days, _ = week.agenda(user, timezone.now())
    assert [d.label for d in days if d.label == "Overdue"] == []
    first = m.Round.objects.get(opportunity=opp, number=1)
    notes = m.FollowUp.objects.filter(round=first, kind=m.FollowUpKind.THANK_YOU)
    assert notes.exists() and all(n.sent_at is not None for n in notes)
    assert all(n.sent_at.date() <= timezone.now().date() for n in notes)
