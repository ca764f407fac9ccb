"""Follow-up notes drafted from the debrief: one per interviewer, due on time, sent and closed."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from nextround.services import followups, profile
from nextround.services import records as r
from nextround.services.errors import ServiceError
from nextround.store import models as m
from tests.world import World


@pytest.fixture
def named(world: World) -> World:
    profile.update(world.user, full_name="Jordan Lee", email="jordan@example.com")
    return world


def panel_round(world: World) -> m.Round:
    """Round 2 done, with what Tom and Dana each asked."""
    r.rounds.update(world.user, world.round2.pk, status="done", duration_minutes=90)
    r.asked_questions.create(
        world.user,
        world.round2.pk,
        text="Tell me about a time you had to convince a senior leader.",
        reaction="positive",
        interviewer_id=world.tom.pk,
    )
    r.asked_questions.create(
        world.user,
        world.round2.pk,
        text="How would you schedule our nightly Airflow jobs?",
        interviewer_id=world.dana.pk,
    )
    world.round2.refresh_from_db()
    return world.round2


def test_each_interviewer_gets_a_note_that_recalls_what_they_asked(named: World) -> None:
    round_ = panel_round(named)
    notes = {f.interviewer_id: f for f in followups.draft(named.user, round_.pk)}
    tom, dana = notes[named.tom.pk], notes[named.dana.pk]
    assert tom.body.startswith("Dear Tom,")
    assert dana.body.startswith("Dear Dana,")
    assert "the time I had to convince a senior leader" in tom.body
    assert "Airflow" in dana.body and "senior leader" not in dana.body
    assert tom.body != dana.body
    assert tom.body.rstrip().endswith("Jordan Lee")
    # Fit restated from the job's requirements.
    assert "SQL" in tom.body
    assert len(tom.body.split()) < 150


def test_thank_you_notes_are_due_within_a_day_of_the_round_ending(named: World) -> None:
    round_ = panel_round(named)
    note = followups.draft(named.user, round_.pk)[0]
    assert round_.scheduled_at is not None
    end = round_.scheduled_at + dt.timedelta(minutes=90)
    assert note.due_at == end + dt.timedelta(hours=24)


def test_drafting_again_refreshes_unsent_notes_but_keeps_sent_ones(named: World) -> None:
    round_ = panel_round(named)
    first = followups.draft(named.user, round_.pk)
    followups.mark_sent(named.user, first[0].pk)
    sent_body = m.FollowUp.objects.get(pk=first[0].pk).body
    m.FollowUp.objects.filter(pk=first[0].pk).update(body=sent_body + " (as sent)")
    again = followups.draft(named.user, round_.pk)
    assert [f.pk for f in again] == [f.pk for f in first]
    assert m.FollowUp.objects.get(pk=first[0].pk).body.endswith("(as sent)")
    assert m.FollowUp.objects.filter(round=round_).count() == 2


def test_a_chaser_waits_for_the_date_the_employer_gave(named: World) -> None:
    r.rounds.update(named.user, named.round1.pk, news_expected_on="2026-11-24")
    chaser = followups.draft(named.user, named.round1.pk, "chaser")[0]
    assert chaser.interviewer_id == named.priya.pk
    assert "Tuesday 24 November" in chaser.body
    assert "decision" in chaser.body
    assert chaser.due_at == dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # London in winter


def test_a_chaser_with_no_date_given_waits_five_working_days(named: World) -> None:
    chaser = followups.draft(named.user, named.round1.pk, "chaser")[0]
    # Round 1 was Tuesday 17 November 2026; five working days on is Tuesday 24.
    assert chaser.due_at == dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
    assert "You mentioned" not in chaser.body


def test_the_consultant_note_asks_for_feedback_and_the_next_format(named: World) -> None:
    note = followups.draft(named.user, named.round1.pk, "consultant")[0]
    assert note.interviewer_id is None
    assert note.body.startswith("Hi Sam,")
    assert "feedback" in note.body
    name, address = followups.recipient(note)
    assert (name, address) == ("Sam Reid", "sam@talentbridge.example")


def test_notes_with_nobody_to_go_to_say_so(user: Any) -> None:
    opp = r.opportunities.create(user, company="Initech", role="Analyst")
    round_ = r.rounds.create(user, opp.pk)
    for kind, words in (
        ("thank-you", "no interviewers"),
        ("chaser", "no interviewers"),
        ("consultant", "no consultant"),
    ):
        with pytest.raises(ServiceError, match=words):
            followups.draft(user, round_.pk, kind)
    assert not m.FollowUp.objects.exists()
    with pytest.raises(ServiceError, match="kind"):
        followups.draft(user, round_.pk, "postcard")


def test_an_unsigned_note_says_so_on_the_page(world: World) -> None:
    followups.draft(world.user, world.round1.pk)
    page = followups.page(world.user, world.round1.pk)
    assert page.drafts[0].follow_up.body.rstrip().endswith(followups.NO_NAME)
    assert any("name is not set" in w for w in page.warnings)


def test_the_eml_draft_and_mailto_link_carry_the_note(named: World) -> None:
    r.interviewers.update(named.user, named.priya.pk, email="priya@acme.example")
    note = followups.draft(named.user, named.round1.pk)[0]
    name, data = followups.eml_draft(named.user, note.pk)
    assert name.endswith(".eml")
    parsed = message_from_bytes(data, policy=policy.default)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"] == "Priya Shah <priya@acme.example>"
    assert parsed["From"] == "jordan@example.com"
    assert parsed.get_content().strip().startswith("Dear Priya,")
    link = urlsplit(followups.mailto(note))
    assert link.scheme == "mailto" and link.path == "priya@acme.example"
    query = parse_qs(link.query)
    assert query["subject"] == [note.subject]
    assert query["body"] == [note.body]


def test_a_draft_to_someone_without_an_address_has_no_eml(named: World) -> None:
    note = followups.draft(named.user, named.round1.pk)[0]
    with pytest.raises(ServiceError, match="no email address"):
        followups.eml_draft(named.user, note.pk)
    assert followups.mailto(note).startswith("mailto:?subject=")


def test_overdue_lists_unsent_notes_past_due_and_marking_sent_clears_them(named: World) -> None:
    notes = followups.draft(named.user, named.round1.pk)
    later = timezone.now() + dt.timedelta(days=3650)
    assert [f.pk for f in followups.overdue(named.user, later)] == [notes[0].pk]
    followups.mark_sent(named.user, notes[0].pk)
    assert followups.overdue(named.user, later) == []


def test_someone_else_cannot_draft_or_mark_my_notes(named: World, other_user: Any) -> None:
    note = followups.draft(named.user, named.round1.pk)[0]
    with pytest.raises(ServiceError, match="No round"):
        followups.draft(other_user, named.round1.pk)
    with pytest.raises(ServiceError, match="No follow-up"):
        followups.mark_sent(other_user, note.pk)
    assert m.FollowUp.objects.get(pk=note.pk).sent_at is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Tell me about a time you led a team.", "the time I led a team"),
        ("Walk me through an analysis you are proud of.", "an analysis I am proud of"),
        ("Can you describe your biggest failure?", "my biggest failure"),
        ("Why Acme?", "Why Acme?"),
    ],
)
def test_a_question_is_recalled_in_the_candidates_words(question: str, topic: str) -> None:
    assert followups.topic_of(question) == topic


def test_requirements_are_restated_as_plain_fit() -> None:
    assert followups.fit_point("Strong SQL") == "SQL"
    assert followups.fit_point("Experience managing stakeholders") == "managing stakeholders"
    assert followups.fit_point("Clear written communication.") == "clear written communication"
