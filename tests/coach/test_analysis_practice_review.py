"""Practice answers a career coach reviewed (a QS, a pharmacist, an HR business partner): the lines
of feedback she found wrong, each checked on the answer as it was typed."""

from __future__ import annotations

from nextround.coach.analysis import Analysis, AnswerContext, analyze_answer
from nextround.coach.probes import follow_ups

# The job's key terms as read from each job description; every one lists a driving licence.
QS_TERMS = ("quantity surveying", "QS", "NEC3", "JCT", "driving licence", "supply chain", "MRICS")
PHARMACY_TERMS = ("NHS", "clinical governance", "root cause analysis", "driving licence", "GP")
HR_TERMS = ("CIPD", "HR", "employment law", "driving licence", "TUPE", "employee relations")

NEC4 = (
    "On the Wakefield secondary school extension, a £14.3m job under NEC4 Option C, the client "
    "kept changing the sports hall design and then a gas main had to be diverted, which gave us "
    "38 compensation events in eight months. I was the project QS and it was my job to notify, "
    "price and agree every one. I set up a CE register tied to the programme, notified each event "
    "well inside the eight-week window, and priced each quotation from Defined Cost using the "
    "programme impact rather than bill rates. I held a fortnightly CE meeting with the client's "
    "PM so nothing slipped into deemed acceptance against us. For the gas diversion I built the "
    "time-related cost from the site diaries and got it accepted as one CE. As a result all 38 "
    "were agreed within the contract timescales, £1.12m was added to the Prices, none went to "
    "adjudication, and our target cost position moved from a forecast £180k pain to a £95k gain."
)
PHARMACY_FIRST = (
    "When Pharmacy First launched in 2024 my Hazel Grove branch was doing about twelve "
    "consultations a week, the lowest in our area, because the counter team weren't sure which "
    "patients were eligible. As pharmacist manager I set myself the target of getting us into "
    "the top quarter of the area within three months. I wrote a one-page eligibility guide, "
    "trained two pharmacists and three counter assistants on the seven pathways with role-play, "
    "set up a booking sheet for the consultation room, and met the practice manager at the "
    "neighbouring surgery every fortnight to agree referrals. When one assistant was still "
    "turning patients away, I paired her with our most confident colleague for a week. Within "
    "three months we were doing 61 consultations a week, the second highest in the ICB, and "
    "service income was about £14,000 a quarter."
)
WARFARIN = (
    "In March 2025 a patient at my branch was given warfarin 3mg instead of 1mg. She noticed the "
    "colour and rang us before she took any. As responsible pharmacist I rang her back straight "
    "away, apologised, arranged the correct tablets to be delivered that afternoon and told her "
    "GP. I reported it on the Learn from Patient Safety Events service and ran a root cause "
    "analysis with the team the next morning. We found the two strengths were stored side by "
    "side and the final check was rushed over lunch. I separated look-alike strengths, brought in "
    "a second check for high-risk medicines and a protected checking slot, and started a weekly "
    "near-miss huddle. The patient was unharmed and stayed with us, and the area manager rolled "
    "the second check out to four other branches."
)
CONSULTATION = (
    "In 2025 our 140-seat contact centre lost its largest client and 23 roles were at risk. "
    "There was no recognised union, so I had to set up the consultation from scratch. I led the "
    "HR side of a 45-day collective consultation: I ran the election of five employee reps and "
    "trained them on their role, filed the HR1, chaired eight consultation meetings with the "
    "operations director, and took the reps' proposals for reduced hours and a voluntary "
    "redundancy window to the board. I wrote the selection criteria with the reps and coached "
    "the managers through every individual meeting. Seventeen of the 23 were redeployed or moved "
    "to reduced hours, six took voluntary redundancy, nobody was compulsorily dismissed and we "
    "had no tribunal claims. I haven't yet done this with a recognised union, which is one "
    "reason this role appeals to me."
)
SUBCONTRACTORS = (
    "I'm a real people person and I always go above and beyond for the supply chain. I believe "
    "relationships are everything in construction, so I'm always open and honest and I treat "
    "people how I'd want to be treated. I'm a team player and I think outside the box when "
    "there's a problem. At the end of the day it's about communication, communication, "
    "communication, and I'm passionate about building long-term partnerships that add value for "
    "everyone."
)
FINAL_ACCOUNT = (
    "So, um, the biggest one was probably Castleford, the health centre, which was, I think, "
    "about eight million, maybe a bit more, I'd have to check. It was JCT design and build, I "
    "think the 2016 one, and there were loads of variations, like, a lot, and some loss and "
    "expense, which was, you know, quite messy, and to be honest I'm not great at the "
    "negotiation side, Graham did most of that, I sort of did the spreadsheets and the back-up "
    "and went to some of the meetings. There were a lot of meetings. The employer's agent was, "
    "um, quite difficult, and the programme had slipped, and there was an issue with the M&E sub "
    "as well, which is a whole other story really, and I guess in the end it sort of got agreed, "
    "I think it was alright, I don't really remember the final number, sorry, it was a while ago "
    "now and I wasn't really the one who signed it off."
)
LEAD_PHARMACISTS = (
    "I'm a natural leader and a great communicator, and I believe in leading by example. I'd be "
    "very hands-on and I'd make sure everyone feels valued and supported. I'm passionate about "
    "patient care and I always put patients first. I'd build a culture of excellence and empower "
    "people to be the best version of themselves, and I'd make sure we all work together as one "
    "team to deliver great results."
)
PRESCRIBER = (
    "Um, so, there was one time, I think it was last year, maybe the year before, a GP "
    "prescribed, I want to say, a high dose of something, I can't really remember exactly what, "
    "for an elderly patient, and I wasn't sure if it was right, and I'm not very good at "
    "confrontation to be honest, so I sort of left it for a bit. Then I rang the surgery and the "
    "receptionist said he was busy, and I was a bit nervous, and then I think I spoke to him "
    "later, or maybe it was the practice pharmacist, and he was a bit short with me. I guess it "
    "worked out okay in the end, I think he changed it, but I'm not sure I handled it that well, "
    "I probably should have been firmer."
)
GRIEVANCE = (
    "Oh gosh, there have been so many, um, I guess the one that comes to mind is a grievance, "
    "well, it started as a grievance and then turned into a disciplinary, or actually I think "
    "there were two grievances, against a team leader, about bullying, and it was really messy, "
    "and to be honest I'm no expert on investigations, I sort of muddled through, I think the "
    "investigating manager did most of it. There were loads of witness statements, like, loads, "
    "and some of them contradicted each other, and then the team leader went off sick with "
    "stress, which complicated things, you know, and I'm not sure we got the timings right, and "
    "I think in the end he left, or maybe he was moved, I don't really remember, but I guess it "
    "sort of resolved itself."
)
COACHING = (
    "I'm very passionate about coaching and I believe every manager has potential. I'm a good "
    "listener and I always try to empower managers to find their own solutions. I think it's "
    "really important to build trust and be approachable, and I always go the extra mile. "
    "Basically, I'm a people person, so coaching comes naturally to me, and I think managers "
    "really value having a trusted partner they can come to."
)


def analyse(question: str, answer: str, kind: str, terms: tuple[str, ...] = ()) -> Analysis:
    """The answer analysed as the question's type was read when the coach ran it."""
    return analyze_answer(question, answer, AnswerContext(job_terms=terms, question_type=kind))


def said(analysis: Analysis, aspect: str) -> str:
    return " ".join(i.message for i in analysis.by_aspect(aspect))


STRONG = {
    "nec4": ("Tell me about a time you managed a compensation event under NEC4.", NEC4),
    "pharmacy first": (
        "Tell me about a time you led a team through a change in how they work.",
        PHARMACY_FIRST,
    ),
    "warfarin": ("Tell me about how you handled a dispensing error.", WARFARIN),
    "consultation": ("Tell me about a time you led a collective consultation.", CONSULTATION),
}


def test_a_duty_or_a_role_said_in_the_story_is_its_task() -> None:
    # "it was my job to…", "As pharmacist manager I set myself the target of…", "As responsible
    # pharmacist I…", "I led the HR side of…": each answer says what her part was.
    for name, (question, answer) in STRONG.items():
        analysis = analyse(question, answer, "behavioural")
        codes = {i.code for i in analysis.insights}
        assert "no-task" not in codes, name
        assert "What was your part meant to be?" not in said(analysis, "structure"), name
    nec4 = analyse(*STRONG["nec4"], "behavioural")
    assert "task (sentence 2)" in said(nec4, "structure")


def test_a_bare_job_title_makes_a_missing_task_a_question() -> None:
    answer = (
        "I was a pharmacist at a busy branch in Stockport during the winter rush. One Saturday "
        "the locum left at noon with forty prescriptions still waiting to be checked. I called "
        "two colleagues from the next branch."
    )
    analysis = analyse("Tell me about a time you were short-staffed.", answer, "behavioural")
    (task,) = [i for i in analysis.insights if i.code == "no-task"]
    assert task.level == "info" and task.confidence < 0.5
    assert task.message.startswith("What was your part meant to be?")
    assert not any("Add the task" in step for step in analysis.next_steps)


def test_a_team_result_is_rightly_we() -> None:
    pharmacy = analyse(*STRONG["pharmacy first"], "behavioural", PHARMACY_TERMS)
    assert "Within three months" not in said(pharmacy, "ownership")
    assert "Replace “we” with what you did yourself." not in pharmacy.next_steps
    assert [s.label for s in pharmacy.star][-1] == "result"

    warfarin = analyse(*STRONG["warfarin"], "behavioural", PHARMACY_TERMS)
    ownership = said(warfarin, "ownership")
    assert "The patient was unharmed" not in ownership
    # "We found…" after a root cause analysis she ran is only a note, never the thing to fix.
    assert not any(i.level == "fix" for i in warfarin.by_aspect("ownership"))
    assert "Replace “we” with what you did yourself." not in warfarin.next_steps


def test_we_in_a_story_that_is_all_talk_is_still_flagged_where_it_is_said() -> None:
    analysis = analyse(
        "Tell me about a difficult employee relations case.", GRIEVANCE, "behavioural"
    )
    (unclear,) = [i for i in analysis.by_aspect("ownership") if i.level == "fix"]
    assert unclear.code == "no-own-part"
    # The quote shows the "we" it points at, not the start of a long sentence.
    assert "we got the timings right" in unclear.message
    assert analysis.score("ownership") == 0


def test_hedges_are_named_as_the_candidate_wrote_them() -> None:
    analysis = analyse(
        "How do you build relationships with subcontractors?", SUBCONTRACTORS, "technical"
    )
    delivery = said(analysis, "delivery")
    assert "(I believe and I think)" in delivery
    assert "i believe" not in delivery and "i think" not in delivery
    assert any("Remove hedges (I believe and I think)" in step for step in analysis.next_steps)


def test_a_belief_is_a_cliche_not_a_hedge() -> None:
    analysis = analyse(
        "How would you lead pharmacists across 22 branches?", LEAD_PHARMACISTS, "second-round"
    )
    assert not [i for i in analysis.insights if i.code == "hedging"]
    (cliches,) = [i for i in analysis.insights if i.code == "cliche"]
    assert "“leading by example”" in cliches.message


def test_checks_and_logistics_are_never_suggested_as_the_jobs_terms() -> None:
    terms = (*QS_TERMS, "Full UK driving licence", "enhanced DBS check", "CSCS card", "passport")
    analysis = analyse(
        "How do you build relationships with subcontractors?", SUBCONTRACTORS, "technical", terms
    )
    advice = said(analysis, "job terms") + " ".join(analysis.next_steps)
    # The job's terms far from the question (quantity surveying, for working with
    # subcontractors) are not pressed on the answer either.
    assert "quantity surveying" not in advice
    for check in ("driving licence", "DBS", "CSCS", "passport"):
        assert check not in advice


def test_a_check_named_in_an_answer_is_no_skill_to_probe() -> None:
    question = "Tell me about a time you kept a site safe."
    answer = (
        "On the Leeds job I checked every operative's CSCS card at induction and turned away "
        "two without one. I briefed the supervisors each morning and we had no reportable "
        "incidents in nine months."
    )
    found = follow_ups(question, answer, analyze_answer(question, answer), skills=("CSCS", "JCT"))
    assert not any("CSCS" in f.reason or "CSCS" in f.text for f in found)


def test_a_hedged_figure_is_no_concrete_detail() -> None:
    analysis = analyse(
        "Talk me through the largest final account you've agreed.", FINAL_ACCOUNT, "technical"
    )
    detail = " ".join(
        i.message for i in analysis.by_aspect("specificity") if i.code != "hedged-figure"
    )
    assert "eight" not in detail and "million" not in detail
    (guess,) = [i for i in analysis.insights if i.code == "hedged-figure"]
    assert "“about eight million”" in guess.message
    # Castleford and JCT are still named; the guessed figures score nothing.
    assert (analysis.score("specificity") or 0) <= 40


def test_a_number_word_and_its_magnitude_are_one_figure() -> None:
    answer = (
        "Our loyalty scheme had stalled at a few thousand sign-ups and my job was to grow it. "
        "I redesigned the sign-up screen, tested it with twelve customers in our Leeds store "
        "and moved the offer to the receipt. By the end of the year sign-ups had grown to "
        "eight million."
    )
    analysis = analyse("Tell me about a time you grew a loyalty scheme.", answer, "behavioural")
    detail = said(analysis, "specificity")
    assert "eight million" in detail
    assert "eight, million" not in detail and "eight and million" not in detail


def test_a_capitalised_common_word_is_no_named_detail() -> None:
    analysis = analyse(*STRONG["nec4"], "behavioural", QS_TERMS)
    detail = said(analysis, "specificity")
    assert "Wakefield" in detail
    assert "Option" not in detail


RAMBLING = {
    "prescriber": ("Tell me about a time you had to challenge a prescriber.", PRESCRIBER),
    "grievance": ("Tell me about a difficult employee relations case.", GRIEVANCE),
}


def test_a_rambling_answer_is_never_told_to_go_on_for_longer() -> None:
    for name, (question, answer) in RAMBLING.items():
        analysis = analyse(question, answer, "behavioural", PHARMACY_TERMS)
        length = said(analysis, "length")
        assert "on the short side" not in length, name
        assert "Keep to one case: what you did and how it ended." in length, name
        assert not any(step.startswith("Develop") for step in analysis.next_steps), name
    coaching = analyse("How do you coach line managers?", COACHING, "second-round", HR_TERMS)
    assert "short for" not in said(coaching, "length")
    assert not any(step.startswith("Develop") for step in coaching.next_steps)


def test_a_hedged_ending_is_quoted_where_it_ends() -> None:
    grievance = analyse(*RAMBLING["grievance"], "behavioural")
    (ending,) = [i for i in grievance.insights if i.code == "no-result"]
    assert "(“…but I guess it sort of resolved itself.”)" in ending.message
    assert "witness statements" not in ending.message
    prescriber = analyse(*RAMBLING["prescriber"], "behavioural")
    (ending,) = [i for i in prescriber.insights if i.code == "no-result"]
    assert "“I guess it worked out okay in the end…”" in ending.message
