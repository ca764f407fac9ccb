"""The CLI's plain lists of choices (loaded without Django) match the models' choices."""

from __future__ import annotations

import pytest

from nextround import vocab
from nextround.store import models as m


@pytest.mark.parametrize(
    ("plain", "choices"),
    [
        (vocab.STAGES, m.Stage),
        (vocab.DRESS_CODES, m.DressCode),
        (vocab.ROUND_FORMATS, m.RoundFormat),
        (vocab.ROUND_KINDS, m.RoundKind),
        (vocab.ROUND_PURPOSES, m.RoundPurpose),
        (vocab.ROUND_STATUSES, m.RoundStatus),
        (vocab.ROUND_OUTCOMES, m.RoundOutcome),
        (vocab.SENIORITIES, m.Seniority),
        (vocab.INTERVIEWER_ROLES, m.InterviewerRole),
        (vocab.REACTIONS, m.Reaction),
        (vocab.FEEDBACK_SOURCES, m.FeedbackSource),
        (vocab.REQUIREMENT_KINDS, m.RequirementKind),
        (vocab.FOLLOW_UP_KINDS, m.FollowUpKind),
        (vocab.DECISIONS, m.Decision),
    ],
)
def test_the_cli_offers_exactly_the_choices_the_database_accepts(
    plain: tuple[str, ...], choices: type[object]
) -> None:
    assert list(plain) == list(choices.values)  # type: ignore[attr-defined]
