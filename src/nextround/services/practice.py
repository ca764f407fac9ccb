"""Practice: feedback on a typed answer, attempts saved and compared, questions for a round."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q

from nextround.coach.analysis import Analysis, AnswerContext, AnswerError, analyze_answer
from nextround.coach.bank import (
    FIELDS,
    BankQuestion,
    bank_for,
    load_bank,
)
from nextround.coach.classify import Classification
from nextround.coach.debrief import FeedbackText, find_remarks
from nextround.coach.likely import suits_employer
from nextround.coach.probes import FollowUp, follow_ups
from nextround.services import semantic as meaning
from nextround.services.errors import InvalidInput
from nextround.services.fields import field_of
from nextround.services.records import attempts, opportunities, rounds
from nextround.store import models as m

MAX_ANSWER_CHARS = 400_000
MAX_QUESTION_CHARS = 2_000
WEAK_RATING = 2
# A typed question this close (shared words) to a bank question borrows that question's probes.
BANK_MATCH = 0.6


@functools.lru_cache(maxsize=4096)
def normalise_question(text: str) -> str:
    """The same question typed twice compares equal: case, spaces and punctuation ignored."""
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


@dataclass(frozen=True)
class Segment:
    """A run of the answer's text and the insights (by number) whose spans cover it."""

    text: str
    marks: tuple[int, ...] = ()
    level: str = ""
    # The insights (by number) with a span that ends here: each span gets one marker, once.
    ends: tuple[int, ...] = ()


@dataclass(frozen=True)
class Feedback:
    """What the practice page and `nextround analyze` show for one answer."""

    question: str
    answer: str
    question_type: str
    competencies: tuple[str, ...]
    analysis: dict[str, Any]
    segments: tuple[Segment, ...]
    attempt_id: int | None = None
    earlier_attempts: int = 0
    follow_ups: tuple[FollowUp, ...] = ()
    follow_up_of: int | None = None

    @property
    def attempt_number(self) -> int:
        """Which attempt at this question this is: 1 for the first."""
        return self.earlier_attempts + 1

    @property
    def insights(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.analysis["insights"]
        return found

    @property
    def overall(self) -> int | None:
        score: int | None = self.analysis["overall"]["score"]
        return score


def _check_text(question: str, answer: str) -> tuple[str, str]:
    if not isinstance(question, str) or not question.strip():
        raise InvalidInput.one("question", "type the question you are answering")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidInput.one("question", f"is longer than {MAX_QUESTION_CHARS:,} characters")
    if not isinstance(answer, str):
        raise InvalidInput.one("answer", "must be text")
    if len(answer) > MAX_ANSWER_CHARS:
        raise InvalidInput.one(
            "answer", f"is {len(answer):,} characters; the most is {MAX_ANSWER_CHARS:,}"
        )
    return question.strip(), answer


def _earlier_answers(owner: User, question: str) -> list[str]:
    key = normalise_question(question)
    rows = (
        m.PracticeAttempt.objects.filter(owner=owner)
        .order_by("created_at", "id")
        .values_list("question_text", "answer_text")
    )
    return [answer for text, answer in rows if normalise_question(text) == key]


def _requirements(owner: User, opportunity_id: int | None) -> tuple[str, ...]:
    if opportunity_id is None:
        return ()
    opp = opportunities.get(owner, opportunity_id)
    return tuple(
        m.Requirement.objects.filter(owner=owner, opportunity=opp).values_list("text", flat=True)
    )


@functools.lru_cache(maxsize=1024)
def key_terms(requirements: tuple[str, ...]) -> tuple[str, ...]:
    """The job's key terms (tools, methods, named skills) read from its requirements."""
    if not requirements:
        # Importing the requirement reader costs 0.1 s of a command's start.
        return ()
    from nextround.coach.requirements import describe_requirement

    found: list[str] = []
    for text in requirements:
        for term in describe_requirement(text)[1]:
            if term.lower() not in {t.lower() for t in found}:
                found.append(term)
    return tuple(found)


def analyse_text(
    question: str,
    answer: str,
    *,
    requirements: tuple[str, ...] = (),
    terms: tuple[str, ...] = (),
    earlier: tuple[str, ...] = (),
    semantic: bool | None = None,
    follow_up: bool = False,
    asked_after: str = "",
) -> Analysis:
    """The coach's analysis of one answer as practice gives it, with no storage involved.

    `terms` are the job's key terms; by default those read from `requirements`. `asked_after`
    is the question a follow-up follows, which its answer is judged against too.
    """
    # The answer's vector is computed while the question is read and the words are analysed.
    scorer = meaning.relevance_scorer(semantic, ahead=answer)
    classified = meaning.classify(question, semantic=semantic)
    context = AnswerContext(
        job_terms=terms or key_terms(requirements),
        requirements=requirements,
        earlier_answers=earlier,
        question_type=classified.type if classified.confidence >= 0.35 else None,
        follow_up=follow_up,
        asked_after=asked_after,
    )
    try:
        return analyze_answer(question, answer, context, relevance_scorer=scorer)
    except AnswerError as exc:
        raise InvalidInput.one("answer", str(exc)) from None


def segments(answer: str, insights: list[dict[str, Any]]) -> tuple[Segment, ...]:
    """The answer cut where highlighted spans begin and end, each piece with its insights."""
    cuts = {0, len(answer)}
    covering: list[tuple[int, int, int, str]] = []
    for number, insight in enumerate(insights, start=1):
        for span in insight["spans"]:
            start, end = max(0, span["start"]), min(len(answer), span["end"])
            # A span over the whole answer says nothing about particular words.
            if end <= start or (start == 0 and end == len(answer) and len(answer) > 40):
                continue
            cuts.update((start, end))
            covering.append((start, end, number, insight["level"]))
    points = sorted(cuts)
    pieces = []
    for start, end in itertools.pairwise(points):
        marks = [(n, lvl) for s, e, n, lvl in covering if s <= start and end <= e]
        levels = {lvl for _, lvl in marks}
        level = (
            "fix" if "fix" in levels else ("good" if "good" in levels else "info" if marks else "")
        )
        numbers = tuple(sorted({n for n, _ in marks}))
        ends = tuple(sorted({n for s, e, n, _ in covering if e == end and s < end}))
        pieces.append(Segment(answer[start:end], numbers, level, ends))
    return tuple(pieces)


def bank_probes(question: str, question_type: str | None = None) -> tuple[str, ...]:
    """The probes of the bank question this question is, or is closest to in words and type."""
    from nextround.coach.semantic import lexical_similarity

    key = normalise_question(question)
    best, score = None, 0.0
    for item in load_bank():
        if normalise_question(item.text) == key:
            return item.probes
        # "an incident you handled while on call" is not "how do you feel about being on call".
        if question_type is not None and item.type != question_type:
            continue
        value = lexical_similarity(question, item.text)
        if value > score:
            best, score = item, value
    return best.probes if best is not None and score >= BANK_MATCH else ()


def analyse(
    owner: User,
    question: str,
    answer: str,
    opportunity_id: int | None = None,
    *,
    semantic: bool | None = None,
    follow_up: bool = False,
    asked_after: str = "",
) -> Feedback:
    """Instant feedback on an answer, compared with earlier attempts at the same question.

    `semantic` forces meaning-based relevance on (True) or off (False); None uses the default.
    `asked_after` is the question a follow-up follows.
    """
    question, answer = _check_text(question, answer)
    requirements = _requirements(owner, opportunity_id)
    earlier = _earlier_answers(owner, question)
    classified = meaning.classify(question, semantic=semantic)
    result = analyse_text(
        question,
        answer,
        requirements=requirements,
        earlier=tuple(earlier),
        semantic=semantic,
        follow_up=follow_up,
        asked_after=asked_after,
    )
    data = result.to_dict()
    probes = bank_probes(question, result.question_type)
    if opportunity_id is not None:
        # "What did the customer actually want?" is not asked of a teacher.
        opp = opportunities.get(owner, opportunity_id)
        field, _ = _field_of(opp)
        probes = tuple(p for p in probes if suits_employer(p, opp.company, field))
    asked_next = follow_ups(
        question,
        answer,
        result,
        probes=probes,
        skills=key_terms(requirements),
        similarity=meaning.similarity_for("relevance", semantic),
    )
    data["follow_ups"] = [item.to_dict() for item in asked_next]
    return Feedback(
        question=question,
        answer=answer,
        question_type=result.question_type,
        competencies=classified.competencies,
        analysis=data,
        segments=segments(answer, data["insights"]),  # type: ignore[arg-type]
        earlier_attempts=len(earlier),
        follow_ups=asked_next,
    )


def practise(
    owner: User,
    question: str,
    answer: str,
    seconds_taken: int | None = None,
    round_id: int | None = None,
    opportunity_id: int | None = None,
    *,
    follow_up_of: int | None = None,
    semantic: bool | None = None,
) -> Feedback:
    """Analyse an answer and keep it as a practice attempt (perhaps a follow-up's answer)."""
    parent = None
    if follow_up_of is not None:
        parent = attempts.get(owner, follow_up_of)
        round_id = round_id if round_id is not None else parent.round_id
        opportunity_id = opportunity_id if opportunity_id is not None else parent.opportunity_id
    if round_id is not None:
        opportunity_id = rounds.get(owner, round_id).opportunity_id
    if seconds_taken is not None and not 0 <= seconds_taken <= 24 * 3600:
        raise InvalidInput.one("seconds_taken", "must be between 0 and 86,400")
    # A follow-up's answer is judged against the question that opened the exchange.
    root = ""
    if parent is not None:
        earlier = (parent.analysis or {}).get("follow_up_of")
        root = str(earlier.get("question", "")) if isinstance(earlier, dict) else ""
        root = root or parent.question_text
    feedback = analyse(
        owner,
        question,
        answer,
        opportunity_id,
        semantic=semantic,
        follow_up=parent is not None,
        asked_after=root,
    )
    if parent is not None:
        feedback.analysis["follow_up_of"] = {
            "attempt_id": parent.pk,
            "question": parent.question_text,
        }
    attempt = attempts.create(
        owner,
        question_text=feedback.question,
        answer_text=answer,
        seconds_taken=seconds_taken,
        round_id=round_id,
        opportunity_id=opportunity_id,
        analysis=feedback.analysis,
    )
    return Feedback(
        **{
            **feedback.__dict__,
            "attempt_id": attempt.pk,
            "follow_up_of": parent.pk if parent else None,
        }
    )


@dataclass(frozen=True)
class PracticeQuestion:
    """A question to practise and why it was chosen."""

    text: str
    why: str
    type: str
    competencies: tuple[str, ...] = ()
    looking_for: str = ""
    probes: tuple[str, ...] = ()
    bank_id: str = ""


@dataclass(frozen=True)
class WeakAreas:
    questions: list[m.AskedQuestion] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    classified: list[Classification] = field(default_factory=list)  # one per question
    # What each competency rests on, in plain words ("your answer to a question in round 2").
    sources: dict[str, str] = field(default_factory=dict)


def weak_areas(owner: User, opportunity_id: int) -> WeakAreas:
    """Questions that went badly in earlier rounds and the competencies they and feedback touch."""
    weak = list(
        m.AskedQuestion.objects.filter(owner=owner, round__opportunity_id=opportunity_id)
        .filter(Q(self_rating__lte=WEAK_RATING) | Q(reaction=m.Reaction.NEGATIVE))
        .order_by("round__number", "id")
    )
    # Only the doubts in the feedback, never its praise or its greeting: a competency the
    # feedback merely mentions is no weak area.
    feedback = [
        remark.about or remark.quote
        for f in m.Feedback.objects.filter(owner=owner, round__opportunity_id=opportunity_id)
        .select_related("round")
        .order_by("round__number", "id")
        for remark in find_remarks(FeedbackText(f.pk, f.round.number, f.text, f.source))
        if remark.kind in ("concern", "focus")
    ]
    labelled = meaning.classify_questions([q.text for q in weak] + feedback)
    counts: dict[str, int] = {}
    sources: dict[str, str] = {}
    rounds_of = [q.round.number for q in weak]
    for index, result in enumerate(labelled):
        for competency in result.competencies:
            # What went wrong in the feedback's words weighs more than a weak self-rating.
            counts[competency] = counts.get(competency, 0) + (2 if index < len(weak) else 3)
            sources.setdefault(
                competency,
                f"your answer to a question on it in round {rounds_of[index]} went badly"
                if index < len(weak)
                else "a doubt in the feedback on an earlier round touched on it",
            )
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    return WeakAreas(weak, ranked, labelled[: len(weak)], sources)


def _field_of(opp: m.Opportunity) -> tuple[str | None, str]:
    """The job's field and its label, computed once in services (None when not known)."""
    guess = field_of(opp)
    field = guess.field if guess.field in FIELDS else None
    return field, guess.label if field else ""


def _record(owner: User, opp: m.Opportunity) -> dict[str, list[str]]:
    """What a presuming bank question may rest on, by source (see bank.Presumption)."""
    rounds_ = m.Round.objects.filter(owner=owner, opportunity=opp)
    asked = m.AskedQuestion.objects.filter(owner=owner, round__opportunity=opp)
    return {
        "feedback": list(
            m.Feedback.objects.filter(owner=owner, round__opportunity=opp).values_list(
                "text", flat=True
            )
        ),
        "rounds": [f"{q.text} {q.answer_note}" for q in asked]
        + [f"{r.impressed} {r.fell_flat} {r.notes}" for r in rounds_],
        "job": [
            *m.Requirement.objects.filter(owner=owner, opportunity=opp).values_list(
                "text", flat=True
            ),
            opp.job_description,
        ],
    }


def questions_for_round(
    owner: User, round_id: int, count: int = 5, seed: int = 0
) -> list[PracticeQuestion]:
    """Questions to practise before a round, as `practice_plan` picks them (see there)."""
    from nextround.services.practice_plan import questions_for_round as planned

    return planned(owner, round_id, count, seed)


_YEARS_ASKED = re.compile(r"\bhow many years\b|\byears of experience\b", re.I)
# Fields whose interviews use curveballs (estimates, "which animal would you be?"); elsewhere, and
# while the field is not known, they are left out of practice.
CURVEBALL_FIELDS = frozenset({"software", "sales"})


def is_curveball(question: BankQuestion) -> bool:
    """A tricky question that tests quick invention or estimation rather than the candidate."""
    return question.type == "tricky" and bool(
        {"creativity", "analysis"} & set(question.competencies)
    )


def related_bank_question(
    text: str,
    exclude: set[str] | None = None,
    *,
    semantic: bool | None = None,
    pool: Sequence[BankQuestion] | None = None,
    bar: float = 0.0,
) -> BankQuestion | None:
    """The bank question most related to a weak area (a concern, a question that went badly).

    Each question is compared by meaning together with what it tests (`looking_for`), so that
    "a passive on-call answer" is not matched to "How do you feel about being on call?"; below
    `bar` nothing is close enough and None is returned."""
    bank = [
        q
        for q in (pool if pool is not None else bank_for())
        if normalise_question(q.text) not in (exclude or set())
        # A doubt about the depth of experience is never answered with the years of it.
        and not _YEARS_ASKED.search(q.text)
    ]
    described = [q.described for q in bank]
    ranked = meaning.rank(text, described, use="weak-areas", semantic=semantic)
    if not ranked or ranked[0].score <= max(0.0, bar):
        return None
    return bank[ranked[0].index]


def _from_bank(pick: BankQuestion) -> PracticeQuestion:
    # The draw leans towards the weak areas, but a question sharing only a competency's label
    # with a doubt ("attention to detail") is not said to be about it: that would state
    # something false about the candidate's record. Questions picked for a doubt or a weak
    # answer carry their own reason.
    why = f"A common {pick.type.replace('-', ' ')} question"
    return PracticeQuestion(
        pick.text, why, pick.type, pick.competencies, pick.looking_for, pick.probes, pick.id
    )


def bank_question(bank_id: str) -> PracticeQuestion | None:
    for item in load_bank():
        if item.id == bank_id:
            return _from_bank(item)
    return None


@dataclass(frozen=True)
class AttemptPoint:
    id: int
    created_at: Any
    overall: int | None
    seconds_taken: int | None
    word_count: int | None


@dataclass(frozen=True)
class QuestionHistory:
    question: str
    points: list[AttemptPoint]

    @property
    def latest_change(self) -> int | None:
        scored = [p.overall for p in self.points if p.overall is not None]
        return scored[-1] - scored[-2] if len(scored) >= 2 else None


def history(owner: User, limit: int = 200) -> list[QuestionHistory]:
    """Attempts grouped by question, oldest first within each, most recent question first."""
    rows = (
        m.PracticeAttempt.objects.filter(owner=owner)
        .order_by("-created_at", "-id")
        .values("id", "question_text", "created_at", "seconds_taken", "analysis")[:limit]
    )
    groups: dict[str, QuestionHistory] = {}
    for row in rows:
        key = normalise_question(row["question_text"])
        analysis = row["analysis"] if isinstance(row["analysis"], dict) else {}
        overall = analysis.get("overall", {})
        point = AttemptPoint(
            row["id"],
            row["created_at"],
            overall.get("score") if isinstance(overall, dict) else None,
            row["seconds_taken"],
            analysis.get("word_count"),
        )
        if key not in groups:
            groups[key] = QuestionHistory(row["question_text"], [])
        groups[key].points.insert(0, point)
    return list(groups.values())


def length_said(word_count: int) -> str:
    """An answer's length in words and spoken time: "1 word, under a second spoken"."""
    from nextround.coach.aspects import plural
    from nextround.coach.delivery import spoken_time

    return f"{plural(word_count, 'word')}, {spoken_time(word_count)}"
