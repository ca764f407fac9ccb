"""A head of year's panel is read as pastoral leadership, not as a classroom teacher's."""

from __future__ import annotations

from nextround.coach.debrief import clean_topic
from nextround.coach.fields import cares_about, unsuited_asks

JOB = "Head of Year (Years 10 and 11)"


def test_a_pastoral_deputy_head_cares_about_tutors_and_safeguarding_not_the_classroom() -> None:
    said = cares_about("teaching", "hiring-manager", "director", "Deputy Headteacher", JOB)
    assert "how you would lead and hold a team of tutors to account" in said
    assert not any("classroom" in c or "department" in c for c in said)
    # A head of maths hiring a maths teacher still cares about lessons.
    teacher = cares_about("teaching", "hiring-manager", "manager", "Head of Maths", "Maths Teacher")
    assert any("classroom" in c for c in teacher)


def test_a_head_of_year_is_not_offered_the_curriculum_question() -> None:
    assert "teach-ask-department" in unsuited_asks("teaching", JOB)
    assert "teach-ask-department" not in unsuited_asks("teaching", "Teacher of Geography")


def test_a_doubt_about_doing_much_of_something_is_about_the_thing() -> None:
    assert clean_topic("you've done much assessment of old masonry and timber") == (
        "assessment of old masonry and timber"
    )


def test_a_governor_is_asked_as_the_schools_leadership_not_as_a_colleague() -> None:
    from nextround.coach.brief import PersonText, build_brief
    from tests.coach.test_likely_third_review import case

    governor = PersonText(
        9, "Graham Whitfield", "Governor (safeguarding link governor)", "other", "senior"
    )
    brief = build_brief(case(panel=(governor,), field="teaching", field_label="teaching",
                             role=JOB, company="Millbrook Academy"))  # fmt: skip
    (person,) = brief.people
    asked = " ".join(a.text for a in person.questions_to_ask).lower()
    for colleague in ("first day", "a friend who was thinking of joining", "site or office"):
        assert colleague not in asked
    assert person.care_about and not any("day one" in c for c in person.care_about)
