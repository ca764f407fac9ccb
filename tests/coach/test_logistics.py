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
