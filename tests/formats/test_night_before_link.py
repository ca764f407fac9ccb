"""The night before page names a video call's link as a link, never as an address."""

from __future__ import annotations

import datetime as dt

from nextround.services import brief
from nextround.services import records as r
from tests.world import World


def test_a_video_rounds_link_is_not_called_its_address(world: World) -> None:
    link = "https://acme.zoom.us/j/84512093377"
    r.rounds.update(world.user, world.round2.pk, format="video", location=link, link=link)
    view = brief.build(world.user, world.round2.pk, dt.date(2026, 11, 20))
    text = brief.render(view, "md", night_before=True).decode()
    assert f"Link: {link}" in text
    assert "Address: https" not in text
