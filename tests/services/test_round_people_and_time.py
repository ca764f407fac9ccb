"""Who sits on a round and when it starts, as the candidate reads them: the recruitment officer
an invite lists beside the panel is neither prepared for nor thanked for her questions; an email
about the day is an email, not feedback; the start is on the candidate's own clock."""

from __future__ import annotations

from typing import Any

import pytest

from nextround.services import brief, followups, times
from nextround.services import records as r
from tests.world import World


def test_whoever_only_arranges_the_round_is_not_on_the_panel_nor_thanked(world: World) -> None:
    karen = r.interviewers.add_to_round(
        world.user, world.round1.pk, name="Karen Doyle", title="HR and Recruitment Officer"
    )
    made = followups.draft_notes(world.user, world.round1.pk)
    assert [f.interviewer_id for f in made.saved] == [world.priya.pk]
    assert any(s.startswith("No thank-you note to Karen Doyle: they arranged the round")
               for s in made.skipped)  # fmt: skip
    r.interviewers.add_to_round(
        world.user, world.round2.pk, name="Priya Desai", title="Talent Partner"
    )
    data = brief.brief_input(world.user, world.round2.pk)
    assert [p.name for p in data.panel] == ["Tom Okafor", "Dana Levi"]
    assert karen.pk not in [p.id for p in data.panel]


def test_a_recruiter_alone_on_a_round_is_the_one_you_meet(world: World) -> None:
    screen = r.rounds.create(world.user, world.globex.pk, status="done", format="phone")
    r.interviewers.add_to_round(world.user, screen.pk, name="Hannah Reed", title="Talent Partner")
    made = followups.draft_notes(world.user, screen.pk)
    assert len(made.saved) == 1 and not made.skipped


def test_an_email_about_the_coming_round_is_quoted_as_an_email(world: World) -> None:
    r.feedback.create(
        world.user,
        world.round2.pk,
        source="hr",
        sender="Joanne Fisher <joanne@acme.example>",
        text="Please arrive at 09:45 and sign in at reception on the 3rd floor.",
    )
    data = brief.brief_input(world.user, world.round2.pk)
    sources = [source for source, _ in data.logistics_texts]
    assert "Joanne Fisher's email" in sources
    assert not any(s.startswith("Feedback from HR (Joanne") for s in sources), sources


@pytest.mark.parametrize(
    ("machine", "given", "said"),
    [
        ("Europe/London", "America/New_York", "16:00 UK time (11:00 New York time)"),
        ("Europe/London", "UTC", "16:00 UK time"),
        ("Europe/London", "Europe/London", "16:00 UK time"),
        ("Asia/Tokyo", "Europe/London", "01:00 Tokyo time (16:00 UK time)"),
        # A machine on UTC whose clock reads as the round's place: the place names the time.
        ("UTC", "Europe/London", "16:00 UK time"),
        # Where the clocks differ, the machine's comes first.
        ("UTC", "America/New_York", "16:00 UTC (11:00 New York time)"),
    ],
)
def test_a_rounds_start_is_said_on_the_candidates_clock_first(
    monkeypatch: Any, machine: str, given: str, said: str
) -> None:
    import datetime as dt

    monkeypatch.setenv("TZ", machine)
    moment = dt.datetime(2026, 12, 17, 16, 0, tzinfo=dt.UTC)
    assert times.said_time(moment, given)[1] == said


def test_the_machine_zone_survives_django_setting_its_own(monkeypatch: Any) -> None:
    from django.conf import settings

    # Django sets TZ to TIME_ZONE ("UTC") when it reads its settings; the machine's is kept.
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setattr(settings, "MACHINE_TZ", "Europe/Paris")
    assert times.local_zone_name() == "Europe/Paris"


def test_a_teacher_is_not_asked_a_follow_up_about_the_customer(world: World) -> None:
    from nextround.services import practice

    school = r.opportunities.create(
        world.user,
        company="Millbrook Academy",
        role="Head of Year 10",
        job_description="Head of Year 10 and 11 (pastoral). You will lead a team of form tutors, "
        "work with parents and carers, and keep pupils safe (KCSIE). QTS required.",
    )
    answer = (
        "A father came in angry about a detention. I listened first, explained the behaviour "
        "policy and what had happened in the lesson, and we agreed a report card for two weeks "
        "so he could see the progress himself. His son had no detentions that half term."
    )
    question = "Tell me about a time you dealt with a very difficult customer."
    general = practice.analyse(world.user, question, answer)
    assert any("customer" in f.text for f in general.follow_ups)
    said = practice.analyse(world.user, question, answer, school.pk)
    assert not any("customer" in f.text.lower() for f in said.follow_ups)


def test_whoever_signs_the_email_about_the_day_as_a_recruiter_only_arranges_it(
    world: World,
) -> None:
    priya = r.interviewers.add_to_round(world.user, world.round2.pk, name="Priya Desai")
    data = brief.brief_input(world.user, world.round2.pk)
    assert "Priya Desai" in [p.name for p in data.panel]  # nothing says she only arranges it
    r.feedback.create(
        world.user,
        world.round2.pk,
        source="hr",
        sender="Priya Desai <priya.desai@acme.example>",
        text="Hi,\n\nThe call is on Zoom; the link is in the invite.\n\nBest,\nPriya\n"
        "Priya Desai | Talent Partner | Acme Retail",
    )
    data = brief.brief_input(world.user, world.round2.pk)
    assert priya.pk not in [p.id for p in data.panel]
    assert [p.name for p in data.panel] == ["Tom Okafor", "Dana Levi"]


def test_a_thank_you_is_due_before_a_same_day_decision(world: World) -> None:
    import datetime as dt

    def due() -> dt.datetime:
        (note,) = followups.draft_notes(world.user, world.round1.pk).saved
        assert note.due_at is not None
        return note.due_at

    end = dt.datetime(2026, 11, 17, 10, 45, tzinfo=dt.UTC)  # 10:00 London for 45 minutes
    assert due() == end + dt.timedelta(hours=24)
    r.feedback.create(
        world.user,
        world.round1.pk,
        source="hr",
        sender="Karen Doyle",
        text="We will let you know the outcome by phone the same evening.",
    )
    assert due() == end + dt.timedelta(hours=2)
