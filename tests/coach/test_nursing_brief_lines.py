"""Lines a band 6 nurse's brief must not say: post-registration experience is no registration
held, a probe does not ask again what a doubt already asks, and no story of the same field is
offered for a requirement it shares no word with."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nextround.coach.brief import Brief, BriefInput, PersonText, RoundInfo, build_brief, gap_advice
from nextround.coach.debrief import FeedbackText
from nextround.coach.evidence import RequirementText, StoryText, is_held

REQUIREMENTS = (
    RequirementText(4, "Able to act as nurse in charge of the unit"),
    RequirementText(1, "Experience of taking charge of a ward or unit"),
    RequirementText(2, "Stroke or neurology experience, including dysphagia screening"),
    RequirementText(3, "Evidence of involvement in audit or service improvement"),
)
ASSESSOR = StoryText(
    1,
    "Practice assessor for third-year students",
    "I was practice assessor for two third-year students.",
    "Help them pass their final placement.",
    "I set weekly goals, observed their medicine rounds and gave written feedback.",
    "Both passed, and one joined our ward.",
)


def test_post_registration_experience_is_experience_not_a_registration_held() -> None:
    assert not is_held("Significant post-registration experience at Band 5 in an acute setting")
    assert not is_held("Supervise, teach and assess pre-registration students")
    assert is_held("Current NMC registration")
    assert not gap_advice("Significant post-registration experience at Band 5").startswith(
        "Something you hold"
    )


def _final(kind: str = "panel", **given: Any) -> BriefInput:
    """The band 6 nurse's final round, with what a test gives it."""
    return BriefInput(
        company="Severn Vale NHS Foundation Trust",
        role="Band 6 Staff Nurse, Acute Stroke Unit",
        round=RoundInfo(2, 1, 2, "on-site", kind, "final", dt.date(2026, 12, 10)),
        today=dt.date(2026, 12, 4),
        **given,
    )


def _brief(similarity: object) -> Brief:
    return build_brief(
        _final(
            has_job_description=True,
            earlier_rounds=(1,),
            panel=(
                PersonText(1, "Aled Morgan", "Matron", "senior-executive", "director"),
                PersonText(2, "Joanne Pryce", "Ward Manager", "hiring-manager", "manager"),
            ),
            feedback=(
                FeedbackText(
                    1,
                    1,
                    "To be open with you, I felt you haven't yet had much experience of "
                    "coordinating a unit as nurse in charge.",
                    "interviewer",
                ),
            ),
            requirements=REQUIREMENTS,
            stories=(ASSESSOR,),
            field="nursing",
            field_label="nursing",
        ),
        similarity=similarity,  # type: ignore[arg-type]
    )


def test_a_doubt_takes_one_slot_and_a_wordless_story_is_not_offered() -> None:
    asked = [q.text for q in _brief(None).likely_questions]
    assert any("nurse in charge" in q for q in asked)
    assert not any("taking charge of a ward" in q for q in asked), asked
    # Every story of the field reads a little close in meaning.
    brief = _brief(lambda a, b: 0.3)
    stroke = brief.evidence.row_for(REQUIREMENTS[2].text)
    assert stroke is not None and stroke.maybe == ()


def test_a_question_that_presumes_the_candidates_past_needs_the_record_to_say_it() -> None:
    brief = build_brief(_final(earlier_rounds=(1,), field="nursing", field_label="nursing"))
    said = " ".join(q.text for q in brief.likely_questions)
    for presumed in ("from teaching", "gap in your employment", "technical role into management"):
        assert presumed not in said


def test_the_countdown_names_the_employer_as_the_field_does_and_asks_for_a_cv_or_form() -> None:
    from nextround.coach.brief import checklist

    info = RoundInfo(2, 1, 2, "on-site", "assessment", "final", dt.date(2026, 12, 10))
    labels = [
        e.label for e in checklist(info, dt.date(2026, 12, 1), False, False, employer="trust")
    ]
    research = next(label for label in labels if label.startswith("Research the"))
    assert research.startswith("Research the trust's") and "{" not in research
    assert not any("company" in label for label in labels)
    assert any("CV or application form" in label for label in labels)


def test_an_assessment_day_gets_no_group_exercise_advice_unless_one_is_said() -> None:
    def tips(*said: str) -> list[str]:
        texts = tuple(("The email", s) for s in said)
        return list(build_brief(_final("assessment", logistics_texts=texts)).logistics)

    assert not any("other candidates" in line for line in tips())
    assert any(
        "other candidates" in line
        for line in tips("The morning includes a group exercise with other candidates.")
    )


def test_a_degree_is_held_and_post_qualification_years_are_experience() -> None:
    assert is_held("BSc (Hons) Physiotherapy or equivalent")
    assert not is_held("At least 3 years post-qualification experience in manufacturing")


def test_no_one_is_offered_the_same_question_twice_in_other_words() -> None:
    from nextround.coach.brief import _alike

    for person in _brief(None).people:
        asks = [a.text for a in person.questions_to_ask]
        for i, a in enumerate(asks):
            for b in asks[i + 1 :]:
                assert not _alike(a, b), (a, b)
    for purpose in ("delve-deeper", "final", "second-opinion"):
        (director,) = build_brief(
            BriefInput(
                company="Hallam Foods",
                role="Senior Management Accountant",
                round=RoundInfo(3, 1, 2, "on-site", "panel", purpose, dt.date(2026, 12, 10)),
                today=dt.date(2026, 12, 4),
                panel=(PersonText(1, "Graham Pike", "Finance Director", "senior-executive"),),
            )
        ).people
        said = [a.text.lower() for a in director.questions_to_ask]
        assert sum("success" in a for a in said) <= 1, said


def test_each_answer_to_counter_says_what_to_do_with_the_doubts_own_story() -> None:
    from nextround.coach.debrief import AskedText

    night = StoryText(
        2,
        "In charge during a norovirus outbreak",
        "I was nurse in charge of a 28-bed unit on a night shift.",
        "Keep the unit safe with two staff off sick.",
        "I coordinated the unit as nurse in charge, moved staff between bays and escalated.",
        "No patient came to harm and the bay reopened in four days.",
        ("nurse in charge",),
    )
    brief = build_brief(
        _final(
            earlier_rounds=(1,),
            questions=(
                AskedText(1, 1, "What experience do you have of being nurse in charge?", "", 2),
                AskedText(2, 1, "How would you manage a dysphagia screen?", "waffled", 2),
            ),
            stories=(ASSESSOR, night),
        )
    )
    advice = dict(
        zip([p.question for p in brief.debrief.counter], brief.counter_advice, strict=True)
    )
    assert advice["What experience do you have of being nurse in charge?"] == (
        "This time, answer it with your story “In charge during a norovirus outbreak”: what you "
        "did yourself, step by step, and how it ended."
    )
    assert advice["How would you manage a dysphagia screen?"].startswith("None of your stories")
    assert all(row["advice"] for row in brief.to_dict()["counter"])
