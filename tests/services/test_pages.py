"""The view-models behind the pages: right content, and a fixed number of queries.

The board's are in test_board.py.
"""

from __future__ import annotations

from nextround.services import pages
from tests.world import World


def test_the_opportunity_page_lists_rounds_with_their_panel(world: World) -> None:
    page = pages.opportunity_page(world.user, world.acme.pk)
    assert [s.round.number for s in page.rounds] == [1, 2]
    assert [p.name for p in page.rounds[1].panel] == ["Tom Okafor", "Dana Levi"]
    assert page.rounds[0].question_count == 2
    assert page.rounds[0].feedback_count == 1
    assert page.next_round_number == 3


def test_the_round_page_separates_the_panel_from_people_met_before(world: World) -> None:
    page = pages.round_page(world.user, world.round2.pk)
    assert [p.name for p in page.panel] == ["Tom Okafor", "Dana Levi"]
    assert [p.name for p in page.others] == ["Priya Shah"]
    assert [x.number for x in page.earlier_rounds] == [1]
