"""Likely questions on a quantity surveyor's second round: no invented feedback, no question
twice, requirements said in good grammar or quoted, and the set task among the five."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import pytest

from nextround.coach.brief import Brief, BriefInput, PersonText, RoundInfo, build_brief
from nextround.coach.debrief import AskedText, FeedbackText
from nextround.coach.evidence import RequirementText, StoryText
from nextround.coach.likely import asked_for

TODAY = dt.date(2026, 12, 2)
ROUND = RoundInfo(2, 1, 2, "on-site", "panel", "delve-deeper", dt.date(2026, 12, 10))
PANEL = (
    PersonText(
        1, "Martin Ellery", "Commercial Manager", "hiring-manager", "manager", met_in_rounds=(1,)
    ),
    PersonText(2, "Sandra Okoye", "Commercial Director", "senior-executive", "director"),
    PersonText(3, "Lewis Pratt", "Project Manager", "team-member", "senior"),
)
QUESTIONS = (
    AskedText(
        1,
        1,
        "Talk me through how you prepare a monthly CVR.",
        "Walked through cost to date from the ledger, accruals, committed subcontract costs, "
        "forecast to complete, risk and opportunity register.",
        4,
        "positive",
    ),
    AskedText(
        2,
        1,
        "Tell me about a time you managed a compensation event under NEC4.",
        "Explained clause 60.1 events and the PM's assessment. Did not give a real example.",
        2,
        "neutral",
    ),
    AskedText(
        3,
        1,
        "What's the largest final account you've agreed?",
        "£8.2m health centre at Castleford; I prepared it but Graham (senior QS) signed off.",
        3,
        "negative",
    ),
)
FEEDBACK = FeedbackText(
    4,
    1,
    "Feedback from Martin: he really liked how well you know your CVRs, and your answer on the "
    "subcontractor payment dispute went down very well. He wasn't convinced you have led a "
    "final account over £10m yourself, and he'd like to hear more about how you handle "
    "compensation events under NEC4 – he felt that answer stayed at the level of the clauses. "
    "Sandra Okoye (Commercial Director) will want to go deeper into commercial risk and how "
    "you protect margin.",
    "consultant",
)
LOGISTICS = (
    "Logistics: - Thursday 10 December, 10:00 to 12:30, at Harrowgate Build, Leeds. "
    "There is a 45-minute written exercise on the day: you will be given a valuation pack and "
    "asked to prepare an interim valuation and flag the risks. Bring a calculator; laptops are "
    "provided."
)
REQUIREMENTS = (
    RequirementText(10, "Experience of agreeing final accounts on projects over £10m", "must"),
    RequirementText(11, "Preparing accurate monthly CVRs and cost forecasts", "must"),
    RequirementText(12, "Confident negotiator with clients and supply chain", "must"),
    RequirementText(
        13,
        "Prepare monthly cost value reconciliations (CVRs) and forecasts for your projects",
        "duty",
    ),
    RequirementText(14, "Confident using PMR systems and service platforms", "must"),
)
STORIES = (
    StoryText(
        20,
        "Final account on Castleford health centre",
        situation="An £8.2m NHS health centre at Castleford under JCT Design and Build 2016 had "
        "160 variations and a disputed £410k of loss and expense.",
        task="I was the QS preparing the final account; Graham, the senior QS, held the sign-off.",
        action="I built the final account from the variation log and ran the weekly meetings "
        "with the employer's agent to close out the variations line by line.",
        result="The final account was agreed at £8.74m within 5 months of practical completion.",
        skills=("final accounts", "JCT"),
    ),
    StoryText(
        21,
        "NEC4 compensation events on Wakefield secondary school",
        situation="On a £14.3m secondary school extension at Wakefield under NEC4 Option C, "
        "design changes generated 38 compensation events in eight months.",
        task="As the project QS I was responsible for notifying, pricing and agreeing every "
        "compensation event with the client's PM.",
        action="I set up a CE register tied to the programme and priced quotations from "
        "Defined Cost.",
        result="All 38 CEs were agreed within the contract timescales and £1.12m was added to "
        "the Prices.",
        skills=("NEC4", "compensation events"),
    ),
)


def case(**changes: object) -> BriefInput:
    values: dict[str, object] = {
        "company": "Harrowgate Build",
        "role": "Senior Quantity Surveyor",
        "round": ROUND,
        "today": TODAY,
        "has_job_description": True,
        "earlier_rounds": (1,),
        "panel": PANEL,
        "questions": QUESTIONS,
        "feedback": (FEEDBACK,),
        "requirements": REQUIREMENTS,
        "stories": STORIES,
        "field": "construction",
        "field_label": "construction",
        "logistics_texts": (("Your consultant's email", LOGISTICS),),
    }
    values.update(changes)
    return BriefInput(**values)  # type: ignore[arg-type]


def texts(brief: Brief) -> list[str]:
    return [q.text for q in brief.likely_questions]


def presuming_bank() -> dict[str, dict[str, object]]:
    raw = resources.files("nextround.coach").joinpath("data", "question_bank.json").read_text()
    return {q["text"]: q for q in json.loads(raw)["questions"]}


# What a question says was said or found before: feedback, a concern, a topic of last time.
CLAIMS = re.compile(
    r"\b(?:feedback (?:from|was)|concern (?:from|after)|our concern|we felt|the panel felt|"
    r"last time we talked|you described|colleague who met you|team told me|"
    r"told you about at the first)\b",
    re.I,
)


def test_every_bank_question_that_states_past_feedback_says_what_it_rests_on() -> None:
    bank = presuming_bank()
    claiming = [text for text in bank if CLAIMS.search(text)]
    assert len(claiming) >= 8
    for text in claiming:
        assert "presumes" in bank[text], text


def test_no_likely_question_invents_feedback_the_record_does_not_hold() -> None:
    invented = {t for t in presuming_bank() if CLAIMS.search(t)}
    # Twenty employers: the bank's staples are drawn by a seed of the company's name.
    for n in range(20):
        asked = set(texts(build_brief(case(company=f"Harrowgate Build {n}"))))
        assert not asked & invented, asked & invented
    quiet = FeedbackText(
        5, 1, "Martin felt you seemed a bit quiet in the first half.", "consultant"
    )
    staple = "The feedback from round one was that you seemed quiet. How would you respond to that?"
    assert any(
        staple in texts(build_brief(case(company=f"Harrowgate {n}", feedback=(FEEDBACK, quiet))))
        for n in range(40)
    )


def test_a_round_one_question_already_asked_as_a_doubt_or_probe_is_listed_once() -> None:
    asked = texts(build_brief(case()))
    # The doubt about leading a £10m final account is that question, deeper.
    assert "What's the largest final account you've agreed?" not in asked
    assert "Tell me about a time you managed a compensation event under NEC4." not in asked
    # The must-have and the duty on monthly CVRs, and the round-one CVR question: one question.
    cvr = [t for t in asked if "CVR" in t or "cost value reconciliations" in t]
    assert len(cvr) == 1, cvr


def test_two_bank_questions_about_other_applications_are_one_question() -> None:
    final = RoundInfo(2, 1, 2, "video", "panel", "final", dt.date(2026, 12, 8))
    elsewhere = re.compile(
        r"other (?:applications|interviews|jobs)|else have you applied|in the running", re.I
    )
    for company in ["Wellbridge Pharmacy Group", *(f"Wellbridge Pharmacy {n}" for n in range(20))]:
        pharmacist = case(
            company=company, role="Clinical Services Lead Pharmacist", round=final, field=None
        )
        brief = build_brief(pharmacist)
        found = [t for t in texts(brief) if elsewhere.search(t)]
        assert len(found) <= 1, found


def test_a_requirement_is_said_as_a_noun_phrase_or_quoted_never_spliced() -> None:
    asked = texts(build_brief(case()))
    assert (
        "The job asks for a confident negotiator with clients and supply chain. What is your "
        "strongest example of it, in detail?"
    ) in asked
    assert (
        "The job lists “Confident using PMR systems and service platforms”. What is your "
        "strongest example of it, in detail?"
    ) in asked
    assert not any(re.search(r"asks for (?:confident|preparing)\b", t) for t in asked), asked


def test_the_set_task_of_the_day_is_among_the_five_to_rehearse() -> None:
    brief = build_brief(case())
    five = [q for q in brief.likely_questions if q.rehearse]
    task = next(q for q in five if q.category == "task")
    # A written exercise is practised as one: time to plan, to write and to check.
    assert task.text.startswith(
        "Practise a 45-minute written exercise against the clock before the day: about 10 "
        "minutes to plan, 30 to write and 5 to check"
    )
    assert "prepare an interim valuation and flag the risks" in task.why
    # Every doubt is still in the five.
    assert sum(q.category in ("concern", "focus") for q in five) == 3
    plan = (
        "You'll have a 40-minute panel with Paul Renshaw (Operations Director), then a "
        "30-minute case study on a shift-pattern change, then a tour of the warehouse floor."
    )
    brief = build_brief(case(logistics_texts=(("Your consultant's email", plan),)))
    task = next(q for q in brief.likely_questions if q.category == "task")
    assert task.rehearse and task.text.startswith("Prepare for the 30-minute case study:")
    assert "“a 30-minute case study on a shift-pattern change”" in task.why
    for none in (
        "There is no presentation or written exercise this time, just the panel.",
        "Please join 5 minutes early to test your camera and screen share.",
    ):
        brief = build_brief(case(logistics_texts=(("The invite", none),)))
        assert not any(q.text.startswith("Prepare and time") for q in brief.likely_questions)


def test_a_lesson_to_teach_or_a_plan_to_bring_is_the_set_task_and_a_projector_no_presentation() -> (
    None
):
    lesson = (
        "09:30 Teach a 30-minute Year 9 lesson on rates of reaction (observed by the Head). "
        "A data projector is available."
    )
    brief = build_brief(case(logistics_texts=(("The invite", lesson),)))
    task = next(q for q in brief.likely_questions if q.category == "task")
    assert task.rehearse and task.text.startswith("Plan the 30-minute lesson to the minute")
    assert "how it went and what you would change" in task.text
    steps = [entry.label for entry in brief.checklist]
    assert any(label.startswith("Finish the lesson plan") for label in steps)
    # "A data projector is available" sets no presentation to finish.
    assert not any("presentation" in label for label in steps), steps

    plan = "Please bring a one-page 100-day plan for the hotel and your headline figures."
    brief = build_brief(case(logistics_texts=(("The invite", plan),)))
    task = next(q for q in brief.likely_questions if q.category == "task")
    assert task.text.startswith("Write the one-page 100-day plan they asked for, bring copies")
    assert task.why.startswith("Something to prepare and bring.")
    assert "Write what they asked you to bring, and print copies" in [
        e.label for e in brief.checklist
    ]


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        ("a degree in quantity surveying", "a degree in quantity surveying"),
        (
            "confident negotiator with clients and supply chain",
            "a confident negotiator with clients and supply chain",
        ),
        ("excellent communicator", "an excellent communicator"),
        ("proven track record of growing accounts", "a proven track record of growing accounts"),
        ("full UK driving licence", "a full UK driving licence"),
        ("working knowledge of NEC3/NEC4 and JCT", "working knowledge of NEC3/NEC4 and JCT"),
        ("strong Excel skills", "strong Excel skills"),
        ("confident using PMR systems and service platforms", ""),
        ("preparing accurate monthly CVRs and cost forecasts", ""),
        ("able to work under pressure", ""),
    ],
)
def test_a_requirement_reads_after_asks_for_only_as_a_noun_phrase(phrase: str, said: str) -> None:
    assert asked_for(phrase) == said


def test_a_focus_area_that_looks_ahead_asks_for_the_plan_not_a_past_example() -> None:
    said = (
        "Henrik will want to go deeper into your commercial plan for the weddings business. "
        "Dana will want to go deeper into your stakeholder management."
    )
    brief = build_brief(case(feedback=(FeedbackText(9, 1, said, "consultant"),)))
    asked = {q.text for q in brief.likely_questions if q.category == "focus"}
    assert (
        "Let's go deeper into your commercial plan for the weddings business. Take us through "
        "it step by step: what you would do first, the numbers behind it, and how you would "
        "know it was working."
    ) in asked
    assert (
        "Let's go deeper into your stakeholder management. Take us through your most detailed "
        "example, step by step."
    ) in asked
