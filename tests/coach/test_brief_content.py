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


def test_new_interviewers_hear_the_first_rounds_questions_again() -> None:
    found = categories(build_brief(full()))
    assert WEAK.text in found["repeat"]
    repeat = next(q for q in build_brief(full()).likely_questions if q.category == "repeat")
    assert "Tom Okafor" in repeat.why and "Priya" not in repeat.why


def test_weak_answers_and_concerns_get_deeper_follow_ups_with_the_best_story() -> None:
    brief = build_brief(full())
    follow = next(q for q in brief.likely_questions if q.category == "follow-up")
    assert "stakeholder" in follow.text.lower()
    assert follow.story is not None and follow.story.title == "Finance sign-off"
    concern = next(q for q in brief.likely_questions if q.category == "concern")
    assert "stakeholder management" in concern.text and "lacked" in concern.why


def test_a_senior_interviewer_brings_specialist_probes_on_the_requirements() -> None:
    found = categories(build_brief(full()))
    assert any("SQL" in text for text in found["probe"])
    junior_only = BriefInput(**{**full().__dict__, "panel": (PersonText(6, "Al", role="hr"),)})
    assert "probe" not in categories(build_brief(junior_only))


def test_meet_the_team_rounds_ask_about_fit_and_every_round_has_staples() -> None:
    team = RoundInfo(2, 1, 2, "on-site", "meet-the-team", "meet-the-team", ROUND.date)
    found = categories(build_brief(BriefInput(**{**full().__dict__, "round": team})))
    assert len(found["fit"]) >= 2
    assert found["staple"] and found["curveball"] and found["motivation"]


def test_each_interviewer_gets_care_abouts_and_tailored_questions() -> None:
    brief = build_brief(full())
    tom = next(p for p in brief.people if p.name == "Tom Okafor")
    assert tom.new_to_you and any("numbers" in c for c in tom.care_about)
    asks = [a.text for a in tom.questions_to_ask]
    assert any("3.5 years" in a for a in asks) and any("Initech" in a for a in asks)
    assert not next(p for p in brief.people if p.name == "Priya Shah").new_to_you


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
