"""The brief names a requirement's kind in the opportunity page's words."""

from __future__ import annotations

from nextround.formats.brief_render import REQUIREMENT_KINDS
from nextround.store import models as m


def test_the_briefs_kinds_are_the_ones_the_opportunity_page_shows() -> None:
    assert dict(m.RequirementKind.choices) == REQUIREMENT_KINDS
