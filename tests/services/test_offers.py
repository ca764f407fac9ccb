"""Offers: the reply asking for time, the weighted decision matrix, and the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from nextround.coach.note_templates import long_date
from nextround.services import decisions, followups, offers, profile
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


def test_the_script_goes_through_the_consultant_and_asks_for_a_day_and_writing(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme = two_offers[0]
    reply_by = timezone.localdate() + dt.timedelta(days=7)
    s = offers.script(world.user, acme.pk, reply_by)
    # Acme's offer came through Sam, the consultant, not through Priya the hiring manager.
    assert (s.to_name, s.to_email, s.to_role) == (
        "Sam Reid",
        "sam@talentbridge.example",
        "your consultant",
    )
    assert s.body.startswith("Hi Sam,")
    assert "Thank you for letting me know about the offer from Acme Retail" in s.body
    assert f"by {long_date(reply_by)}" in s.body
    assert "talking it over with my family" in s.body
    assert "send the full offer in writing" in s.body
    assert s.body.rstrip().endswith("Jordan Lee")
    assert "in writing" in s.spoken and s.spoken.startswith("Thanks so much, Sam")
    assert s.warnings == ()
    assert parse_qs(urlsplit(s.mailto).query)["body"] == [s.body]


def test_the_script_confirms_the_salary_on_record_and_asks_for_the_rest_in_writing(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    s = offers.script(world.user, two_offers[0].pk)
    assert "confirming the salary of £60,000, and including the proposed start date" in s.body
    assert "and the benefits?" in s.body


def test_without_a_consultant_the_script_goes_to_the_hiring_manager(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    r.opportunities.update(world.user, world.acme.pk, consultant_name="", consultant_email="")
    s = offers.script(world.user, two_offers[0].pk)
    assert (s.to_name, s.to_role) == ("Priya Shah", "the hiring manager")
    assert "Thank you very much for offering me the Senior Data Analyst role." in s.body


def test_the_script_proposes_a_week_and_asks_when_their_deadline_leaves_no_time(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    today = timezone.localdate()
    deadline = today + dt.timedelta(days=2)
    acme = r.offers.update(world.user, two_offers[0].pk, deadline=deadline)
    s = offers.script(world.user, acme.pk)
    assert s.reply_by == today + dt.timedelta(days=7)
    assert s.past_deadline
    assert f"I know Acme Retail would like an answer by {long_date(deadline)}" in s.body
    assert "could you ask them whether I could come back to them by" in s.body
    assert len(s.warnings) == 1 and "after their deadline" in s.warnings[0]
    later = r.offers.update(world.user, acme.pk, deadline=today + dt.timedelta(days=10))
    kept = offers.script(world.user, later.pk)
    assert kept.reply_by == today + dt.timedelta(days=10) and not kept.past_deadline
    assert "within the time they have given me" in kept.body
    # Six days to think is enough: the script answers within it rather than ask for one more.
    six = r.offers.update(world.user, acme.pk, deadline=today + dt.timedelta(days=6))
    within = offers.script(world.user, six.pk)
    assert within.reply_by == today + dt.timedelta(days=6) and not within.past_deadline
    assert "within the time they've given me" in within.spoken


def test_the_script_checks_its_date_reason_and_offer(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme = two_offers[0]
    with pytest.raises(ServiceError, match="in the past"):
        offers.script(world.user, acme.pk, timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ServiceError, match="not one of"):
        offers.script(world.user, acme.pk, reason="vibes")
    with pytest.raises(ServiceError, match="current job"):
        offers.script(world.user, two_offers[2].pk)
    s = offers.script(world.user, acme.pk, reason="notice")
    assert "checking my notice period" in s.body
    assert ("notice", "Check my notice period") in s.reasons


def test_the_script_is_never_addressed_to_the_candidate(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    profile.update(world.user, email="jordan@example.com")
    r.opportunities.update(world.user, world.acme.pk, consultant_name="", consultant_email="")
    r.interviewers.update(world.user, world.priya.pk, role="other")
    me = r.interviewers.add_to_round(
        world.user, world.round2.pk, name="Jordan Lee", email="jordan@example.com", role="hr"
    )
    s = offers.script(world.user, two_offers[0].pk)
    assert s.to_name != me.name
    assert s.to_name == "Priya Shah"


def test_accepting_closes_other_opportunities_follow_ups(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    acme = two_offers[0]
    globex_round = r.rounds.create(world.user, world.globex.pk, status="done")
    r.interviewers.add_to_round(world.user, globex_round.pk, name="Kim Park")
    elsewhere = followups.draft(world.user, globex_round.pk)[0]
    here = followups.draft(world.user, world.round1.pk)[0]
    result = decisions.decide(world.user, acme.pk, accept=True)
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
    result = decisions.decide(world.user, globex.pk, accept=False)
    assert result.closed_follow_ups == 0
    assert m.Opportunity.objects.get(pk=world.globex.pk).stage == "declined"
    assert m.FollowUp.objects.get(pk=here.pk).closed_at is None
    # A declined offer leaves the matrix.
    assert globex.pk not in [row.offer.pk for row in offers.compare(world.user).rows]


def test_the_current_job_cannot_be_decided_or_reached_by_others(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer], other_user: Any
) -> None:
    with pytest.raises(ServiceError, match="current job"):
        decisions.decide(world.user, two_offers[2].pk, accept=True)
    with pytest.raises(ServiceError, match="No offer"):
        decisions.decide(other_user, two_offers[0].pk, accept=True)
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


def test_after_accepting_an_offer_the_comparison_says_it_is_closed(
    world: World, two_offers: tuple[m.Offer, m.Offer, m.Offer]
) -> None:
    from nextround.services import decisions

    acme, _, _ = two_offers
    decisions.decide(world.user, acme.pk, accept=True)
    result = offers.compare(world.user)
    assert not result.ready
    assert result.messages == ["You have accepted an offer, so there is nothing left to compare."]
