"""A round announced as values-based or strengths-based is prepared for with questions of that
style, said why; a round that is not announced so never gets them."""

from __future__ import annotations

from nextround.coach.bank import load_bank
from nextround.coach.brief import build_brief
from nextround.coach.logistics import interview_styles
from tests.coach.test_likely_third_review import case

STYLED = {q.text: q.styles for q in load_bank() if q.styles}


def test_the_invite_or_an_email_names_the_style_of_interview() -> None:
    said = "This will be a values-based interview with the Head of Nursing."
    assert interview_styles([said]) == ("values",)
    assert interview_styles(["Questions will explore our values and your motivation."]) == (
        "values",
    )
    assert interview_styles(["It's a strengths based interview, so answers can be short."]) == (
        "strengths",
    )
    # Valuing someone's time, or "value" in a budget, announces nothing.
    assert interview_styles(["We value your time; the budget is of great value to us."]) == ()


def test_a_values_based_round_gets_two_of_its_questions_and_says_why() -> None:
    said = "Your panel on Thursday is a values-based interview, 45 minutes, with Sandra and Lewis."
    brief = build_brief(case(logistics_texts=(("Your consultant's email", said),)))
    styled = [q for q in brief.likely_questions if q.category == "style"]
    assert len(styled) == 2
    assert all(STYLED[q.text] == ("values",) for q in styled)
    assert all(q.why.startswith("They have called it a values-based interview.") for q in styled)


def test_a_round_not_announced_so_gets_no_question_of_a_style() -> None:
    plain = build_brief(case())
    assert not [q for q in plain.likely_questions if q.text in STYLED or q.category == "style"]
    strengths = build_brief(
        case(logistics_texts=(("The invite", "A strengths-based interview with the team."),))
    )
    picked = [q for q in strengths.likely_questions if q.text in STYLED]
    assert picked and all(STYLED[q.text] == ("strengths",) for q in picked)
