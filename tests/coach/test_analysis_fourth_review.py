"""Practice feedback lines a coach found wrong on a physiotherapist's, an accountant's and a
fundraiser's answers: a grade is no pay band, talking yourself down against the other candidates
is caught, a motivation answer is not asked for its first step, and a figure already given is
not asked for again."""

from __future__ import annotations

from nextround.coach.analysis import analyze_answer
from nextround.coach.classify import classify_question
from nextround.coach.probes import follow_ups


def test_a_grade_in_a_question_is_no_pay_band() -> None:
    grade = classify_question(
        "How would you support a Band 5 who is struggling with their caseload?"
    )
    assert grade.type != "salary-notice"
    assert classify_question("Where would you expect your salary to sit in our band?").type == (
        "salary-notice"
    )
    top = classify_question("You're Band 5 now. Are you expecting to start at the top of the band?")
    assert top.type == "salary-notice"


def test_comparing_yourself_down_to_the_others_and_apologising_are_caught() -> None:
    answer = (
        "I've always worked in children's charities, so hospice care is probably my biggest "
        "weakness compared to the others, sorry about that. I'm hoping I can learn it on the job, "
        "and I'm sure the other candidates have more relevant experience than me."
    )
    analysis = analyze_answer("Why hospice care, and why now?", answer)
    (found,) = [i for i in analysis.insights if i.code == "self-undermining"]
    quoted = [answer[s.start : s.end].lower() for s in found.spans]
    assert any("sorry about that" in q for q in quoted)
    assert any("other candidates" in q for q in quoted)
    assert any("learn it on the job" in q for q in quoted)


def test_a_motivation_answer_is_not_asked_what_it_did_first() -> None:
    question = "Why hospice care, and why now?"
    answer = (
        "Honestly, I'm not sure I'd be the obvious choice, sorry about that. I suppose I just "
        "kind of want a step up, and basically the team seemed nice when I visited."
    )
    asked = [f.text for f in follow_ups(question, answer, analyze_answer(question, answer))]
    assert "What exactly did you do first?" not in asked


def test_a_figure_already_given_is_not_asked_for_again() -> None:
    question = "Tell me about an event you grew."
    answer = (
        "I took over the Midnight Walk when it had fallen two years running. I moved it to a "
        "Friday, rebuilt the route with the council and recruited twelve team captains. It "
        "raised more than it ever had: £91k, 21% over target, from 1,050 walkers."
    )
    asked = " ".join(
        f.text
        for f in follow_ups(
            question,
            answer,
            analyze_answer(question, answer),
            probes=("What did it save or earn?", "Who else was involved?"),
        )
    ).lower()
    assert "by how much" not in asked and "save or earn" not in asked


def test_the_right_word_said_often_is_never_to_be_varied() -> None:
    answer = (
        "On the Monday I had 26 patients and two staff off. I triaged the patients by risk, "
        "gave the Band 5 the stable patients, kept the sputum retention patients myself and "
        "checked in with each of the patients' nurses at noon. By 4pm we had seen 24 of the 26 "
        "patients and none of the high-risk patients was missed."
    )
    analysis = analyze_answer("Tell me about a day you had to prioritise a heavy caseload.", answer)
    assert not any("patients" in i.message and "vary" in i.message for i in analysis.insights)
    assert not any("Vary repeated words" in step for step in analysis.next_steps)


def test_an_answer_that_talks_itself_down_is_not_praised_for_being_on_topic() -> None:
    question = "How would you approach learning about food manufacturing?"
    answer = (
        "I'd be learning food manufacturing from scratch really, and I'm sure the other "
        "candidates have more relevant experience than me. I'd need a lot of help to learn food "
        "manufacturing, and I'm just hoping my month-end experience is enough."
    )
    analysis = analyze_answer(question, answer, relevance_scorer=lambda q, a: 0.9)
    codes = {i.code for i in analysis.insights}
    assert "self-undermining" in codes and "on-topic" not in codes


def test_a_plan_is_asked_what_it_would_achieve_never_what_came_of_it() -> None:
    from nextround.coach.analysis import AnswerContext

    question = "How would you make savings in the science consumables budget?"
    answer = (
        "I would protect every required practical first. Then I would move two practicals to "
        "microscale and buy through the trust framework. I would also ask the technicians which "
        "preparations are wasted."
    )
    analysis = analyze_answer(
        question,
        answer,
        AnswerContext(question_type="situational"),
        relevance_scorer=lambda q, a: 0.8,
    )
    said = " ".join(i.message for i in analysis.insights)
    assert "As a result" not in said and "what came of it" not in said
    assert "what you would aim for" in said
    asked = [f.text for f in follow_ups(question, answer, analysis)]
    assert asked[0] == "What would you expect to change, and how would you know it had worked?"
