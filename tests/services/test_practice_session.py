"""Which questions a practice session asks (services.practice.questions_for_round)."""

from __future__ import annotations

from typing import Any

import pytest

from nextround.services import practice
from nextround.services import records as r
from tests.world import World, opportunity

# Two doubts no bank question is close to: each is asked in its own words.
UNMATCHED_DOUBTS = (
    "They weren't convinced you have calibrated a tidal flow gauge on an estuary, and they "
    "weren't sure you have run a sediment sampling campaign on a tidal river."
)


def test_a_session_asks_exactly_the_count_asked_for(world: World) -> None:
    world.feedback.text = UNMATCHED_DOUBTS
    world.feedback.save()
    for count in range(1, 7):
        picked = practice.questions_for_round(world.user, world.round2.pk, count, seed=3)
        assert len(picked) == count, [q.text for q in picked]


def _case(
    user: Any,
    role: str,
    asked: list[tuple[str, int, str]],
    feedback: str,
    *,
    source: str = "consultant",
    notes: str = "",
) -> int:
    """An opportunity with a debriefed first round and a second round ahead; its id."""
    opp = opportunity(user, company="Northfield", role=role, stage="interviewing")
    first = r.rounds.create(user, opp.pk, number=1, status="done", outcome="passed")
    for text, rating, reaction in asked:
        r.asked_questions.create(user, first.pk, text=text, self_rating=rating, reaction=reaction)
    r.feedback.create(user, first.pk, source=source, text=feedback)
    return r.rounds.create(user, opp.pk, number=2, notes=notes).pk


@pytest.fixture
def ward(user: Any) -> int:
    return _case(
        user,
        "Rotational Clinical Pharmacist (Band 7)",
        [
            (
                "How would you prioritise your workload on a busy ward with 30 patients?",
                2,
                "negative",
            ),
            ("Tell me about working in a multidisciplinary team.", 3, "neutral"),
            ("Tell me about a time you identified a medication error.", 5, "positive"),
        ],
        "Your warfarin example was excellent. I wasn't sure how you would cope with "
        "prioritising a caseload on a busy ward, and the panel will want to hear more about "
        "your experience of working within a multidisciplinary team, for example on ward "
        "rounds.",
        source="interviewer",
        notes="From the invite: a values-based interview with the panel, 40 minutes.",
    )


def test_an_earlier_question_and_the_doubt_about_its_answer_are_asked_once(
    user: Any, ward: int
) -> None:
    picked = practice.questions_for_round(user, ward, 3, seed=3)
    texts = [q.text for q in picked]
    on_prioritising = [t for t in texts if "priorit" in t.lower()]
    assert on_prioritising == [
        "How would you prioritise your workload on a busy ward with 30 patients?"
    ]
    # The doubt is named beside the question it is about.
    assert "prioritising a caseload on a busy ward" in picked[0].why
    assert "went badly in round 1" in picked[0].why


def test_a_doubt_is_never_practised_with_a_question_about_something_else(
    user: Any, ward: int
) -> None:
    for seed in range(4):
        picked = practice.questions_for_round(user, ward, 8, seed=seed)
        assert "What experience do you have of managing people?" not in [q.text for q in picked]
        (mdt,) = [q for q in picked if "multidisciplinary team" in q.why]
        assert "multidisciplinary" in mdt.text.lower()


def test_the_brief_s_five_to_rehearse_come_before_the_bank(user: Any, ward: int) -> None:
    from nextround.services import brief

    five = [q for q in brief.build(user, ward).data["likely_questions"] if q["rehearse"]]
    styled = [q["text"] for q in five if q["category"] == "style"]
    assert len(styled) == 2
    picked = [q.text for q in practice.questions_for_round(user, ward, 6, seed=1)]
    assert picked[2:4] == styled


@pytest.fixture
def school(user: Any) -> int:
    return _case(
        user,
        "Head of Science",
        [("Describe how you have handled an underperforming member of staff.", 2, "negative")],
        "The panel liked your data work. However, they weren't sure you have experience of "
        "managing a departmental budget, and they'd want to hear more about how you have held "
        "colleagues to account when performance slips. David will also want to go deeper into "
        "how you would lead the KS3 curriculum redesign.",
    )


def test_each_doubt_gets_one_question_even_when_two_are_tied_to_one_answer(
    user: Any, school: int
) -> None:
    picked = practice.questions_for_round(user, school, 3, seed=3)
    whys = " ".join(q.why for q in picked)
    for doubt in ("departmental budget", "held colleagues to account", "KS3 curriculum"):
        assert whys.count(doubt) == 1, [(q.text, q.why) for q in picked]
    texts = [q.text for q in picked]
    assert sum("underperforming" in t or "held colleagues" in t for t in texts) == 1
    assert any("budget" in t for t in texts)


@pytest.fixture
def accounts(user: Any) -> int:
    return _case(
        user,
        "Senior Customer Success Manager",
        [
            ("How do you approach an expansion conversation?", 2, "negative"),
            ("Which customer success tools have you used?", 2, "neutral"),
            ("What would you like to be doing in five years?", 2, "neutral"),
        ],
        "She wasn't sure you're comfortable owning the commercial side: they'd want to hear "
        "more about expansion and upsell you've driven yourself. They also noticed you haven't "
        "used Gainsight, so be ready to talk about how quickly you pick up new tools. And scale "
        "was a question mark, as you manage 18 accounts today and this book is 50+, so Oliver "
        "will probably want to go deeper into how you would prioritise a book that size.",
    )


def test_every_doubt_is_asked_about_before_any_is_asked_again(user: Any, accounts: int) -> None:
    picked = practice.questions_for_round(user, accounts, 3, seed=5)
    whys = [q.why for q in picked]
    assert any("commercial side" in w for w in whys), whys
    # "They also noticed you haven't used Gainsight": a doubt about using Gainsight.
    assert any("Gainsight" in w for w in whys), whys
    assert any("book that size" in w for w in whys), whys
    # The tools answer is asked for the tools doubt: one question on it, not two.
    more = [q.text for q in practice.questions_for_round(user, accounts, 8, seed=5)]
    assert sum("tools" in t.lower() for t in more) == 1, more


def test_picks_follow_the_record_as_it_changes(user: Any, school: int) -> None:
    before = practice.questions_for_round(user, school, 4, seed=3)
    assert before == practice.questions_for_round(user, school, 4, seed=3)
    earlier = r.rounds.get(user, school).opportunity.rounds.get(number=1)
    r.feedback.create(
        user,
        earlier.pk,
        source="interviewer",
        text="We weren't convinced you have calibrated a tidal flow gauge on an estuary.",
    )
    after = practice.questions_for_round(user, school, 4, seed=3)
    assert any("tidal flow gauge" in q.why for q in after)
    assert after != before


def test_a_second_look_at_the_same_picks_reads_only_what_might_have_changed(
    user: Any, school: int, django_assert_max_num_queries: Any
) -> None:
    practice.questions_for_round(user, school, 6, seed=0)
    with django_assert_max_num_queries(2):
        practice.questions_for_round(user, school, 6, seed=0)


def test_the_answers_given_never_change_the_picks(user: Any, accounts: int) -> None:
    from nextround.services import practice_plan

    before = practice.questions_for_round(user, accounts, 6, seed=5)
    for question in before:
        practice.practise(
            user, question.text, "I led the renewal myself and cut churn by 12%.", 40, accounts
        )
    # Worked out afresh, not read back from what this process kept.
    practice_plan._plans.clear()
    practice_plan._briefs.clear()
    assert practice.questions_for_round(user, accounts, 6, seed=5) == before
