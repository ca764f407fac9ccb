"""What every aspect of the analysis shares: the parsed answer, scores and results."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from nextround.coach.insight import CONFIDENCE_BAR, Insight, Level, Span
from nextround.coach.text import Sentence, Word, sentences_of, stem, words_of
from nextround.coach.wordlists import WordLists


@dataclass(frozen=True)
class AspectScore:
    """A 0-100 score for one aspect and the reasons it rests on."""

    aspect: str
    score: int
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON."""
        return {"aspect": self.aspect, "score": self.score, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Step:
    """A thing to do next; lower priority numbers come first."""

    priority: int
    text: str


@dataclass
class AspectResult:
    """What one aspect found: an optional score, insights and next steps."""

    aspect: str
    score: AspectScore | None = None
    insights: list[Insight] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def add(
        self,
        level: Level,
        message: str,
        spans: tuple[Span, ...] | list[Span] = (),
        *,
        code: str = "",
        confidence: float = 1.0,
        ask: str = "",
    ) -> None:
        """Record one insight; below the confidence bar it is asked as `ask`, or left out."""
        if confidence < CONFIDENCE_BAR:
            if not ask:
                return
            level, message = "info", ask
        self.insights.append(
            Insight(self.aspect, level, message, tuple(sorted(set(spans))), code, confidence)
        )

    def step(self, priority: int, text: str) -> None:
        """Record one thing to do next."""
        self.steps.append(Step(priority, text))

    def set_score(self, score: float, reasons: list[str]) -> None:
        """Record the aspect's score, clamped to 0-100."""
        self.score = AspectScore(self.aspect, clamp(score), tuple(reasons))


@dataclass(frozen=True)
class ParsedAnswer:
    """The answer split once into words and sentences, shared by every aspect."""

    text: str
    end: int
    words: tuple[Word, ...]
    sentences: tuple[Sentence, ...]
    lowers: tuple[str, ...]
    stems: tuple[str, ...]
    wordlists: WordLists
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    sentence_starts: tuple[int, ...] = ()
    _found: dict[str, list[Span]] = field(default_factory=dict, compare=False, repr=False)
    # Results computed once per answer by the aspects that share them (evidence, weak sentences).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def found(self, key: str) -> list[Span]:
        """Where the phrases of one word list occur, computed once per answer."""
        if key not in self._found:
            matcher = self.wordlists.matchers[key]
            spans = [
                Span(start, end)
                for start, end in matcher.find(
                    self.lowers, self.starts, self.ends, self.text, self.end
                )
            ]
            unless = _NOT_WITHIN.get(key)
            if unless is not None:
                # "kind of" in "what kind of", "I believe" in "I believe in": no hedge.
                outside = self.found(unless)
                spans = [
                    s
                    for s in spans
                    if not any(o.start <= s.start and s.end <= o.end for o in outside)
                ]
            self._found[key] = spans
        return self._found[key]

    def in_sentence(self, key: str, sentence: Sentence) -> list[Span]:
        """The matches of one word list that start inside a sentence."""
        spans = self.found(key)
        lo = bisect.bisect_left(spans, Span(sentence.start, sentence.start))
        hi = bisect.bisect_left(spans, Span(sentence.end, sentence.end))
        return spans[lo:hi]

    def weak_sentences(self) -> frozenset[int]:
        """Sentences no praise may rest on: hedged, filler-laden, self-undermining or cliché."""
        weak: frozenset[int] | None = self.memo.get("weak")
        if weak is None:
            marked = [span for key in WEAK_KEYS for span in self.found(key)]
            weak = frozenset(self.sentence_of(span.start) for span in marked)
            self.memo["weak"] = weak
        return weak

    def clean(self, spans: Sequence[Span]) -> list[Span]:
        """The spans that lie in no weak sentence."""
        weak = self.weak_sentences()
        return [s for s in spans if self.sentence_of(s.start) not in weak]

    def sentence_of(self, position: int) -> int:
        """The index of the sentence holding a character position."""
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    @property
    def word_count(self) -> int:
        """Words in the analysed part."""
        return len(self.words)

    def first_person(self, sentence: Sentence) -> tuple[int, int]:
        """How many times a sentence says I/me/my and we/us/our.

        The "I" of a hedge or of self-talk ("I think", "I guess", "I don't really remember")
        tells nothing of what the candidate did, so it is not counted."""
        talk = self.memo.get("talk")
        if talk is None:
            talk = [span for key in _TALK_KEYS for span in self.found(key)]
            self.memo["talk"] = talk
        mine = ours = 0
        for word in sentence.words:
            lowered = word.lower
            if lowered in _SINGULAR:
                if not any(span.start <= word.start < span.end for span in talk):
                    mine += 1
            elif lowered in _PLURAL:
                ours += 1
        return mine, ours


# A list's matches that lie inside a phrase of the other list do not count.
_NOT_WITHIN = {"hedges": "not_hedges"}
# Word lists whose phrases make a sentence unfit to praise.
WEAK_KEYS = ("fillers", "hedges", "negative_self_talk", "cliches", "vague_claims")
# Phrases whose "I" is talk about the answer, not a deed in it.
_TALK_KEYS = ("hedges", "negative_self_talk", "fillers")
_SINGULAR = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"})


def parse(text: str, end: int, wordlists: WordLists) -> ParsedAnswer:
    """Split text[:end] into words and sentences."""
    words = words_of(text, 0, end)
    sentences = sentences_of(text, words, end)
    lowers = tuple(word.lower for word in words)
    return ParsedAnswer(
        text=text,
        end=end,
        words=tuple(words),
        sentences=tuple(sentences),
        lowers=lowers,
        stems=tuple(stem(word) for word in lowers),
        wordlists=wordlists,
        starts=tuple(word.start for word in words),
        ends=tuple(word.end for word in words),
        sentence_starts=tuple(sentence.start for sentence in sentences),
    )


def clamp(value: float) -> int:
    """Round into 0-100."""
    return max(0, min(100, round(value)))


def quote(text: str, span: Span, limit: int = 70) -> str:
    """The words under a span in quotes, shortened in the middle of a long sentence."""
    snippet = " ".join(text[span.start : span.end].split())
    if len(snippet) > limit:
        snippet = snippet[: limit - 1].rstrip() + "…"
    return f"“{snippet}”"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 filler', '3 fillers'."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
