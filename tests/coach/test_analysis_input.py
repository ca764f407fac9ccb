"""Honest results for empty, tiny, huge, foreign and binary answers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from nextround.coach.analysis import (
    DETAIL_WORD_LIMIT,
    AnswerContext,
    AnswerError,
    analyze_answer,
)

CONFLICT = "Tell me about a time you resolved a conflict with a colleague."


@pytest.mark.parametrize("answer", ["", "   ", "\n\t \n"])
def test_an_empty_answer_is_told_there_is_nothing_to_analyse(answer: str) -> None:
    analysis = analyze_answer(CONFLICT, answer)
    assert analysis.summary == "Nothing to analyse: the answer is empty."
    assert [(i.level, i.message) for i in analysis.insights] == [
        ("fix", "Nothing to analyse: the answer is empty.")
    ]
    assert analysis.scores == ()
    assert analysis.overall is None
    assert analysis.word_count == 0


def test_a_one_word_answer_gets_no_praise() -> None:
    analysis = analyze_answer(CONFLICT, "Yes")
    assert all(i.level != "good" for i in analysis.insights)
    assert "too short to show what you can do" in analysis.summary
    # One clear line, not a note about length alone (and no "0 s to 0 s" range).
    fixes = [i for i in analysis.insights if i.level == "fix"]
    assert [i.message for i in fixes] == [
        "One word is not an answer yet: answer in full sentences, about 1–2 min: "
        "situation, task, action and result with the action in detail."
    ]
    assert analysis.next_steps[0].startswith("Answer in full sentences, about 1–2 min")
    assert analysis.overall is not None
    assert analysis.overall < 10


def test_a_one_word_answer_to_a_motivation_question_is_told_so_plainly() -> None:
    analysis = analyze_answer("Why do you want to be head of year at this school?", "Progression.")
    messages = [i.message for i in analysis.insights]
    assert messages[-1].startswith("One word is not an answer yet")
    assert not any("0 s to 0 s" in m or "1 words" in m for m in messages)


def test_a_one_word_answer_gets_no_praise_for_job_terms_either() -> None:
    analysis = analyze_answer(CONFLICT, "Python", AnswerContext(job_terms=("Python",)))
    assert all(i.level != "good" for i in analysis.insights)
    # A word or two is told it is too short, not scored on the job's terms or on numbers.
    assert analysis.score("job terms") is None
    assert not [i for i in analysis.insights if i.code == "no-number"]
    assert analysis.overall_confidence == "low"


def test_a_non_english_answer_gets_only_its_length_checked() -> None:
    answer = (
        "Trabajé en un equipo de cinco personas y tuvimos un conflicto sobre el plan del "
        "proyecto; lo resolvimos hablando cada semana con el cliente."
    )
    analysis = analyze_answer(CONFLICT, answer)
    assert [s.aspect for s in analysis.scores] == ["length"]
    assert any("does not look like English" in i.message for i in analysis.insights)
    assert all(i.level != "good" for i in analysis.insights)


def test_an_answer_in_another_script_gets_only_its_length_checked() -> None:
    analysis = analyze_answer(CONFLICT, "Я решил конфликт с коллегой за два дня, поговорив с ним.")
    assert [s.aspect for s in analysis.scores] == ["length"]


def test_binary_junk_is_refused_with_a_clear_message() -> None:
    junk = "\x00\x01\x02PK\x03\x04\x00\x00\x08\x00" * 50
    analysis = analyze_answer(CONFLICT, junk)
    (insight,) = analysis.insights
    assert insight.level == "fix"
    assert insight.message.startswith("This looks like binary data, not a typed answer")
    assert analysis.next_steps == ("Paste the answer as plain text.",)
    json.dumps(analysis.to_dict())


def test_a_stray_control_character_is_ignored_and_mentioned() -> None:
    answer = (
        "A colleague and I disagreed\x00 about the launch date, so I set up a meeting and we "
        "agreed to ship to 10% of users first."
    )
    analysis = analyze_answer(CONFLICT, answer)
    assert any(i.message == "Ignored 1 control character in the answer." for i in analysis.insights)
    assert analysis.word_count == 25


def test_a_50000_word_answer_is_measured_in_full_and_analysed_up_to_the_limit() -> None:
    answer = "I resolved the conflict with my colleague by talking. " * 6250
    analysis = analyze_answer(CONFLICT, answer)
    assert analysis.word_count == 56250
    assert analysis.analysed_words == DETAIL_WORD_LIMIT
    note = next(i for i in analysis.insights if i.aspect == "input")
    assert note.message == (
        "Only the first 3,000 of 56,250 words were analysed in detail; length counts them all."
    )
    (span,) = note.spans
    assert len(answer[: span.start].split()) == DETAIL_WORD_LIMIT
    length = analysis.by_aspect("length")[0]
    assert length.level == "fix"
    assert "56,250 words" in length.message
    assert analysis.score("length") == 0


def test_an_unknown_question_type_is_refused_in_one_line() -> None:
    with pytest.raises(AnswerError, match="unknown question type 'quiz'; expected one of") as info:
        analyze_answer(CONFLICT, "Yes", AnswerContext(question_type="quiz"))
    assert "\n" not in str(info.value)


def test_every_span_lies_inside_the_answer() -> None:
    answers = [
        "Um, so I guess we sort of, you know, fixed the 3 bugs in Jira?!",
        "“Quoted” text — with dashes… and élan; 1,200 users in Q3 2024 at £5m.",
        "I'm a team player.\n\n- I led 5 people\n- We cut costs by 12%",
    ]
    for answer in answers:
        analysis = analyze_answer(CONFLICT, answer)
        for insight in analysis.insights:
            for span in insight.spans:
                assert 0 <= span.start < span.end <= len(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "???",
        "\u200b",
        "😀😀😀 🚀",
        "I.",
        "£ $ % 100% £5 $",
        "Q3 2024 Jan 2020 three-month -5 --- '' ’’",
        "x" * 100_000,
        "B." * 3000,
    ],
)
def test_odd_text_gets_a_result_with_spans_inside_it(answer: str) -> None:
    analysis = analyze_answer(CONFLICT, answer, AnswerContext(job_terms=("", "Jira")))
    json.dumps(analysis.to_dict())
    assert analysis.summary
    for insight in analysis.insights:
        for span in insight.spans:
            assert 0 <= span.start < span.end <= len(answer)


def test_an_answer_that_is_not_text_is_refused() -> None:
    answer: Any = b"bytes"
    with pytest.raises(AnswerError, match="question and answer must be text"):
        analyze_answer(CONFLICT, answer)
