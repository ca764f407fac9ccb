"""Questions to ask at the job's level, to the interviewer's kind of work, in the employer's words.

Fresh cases: a head of geography at a final, a band 6 physiotherapist in an NHS trust, a
business analyst at a software company whose panel has a product manager.
"""

from __future__ import annotations

import datetime as dt

from nextround.coach.bank import load_asks, questions_to_ask
from nextround.coach.brief import Brief, BriefInput, PersonText, RoundInfo, build_brief
from nextround.coach.fields import employer_word, function_of, job_leads, load_fields
from nextround.coach.research_asks import research_asks

TODAY = dt.date(2027, 3, 1)
FINAL = RoundInfo(7, 3, 2, "on-site", "panel", "final", dt.date(2027, 3, 9))
DEEPER = RoundInfo(8, 4, 2, "on-site", "panel", "delve-deeper", dt.date(2027, 3, 10))

DEPUTY = PersonText(
    1,
    "Helen Carter",
    "Deputy Headteacher",
    "hiring-manager",
    "director",
    research_notes="Leads the school's teaching and learning group.",
)
TRUST_LEAD = PersonText(2, "Sam Oduya", "Trust Lead for Humanities", "technical", "senior")
HEAD = PersonText(3, "Mark Lowe", "Headteacher", "senior-executive", "executive")


def _geography() -> Brief:
    data = BriefInput(
        company="Riverside Academy",
        role="Head of Geography",
        round=FINAL,
        today=TODAY,
        panel=(DEPUTY, TRUST_LEAD, HEAD),
        field="teaching",
        field_label="teaching",
    )
    return build_brief(data)


def _asks(brief: Brief, name: str) -> list[str]:
    person = next(p for p in brief.people if p.name == name)
    return [a.text for a in person.questions_to_ask]


def _cares(brief: Brief, name: str) -> list[str]:
    return list(next(p for p in brief.people if p.name == name).care_about)


def test_a_head_of_department_asks_leaders_questions_not_classroom_ones() -> None:
    brief = _geography()
    every = [a for p in brief.people for a in p.questions_to_ask]
    texts = " ".join(a.text for a in every)
    assert "freedom would I have in my own lessons" not in texts
    assert "support pupils with SEND in mainstream lessons" not in texts
    assert any("reshape the department's curriculum" in t for t in _asks(brief, "Helen Carter"))
    assert any("quality-assured" in t for t in _asks(brief, "Sam Oduya"))


def test_a_head_of_department_s_panel_cares_about_the_department() -> None:
    brief = _geography()
    cares = " ".join(_cares(brief, "Helen Carter"))
    assert "classroom routines" not in cares
    assert "department" in cares


def test_a_final_round_never_asks_about_out_of_hours_or_the_first_day() -> None:
    brief = _geography()
    texts = " ".join(a.text for p in brief.people for a in p.questions_to_ask)
    assert "out-of-hours" not in texts
    assert "first day" not in texts


def test_a_classroom_teacher_still_asks_about_their_own_lessons() -> None:
    asks = questions_to_ask("hiring-manager", None, 5, "teaching", leads=False)
    assert any("my own lessons" in a.text for a in asks)
    leader = questions_to_ask("hiring-manager", "final", 80, leads=True)
    assert any(a.id == "hm-resources" for a in leader)
    member = questions_to_ask("hiring-manager", "final", 80, leads=False)
    assert not any(a.id == "hm-resources" for a in member)


SUPERVISOR = PersonText(
    4,
    "Ruth Ellison",
    "Clinical Lead Physiotherapist, MSK",
    "hiring-manager",
    "manager",
    research_notes=(
        "Presented at the CSP conference on reducing waits for knee replacement rehab; "
        "co-authored a paper on group exercise classes for older people."
    ),
)
DOCTOR = PersonText(5, "Dr Anil Mehta", "Consultant Orthopaedic Surgeon", "other", "senior")
EDUCATOR = PersonText(6, "Kerry Blythe", "Practice Educator", "technical", "senior")


def _physio() -> Brief:
    data = BriefInput(
        company="Eastmoor Hospitals NHS Foundation Trust",
        role="Band 6 Physiotherapist",
        round=DEEPER,
        today=TODAY,
        panel=(SUPERVISOR, DOCTOR, EDUCATOR),
    )
    return build_brief(data)


def test_research_notes_on_a_topic_become_asks_that_name_it() -> None:
    brief = _physio()
    asks = _asks(brief, "Ruth Ellison")
    assert any("reducing waits for knee replacement rehab" in a for a in asks)
    assert any("group exercise classes for older people" in a for a in asks)
    # The employer is the Trust, as its name says.
    assert any("the Trust" in a for a in asks)


def test_a_band_6_clinician_never_asks_about_a_budget() -> None:
    brief = _physio()
    texts = " ".join(a.text for p in brief.people for a in p.questions_to_ask)
    assert "budget" not in texts
    assert "technology or method" not in texts
    assert "tools and processes" not in texts


def test_a_surgeon_and_an_educator_are_asked_about_their_own_work() -> None:
    brief = _physio()
    doctor = " ".join(_asks(brief, "Dr Anil Mehta"))
    assert "multidisciplinary team" in doctor
    assert "first day" not in doctor
    educator = " ".join(_asks(brief, "Kerry Blythe"))
    assert "training" in educator
    assert "patients" in " ".join(_cares(brief, "Dr Anil Mehta"))


def test_a_product_manager_on_an_analyst_s_panel_is_asked_about_the_roadmap() -> None:
    pm = PersonText(7, "Jo Reid", "Product Manager, Billing", "team-member", "senior")
    data = BriefInput(
        company="Ledgerly",
        role="Business Analyst",
        round=DEEPER,
        today=TODAY,
        panel=(pm,),
    )
    brief = build_brief(data)
    assert any("roadmap" in a for a in _asks(brief, "Jo Reid"))
    assert "product" in " ".join(_cares(brief, "Jo Reid"))


def test_a_quoted_topic_is_quoted_and_a_paper_counts_as_writing() -> None:
    found = research_asks(
        "Writes about 'assessment without levels'; co-wrote a report on rural bus services.",
        "Pat Lee",
    )
    assert [a.kind for a in found] == ["spoke", "spoke"]
    assert found[0].slots == {
        "topic": "assessment without levels",
        "said": "written",
        "topic_quoted": "yes",
    }
    assert found[1].slots["topic"] == "rural bus services"


def test_job_titles_that_say_manager_but_lead_no_team() -> None:
    assert job_leads("Head of Geography")
    assert job_leads("Ward Manager, Stroke Unit")
    assert not job_leads("Senior Customer Success Manager")
    assert not job_leads("Key Account Manager")
    assert not job_leads("Rotational Clinical Pharmacist (Band 7)")


def test_employer_words_and_functions_read_from_names_and_titles() -> None:
    assert employer_word(None, "Eastmoor Hospitals NHS Foundation Trust") == "Trust"
    assert employer_word("teaching", "Riverside Academy") == "school"
    assert employer_word("software", "Ledgerly") == "company"
    found = function_of("Consultant Orthopaedic Surgeon")
    assert found is not None and found.id == "clinical"


def test_every_function_an_ask_names_is_a_known_function() -> None:
    known = {f.id for f in load_fields().functions}
    for ask in load_asks():
        assert set(ask.functions) <= known, ask.id


def _geography_questions() -> list[tuple[str, str]]:
    data = BriefInput(
        company="Riverside Academy",
        role="Head of Geography",
        round=FINAL,
        today=TODAY,
        panel=(DEPUTY, TRUST_LEAD, HEAD),
        field="teaching",
        field_label="teaching",
        level="executive",
    )
    return [(q.text, q.why) for q in build_brief(data).likely_questions]


def test_a_head_of_department_gets_subject_leaders_questions_not_pastoral_ones() -> None:
    questions = _geography_questions()
    texts = " ".join(text for text, _ in questions)
    assert "form tutors" not in texts
    assert "bullying incidents" not in texts
    assert "family who did not trust the school" not in texts
    led = [text for text, why in questions if "lead a team" in why]
    assert led, questions
    assert all("department" in text or "leader" in text for text in led), led


def test_no_corporate_or_retirement_staples_in_a_school_final() -> None:
    texts = " ".join(text for text, _ in _geography_questions())
    assert "chief executive" not in texts
    assert "retire" not in texts
    assert "our strategy" not in texts
