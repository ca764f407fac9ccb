"""Debrief analysis: reinforce and counter, with feedback and reactions over self-ratings."""

from __future__ import annotations

from nextround.coach.debrief import (
    AskedText,
    FeedbackText,
    analyse_debrief,
    find_remarks,
)
from nextround.coach.evidence import RequirementText

REQUIREMENTS = [
    RequirementText(1, "Strong SQL and experience with Python for analysis"),
    RequirementText(2, "Experience managing stakeholders across several departments"),
]
FEEDBACK = FeedbackText(
    7,
    1,
    "They liked your SQL depth but felt you lacked experience managing stakeholders.",
    "consultant",
)


def test_a_concern_is_extracted_from_free_text_and_linked_to_its_requirement() -> None:
    remarks = find_remarks(FEEDBACK, REQUIREMENTS)
    concern = next(r for r in remarks if r.kind == "concern")
    assert concern.topic == "stakeholder management"
    assert concern.requirement_id == 2
    assert FEEDBACK.text[concern.span.start : concern.span.end].startswith("lacked")
    praise = next(r for r in remarks if r.kind == "praise")
    assert praise.topic == "SQL depth" and praise.requirement_id == 1


def test_other_phrasings_of_concern_are_found() -> None:
    texts = {
        "The panel was not convinced about your leadership of large teams.": "leadership",
        "Some concerns about your commercial awareness.": "commercial awareness",
        "They would have liked more detail on budgeting.": "detail on budgeting",
    }
    for text, topic in texts.items():
        remarks = find_remarks(FeedbackText(1, 1, text))
        assert [r.kind for r in remarks] == ["concern"], text
        assert topic in remarks[0].topic, (text, remarks[0].topic)


def test_weak_answers_are_countered_and_strong_ones_reinforced() -> None:
    weak = AskedText(1, 1, "Tell me about a difficult stakeholder.", "vague", 2, "negative")
    strong = AskedText(
        2, 1, "Walk me through an analysis you are proud of.", "churn", 4, "positive"
    )
    result = analyse_debrief([weak, strong], [FEEDBACK], REQUIREMENTS)
    assert [p.question_id for p in result.counter] == [1]
    assert [p.question_id for p in result.reinforce] == [2]
    assert "lacked experience managing stakeholders" in result.counter[0].why


def test_a_negative_reaction_outweighs_a_high_self_rating() -> None:
    q = AskedText(3, 1, "How do you prioritise your work?", "fine", 5, "negative")
    result = analyse_debrief([q], [])
    assert result.counter[0].overruled_self_rating
    assert "outweighs your own rating" in result.counter[0].why


def test_feedback_outweighs_a_high_self_rating_on_the_same_topic() -> None:
    q = AskedText(4, 1, "Tell me about working with stakeholders.", "great", 5, "unknown")
    result = analyse_debrief([q], [FEEDBACK], REQUIREMENTS)
    assert [p.question_id for p in result.counter] == [4]


def test_praise_outweighs_a_low_self_rating() -> None:
    q = AskedText(5, 1, "How deep is your SQL?", "unsure", 2, "unknown")
    fb = FeedbackText(8, 1, "They were impressed with your SQL.")
    result = analyse_debrief([q], [fb])
    assert [p.question_id for p in result.reinforce] == [5]


def test_nothing_to_go_on_gives_an_empty_debrief() -> None:
    assert analyse_debrief([], []).is_empty
    unrated = AskedText(6, 1, "Any questions?", "", None, "unknown")
    assert analyse_debrief([unrated], [FeedbackText(9, 1, "   ")]).is_empty
