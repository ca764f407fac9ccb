"""Words a person reads: labels, counts, names and quotes said one way everywhere."""

from __future__ import annotations

import datetime as dt

from nextround.coach.words import address_name, clip, count, day, label


def test_choices_read_as_words_not_slugs() -> None:
    assert label("purpose", "delve-deeper") == "a deeper look at your experience"
    assert label("kind", "one-to-one") == "one to one"
    assert label("requirement", "duty") == "what the job involves"


def test_counts_and_dates_are_said_one_way() -> None:
    assert count(1, "day") == "1 day" and count(3, "day") == "3 days"
    assert day(dt.date(2026, 12, 9)) == "Wednesday 9 December 2026"


def test_people_are_addressed_as_they_would_expect() -> None:
    assert address_name("Dr Alan Whitcombe") == "Dr Whitcombe"
    assert address_name("Mrs Helen Carter") == "Mrs Carter"
    assert address_name("Priya Shah") == "Priya"


def test_a_long_note_is_clipped_at_a_word_never_mid_word() -> None:
    note = "Pushed back on blanket antibiotic restrictions at the drugs committee " * 4
    clipped = clip(note, 80)
    assert clipped.endswith("…") and len(clipped) <= 81
    assert clipped[:-1].split()[-1] in note.split()


def test_a_notes_point_drops_the_jobs_praise_word_and_soft_skills_are_told_apart() -> None:
    from nextround.coach.note_topics import is_soft_skill, point_phrase

    assert point_phrase("confident written communication") == "written communication"
    assert point_phrase("strong stakeholder management") == "stakeholder management"
    assert point_phrase("goodwill accounting") == "goodwill accounting"
    assert point_phrase("of de-escalating conflict") == "de-escalating conflict"
    assert is_soft_skill("Excellent written and verbal communication")
    assert is_soft_skill("A real team player")
    assert not is_soft_skill("Experience of NEC4 compensation events")


def test_a_doctor_is_greeted_by_title_and_surname_and_everyone_else_by_first_name() -> None:
    from nextround.coach.words import greeting_name

    assert greeting_name("Dr James Okafor") == "Dr Okafor"
    assert greeting_name("Prof. Ana Ruiz") == "Professor Ruiz"
    assert greeting_name("Okafor, Adaeze") == "Adaeze"
    assert greeting_name("Mr Tom Price") == "Tom"
    assert greeting_name("Karen Whitfield") == "Karen"


def test_a_long_programme_is_clipped_where_a_part_of_it_ends_not_inside_a_list() -> None:
    programme = (
        "Programme: 08:45 tour with students; 09:30 teach a 40-minute lesson; 13:00 a "
        "10-minute presentation on your vision, followed by a 45-minute interview with the "
        "Headteacher, Deputy Head and Trust Director of Science."
    )
    clipped = clip(programme, 150)
    assert clipped == (
        "Programme: 08:45 tour with students; 09:30 teach a 40-minute lesson; 13:00 a "
        "10-minute presentation on your vision…"
    )
    # With no clause end near the limit, it is cut at a word as before.
    assert clip("word " * 40, 50).endswith("word…")
