"""Creating, changing and removing records through the services, with their rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nextround.services import records as r
from nextround.services.errors import InvalidInput, NotFound
from nextround.store import models as m
from tests.world import World


def test_it_creates_an_opportunity_with_sensible_defaults(user: object) -> None:
    opp = r.opportunities.create(user, company="  Acme ", role="Analyst")
    assert (opp.company, opp.stage, opp.dress_code) == ("Acme", "interviewing", "unknown")
    assert opp.created_at <= opp.updated_at


def test_it_names_the_missing_field_when_company_is_blank(user: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        r.opportunities.create(user, company="", role="Analyst")
    assert "company" in caught.value.errors
    assert str(caught.value).startswith("Invalid opportunity: company:")


def test_it_rejects_an_unknown_stage_with_the_choices(user: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        r.opportunities.create(user, company="Acme", role="Analyst", stage="dreaming")
    assert "stage" in caught.value.errors


def test_it_rejects_a_field_that_does_not_exist(user: object) -> None:
    with pytest.raises(InvalidInput, match="salary: is not a field of opportunity"):
        r.opportunities.create(user, company="Acme", role="Analyst", salary=1)


def test_it_updates_only_the_fields_given(world: World) -> None:
    before = world.acme.updated_at
    opp = r.opportunities.update(world.user, world.acme.pk, stage="offer")
    assert opp.stage == "offer"
    assert opp.company == "Acme Retail"
    assert opp.updated_at > before


def test_a_failed_update_leaves_the_stored_record_unchanged(world: World) -> None:
    with pytest.raises(InvalidInput):
        r.opportunities.update(world.user, world.acme.pk, role="", stage="offer")
    stored = m.Opportunity.objects.get(pk=world.acme.pk)
    assert (stored.role, stored.stage) == ("Senior Data Analyst", "callback")


def test_it_numbers_rounds_one_after_another(world: World) -> None:
    third = r.rounds.create(world.user, world.acme.pk)
    assert third.number == 3


def test_it_refuses_two_rounds_with_the_same_number(world: World) -> None:
    with pytest.raises(InvalidInput, match="already"):
        r.rounds.create(world.user, world.acme.pk, number=2)


def test_it_keeps_a_local_time_in_the_zone_it_was_given(world: World) -> None:
    # 14:00 in London on 3 December is 14:00 UTC (no summer time).
    assert world.round2.scheduled_at == dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    assert world.round2.timezone == "Europe/London"
    summer = r.rounds.create(
        world.user, world.globex.pk, scheduled_at="2027-06-01T09:30", timezone="Europe/Berlin"
    )
    assert summer.scheduled_at == dt.datetime(2027, 6, 1, 7, 30, tzinfo=dt.UTC)


def test_it_keeps_the_offset_of_an_iso_time(world: World) -> None:
    rnd = r.rounds.create(world.user, world.globex.pk, scheduled_at="2026-12-03T10:00+05:30")
    assert rnd.scheduled_at == dt.datetime(2026, 12, 3, 4, 30, tzinfo=dt.UTC)
    assert rnd.timezone == "+05:30"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"scheduled_at": "next tuesday"}, "scheduled_at"),
        ({"scheduled_at": "2026-12-03T10:00", "timezone": "Mars/Olympus"}, "timezone"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"format": "carrier pigeon"}, "format"),
        ({"link": "not a link"}, "link"),
    ],
)
def test_it_names_what_is_wrong_with_a_round(
    world: World, values: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        r.rounds.create(world.user, world.globex.pk, **values)
    assert field in caught.value.errors


def test_a_new_interviewer_joins_the_round_and_the_opportunity(world: World) -> None:
    panel = r.interviewers.of_round(world.user, world.round2.pk)
    assert [p.name for p in panel] == ["Tom Okafor", "Dana Levi"]
    assert world.tom.opportunity_id == world.acme.pk
    assert world.tom.earlier_employers == ["Initech", "Globex"]
    assert world.tom.years_at_company == Decimal("3.5")


def test_someone_met_before_can_join_a_later_round(world: World) -> None:
    r.interviewers.link(world.user, world.round2.pk, world.priya.pk)
    r.interviewers.link(world.user, world.round2.pk, world.priya.pk)
    names = [p.name for p in r.interviewers.of_round(world.user, world.round2.pk)]
    assert names.count("Priya Shah") == 1


def test_an_interviewer_of_another_opportunity_cannot_join(world: World) -> None:
    other_round = r.rounds.create(world.user, world.globex.pk)
    with pytest.raises(InvalidInput, match="another opportunity"):
        r.interviewers.link(world.user, other_round.pk, world.priya.pk)


def test_list_fields_are_cleaned_from_lines_or_lists(world: World) -> None:
    person = r.interviewers.update(
        world.user,
        world.dana.pk,
        earlier_employers="Umbrella\n\n  Hooli \nUmbrella",
        links=["https://example.org/dana"],
    )
    assert person.earlier_employers == ["Umbrella", "Hooli"]
    with pytest.raises(InvalidInput, match="not a web address"):
        r.interviewers.update(world.user, world.dana.pk, links=["javascript:alert(1)"])


def test_a_self_rating_must_be_one_to_five(world: World) -> None:
    with pytest.raises(InvalidInput) as caught:
        r.asked_questions.create(world.user, world.round1.pk, text="Why us?", self_rating=6)
    assert "self_rating" in caught.value.errors


def test_a_question_cannot_name_an_interviewer_from_elsewhere(world: World) -> None:
    other = r.rounds.create(world.user, world.globex.pk)
    with pytest.raises(InvalidInput, match="another opportunity"):
        r.asked_questions.create(
            world.user, other.pk, text="Why us?", interviewer_id=world.priya.pk
        )


def test_deleting_an_opportunity_removes_everything_under_it(world: World) -> None:
    r.opportunities.delete(world.user, world.acme.pk)
    assert not m.Round.objects.filter(opportunity_id=world.acme.pk).exists()
    assert not m.AskedQuestion.objects.filter(round_id=world.round1.pk).exists()
    assert not m.Interviewer.objects.filter(opportunity_id=world.acme.pk).exists()
    assert m.Story.objects.filter(pk=world.story.pk).exists()


def test_another_person_cannot_see_or_change_my_records(world: World, other_user: object) -> None:
    with pytest.raises(NotFound, match=f"No opportunity with id {world.acme.pk}"):
        r.opportunities.get(other_user, world.acme.pk)
    with pytest.raises(NotFound):
        r.rounds.create(other_user, world.acme.pk)
    with pytest.raises(NotFound):
        r.asked_questions.update(other_user, world.weak_question.pk, text="changed")
    with pytest.raises(NotFound):
        r.stories.delete(other_user, world.story.pk)
    assert r.opportunities.list(other_user) == []


def test_an_unknown_id_is_not_found(user: object) -> None:
    with pytest.raises(NotFound, match="No story with id 404"):
        r.stories.get(user, 404)


def test_an_offer_needs_an_opportunity_or_to_be_the_current_job(world: World) -> None:
    with pytest.raises(InvalidInput, match="current job"):
        r.offers.create(world.user, salary=Decimal("50000"))
    current = r.offers.create(world.user, is_current_job=True, salary=Decimal("48000"))
    offer = r.offers.create(
        world.user, opportunity_id=world.acme.pk, salary="55000", currency="gbp"
    )
    assert (current.is_current_job, offer.currency, offer.salary) == (
        True,
        "GBP",
        Decimal("55000"),
    )
    with pytest.raises(InvalidInput, match="three-letter"):
        r.offers.create(world.user, opportunity_id=world.acme.pk, currency="bananas")


def test_evidence_links_a_requirement_to_a_story_once(world: World) -> None:
    req = r.requirements.list(world.user, world.acme.pk)[0]
    r.evidence.create(world.user, req.pk, story_id=world.story.pk, note="SQL throughout")
    with pytest.raises(InvalidInput):
        r.evidence.create(world.user, req.pk, story_id=world.story.pk)


def test_a_question_to_ask_can_be_ticked_off(world: World) -> None:
    ask = r.questions_to_ask.create(
        world.user,
        world.round2.pk,
        text="What does success look like?",
        interviewer_id=world.tom.pk,
    )
    assert r.questions_to_ask.update(world.user, ask.pk, asked=True).asked is True


def test_a_follow_up_takes_a_due_time(world: World) -> None:
    note = r.follow_ups.create(
        world.user,
        world.round1.pk,
        kind="thank-you",
        interviewer_id=world.priya.pk,
        due_at="2026-11-18T09:00+00:00",
    )
    assert note.due_at == dt.datetime(2026, 11, 18, 9, 0, tzinfo=dt.UTC)


def test_a_practice_attempt_belongs_to_the_rounds_opportunity(world: World) -> None:
    attempt = r.attempts.create(
        world.user,
        round_id=world.round2.pk,
        question_text="Why this company?",
        answer_text="Because...",
        seconds_taken=75,
        analysis={"format_version": 1},
    )
    assert attempt.opportunity_id == world.acme.pk
