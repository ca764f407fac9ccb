"""A doubt the brief can only name by its quote is quoted once, not twice."""

from __future__ import annotations

import datetime as dt

from nextround.coach.brief import BriefInput, RoundInfo, build_brief
from nextround.coach.debrief import FeedbackText
from nextround.formats.brief_render import to_markdown


def test_a_doubt_named_by_its_quote_is_not_quoted_again_under_it() -> None:
    said = "They were not convinced it was really you who did it"
    brief = build_brief(
        BriefInput(
            company="Hallam Foods",
            role="Senior Management Accountant",
            round=RoundInfo(2, 1, 2, "on-site", "panel", "delve-deeper", dt.date(2026, 12, 9)),
            today=dt.date(2026, 12, 4),
            earlier_rounds=(1,),
            feedback=(FeedbackText(1, 1, f"{said}.", "consultant"),),
        )
    )
    (doubt,) = [d for d in brief.to_dict()["doubts"] if d["label"].startswith("“")]
    text = to_markdown(brief.to_dict())
    section = text.split("## Doubts to answer", 1)[1].split("\n## ", 1)[0]
    heading, source = section.strip().splitlines()[:2]
    assert doubt["quote"] in heading
    assert source.strip() == "Your consultant, after round 1", section
