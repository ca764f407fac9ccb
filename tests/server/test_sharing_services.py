"""Sharing through the services: scoped reads, read-only sharees, commenters adding feedback."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from nextround.services import access, pages, sharing
from nextround.services import records as r
from nextround.services.access import Forbidden
from nextround.services.errors import InvalidInput, NotFound
from nextround.store import models as m
from tests.world import World


@pytest.fixture
def coach(db: None) -> User:
    return User.objects.create_user("coach", password="not-used-here-1")


def test_a_viewer_reads_the_opportunity_and_its_rounds_but_not_other_records(
    world: World, coach: User
) -> None:
    assert r.opportunities.list(coach) == []
    sharing.share(world.user, world.acme.pk, "coach", "viewer")
    assert [o.pk for o in r.opportunities.list(coach)] == [world.acme.pk]
    assert {x.pk for x in r.rounds.list(coach, world.acme.pk)} == {world.round1.pk, world.round2.pk}
    page = pages.round_page(coach, world.round1.pk)
    assert [f.pk for f in page.feedback] == [world.feedback.pk]
    # Not shared: the other opportunity, stories, practice attempts.
    with pytest.raises(NotFound):
        r.opportunities.get(coach, world.globex.pk)
    with pytest.raises(NotFound):
        r.stories.get(coach, world.story.pk)
    assert r.stories.list(coach) == []


def test_a_viewer_changes_nothing(world: World, coach: User) -> None:
    sharing.share(world.user, world.acme.pk, "coach", "viewer")
    before = m.Opportunity.objects.get(pk=world.acme.pk).company
    with pytest.raises(Forbidden, match="was shared with you"):
        r.opportunities.update(coach, world.acme.pk, company="Changed")
    with pytest.raises(Forbidden):
        r.rounds.delete(coach, world.round1.pk)
    with pytest.raises(Forbidden):
        r.feedback.create(coach, world.round1.pk, text="From the viewer")
    with pytest.raises(Forbidden):
        r.interviewers.link(coach, world.round2.pk, world.priya.pk)
    assert m.Opportunity.objects.get(pk=world.acme.pk).company == before
    assert m.Round.objects.filter(pk=world.round1.pk).exists()


def test_a_commenter_adds_feedback_that_the_candidate_owns(world: World, coach: User) -> None:
    sharing.share(world.user, world.acme.pk, "coach", "commenter")
    added = r.feedback.create(coach, world.round1.pk, source="consultant", text="Go deeper.")
    assert added.owner_id == world.user.pk
    assert added.pk in [f.pk for f in pages.round_page(world.user, world.round1.pk).feedback]
    with pytest.raises(Forbidden):
        r.feedback.update(coach, added.pk, text="Changed")
    with pytest.raises(Forbidden):
        r.asked_questions.create(coach, world.round1.pk, text="Not allowed")


def test_the_acting_user_guards_writes_made_past_the_services(world: World, coach: User) -> None:
    sharing.share(world.user, world.acme.pk, "coach", "viewer")
    opportunity = m.Opportunity.objects.get(pk=world.acme.pk)
    with access.acting_as(coach.pk):
        opportunity.company = "Sneaky"
        with pytest.raises(Forbidden):
            opportunity.save()
        round1 = m.Round.objects.get(pk=world.round1.pk)
        with pytest.raises(Forbidden), transaction.atomic():
            round1.delete()
    assert m.Opportunity.objects.get(pk=world.acme.pk).company == "Acme Retail"


def test_a_record_cannot_point_at_someone_elses(world: World, other_user: Any) -> None:
    with pytest.raises(Forbidden):
        m.Requirement.objects.create(owner=other_user, opportunity=world.acme, text="x")


def test_revoking_ends_access_and_only_the_owner_shares(world: World, coach: User) -> None:
    row = sharing.share(world.user, world.acme.pk, "coach", "viewer")
    with pytest.raises(Forbidden):
        sharing.share(coach, world.acme.pk, "coach", "commenter")
    with pytest.raises(InvalidInput, match="no account named 'nobody'"):
        sharing.share(world.user, world.acme.pk, "nobody")
    with pytest.raises(InvalidInput, match="role"):
        sharing.share(world.user, world.acme.pk, "coach", "editor")
    # Sharing again changes the role rather than adding a second share.
    again = sharing.share(world.user, world.acme.pk, "coach", "commenter")
    assert again.id == row.id and again.role == "commenter"
    sharing.revoke(world.user, row.id)
    with pytest.raises(NotFound):
        r.opportunities.get(coach, world.acme.pk)


def test_a_coach_can_stop_seeing_a_shared_opportunity(world: World, coach: User) -> None:
    sharing.share(world.user, world.acme.pk, "coach", "viewer")
    assert [s.id for s in sharing.shared_with_me(coach)] == [world.acme.pk]
    with access.acting_as(coach.pk):
        sharing.leave(coach, world.acme.pk)
    assert sharing.shared_with_me(coach) == []


def test_the_dashboard_lists_what_others_shared_with_you(
    world: World, coach: User, rf: Any
) -> None:
    from bs4 import BeautifulSoup

    from nextround.web.views.dashboard import dashboard

    def shared_section(user: User) -> Any:
        request = rf.get("/")
        request.user = user
        page = BeautifulSoup(dashboard(request).content, "html.parser")
        return page.select_one("section.shared-with-you")

    assert shared_section(coach) is None
    sharing.share(world.user, world.acme.pk, "coach", "commenter")
    section = shared_section(coach)
    text = section.get_text(" ", strip=True)
    assert f"{world.acme.role} at {world.acme.company}" in text
    assert f"shared by {world.user.username}" in text and "you may add feedback" in text
    assert section.a["href"] == f"/opportunities/{world.acme.pk}/"
    assert shared_section(world.user) is None  # the candidate's own dashboard is unchanged
