"""Evidence: which stories back which requirement, ranked with the reason; gaps and idle stories."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from nextround.coach.classify import COMPETENCY_CUES
from nextround.coach.text import stem
from nextround.coach.wordlists import wordlists

Similarity = Callable[[str, str], float]

# A suggested story must reach this score (0-1) to count as backing a requirement.
SUGGEST_MIN = 0.3
# How much a word found in each part of a story counts: a skill or the title says the story is
# about it; the action and result show it; the situation and task only mention it.
PART_CREDIT = {"skills": 1.0, "title": 0.9, "action": 0.8, "result": 0.7, "metrics": 0.6}
OTHER_CREDIT = 0.4
# Sharing a competency (both about stakeholder management) adds this much, at most twice.
COMPETENCY_BONUS = 0.12
# With a semantic scorer plugged in, its score and the word score are averaged with this weight.
SIMILARITY_WEIGHT = 0.5
_WORD = re.compile(r"[\w+#&]+")
_EXTRA_STOP = frozenset(
    {"such", "other", "across", "several", "various", "within", "using", "use", "new", "high"}
)


@dataclass(frozen=True)
class RequirementText:
    id: int | None
    text: str
    kind: str = "must"


@dataclass(frozen=True)
class StoryText:
    id: int
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    skills: tuple[str, ...] = ()
    metrics: str = ""

    @property
    def full_text(self) -> str:
        parts = (self.title, self.situation, self.task, self.action, self.result, self.metrics)
        return " ".join((*parts, *self.skills))


@dataclass(frozen=True)
class StoryMatch:
    story_id: int
    title: str
    score: float  # 0-1; 1.0 for a story the candidate linked
    reason: str
    linked: bool = False
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequirementEvidence:
    requirement: RequirementText
    matches: tuple[StoryMatch, ...]

    @property
    def best(self) -> StoryMatch | None:
        return self.matches[0] if self.matches else None


@dataclass(frozen=True)
class EvidenceMap:
    rows: tuple[RequirementEvidence, ...]
    gaps: tuple[RequirementText, ...]  # no linked story and none that fits
    unused: tuple[StoryText, ...]  # stories that back no requirement


@functools.cache
def _stop() -> frozenset[str]:
    lists = wordlists().sets
    return frozenset(lists["stopwords"] | lists["requirement_generic"] | _EXTRA_STOP)


def content_stems(text: str) -> dict[str, str]:
    """The text's content words: stem to the word as written, generic requirement words left out."""
    stop = _stop()
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        lowered = word.lower()
        if lowered in stop or len(lowered) < 2 or lowered.isdigit():
            continue
        found.setdefault(stem(lowered), word)
    return found


def competencies(text: str) -> frozenset[str]:
    """The competencies a text touches, from the question classifier's cues."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    return frozenset(
        name
        for name, cues in COMPETENCY_CUES.items()
        if any(c.pattern.search(lowered) for c in cues)
    )


@dataclass(frozen=True)
class _StoryIndex:
    story: StoryText
    credit: dict[str, tuple[float, str]]  # stem -> (credit, part)
    competencies: frozenset[str]
    text: str


def _index(story: StoryText) -> _StoryIndex:
    credit: dict[str, tuple[float, str]] = {}
    parts = {
        "skills": " ".join(story.skills),
        "title": story.title,
        "action": story.action,
        "result": story.result,
        "metrics": story.metrics,
        "situation": story.situation,
        "task": story.task,
    }
    for part, text in parts.items():
        value = PART_CREDIT.get(part, OTHER_CREDIT)
        for key in content_stems(text):
            if key not in credit or credit[key][0] < value:
                credit[key] = (value, part)
    return _StoryIndex(story, credit, competencies(story.full_text), story.full_text)


def _score(
    text: str,
    wanted: dict[str, str],
    wanted_competencies: frozenset[str],
    index: _StoryIndex,
    similarity: Similarity | None,
) -> StoryMatch:
    shared = [(wanted[k], index.credit[k]) for k in wanted if k in index.credit]
    lexical = sum(c for _, (c, _) in shared) / len(wanted) if wanted else 0.0
    common = sorted(wanted_competencies & index.competencies)
    score = min(1.0, lexical + COMPETENCY_BONUS * min(2, len(common)))
    reasons = []
    if shared:
        by_part: dict[str, list[str]] = {}
        for word, (_, part) in shared:
            by_part.setdefault(part, []).append(word)
        reasons.append(
            "; ".join(f"{', '.join(words)} in its {part}" for part, words in by_part.items())
        )
    if common:
        reasons.append("both about " + ", ".join(c.replace("-", " ") for c in common[:2]))
    if similarity is not None:
        semantic = max(0.0, min(1.0, float(similarity(text, index.text))))
        score = (1 - SIMILARITY_WEIGHT) * score + SIMILARITY_WEIGHT * semantic
        reasons.append(f"semantic similarity {semantic:.2f}")
    return StoryMatch(
        story_id=index.story.id,
        title=index.story.title,
        score=round(score, 3),
        reason="; ".join(reasons) or "nothing in common",
        shared=tuple(word for word, _ in shared),
    )


def _rank(
    text: str,
    indexes: Sequence[_StoryIndex],
    similarity: Similarity | None,
    minimum: float,
) -> list[StoryMatch]:
    wanted = content_stems(text)
    wanted_competencies = competencies(text)
    if not wanted and similarity is None:
        return []
    scored = [_score(text, wanted, wanted_competencies, i, similarity) for i in indexes]
    good = [s for s in scored if s.score >= minimum]
    good.sort(key=lambda s: (-s.score, s.title.lower(), s.story_id))
    return good


def rank_stories(
    text: str,
    stories: Sequence[StoryText],
    similarity: Similarity | None = None,
    limit: int = 3,
    minimum: float = SUGGEST_MIN,
) -> list[StoryMatch]:
    """The stories that best fit a text (a requirement or a question), best first, with why."""
    return _rank(text, index_stories(stories), similarity, minimum)[:limit]


def index_stories(stories: Sequence[StoryText]) -> list[_StoryIndex]:
    """Stories read once, for ranking them against many texts (see rank_indexed)."""
    return [_index(s) for s in stories]


def rank_indexed(
    text: str,
    indexes: Sequence[_StoryIndex],
    similarity: Similarity | None = None,
    limit: int = 3,
    minimum: float = SUGGEST_MIN,
) -> list[StoryMatch]:
    """rank_stories over stories already indexed with index_stories."""
    return _rank(text, indexes, similarity, minimum)[:limit]


def map_evidence(
    requirements: Sequence[RequirementText],
    stories: Sequence[StoryText],
    links: Collection[tuple[int | None, int]] = (),
    notes: dict[tuple[int | None, int], str] | None = None,
    similarity: Similarity | None = None,
    limit: int = 3,
) -> EvidenceMap:
    """For each requirement: linked stories first, then the best suggestions; gaps; idle stories."""
    indexes = [_index(s) for s in stories]
    by_id = {i.story.id: i for i in indexes}
    linked = set(links)
    notes = notes or {}
    rows = []
    gaps = []
    used: set[int] = set()
    for requirement in requirements:
        chosen: list[StoryMatch] = []
        for key in sorted(linked):
            if key[0] != requirement.id or requirement.id is None or key[1] not in by_id:
                continue
            index = by_id[key[1]]
            note = notes.get(key, "")
            chosen.append(
                StoryMatch(
                    index.story.id,
                    index.story.title,
                    1.0,
                    "you linked it" + (f": {note}" if note else ""),
                    linked=True,
                )
            )
        taken = {m.story_id for m in chosen}
        others = [i for i in indexes if i.story.id not in taken]
        suggested = _rank(requirement.text, others, similarity, SUGGEST_MIN)
        chosen.extend(suggested[: max(0, limit - len(chosen))])
        used.update(m.story_id for m in chosen)
        rows.append(RequirementEvidence(requirement, tuple(chosen)))
        if not chosen:
            gaps.append(requirement)
    unused = tuple(i.story for i in indexes if i.story.id not in used)
    return EvidenceMap(tuple(rows), tuple(gaps), unused)
