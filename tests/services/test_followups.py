"""Follow-up notes drafted from the records: to the right people, knowing where things stand."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from nextround.services import brief, evidence_map, followups, profile
from nextround.services import records as r
from nextround.services.errors import InvalidInput, ServiceError
from nextround.store import models as m
from tests.coach.test_followup import verbatim_runs
from tests.world import World

ME = "alex.morgan.jobs@mailbox.example"
LUMENFIELD_JD = """Senior Data Engineer, Depot Analytics

Requirements
- Mentor two junior engineers
- Review pull requests and pair on designs with the wider platform team as it grows
- Experience with Apache Airflow
- Strong SQL
"""
ROUND1_FEEDBACK = (
    "Good news: they would like to see you again. They weren't convinced you have handled "
    "on-call incidents for production pipelines, and they would like to hear more about how "
    "you mentor junior engineers."
)
ROUND2_QUESTIONS = {
    "tom": "Tell me how you have mentored a junior engineer",
    "dana": "How would you know a depot's scan data is wrong before I do?",
}


@dataclass
class DataEngineer:
    user: Any
    opp: m.Opportunity
    round1: m.Round
    round2: m.Round
    tom: m.Interviewer
    dana: m.Interviewer
    me: m.Interviewer
    requirements: list[m.Requirement]


def data_engineer(user: Any, consultant: bool = True) -> DataEngineer:
    """Alex, a senior data engineer, after a delve-deeper panel; the invite listed her too."""
    profile.update(user, full_name="Alex Morgan", email=ME)
    opp = r.opportunities.create(
        user,
        company="Lumenfield Logistics",
        role="Senior Data Engineer",
        job_description=LUMENFIELD_JD,
        stage="interviewing",
        consultant_name="Sam Reid" if consultant else "",
        consultant_email="sam@talentbridge.example" if consultant else "",
    )
    round1 = r.rounds.create(
        user,
        opp.pk,
        scheduled_at="2026-11-10T10:00",
        timezone="Europe/London",
        status="done",
        outcome="passed",
    )
    r.feedback.create(user, round1.pk, source="consultant", sender="Sam Reid", text=ROUND1_FEEDBACK)
    round2 = r.rounds.create(
        user,
        opp.pk,
        scheduled_at="2026-11-26T14:00",
        timezone="Europe/London",
        duration_minutes=60,
        kind="panel",
        purpose="delve-deeper",
        status="done",
    )
    tom = r.interviewers.add_to_round(
        user, round2.pk, name="Tom Okafor", title="Head of Data", role="hiring-manager"
    )
    dana = r.interviewers.add_to_round(
        user,
        round2.pk,
        name="Dana Levi",
        title="Operations Manager",
        role="other",
        email="dana.levi@lumenfield.example",
    )
    me = r.interviewers.add_to_round(user, round2.pk, name="alex.morgan.jobs", email=ME)
    for who, person in (("tom", tom), ("dana", dana)):
        r.asked_questions.create(
            user, round2.pk, text=ROUND2_QUESTIONS[who], interviewer_id=person.pk
        )
    reqs = [
        r.requirements.create(user, opp.pk, text=line[2:], kind="must")
        for line in LUMENFIELD_JD.splitlines()
        if line.startswith("- ")
    ]
    graduates = r.stories.create(
        user,
        title="Onboarding the graduates",
        action="I paired with two graduates for six weeks.",
        result="Both shipped a pipeline alone by month three.",
    )
    airflow = r.stories.create(
        user,
        title="Moving 140 cron jobs to Airflow",
        action="I planned and ran the migration of 140 cron jobs to Airflow.",
        result="Failed runs fell from 30 a week to 2.",
        skills=["Airflow"],
    )
    evidence_map.link(user, reqs[0].pk, graduates.pk)
    evidence_map.link(user, reqs[2].pk, airflow.pk)
    return DataEngineer(user, opp, round1, round2, tom, dana, me, reqs)


def book_round3(case: DataEngineer) -> m.Round:
    third = r.rounds.create(
        case.user,
        case.opp.pk,
        scheduled_at="2026-12-08T10:00",
        timezone="Europe/London",
        kind="panel",
        duration_minutes=90,
    )
    r.interviewers.add_to_round(case.user, third.pk, name="Hugo Bernard", title="CTO")
    return third


# Thank-you notes


def test_no_thank_you_note_goes_to_the_candidate_and_the_reason_is_given(user: Any) -> None:
    case = data_engineer(user)
    made = followups.draft_notes(user, case.round2.pk)
    assert {f.interviewer_id for f in made.saved} == {case.tom.pk, case.dana.pk}
    assert len(made.skipped) == 1
    assert f"{ME} is your own address" in made.skipped[0]
    page = followups.page(user, case.round2.pk)
    assert [d.to_name for d in page.drafts] == ["Tom Okafor", "Dana Levi"]
    assert page.skipped and "your own address" in page.skipped[0]


def test_an_interviewer_with_the_candidates_name_gets_no_note(user: Any) -> None:
    case = data_engineer(user)
    r.interviewers.update(user, case.me.pk, name="Morgan, Alex", email="a.morgan@elsewhere.example")
    made = followups.draft_notes(user, case.round2.pk)
    assert case.me.pk not in {f.interviewer_id for f in made.saved}
    assert "your own name" in made.skipped[0]


def test_a_note_drafted_to_the_candidate_before_is_removed_on_redrafting(user: Any) -> None:
    case = data_engineer(user)
    old = m.FollowUp.objects.create(
        owner=user, round=case.round2, interviewer=case.me, subject="Thank you", body="Dear Alex,"
    )
    assert old.pk not in [d.id for d in followups.page(user, case.round2.pk).drafts]
    followups.draft(user, case.round2.pk)
    assert not m.FollowUp.objects.filter(pk=old.pk).exists()


def test_thank_you_notes_recall_topics_cleanly_and_never_praise_the_doubted_area(
    user: Any,
) -> None:
    case = data_engineer(user)
    made = followups.draft_notes(user, case.round2.pk)
    notes = {f.interviewer_id: f for f in made.saved}
    tom, dana = notes[case.tom.pk], notes[case.dana.pk]
    assert tom.body.startswith("Dear Tom,") and dana.body.startswith("Dear Dana,")
    assert "mentoring a junior engineer" in tom.body
    assert "depot" not in dana.body and "scan data" not in dana.body
    # Mentoring was what the feedback doubted: it is never claimed as a strength.
    # The one backed point is made once on a panel: a second note making it too reads as a
    # form letter, so Dana's makes none.
    assert "Apache Airflow" in tom.body and "Apache Airflow" not in dana.body
    assert made.rests_on.get(dana.pk, ()) == ()
    for note in (tom, dana):
        assert "mentor" not in note.body.split("\n\n")[2].lower()
        for source in (*ROUND2_QUESTIONS.values(), *(q.text for q in case.requirements)):
            assert verbatim_runs(note.body, source) == []
        assert note.body.rstrip().endswith("Alex Morgan")
        assert len(note.body.split()) < 150
    (why,) = made.rests_on[tom.pk]
    assert why.endswith(
        "Apache Airflow, because your story “Moving 140 cron jobs to Airflow” you linked to it"
    )
    page = followups.page(user, case.round2.pk)
    shown = {d.id: d for d in page.drafts}
    assert shown[tom.pk].recalls == ("mentoring a junior engineer",)
    assert shown[tom.pk].rests_on == made.rests_on[tom.pk]


def test_without_a_backed_requirement_the_note_claims_nothing(user: Any) -> None:
    case = data_engineer(user)
    m.Evidence.objects.filter(owner=user).delete()
    m.Story.objects.filter(owner=user).delete()
    for note in followups.draft(user, case.round2.pk):
        assert "Apache Airflow" not in note.body and "SQL" not in note.body


def test_thank_you_notes_are_due_within_a_day_of_the_round_ending(user: Any) -> None:
    case = data_engineer(user)
    note = followups.draft(user, case.round2.pk)[0]
    assert case.round2.scheduled_at is not None
    assert note.due_at == case.round2.scheduled_at + dt.timedelta(minutes=60, hours=24)


def test_drafting_again_refreshes_unsent_notes_but_keeps_sent_ones(user: Any) -> None:
    case = data_engineer(user)
    first = followups.draft(user, case.round2.pk)
    followups.mark_sent(user, first[0].pk)
    m.FollowUp.objects.filter(pk=first[0].pk).update(body="Dear Tom, (as sent)")
    again = followups.draft(user, case.round2.pk)
    assert [f.pk for f in again] == [f.pk for f in first]
    assert m.FollowUp.objects.get(pk=first[0].pk).body.endswith("(as sent)")
    assert m.FollowUp.objects.filter(round=case.round2).count() == 2


# Chasers


def test_no_chaser_for_a_round_whose_outcome_is_recorded(user: Any) -> None:
    case = data_engineer(user)
    with pytest.raises(ServiceError, match="no chaser needed: they have told you"):
        followups.draft(user, case.round1.pk, "chaser")
    page = followups.page(user, case.round1.pk)
    assert page.chase_on is None
    assert page.no_chaser.startswith("No chaser needed")


def test_no_chaser_once_the_next_round_is_booked(user: Any) -> None:
    case = data_engineer(user)
    book_round3(case)
    with pytest.raises(ServiceError, match="round 3 is already booked"):
        followups.draft(user, case.round2.pk, "chaser")
    assert "round 3 is already booked" in followups.page(user, case.round2.pk).no_chaser


def test_a_chaser_drafted_earlier_is_no_longer_due_once_things_move_on(user: Any) -> None:
    case = data_engineer(user)
    chaser = followups.draft(user, case.round2.pk, "chaser")[0]
    later = timezone.now() + dt.timedelta(days=3650)
    assert chaser.pk in [f.pk for f in followups.overdue(user, later)]
    book_round3(case)
    assert chaser.pk not in [f.pk for f in followups.overdue(user, later)]
    shown = next(d for d in followups.page(user, case.round2.pk).drafts if d.id == chaser.pk)
    assert shown.stale.startswith("No longer needed") and not shown.overdue


def test_while_waiting_the_chaser_goes_through_the_consultant(user: Any) -> None:
    case = data_engineer(user)
    r.rounds.update(user, case.round2.pk, news_expected_on="2026-12-02")
    chaser = followups.draft(user, case.round2.pk, "chaser")[0]
    assert chaser.interviewer_id is None
    assert followups.recipient(chaser) == ("Sam Reid", "sam@talentbridge.example")
    assert chaser.body.startswith("Hi Sam,")
    assert "there might be news by Wednesday 2 December 2026" in chaser.body
    assert chaser.due_at == dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    assert "your consultant" in followups.page(user, case.round2.pk).chase_to


def test_without_a_consultant_the_chaser_goes_to_the_hiring_manager(user: Any) -> None:
    case = data_engineer(user, consultant=False)
    chaser = followups.draft(user, case.round2.pk, "chaser")[0]
    assert chaser.interviewer_id == case.tom.pk
    assert chaser.body.startswith("Dear Tom,")
    # Thursday 26 November, five working days on is Thursday 3 December.
    assert chaser.due_at == dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    assert "when you expect to reach a decision" in chaser.body


# The note to the consultant


def test_the_consultant_note_knows_the_feedback_is_in_and_the_next_round_booked(
    user: Any,
) -> None:
    case = data_engineer(user)
    r.feedback.create(user, case.round2.pk, source="consultant", text="They enjoyed the session.")
    r.rounds.update(user, case.round2.pk, outcome="passed")
    book_round3(case)
    note = followups.draft(user, case.round2.pk, "consultant")[0]
    assert note.interviewer_id is None and note.body.startswith("Hi Sam,")
    assert "Thank you for passing on the feedback from my second interview" in note.body
    assert "looking forward to the panel interview on Tuesday 8 December 2026" in note.body
    assert "Have you had any feedback" not in note.body
    assert "who I will meet" not in note.body and "how long it will be" not in note.body


def test_a_consultant_note_that_thanks_for_feedback_is_due_once_it_came(user: Any) -> None:
    case = data_engineer(user)
    r.feedback.create(
        user, case.round2.pk, source="consultant", text="They enjoyed it.", received_on="2026-12-01"
    )
    note = followups.draft(user, case.round2.pk, "consultant")[0]
    assert "Thank you for passing on the feedback" in note.body
    assert note.due_at is not None and note.due_at.date() == dt.date(2026, 12, 1)


def test_the_consultant_note_asks_for_feedback_when_none_is_recorded(user: Any) -> None:
    case = data_engineer(user)
    note = followups.draft(user, case.round2.pk, "consultant")[0]
    assert "Have you had any feedback from them yet?" in note.body
    assert "If there is to be a third round" in note.body


def test_someone_met_before_and_typed_again_is_the_same_person_and_met_again(user: Any) -> None:
    case = data_engineer(user)
    third = book_round3(case)
    again = r.interviewers.add_to_round(
        user, third.pk, name="tom okafor", email="tom.okafor@lumenfield.example"
    )
    assert again.pk == case.tom.pk
    assert m.Interviewer.objects.get(pk=again.pk).email == "tom.okafor@lumenfield.example"
    assert m.Interviewer.objects.get(pk=again.pk).title == "Head of Data"  # kept, not blanked
    people = {p["name"]: p for p in brief.build(user, third.pk).data["interviewers"]}
    assert people["Tom Okafor"]["new_to_you"] is False
    assert people["Hugo Bernard"]["new_to_you"] is True
    r.rounds.update(user, third.pk, status="done")
    notes = {f.interviewer_id: f.body for f in followups.draft(user, third.pk)}
    met_again = re.compile(r"\b(?:again|another)\b")
    assert met_again.search(notes[case.tom.pk].split("\n\n")[1])
    assert not met_again.search(notes[next(k for k in notes if k != case.tom.pk)].split("\n\n")[1])


def test_a_bare_tool_a_story_merely_names_is_never_the_notes_strongest_point(user: Any) -> None:
    case = data_engineer(user)
    m.Evidence.objects.filter(owner=user).delete()  # nothing linked by the candidate
    r.stories.create(
        user, title="Student society spreadsheet", action="I kept the SQL tables.", skills=["SQL"]
    )
    for f in followups.draft(user, case.round2.pk):
        assert "Strong SQL" not in f.body and "role's need for strong SQL" not in f.body


def test_years_served_are_never_the_notes_strongest_point(user: Any) -> None:
    case = data_engineer(user)
    m.Evidence.objects.filter(owner=user).delete()
    m.Requirement.objects.filter(opportunity=case.opp).delete()  # the only thing the job asks
    m.Opportunity.objects.filter(pk=case.opp.pk).update(
        job_description="## Must have\n- 5+ years in product management\n"
    )
    need = r.requirements.create(
        user, case.opp.pk, text="5+ years in product management", kind="must"
    )
    story = r.stories.create(
        user,
        title="Five years of pipelines",
        action="I built and ran the data engineering pipelines for five years.",
        result="Failures fell 40%.",
        skills=["product management"],
    )
    evidence_map.link(user, need.pk, story.pk)
    assert followups._points(user, m.Round.objects.get(pk=case.round2.pk)) == ()


def test_a_student_panel_gets_no_thank_you_email_and_the_reason_is_given(user: Any) -> None:
    case = data_engineer(user)
    students = r.interviewers.add_to_round(
        user, case.round2.pk, name="Student panel", title="School council students"
    )
    made = followups.draft_notes(user, case.round2.pk)
    assert students.pk not in {f.interviewer_id for f in made.saved}
    assert {f.interviewer_id for f in made.saved} == {case.tom.pk, case.dana.pk}
    assert any("Student panel" in s and "their own experience" in s for s in made.skipped)


def test_the_consultant_note_before_a_round_asks_only_what_is_not_recorded(user: Any) -> None:
    case = data_engineer(user)
    start = timezone.localtime() + dt.timedelta(days=10)
    third = r.rounds.create(
        user,
        case.opp.pk,
        scheduled_at=start.strftime("%Y-%m-%dT10:00"),
        timezone="Europe/London",
        kind="panel",
        duration_minutes=90,
        location="Lumenfield House, 4 Dock Road, Leeds",
    )
    r.interviewers.add_to_round(user, third.pk, name="Hugo Bernard", title="CTO")
    note = followups.draft(user, third.pk, "consultant")[0]
    assert "Could you find out a little more for me before it?" in note.body
    for known in ("who I will meet", "how long it will be", "whether it is on site"):
        assert known not in note.body
    assert "what they most want to learn about me" in note.body
    # Asking about the round is due before it, not the day after.
    assert note.due_at is not None and note.due_at.date() < start.date()


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


def test_a_round_whose_only_person_is_the_candidate_says_so(user: Any) -> None:
    profile.update(user, full_name="Alex Morgan", email=ME)
    opp = r.opportunities.create(user, company="Initech", role="Analyst")
    round_ = r.rounds.create(user, opp.pk, status="done")
    r.interviewers.add_to_round(user, round_.pk, name="Alex Morgan", email=ME)
    with pytest.raises(ServiceError, match="nobody on round 1 to send a thank-you note to"):
        followups.draft(user, round_.pk)
    assert not followups.page(user, round_.pk).has_panel


# The shared world


def test_an_unsigned_note_says_so_on_the_page(world: World) -> None:
    followups.draft(world.user, world.round1.pk)
    page = followups.page(world.user, world.round1.pk)
    assert page.drafts[0].follow_up.body.rstrip().endswith(followups.NO_NAME)
    assert any("name is not set" in w for w in page.warnings)


def test_the_eml_draft_and_mailto_link_carry_the_note(world: World) -> None:
    profile.update(world.user, full_name="Jordan Lee", email="jordan@example.com")
    r.interviewers.update(world.user, world.priya.pk, email="priya@acme.example")
    note = followups.draft(world.user, world.round1.pk)[0]
    name, data = followups.eml_draft(world.user, note.pk)
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


def test_a_draft_to_someone_without_an_address_has_no_eml(world: World) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    with pytest.raises(ServiceError, match="no email address"):
        followups.eml_draft(world.user, note.pk)
    assert followups.mailto(note).startswith("mailto:?subject=")


def test_overdue_lists_unsent_notes_past_due_and_marking_sent_clears_them(world: World) -> None:
    notes = followups.draft(world.user, world.round1.pk)
    later = timezone.now() + dt.timedelta(days=3650)
    assert [f.pk for f in followups.overdue(world.user, later)] == [notes[0].pk]
    followups.mark_sent(world.user, notes[0].pk)
    assert followups.overdue(world.user, later) == []


def test_someone_else_cannot_draft_or_mark_my_notes(world: World, other_user: Any) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    with pytest.raises(ServiceError, match="No round"):
        followups.draft(other_user, world.round1.pk)
    with pytest.raises(ServiceError, match="No follow-up"):
        followups.mark_sent(other_user, note.pk)
    assert m.FollowUp.objects.get(pk=note.pk).sent_at is None


def test_the_mentoring_story_is_left_out_only_because_the_feedback_doubted_it(user: Any) -> None:
    case = data_engineer(user)
    m.Story.objects.filter(owner=user, title__contains="Airflow").delete()
    m.Feedback.objects.filter(owner=user).delete()
    without_doubt = {f.interviewer_id: f for f in followups.draft(user, case.round2.pk)}
    assert "mentoring two junior engineers" in without_doubt[case.tom.pk].body
    r.feedback.create(user, case.round1.pk, source="consultant", text=ROUND1_FEEDBACK)
    with_doubt = {f.interviewer_id: f for f in followups.draft(user, case.round2.pk)}
    assert "mentoring two junior engineers" not in with_doubt[case.tom.pk].body
    assert "need for" not in with_doubt[case.tom.pk].body


def test_thank_you_notes_are_drafted_only_once_the_round_has_happened(user: Any) -> None:
    case = data_engineer(user)
    third = r.rounds.create(
        case.user,
        case.opp.pk,
        scheduled_at=(timezone.now() + dt.timedelta(days=6)).strftime("%Y-%m-%dT10:00"),
        timezone="Europe/London",
        kind="panel",
    )
    r.interviewers.link(user, third.pk, case.tom.pk)
    with pytest.raises(InvalidInput, match=r"round 3 has not happened yet .*: draft the thank-you"):
        followups.draft(user, third.pk)
    assert not m.FollowUp.objects.filter(round=third).exists()
    r.rounds.update(user, third.pk, status="cancelled")
    with pytest.raises(InvalidInput, match="round 3 is cancelled"):
        followups.draft(user, third.pk)
    r.rounds.update(user, third.pk, status="done")
    assert followups.draft(user, third.pk)


def test_an_answer_that_fell_flat_is_never_the_notes_strength(user: Any) -> None:
    case = data_engineer(user)
    r.asked_questions.create(
        user,
        case.round2.pk,
        text="What experience do you have with Apache Airflow?",
        answer_note="Only the migration; could not say how I tuned the scheduler.",
        self_rating=2,
        reaction="negative",
        interviewer_id=case.dana.pk,
    )
    made = followups.draft_notes(user, case.round2.pk)
    for note in made.saved:
        assert "Airflow" not in note.body and "mentoring two" not in note.body
        assert made.rests_on[note.pk] == ()


def test_a_thank_you_note_recalls_the_answer_rated_best_with_that_person(user: Any) -> None:
    case = data_engineer(user)
    m.AskedQuestion.objects.filter(owner=user, round=case.round2, interviewer=case.tom).update(
        self_rating=3
    )
    r.asked_questions.create(
        user,
        case.round2.pk,
        text="Walk me through how you cut pipeline costs",
        interviewer_id=case.tom.pk,
        self_rating=5,
    )
    followups.draft_notes(user, case.round2.pk)
    page = followups.page(user, case.round2.pk)
    tom = next(d for d in page.drafts if d.follow_up.interviewer_id == case.tom.pk)
    assert tom.recalls and "cost" in tom.recalls[0]


def test_a_shaky_answer_is_not_what_a_thank_you_note_recalls(user: Any) -> None:
    case = data_engineer(user)
    # Rated 3 with a neutral face: not the moment to bring back.
    m.AskedQuestion.objects.filter(round=case.round2, interviewer=case.tom).update(
        self_rating=3, reaction="neutral"
    )
    notes = {f.interviewer_id: f for f in followups.draft_notes(user, case.round2.pk).saved}
    assert "mentoring a junior engineer" not in notes[case.tom.pk].body
    m.AskedQuestion.objects.filter(round=case.round2, interviewer=case.tom).update(
        self_rating=4, reaction="neutral"
    )
    notes = {f.interviewer_id: f for f in followups.draft_notes(user, case.round2.pk).saved}
    assert "mentoring a junior engineer" in notes[case.tom.pk].body
