"""Delivery (fillers, hedges, repeats, self-talk, clichés) and length in the answer analysis."""

from __future__ import annotations

from nextround.coach.analysis import analyze_answer
from nextround.coach.insight import Insight

CONFLICT = "Tell me about a time you resolved a conflict with a colleague."
FILLERS = (
    "Um, so, like, I basically had a conflict with a colleague, um, about the rota, you know, "
    "and I guess we sort of resolved it in the end, maybe, after a couple of weeks of, like, "
    "talking it through and, um, agreeing who covers which weekend."
)


def covered(answer: str, insight: Insight) -> list[str]:
    return [answer[span.start : span.end] for span in insight.spans]


def find(insights: tuple[Insight, ...], words: str) -> Insight:
    return next(i for i in insights if words in i.message)


def test_it_counts_fillers_and_points_at_each_one() -> None:
    analysis = analyze_answer(CONFLICT, FILLERS)
    flag = find(analysis.by_aspect("delivery"), "filler")
    assert flag.level == "fix"
    assert flag.message.startswith("8 fillers")
    # The rate quoted is the candidate's own, compared with the published one.
    assert "about 25.2 a minute spoken): 5.3 times the 4.8 a minute of hesitant speech" in (
        flag.message
    )
    assert [w.lower() for w in covered(FILLERS, flag)] == [
        "um",
        "so",
        "like",
        "basically",
        "um",
        "you know",
        "like",
        "um",
    ]


def test_like_counts_as_a_filler_only_when_commas_set_it_off() -> None:
    answer = (
        "I would like to explain how I resolved a conflict with a colleague, like the time we "
        "disagreed about the rota and I proposed a fair swap that cut overtime by 10%."
    )
    analysis = analyze_answer(CONFLICT, answer)
    assert not any("filler" in i.message for i in analysis.insights)


def test_it_gives_the_filler_rate_per_100_words() -> None:
    analysis = analyze_answer(CONFLICT, FILLERS)
    delivery = next(s for s in analysis.scores if s.aspect == "delivery")
    words = analysis.word_count
    assert f"8 fillers ({100 * 8 / words:.1f} per 100 words)" in delivery.reasons


def test_it_flags_hedges_that_make_the_candidate_sound_unsure() -> None:
    analysis = analyze_answer(CONFLICT, FILLERS)
    flag = find(analysis.by_aspect("delivery"), "hedges")
    assert flag.level == "fix"
    assert [w.lower() for w in covered(FILLERS, flag)] == ["i guess", "sort of", "maybe"]


def test_it_flags_negative_self_talk() -> None:
    answer = (
        "I'm not very good at conflict, to be honest, but when a colleague and I disagreed about "
        "the release date I asked for a short meeting and we agreed to ship the smaller version."
    )
    analysis = analyze_answer(CONFLICT, answer)
    # Talking oneself down is a problem of its own, told right after relevance.
    flag = find(analysis.by_aspect("self-undermining"), "undermines you")
    assert flag.level == "fix"
    assert flag.code == "self-undermining"
    assert covered(answer, flag) == ["I'm not very good at"]
    assert not [i for i in analysis.insights if i.level == "good"]


def test_it_flags_cliches() -> None:
    answer = (
        "I'm a real team player who can think outside the box, so when a colleague disagreed with "
        "my plan I listened and we agreed a compromise within 2 days."
    )
    analysis = analyze_answer(CONFLICT, answer)
    flag = find(analysis.by_aspect("delivery"), "cliché")
    assert covered(answer, flag) == ["team player", "think outside the box"]


def test_it_suggests_alternatives_for_a_word_said_three_times() -> None:
    answer = (
        "A colleague and I had a conflict about a good plan for the launch. I thought my plan was "
        "good, she thought hers was good, so we compared both against 3 customer goals and agreed."
    )
    analysis = analyze_answer(CONFLICT, answer)
    flag = find(analysis.by_aspect("delivery"), "“good” 3 times")
    assert "strong" in flag.message
    assert covered(answer, flag) == ["good", "good", "good"]


def test_question_words_are_not_counted_as_repeats() -> None:
    answer = (
        "The conflict was with a colleague. The conflict started over a deadline and the conflict "
        "ended when I offered to split the work, which got the report out in 3 days."
    )
    analysis = analyze_answer(CONFLICT, answer)
    assert not any("“conflict”" in i.message for i in analysis.insights)


def test_a_clean_answer_gets_clean_delivery() -> None:
    answer = (
        "Last spring a colleague and I disagreed about whether to delay a product launch. "
        "I asked her to list the risks she saw, I checked each against our test results and we "
        "agreed to launch to 10% of users first. The launch went ahead on time with no incidents."
    )
    analysis = analyze_answer(CONFLICT, answer)
    assert find(analysis.by_aspect("delivery"), "Clean delivery").level == "good"


def test_it_states_the_length_target_for_the_question_type() -> None:
    answer = " ".join(["I agreed a plan with my colleague to resolve the conflict quickly."] * 20)
    analysis = analyze_answer(CONFLICT, answer)
    note = analysis.by_aspect("length")[0]
    assert "inside the 1–2 min" in note.message and "behavioural answer" in note.message
    assert analysis.speaking_seconds == (90, 111)
    # One sentence said twenty times is the right length but earns no praise for it.
    assert note.level == "info"


def test_a_short_answer_is_told_why_it_needs_more() -> None:
    answer = "A colleague and I disagreed about a deadline, and we talked it through and agreed."
    analysis = analyze_answer(CONFLICT, answer)
    flag = analysis.by_aspect("length")[0]
    assert flag.level == "fix"
    assert "short for a behavioural answer, which needs 1–2 min" in flag.message
    assert "situation, task, action and result" in flag.message


def test_a_rambling_900_word_answer_is_told_where_it_runs_long() -> None:
    sentence = (
        "I talked to another colleague about the conflict and the plan and what we might do "
        "next week about it. "
    )
    answer = sentence * 45
    analysis = analyze_answer(CONFLICT, answer)
    assert analysis.word_count == 900
    flag = analysis.by_aspect("length")[0]
    assert flag.level == "fix"
    assert flag.message.startswith("About 6 min 12 s spoken (900 words")
    assert "long for a behavioural answer" in flag.message
    # The span starts at the first word past two minutes (290 words at 145 a minute).
    (span,) = flag.spans
    assert len(answer[: span.start].split()) == 290
    assert span.end == len(answer.rstrip())
    assert "Cut the answer to 1–2 min." in analysis.next_steps


def test_a_salary_answer_has_its_own_short_target() -> None:
    answer = (
        "I'm looking for a base of around £62,000, in line with the market for senior analysts "
        "in Leeds, and my notice period is one month."
    )
    analysis = analyze_answer("What are your salary expectations?", answer)
    length = analysis.by_aspect("length")[0]
    assert length.level == "good"
    assert "10 s–45 s a salary-notice answer" in length.message


def test_an_answer_padded_with_fillers_is_long_for_what_it_says() -> None:
    padded = " ".join([FILLERS] * 5)
    analysis = analyze_answer(CONFLICT, padded)
    (long,) = analysis.by_aspect("length")
    assert long.code == "too-long" and "long for what it says" in long.message
    plain = (
        "Last spring a colleague and I disagreed about who covered the weekend rota. I asked "
        "her for a coffee, listened to why the Sunday shifts mattered to her, and proposed that "
        "we alternate months. We wrote the plan up for the manager, who agreed it that week. "
    ) * 4
    (fine,) = analyze_answer(CONFLICT, plain).by_aspect("length")
    assert fine.code != "too-long"


def test_one_filler_in_a_typed_answer_is_named_without_rates_a_minute() -> None:
    answer = (
        "When our supplier failed in March, I rebuilt the order plan over a weekend, basically "
        "splitting volume across two firms, and we shipped every order on time that month."
    )
    analysis = analyze_answer("Tell me about a time you handled a supplier failure.", answer)
    lines = [i.message for i in analysis.by_aspect("delivery") if "filler" in i.message]
    assert lines == ["1 filler (basically)."]


def test_a_name_said_three_times_is_one_concrete_detail() -> None:
    answer = (
        "At Finch Bank the CRO wanted a bespoke feature for one client. I scored it with RICE "
        "against the Payouts roadmap and showed the CRO a one-pager with the cost. The CRO "
        "agreed to drop it and we shipped the reconciliation work a month early."
    )
    analysis = analyze_answer("Tell me about a time you said no to a senior stakeholder.", answer)
    said = " ".join(i.message for i in analysis.by_aspect("specificity"))
    assert "Finch Bank, CRO, RICE and Payouts" in said and "more" not in said
    spec = next(s for s in analysis.scores if s.aspect == "specificity")
    assert "4 named tools or names" in " ".join(spec.reasons)
