"""A warehouse shift manager's final: requirements pasted without bullets are read, a shift
pattern is a condition to agree to, a course held is held, a transport planner's questions are
not asked of a warehouse job, and a health and safety manager on the panel is read by title."""

from __future__ import annotations

import datetime as dt

from nextround.coach.brief import BriefInput, PersonText, RoundInfo, build_brief, gap_advice
from nextround.coach.evidence import RequirementText, StoryText, is_condition, is_held
from nextround.coach.fields import cares_about, function_of
from nextround.coach.requirements import extract_requirements

ADVERT = """Night Shift Manager - Warehouse

About the site
Our 400,000 sq ft distribution centre ships 60,000 orders a night for online retailers.

You will need:
Leading a shift of 40 operatives and agency staff
Health and safety leadership; IOSH Managing Safely
Working a 4-on 4-off nights pattern
Experience of a WMS such as Manhattan or Blue Yonder
"""

STORY = StoryText(
    1,
    "Rebuilt pick accuracy on nights",
    "Pick accuracy on the night shift had fallen to 98.1% at a 300-person DC.",
    "Bring it back above 99.5% before peak.",
    "I led a shift of 35 pickers and agency staff, retrained the team, and set up daily "
    "accuracy huddles with my team leaders.",
    "Accuracy rose to 99.7% in six weeks.",
)


def test_short_lines_under_a_heading_are_requirements_whose_bullets_were_lost() -> None:
    found = [(r.kind, r.text) for r in extract_requirements(ADVERT).requirements]
    assert ("must", "Health and safety leadership") in found
    assert ("must", "IOSH Managing Safely") in found
    assert ("must", "Leading a shift of 40 operatives and agency staff") in found
    # A heading followed by a paragraph is still no requirement of its own.
    prose = "Night Shift Manager\n\nThe person\nYou will lead a night shift of 40 operatives.\n"
    assert "The person" not in [r.text for r in extract_requirements(prose).requirements]


def test_a_shift_pattern_is_a_condition_to_agree_to_never_a_story_or_a_gap() -> None:
    for text in (
        "Working a 4-on 4-off nights pattern",
        "Willing to travel between sites",
        "Able to work weekends and bank holidays",
        "Right to work in the UK",
    ):
        assert is_condition(text), text
    for text in (
        "Experience of handling on-call incidents",
        "Experience in the travel industry",
        "Leading a shift of 40 operatives",
    ):
        assert not is_condition(text), text
    assert is_held("IOSH Managing Safely") and is_held("NEBOSH General Certificate")
    assert gap_advice("Working a 4-on 4-off nights pattern").startswith("A condition of the job")


def _brief(panel: tuple[PersonText, ...] = ()):  # type: ignore[no-untyped-def]
    extraction = extract_requirements(ADVERT)
    requirements = tuple(
        RequirementText(i, r.text, r.kind) for i, r in enumerate(extraction.requirements, 1)
    )
    return build_brief(
        BriefInput(
            company="Northgate Distribution",
            role="Night Shift Manager - Warehouse",
            round=RoundInfo(9, 1, 2, "on-site", "panel", "delve-deeper", dt.date(2026, 12, 10)),
            today=dt.date(2026, 12, 4),
            has_job_description=True,
            earlier_rounds=(1,),
            panel=panel,
            requirements=requirements,
            stories=(STORY,),
            field="logistics",
            field_label="logistics",
        )
    )


def test_the_shift_pattern_is_neither_backed_nor_a_gap_nor_probed() -> None:
    brief = _brief(
        (PersonText(1, "Jo Hart", "Site General Manager", "senior-executive", "director"),)
    )
    row = brief.evidence.row_for("Working a 4-on 4-off nights pattern")
    assert row is not None and row.matches == () and row.maybe == ()
    assert "Working a 4-on 4-off nights pattern" not in [g.text for g in brief.evidence.gaps]
    said = " ".join(q.text for q in brief.likely_questions).lower()
    assert "4-on 4-off" not in said


def test_a_warehouse_job_is_not_asked_a_transport_planners_questions() -> None:
    said = " ".join(q.text for q in _brief().likely_questions).lower()
    assert "tachograph" not in said
    assert "routes for a delivery fleet" not in said


def test_a_health_and_safety_manager_on_the_panel_cares_about_safety_not_stock() -> None:
    info = function_of("Regional Health and Safety Manager", "logistics")
    assert info is not None and info.id == "safety"
    cares = cares_about(
        "logistics",
        "technical",
        "manager",
        title="Regional Health and Safety Manager",
        job_title="Night Shift Manager - Warehouse",
    )
    assert cares and all("stock" not in c and "transport" not in c for c in cares)
    assert any("incident" in c or "safe" in c for c in cares)


def test_a_working_conditions_section_is_read_and_each_line_is_a_condition() -> None:
    advert = (
        "Band 6 Physiotherapist\n\nEssential\n- HCPC registration\n\nWorking conditions\n"
        "- Participation in the respiratory on-call rota, about 1 in 8 weekends\n"
        "- 7-day working rota\n- Enhanced DBS check\n"
    )
    found = [r.text for r in extract_requirements(advert).requirements]
    assert found[1:] == [
        "Participation in the respiratory on-call rota, about 1 in 8 weekends",
        "7-day working rota",
        "Enhanced DBS check",
    ]
    assert all(is_condition(text) for text in found[1:])
    assert not is_condition("Planning wages and rotas for peak trading")
