"""Faults a career coach found on fresh cases: a pharmacist, a head of year, a transport manager."""

from __future__ import annotations

from nextround.coach.analysis import AnswerContext, analyze_answer
from nextround.coach.probes import follow_ups

SCHOOL = (
    "At St Aldhelm's I was head of year 9 when a parent complained that her son was being "
    "bullied on the bus home. I met the family the next morning, spoke to the four pupils "
    "involved and agreed a seating plan with the bus company. I checked in with him every week "
    "for a term. By Easter the incidents had stopped and his attendance rose from 82% to 96%."
)
ROTA = (
    "Our depot in Leeds was missing about 30 shifts a week and the drivers' union had lodged a "
    "formal complaint about the rota. I met the Unite rep weekly and agreed a new rota where "
    "nobody was called in on a rest day, because the problem was that the old one broke every "
    "agreement. I went through six months of sickness records with HR when there were still "
    "twelve drivers off, and I found that most absences followed late-then-early turns. I moved "
    "the spare drivers onto the routes that kept failing and trained two supervisors to cover "
    "the control room in the middle of the night. Missed shifts fell from 30 to 8 a week "
    "within three months."
)
ROTA_QUESTION = "Tell me about a time you fixed a rota problem with a union."


def messages(analysis: object, aspect: str) -> list[str]:
    return [i.message for i in analysis.by_aspect(aspect)]  # type: ignore[attr-defined]


def test_a_title_or_abbreviation_alone_is_no_concrete_detail() -> None:
    analysis = analyze_answer(
        "Tell me about a time you dealt with bullying as head of year.", SCHOOL
    )
    detail = " ".join(messages(analysis, "specificity"))
    assert "St Aldhelm's" in detail
    # "St" is there only as part of the school's name.
    assert detail.count("St") == detail.count("St Aldhelm's")


def test_everyday_words_that_name_tools_elsewhere_are_no_detail() -> None:
    analysis = analyze_answer(ROTA_QUESTION, ROTA)
    detail = " ".join(messages(analysis, "specificity"))
    assert "Unite" in detail
    # "a rest day" is not the REST of web services.
    assert " rest" not in detail.lower().replace("rest day", "")


def test_first_person_past_actions_are_read_as_action_despite_context_words() -> None:
    analysis = analyze_answer(ROTA_QUESTION, ROTA)
    labels = [s.label for s in analysis.star]
    assert labels[1:4] == ["action", "action", "action"]
    structure = " ".join(messages(analysis, "structure"))
    assert "describe what you did" not in structure or "Only" not in structure


PHARMACY = (
    "On the surgical ward I was the pharmacist on call when a nurse rang at 2am about an IV "
    "antibiotic dose that looked high for a patient with poor kidney function. I checked the "
    "latest creatinine on EPMA, recalculated the dose and agreed a reduced regimen with the "
    "registrar. Last spring I wrote the ward's renal dosing guide, and errors of this kind fell "
    "from six a month to one."
)


def test_a_medical_abbreviation_or_a_season_is_not_probed_as_a_tool() -> None:
    question = "Tell me about a time you prevented a medication error."
    analysis = analyze_answer(question, PHARMACY)
    asked = [f.text for f in follow_ups(question, PHARMACY, analysis)]
    assert not any("IV" in text or "spring" in text for text in asked)
    assert not any("how exactly did you use it" in text for text in asked)


def test_a_key_term_of_the_job_gets_a_depth_question_that_fits_it() -> None:
    question = "Tell me about a time you prevented a medication error."
    analysis = analyze_answer(question, PHARMACY)
    skill = follow_ups(question, PHARMACY, analysis, skills=("EPMA",), limit=5)
    probe = next(f for f in skill if f.kind == "skill")
    assert "how exactly did you use it" not in probe.text
    assert "in more detail" in probe.text and "EPMA" in probe.reason


def test_a_known_tool_is_still_asked_how_it_was_used() -> None:
    question = "Tell me about a time you improved a report."
    answer = (
        "The weekly punctuality report took a day to build by hand. I rebuilt it in Tableau "
        "from the ticketing data, and I met the depot managers to agree the measures. It now "
        "refreshes overnight and the managers use it every Monday."
    )
    asked = follow_ups(question, answer, analyze_answer(question, answer), limit=5)
    assert any("how exactly did you use it" in f.text for f in asked if f.kind == "skill")


CLICHES = (
    "I'm really passionate about pupils and I always go the extra mile for them. I like to "
    "think outside the box when problems come up, and I'm a real team player. At the end of the "
    "day, the child comes first, full stop, and I bring a can-do attitude to everything I do."
)


def test_every_cliche_is_flagged_and_an_answer_of_cliches_is_not_well_delivered() -> None:
    analysis = analyze_answer("Why do you want to be head of year at a school like ours?", CLICHES)
    flag = next(i for i in analysis.by_aspect("delivery") if i.code == "cliche")
    for said in ("passionate about", "go the extra mile", "think outside the box", "team player"):
        assert said in flag.message
    assert "can-do attitude" in flag.message
    delivery = analysis.score("delivery")
    assert delivery is not None and delivery <= 80
    assert all(i.level != "good" for i in analysis.by_aspect("delivery"))


def test_the_filler_rate_quoted_is_the_candidates_and_compared_rightly() -> None:
    answer = (
        "So, um, basically the dispensary was, like, behind, you know, and um I sort of "
        "basically asked the technicians to, um, split the work, you know, by ward, and it was, "
        "like, fine in the end, basically."
    )
    analysis = analyze_answer("Tell me about a time your team fell behind.", answer)
    flag = next(i for i in analysis.by_aspect("delivery") if i.code == "filler")
    assert "a minute spoken): " in flag.message
    own = float(flag.message.split("about ")[1].split(" a minute")[0])
    assert own > 4.8
    assert "the 4.8 a minute of hesitant speech" in flag.message
    assert "at the level of" not in flag.message


def test_a_direct_answer_to_a_follow_up_is_not_told_to_develop_a_career_summary() -> None:
    question = "What did you personally do, as opposed to the rest of the team?"
    answer = (
        "I rewrote the rota myself over a weekend and took it to the Unite rep on the Monday, "
        "before anyone else saw it."
    )
    for context in (AnswerContext(), AnswerContext(follow_up=True)):
        analysis = analyze_answer(question, answer, context)
        said = " ".join(messages(analysis, "length"))
        assert "career summary" not in said and "Develop" not in " ".join(analysis.next_steps)
        assert "short for" not in said


def test_a_one_line_answer_to_a_follow_up_flag_still_needs_some_substance() -> None:
    analysis = analyze_answer(
        "Tell me about yourself.", "Pharmacist.", AnswerContext(follow_up=True)
    )
    assert any(i.code == "too-short" for i in analysis.by_aspect("length"))
