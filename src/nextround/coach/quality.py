"""Whether an answer as a whole deserves praise, and the overall score that ranks answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nextround.coach.aspects import ParsedAnswer
from nextround.coach.delivery import HEDGES_PER_100, HESITANT_PER_100
from nextround.coach.specificity import find_evidence
from nextround.coach.star import StarSentence, action_verbs

if TYPE_CHECKING:
    from nextround.coach.analysis import Analysis

# Question types where the job's terms belong in the answer and their absence is worth a note.
# Not motivation or background: acronyms worked into "why this job?" sound rehearsed.
TERM_TYPES = frozenset({"behavioural", "situational", "technical", "second-round"})
# An answer with more than this share of its sentences hedged, filler-laden, self-undermining or
# cliché earns no praise at all: whatever is good in it is buried. Project heuristic.
WEAK_SHARE_FOR_NO_PRAISE = 0.5
# Two clichés make an answer a string of claims rather than an example.
CLICHES_FOR_NO_PRAISE = 2
# Below this many words the overall score is rough and says so.
SURE_WORDS = 40
# The overall score of an answer that misses the question or is a word or two: below any real try.
OFF_TOPIC_CAP = 15
SHORT_CAP = 10
ON_TOPIC_FLOOR = 20
# Each statement that talks the candidate down costs this much overall, up to the most.
# (Weights chosen on eval/answers/dev.jsonl; `python -m bench.eval_answers` scores them.)
UNDERMINING_COST, UNDERMINING_MOST = 12, 30
WEAK_SHARE_COST = 25
NO_EXAMPLE_COST = 12
# Below this relevance (0-100) each point short costs the overall this much. Lightly: relevance by
# meaning reads only the answer's opening, where strong stories often set the scene; what misses the
# question is told by its own signs (off-topic has a band of its own below).
SURE_RELEVANCE, RELEVANCE_COST = 80, 0.3


@dataclass(frozen=True)
class Quality:
    """What decides praise for the whole answer, counted once."""

    sentences: int
    weak_sentences: int
    undermining: int
    cliches: int
    filler_rate: float
    hedge_rate: float
    no_example: bool
    # Figures, dates, tools and names said in sentences fit to praise.
    concrete: int = 0

    @property
    def weak_share(self) -> float:
        """Share of sentences no praise may rest on."""
        return self.weak_sentences / self.sentences if self.sentences else 0.0

    @property
    def rambling(self) -> bool:
        """Talked round with hedges, fillers or self-doubt (not only clichés)."""
        return (
            self.undermining > 0
            or self.filler_rate >= HESITANT_PER_100
            or self.hedge_rate >= 1.5 * HEDGES_PER_100
        )

    @property
    def praiseworthy(self) -> bool:
        """Whether any good-level insight may be given at all."""
        return (
            not self.undermining
            and not self.no_example
            and self.concrete >= 1
            and self.cliches < CLICHES_FOR_NO_PRAISE
            and self.weak_share <= WEAK_SHARE_FOR_NO_PRAISE
            and self.filler_rate < HESITANT_PER_100
            and self.hedge_rate < 1.5 * HEDGES_PER_100
        )


def answer_quality(parsed: ParsedAnswer, labels: tuple[StarSentence, ...] | None) -> Quality:
    """Count what makes an answer unfit for praise; `labels` when a story is expected."""
    words = parsed.word_count or 1
    fillers = len(parsed.found("fillers"))
    hedges = len(parsed.found("hedges"))
    no_example = False
    if labels is not None:
        found = {item.label for item in labels}
        # Nothing done in the past tense, or only general claims about oneself: no example.
        did = any(action_verbs(parsed, sentence) for sentence in parsed.sentences)
        claims = len(parsed.found("vague_claims")) + len(parsed.found("cliches"))
        no_example = not did or (claims >= 2 and "result" not in found)
    weak = parsed.weak_sentences()
    concrete = sum(1 for e in find_evidence(parsed) if parsed.sentence_of(e.span.start) not in weak)
    return Quality(
        concrete=concrete,
        sentences=len(parsed.sentences),
        weak_sentences=len(parsed.weak_sentences()),
        undermining=len(parsed.found("negative_self_talk")),
        cliches=len(parsed.found("cliches")) + len(parsed.found("vague_claims")),
        filler_rate=100 * fillers / words,
        hedge_rate=100 * hedges / words,
        no_example=no_example,
    )


def overall_score(
    analysis: Analysis, *, short: bool, off_topic: bool, quality: Quality, star: bool
) -> tuple[int | None, str, str]:
    """The overall score, how sure it is ("high"/"low") and a note when it is unsure."""
    mean = analysis.mean
    if mean is None:
        return None, "low", ""
    score = float(mean)
    relevance = analysis.score("relevance")
    if off_topic:
        # Off the question: in a band of its own below any answer to it, above a word or two.
        score = SHORT_CAP + (OFF_TOPIC_CAP - SHORT_CAP) * (relevance or 0) / 25
    elif short:
        score = min(score, SHORT_CAP * analysis.word_count / 15)
    else:
        score -= min(UNDERMINING_MOST, UNDERMINING_COST * quality.undermining)
        score -= WEAK_SHARE_COST * quality.weak_share
        if star and quality.no_example:
            score -= NO_EXAMPLE_COST
        if relevance is not None and relevance < SURE_RELEVANCE:
            # Loosely on topic: a polished answer to another question ranks below a weak answer
            # to this one.
            score -= RELEVANCE_COST * (SURE_RELEVANCE - relevance)
        # An answer to the question, however weak, stays above any that misses it: below
        # twice the floor the score is squeezed into the band between the floor and that.
        score = max(0.0, score)
        if score < 2 * ON_TOPIC_FLOOR:
            score = ON_TOPIC_FLOOR + score / 2
    score = max(0.0, min(100.0, score))
    if analysis.word_count < SURE_WORDS:
        return round(score), "low", "A rough score: the answer is too short to judge much."
    if quality.sentences == 1 and analysis.word_count > 80:
        return round(score), "low", "A rough score: the answer runs as one long sentence."
    return round(score), "high", ""
