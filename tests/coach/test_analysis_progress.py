"""Progress across attempts at the same question."""

from __future__ import annotations

from nextround.coach.analysis import AnswerContext, analyze_answer

CONFLICT = "Tell me about a time you resolved a conflict with a colleague."
FIRST = (
    "We had a conflict in the team once. We talked about it and we sorted it out in the end, "
    "and everyone was happy with how it went."
)
BETTER = (
    "Last spring a colleague and I disagreed about whether to delay a product launch. "
    "I needed to get us to one plan within a week. "
    "I asked her to list the risks she saw, I checked each one against our test results and I "
    "proposed launching to 10% of users first. "
    "As a result we launched on time, with no incidents, and she now reviews my release plans."
)
RAMBLING = (
    "Um, so, like, I think last spring a colleague and I kind of disagreed about a launch, you "
    "know, and I guess we sort of talked and, um, maybe it was fine in the end."
)


def test_it_says_what_improved_since_the_last_attempt() -> None:
    analysis = analyze_answer(CONFLICT, BETTER, AnswerContext(earlier_answers=(FIRST,)))
    progress = analysis.by_aspect("progress")
    improved = [i.message for i in progress if i.level == "good"]
    assert any(m.startswith("Structure improved since your last attempt") for m in improved)
    assert any(m.startswith("Specificity improved") for m in improved)
    changes = {c.aspect: c for c in analysis.progress}
    assert changes["structure"].change > 0
    assert changes["structure"].after == analysis.score("structure")


def test_it_says_what_slipped_since_the_last_attempt() -> None:
    analysis = analyze_answer(CONFLICT, RAMBLING, AnswerContext(earlier_answers=(FIRST, BETTER)))
    slipped = [i for i in analysis.by_aspect("progress") if i.level == "fix"]
    assert any(i.message.startswith("Delivery slipped since your last attempt") for i in slipped)
    delivery = next(i for i in slipped if i.message.startswith("Delivery"))
    assert any(RAMBLING[s.start : s.end].lower() == "um" for s in delivery.spans)
    assert analysis.next_steps[0].startswith("Bring back what worked last time in")


def test_it_shows_the_overall_score_of_every_attempt() -> None:
    analysis = analyze_answer(CONFLICT, BETTER, AnswerContext(earlier_answers=(FIRST, RAMBLING)))
    trail = next(i for i in analysis.by_aspect("progress") if i.level == "info")
    first = analyze_answer(CONFLICT, FIRST).overall
    second = analyze_answer(CONFLICT, RAMBLING).overall
    assert (
        trail.message
        == f"Attempt 3; overall score by attempt: {first} → {second} → {analysis.overall}."
    )


def test_without_earlier_attempts_there_is_no_progress() -> None:
    analysis = analyze_answer(CONFLICT, BETTER)
    assert analysis.progress == ()
    assert analysis.by_aspect("progress") == ()


def test_a_worse_one_word_attempt_is_not_praised_for_progress() -> None:
    analysis = analyze_answer(CONFLICT, "Dunno", AnswerContext(earlier_answers=(FIRST,)))
    assert all(i.level != "good" for i in analysis.insights)
