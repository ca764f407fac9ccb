"""Specificity, job terms and relevance in the answer analysis."""

from __future__ import annotations

from nextround.coach.analysis import AnswerContext, analyze_answer
from nextround.coach.insight import Insight

CONFLICT = "Tell me about a time you resolved a conflict with a colleague."
LATE = "Tell me about a time you recovered a late project."
METRICS = (
    "In March 2023 our Salesforce rollout at Northwind was three weeks late. "
    "I was asked to recover the plan. "
    "I split the work into weekly releases, ran the data checks in Python and tracked every "
    "blocker in Jira. "
    "As a result we went live for 1,200 customers, cut onboarding time by 20% and saved £40k "
    "in contractor fees."
)


def covered(answer: str, insight: Insight) -> list[str]:
    return [answer[span.start : span.end] for span in insight.spans]


def levels(insights: tuple[Insight, ...]) -> set[str]:
    return {i.level for i in insights}


def test_it_points_at_every_figure_date_and_tool_in_a_specific_answer() -> None:
    analysis = analyze_answer(LATE, METRICS)
    praise = next(i for i in analysis.by_aspect("specificity") if i.level == "good")
    words = covered(METRICS, praise)
    for expected in ("March 2023", "Salesforce", "three weeks", "Python", "Jira"):
        assert expected in words
    assert "1,200 customers" in words
    assert "20%" in words
    assert "£40k" in words
    assert analysis.score("specificity") == 100


def test_it_asks_for_a_number_when_there_is_none() -> None:
    answer = (
        "I worked with the design team on the new sign-up flow and helped them improve it a lot "
        "over the summer, which everyone agreed was much better than before."
    )
    analysis = analyze_answer(CONFLICT, answer)
    assert any(i.level == "fix" and i.message.startswith("No numbers") for i in analysis.insights)


def test_it_points_out_vague_claims_with_no_evidence() -> None:
    answer = (
        "I'm a team player and I'm passionate about customers. "
        "I always go the extra mile for the people I work with and I never give up on a problem."
    )
    analysis = analyze_answer(CONFLICT, answer)
    flag = next(i for i in analysis.by_aspect("specificity") if "no evidence" in i.message)
    assert flag.level == "fix"
    assert covered(answer, flag) == [
        "I'm a team player",
        "I'm passionate about",
        "I always",
        "I never",
    ]


def test_a_claim_backed_by_a_figure_is_not_called_vague() -> None:
    answer = (
        "I'm a team player. Last quarter I covered 14 shifts for colleagues during the flu "
        "outbreak so the ward never ran short."
    )
    analysis = analyze_answer(CONFLICT, answer)
    assert not any("no evidence" in i.message for i in analysis.insights)


def test_it_lists_the_job_terms_used_and_the_ones_missing() -> None:
    context = AnswerContext(
        job_terms=("Salesforce", "stakeholder management", "forecasting"),
        requirements=("Strong SQL skills", "Experience with Jira and agile delivery"),
    )
    analysis = analyze_answer(LATE, METRICS, context)
    used = next(i for i in analysis.by_aspect("job terms") if i.level == "good")
    assert covered(METRICS, used) == ["Salesforce", "Jira"]
    # A term far from the question ("stakeholder management" for a late project) is not
    # pressed on every answer, nor are the words every requirement uses ("strong", "skills").
    assert not [i for i in analysis.by_aspect("job terms") if i.level == "info"]
    near = AnswerContext(job_terms=("Salesforce", "project recovery plan", "forecasting"))
    missing = next(
        i for i in analyze_answer(LATE, METRICS, near).by_aspect("job terms") if i.level == "info"
    )
    assert "project recovery plan" in missing.message
    assert "forecasting" not in missing.message and "skills" not in missing.message


def test_job_terms_match_other_forms_of_the_same_word() -> None:
    context = AnswerContext(job_terms=("stakeholder management",))
    answer = (
        "I ran the stakeholder managing sessions every Monday and I led stakeholder "
        "management for the whole programme of 6 teams."
    )
    analysis = analyze_answer(CONFLICT, answer, context)
    used = next(i for i in analysis.by_aspect("job terms") if i.level == "good")
    assert covered(answer, used) == ["stakeholder managing", "stakeholder management"]


def test_without_job_terms_there_is_no_job_terms_score() -> None:
    analysis = analyze_answer(LATE, METRICS)
    assert analysis.score("job terms") is None


def test_it_credits_synonyms_of_the_question_words() -> None:
    answer = (
        "Two engineers on my squad had a disagreement about code reviews, so I mediated a short "
        "meeting where we agreed on a checklist that cut review time by 2 days."
    )
    analysis = analyze_answer(CONFLICT, answer)
    relevance = analysis.by_aspect("relevance")[0]
    assert relevance.level == "good"
    assert "disagreement" in covered(answer, relevance)


def test_an_off_topic_answer_is_told_so_and_gets_no_praise() -> None:
    answer = (
        "I enjoy cooking Italian food at weekends and hiking in the mountains with my dog, which "
        "keeps me fit and relaxed for the busy week ahead at the office."
    )
    analysis = analyze_answer(CONFLICT, answer)
    flag = analysis.by_aspect("relevance")[0]
    assert flag.level == "fix"
    assert "does not seem to answer the question" in flag.message
    assert "good" not in levels(analysis.insights)
    assert "does not seem to address the question" in analysis.summary
    assert analysis.next_steps[0] == "Answer the question that was asked, in your first sentence."


def test_a_plugged_in_scorer_decides_relevance() -> None:
    calls: list[tuple[str, str]] = []

    def scorer(question: str, answer: str) -> float:
        calls.append((question, answer))
        return 0.1

    analysis = analyze_answer(LATE, METRICS, relevance_scorer=scorer)
    assert calls == [(LATE, METRICS)]
    assert analysis.score("relevance") == 10
    assert "good" not in levels(analysis.insights)
    scores = {s.aspect: s for s in analysis.scores}
    assert "semantic similarity 0.10" in scores["relevance"].reasons


def test_a_stakeholder_story_in_other_words_counts_as_on_topic() -> None:
    from nextround.coach.analysis import analyze_answer

    answer = (
        "Our marketing director disputed the churn figures before a board review. "
        "I met her twice, rebuilt the measure with her team and the board adopted it."
    )
    result = analyze_answer("Tell me about a time you handled a difficult stakeholder.", answer)
    relevance = result.by_aspect("relevance")
    assert [i.level for i in relevance] == ["good"]
    quoted = {answer[s.start : s.end] for i in relevance for s in i.spans}
    assert {"disputed", "director"} <= quoted


def test_an_acronym_of_the_job_is_not_found_in_an_ordinary_word() -> None:
    context = AnswerContext(job_terms=("SEND", "EHCP"))
    answer = (
        "I asked the office to send a letter home that afternoon, then I phoned the parent "
        "myself and we agreed a report card for two weeks, after which his detentions stopped."
    )
    analysis = analyze_answer("Tell us about a difficult conversation with a parent.", answer,
                              context)  # fmt: skip
    assert not [i for i in analysis.by_aspect("job terms") if i.level == "good"]
    from nextround.coach.probes import follow_ups

    question = "Tell us about a difficult conversation with a parent."
    asked = follow_ups(question, answer, analysis, skills=("SEND", "EHCP"), limit=5)
    assert not any("send" in f.reason.lower() for f in asked)


def test_a_story_whose_steps_read_as_its_scene_is_asked_about_not_told_it_has_none() -> None:
    answer = (
        "When I was cabin crew, a Rome to London flight with 180 passengers was diverted to Lyon "
        "and we were stuck for five hours. As the senior crew member at the rear I gave an update "
        "every 20 minutes even when there was no news, arranged water and food with the ground "
        "staff and sorted onward connections for twelve passengers with the captain. There were "
        "no formal complaints from the flight and I received a commendation."
    )
    analysis = analyze_answer(
        "Tell me about a time you kept customers calm when things went wrong.", answer
    )
    told = [i.message for i in analysis.by_aspect("structure")]
    assert not any(m.startswith(("No action", "No task")) for m in told), told
