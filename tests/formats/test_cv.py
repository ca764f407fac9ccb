"""What a candidate gets from their CV: sections, roles, skills and story drafts."""

from __future__ import annotations

import pytest

from nextround.formats.cv import CvParse, parse_cv, parse_date
from nextround.formats.documents import read_document
from tests.formats import corpus

CVS = [i.name for i in corpus.items("cv")]


def parsed(name: str) -> CvParse:
    item = corpus.item(name)
    return parse_cv(read_document(item.data, item.filename).text)


@pytest.mark.parametrize("name", CVS)
def test_it_finds_every_role_with_employer_title_and_dates(name: str) -> None:
    expected = corpus.item(name).roles
    roles = parsed(name).roles
    assert [(r.employer, r.title) for r in roles] == [(e.employer, e.title) for e in expected]
    assert [r.start_ym for r in roles] == [e.start for e in expected]
    assert [r.end_ym for r in roles] == [e.end for e in expected]


@pytest.mark.parametrize("name", CVS)
def test_it_lists_skills_from_the_skills_section_in_order_without_repeats(name: str) -> None:
    assert parsed(name).skills == corpus.item(name).skills


@pytest.mark.parametrize("name", CVS)
def test_it_names_the_main_sections_whatever_their_spelling(name: str) -> None:
    names = {s.name for s in parsed(name).sections}
    assert {"experience", "education", "skills", "summary"} <= names


def test_present_marks_the_current_role() -> None:
    first, second, _ = parsed("cv_pdf").roles
    assert first.current
    assert first.end == "Present"
    assert not second.current


def test_a_role_keeps_its_bullets() -> None:
    role = parsed("cv_docx").roles[1]
    assert role.bullets[-1] == "Responsible for the monthly board pack"
    assert len(role.bullets) == 3


def test_an_achievement_with_a_number_becomes_a_story_draft_with_its_metric() -> None:
    draft = parsed("cv_pdf").story_drafts[0]
    assert draft.title == "Cut onboarding time by 40%"
    assert draft.metrics == ("40%",)
    assert draft.result == "Cut onboarding time by 40%"
    assert draft.action == "rebuilding the activation funnel dashboard"
    assert draft.situation == draft.task == ""
    assert draft.needs == ("situation", "task")
    assert draft.source == "Senior Product Analyst at Larkspur Analytics (Mar 2021 – Present)"


def test_a_result_clause_is_split_from_the_action() -> None:
    drafts = {d.title: d for d in parsed("cv_pdf").story_drafts}
    churn = drafts["Built a churn model in Python that flagged at-risk accounts"]
    assert churn.action == "Built a churn model in Python that flagged at-risk accounts"
    assert churn.result == "saving £1.2m a year in retained revenue"
    assert churn.metrics == ("£1.2m",)


def test_a_duty_is_not_drafted_as_a_story() -> None:
    titles = [d.title for d in parsed("cv_pdf").story_drafts]
    assert not any(t.startswith("Responsible for") for t in titles)


def test_an_achievement_without_a_result_asks_for_one() -> None:
    drafts = {d.title: d for d in parsed("cv_pdf").story_drafts}
    assert drafts["Mentored 4 junior analysts through their first year"].needs == (
        "situation",
        "task",
        "result",
    )


def test_it_reads_roles_written_as_title_at_company_with_years_only() -> None:
    text = "EMPLOYMENT HISTORY\nData Analyst at Fenwick Foods (2015 - 2018)\n- Built 3 dashboards\n"
    (role,) = parse_cv(text).roles
    assert (role.employer, role.title, role.start_ym, role.end_ym) == (
        "Fenwick Foods",
        "Data Analyst",
        (2015, None),
        (2018, None),
    )


def test_skills_lose_their_labels_and_split_on_every_separator() -> None:
    text = "Technical Skills:\nLanguages: Python; Go | Rust\n• SQL · CI/CD\n"
    assert parse_cv(text).skills == ("Python", "Go", "Rust", "SQL", "CI/CD")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 2021", (2021, 3)),
        ("September 2019", (2019, 9)),
        ("03/2021", (2021, 3)),
        ("2021-03", (2021, 3)),
        ("2021", (2021, None)),
        ("mars 2020", (2020, 3)),
        ("soon", None),
    ],
)
def test_it_reads_dates_in_common_spellings(
    text: str, expected: tuple[int, int | None] | None
) -> None:
    assert parse_date(text) == expected


def test_a_cv_without_headings_gives_an_empty_parse() -> None:
    result = parse_cv("Just a paragraph about me.")
    assert result == CvParse(sections=(), roles=(), skills=(), story_drafts=())
