"""Interviewer profiles in several real layouts, pasted and as PDF, read field by field."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.formats.documents import read_document
from nextround.formats.profile import ProfileParse, parse_profile, title_and_company
from tests.formats import corpus
from tests.formats.profile_shapes import BY_NAME, SHAPES, Shape, pdf

TODAY = corpus.PROFILE_TODAY
NAMES = [s.name for s in SHAPES]


def read(shape: Shape, how: str) -> ProfileParse:
    if how == "pasted":
        return parse_profile(shape.text, TODAY)
    document = read_document(pdf(shape.name), f"{shape.name}.pdf")
    return parse_profile(document.text, TODAY)


@pytest.fixture(params=["pasted", "pdf"])
def how(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("name", NAMES)
def test_the_name_is_the_persons_not_a_page_heading(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).name == BY_NAME[name].person


@pytest.mark.parametrize("name", NAMES)
def test_the_job_title_is_the_title_never_the_company(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).title == BY_NAME[name].title


@pytest.mark.parametrize("name", NAMES)
def test_the_company_is_the_employer_never_a_title(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).current_company == BY_NAME[name].company


@pytest.mark.parametrize("name", NAMES)
def test_years_at_the_company_count_from_the_first_role_there(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).years_at_company == BY_NAME[name].years


@pytest.mark.parametrize("name", NAMES)
def test_earlier_employers_are_companies_never_earlier_titles(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).earlier_employers == BY_NAME[name].earlier


@pytest.mark.parametrize("name", NAMES)
def test_the_research_note_puts_each_fact_in_its_place(name: str, how: str) -> None:
    note = read(BY_NAME[name], how).research_note
    assert note == BY_NAME[name].note
    assert " is Northwind Logistics at " not in note


@pytest.mark.parametrize("name", NAMES)
def test_the_title_says_the_seniority_where_it_is_plain(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).seniority == BY_NAME[name].seniority


@pytest.mark.parametrize("name", NAMES)
def test_the_role_is_guessed_only_where_the_title_makes_it_plain(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).role == BY_NAME[name].role


@pytest.mark.parametrize("name", NAMES)
def test_earlier_employers_keep_their_years(name: str, how: str) -> None:
    assert read(BY_NAME[name], how).earlier_spans == BY_NAME[name].spans


@pytest.mark.parametrize("name", NAMES)
def test_talks_posts_and_papers_are_kept_in_their_own_words(name: str, how: str) -> None:
    profile = read(BY_NAME[name], how)
    assert tuple(kind for kind, _ in profile.notable) == BY_NAME[name].notable
    for _, words in profile.notable:
        assert f"“{words.rstrip('.')}”" in profile.research_note


def test_the_about_text_is_kept_whole_and_quoted() -> None:
    profile = parse_profile(BY_NAME["web_about_activity"].text, TODAY)
    assert profile.about.startswith("I run customer success and support for Quillfield's 900")
    assert profile.about.endswith("I host the Retention Room podcast.")
    assert profile.research_note.splitlines()[-1] == "About: “" + profile.about[:-1] + "”"


def test_a_long_about_is_cut_after_a_whole_sentence() -> None:
    text = "Ana Lind\nRecruiter at Brightwater Bank\n\nAbout\n" + "I hire engineers. " * 60
    about = parse_profile(text, TODAY).research_note.splitlines()[-1]
    assert about.startswith("About: “I hire engineers. I hire")
    assert about.endswith("I hire engineers. …”")
    assert len(about) < 640


@pytest.mark.parametrize(
    ("text", "title", "company", "seniority", "role"),
    [
        (
            "Oliver Grant — VP Customer Experience at Brightdesk",
            "VP Customer Experience",
            "Brightdesk",
            "executive",
            "senior-executive",
        ),
        ("Sam Ode | Head of People at Fernleaf", "Head of People", "Fernleaf", "director", "hr"),
        (
            "Lena Park, Talent Acquisition Partner at Corvid Systems",
            "Talent Acquisition Partner",
            "Corvid Systems",
            "unknown",
            "hr",
        ),
        (
            "Tom Reyes\nSenior Recruitment Consultant at Hamilton Reed",
            "Senior Recruitment Consultant",
            "Hamilton Reed",
            "senior",
            "consultant",
        ),
        (
            "Jo Baxter\nSoftware Engineer at Acme Software Ltd",
            "Software Engineer",
            "Acme Software Ltd",
            "unknown",
            "other",
        ),
    ],
)
def test_a_short_name_and_title_line_gives_each_field(
    text: str, title: str, company: str, seniority: str, role: str
) -> None:
    profile = parse_profile(text, TODAY)
    assert (profile.title, profile.current_company) == (title, company)
    assert (profile.seniority, profile.role) == (seniority, role)


def test_the_employer_is_never_left_in_the_title() -> None:
    text = (
        "Oliver Grant\nVP Customer Experience at Brightdesk\nLondon, England, United Kingdom\n\n"
        "About\nI lead Customer Success at Brightdesk.\n"
    )
    profile = parse_profile(text, TODAY)
    assert (profile.title, profile.current_company) == ("VP Customer Experience", "Brightdesk")
    assert profile.research_note.startswith("Oliver Grant is VP Customer Experience at Brightdesk.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Operations Manager at Northwind Logistics",
            ("Operations Manager", "Northwind Logistics"),
        ),
        ("Head of Engineering, Brightwater Bank", ("Head of Engineering", "Brightwater Bank")),
        ("Head of Engineering | Brightwater Bank", ("Head of Engineering", "Brightwater Bank")),
        ("Head of Engineering - Brightwater Bank", ("Head of Engineering", "Brightwater Bank")),
        ("Brightwater Bank | Head of Engineering", ("Head of Engineering", "Brightwater Bank")),
        (
            "Head of Data at Corvid Systems | Building data teams",
            ("Head of Data", "Corvid Systems"),
        ),
        # A team after the comma is not an employer, and a slogan is not a job.
        ("Head of Data, Payments", ("", "")),
        ("Building calm teams | Speaker", ("", "")),
        ("London, United Kingdom", ("", "")),
    ],
)
def test_a_title_and_company_line_is_split_only_when_it_is_plain(
    line: str, expected: tuple[str, str]
) -> None:
    assert title_and_company(line) == expected


def test_an_unclear_profile_keeps_its_headline_for_the_candidate_to_read() -> None:
    profile = parse_profile(BY_NAME["unclear"].text, TODAY)
    assert profile.headline == "Speaker and mentor"
    assert (profile.title, profile.current_company, profile.earlier_employers) == ("", "", ())


def test_an_earlier_role_at_the_same_company_is_not_an_earlier_employer() -> None:
    profile = parse_profile(BY_NAME["web_title_first"].text, date(2024, 12, 1))
    assert "Northwind Logistics" not in profile.earlier_employers
    assert "Shift Supervisor" not in profile.earlier_employers
