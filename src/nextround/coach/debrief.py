"""What to reinforce and what to counter, from the questions asked and the feedback received."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from nextround.coach.evidence import (
    RequirementText,
    Similarity,
    competencies,
    content_stems,
)
from nextround.coach.insight import Span

Verdict = Literal["reinforce", "counter"]

# Feedback and the interviewer's reaction count this many times a self-rating: candidates
# misjudge their own answers, so an outside view decides wherever one exists.
OUTSIDE_WEIGHT = 2
GOOD_RATING = 4
WEAK_RATING = 2
# A concern links to a requirement that shares at least this share of the concern's words.
LINK_MIN = 0.34
MAX_TOPIC_WORDS = 8

_CLAUSES = re.compile(
    r"(?:[.!?;]+\s+|\n+|,?\s+\b(?:but|however|although|though|yet|whereas|while)\b,?\s+)",
    re.IGNORECASE,
)
# Wording that signals a worry; the topic is what follows it. Project heuristics, written from
# the way recruiters and interviewers phrase feedback.
_CONCERN = re.compile(
    r"\b(?:lack(?:ed|s|ing)?(?: of| in)?|(?:did not|didn't|does not|doesn't|could not|couldn't)"
    r" (?:show|demonstrate|give|have|seem to have|convince (?:them|us) (?:of|on|about))|"
    r"not enough|limited|too little|concerns? (?:about|that|over|with|around|on)|concerned "
    r"(?:about|that|with)|worr(?:ied|y|ies) (?:about|that)|unsure (?:about|whether|if|of)|"
    r"not (?:sure|convinced) (?:about|that|whether|of|by)|weak(?:er|ness)? (?:on|in|at|around)|"
    r"struggled (?:with|to)|could (?:have been|be) (?:stronger|clearer|better) (?:on|in|at|about)|"
    r"would (?:have )?liked? (?:more|to see more|to hear more)(?: about| on| of)?|light on|"
    r"vague (?:about|on|when)|gaps? in|missing|question(?:ed|s)? (?:whether|about)|"
    r"needs? (?:more|to work on|to improve)|short on|no (?:real )?(?:experience|evidence) of)\b",
    re.IGNORECASE,
)
_PRAISE = re.compile(
    r"\b(?:liked|loved|(?:were |was )?impressed (?:by|with)|impressed|enjoyed|praised|"
    r"appreciated|(?:were |was )?(?:pleased|happy) with|stood out|strong|great|excellent|"
    r"good|clear)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:(?:any|some|real|much|more|enough|the|a|an|your|his|her|their|of|in|on|with|about|"
    r"that|you|had|have|were|was|been|hands-on|direct|proven|demonstrable|experience|"
    r"evidence|examples?)\b\s*)+",
    re.IGNORECASE,
)
_TAIL = re.compile(r"\s*\b(?:in the interview|today|last time|at interview|overall)\b.*$", re.I)


@dataclass(frozen=True)
class AskedText:
    id: int
    round_number: int
    text: str
    answer_note: str = ""
    self_rating: int | None = None
    reaction: str = "unknown"  # positive, neutral, negative, unknown
    interviewer: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class FeedbackText:
    id: int
    round_number: int
    text: str
    source: str = "other"
    sender: str = ""


@dataclass(frozen=True)
class Remark:
    """One concern or piece of praise found in feedback, with the words it rests on."""

    kind: Literal["concern", "praise"]
    topic: str
    quote: str
    span: Span  # into the feedback's text
    feedback_id: int
    round_number: int
    source: str
    competencies: tuple[str, ...]
    requirement_id: int | None = None
    requirement_text: str = ""


@dataclass(frozen=True)
class Point:
    """One earlier answer to build on or to put right, and why."""

    verdict: Verdict
    question_id: int
    question: str
    round_number: int
    why: str
    answer_note: str
    self_rating: int | None
    reaction: str
    competencies: tuple[str, ...]
    overruled_self_rating: bool = False


@dataclass(frozen=True)
class Debrief:
    reinforce: tuple[Point, ...]
    counter: tuple[Point, ...]
    concerns: tuple[Remark, ...]
    praise: tuple[Remark, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.reinforce or self.counter or self.concerns or self.praise)


def _topic(rest: str) -> str:
    rest = _TAIL.sub("", rest.strip(" .,:;!?\"'“”"))
    rest = _LEAD.sub("", rest).strip(" .,:;")
    words = rest.split()
    return " ".join(words[:MAX_TOPIC_WORDS])


def _label(topic: str) -> tuple[str, tuple[str, ...]]:
    found = tuple(sorted(competencies(topic)))
    # A topic that only names one competency reads best as it ("managing stakeholders" becomes
    # "stakeholder management"); one that says more ("detail on budgeting") keeps its words.
    if len(found) == 1:
        label = found[0].replace("-", " ")
        if set(content_stems(topic)) <= set(content_stems(label)):
            return label, found
    return topic, found


def _link(
    topic: str,
    found: tuple[str, ...],
    requirements: Sequence[RequirementText],
    similarity: Similarity | None,
) -> RequirementText | None:
    wanted = content_stems(topic)
    best: tuple[float, RequirementText] | None = None
    for requirement in requirements:
        have = content_stems(requirement.text)
        score = len(set(wanted) & set(have)) / len(wanted) if wanted else 0.0
        if found and set(found) & competencies(requirement.text):
            score += 0.5
        if similarity is not None:
            score = max(score, float(similarity(topic, requirement.text)))
        if score >= LINK_MIN and (best is None or score > best[0]):
            best = (score, requirement)
    return best[1] if best else None


def find_remarks(
    item: FeedbackText,
    requirements: Sequence[RequirementText] = (),
    similarity: Similarity | None = None,
) -> list[Remark]:
    """Concerns and praise in one piece of feedback, each linked to the requirement it is about."""
    remarks: list[Remark] = []
    text = item.text
    position = 0
    pieces = []
    for cut in _CLAUSES.finditer(text):
        pieces.append((position, cut.start()))
        position = cut.end()
    pieces.append((position, len(text)))
    for start, end in pieces:
        clause = text[start:end]
        concern = _CONCERN.search(clause)
        praise = None if concern else _PRAISE.search(clause)
        hit = concern or praise
        if hit is None:
            continue
        topic = _topic(clause[hit.end() :])
        if not topic:
            continue
        label, found = _label(topic)
        requirement = _link(topic, found, requirements, similarity)
        remarks.append(
            Remark(
                kind="concern" if concern else "praise",
                topic=label,
                quote=clause.strip(),
                span=Span(start + hit.start(), end),
                feedback_id=item.id,
                round_number=item.round_number,
                source=item.source,
                competencies=found,
                requirement_id=requirement.id if requirement else None,
                requirement_text=requirement.text if requirement else "",
            )
        )
    return remarks


def _about(question: AskedText, remark: Remark, similarity: Similarity | None) -> bool:
    qtext = f"{question.text} {question.answer_note}"
    if set(remark.competencies) & competencies(question.text):
        return True
    if set(content_stems(remark.topic)) & set(content_stems(qtext)):
        return True
    return similarity is not None and float(similarity(remark.topic, qtext)) >= 0.5


def _judge(
    question: AskedText, remarks: Sequence[Remark], similarity: Similarity | None
) -> Point | None:
    rating = question.self_rating
    own = (
        0
        if rating is None
        else (1 if rating >= GOOD_RATING else -1 if rating <= WEAK_RATING else 0)
    )
    reaction = {"positive": 1, "negative": -1}.get(question.reaction, 0)
    said = [
        r
        for r in remarks
        if r.round_number == question.round_number and _about(question, r, similarity)
    ]
    heard = sum(1 if r.kind == "praise" else -1 for r in said)
    outside = reaction + (1 if heard > 0 else -1 if heard < 0 else 0)
    total = OUTSIDE_WEIGHT * outside + own
    if total == 0:
        return None
    verdict: Verdict = "reinforce" if total > 0 else "counter"
    reasons = []
    if rating is not None:
        reasons.append(f"you rated it {rating}/5")
    if reaction:
        reasons.append(f"the interviewer reacted {question.reaction}ly")
    for remark in said[:2]:
        reasons.append(f'{remark.source} feedback: "{remark.quote}"')
    overruled = own != 0 and outside != 0 and (own > 0) != (outside > 0)
    why = "; ".join(reasons)
    if overruled:
        why += " — their view outweighs your own rating"
    return Point(
        verdict=verdict,
        question_id=question.id,
        question=question.text,
        round_number=question.round_number,
        why=why[0].upper() + why[1:] if why else why,
        answer_note=question.answer_note,
        self_rating=rating,
        reaction=question.reaction,
        competencies=tuple(sorted(competencies(question.text))),
        overruled_self_rating=overruled,
    )


def analyse_debrief(
    questions: Sequence[AskedText],
    feedback: Sequence[FeedbackText],
    requirements: Sequence[RequirementText] = (),
    similarity: Similarity | None = None,
) -> Debrief:
    """Sort earlier answers into reinforce and counter, with feedback outweighing self-ratings."""
    remarks = [r for item in feedback for r in find_remarks(item, requirements, similarity)]
    points = [p for q in questions if (p := _judge(q, remarks, similarity)) is not None]
    # Worst first for countering (lowest rating, negative reaction), best first for reinforcing.
    counter = sorted(
        (p for p in points if p.verdict == "counter"),
        key=lambda p: (p.reaction != "negative", p.self_rating or 3, p.round_number),
    )
    reinforce = sorted(
        (p for p in points if p.verdict == "reinforce"),
        key=lambda p: (p.reaction != "positive", -(p.self_rating or 3), p.round_number),
    )
    return Debrief(
        reinforce=tuple(reinforce),
        counter=tuple(counter),
        concerns=tuple(r for r in remarks if r.kind == "concern"),
        praise=tuple(r for r in remarks if r.kind == "praise"),
    )
