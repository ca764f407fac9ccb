"""The brief's content and how the coach assembles a brief from what is known."""

from __future__ import annotations

import datetime as dt

import pytest

from nextround.coach.brief import BriefInput, PersonText, RoundInfo, build_brief, checklist
from nextround.coach.brief_content import ContentError, load_content, parse_content
from nextround.coach.debrief import AskedText, FeedbackText
from nextround.coach.evidence import RequirementText, StoryText

TODAY = dt.date(2026, 11, 28)
ROUND = RoundInfo(2, 1, 2, "on-site", "panel", "second-opinion", dt.date(2026, 12, 3))
TOM = PersonText(
    5, "Tom Okafor", "Head of Data", "senior-executive", "director", "", 3.5, ("Initech",)
)
PRIYA = PersonText(4, "Priya Shah", "Analytics Manager", "hiring-manager", met_in_rounds=(1,))
WEAK = AskedText(
    1, 1, "Tell me about a time you handled a difficult stakeholder.", "vague", 2, "negative"
)
FEEDBACK = FeedbackText(
    3,
    1,
    "They liked your SQL depth but felt you lacked experience managing stakeholders.",
    "consultant",
)
REQS = (RequirementText(1, "Strong SQL"), RequirementText(2, "Experience managing stakeholders"))
STORY = StoryText(
    9,
    "Finance sign-off",
    action="I met the finance stakeholders weekly.",
    skills=("stakeholder management",),
)


def full() -> BriefInput:
    return BriefInput(
        company="Acme",
        role="Analyst",
        round=ROUND,
        today=TODAY,
        has_job_description=True,
        earlier_rounds=(1,),
        panel=(TOM, PRIYA),
        questions=(WEAK,),
        feedback=(FEEDBACK,),
        requirements=REQS,
        stories=(STORY,),
    )


def categories(brief: object) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for q in brief.likely_questions:  # type: ignore[attr-defined]
        found.setdefault(q.category, []).append(q.text)
    return found


def test_the_content_file_loads_and_covers_every_format_kind_and_purpose() -> None:
    content = load_content()
    assert set(content.formats) == {"video", "phone", "on-site"}
    assert "presentation" in content.kinds and "second-opinion" in content.purposes
    assert len({c.key for c in content.checklist}) == len(content.checklist)


def test_a_broken_content_file_names_what_is_wrong() -> None:
    with pytest.raises(ContentError, match="format_version"):
        parse_content({"format_version": 2}, "brief_content.json")
    with pytest.raises(ContentError, match="checklist"):
        parse_content({"format_version": 1, "checklist": []}, "brief_content.json")


STRONG = AskedText(2, 1, "Walk me through your best analysis.", "churn model", 4, "positive")


def stakeholder_meaning(a: str, b: str) -> float:
    """A stand-in for the embedding cosine: stakeholder texts are close, the rest far apart."""
    return 0.5 if "stakeholder" in a.lower() and "stakeholder" in b.lower() else 0.0


def test_new_interviewers_hear_the_first_rounds_questions_again() -> None:
    data = BriefInput(**{**full().__dict__, "questions": (WEAK, STRONG)})
    brief = build_brief(data)
    found = categories(brief)
    # The weak answer comes back as it was asked, ranked above plain repeats.
    assert WEAK.text in found["follow-up"] and STRONG.text in found["repeat"]
    repeat = next(q for q in brief.likely_questions if q.category == "repeat")
    assert "Tom Okafor" in repeat.why and "Priya" not in repeat.why
    follow = next(q for q in brief.likely_questions if q.text == WEAK.text)
    assert "expect it again" in follow.why and follow.rehearse


def test_the_same_panel_gets_a_deeper_version_of_a_weak_answer() -> None:
    again = PersonText(5, "Tom Okafor", "Head of Data", "senior-executive", met_in_rounds=(1,))
    deeper = RoundInfo(2, 1, 2, "on-site", "panel", "delve-deeper", dt.date(2026, 12, 3))
    data = BriefInput(**{**full().__dict__, "panel": (again, PRIYA), "round": deeper})
    follow = next(q for q in build_brief(data).likely_questions if q.category == "follow-up")
    assert follow.text != WEAK.text and "stakeholder" in follow.text.lower()


def test_a_doubt_in_feedback_comes_first_with_its_story_or_its_gap() -> None:
    brief = build_brief(full(), stakeholder_meaning)
    first = brief.likely_questions[0]
    assert first.category == "concern" and "managing stakeholders" in first.text
    assert "lacked experience managing stakeholders" in first.why
    assert first.story is not None and first.story.title == "Finance sign-off"
    assert [d.label for d in brief.doubts] == ["managing stakeholders"]
    alone = build_brief(BriefInput(**{**full().__dict__, "stories": ()}))
    assert alone.doubts[0].story is None
    assert "write one about managing stakeholders" in alone.doubts[0].gap


def test_the_first_five_are_marked_to_rehearse_and_no_question_comes_twice() -> None:
    brief = build_brief(BriefInput(**{**full().__dict__, "questions": (WEAK, STRONG)}))
    assert [q.rehearse for q in brief.likely_questions[:5]] == [True] * 5
    assert not any(q.rehearse for q in brief.likely_questions[5:])
    priorities = [q.priority for q in brief.likely_questions]
    assert priorities == sorted(priorities, reverse=True)
    texts = [q.text.lower() for q in brief.likely_questions]
    assert len(texts) == len(set(texts))


def test_a_senior_interviewer_brings_specialist_probes_on_the_requirements() -> None:
    found = categories(build_brief(full()))
    assert any("SQL" in text for text in found["probe"])
    junior_only = BriefInput(**{**full().__dict__, "panel": (PersonText(6, "Al", role="hr"),)})
    assert "probe" not in categories(build_brief(junior_only))


def test_meet_the_team_rounds_ask_about_fit_and_every_round_has_staples() -> None:
    team = RoundInfo(2, 1, 2, "on-site", "meet-the-team", "meet-the-team", ROUND.date)
    found = categories(build_brief(BriefInput(**{**full().__dict__, "round": team})))
    assert len(found["fit"]) >= 2
    assert found["staple"] and found["motivation"]
    # No field known: no curveball and no other field's specialist questions.
    assert "curveball" not in found and "field" not in found


def test_each_interviewer_gets_care_abouts_and_tailored_questions() -> None:
    brief = build_brief(full())
    tom = next(p for p in brief.people if p.name == "Tom Okafor")
    assert tom.new_to_you and tom.care_about
    asks = [a.text for a in tom.questions_to_ask]
    # On a panel the longest-serving is asked about their years here; a director is never asked
    # in front of colleagues to compare the firm with the one they left.
    assert any("3.5 years" in a for a in asks) and not any("Initech" in a for a in asks)
    assert not next(p for p in brief.people if p.name == "Priya Shah").new_to_you
    lead = PersonText(
        6, "Ana Ruiz", "Data Lead", "hiring-manager", "manager", "", 4.0, ("Initech",)
    )
    alone = build_brief(BriefInput(**{**full().__dict__, "panel": (lead,)}))
    asks = [a.text for a in alone.people[0].questions_to_ask]
    assert any("4 years" in a for a in asks) and any("Initech" in a for a in asks)


@pytest.mark.parametrize(
    ("field", "employer", "never"),
    [
        ("law", "firm", ("company", "business", "customers")),
        ("nursing", "organisation", ("company", "competitors", "customers", "technical problem")),
        ("teaching", "school", ("company", "competitors", "customers")),
    ],
)
def test_questions_to_ask_speak_of_the_employer_as_the_field_does(
    field: str, employer: str, never: tuple[str, ...]
) -> None:
    partner = PersonText(7, "Ruth Adeyemi", "Partner", "senior-executive", "executive", "", 12.0)
    newcomer = PersonText(8, "Sam Hale", "Lead", "hiring-manager", years_at_company=0.5)
    specialist = PersonText(9, "Dr Kim Lo", "Consultant", "technical")
    data = BriefInput(**{**full().__dict__, "panel": (partner, newcomer, specialist)})
    brief = build_brief(BriefInput(**{**data.__dict__, "field": field}))
    said = " ".join(f"{a.text} {a.why}" for p in brief.people for a in p.questions_to_ask)
    assert f"the {employer}" in said or f"this {employer}" in said
    for word in never:
        assert word not in said.lower(), word
    assert "{" not in said


def test_the_countdown_runs_from_today_to_the_round_and_fits_the_format() -> None:
    steps = checklist(ROUND, TODAY, has_gaps=True, has_weak=True)
    keys = [s.key for s in steps]
    assert "plan-route" in keys and "test-video" not in keys
    assert all(s.due_on is not None and s.due_on >= TODAY for s in steps)
    assert steps[-1].key == "thank-you" and steps[-1].due_on == dt.date(2026, 12, 4)
    video = RoundInfo(3, 1, 3, "video", "presentation", "final", dt.date(2027, 1, 20))
    keys = [s.key for s in checklist(video, TODAY, has_gaps=False, has_weak=False)]
    assert "test-video" in keys and "prepare-presentation" in keys
    assert "stories-for-gaps" not in keys and "counter-weak" not in keys


def test_a_bare_round_still_gets_a_brief_that_says_what_is_missing() -> None:
    bare = BriefInput(company="Acme", role="Analyst", round=RoundInfo(7, 3, 1), today=TODAY)
    brief = build_brief(bare)
    text = " ".join(f"{m.what} {m.how}" for m in brief.missing)
    assert "nextround round add 3" in text
    assert "nextround opportunity edit 3 --jd-file" in text
    assert "nextround story add" in text
    assert "nextround interviewer add 7" in text
    assert "nextround round edit 7 --date" in text
    assert brief.likely_questions and brief.logistics and brief.checklist
    assert "ask the recruiter" in brief.dress


def test_the_dress_code_gives_its_own_advice() -> None:
    formal = build_brief(BriefInput(**{**full().__dict__, "dress_code": "formal"}))
    assert "suit" in formal.dress


def test_only_a_video_round_is_told_how_to_dress_on_camera() -> None:
    on_site = build_brief(full())
    assert "video" not in on_site.dress
    video_round = RoundInfo(2, 1, 2, "video", "panel", "second-opinion", dt.date(2026, 12, 3))
    video = build_brief(BriefInput(**{**full().__dict__, "round": video_round}))
    assert "ask the recruiter" in video.dress
    assert video.dress.endswith("On a video call, dress as you would in person.")


def test_a_research_note_is_asked_about_only_where_it_says_what_the_person_did() -> None:
    notes = {
        "Will watch the trial and lead the interview.": None,
        "Would be my closest peer. Showing me the wedding suites.": None,
        "Daughter of the founder; led the relaunch of their hotel bar.": None,
        "Daughter of the founder; led the relaunch of the hotel bar in 2024.": (
            "What did you learn from leading the relaunch of the hotel bar in 2024"
        ),
        "Spoke at PyData London about data contracts": "You have spoken about data contracts:",
    }
    for note, wanted in notes.items():
        person = PersonText(10, "Morag Sinclair", "Operations Director", research_notes=note)
        brief = build_brief(BriefInput(**{**full().__dict__, "panel": (person,)}))
        asks = [a for a in brief.people[0].questions_to_ask if "research note" in a.why]
        if wanted is None:
            assert not asks, note
        else:
            assert len(asks) == 1 and asks[0].text.startswith(wanted), asks
            assert "Daughter" not in asks[0].text and asks[0].text.endswith("?")


def test_what_the_email_asks_you_to_bring_heads_the_list_and_a_set_agenda_needs_no_asking() -> None:
    trial = RoundInfo(2, 1, 2, "on-site", "assessment", "final", dt.date(2026, 12, 15))
    email = (
        "Great news Mateo - Alasdair wants you down for a trial shift! "
        "12:00-14:00 Working trial during lunch service in the Brasserie. "
        "Please bring your Personal Licence and your passport."
    )
    data = BriefInput(
        **{**full().__dict__, "round": trial, "logistics_texts": (("The email", email),)}
    )
    brief = build_brief(data)
    assert brief.bring[0].startswith("What they asked you to bring: “Please bring your Personal")
    assert not any("Personal Licence" in line for line in brief.logistics)
    assert not any("Ask in advance what the exercises are" in line for line in brief.logistics)
    assert not any("Great news" in line for line in brief.logistics)
    unknown = build_brief(BriefInput(**{**full().__dict__, "round": trial}))
    assert any("Ask in advance what the exercises are" in line for line in unknown.logistics)


def test_a_doubt_about_an_answer_with_no_clean_topic_brings_that_question_back() -> None:
    feedback = FeedbackText(
        3, 1, "He felt your stakeholder answer was a bit polished.", "consultant"
    )
    data = BriefInput(**{**full().__dict__, "feedback": (feedback,), "stories": ()})
    brief = build_brief(data, stakeholder_meaning)
    first = brief.likely_questions[0]
    assert first.text == WEAK.text and "a bit polished" in first.why
    assert [q.text for q in brief.likely_questions].count(WEAK.text) == 1
    assert brief.doubts[0].gap.endswith(f"answers “{WEAK.text.rstrip('.')}”.")


def test_a_young_person_on_the_panel_is_asked_about_their_experience_not_the_employer() -> None:
    tyler = PersonText(11, "Tyler", "Member of the Children in Care Council")
    brief = build_brief(BriefInput(**{**full().__dict__, "panel": (TOM, tyler)}))
    person = next(p for p in brief.people if p.name == "Tyler")
    asks = " ".join(a.text for a in person.questions_to_ask)
    assert "next step" not in asks and "first day" not in asks and "company" not in asks
    assert any("talk to them directly" in c for c in person.care_about)


def test_a_requirement_for_years_served_is_asked_about_as_a_career_not_an_example() -> None:
    years = RequirementText(40, "At least 3 years in a manufacturing management accounting role")
    data = BriefInput(**{**full().__dict__, "requirements": (*REQS, years)})
    asked = next(q for q in build_brief(data).likely_questions if "3 years" in q.text)
    assert "Walk us through that part of your career" in asked.text
    assert "strongest example" not in asked.text
    assert asked.story is None and "Answered by your career so far" in asked.gap
    assert "write one" not in asked.gap


def test_a_gap_in_knowledge_asks_where_it_was_used_not_for_a_number_and_dates() -> None:
    from nextround.coach.brief import gap_advice

    for requirement in (
        "Knowledge of the National Intelligence Model (NIM)",
        "Sound understanding of GDPR and the Fundraising Regulator Code of Practice",
    ):
        advice = gap_advice(requirement)
        assert "where you have used it" in advice and "number" not in advice, requirement
    assert "registration number" in gap_advice("Current NMC registration")


def test_what_is_held_what_is_taken_on_and_what_is_agreed_get_their_own_advice() -> None:
    from nextround.coach.brief import gap_advice

    assert gap_advice("A degree in a science subject").startswith("Something you hold")
    plan = gap_advice("Postgraduate Diploma in Clinical Pharmacy, or willingness to complete it")
    assert plan.startswith("Something to take on once you join") and "confirm you have" not in plan
    # Experience of teaching A level is told as a story, not held like A levels are.
    assert "link one that does" in gap_advice("Experience of teaching A level")
    assert gap_advice("A levels in maths and physics").startswith("Something you hold")
    # A duty that happens to mention admission is no admission to the roll.
    duty = "Run a ward pharmacy service, with medicines reconciliation within 24 hours of admission"
    assert "link one that does" in gap_advice(duty)
    for condition in (
        "Full-time, 1265 directed hours",
        "Department meetings on Tuesdays 3.20–4.30pm",
        "Some evening commitments: parents' evenings (5 a year) and open evening",
        "Rotational post across wards on the main site",
        "Participation in the weekend and late-duty rota (approximately 1 in 6 weekends)",
        "Hybrid: two days a week in our Shoreditch office (Tuesdays and Thursdays)",
        "Teach a timetable of around 70% across KS3 and KS4",
    ):
        assert gap_advice(condition).startswith("A condition of the job"), condition
    for skill in (
        "Planning wages and rotas for peak trading",
        "Experience managing a part-time team",
    ):
        assert gap_advice(skill).startswith("No story clearly shows this"), skill


def test_a_requirement_written_as_a_rule_is_quoted_never_spliced() -> None:
    from nextround.coach.likely import asked_for

    assert asked_for("Must pass Management Vetting") == ""
    assert asked_for("Will need a full UK driving licence") == ""
    assert asked_for("confident negotiator with clients") == "a confident negotiator with clients"


def test_an_invite_that_rules_out_a_presentation_never_asks_for_one() -> None:
    email = (
        "Format: a 45-minute panel interview. There is no presentation. On Monday we will email "
        "you a one-page summary of the division's Month 7 position. Please come ready to talk "
        "the panel through what it tells you. You do not need to prepare slides."
    )
    data = BriefInput(**{**full().__dict__, "logistics_texts": (("The invite", email),)})
    brief = build_brief(data)
    assert "prepare-presentation" not in {step.key for step in brief.checklist}
    told = [f.quote for f in brief.facts]
    assert "There is no presentation." in told
    assert any(quote.startswith("Please come ready to talk the panel through") for quote in told)
    assert not any(f.kind == "presentation" for f in brief.facts)


def test_a_public_service_employer_is_not_asked_a_businesss_questions() -> None:
    from nextround.coach.likely import suits_employer

    line = "How would you evaluate whether we should invest £2 million in a new production line?"
    personal = "Which data protection rules apply when you handle customers' personal details?"
    trust = "Northgate Teaching Hospitals NHS Foundation Trust"
    assert not suits_employer(line, trust, "finance")
    assert not suits_employer(personal, trust, "finance")
    assert suits_employer(line, "Halden Home Retail", "finance")
    assert suits_employer("How do you explain a variance to a budget holder?", trust, "finance")
    assert not suits_employer("Why do you want to work for this company?", "St Mary's", "nursing")


def test_the_employers_worry_is_asked_about_as_a_topic_not_as_a_doubt_about_you() -> None:
    said = FeedbackText(
        3, 1, "The retention figures on 7B are the thing everyone is worried about.", "consultant"
    )
    brief = build_brief(BriefInput(**{**full().__dict__, "feedback": (said,)}))
    texts = [q.text for q in brief.likely_questions]
    asked = [t for t in texts if "retention figures" in t]
    assert asked and asked[0].startswith("They will want to talk about this: “The retention")
    assert not any("had this doubt" in t for t in asked)
