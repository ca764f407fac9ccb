"""Logistics facts from the invite and the emails: each kept whole, in every list it belongs to."""

from __future__ import annotations

from nextround.coach.logistics import dress_code, find_facts

CONSULTANT = "Your consultant's email"


def test_a_limit_at_the_end_of_a_long_instruction_is_kept() -> None:
    email = (
        'They want a 10-minute presentation: "How would you grow Pharmacy First consultations '
        'across the group in your first six months?" Please send your slides to Fiona by 5pm on '
        "Monday 7 December and keep it to no more than 6 slides, with your name on the first one "
        "and nothing embedded that needs an internet connection, because the room's laptop is "
        "offline."
    )
    quotes = [f.quote for f in find_facts([(CONSULTANT, email)])]
    assert any("no more than 6 slides" in q for q in quotes)


def test_boots_to_bring_are_in_what_to_wear_and_what_to_bring() -> None:
    email = "Dress code is business dress, but bring safety boots and your CSCS card for the site."
    facts = find_facts([(CONSULTANT, email)])
    assert {f.kind for f in facts} == {"dress", "bring"}
    assert dress_code(facts) == "business"


def test_a_registration_number_to_have_to_hand_and_a_site_visit_are_facts() -> None:
    facts = find_facts(
        [
            (CONSULTANT, "Have your GPhC registration number to hand as Rekha will check it."),
            ("The invite", "11:45 Site visit to Temple Newsam Primary with Lewis."),
        ]
    )
    assert [(f.kind, f.source) for f in facts] == [("bring", CONSULTANT), ("tour", "The invite")]


def test_the_days_timetable_its_values_rules_and_outcome_are_facts() -> None:
    email = (
        "Dear Daniel,\n\nThe afternoon runs as follows:\n"
        "13:30 Student panel: six Year 10 students from our school council will ask you "
        "questions for 20 minutes.\n"
        "14:30 Values-based interview with Helen Carter and Graham Whitfield, about 50 minutes.\n"
        "\nOur values are Ambition, Kindness and Respect, and the panel's questions are built "
        "around them. Please do not use real pupils' names in your examples. We will let you "
        "know the outcome by phone the same evening. Cameras on, please; if anything goes "
        "wrong, call me on 020 7946 0718.\n\nBest wishes,\nKaren"
    )
    quotes = [f.quote for f in find_facts([("Karen Doyle's email", email)])]
    for said in ("13:30 Student panel", "14:30 Values-based interview", "Our values are Ambition",
                 "Please do not use real pupils' names", "let you know the outcome by phone",
                 "Cameras on", "call me on 020 7946 0718"):  # fmt: skip
        assert any(q.startswith(said) or said in q for q in quotes), (said, quotes)
    assert not any(q.startswith(("Dear", "Best wishes")) for q in quotes)


def test_the_sentences_that_describe_a_set_task_are_kept_with_it() -> None:
    email = (
        "Some details for Tuesday:\n\n"
        "- The first part is a design review exercise. You will have 45 minutes on your own "
        "with a short pack of drawings for a change of use of a Victorian brick warehouse to "
        "flats. You will then present your findings for 10 minutes.\n"
        "- The technical interview follows. We are proud of our new office.\n"
    )
    quotes = [f.quote for f in find_facts([("Joanne Fisher's email", email)])]
    assert any("Victorian brick warehouse" in q for q in quotes)
    # Beyond the task's own paragraph, a sentence with no cue is no fact.
    assert not any("proud of our new office" in q for q in quotes)


def test_hi_vis_is_not_a_greeting_and_is_something_to_bring() -> None:
    facts = find_facts([("Your notes", "Hi-vis and safety boots required for the site walk.")])
    assert {f.kind for f in facts} == {"tour", "bring"}
    assert all(f.quote.startswith("Hi-vis and safety boots") for f in facts)


def test_feedback_on_an_answer_and_bringing_a_point_up_are_no_logistics() -> None:
    from nextround.coach.logistics import find_facts

    said = (
        "Honestly your resp assessment answer was one of the best we heard, so do bring that "
        "up again. Aled will want to explore audit, so do bring an example. The budget here is "
        "a big step up from what you hold now. Please bring photo ID. The assessment starts at "
        "13:30 in Seminar Room 2."
    )
    facts = [(f.kind, f.quote) for f in find_facts([("Karen's email", said)])]
    assert facts == [
        ("bring", "Please bring photo ID."),
        ("agenda", "The assessment starts at 13:30 in Seminar Room 2."),
    ]
