"""STAR structure, ownership and question types in the answer analysis."""

from __future__ import annotations

from nextround.coach.analysis import AnswerContext, analyze_answer, guess_question_type
from nextround.coach.insight import Insight

CONFLICT = "Tell me about a time you resolved a conflict with a colleague."
STRONG = (
    "At my previous company, two of our senior engineers disagreed about how to release a "
    "payments feature. "
    "My manager asked me to get the release back on track within two weeks. "
    "I set up a meeting with both engineers and listened to each side. "
    "I mapped the risks of each option in a shared Confluence page and proposed a staged rollout "
    "behind a feature flag. "
    "I then agreed a test plan with QA and ran the first stage myself. "
    "As a result, we shipped four days early, cut payment errors by 30%, and the two engineers "
    "now pair on releases."
)
VAGUE_WE = (
    "We worked on the project together and we always delivered. We made it much better. "
    "Our team was great and everyone loved the result. In the end it went really well."
)


def covered(answer: str, insight: Insight) -> list[str]:
    return [answer[span.start : span.end] for span in insight.spans]


def one(insights: tuple[Insight, ...], level: str, words: str) -> Insight:
    found = [i for i in insights if i.level == level and words in i.message]
    assert len(found) == 1, [i.message for i in insights]
    return found[0]


def test_it_labels_each_sentence_of_a_strong_star_answer() -> None:
    analysis = analyze_answer(CONFLICT, STRONG)
    labels = [(STRONG[s.span.start : s.span.end].split()[0], s.label) for s in analysis.star]
    assert labels == [
        ("At", "situation"),
        ("My", "task"),
        ("I", "action"),
        ("I", "action"),
        ("I", "action"),
        ("As", "result"),
    ]


def test_it_praises_a_complete_story_shape_and_points_at_its_sentences() -> None:
    analysis = analyze_answer(CONFLICT, STRONG)
    shape = one(analysis.by_aspect("structure"), "good", "Clear story shape")
    assert "situation (sentence 1)" in shape.message
    assert "action (sentences 3–5)" in shape.message
    assert covered(STRONG, shape)[-1].startswith("As a result, we shipped four days early")
    assert analysis.score("structure") == 100


def test_it_says_the_action_carries_the_weight_of_a_strong_answer() -> None:
    analysis = analyze_answer(CONFLICT, STRONG)
    weight = one(analysis.by_aspect("structure"), "good", "The action carries the weight")
    assert all(text.startswith("I ") for text in covered(STRONG, weight))


def test_it_flags_a_result_without_a_number() -> None:
    answer = (
        "Last year our support team was overwhelmed by a backlog of customer complaints. "
        "I was asked to sort out the backlog before the holiday season. "
        "I sorted the tickets by product, wrote reply templates and trained two new starters. "
        "In the end everything was fine and my manager was happy with it."
    )
    analysis = analyze_answer(CONFLICT, answer)
    flag = one(analysis.by_aspect("structure"), "fix", "not what changed")
    assert covered(answer, flag) == [
        "In the end everything was fine and my manager was happy with it."
    ]
    assert any("number" in step or "outcome" in step for step in analysis.next_steps)


def test_it_names_the_missing_parts_of_a_story() -> None:
    answer = (
        "I set up a weekly call with the supplier, I rewrote the order form and I checked every "
        "delivery myself for a month."
    )
    analysis = analyze_answer(CONFLICT, answer)
    messages = [i.message for i in analysis.by_aspect("structure") if i.level == "fix"]
    assert any(m.startswith("No situation") for m in messages)
    assert any(m.startswith("No result") for m in messages)
    assert not any(m.startswith("No action") for m in messages)


def test_it_flags_a_story_that_is_mostly_background() -> None:
    answer = (
        "When I was at the bank, the team was in the middle of a large migration of old systems to "
        "a new platform with many moving parts and a lot of history behind every decision. "
        "There was a long list of dependencies, the budget had been cut twice and the previous "
        "lead had left in a hurry, so morale was low and the plan was out of date everywhere. "
        "I needed to bring the migration back on schedule before the audit in the spring. "
        "I rewrote the plan. "
        "As a result we passed the audit and finished 3 weeks early."
    )
    analysis = analyze_answer(CONFLICT, answer)
    flag = one(analysis.by_aspect("structure"), "fix", "describe what you did")
    assert covered(answer, flag)[0].startswith("When I was at the bank")


def test_it_says_the_own_role_is_unclear_in_a_vague_we_answer() -> None:
    analysis = analyze_answer(CONFLICT, VAGUE_WE)
    flag = one(analysis.by_aspect("ownership"), "fix", "Your own role is unclear")
    assert "We made it much better." in covered(VAGUE_WE, flag)
    assert analysis.score("ownership") == 0
    assert "Replace “we” with what you did yourself." in analysis.next_steps


def test_it_praises_ownership_when_the_action_says_i() -> None:
    analysis = analyze_answer(CONFLICT, STRONG)
    praise = one(analysis.by_aspect("ownership"), "good", "Your own part is clear")
    assert "“I” 4 times" in praise.message


def test_it_says_nothing_star_ish_about_a_salary_answer() -> None:
    answer = (
        "I'm looking for a base of around £62,000, in line with the market for senior analysts "
        "in Leeds, and my notice period is one month."
    )
    analysis = analyze_answer("What are your salary expectations?", answer)
    assert analysis.question_type == "salary-notice"
    assert analysis.star == ()
    assert analysis.by_aspect("structure") == ()
    assert analysis.score("structure") is None
    assert not any("situation" in i.message or "result" in i.message for i in analysis.insights)


def test_it_guesses_the_type_of_common_questions() -> None:
    assert guess_question_type("Tell me about a time you missed a deadline.") == "behavioural"
    assert guess_question_type("How would you handle an angry customer?") == "situational"
    assert guess_question_type("What is your greatest weakness?") == "tricky"
    assert guess_question_type("Why do you want to work here?") == "motivation"
    assert guess_question_type("Tell me about yourself.") == "background"
    assert guess_question_type("What's your notice period?") == "salary-notice"
    assert guess_question_type("Explain how an index speeds up a query.") == "technical"
    assert guess_question_type("How would you describe our culture?") == "culture-fit"
    assert guess_question_type("Anything else?") == "second-round"


def test_the_context_question_type_overrides_the_guess() -> None:
    analysis = analyze_answer(CONFLICT, STRONG, AnswerContext(question_type="technical"))
    assert analysis.question_type == "technical"
    assert analysis.star == ()


def test_a_situational_answer_needs_no_situation_of_its_own() -> None:
    answer = (
        "I would first call the customer back the same day and listen without interrupting. "
        "I'd then check the order history and offer a replacement within 48 hours, so that "
        "the customer stays with us and the complaint is closed within the week."
    )
    analysis = analyze_answer("How would you handle an angry customer?", answer)
    assert analysis.question_type == "situational"
    assert not any(i.message.startswith("No situation") for i in analysis.insights)
    assert not any(i.message.startswith("No task") for i in analysis.insights)


def test_an_ending_hedged_away_is_no_result() -> None:
    answer = (
        "Last winter our nightly billing export started failing on the first of each month. "
        "My job was to keep the finance team's reports going out on time. I went through the "
        "logs with the platform team and I rewrote the part of the export that timed out. "
        "I think it sort of went okay in the end, I guess, more or less."
    )
    analysis = analyze_answer("Tell me about a time you fixed a recurring problem.", answer)
    (missing,) = [i for i in analysis.insights if i.code == "no-result"]
    assert "hedged" in missing.message and "went okay in the end" in missing.message
    assert [answer[s.start : s.end] for s in missing.spans] == [
        "I think it sort of went okay in the end, I guess, more or less."
    ]
    assert not [i for i in analysis.insights if i.level == "good" and i.aspect == "structure"]


def test_the_i_of_a_hedge_is_not_an_own_part() -> None:
    answer = (
        "Last year the nightly load kept failing and the reports were late. I think we looked "
        "into the logs, I guess. I think we changed the schedule, I suppose, and I think we "
        "added a retry. I guess we told the finance team. In the end the reports went out on "
        "time again every morning."
    )
    analysis = analyze_answer("Tell me about a time you fixed a recurring problem.", answer)
    assert "no-own-part" in {i.code for i in analysis.insights}


def test_a_result_told_as_what_fell_and_how_the_year_finished_is_found() -> None:
    from nextround.coach.analysis import analyze_answer

    answer = (
        "The North region was £1.3 million over its labour budget at half year. "
        "My job was to get the director to agree a recovery plan. "
        "I broke overtime down by store and found nine stores drove most of the overspend. "
        "I went to his regional meeting and agreed rota changes with the store managers. "
        "Overtime fell 12% within the quarter and the region finished the year £0.4 million "
        "over rather than £1.3 million."
    )
    analysis = analyze_answer(
        "Tell me about a time you challenged a budget holder who disagreed with you.", answer
    )
    assert not [i for i in analysis.insights if i.code in ("no-result", "vague-result")]


def test_what_a_change_brought_in_or_generated_is_its_result() -> None:
    from nextround.coach.analysis import analyze_answer

    answer = (
        "We were losing £40k a month on free instant payouts. I ran a four-week pricing test "
        "with a 1% fee for half of our merchants. It generated £55k a month and 92% of them "
        "stayed on instant payouts."
    )
    analysis = analyze_answer("Tell me about a calculated risk you took at work.", answer)
    assert [s.label for s in analysis.star][-1] == "result"
