"""Adaptive follow-ups: what an interviewer would most likely ask after an answer."""

from __future__ import annotations

from nextround.coach.analysis import analyze_answer
from nextround.coach.probes import follow_ups

QUESTION = "Tell me about a time you handled a difficult stakeholder."
PROBES = (
    "How did the stakeholder react?",
    "What did you personally do, as opposed to the team?",
    "What was the measurable result?",
)


def ask(answer: str, question: str = QUESTION, **kwargs: object) -> list[tuple[str, str, str]]:
    found = follow_ups(question, answer, analyze_answer(question, answer), **kwargs)  # type: ignore[arg-type]
    return [(f.kind, f.source, f.text) for f in found]


def test_a_vague_we_is_probed_for_the_candidates_own_part() -> None:
    answer = (
        "We had a problem with the marketing team. We set up a weekly meeting and we built a "
        "new dashboard for them, and our reports were finally trusted by everyone involved."
    )
    analysis = analyze_answer(QUESTION, answer)
    found = follow_ups(QUESTION, answer, analysis, probes=PROBES)
    ownership = next(f for f in found if f.kind == "ownership")
    assert ownership.text == "What did you personally do, as opposed to the team?"
    assert ownership.source == "bank"
    assert {answer[s.start : s.end].lower() for s in ownership.spans} <= {"we", "our"}
    assert '"we"' in ownership.reason


def test_a_story_that_stops_before_its_result_is_asked_how_it_ended_first() -> None:
    answer = (
        "Our finance director disputed the churn figures before a board review. "
        "I interviewed each lead and I wrote a comparison of the three definitions, then I "
        "ran a workshop where I proposed a single measure."
    )
    kinds = ask(answer)
    assert kinds[0][0] == "result"
    assert kinds[0][2] == "What was the result, and how did you know it had worked?"


def test_a_change_without_a_figure_is_asked_for_its_size() -> None:
    answer = (
        "I took over the weekly report from the finance director and I rebuilt it from "
        "scratch. The new version improved the accuracy and the board adopted it."
    )
    analysis = analyze_answer(QUESTION, answer)
    found = follow_ups(QUESTION, answer, analysis)
    quantify = next(f for f in found if f.kind == "quantify")
    assert "improved" in quantify.text
    assert [answer[s.start : s.end] for s in quantify.spans] == ["improved"]


def test_a_skill_named_in_passing_is_probed_for_depth() -> None:
    answer = (
        "I owned the data platform for the sales team and I moved the nightly jobs into "
        "Airflow, which cut failed runs from 12 a month to 2 within a quarter."
    )
    found = ask(answer, "What is your greatest professional achievement so far?")
    assert (
        "skill",
        "gap",
        "You mentioned Airflow: how exactly did you use it, and what was hard about it?",
    ) in found


def test_a_strong_answer_gets_the_banks_probes_it_has_not_covered() -> None:
    answer = (
        "In 2024 our marketing director disputed the churn figures before a board review. "
        "I interviewed each lead, wrote a one-page comparison and ran a workshop where I "
        "proposed one measure. The board adopted it and dispute time fell from 5 days to 1. "
        "The director reacted well and thanked me in the review."
    )
    found = ask(answer, probes=PROBES)
    texts = [text for _, _, text in found]
    assert "How did the stakeholder react?" not in texts  # already answered
    assert all(kind == "bank" for kind, _, _ in found)
    # The result was told with its figure ("fell from 5 days to 1"): not asked for again.
    assert texts == ["What did you personally do, as opposed to the team?"]


def test_at_most_two_follow_ups_and_none_for_a_short_or_empty_answer() -> None:
    rambling = (
        "We had issues. We improved the process a lot and we used Kafka, and then we met "
        "the team again and we talked about it for a while with everyone there."
    )
    assert len(ask(rambling, probes=PROBES)) == 2
    assert ask("I fixed it.", probes=PROBES) == []
    assert ask("", probes=PROBES) == []
    assert len(follow_ups(QUESTION, rambling, analyze_answer(QUESTION, rambling), limit=1)) == 1
