"""A head of science's final round, read as a coach would: the follow-up she was asked comes
back, a doubt's question is asked once, the counter and the doubt name the same story, and
neither a note nor a doubt is pinned on an answer it only resembles."""

from __future__ import annotations

import datetime as dt

from nextround.coach.brief import Brief, BriefInput, PersonText, RoundInfo, build_brief
from nextround.coach.debrief import AskedText, FeedbackText, analyse_debrief
from nextround.coach.evidence import RequirementText, StoryText

ROUND = RoundInfo(2, 1, 2, "on-site", "panel", "final", dt.date(2026, 12, 10))
PANEL = (
    PersonText(
        1, "Priya Nair", "Deputy Headteacher", "hiring-manager", "director", met_in_rounds=(1,)
    ),
    PersonText(3, "David Ashworth", "Headteacher", "senior-executive", "executive"),
)
UNDERPERFORMING = AskedText(
    3,
    1,
    "Describe how you have handled an underperforming member of staff.",
    "Talked about a supportive chat and CPD; no outcome, no formal process.",
    2,
    "negative",
    follow_up="What would you do if things didn't improve after support?",
)
DATA = AskedText(
    5, 1, "How do you use data to monitor pupil progress?", "SISRA, question-level analysis.", 3,
    "neutral",
)  # fmt: skip
PREMIUM = AskedText(
    2,
    1,
    "How would you raise attainment in GCSE science for disadvantaged pupils?",
    "My Year 11 Pupil Premium intervention narrowed the gap from -0.8 to -0.2.",
    4,
    "positive",
)
FEEDBACK = FeedbackText(
    7,
    1,
    "However, they weren't sure you have experience of managing a departmental budget, and "
    "they'd want to hear more about how you have held colleagues to account when performance "
    "slips.",
    "consultant",
)
ECT = StoryText(
    9,
    "Supporting a struggling early career teacher",
    situation="An early career teacher in my team was struggling with behaviour and marking.",
    action="I held weekly coaching meetings, set targets and held colleagues to account on "
    "marking with a review date.",
    result="His marking was up to date within six weeks.",
)


def case(**changes: object) -> BriefInput:
    values: dict[str, object] = {
        "company": "Northfield Academy",
        "role": "Head of Science",
        "round": ROUND,
        "today": dt.date(2026, 12, 4),
        "has_job_description": True,
        "earlier_rounds": (1,),
        "panel": PANEL,
        "questions": (UNDERPERFORMING, DATA, PREMIUM),
        "feedback": (FEEDBACK,),
        "requirements": (RequirementText(10, "Excellent classroom practice", "must"),),
        "stories": (ECT,),
        "field": "teaching",
        "field_label": "teaching",
        "impressed": ((1, "The Pupil Premium results and the clear safeguarding answer."),),
    }
    values.update(changes)
    return BriefInput(**values)  # type: ignore[arg-type]


def alike(a: str, b: str) -> float:
    """Cosines as the sentence model gives them for these texts: the note on the Pupil Premium
    results reads closest to the data answer, the budget doubt close to the staff answer."""
    pairs = {
        ("Pupil Premium results", "monitor pupil progress"): 0.63,
        ("Pupil Premium results", "disadvantaged pupils"): 0.49,
        ("departmental budget", "underperforming member"): 0.40,
        ("held colleagues to account", "underperforming member"): 0.55,
        ("held colleagues to account", "early career teacher"): 0.30,
    }
    for (x, y), value in pairs.items():
        if (x in a and y in b) or (x in b and y in a):
            return value
    return 0.0


def brief() -> Brief:
    return build_brief(case(), alike)


def test_the_follow_up_she_was_asked_comes_back_and_the_doubted_answer_is_asked_once() -> None:
    likely = brief().likely_questions
    said = [q.text for q in likely]
    assert "What would you do if things didn't improve after support?" in said
    follow = next(q for q in likely if q.text.startswith("What would you do if things"))
    assert follow.category == "follow-up" and "Asked as a follow-up in round 1" in follow.why
    assert said.count(UNDERPERFORMING.text) <= 1
    # The doubt about holding colleagues to account asks it; no "Asked before" copy of it.
    assert not any(q.category == "repeat" and q.text == UNDERPERFORMING.text for q in likely)


def test_a_doubt_is_pinned_only_on_an_answer_it_shares_words_with() -> None:
    result = analyse_debrief(
        [UNDERPERFORMING, DATA, PREMIUM], [FEEDBACK], similarity=alike, notes=[]
    )
    by_topic = {r.topic: r.question_id for r in result.concerns}
    assert by_topic["your experience of managing a departmental budget"] is None
    [countered] = result.counter
    assert "budget" not in countered.why and "held colleagues to account" in countered.why


def test_a_note_that_only_reads_like_a_middling_answer_decides_nothing() -> None:
    result = analyse_debrief(
        [UNDERPERFORMING, DATA, PREMIUM],
        [],
        similarity=alike,
        notes=[(1, "The Pupil Premium results and the clear safeguarding answer.", "")],
    )
    assert DATA.id not in {p.question_id for p in (*result.reinforce, *result.counter)}
    # It named the Pupil Premium answer in its words: that one is built on.
    assert PREMIUM.id in {p.question_id for p in result.reinforce}


def test_the_counter_offers_the_story_the_doubt_offers_never_none() -> None:
    made = brief()
    doubt = next(d for d in made.doubts if "held colleagues" in d.label)
    assert doubt.story is None and doubt.maybe is not None
    [advice] = made.counter_advice
    assert advice.startswith(f"Your story “{ECT.title}” might answer it")


INVITE = (
    "Programme: 08:45 tour with sixth-form students; 09:30 teach a 40-minute Year 9 lesson on "
    'rates of reaction; 11:00 student panel; 13:00 a 10-minute presentation, "Your vision for '
    'science at Northfield", followed by a 45-minute formal interview.'
)


def test_every_set_part_of_the_day_is_prepared_not_only_the_first() -> None:
    made = build_brief(case(logistics_texts=(("The invite", INVITE),)), alike)
    tasks = [q.text for q in made.likely_questions if q.category == "task"]
    assert tasks[0].startswith("Plan the 40-minute lesson")
    assert any(
        "10-minute presentation on “Your vision for science at Northfield”" in t for t in tasks
    )
    assert any(t.startswith("Prepare for the student panel") for t in tasks)


def test_a_case_review_and_a_case_discussion_are_two_tasks() -> None:
    invite = (
        "13:30 you will be given a patient case to review for 20 minutes (BNF provided). "
        "13:50 a 15-minute clinical case-based discussion with Helen Marsh."
    )
    made = build_brief(case(logistics_texts=(("The invite", invite),)), alike)
    tasks = [q.text for q in made.likely_questions if q.category == "task"]
    assert len(tasks) == 2
    assert "20-minute patient case" in tasks[0]
    assert "15-minute clinical case-based discussion" in tasks[1]


def test_a_course_not_yet_started_is_answered_with_a_plan_and_linked_by_its_words() -> None:
    feedback = FeedbackText(
        8,
        1,
        "We noticed you haven't started the postgraduate diploma yet. They weren't sure how "
        "you would cope with prioritising a caseload on a busy ward.",
        "interviewer",
    )
    requirements = (
        RequirementText(
            20, "Postgraduate Diploma in Clinical Pharmacy, or willingness to complete it"
        ),
        RequirementText(21, "Prioritise a caseload of patients by clinical risk"),
        RequirementText(22, "Take part in multidisciplinary ward rounds"),
    )

    def ward(a: str, b: str) -> float:
        return 0.58 if "busy ward" in a and "ward rounds" in b else 0.37 if "busy ward" in a else 0

    made = build_brief(case(feedback=(feedback,), requirements=requirements, stories=()), ward)
    diploma = next(d for d in made.doubts if "diploma" in d.label)
    assert diploma.gap.startswith("Something to take on once you join")
    caseload = next(d for d in made.doubts if "caseload" in d.label)
    assert caseload.requirement == "Prioritise a caseload of patients by clinical risk"


def test_a_time_given_for_parking_changes_the_arrival_advice_and_a_fact_is_said_once() -> None:
    from nextround.coach.brief import brief_to_dict
    from nextround.formats.brief_render import night_before

    invite = (
        "Parking is pay and display; allow 20 minutes to find a space. Bring: photo ID, "
        "original degree and QTS certificates for the DBS/ID check, three printed copies of "
        "your lesson plan."
    )
    made = build_brief(case(logistics_texts=(("The invite", invite),)), alike)
    assert not any("aim to arrive 10 to 15 minutes early" in line for line in made.logistics)
    assert any("allow the time they give for parking" in line for line in made.logistics)
    day = next(s for s in night_before(brief_to_dict(made)) if s.key == "day")
    lines = [item.text for item in day.items]
    assert len(lines) == len(set(lines)) and any("Bring: photo ID" in x for x in lines)


def test_a_thin_story_tagged_with_the_doubt_is_named_to_build_out() -> None:
    ordering = StoryText(
        11,
        "Science department ordering",
        action="I made a spreadsheet.",
        result="It was fine.",
        skills=("budget",),
    )
    made = build_brief(case(stories=(ECT, ordering)), alike)
    budget = next(d for d in made.doubts if "budget" in d.label)
    assert budget.label == "your experience of managing a departmental budget"
    assert budget.story is None
    assert budget.gap.startswith("Your story “Science department ordering” is about this but")
    first = made.likely_questions[0].text
    assert first.startswith("Can you tell us more about your experience of managing")


def test_a_tools_question_that_fell_flat_is_put_right_with_facts_not_a_story() -> None:
    tools = AskedText(
        12, 1, "Which customer success tools have you used?", "Only HubSpot, vaguely.", 2,
        "negative",
    )  # fmt: skip
    made = build_brief(case(questions=(tools,), feedback=()), alike)
    [advice] = made.counter_advice
    assert advice.startswith("Answer it plainly this time, with facts")


def test_not_having_used_a_tool_is_a_doubt_and_no_logistics_fact() -> None:
    email = FeedbackText(
        13,
        1,
        "They also noticed you haven't used Gainsight, so be ready to talk about how quickly "
        "you pick up new tools.",
        "consultant",
    )
    made = build_brief(
        case(feedback=(email,), logistics_texts=(("Your consultant's email", email.text),)),
        alike,
    )
    assert any(d.label == "using Gainsight" and d.kind == "concern" for d in made.doubts)
    assert not any("Gainsight" in line for line in made.logistics)


def test_a_doubt_about_what_you_would_do_asks_for_a_plan_not_a_past_story() -> None:
    email = FeedbackText(
        14,
        1,
        "They'd like to hear more about how you would prioritise a book of 50 accounts.",
        "consultant",
    )
    made = build_brief(case(feedback=(email,), stories=()), alike)
    [doubt] = made.doubts
    assert doubt.gap.startswith("Prepare your plan for how you would prioritise a book")
    assert "what happened" not in doubt.gap


def test_the_counter_names_the_story_of_a_doubt_about_what_the_answer_asked() -> None:
    roadmap = AskedText(
        15, 1, "How do you prioritise a roadmap when everything is urgent?", "RICE, vaguely.", 2,
        "negative",
    )  # fmt: skip
    email = FeedbackText(16, 1, "She'd like to see more structure on prioritisation.", "consultant")
    cro = StoryText(
        17,
        "Saying no to the CRO",
        situation="Sales wanted a bespoke feature for one client.",
        action="I scored it with RICE against the roadmap and wrote a one-pager.",
        result="The CRO agreed to drop it; we shipped the payouts work a month early.",
    )
    roadmap_req = RequirementText(30, "Structure and prioritisation of a product roadmap", "must")
    made = build_brief(
        case(
            questions=(roadmap,),
            feedback=(email,),
            stories=(cro,),
            requirements=(roadmap_req,),
            links=((30, 17),),
        ),
        lambda a, b: 0.0,
    )
    [doubt] = made.doubts
    assert doubt.question == "" and doubt.story is not None  # not pinned on the answer
    [advice] = made.counter_advice
    assert advice.startswith("This time, answer it with your story “Saying no to the CRO”")


def test_a_squad_or_a_ward_takes_no_team_after_it_in_an_ask() -> None:
    from dataclasses import replace

    for team, said in (
        ("Payouts squad", "What is the Payouts squad's biggest focus"),
        ("Payments team", "What is the Payments team's biggest focus"),
        ("Data", "What is the Data team's biggest focus"),
    ):
        dev = PersonText(4, "Dev Patel", "Staff Engineer", "technical", "senior", team=team)
        made = build_brief(replace(case(), panel=(dev,)), alike)
        asks = [a.text for person in made.people for a in person.questions_to_ask]
        assert any(a.startswith(said) for a in asks), asks
        assert not any("squad team" in a for a in asks)


def test_a_doubt_about_what_you_would_do_is_asked_as_a_plan_not_for_a_real_example() -> None:
    email = FeedbackText(
        18,
        1,
        "They weren't sure how you would cope with prioritising a caseload on a busy ward.",
        "interviewer",
    )
    made = build_brief(case(feedback=(email,), stories=()), alike)
    first = made.likely_questions[0]
    assert first.category == "concern"
    assert first.text.startswith("Can you talk us through how you would cope with prioritising")
    assert "a real example" not in first.text


def test_when_the_invite_says_who_covers_what_nobody_is_told_to_find_it_out() -> None:
    from dataclasses import replace

    invite = (
        "13:50 a 15-minute clinical case-based discussion with Helen Marsh. 14:15 a 40-minute "
        "values-based panel interview with Sarah Whitfield."
    )
    panel = (
        PersonText(5, "Helen Marsh", "Education Lead Pharmacist", "technical", "senior"),
        PersonText(6, "Sarah Whitfield", "Lead Pharmacist", "hiring-manager", "manager"),
    )
    told = build_brief(replace(case(logistics_texts=(("The invite", invite),)), panel=panel), alike)
    assert not any("who covers what" in line for line in told.logistics)
    untold = build_brief(replace(case(), panel=panel), alike)
    assert any("who covers what" in line for line in untold.logistics)


def test_slides_sent_ahead_on_their_laptop_need_no_usb_stick_or_handouts() -> None:
    from dataclasses import replace

    said = (
        "The 15-minute presentation is on the Kestrel account plan. Please email your slides "
        "to Emma by 12:00 on Monday and bring your laptop."
    )
    pitch = replace(ROUND, kind="presentation")
    told = build_brief(case(round=pitch, logistics_texts=(("The invite", said),)), alike)
    assert not any("USB" in line or "handout" in line.lower() for line in told.logistics)
    assert not any("USB" in b or "andouts" in b for b in told.bring)
    untold = build_brief(case(round=pitch), alike)
    assert any("USB" in b for b in untold.bring)


def test_the_values_an_invite_names_each_get_an_example_to_prepare() -> None:
    from nextround.coach.likely import named_values

    invite = (
        "14:15 a 40-minute values-based panel interview, based on the Trust values: "
        "Compassion, Respect, Integrity and Teamwork. Please bring photo ID."
    )
    assert named_values([invite]) == ("Compassion", "Respect", "Integrity", "Teamwork")
    assert named_values(["Our values are: Working together, Aiming high and Respect."]) == (
        "Working together",
        "Aiming high",
        "Respect",
    )
    assert named_values(["We value your time and will be in touch."]) == ()
    made = build_brief(case(logistics_texts=(("The invite", invite),)), alike)
    said = [q.text for q in made.likely_questions]
    assert any(
        t.startswith(
            "Have one real example ready for each of their values, Compassion, Respect, "
            "Integrity and Teamwork"
        )
        for t in said
    ), said


def test_a_tool_never_used_is_asked_how_you_would_approach_it_not_for_an_example() -> None:
    email = FeedbackText(
        19, 1, "They also noticed you haven't used Gainsight.", "consultant"
    )  # fmt: skip
    made = build_brief(case(feedback=(email,), stories=()), alike)
    [doubt] = made.doubts
    assert doubt.gap.startswith("Something you have not done yet, not a story to write")
    first = made.likely_questions[0].text
    assert first.startswith("You have not done this yet, so they will ask: how would you approach")
    assert "a real example" not in first
