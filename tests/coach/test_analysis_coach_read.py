"""What a candidate reads for answers a career coach would stop: a story from outside work, an
"I would…" answer to a question about the past, and STAR demands made of plans and follow-ups."""

from __future__ import annotations

from nextround.coach.analysis import Analysis, AnswerContext, analyze_answer
from nextround.coach.classify import classify_question
from nextround.coach.probes import follow_ups

# Sentence embeddings rate a sports-team story close to a question about a team: the scorer
# stands in for that closeness.
CLOSE = 0.85


def close(question: str, answer: str) -> float:
    return CLOSE


def lines(analysis: Analysis) -> list[str]:
    return [f"{i.level}: {i.message}" for i in analysis.insights]


def read(analysis: Analysis) -> str:
    return " ".join([analysis.summary, *lines(analysis), *analysis.next_steps])


SQUASH = (
    "I run a Sunday league football team for my friends from university. Two seasons ago we "
    "kept losing, so I set up a training session every Wednesday and moved our best defender "
    "into midfield. We finished third that year."
)
KITCHEN = (
    "Last spring I took charge of redoing my kitchen. I compared four quotes, talked the "
    "builder down by 15% and we were done a week ahead of plan and £2,000 below what I had "
    "set aside."
)


def test_a_sports_story_to_a_question_about_clinical_teams_is_told_it_does_not_answer() -> None:
    question = "Give an example of working with a multidisciplinary team on a ward."
    analysis = analyze_answer(question, SQUASH, relevance_scorer=close)
    text = read(analysis)
    assert "This does not answer what they asked" in text
    assert "outside work" in text
    # Sharing "team" with the question earns no praise for relevance or anything else.
    assert not [i for i in analysis.insights if i.level == "good"]
    assert "speaks to the question" not in text
    assert "Develop the answer" not in text
    relevance = analysis.score("relevance")
    assert relevance is not None and relevance <= 25


def test_a_home_renovation_to_a_question_about_an_upsell_gets_no_advice_to_lengthen_it() -> None:
    question = "Tell me about an upsell you closed yourself."
    analysis = analyze_answer(
        question,
        KITCHEN,
        AnswerContext(job_terms=("account management", "upsell")),
        relevance_scorer=lambda q, a: 0.55,
    )
    text = read(analysis)
    assert "This does not answer what they asked" in text
    assert "Develop the answer" not in text
    assert "job's terms" not in text
    assert analysis.overall is not None and analysis.overall <= 30


def test_without_meaning_one_shared_word_is_not_called_on_topic() -> None:
    question = "How do you keep a project team aligned when priorities change?"
    answer = (
        "Our team meets on Monday mornings and the manager reads out the numbers from the "
        "previous month, then everyone goes back to their desks."
    )
    analysis = analyze_answer(question, answer)
    assert "You speak to what was asked" not in read(analysis)


def test_a_budget_question_naming_a_sum_is_not_a_salary_question() -> None:
    question = "How would you run a departmental budget of about £60,000 across three key stages?"
    assert classify_question(question).type != "salary-notice"
    answer = (
        "I did the Yorkshire Three Peaks for charity with my friend last summer. We trained "
        "every weekend for three months and raised £900 between us."
    )
    analysis = analyze_answer(question, answer, relevance_scorer=lambda q, a: 0.35)
    text = read(analysis)
    assert "This does not answer what they asked" in text
    assert "job's language" not in text
    assert not [i for i in analysis.insights if i.level == "good"]


def test_a_follow_up_answer_is_judged_against_the_question_it_follows() -> None:
    context = AnswerContext(
        follow_up=True,
        asked_after="Describe how you have dealt with a colleague who missed deadlines.",
    )
    analysis = analyze_answer(
        "And how did it end?", SQUASH, context, relevance_scorer=lambda q, a: 0.45
    )
    text = read(analysis)
    assert "This does not answer what they asked" in text
    assert not [i for i in analysis.insights if i.level == "good"]


WOULD = (
    "I'd start by having a quiet word with them to understand what is going on. I would then "
    "agree some clear targets and maybe set up fortnightly check-ins, and we would review it "
    "together. Normally that sorts it out."
)


def test_an_i_would_answer_to_a_question_about_the_past_is_asked_for_a_real_example() -> None:
    question = "Tell me about a time you managed someone whose work had slipped."
    analysis = analyze_answer(question, WOULD, relevance_scorer=lambda q, a: 0.6)
    text = read(analysis)
    assert "They asked what you did; this says what you would do" in text
    assert "Give a real example" in analysis.next_steps[0]
    # No STAR template for a story that was never told.
    assert "My job was to" not in text
    assert "As a result" not in text
    asked = follow_ups(question, WOULD, analysis)
    assert [f.text for f in asked] == [
        "Can you give me a real example: a time you actually did this?"
    ]


def test_an_on_topic_plan_for_a_past_question_is_told_the_tense_not_called_off_topic() -> None:
    question = "Describe a time you raised a safety concern with a senior doctor."
    answer = (
        "I would first check the chart and the latest bloods so I had my facts right. Then I "
        "would speak to the registrar on her own, explain the risk and suggest a safer option. "
        "If she still disagreed I would escalate to the consultant and write it up."
    )
    # Embeddings read a plan as far from a question about the past.
    analysis = analyze_answer(question, answer, relevance_scorer=lambda q, a: 0.15)
    text = read(analysis)
    assert "does not seem to answer the question" not in text
    assert "does not answer what they asked" not in text
    assert "They asked what you did; this says what you would do" in text


def test_a_real_story_that_mentions_what_would_happen_next_is_not_called_a_plan() -> None:
    question = "Tell me about a time you managed someone whose work had slipped."
    answer = (
        "Last year one of my analysts missed three report deadlines in a row. I met her that "
        "week, found she was covering a vacancy, and agreed a reduced workload that we would "
        "review in a month. By the review she was back on time and stayed so."
    )
    analysis = analyze_answer(question, answer, relevance_scorer=lambda q, a: 0.8)
    assert "this says what you would do" not in read(analysis)


def test_a_how_quickly_could_you_question_gets_no_star_demands() -> None:
    question = "How quickly could you learn our ticketing system?"
    answer = (
        "I have not used that system yet, but I learnt Jira in two weeks at my last job by "
        "shadowing the team lead and building my own dashboard. I would book the vendor's "
        "training in my first week and aim to run my own queue by the end of the month."
    )
    analysis = analyze_answer(question, answer, relevance_scorer=lambda q, a: 0.8)
    text = read(analysis)
    assert "What was your part meant to be" not in text
    assert "No result" not in text
    assert "As a result" not in text
    assert "What was the result" not in " ".join(
        f.text for f in follow_ups(question, answer, analysis)
    )


def test_a_follow_up_answer_is_not_asked_for_a_whole_story() -> None:
    context = AnswerContext(
        follow_up=True, asked_after="Tell me about a time you turned round a struggling team."
    )
    answer = (
        "The hardest part was the first one-to-one. I had to tell him plainly that his marking "
        "was three weeks behind, and I agreed a date with him for it to be up to date."
    )
    analysis = analyze_answer(
        "What was the hardest part?", answer, context, relevance_scorer=lambda q, a: 0.8
    )
    text = read(analysis)
    assert "No situation" not in text and "Did you set the scene" not in text
    assert "No result" not in text and "As a result" not in text
    assert not follow_ups("What was the hardest part?", answer, analysis) or all(
        f.kind != "result" for f in follow_ups("What was the hardest part?", answer, analysis)
    )


def test_an_opinion_or_a_doubt_opening_is_not_read_as_the_situation() -> None:
    question = "How would you plan the induction of five new support workers?"
    for opening in (
        "I'm not really an expert in inductions, to be honest, and I have only helped with one.",
        "I think it's really important that people feel welcome, you know, from day one.",
    ):
        answer = (
            f"{opening} I would pair each of them with a buddy and sit down with them at the "
            "end of every week. I'd hope they were working alone by week four."
        )
        analysis = analyze_answer(question, answer, relevance_scorer=lambda q, a: 0.8)
        assert "situation (sentence 1" not in read(analysis)


def test_a_plan_is_never_asked_what_it_raised_or_what_was_done_yourself() -> None:
    question = "What would you do if a patient's results showed a raised sodium after a new drug?"
    answer = (
        "I would check the trend in the results and the drug chart first, and then call the "
        "prescriber to explain the risk of a raised sodium with that drug. I would suggest "
        "stopping it, agree who rechecks the bloods the next day and document it in the notes."
    )
    analysis = analyze_answer(question, answer, relevance_scorer=lambda q, a: 0.8)
    asked = [f.text for f in follow_ups(question, answer, analysis, skills=("prescriber",))]
    assert not any("You said it raised" in text for text in asked)
    assert not any("what did you do yourself" in text for text in asked)


def test_a_follow_up_to_a_question_about_life_outside_work_may_tell_a_sports_story() -> None:
    context = AnswerContext(follow_up=True, asked_after="What do you do in your spare time?")
    analysis = analyze_answer(
        "What do you get out of it?", SQUASH, context, relevance_scorer=lambda q, a: 0.45
    )
    assert "does not answer what they asked" not in read(analysis)
