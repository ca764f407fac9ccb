"""Offers: the reply asking for time, the weighted decision matrix, and the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from nextround.services import followups, offers, profile
from nextround.services import records as r
from nextround.services.errors import ServiceError
from nextround.store import models as m
from tests.world import World


@pytest.fixture
def two_offers(world: World) -> tuple[m.Offer, m.Offer, m.Offer]:
    profile.update(
        world.user,
        full_name="Jordan Lee",
        weights={"pay": 3, "growth": 2, "commute": 1},
        replace_criteria=True,
    )
    acme = r.offers.create(
        world.user, opportunity_id=world.acme.pk, salary=60000, currency="GBP", deadline=None
    )
    globex = r.offers.create(world.user, opportunity_id=world.globex.pk, salary=66000)
    current = r.offers.create(world.user, is_current_job=True, salary=55000, currency="GBP")
    offers.rate(world.user, acme.pk, {"pay": 6, "growth": 9, "commute": 4})
    offers.rate(world.user, globex.pk, {"pay": 8, "growth": 5, "commute": 6})
    offers.rate(world.user, current.pk, {"pay": 5, "growth": 3, "commute": 9})
    return acme, globex, current


def test_the_matrix_ranks_offers_and_the_current_job_by_weighted_total(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme, globex, current = two_offers
    result = offers.compare(world.user)
    assert [c.key for c in result.criteria] == ["pay", "growth", "commute"]
    # Acme: (6*3 + 9*2 + 4) / 6 = 6.67; Globex: (24 + 10 + 6) / 6 = 6.67; current: 5.0.
    totals = {row.offer.pk: row.total for row in result.rows}
    assert totals == {acme.pk: 6.67, globex.pk: 6.67, current.pk: 5.0}
    assert result.rows[-1].offer.pk == current.pk
    assert "level" in result.sensitivity


def test_the_sensitivity_note_names_the_weight_that_would_flip_it(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme, globex, _ = two_offers
    offers.rate(world.user, globex.pk, {"commute": 4})
    result = offers.compare(world.user)
    assert result.rows[0].offer.pk == acme.pk
    # Acme 6.67 leads Globex 6.33; Acme's lead rests on growth (9 against 5).
    assert result.sensitivity.startswith(
        "Lowering the weight of Growth and learning from 2 to below 1.5 would put Insights Lead"
    )


def test_pay_is_worked_out_from_salaries_until_rated(world: World) -> None:
    a = r.offers.create(world.user, opportunity_id=world.acme.pk, salary=60500, currency="GBP")
    r.offers.create(world.user, is_current_job=True, salary=55000, currency="GBP")
    result = offers.compare(world.user)
    row = next(x for x in result.rows if x.offer.pk == a.pk)
    pay = next(c for c in row.cells if c.criterion == "pay")
    assert pay.rating == 7.0 and pay.derived
    assert any("rated from the salaries" in msg for msg in result.messages)


def test_fewer_than_two_options_asks_for_more(world: World) -> None:
    r.offers.create(world.user, opportunity_id=world.acme.pk)
    result = offers.compare(world.user)
    assert not result.ready
    assert "at least two" in result.messages[0]


def test_ratings_are_checked_against_the_criteria_and_the_scale(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme = two_offers[0]
    with pytest.raises(ServiceError, match="not one of your criteria"):
        offers.rate(world.user, acme.pk, {"vibes": 5})
    with pytest.raises(ServiceError, match="0 to 10"):
        offers.rate(world.user, acme.pk, {"pay": 11})
    with pytest.raises(ServiceError, match="KEY=RATING"):
        offers.parse_ratings(["pay8"])
    assert m.Offer.objects.get(pk=acme.pk).ratings == {"pay": 6, "growth": 9, "commute": 4}


def test_the_script_thanks_them_and_asks_for_time(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme = two_offers[0]
    reply_by = timezone.localdate() + dt.timedelta(days=7)
    s = offers.script(world.user, acme.pk, reply_by)
    assert s.to_name == "Priya Shah"  # the hiring manager
    assert "Senior Data Analyst" in s.body
    assert f"{reply_by:%A} {reply_by.day} {reply_by:%B}" in s.body
    assert s.body.rstrip().endswith("Jordan Lee")
    assert "writing" in s.spoken


def test_the_script_defaults_to_the_offers_deadline(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    deadline = timezone.localdate() + dt.timedelta(days=10)
    acme = r.offers.update(world.user, two_offers[0].pk, deadline=deadline)
    assert offers.script(world.user, acme.pk).reply_by == deadline
    with pytest.raises(ServiceError, match="in the past"):
        offers.script(world.user, acme.pk, timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ServiceError, match="current job"):
        offers.script(world.user, two_offers[2].pk)


def test_accepting_closes_other_opportunities_follow_ups(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme = two_offers[0]
    globex_round = r.rounds.create(world.user, world.globex.pk, status="done")
    r.interviewers.add_to_round(world.user, globex_round.pk, name="Kim Park")
    elsewhere = followups.draft(world.user, globex_round.pk)[0]
    here = followups.draft(world.user, world.round1.pk)[0]
    result = offers.decide(world.user, acme.pk, accept=True)
    assert result.closed_follow_ups == 1
    assert "Closed 1 open follow-up" in result.message
    assert m.FollowUp.objects.get(pk=elsewhere.pk).closed_at is not None
    assert m.FollowUp.objects.get(pk=here.pk).closed_at is None
    assert m.Opportunity.objects.get(pk=world.acme.pk).stage == "accepted"
    assert m.Offer.objects.get(pk=acme.pk).decision == "accepted"


def test_declining_records_the_decision_and_leaves_follow_ups(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    globex = two_offers[1]
    here = followups.draft(world.user, world.round1.pk)[0]
    result = offers.decide(world.user, globex.pk, accept=False)
    assert result.closed_follow_ups == 0
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == "declined"
    assert m.FollowUp.objects.get(pk=here.pk).closed_at is None
    # A declined offer leaves the matrix.
    assert globex.pk not in [row.offer.pk for row in offers.compare(world.user).rows]


def test_the_current_job_cannot_be_decided_or_reached_by_others(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer], other_user: Any
) -> None:
    with pytest.raises(ServiceError, match="current job"):
        offers.decide(world.user, two_offers[2].pk, accept=True)
    with pytest.raises(ServiceError, match="No offer"):
        offers.decide(other_user, two_offers[0].pk, accept=True)
    assert m.Offer.objects.get(pk=two_offers[0].pk).decision == "pending"


def test_the_profile_keeps_criteria_and_checks_them(user: Any) -> None:
    assert [c.key for c in profile.criteria(user)][:2] == ["pay", "growth"]
    profile.update(user, weights=profile.parse_criteria(["pay=3", "Remote work=2"]))
    keys = {c.key: c for c in profile.criteria(user)}
    assert keys["pay"].weight == 3
    assert keys["remote-work"].label == "Remote work"
    for bad, words in ((["pay"], "KEY=WEIGHT"), (["pay=-1"], "0 to 100"), (["pay=x"], "number")):
        with pytest.raises(ServiceError, match=words):
            profile.parse_criteria(bad)
    with pytest.raises(ServiceError, match="not an email"):
        profile.update(user, email="not-an-address")
    with pytest.raises(ServiceError, match="above 0"):
        profile.update(user, weights={"pay": 0}, replace_criteria=True)
    assert profile.get(user).email == ""
