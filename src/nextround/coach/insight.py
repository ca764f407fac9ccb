"""Insights: one observation about a text, with the character spans it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["good", "fix", "info"]
LEVELS: tuple[Level, ...] = ("good", "fix", "info")
# Below this confidence (0-1) an insight is not stated: it becomes a question to the candidate, or
# is left out when there is nothing to ask. "Never confidently wrong."
CONFIDENCE_BAR = 0.5


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets into the analysed text; `end` is exclusive."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def to_dict(self) -> dict[str, int]:
        """Plain dict for JSON."""
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Insight:
    """One strength, one thing to fix, or one neutral note about an aspect of a text."""

    aspect: str
    level: Level
    message: str
    spans: tuple[Span, ...] = ()
    # What kind of problem or strength this is ("self-undermining", "no-result", ...), or "".
    code: str = ""
    # How sure the coach is, 0-1; insights below CONFIDENCE_BAR are never stated as fact.
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"bad insight level {self.level!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"bad insight confidence {self.confidence!r}")

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON."""
        return {
            "aspect": self.aspect,
            "level": self.level,
            "message": self.message,
            "spans": [span.to_dict() for span in self.spans],
            "code": self.code,
            "confidence": round(self.confidence, 2),
        }
