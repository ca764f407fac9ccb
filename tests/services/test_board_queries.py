"""The board's and the week's queries, compiled once (store.prepared) and run with new values:
the same rows as the ORM gives, never a stale copy, and the ORM itself when a plan cannot be
trusted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from nextround.services import board, followups, week
from nextround.services import records as r
from nextround.store import models as m
from nextround.store.prepared import Prepared
from tests.world import World

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
AFTER_ROUND_2 = dt.datetime(2026, 12, 3, 17, 0, tzinfo=dt.UTC)


def _prepared_queries() -> list[tuple[str, Prepared]]:
    found = []
    for module in (board, week):
        for name, value in vars(module).items():
            values = value.values() if isinstance(value, dict) else [value]
            found += [(f"{module.__name__}.{name}", p) for p in values if isinstance(p, Prepared)]
    return found


def test_every_query_of_the_board_and_the_week_runs_from_a_compiled_plan(world: World) -> None:
    # A plan the check refuses falls back to the ORM: right, but as slow as before. This is
    # where a database that adapts values its own way would show.
    r.offers.create(world.user, opportunity_id=world.acme.pk, deadline="2026-12-01")
    r.opportunities.create(world.user, company="Hooli", role="Analyst", stage="rejected")
    queries = _prepared_queries()
    for _, query in queries:
        query._plans.clear()
    board.board(world.user, now=AFTER_ROUND_2)
    assert len(queries) == 11
    for name, query in queries:
        assert query._plans, f"{name} was not run"
        assert all(plan is not None for plan in query._plans.values()), name


def test_the_board_reads_what_the_orm_reads_for_any_moment(world: World) -> None:
    r.rounds.update(world.user, world.round2.pk, status="done")
    followups.draft(world.user, world.round2.pk)
    followups.draft(world.user, world.round2.pk, "chaser")
    r.offers.create(world.user, opportunity_id=world.acme.pk, deadline="2026-12-08")
    moments = [NOW, AFTER_ROUND_2, AFTER_ROUND_2 + dt.timedelta(days=6, hours=3)]
    start, end = AFTER_ROUND_2 - dt.timedelta(days=30), AFTER_ROUND_2 + dt.timedelta(days=7)
    cases: list[tuple[Prepared, tuple[Any, ...]]] = [
        (week._BOOKED, (world.user.pk, start, end)),
        (week._DUE, (world.user.pk, start, end)),
        (week._UNTHANKED, (world.user.pk, start, AFTER_ROUND_2)),
        (week._REPLIES, (world.user.pk, dt.date(2026, 11, 30), dt.date(2026, 12, 9))),
        (board._COUNTS, (world.user.pk,)),
        (board._CARDS[board.PER_COLUMN], (world.user.pk, "interviewing")),
        (board._ROUNDS_OF, ((world.acme.pk, world.globex.pk),)),
        (board._NOTES_OF, ((world.acme.pk,),)),
        (board._OFFERS_OF, ((world.globex.pk, world.acme.pk),)),
    ]
    for moment in moments:
        cases.append(
            (
                week._AWAITING_NEWS,
                (
                    world.user.pk,
                    moment - week.CHASE_WITHIN,
                    moment,
                    moment - week.CHASE_THIS_WEEK,
                    (moment - 2 * week.WEEK).date(),
                    (moment + week.WEEK).date(),
                ),
            )
        )
    for query, values in cases:
        expected = list(query.build(*values))
        assert query.rows(*values) == expected, query.build
    assert any(query.rows(*values) for query, values in cases)
    # Times come back as the ORM gives them: aware, in UTC.
    [(_, due_at, *_)] = week._DUE.rows(world.user.pk, start, end)[:1]
    assert due_at.tzinfo is not None and due_at.utcoffset() == dt.timedelta(0)


def test_a_plan_is_not_a_copy_of_the_rows_every_write_shows_at_once(world: World) -> None:
    before = board.board(world.user, now=NOW)
    assert [c.company for c in next(c for c in before.columns if c.stage == "offer").cards] == []
    board.move(world.user, world.globex.pk, "offer")
    r.offers.create(world.user, opportunity_id=world.globex.pk, deadline="2026-11-30")
    after = board.board(world.user, now=NOW)
    offer = next(c for c in after.columns if c.stage == "offer")
    assert [c.company for c in offer.cards] == ["Globex"]
    assert [d.text for d in offer.cards[0].due] == ["Reply to the offer by Mon 30 Nov"]
    texts = [i.text for d in after.agenda for i in d.items]
    assert "Reply to the offer from Globex (Insights Lead)" in texts


def test_a_parameter_used_twice_is_set_in_both_places(world: World, other_user: Any) -> None:
    twice = Prepared(
        m.Opportunity,
        lambda owner_id: (
            m.Opportunity.objects.filter(owner_id=owner_id)
            .exclude(stage="withdrawn", owner_id=owner_id)
            .values_list("company")
        ),
    )
    assert twice.is_prepared(world.user.pk)
    assert sorted(twice.rows(world.user.pk)) == [("Acme Retail",), ("Globex",)]
    assert twice.rows(other_user.pk) == []


def test_a_query_whose_sql_leans_on_a_value_derived_from_a_parameter_uses_the_orm(
    world: World,
) -> None:
    # The date of a moment is not the moment: no place among the SQL's parameters holds the
    # stand-in, so no plan is trusted, and the ORM answers each time.
    derived = Prepared(
        m.Round,
        lambda when: m.Round.objects.filter(
            owner_id=world.user.pk, scheduled_at__date__gte=when.date()
        ).values_list("number"),
    )
    assert not derived.is_prepared(NOW)
    assert derived.rows(NOW) == [(2,)]
    assert derived.rows(NOW + dt.timedelta(days=30)) == []


def test_a_plan_for_each_length_of_a_list_of_ids(world: World) -> None:
    one = board._ROUNDS_OF.rows((world.acme.pk,))
    both = board._ROUNDS_OF.rows((world.acme.pk, world.globex.pk))
    assert [row[2] for row in one] == [row[2] for row in both] == [1, 2]
    assert board._ROUNDS_OF.rows((world.globex.pk,)) == []


@pytest.mark.parametrize("focus", ["", "callback"])
def test_a_board_read_twice_reads_the_same_and_compiles_nothing_the_second_time(
    world: World, focus: str
) -> None:
    first = board.board(world.user, now=AFTER_ROUND_2, focus=focus)
    sent: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        second = board.board(world.user, now=AFTER_ROUND_2, focus=focus)
    assert first == second
    # The second time every query of the whole board is compiled SQL run again; a column
    # shown in full compiles its page (where the page starts is part of its SQL).
    plans = {p.sql for _, q in _prepared_queries() for p in q._plans.values() if p}
    assert len([sql for sql in sent if sql not in plans]) == (1 if focus else 0)
    assert len(sent) == (1 + 1 + 3 if focus else 1 + 2 + 3 + 5)
