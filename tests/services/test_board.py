"""The board behind the dashboard: columns by stage, what each card says, the week, and moves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nextround.services import board, followups, week
from nextround.services import records as r
from nextround.services.errors import InvalidInput, NotFound
from nextround.store import models as m
from tests.world import World, opportunity

# A Saturday, five days before Acme's second round (Thursday 3 December, 14:00 in London).
NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
# That Thursday, two hours after the second round ended.
AFTER_ROUND_2 = dt.datetime(2026, 12, 3, 17, 0, tzinfo=dt.UTC)


def _column(view: board.Board, stage: str) -> board.Column:
    return next(c for c in view.columns if c.stage == stage)


def _card(view: board.Board, pk: int) -> board.Card:
    return next(card for c in view.columns for card in c.cards if card.id == pk)


def _texts(card: board.Card) -> list[str]:
    return [d.text for d in card.due]


def test_every_stage_is_a_column_with_its_cards(world: World) -> None:
    view = board.board(world.user, now=NOW)
    assert [c.label for c in view.columns] == [
        "Applied",
        "Interviewing",
        "Called back",
        "Offer",
        "Accepted",
        "Declined",
        "Rejected",
        "Withdrawn",
    ]
    # Acme has a second round, so it was called back; Globex has not been interviewed yet.
    assert [c.company for c in _column(view, "callback").cards] == ["Acme Retail"]
    assert [c.company for c in _column(view, "applied").cards] == ["Globex"]
    assert _column(view, "offer").cards == [] and _column(view, "offer").hint
    assert [c.closed for c in view.columns] == [False] * 4 + [True] * 4
    assert view.total == 2 and not view.is_empty


def test_a_card_shows_the_next_round_and_the_days_to_go(world: World) -> None:
    card = _card(board.board(world.user, now=NOW), world.acme.pk)
    assert card.next_round is not None
    assert card.next_round.number == 2
    assert card.next_round.starts_at == dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    assert str(card.next_round.starts_at.tzinfo) == "Europe/London"
    assert (card.next_round.days_to_go, card.next_round.countdown) == (5, "in 5 days")
    # Round 1 was debriefed, and round 2 is booked: nothing is due yet.
    assert card.due == ()
    assert _card(board.board(world.user, now=NOW), world.globex.pk).next_round is None


def test_the_countdown_counts_days_in_the_rounds_own_zone(world: World) -> None:
    # 23:30 in London on the Wednesday is already Thursday in Tokyo, the round's zone.
    r.rounds.update(world.user, world.round2.pk, timezone="Asia/Tokyo")
    late = dt.datetime(2026, 12, 2, 23, 30, tzinfo=dt.UTC)
    card = _card(board.board(world.user, now=late), world.acme.pk)
    assert card.next_round is not None and card.next_round.countdown == "today"


def test_an_undated_round_is_next_with_no_countdown(world: World) -> None:
    planned = r.rounds.create(world.user, world.globex.pk)
    card = _card(board.board(world.user, now=NOW), world.globex.pk)
    assert card.next_round == board.NextRound(planned.pk, 1, None, None)
    assert card.next_round.countdown == "date not set"


def test_after_a_round_the_card_asks_for_thank_you_notes_then_to_send_them(world: World) -> None:
    card = _card(board.board(world.user, now=AFTER_ROUND_2), world.acme.pk)
    assert card.next_round is None
    assert _texts(card) == ["Thank-you notes to write", "Chase for news Thu 10 Dec"]
    assert [d.overdue for d in card.due] == [False, False]
    assert card.due[0].round_id == world.round2.pk
    r.rounds.update(world.user, world.round2.pk, status="done")  # as the debrief marks it
    followups.draft(world.user, world.round2.pk)
    card = _card(board.board(world.user, now=AFTER_ROUND_2), world.acme.pk)
    assert _texts(card)[0] == "2 thank-you notes to send"
    assert not card.due[0].overdue
    two_days_on = AFTER_ROUND_2 + dt.timedelta(days=2)
    card = _card(board.board(world.user, now=two_days_on), world.acme.pk)
    assert card.due[0].overdue
    for note in m.FollowUp.objects.filter(round=world.round2):
        followups.mark_sent(world.user, note.pk)
    card = _card(board.board(world.user, now=two_days_on), world.acme.pk)
    assert _texts(card) == ["Chase for news Thu 10 Dec"]


def test_a_drafted_chaser_and_an_offer_deadline_are_due_on_the_card(world: World) -> None:
    r.rounds.update(world.user, world.round2.pk, status="done")
    chaser = followups.draft(world.user, world.round2.pk, "chaser")[0]
    r.offers.create(world.user, opportunity_id=world.acme.pk, deadline="2026-12-11")
    card = _card(board.board(world.user, now=AFTER_ROUND_2), world.acme.pk)
    assert "Chaser due Thu 10 Dec" in _texts(card)
    assert "Reply to the offer by Fri 11 Dec" in _texts(card)
    assert not any(t.startswith("Chase for news") for t in _texts(card))
    late = board.board(world.user, now=dt.datetime(2026, 12, 12, 12, 0, tzinfo=dt.UTC))
    offer = next(d for d in _card(late, world.acme.pk).due if d.kind == "offer")
    assert (offer.text, offer.overdue) == ("Offer reply was due Fri 11 Dec", True)
    # The outcome is known: the chaser is no longer due.
    r.rounds.update(world.user, world.round2.pk, outcome="passed")
    card = _card(board.board(world.user, now=AFTER_ROUND_2), world.acme.pk)
    assert chaser.pk and not any("Chase" in t for t in _texts(card))


def test_a_closed_opportunity_has_nothing_due(world: World) -> None:
    board.move(world.user, world.acme.pk, "rejected")
    card = _card(board.board(world.user, now=AFTER_ROUND_2), world.acme.pk)
    assert (card.next_round, card.due) == (None, ())


def test_this_week_lists_rounds_notes_and_offer_replies_by_day_late_ones_first(
    world: World,
) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    m.FollowUp.objects.filter(pk=note.pk).update(due_at=NOW - dt.timedelta(days=2))
    r.offers.create(world.user, opportunity_id=world.globex.pk, deadline="2026-11-30")
    far = r.rounds.create(world.user, world.globex.pk, scheduled_at="2026-12-20T10:00+00:00")
    agenda = board.board(world.user, now=NOW).agenda
    assert [d.label for d in agenda] == ["Overdue", "Monday 30 November", "Thursday 3 December"]
    assert [i.text for i in agenda[0].items] == ["Thank-you note to Priya Shah (Acme Retail)"]
    assert agenda[0].items[0].overdue and agenda[0].items[0].round_id == note.round_id
    assert [i.text for i in agenda[1].items] == ["Reply to the offer from Globex (Insights Lead)"]
    [round2] = agenda[2].items
    assert (round2.kind, round2.text) == ("round", "Round 2: Senior Data Analyst at Acme Retail")
    assert round2.at == dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    assert far.pk not in [i.round_id for d in agenda for i in d.items]


def test_this_week_asks_for_thank_you_notes_and_chasers_after_a_round(world: World) -> None:
    agenda = board.board(world.user, now=AFTER_ROUND_2).agenda
    items = {i.kind: i for d in agenda for i in d.items}
    assert items["write-thank-you"].text == (
        "Write thank-you notes for round 2 (Senior Data Analyst at Acme Retail)"
    )
    assert items["write-thank-you"].day == dt.date(2026, 12, 4)
    assert items["chaser"].day == dt.date(2026, 12, 10)
    assert [d.label for d in agenda] == ["Tomorrow", "Thursday 10 December"]


def test_an_empty_week_and_an_empty_board(user: Any) -> None:
    view = board.board(user, now=NOW)
    assert view.is_empty and view.agenda == []
    assert all(c.count == 0 and c.cards == [] for c in view.columns)


def _many(user: Any, count: int) -> None:
    stages = m.Stage.values
    m.Opportunity.objects.bulk_create(
        m.Opportunity(owner=user, company=f"Company {i}", role="Analyst", stage=stages[i % 8])
        for i in range(count)
    )
    opps = list(m.Opportunity.objects.filter(owner=user))
    m.Round.objects.bulk_create(
        m.Round(
            owner=user,
            opportunity=o,
            number=n,
            scheduled_at=NOW + dt.timedelta(days=n + i % 5 - 3),
            timezone="Europe/London",
        )
        for i, o in enumerate(opps)
        for n in range(1, i % 3 + 2)
    )
    firsts = m.Round.objects.filter(owner=user, number=1)
    past = NOW - dt.timedelta(hours=1)
    m.FollowUp.objects.bulk_create(m.FollowUp(owner=user, round=x, due_at=past) for x in firsts)
    m.Offer.objects.bulk_create(
        m.Offer(owner=user, opportunity=o, deadline=dt.date(2026, 12, 1)) for o in opps[::9]
    )


@pytest.mark.parametrize("count", [16, 1200])
def test_the_board_needs_the_same_queries_for_few_or_many(user: Any, count: int) -> None:
    _many(user, count)
    with CaptureQueriesContext(connection) as queries:
        view = board.board(user, now=NOW)
    # Counts, one per column, three for the cards shown and five for the week.
    assert len(queries) == 1 + 8 + 3 + 5
    assert view.total == count
    assert sum(c.count for c in view.columns) == count
    for column in view.columns:
        assert len(column.cards) == min(column.count, 5 if column.closed else 10)
        assert column.more == column.count - len(column.cards)
    assert any(card.due for c in view.columns for card in c.cards)
    # The week shows what fits, late things first, and counts the rest.
    assert view.agenda_count <= week.SHOWN_LATE + week.SHOWN_AHEAD
    assert len(view.agenda[0].items) == week.SHOWN_LATE and view.agenda_more > 0


def test_show_all_lists_one_column_page_by_page(user: Any) -> None:
    _many(user, 8 * 120)
    first = board.board(user, now=NOW, focus="applied")
    assert [c.stage for c in first.columns] == ["applied"]
    assert (first.page, first.pages, len(first.columns[0].cards)) == (1, 3, 50)
    assert first.agenda == []
    last = board.board(user, now=NOW, focus="applied", page=99)
    assert (last.page, len(last.columns[0].cards)) == (3, 20)
    pages = [board.board(user, focus="applied", page=p).columns[0] for p in (1, 2, 3)]
    seen = {card.id for column in pages for card in column.cards}
    assert len(seen) == 120
    wrong = board.board(user, now=NOW, focus="hired")
    assert wrong.unknown_stage == "hired" and len(wrong.columns) == 8


def test_moving_a_card_changes_its_stage_and_puts_it_first(world: World) -> None:
    moved = board.move(world.user, world.globex.pk, "offer")
    assert moved == board.Moved(world.globex.pk, "Insights Lead at Globex", "offer", "Offer", True)
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == "offer"
    assert board.move(world.user, world.globex.pk, "offer").changed is False
    r.opportunities.create(world.user, company="Hooli", role="Analyst", stage="offer")
    board.move(world.user, world.globex.pk, "offer")
    cards = _column(board.board(world.user), "offer").cards
    assert [c.company for c in cards] == ["Hooli", "Globex"]
    board.move(world.user, world.acme.pk, "offer")
    assert _column(board.board(world.user), "offer").cards[0].company == "Acme Retail"


def test_a_move_to_no_stage_or_of_someone_elses_card_is_refused(
    world: World, other_user: Any
) -> None:
    named = "there is no stage 'hired': choose one of Applied, Interviewing, Called back"
    with pytest.raises(InvalidInput, match=named):
        board.move(world.user, world.globex.pk, "hired")
    with pytest.raises(NotFound):
        board.move(other_user, world.globex.pk, "offer")
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == "applied"


def test_a_second_round_moves_the_opportunity_to_called_back(user: Any) -> None:
    opp = opportunity(user, company="Hooli", stage="applied")
    r.rounds.create(user, opp.pk, status="done")
    assert m.Opportunity.objects.get(pk=opp.pk).stage == "interviewing"
    second = r.rounds.create(user, opp.pk)
    assert m.Opportunity.objects.get(pk=opp.pk).stage == "callback"
    # Never backwards: cancelling the second round leaves the stage the candidate has.
    r.rounds.update(user, second.pk, status="cancelled")
    assert m.Opportunity.objects.get(pk=opp.pk).stage == "callback"


def test_a_cancelled_second_round_or_a_later_stage_is_left_alone(user: Any) -> None:
    opp = opportunity(user, company="Hooli", stage="interviewing")
    r.rounds.create(user, opp.pk, status="done")
    r.rounds.create(user, opp.pk, status="cancelled")
    assert m.Opportunity.objects.get(pk=opp.pk).stage == "interviewing"
    offer = opportunity(user, company="Initech", stage="offer")
    r.rounds.create(user, offer.pk)
    r.rounds.create(user, offer.pk)
    assert m.Opportunity.objects.get(pk=offer.pk).stage == "offer"
