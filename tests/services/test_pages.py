"""The view-models behind the pages: right content, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.services import pages
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World


def _many(user: Any, count: int) -> None:
    stages = m.Stage.values
    m.Opportunity.objects.bulk_create(
        m.Opportunity(owner=user, company=f"Company {i}", role="Analyst", stage=stages[i % 7])
        for i in range(count)
    )


def test_the_dashboard_groups_opportunities_by_stage(world: World) -> None:
    board = pages.dashboard(world.user)
    by_stage = {c.stage: c for c in board.columns}
    assert [c.company for c in by_stage["interviewing"].cards] == ["Acme Retail"]
    assert [c.company for c in by_stage["applied"].cards] == ["Globex"]
    assert board.total == 2
    assert not board.is_empty


def test_the_dashboard_shows_the_next_rounds_with_a_countdown(world: World) -> None:
    soon = r.rounds.create(
        world.user, world.globex.pk, scheduled_at=timezone.now() + dt.timedelta(days=2)
    )
    r.rounds.create(
        world.user,
        world.globex.pk,
        scheduled_at=timezone.now() + dt.timedelta(days=1),
        status="cancelled",
    )
    upcoming = pages.dashboard(world.user).upcoming
    assert soon.pk in [u.round_id for u in upcoming]
    assert all(u.round_id != soon.pk or u.days_left in (1, 2) for u in upcoming)
    assert len([u for u in upcoming if u.company == "Globex"]) == 1


@pytest.mark.parametrize("count", [10, 1000])
def test_the_dashboard_needs_the_same_queries_for_ten_or_a_thousand(user: Any, count: int) -> None:
    _many(user, count)
    with CaptureQueriesContext(connection) as queries:
        board = pages.dashboard(user, per_stage=10)
    assert len(queries) == 3
    assert board.total == count
    assert all(len(c.cards) <= 10 for c in board.columns)
    assert sum(c.more for c in board.columns) == max(0, count - 70)


def test_the_opportunity_page_lists_rounds_with_their_panel(world: World) -> None:
    page = pages.opportunity_page(world.user, world.acme.pk)
    assert [s.round.number for s in page.rounds] == [1, 2]
    assert [p.name for p in page.rounds[1].panel] == ["Tom Okafor", "Dana Levi"]
    assert page.rounds[0].question_count == 2
    assert page.rounds[0].feedback_count == 1
    assert page.next_round_number == 3


def test_the_round_page_separates_the_panel_from_people_met_before(world: World) -> None:
    page = pages.round_page(world.user, world.round2.pk)
    assert [p.name for p in page.panel] == ["Tom Okafor", "Dana Levi"]
    assert [p.name for p in page.others] == ["Priya Shah"]
    assert [x.number for x in page.earlier_rounds] == [1]


def test_search_finds_opportunities_questions_and_stories(world: World) -> None:
    found = pages.search(world.user, "stakeholder")
    assert [q.pk for q in found["questions"]] == [world.weak_question.pk]
    assert [s.pk for s in found["stories"]] == [world.story.pk]
    assert pages.search(world.user, "acme")["opportunities"] == [world.acme]
    assert pages.search(world.user, "   ") == {"opportunities": [], "questions": [], "stories": []}


@pytest.mark.parametrize("count", [10, 1000])
def test_the_pipeline_by_round_and_due_follow_ups_need_the_same_queries(
    user: Any, count: int
) -> None:
    m.Opportunity.objects.bulk_create(
        m.Opportunity(owner=user, company=f"Company {i}", role="Analyst", stage="interviewing")
        for i in range(count)
    )
    opps = list(m.Opportunity.objects.filter(owner=user))
    m.Round.objects.bulk_create(
        m.Round(owner=user, opportunity=o, number=n)
        for i, o in enumerate(opps)
        for n in range(1, i % 3 + 2)
    )
    firsts = m.Round.objects.filter(owner=user, number=1)
    past = timezone.now() - dt.timedelta(hours=1)
    m.FollowUp.objects.bulk_create(m.FollowUp(owner=user, round=r, due_at=past) for r in firsts)
    with CaptureQueriesContext(connection) as queries:
        board = pages.dashboard(user, per_stage=10)
    assert len(queries) == 3
    columns = {c.label: c for c in board.columns if c.stage == "interviewing"}
    assert sorted(columns) == ["Round 1", "Round 2", "Round 3"]
    assert sum(c.count for c in columns.values()) == count
    assert columns["Round 1"].count == len([i for i in range(count) if i % 3 == 0])
    assert len(board.follow_ups) == 10 and all(f.overdue for f in board.follow_ups)
