"""The day's set task when it is not a presentation: a pre-read to talk through, a critique or
design review on the day, a take-home exercise; and slides to send before the day."""

from __future__ import annotations

import pytest

from nextround.coach.brief import Brief, build_brief
from tests.coach.test_likely_third_review import case


def brief_for(*sentences: str) -> Brief:
    return build_brief(case(logistics_texts=(("Your consultant's email", " ".join(sentences)),)))


def task_line(brief: Brief) -> str:
    return next(q.text for q in brief.likely_questions if q.category == "task")


def steps(brief: Brief) -> list[str]:
    return [entry.label for entry in brief.checklist]


def test_a_pre_read_after_no_presentation_is_the_task_and_no_presentation_is_prepared() -> None:
    brief = brief_for(
        "There is no presentation, but Helen will send you the Month 7 finance pack beforehand "
        "to review; come ready to talk the panel through it."
    )
    assert task_line(brief).startswith("Read the pre-read twice before the day")
    why = next(q.why for q in brief.likely_questions if q.category == "task")
    assert "Month 7 finance pack" in why and "no presentation" not in why
    assert any(label.startswith("Read the pre-read") for label in steps(brief))
    assert not any("presentation" in label for label in steps(brief)), steps(brief)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        (
            "The second half is a 30-minute Figma critique of one of our onboarding flows.",
            "30-minute figma critique",
        ),
        (
            "You will be given a short design review on the day: a set of drawings for a "
            "two-storey steel frame.",
            "design review",
        ),
    ],
)
def test_a_critique_or_review_on_the_day_is_practised_as_one(sentence: str, named: str) -> None:
    line = task_line(brief_for(sentence))
    assert line.startswith(f"Practise a {named} before the day"), line
    assert "what you would question" in line


def test_a_take_home_exercise_to_present_is_a_presentation_and_one_to_send_is_its_own_step() -> (
    None
):
    presented = brief_for(
        "Before the final round you will get a take-home exercise: a churn analysis for a "
        "sample account, which you will present to Maria for 20 minutes."
    )
    assert task_line(presented).startswith(
        "Prepare and time the 20-minute presentation of the take-home exercise"
    )
    assert any(label.startswith("Finish the presentation") for label in steps(presented))
    sent = brief_for("Please complete the take-home exercise and email it back by Monday.")
    assert task_line(sent).startswith("Do the take-home exercise as you would the job")
    assert any(label.startswith("Finish the take-home exercise") for label in steps(sent))


def test_slides_to_send_before_the_day_get_a_step_of_their_own() -> None:
    asked = brief_for(
        "Please prepare a 10-minute presentation on your first 90 days and email your slides "
        "to Priya by noon on Friday."
    )
    assert "Send your slides by the deadline they gave, and check they arrived" in steps(asked)
    brought = brief_for("Please prepare a 10-minute presentation on your first 90 days.")
    assert not any(label.startswith("Send your slides") for label in steps(brought))


def test_findings_presented_on_the_day_set_no_presentation_to_finish_before_it() -> None:
    brief = brief_for(
        "You will have 45 minutes on your own with a short pack of drawings for a design review. "
        "You will then present your findings to the panel for 10 minutes."
    )
    assert not any(label.startswith("Finish the presentation") for label in steps(brief))


def test_a_case_study_to_present_is_prepared_as_the_presentation_it_is() -> None:
    brief = build_brief(
        case(
            logistics_texts=(
                ("The invite", "Case study presentation (20 min + 10 min Q&A)."),
                ("Priya Desai's email", "Please prepare a 20-minute presentation of your 90-day "
                 "plan for the account."),
            )
        )
    )  # fmt: skip
    assert task_line(brief).startswith("Prepare and time the 20-minute presentation")


def test_nothing_is_handed_over_on_a_video_call() -> None:
    from dataclasses import replace

    from tests.coach.test_likely_third_review import ROUND

    video = replace(ROUND, format="video", kind="presentation")
    brief = build_brief(case(round=video, logistics_texts=()))
    said = [*brief.bring, *brief.logistics, *steps(brief)]
    assert not [line for line in said if "USB" in line or "handout" in line or "Print" in line]
    assert any("ready to share" in line for line in brief.bring)
    on_site = build_brief(
        case(logistics_texts=(("The invite", "Please bring photo ID to reception."),))
    )
    assert not any(b.startswith("Photo ID if the building") for b in on_site.bring)


def test_a_pitch_to_prepare_is_a_presentation() -> None:
    brief = brief_for("Prepare a 5-minute pitch for a corporate partner.")
    assert task_line(brief).startswith("Prepare and time the 5-minute pitch")
    assert any(label.startswith("Finish the presentation") for label in steps(brief))


@pytest.mark.parametrize(
    ("said", "subject"),
    [
        (
            'Please prepare a 10-minute presentation on "How would you improve falls safety on '
            'an acute stroke unit?" Slides are optional.',
            "“How would you improve falls safety on an acute stroke unit?”",
        ),
        ("Prepare a 15-minute presentation about your first 90 days.", "“your first 90 days”"),
        ("You will give a 10-minute presentation on the day.", None),
        ("A 10-minute presentation on Teams, then questions.", None),
    ],
)
def test_the_presentations_subject_is_named_as_they_wrote_it(
    said: str, subject: str | None
) -> None:
    line = task_line(brief_for(said))
    assert line.startswith("Prepare and time the "), line
    if subject is None:
        assert " on “" not in line and "presentation:" in line, line
    else:
        assert f"presentation on {subject}:" in line, line
