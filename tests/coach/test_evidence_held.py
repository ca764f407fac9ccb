"""What is held (a qualification, a course, a language) is never backed by a story that does not
name it; knowledge is shown in what was done, and a story naming the thing backs it."""

from __future__ import annotations

from nextround.coach.brief import gap_advice
from nextround.coach.evidence import StoryText, is_held, is_language, rank_stories

DISCLOSURE = StoryText(
    1,
    "End-of-day disclosure",
    situation="A Year 8 pupil told me at 15:40 that she was frightened to go home.",
    task="As her tutor I had to act on it before I left the building.",
    action="I listened without leading questions, recorded her words on CPOMS and went straight "
    "to the DSL, who made a referral to children's social care that evening.",
    result="She was placed with her aunt the same night and her attendance recovered to 96%.",
    skills=("safeguarding", "CPOMS"),
)
CABOT = StoryText(
    2,
    "Cabot Street transfer structure",
    situation="A nine-storey steel office on an RC podium over a retained basement.",
    task="As project engineer I led the structural design from stage 2 to 5.",
    action="I designed transfer beams at level 1, modelled the frame in Tekla, designed the "
    "steelwork to EC3 and the podium and basement to EC2, and ran a value engineering review.",
    result="The value engineering saved 180 tonnes of steel (about £310k) and six weeks.",
    skills=("steel design", "Eurocodes"),
)


def far(a: str, b: str) -> float:
    """Meaning that does not help: every pair far apart."""
    return 0.1


def test_a_course_or_qualification_is_held_and_no_story_merely_tagged_with_its_topic_backs_it() -> (
    None
):
    for held in ("Designated Safeguarding Lead (or deputy) training",
                 "The NPQ for Leading Behaviour and Culture"):  # fmt: skip
        assert is_held(held)
        assert rank_stories(held, [DISCLOSURE], include_possible=True) == []
        assert gap_advice(held).startswith("Something you hold, not a story")


def test_knowledge_named_in_what_was_done_is_backed_even_when_meaning_scores_low() -> None:
    need = "Thorough working knowledge of the Eurocodes, in particular EC2 and EC3"
    assert not is_held(need)
    [match] = rank_stories(need, [CABOT], similarity=far)
    assert match.story_id == 2 and match.confidence == "strong"


def test_a_language_is_spoken_not_told_as_a_story() -> None:
    assert is_language("German or French") and is_language("Fluent Welsh speaker")
    assert not is_language("Experience of French accounting rules")
    assert gap_advice("German or French").startswith("A language, not a story")
    assert rank_stories("German or French", [CABOT, DISCLOSURE], include_possible=True) == []
