"""Follow-up notes as the candidate reads them: a data engineer, a nurse and a marketer."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from nextround.coach import note_templates
from nextround.coach.followup import (
    Doubt,
    FollowUpError,
    InterviewerInfo,
    NextRound,
    Note,
    NoteContext,
    Point,
    RoundState,
    chase_date,
    chaser_blocked,
    chaser_note,
    consultant_note,
    default_chase_date,
    first_name,
    offer_time_request,
    proposed_reply_by,
    recall_topics,
    same_person,
    strong_points,
    thank_you_due,
    thank_you_note,
    thank_you_notes,
)
from nextround.coach.note_templates import Name, NounPhrase, TemplateError, long_date
from nextround.coach.note_topics import requirement_phrase, topic_phrase

ROUND_DATE = date(2026, 11, 26)  # a Thursday


def verbatim_runs(text: str, source: str, n: int = 6) -> list[str]:
    """Runs of n or more words of source that appear word for word in text."""

    def words(s: str) -> list[str]:
        return re.findall(r"[\w']+", s.casefold().replace("’", "'"))

    body = " " + " ".join(words(text)) + " "
    said = words(source)
    return [
        " ".join(said[i : i + n])
        for i in range(len(said) - n + 1)
        if " " + " ".join(said[i : i + n]) + " " in body
    ]


def paragraphs(note: Note) -> list[str]:
    """The note's paragraphs between the greeting and the sign-off."""
    return note.body.split("\n\n")[1:-1]


# The data engineer: a delve-deeper panel after feedback that doubted her mentoring.
DE_QUESTIONS = {
    "tom": ("Tell me how you have mentored a junior engineer",),
    "dana": ("How would you know a depot's scan data is wrong before I do?",),
}
DE_REQUIREMENTS = (
    "Mentor two junior engineers and review their code, pairing on designs as the team grows",
    "Experience with Apache Airflow",
)
DE_POINTS = (
    Point("mentoring junior engineers", DE_REQUIREMENTS[0], "Onboarding the graduates", True, 1),
    Point("Apache Airflow", DE_REQUIREMENTS[1], "Moving 140 cron jobs to Airflow", True, 2),
)
DE_DOUBTS = (Doubt("how you mentor junior engineers", ("mentoring",), None),)
TOM = InterviewerInfo("Tom Okafor", "Head of Data", "senior-executive", DE_QUESTIONS["tom"])
DANA = InterviewerInfo("Dana Levi", "Operations Manager", "other", DE_QUESTIONS["dana"])


def de(person: InterviewerInfo, **changes: object) -> NoteContext:
    values: dict[str, object] = {
        "candidate_name": "Alex Morgan",
        "company": "Lumenfield Logistics",
        "role": "Senior Data Engineer",
        "round_number": 2,
        "round_date": ROUND_DATE,
        "interviewer": person,
        "points": strong_points(DE_POINTS, DE_DOUBTS),
    }
    values.update(changes)
    return NoteContext(**values)  # type: ignore[arg-type]


def test_a_question_becomes_a_topic_only_as_a_clean_noun_phrase() -> None:
    tom, dana = thank_you_notes([de(TOM), de(DANA)])
    assert "mentoring a junior engineer" in tom.body
    assert "Tell me how" not in tom.body
    assert tom.recalls == ("mentoring a junior engineer",)
    # No clean phrase can be made of Dana's question: her note needs no topic.
    assert dana.recalls == ()
    assert "scan data" not in dana.body and "depot" not in dana.body


def test_no_note_copies_six_words_of_a_question_or_a_requirement() -> None:
    for note in thank_you_notes([de(TOM), de(DANA)]):
        for source in (*DE_QUESTIONS["tom"], *DE_QUESTIONS["dana"], *DE_REQUIREMENTS):
            assert verbatim_runs(note.body, source) == [], note.body


def test_what_feedback_doubted_is_never_made_a_strength() -> None:
    points = strong_points(DE_POINTS, DE_DOUBTS)
    assert [p.phrase for p in points] == ["Apache Airflow"]
    tom, dana = thank_you_notes([de(TOM), de(DANA)])
    for note in (tom, dana):
        assert "mentoring junior engineers" not in note.body
    assert tom.rests_on == (
        "Apache Airflow, because your story “Moving 140 cron jobs to Airflow” you linked to it",
    )
    # Made once on a panel: the second note claims nothing rather than repeat it.
    assert "Apache Airflow" not in dana.body and dana.rests_on == ()
    # Alone, a note makes it.
    assert "Apache Airflow" in thank_you_note(de(DANA)).body


def test_a_doubt_linked_to_the_requirement_rules_it_out_even_in_other_words() -> None:
    doubt = Doubt("orchestration at scale", (), requirement_id=2)
    assert strong_points(DE_POINTS[1:], [doubt]) == ()


def test_without_a_backed_point_the_note_makes_no_claim() -> None:
    note = thank_you_note(de(TOM, points=()))
    assert note.rests_on == ()
    assert "experience in" not in note.body and "background in" not in note.body
    assert "Lumenfield Logistics" in note.body or "Senior Data Engineer" in note.body


def test_a_note_is_at_most_three_short_paragraphs_and_signed() -> None:
    for person in (TOM, DANA, InterviewerInfo("Sam Lee")):
        note = thank_you_note(de(person))
        assert note.body.startswith(f"Dear {first_name(person.name)},\n\n")
        assert note.body.endswith("\nAlex Morgan")
        assert 1 <= len(paragraphs(note)) <= 3
        assert all(len(p.split()) <= 60 for p in paragraphs(note))
        assert "  " not in note.body and ".." not in note.body


def test_two_people_on_a_panel_never_get_the_same_opening() -> None:
    people = [InterviewerInfo(n) for n in ("Tom Okafor", "Dana Levi", "Priya Shah", "Hugo Bern")]
    notes = thank_you_notes([de(p) for p in people])
    openings = {paragraphs(n)[0].split(".")[0] for n in notes}
    assert len(openings) == len(people)
    assert thank_you_notes([de(TOM)])[0] == thank_you_note(de(TOM))


def test_no_sentence_goes_to_two_people_on_one_panel_and_the_role_is_named_once() -> None:
    names = ("Priya Nair", "David Ashworth", "Tom Bellamy")
    notes = thank_you_notes(
        [
            de(InterviewerInfo(n), points=(), role="Head of Science", company="Northfield (PLT)")
            for n in names
        ]
    )
    seen: dict[str, str] = {}
    for name, note in zip(names, notes, strict=True):
        for sentence in re.split(r"(?<=[.!?])\s+", note.body):
            if sentence.startswith(("Dear", "Warm", "Best", "Kind", "Many thanks,")) or (
                "\n" in sentence
            ):
                continue
            assert sentence not in seen, f"{name} and {seen.get(sentence)}: {sentence}"
            seen[sentence] = name
        assert note.body.count("Head of Science") <= 1, note.body
        # A bracket typed after the company is never said in a note.
        assert "(PLT)" not in note.body


def test_a_question_about_the_first_year_recalls_what_not_when() -> None:
    david = InterviewerInfo(
        "David Ashworth",
        "Headteacher",
        "senior-executive",
        ("How would you lead the KS3 curriculum redesign in your first year?",),
    )
    note = thank_you_note(de(david, points=()))
    assert note.recalls == ("leading the KS3 curriculum redesign",)
    assert "first year" not in note.body


# The nurse: a band 6 interview with clinical scenarios.
NURSE_QUESTIONS = (
    "How would you manage a deteriorating patient on a busy ward?",
    "What would you do if a patient refused their medication?",
    "Tell me about a time you raised a safeguarding concern.",
)


def nurse(person: InterviewerInfo, points: tuple[Point, ...] = ()) -> NoteContext:
    return NoteContext(
        "Grace Adeyemi",
        "St Clement's Hospital",
        "Band 6 Staff Nurse",
        2,
        date(2026, 12, 1),
        person,
        points,
    )


def test_the_nurses_note_recalls_the_scenario_without_pasting_it() -> None:
    matron = InterviewerInfo("Sister Ruth Amankwah", "Matron", "hiring-manager", NURSE_QUESTIONS)
    point = Point(
        "acting as nurse in charge",
        "Experience of acting as nurse in charge",
        "Running the night shift on Ward 7",
    )
    note = thank_you_note(nurse(matron, (point,)))
    assert "managing a deteriorating patient" in note.body
    assert "refused" not in note.body
    assert "acting as nurse in charge" in note.body
    for source in NURSE_QUESTIONS:
        assert verbatim_runs(note.body, source) == []


def test_a_concern_topic_in_the_nurses_feedback_keeps_it_out_of_the_note() -> None:
    point = Point("medicines management", "Medicines management", "Insulin audit", True)
    doubts = [Doubt("medicines management", (), None)]
    assert strong_points([point], doubts) == ()


# The marketer.
def test_the_marketers_note_recalls_only_what_reads_cleanly() -> None:
    asked = (
        "Talk me through a campaign you are proud of.",
        "Tell me about your experience with paid social.",
        "Can you describe your biggest failure?",
    )
    head = InterviewerInfo("Marta Nowak", "Head of Brand", "hiring-manager", asked)
    budget = Point(
        "managing marketing budgets", "Experience managing marketing budgets", "Spring launch"
    )
    ads = Point("Google Ads", "Google Ads", "Lowering cost per lead by 30%")
    ctx = NoteContext(
        "Sam Carter",
        "Brightwell",
        "Marketing Manager",
        2,
        ROUND_DATE,
        head,
        strong_points([budget, ads], [Doubt("budget management", ("budgeting",))]),
    )
    note = thank_you_note(ctx)
    assert note.recalls == ("paid social",)
    assert "failure" not in note.body and "proud" not in note.body
    assert "Google Ads" in note.body and "budget" not in note.body


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Tell me how you have mentored a junior engineer", "mentoring a junior engineer"),
        ("How would you know a depot's scan data is wrong before I do?", None),
        ("Tell me about a time you had to convince a senior leader.", "convincing a senior leader"),
        (
            "How would you schedule our nightly Airflow jobs?",
            "scheduling your nightly Airflow jobs",
        ),
        (
            "Walk us through how you'd migrate 140 cron jobs to Airflow",
            "migrating 140 cron jobs to Airflow",
        ),
        ("How do you prioritise competing requests?", "prioritising competing requests"),
        (
            "How would you design a pipeline for late-arriving events?",
            "designing a pipeline for late-arriving events",
        ),
        ("How would you investigate a sudden fall in online sales?", None),
        ("Describe a time when your attention to detail made a difference.", None),
        ("Describe the colour yellow to someone who is blind.", None),
        ("How did you find the assessment centre exercises?", None),
        ("Have you ever faced a disciplinary at work?", None),
        (
            "Talk me through how you would debug an intermittent error in production.",
            "debugging an intermittent error in production",
        ),
        ("Explain a mortgage to a ten-year-old.", None),
        ("Tell me about the largest project you've run.", "the largest project I have run"),
        ("Tell me about the feedback your manager gave you.", None),
        ("How have you driven sales in your current store?", None),
        ("Tell me about a time you sank a project.", None),
        ("Tell me about a time you cared for a patient.", "caring for a patient"),
        (
            "How do you support students and newly qualified nurses?",
            "supporting students and newly qualified nurses",
        ),
        ("What's your experience with email and SMS?", "email and SMS"),
        ("Talk us through the two or three roles on your CV most relevant to this job.", None),
        ("How would you fit into our team?", "fitting into your team"),
        ("How would you manage stock and reduce waste?", None),
        ("Tell me about a time you planned a product launch.", "planning a product launch"),
        ("Have you ever studied a failed backfill?", "studying a failed backfill"),
        ("Tell me about your experience with paid social.", "paid social"),
        ("The pipeline migration", "the pipeline migration"),
        ("Tell me about yourself.", None),
        ("Why do you want to work here?", None),
        ("Can you describe your biggest failure?", None),
        ("Tell me about a time you made a mistake.", None),
        ("Tell me about a time you disagreed with your manager.", None),
        ("Give me an example of when you planned and delivered a campaign.", None),
        ("What would you do if a patient refused their medication?", None),
        ("Tell me about a time you supported your team.", None),
        ("How would you handle a situation where a colleague was struggling?", None),
    ],
)
def test_topics_from_questions(question: str, topic: str | None) -> None:
    assert topic_phrase(question, note_templates.templates().never_recall) == topic


def test_no_topic_made_from_the_bank_copies_six_words() -> None:
    bank = json.loads(
        note_templates.resources.files("nextround.coach")
        .joinpath("data", "question_bank.json")
        .read_text("utf-8")
    )
    never = note_templates.templates().never_recall
    made = 0
    for question in (q["text"] for q in bank["questions"]):
        topic = topic_phrase(question, never)
        if topic:
            made += 1
            assert verbatim_runs(topic, question) == [], (topic, question)
            assert NounPhrase(topic).text and len(topic.split()) <= 6
    assert made >= 20


def test_at_most_two_topics_and_no_repeats() -> None:
    asked = (
        "How would you design a streaming pipeline?",
        "How would you design a streaming pipeline?",
        "How do you prioritise competing requests?",
        "Tell me about a time you planned a product launch.",
    )
    assert recall_topics(asked) == (
        "designing a streaming pipeline",
        "prioritising competing requests",
    )


@pytest.mark.parametrize(
    ("requirement", "phrase"),
    [
        ("Strong SQL", "SQL"),
        ("Experience with Apache Airflow", "Apache Airflow"),
        ("Experience with Apache Airflow or Dagster", None),
        ("Experience managing stakeholders", "managing stakeholders"),
        ("Experience of acting as nurse in charge", "acting as nurse in charge"),
        ("Apache Airflow", "Apache Airflow"),
        ("Mentor two junior engineers and review their code", None),
        ("NMC registration", None),
        ("ALS (Advanced Life Support) certification", None),
        ("A portfolio of campaigns with measurable results", None),
        ("Airflow or another scheduler", None),
        ("Manage a budget of £2m across channels, reporting monthly", None),
    ],
)
def test_requirements_become_phrases_only_when_sure(requirement: str, phrase: str | None) -> None:
    assert requirement_phrase(requirement) == phrase


# Who the candidate is


def test_the_same_person_is_told_by_name_in_either_order() -> None:
    assert same_person("Morgan, Alex", "Alex Morgan")
    assert same_person("Dr Alex Morgan", "alex morgan")
    assert not same_person("Alex", "Alex Morgan")
    assert not same_person("Alex Moran", "Alex Morgan")


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Priya Shah", "Priya"),
        ("Okafor, Adaeze", "Adaeze"),
        ("Dr. Hugo Bernard", "Hugo"),
        ("  Zoë   Ng ", "Zoë"),
        ("Madonna", "Madonna"),
    ],
)
def test_it_finds_the_first_name(name: str, first: str) -> None:
    assert first_name(name) == first


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"candidate_name": " "}, "candidate_name is empty"),
        ({"company": ""}, "company is empty"),
        ({"interviewer": InterviewerInfo("")}, "interviewer.name is empty"),
        ({"round_number": 0}, "round_number must be 1 or more"),
    ],
)
def test_it_names_the_missing_field(changes: dict[str, object], message: str) -> None:
    with pytest.raises(FollowUpError, match=message):
        thank_you_note(replace(de(TOM), **changes))  # type: ignore[arg-type]


# When and whether to chase


def test_dates_for_notes() -> None:
    end = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    assert thank_you_due(end) == end + timedelta(hours=24)
    assert default_chase_date(date(2026, 11, 26)) == date(2026, 12, 3)  # Thu -> Thu
    assert default_chase_date(date(2026, 11, 28)) == date(2026, 12, 4)  # Sat -> Fri
    assert chase_date(ROUND_DATE, date(2026, 12, 4)) == date(2026, 12, 7)  # Fri -> Mon


@pytest.mark.parametrize(
    ("where", "words"),
    [
        (RoundState(outcome="passed"), "through to the next step"),
        (RoundState(outcome="rejected"), "their decision"),
        (RoundState(offer_made=True), "an offer is recorded"),
        (RoundState(next_round=NextRound(3, date(2026, 12, 9), "panel")), "round 3 is already"),
        (RoundState(happened=False), "has not happened yet"),
    ],
)
def test_no_chaser_once_things_are_settled(where: RoundState, words: str) -> None:
    reason = chaser_blocked(where)
    assert reason is not None and words in reason
    with pytest.raises(FollowUpError, match="no chaser needed"):
        chaser_note(de(TOM), state=where)


def test_a_chaser_while_waiting_asks_about_the_next_step() -> None:
    assert chaser_blocked(RoundState(feedback_in=True, feedback_via_consultant=True)) is None
    hr = InterviewerInfo("Okafor, Adaeze", role="hr", email="adaeze@lumenfield.example")
    note = chaser_note(de(hr), news_expected_on=date(2026, 12, 4), state=RoundState())
    assert note.body.startswith("Dear Adaeze,")
    assert "my second interview for the Senior Data Engineer role on Thursday 26 November 2026" in (
        note.body
    )
    assert "there might be news by Friday 4 December 2026" in note.body
    assert "when you expect to reach a decision" in note.body
    assert note.subject == "Senior Data Engineer at Lumenfield Logistics – next steps"


def test_a_chaser_through_the_consultant_asks_what_they_have_heard() -> None:
    sam = InterviewerInfo("Sam Reid", role="consultant")
    note = chaser_note(de(sam), state=RoundState(), via_consultant=True)
    assert note.body.startswith("Hi Sam,")
    assert "Have you heard anything from Lumenfield Logistics" in note.body


# The note to the consultant

SAM = InterviewerInfo("Sam Reid", role="consultant", email="sam@talentbridge.example")


def test_the_consultant_note_thanks_for_feedback_and_looks_forward_to_the_booked_round() -> None:
    booked = NextRound(3, date(2026, 12, 8), "panel", panel_known=True, length_known=True)
    note = consultant_note(
        de(SAM),
        RoundState(
            feedback_in=True, feedback_via_consultant=True, outcome="passed", next_round=booked
        ),
    )
    assert note.body.startswith("Hi Sam,")
    assert "Thank you for passing on the feedback from my second interview" in note.body
    assert "I'm looking forward to the panel interview on Tuesday 8 December 2026." in note.body
    assert "Have you had any feedback" not in note.body
    assert "who I will meet" not in note.body and "how long it will be" not in note.body
    assert "prepare anything" in note.body


def test_the_consultant_note_asks_for_feedback_only_when_none_is_in() -> None:
    waiting = consultant_note(de(SAM), RoundState())
    assert "Have you had any feedback from them yet?" in waiting.body
    assert "If there is to be a third round" in waiting.body
    heard = consultant_note(de(SAM), RoundState(feedback_in=True, feedback_via_consultant=True))
    assert "Have you had any feedback" not in heard.body
    assert "Thank you for passing on the feedback" in heard.body
    assert "when they expect to decide" in heard.body


def test_feedback_the_interviewer_sent_is_not_thanked_for_and_a_set_task_not_asked_about() -> None:
    direct = consultant_note(de(SAM), RoundState(feedback_in=True))
    assert "passing on the feedback" not in direct.body
    assert "Have you had any feedback" not in direct.body
    talk = NextRound(3, date(2026, 12, 9), "presentation", True, True, True, task_known=True)
    booked = consultant_note(de(SAM), RoundState(feedback_in=True, next_round=talk))
    assert "prepare" not in booked.body and "presentation or a task" not in booked.body


def test_after_the_final_round_the_consultant_is_asked_only_for_feedback_and_timing() -> None:
    note = consultant_note(de(SAM), RoundState(final=True))
    assert "Have you had any feedback from them yet?" in note.body
    assert "when they expect to decide" in note.body
    assert "third round" not in note.body and "presentation or a task" not in note.body


def test_feedback_already_in_is_not_asked_for_again_as_what_they_want_to_learn() -> None:
    booked = NextRound(2, date(2026, 12, 8), "panel", panel_known=True, length_known=True)
    note = consultant_note(de(SAM), RoundState(feedback_in=True, next_round=booked))
    assert "what they most want to learn about me" not in note.body
    unknown = consultant_note(de(SAM), RoundState(next_round=booked))
    assert "what they most want to learn about me" in unknown.body


def test_the_consultant_note_after_a_decision_or_an_offer() -> None:
    no = consultant_note(de(SAM), RoundState(outcome="rejected"))
    assert "will not be taking my application" in no.body and "keep me in mind" in no.body
    assert "'s " not in no.body.split("\n\n")[1].split(" will ")[0]
    assert "next round" not in no.body
    offer = consultant_note(de(SAM), RoundState(offer_made=True))
    assert "offer" in offer.body and "feedback" not in offer.body
    with pytest.raises(FollowUpError, match="withdrew"):
        consultant_note(de(SAM), RoundState(outcome="withdrew"))


def test_before_the_round_the_consultant_is_asked_what_to_expect() -> None:
    note = consultant_note(de(SAM), RoundState(happened=False))
    assert "Could you find out a little more for me before it?" in note.body
    assert "feedback" not in note.body


# The offer


def test_the_offer_script_through_the_consultant_asks_for_a_day_and_writing() -> None:
    s = offer_time_request(de(SAM), date(2026, 12, 10), via_consultant=True)
    assert s.body.startswith("Hi Sam,")
    assert "the offer from Lumenfield Logistics" in s.body
    assert "Could you ask Lumenfield Logistics whether I could come back to them" in s.body
    assert "by Thursday 10 December 2026" in s.body
    assert "talking it over with my family" in s.body
    assert "in writing" in s.body and "in writing" in s.spoken
    assert s.spoken.startswith("Thanks so much, Sam")


def test_asking_past_their_deadline_says_so_and_asks() -> None:
    s = offer_time_request(de(TOM), date(2026, 12, 10), deadline=date(2026, 12, 4))
    assert s.past_deadline
    assert "I know you would like an answer by Friday 4 December 2026" in s.body
    assert "would it be possible for me to come back to you by Thursday 10 December 2026?" in (
        s.body
    )
    within = offer_time_request(de(TOM), date(2026, 12, 4), deadline=date(2026, 12, 4))
    assert not within.past_deadline and "within the time you have given me" in within.body


def test_their_deadline_is_kept_when_it_leaves_a_few_days_else_a_week_is_asked_for() -> None:
    today = date(2026, 12, 1)
    assert proposed_reply_by(today, None) == date(2026, 12, 8)
    assert proposed_reply_by(today, date(2026, 12, 3)) == date(2026, 12, 8)
    assert proposed_reply_by(today, date(2026, 12, 15)) == date(2026, 12, 15)
    # A deadline that leaves three days or more is kept, never stretched by a day or two.
    assert proposed_reply_by(today, date(2026, 12, 4)) == date(2026, 12, 4)
    assert proposed_reply_by(today, date(2026, 12, 7)) == date(2026, 12, 7)


def test_the_offer_script_confirms_the_terms_they_gave_and_asks_only_for_the_rest() -> None:
    from nextround.coach.followup import OfferTerms, money

    terms = OfferTerms(salary=money(52000, "GBP"), start_date=date(2027, 1, 4))
    s = offer_time_request(de(TOM), date(2026, 12, 10), terms=terms)
    assert (
        "confirming the salary of £52,000 and a start date of Monday 4 January 2027, and "
        "including the benefits?" in s.body
    )
    assert "including the salary" not in s.body
    everything = OfferTerms(
        salary="£52,000", start_date=date(2027, 1, 4), bonus=True, benefits=True
    )
    full = offer_time_request(de(SAM), date(2026, 12, 10), via_consultant=True, terms=everything)
    assert (
        "confirming the salary of £52,000, a start date of Monday 4 January 2027, the bonus and"
        in (full.body)
    )
    assert "including" not in full.body
    nothing = offer_time_request(de(TOM), date(2026, 12, 10), terms=OfferTerms())
    assert "including the salary, benefits and proposed start date" in nothing.body


def test_money_is_written_as_a_letter_writes_it() -> None:
    from decimal import Decimal

    from nextround.coach.followup import money

    assert money(Decimal("52000.00"), "GBP") == "£52,000"
    assert money(Decimal("48500.50"), "eur") == "€48,500.50"
    assert money(95000, "CHF") == "95,000 CHF"
    assert money("not a number", "GBP") == ""


def test_the_offer_reason_can_be_chosen_and_is_checked() -> None:
    s = offer_time_request(de(TOM), date(2026, 12, 10), reason="other-process")
    assert "bringing another process I am in to a close" in s.body
    with pytest.raises(FollowUpError, match="not one of"):
        offer_time_request(de(TOM), date(2026, 12, 10), reason="vibes")
    with pytest.raises(FollowUpError, match="before the last round"):
        offer_time_request(de(TOM), date(2026, 11, 1))


# The templates


def test_one_date_format() -> None:
    assert long_date(date(2026, 12, 9)) == "Wednesday 9 December 2026"


def test_the_shipped_templates_load_and_fill_only_typed_slots() -> None:
    t = note_templates.templates()
    assert t.render("greeting", first_name=Name("Tom")) == "Dear Tom,"
    with pytest.raises(TemplateError, match="takes a noun_phrase"):
        t.render("thank_you_recall", topic=Name("mentoring"))  # type: ignore[arg-type]
    with pytest.raises(TemplateError, match="not a short noun phrase"):
        t.render("thank_you_recall", topic=NounPhrase("Tell me how you mentored? A junior."))
    with pytest.raises(TemplateError, match="needs"):
        t.render("thank_you_recall")


def test_no_template_puts_a_name_in_the_possessive_or_hedges_a_plural() -> None:
    for part in note_templates.templates().parts.values():
        for text in part.texts:
            assert "}'s" not in text and "}’s" not in text, (part.key, text)
            assert "(s)" not in text, (part.key, text)


def test_a_bad_template_file_names_the_part() -> None:
    path = note_templates.resources.files("nextround.coach").joinpath(
        "data", note_templates.TEMPLATES_FILE
    )
    raw = json.loads(path.read_text("utf-8"))
    raw["parts"]["thank_you_recall"]["texts"].append("About {question} in depth.")
    with pytest.raises(TemplateError, match="'thank_you_recall' uses undeclared slots"):
        note_templates.parse(raw)
    raw["format_version"] = 2
    with pytest.raises(TemplateError, match="format_version"):
        note_templates.parse(raw)


def test_topics_with_an_and_are_never_joined_by_another_and() -> None:
    asked = (
        "How have you coordinated M&E design and installation?",
        "Tell me about the largest project you've run.",
    )
    assert recall_topics(asked) == ("coordinating M&E design and installation",)


def test_notes_name_the_company_as_people_say_it_without_its_legal_form() -> None:
    from nextround.coach.followup import spoken_company

    assert spoken_company("Harrowgate Build Ltd") == "Harrowgate Build"
    assert spoken_company("Kestrel Freight Logistics plc") == "Kestrel Freight Logistics"
    assert spoken_company("Quillory, Inc.") == "Quillory"
    assert spoken_company("Ltd") == "Ltd"
    assert spoken_company("Limited Editions Press") == "Limited Editions Press"


def test_a_recalled_topic_never_reads_as_done_with_the_interviewer() -> None:
    t = note_templates.templates()
    for index in range(t.count("thank_you_recall")):
        text = t.render(
            "thank_you_recall", index, topic=NounPhrase("a clinical service I have grown")
        )
        assert not text.rstrip(".").endswith("with you"), text


def test_a_note_names_the_job_as_a_person_says_it_not_the_adverts_whole_title() -> None:
    from nextround.coach.followup import spoken_role

    long = "Senior Data Engineer – Platform and Pipelines (Hybrid, 2 days in Leeds)"
    note = thank_you_note(de(TOM, role=long))
    assert "Senior Data Engineer role" in note.body
    assert "Pipelines" not in note.body and "Hybrid" not in note.body
    assert spoken_role("Band 6 Staff Nurse, Acute Medical Unit") == "Band 6 Staff Nurse"
    # A short title, or one whose head is a single word, is kept whole.
    assert spoken_role("Lead, Data Platform") == "Lead, Data Platform"
    assert spoken_role("Senior Data Engineer") == "Senior Data Engineer"


@pytest.mark.parametrize("met_before", [False, True])
def test_no_note_thanks_for_the_time_twice_or_says_again_twice(met_before: bool) -> None:
    names = [f"{first} Okafor" for first in ("Tom", "Dana", "Priya", "Hugo", "Ada", "Sam", "Lee")]
    names += [f"Jo {last}" for last in ("Pryce", "Hart", "Bell", "Nash", "Ince", "Rowe", "Tate")]
    for name in names:
        body = thank_you_note(de(InterviewerInfo(name, met_before=met_before))).body.lower()
        assert body.count("your time") <= 1, body
        assert body.count("again") <= 1, body


def test_a_note_never_recalls_challenging_someone_or_a_refusal_to_the_person_asked() -> None:
    asked = (
        "Tell me about a time you challenged a prescriber.",
        "Tell me about a time you worked under pressure.",
        "What would you do if a consultant refused to change a dose?",
    )
    doctor = InterviewerInfo("James Okafor", "Consultant Physician", "technical", asked)
    note = thank_you_note(de(doctor, points=()))
    assert note.recalls == ()
    assert "prescriber" not in note.body and "pressure" not in note.body


def test_the_note_to_a_consultant_after_a_round_says_you_still_want_the_job() -> None:
    from nextround.coach.followup import RoundState, consultant_note

    joe = InterviewerInfo("Joe Harris", "Consultant", "consultant")
    note = consultant_note(de(joe), RoundState(happened=True))
    assert "still very keen on the job" in note.body
    assert note.body.count("Senior Data Engineer") <= 1


def test_a_note_says_what_its_opening_said_only_once() -> None:
    for name in ("Dev Patel", "Marcus Webb", "Hannah Reyes", "Sam Lee", "Ana Diaz", "Jo Brown"):
        note = thank_you_note(de(InterviewerInfo(name), points=(), role="Senior Product Manager"))
        body = note.body.lower()
        for phrase in ("our conversation", "learn more", "enjoyed"):
            assert body.count(phrase) <= 1, note.body
        assert body.count("senior product manager") <= 1, note.body


def test_a_note_says_came_away_once() -> None:
    for name in ("Helen Marsh", "Nadia Khan", "Oliver Grant", "Priya Desai", "Tom Bellamy"):
        note = thank_you_note(de(InterviewerInfo(name), points=(), role="Clinical Pharmacist"))
        assert note.body.lower().count("came away") <= 1, note.body
