"""A profile import's quoted talks and posts become questions; the candidate's "I" does not."""

from __future__ import annotations

from nextround.coach.research_asks import research_asks

NOTE = (
    "Oliver Grant is VP Customer Experience at Brightdesk, there for about 3.8 years.\n"
    "Talk: “I spoke at SaaStock 2025 about digital-touch customer success for the long tail”\n"
    "About: “I lead Customer Success at Brightdesk. I spoke at SaaStock 2025 about "
    "digital-touch customer success for the long tail”"
)


def test_a_quoted_talk_from_their_profile_is_asked_about_once() -> None:
    found = research_asks(NOTE, "Oliver Grant")
    assert [(a.kind, a.slots["topic"]) for a in found] == [
        ("spoke", "digital-touch customer success for the long tail")
    ]
    assert found[0].source == (
        "I spoke at SaaStock 2025 about digital-touch customer success for the long tail"
    )


def test_the_candidates_own_i_is_not_read_as_the_interviewer() -> None:
    notes = "I spoke to her at a meetup about hiring juniors."
    assert research_asks(notes, "Oliver Grant") == []


def test_a_quoted_line_that_fits_no_template_gives_no_question() -> None:
    notes = "Post: “Why we moved our CSMs to own renewals: what changed in our first year”"
    assert research_asks(notes, "Rebecca Osei") == []
