"""A job that leads a team is asked its leaders' questions first; a staff job never is."""

from __future__ import annotations

import pytest

from nextround.coach.bank import bank_for, field_questions, load_bank
from nextround.coach.brief import build_brief
from tests.coach.test_likely_third_review import ROUND, case

LED = {q.text: q for q in load_bank() if q.levels}


@pytest.mark.parametrize("field", ["nursing", "teaching", "social-work"])
def test_a_ward_manager_is_asked_a_leaders_question_and_a_staff_nurse_is_not(field: str) -> None:
    lead = build_brief(case(field=field, field_label=field, level="manager"))
    asked = [q for q in lead.likely_questions if q.text in LED]
    assert asked and all(field in LED[q.text].fields for q in asked)
    assert all(
        q.why == f"A question panels in {field} ask of someone who will lead a team." for q in asked
    )
    # Not every field question is a leader's: a clinical one is still asked.
    assert any(q.category == "field" and q.text not in LED for q in lead.likely_questions)
    for level in (None, "mid", "senior"):
        staff = build_brief(case(field=field, field_label=field, level=level))
        assert not [q for q in staff.likely_questions if q.text in LED]


def test_practice_draws_a_leaders_field_question_first_only_for_a_leaders_job() -> None:
    first = field_questions("nursing", ROUND.purpose, 1, seed=3, level="manager")
    assert first[0].levels
    for seed in range(5):
        assert not any(q.levels for q in field_questions("nursing", None, 20, seed=seed))
    assert not {q.id for q in bank_for("nursing") if q.levels}
    assert {q.id for q in bank_for("nursing", level="director") if q.levels}
