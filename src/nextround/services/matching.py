"""The one similarity the brief, the evidence map, the debrief and the notes share.

It is the raw cosine of two texts' sentence embeddings (the coach's bars are calibrated on that
scale), or None where the model is not installed or is turned off, so that the coach falls back
to its stricter rules on words. One function, so the brief and the evidence map cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from nextround.coach import semantic as coach
from nextround.coach.evidence import Similarity
from nextround.services import semantic


def cosine(*, warm: Iterable[str] = (), semantic_on: bool | None = None) -> Similarity | None:
    """`cosine(a, b)` over sentence embeddings, with the `warm` texts embedded in one batch."""
    model = semantic.embedder() if semantic.enabled("evidence", semantic_on) else None
    if model is None:
        return None
    stored = sorted({t for t in warm if t.strip()})
    if stored:
        semantic.vectors(stored, model)

    def score(a: str, b: str) -> float:
        if not a.strip() or not b.strip():
            return 0.0
        va, vb = semantic.vectors([a, b], model, store=False, lookup=False)
        return coach.unit_cosine(va, vb)

    return score
