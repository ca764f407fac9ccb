from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from nextround.coach.followup import (
    FollowUpError,
    InterviewerInfo,
    Note,
    NoteContext,
    OfferScript,
    chase_date,
    chaser_note,
    consultant_note,
    default_chase_date,
    first_name,
    offer_time_request,
    thank_you_due,
    thank_you_note,
    thank_you_notes,
)

ROUND_DATE = date(2025, 6, 12)  # a Thursday
PRIYA = InterviewerInfo(
    name="Priya Shah",
    title="Head of Data Platform",
    role="hiring-manager",
    topics=("The pipeline migration", "Kafka consumer lag", "hiring plans"),
    email="priya.shah@lumenfield.example",
)
PANEL = (
    PRIYA,
    InterviewerInfo("Tomás Ferreira", "Staff Engineer", "technical"),
    InterviewerInfo("Okafor, Adaeze", "People Partner", "hr"),
    InterviewerInfo("Dr. Hugo Bernard", "CTO", "senior-executive"),
    InterviewerInfo("Sam Lee", "Data Engineer", "team-member"),
)


def context(interviewer: InterviewerInfo = PRIYA, **changes: object) -> NoteContext:
    values: dict[str, object] = {
        "candidate_name": "Alex Morgan",
        "company": "Lumenfield",
        "role": "Senior Data Engineer",
        "round_number": 2,
        "round_date": ROUND_DATE,
        "interviewer": interviewer,
        "fit_points": ("Python data pipelines", "stakeholder management"),
    }
    values.update(changes)
    return NoteContext(**values)  # type: ignore[arg-type]


def words(note: Note) -> int:
    return len(note.body.split())


def without_names(note: Note, interviewer: InterviewerInfo) -> str:
    return note.body.replace(first_name(interviewer.name), "NAME")


# Thank-you notes


def test_it_thanks_the_interviewer_by_first_name() -> None:
    note = thank_you_note(context())
    assert note.body.startswith("Dear Priya,\n\n")
    assert note.to_name == "Priya Shah"
    assert note.to_email == "priya.shah@lumenfield.example"


def test_it_signs_the_note_with_the_candidate_name() -> None:
    assert thank_you_note(context()).body.endswith("\nAlex Morgan")


def test_it_recalls_two_things_discussed_with_that_person() -> None:
    note = thank_you_note(context())
    assert "the pipeline migration and Kafka consumer lag" in note.body
    assert "hiring plans" not in note.body
    assert note.recalls == ("the pipeline migration", "Kafka consumer lag")


def test_it_recalls_a_question_in_quotes() -> None:
    person = InterviewerInfo("Sam Lee", topics=("How would you handle a failed backfill?",))
    note = thank_you_note(context(person))
    assert "your question “How would you handle a failed backfill?”" in note.body


def test_it_shortens_a_very_long_topic() -> None:
    person = InterviewerInfo("Sam Lee", topics=("the migration " * 20,))
    note = thank_you_note(context(person))
    assert "…" in note.body
    assert words(note) < 150


def test_it_restates_fit_with_the_role_in_one_sentence() -> None:
    body = thank_you_note(context()).body
    fit = [s for s in re.split(r"(?<=[.?!])\s+", body) if "Python data pipelines" in s]
    assert len(fit) == 1
    assert "stakeholder management" in fit[0]


def test_it_mentions_the_role_or_company_when_there_are_no_fit_points() -> None:
    for person in PANEL:
        body = thank_you_note(context(person, fit_points=())).body
        assert "Senior Data Engineer" in body or "Lumenfield" in body


def test_every_thank_you_note_is_short() -> None:
    for person in PANEL:
        for fits in ((), ("Python data pipelines", "leading a migration of 40 ETL jobs")):
            assert words(thank_you_note(context(person, fit_points=fits))) < 150


def test_the_same_interviewer_always_gets_the_same_note() -> None:
    assert thank_you_note(context()) == thank_you_note(context())


def test_no_two_interviewers_of_a_panel_get_the_same_text_even_without_topics() -> None:
    people = [InterviewerInfo(person.name) for person in PANEL]
    notes = thank_you_notes([context(person, fit_points=()) for person in people])
    texts = {without_names(note, person) for note, person in zip(notes, people, strict=True)}
    assert len(texts) == len(people)
    openings = {note.body.split("\n\n")[1].split(".")[0] for note in notes}
    assert len(openings) == len(people)


def test_single_notes_vary_their_phrasing_between_interviewers() -> None:
    people = [InterviewerInfo(person.name) for person in PANEL]
    texts = {without_names(thank_you_note(context(p, fit_points=())), p) for p in people}
    assert len(texts) > 1


def test_a_panel_note_matches_the_single_note_for_the_first_person() -> None:
    assert thank_you_notes([context()])[0] == thank_you_note(context())


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Priya Shah", "Priya"),
        ("Okafor, Adaeze", "Adaeze"),
        ("Dr. Hugo Bernard", "Hugo"),
        ("Prof Anneke de Vries", "Anneke"),
        ("  Zoë   Ng ", "Zoë"),
        ("Madonna", "Madonna"),
        ("Dr", "Dr"),
    ],
)
def test_it_finds_the_first_name(name: str, first: str) -> None:
    assert first_name(name) == first


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"candidate_name": " "}, "candidate_name is empty"),
        ({"company": ""}, "company is empty"),
        ({"role": ""}, "role is empty"),
        ({"interviewer": InterviewerInfo("")}, "interviewer.name is empty"),
        ({"round_number": 0}, "round_number must be 1 or more"),
    ],
)
def test_it_names_the_missing_field(changes: dict[str, object], message: str) -> None:
    with pytest.raises(FollowUpError, match=message):
        thank_you_note(replace(context(), **changes))  # type: ignore[arg-type]


def test_a_thank_you_note_is_due_within_24_hours() -> None:
    end = datetime(2025, 6, 12, 15, 0, tzinfo=UTC)
    assert thank_you_due(end) == end + timedelta(hours=24)


# Chasers


def test_the_default_chase_date_is_five_working_days_later() -> None:
    assert default_chase_date(date(2025, 6, 12)) == date(2025, 6, 19)  # Thu -> Thu
    assert default_chase_date(date(2025, 6, 9)) == date(2025, 6, 16)  # Mon -> Mon


def test_the_default_chase_date_skips_weekends() -> None:
    assert default_chase_date(date(2025, 6, 14)) == date(2025, 6, 20)  # Sat -> Fri
    assert default_chase_date(date(2025, 6, 13)) == date(2025, 6, 20)  # Fri -> Fri


def test_it_chases_the_working_day_after_the_date_the_employer_gave() -> None:
    assert chase_date(ROUND_DATE, date(2025, 6, 20)) == date(2025, 6, 23)  # Fri -> Mon
    assert chase_date(ROUND_DATE) == date(2025, 6, 19)


def test_a_chaser_asks_about_the_next_step_and_decision_timing() -> None:
    note = chaser_note(context())
    assert note.subject == "Senior Data Engineer – next steps"
    assert "my second interview for the Senior Data Engineer role on Thursday 12 June" in note.body
    assert "what the next step will be" in note.body
    assert "when you expect to reach a decision" in note.body
    assert note.to_email == "priya.shah@lumenfield.example"


def test_a_chaser_recalls_the_date_the_employer_gave() -> None:
    note = chaser_note(context(), news_expected_on=date(2025, 6, 20))
    assert "you hoped to have news by Friday 20 June" in note.body


def test_a_chaser_makes_no_claim_about_a_date_when_none_was_given() -> None:
    assert "hoped to have news" not in chaser_note(context()).body


# The consultant


def test_it_asks_the_consultant_for_feedback_and_the_next_round_format() -> None:
    consultant = InterviewerInfo(
        "Hannah Cole", role="consultant", email="hannah@brookfield.example"
    )
    note = consultant_note(context(consultant, round_number=1, round_date=date(2025, 6, 3)))
    assert note.body.startswith("Hi Hannah,")
    assert "my first interview with Lumenfield" in note.body
    assert "feedback" in note.body
    assert "If there is to be a second round" in note.body
    for ask in ("who I will meet", "how long it will be", "prepare anything"):
        assert ask in note.body
    assert note.subject == "Lumenfield – feedback and next round"
    assert note.to_email == "hannah@brookfield.example"


# Offers


def test_it_thanks_for_an_offer_and_asks_for_time_until_a_date() -> None:
    script = offer_time_request(context(), reply_by=date(2025, 6, 27))
    assert isinstance(script, OfferScript)
    assert script.body.startswith("Dear Priya,")
    assert "Thank you very much for offering me the Senior Data Engineer role." in script.body
    assert "by Friday 27 June?" in script.body
    assert "in writing" in script.body
    assert script.reply_by == date(2025, 6, 27)


def test_the_spoken_offer_reply_is_short_and_names_the_date() -> None:
    script = offer_time_request(context(), reply_by=date(2025, 6, 27))
    assert script.spoken.startswith("Thank you so much, Priya")
    assert "Friday 27 June" in script.spoken
    assert len(script.spoken.split()) < 80


def test_it_refuses_a_reply_date_before_the_round() -> None:
    with pytest.raises(FollowUpError, match="reply_by is before the round's date"):
        offer_time_request(context(), reply_by=date(2025, 6, 1))


def test_follow_up_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="company is empty"):
        chaser_note(context(company=""))
