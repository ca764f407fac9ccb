"""What a candidate learns about an interviewer from a saved or pasted profile."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.formats.documents import read_document
from nextround.formats.profile import ProfileParse, parse_profile
from tests.formats import corpus

PROFILES = [i.name for i in corpus.items("profile")]


def parsed(name: str) -> ProfileParse:
    item = corpus.item(name)
    return parse_profile(read_document(item.data, item.filename).text, corpus.PROFILE_TODAY)


@pytest.mark.parametrize("name", PROFILES)
def test_it_finds_name_title_and_current_company(name: str) -> None:
    profile = parsed(name)
    expected = corpus.item(name).profile
    assert profile.name == expected["name"]
    assert profile.title == expected["title"]
    assert profile.current_company == expected["current_company"]


@pytest.mark.parametrize("name", PROFILES)
def test_years_at_company_count_from_the_first_role_there(name: str) -> None:
    assert parsed(name).years_at_company == corpus.item(name).profile["years_at_company"]


@pytest.mark.parametrize("name", PROFILES)
def test_earlier_employers_are_most_recent_first_without_the_current_one(name: str) -> None:
    assert parsed(name).earlier_employers == corpus.item(name).profile["earlier_employers"]


@pytest.mark.parametrize("name", PROFILES)
def test_it_lists_education_and_top_skills(name: str) -> None:
    profile = parsed(name)
    expected = corpus.item(name).profile
    assert tuple(e.split(" — ")[0] for e in profile.education) == expected["schools"]
    assert profile.education[0] == (
        "University of Warwick — Master of Science - MS, Statistics (2011-2012)"
    )
    assert profile.skills == expected["skills"]


def test_the_research_note_is_written_from_the_facts() -> None:
    assert parsed("profile_pdf").research_note == (
        "Priya Raman is Head of Data at Corvid Systems, there for about 5.8 years; before that "
        "Initech Analytics (2015–2019) and Globe Mutual Insurance (2012–2015). Studied at "
        "University of Warwick and University of Bath. Lists Data Strategy, Machine Learning "
        "and Team Leadership among top skills.\n"
        "About: “I lead a team of twelve data scientists and engineers working on fraud "
        "detection”"
    )


def test_the_headline_and_location_are_kept() -> None:
    profile = parsed("profile_pdf")
    assert profile.headline.startswith("Head of Data at Corvid Systems")
    assert profile.location == "London, England, United Kingdom"


def test_a_stated_duration_is_used_when_the_start_has_no_month_or_year() -> None:
    text = (
        "Sam Ode\nEngineering Manager\n\nExperience\nTallyho Ltd\nEngineering Manager\n"
        "2021 - Present (3 years 6 months)\n"
    )
    profile = parse_profile(text, date(2024, 7, 1))
    assert profile.current_company == "Tallyho Ltd"
    assert profile.years_at_company == 3.5


def test_a_profile_without_experience_falls_back_to_the_headline() -> None:
    profile = parse_profile("Ana Lind\nRecruiter at Brightwater Bank\n", date(2024, 1, 1))
    assert (profile.title, profile.current_company) == ("Recruiter", "Brightwater Bank")
    assert profile.years_at_company is None
    assert profile.research_note == "Ana Lind is Recruiter at Brightwater Bank."
