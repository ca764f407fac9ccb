"""Which questions a practice session asks (services.practice.questions_for_round)."""

from __future__ import annotations

from nextround.services import practice
from tests.world import World

# Two doubts no bank question is close to: each is asked in its own words.
UNMATCHED_DOUBTS = (
    "They weren't convinced you have calibrated a tidal flow gauge on an estuary, and they "
    "weren't sure you have run a sediment sampling campaign on a tidal river."
)


def test_a_session_asks_exactly_the_count_asked_for(world: World) -> None:
    world.feedback.text = UNMATCHED_DOUBTS
    world.feedback.save()
    for count in range(1, 7):
        picked = practice.questions_for_round(world.user, world.round2.pk, count, seed=3)
        assert len(picked) == count, [q.text for q in picked]
