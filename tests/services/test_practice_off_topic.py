"""Practice feedback with relevance by meaning: stories from outside work and follow-up answers."""

from __future__ import annotations

import pytest

from nextround.services import practice
from nextround.services import semantic as meaning
from tests.world import World

pytest.importorskip("onnxruntime", reason="the semantic extra is not installed")

NETBALL = (
    "I captain my netball team on Tuesday evenings. Last winter we lost six games running, so "
    "I organised extra training on Sundays and changed who played centre, and we ended the "
    "season in second place."
)


@pytest.fixture(autouse=True)
def fresh_memory() -> None:
    meaning._memory.clear()


def texts(analysis: dict[str, object]) -> str:
    insights = analysis["insights"]
    assert isinstance(insights, list)
    return " ".join([str(analysis["summary"]), *(str(i["message"]) for i in insights)])


def test_a_sports_story_to_an_mdt_question_is_off_topic_whatever_the_shared_word(
    db: None,
) -> None:
    result = practice.analyse_text(
        "Tell me about your experience of working in a multidisciplinary team.",
        NETBALL,
        requirements=("Works with the multidisciplinary team to optimise medicines",),
        semantic=True,
    )
    data = result.to_dict()
    assert "This does not answer what they asked" in texts(data)
    assert not [i for i in result.insights if i.level == "good"]
    assert (result.score("relevance") or 0) <= 25
    assert not any("Develop the answer" in step for step in result.next_steps)


def test_the_answer_to_a_follow_up_is_checked_against_the_question_it_follows(
    world: World,
) -> None:
    first = practice.practise(
        world.user,
        "Describe how you have handled a member of staff who kept missing deadlines.",
        "Last term one of my technicians missed four order deadlines. I met him the same week, "
        "found he was covering two labs, and I moved one lab to a colleague. Within a month "
        "every order went in on time.",
        round_id=world.round2.pk,
        semantic=True,
    )
    follow = practice.practise(
        world.user,
        "What was the outcome?",
        NETBALL,
        follow_up_of=first.attempt_id,
        semantic=True,
    )
    assert "This does not answer what they asked" in texts(follow.analysis)
    assert not [i for i in follow.analysis["insights"] if i["level"] == "good"]  # type: ignore[index,union-attr]
