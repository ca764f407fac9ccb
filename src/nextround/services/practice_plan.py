"""Which questions a practice session asks, and in what order.

The brief decides what matters before a round; practice follows it. Each doubt from the feedback
and each earlier answer to put right is one *topic*, asked once: an earlier question and the doubt
about its answer are the same topic ("How would you prioritise your workload on a busy ward?" and
the interviewer's "I wasn't sure how you would cope with prioritising a caseload"). Every topic
gets a question before any is asked again, then come the rest of the brief's five to rehearse,
then questions from the bank for the job's field and the round, drawn with the seed.

Nothing here reads practice attempts: answers given in a session never change what is picked.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db.models import Count, IntegerField, Max, QuerySet, Sum, Value
from django.utils import timezone

from nextround import config
from nextround.coach.bank import (
    ROUND_KINDS,
    ROUND_PURPOSES,
    BankQuestion,
    bank_for,
    field_questions,
    load_bank,
    select_practice_questions,
)
from nextround.coach.brief_content import load_content
from nextround.coach.likely import STYLE_NAMES, may_ask, quoted
from nextround.coach.semantic import lexical_similarity
from nextround.services import practice as p
from nextround.services import semantic as meaning
from nextround.services.errors import InvalidInput
from nextround.services.practice import PracticeQuestion
from nextround.services.records import opportunities, rounds
from nextround.store import models as m

if TYPE_CHECKING:
    from nextround.coach.brief import Brief
    from nextround.coach.likely import Doubt, LikelyQuestion

# An answer to put right belongs to the doubt it is closest to, at this closeness to the doubt's
# words or its topic: "How would you manage a £48,000 departmental budget?" to "they weren't
# sure you have experience of managing a departmental budget" is 0.76, "Describe how you have
# handled an underperforming member of staff" to the same doubt 0.26 (hybrid, shipped vectors).
SAME_TOPIC = 0.5
# A bank question is asked for a doubt only when it is about it both with what it tests and in
# its own words: "What size of budget do you manage today?" for the budget doubt (0.53 and 0.55);
# never "What experience do you have of managing people?" for one about working in a
# multidisciplinary team (0.46 and 0.36), which is about something else.
BANK_FOR_DOUBT = 0.5
# ...or, below that, fairly close in meaning and in words both.
FAIRLY_CLOSE = 0.3
# The brief's questions that are no answer to type: a set task is prepared, not answered.
NOT_ANSWERED = frozenset({"task"})
MAX_STYLE_PICKS = 2
MAX_WHY = 200
MAX_KEPT = 64


@dataclass
class _Topic:
    """One doubt or one answer to put right (or both, when the doubt is about that answer)."""

    doubt: Doubt | None = None
    asked: list[tuple[str, int]] = field(default_factory=list)  # (question, round number)
    written: str = ""  # the brief's own question for the doubt, when it has one

    @property
    def words(self) -> list[str]:
        """What the topic is about, to tell a question on it from one on something else."""
        found = [text for text, _ in self.asked]
        return found + (_doubt_texts(self.doubt) if self.doubt is not None else [])


def questions_for_round(
    owner: User, round_id: int, count: int = 5, seed: int = 0
) -> list[PracticeQuestion]:
    """Questions to practise before a round: one for each doubt and each answer to put right,
    the rest of the brief's five to rehearse, then the bank's for the field and the round.

    The same record (rounds, questions, feedback, job, stories) and seed give the same questions.
    """
    if not 1 <= count <= 50:
        raise InvalidInput.one("count", "must be between 1 and 50")
    round_ = rounds.get(owner, round_id)
    today = timezone.localdate()
    # Whether meaning is used (NEXTROUND_SEMANTIC) changes the picks as much as the record does.
    key = (owner.pk, round_id, count, seed, today, config.read("SEMANTIC"), _stamp(owner, round_))
    with _lock:
        planned = _plans.get(key)
        if planned is not None:
            _plans.move_to_end(key)
            return list(planned)
    planned = tuple(_plan(owner, round_, count, seed, today, key[-1]))
    with _lock:
        _plans[key] = planned
        while len(_plans) > MAX_KEPT:
            _plans.popitem(last=False)
    return list(planned)


_lock = threading.Lock()
_plans: OrderedDict[tuple[Any, ...], tuple[PracticeQuestion, ...]] = OrderedDict()
_briefs: OrderedDict[tuple[Any, ...], Brief] = OrderedDict()


def _stamp(owner: User, round_: m.Round) -> tuple[Any, ...]:
    """What the picks rest on, in a few figures: any save, addition or deletion changes it."""
    opp = round_.opportunity_id
    sets: tuple[QuerySet[Any], ...] = (
        m.Opportunity.objects.filter(owner=owner, pk=opp),
        m.Round.objects.filter(owner=owner, opportunity_id=opp),
        m.AskedQuestion.objects.filter(owner=owner, round__opportunity_id=opp),
        m.Feedback.objects.filter(owner=owner, round__opportunity_id=opp),
        m.Requirement.objects.filter(owner=owner, opportunity_id=opp),
        m.Evidence.objects.filter(owner=owner, requirement__opportunity_id=opp),
        m.Story.objects.filter(owner=owner),
        m.Interviewer.objects.filter(owner=owner),
        m.RoundInterviewer.objects.filter(owner=owner),
        m.QuestionToAsk.objects.filter(owner=owner, round_id=round_.pk),
    )
    # One query: each table's count, sum of ids and latest save, side by side.
    parts = [
        qs.order_by()
        .annotate(part=Value(i, output_field=IntegerField()))
        .values("part")
        .annotate(n=Count("id"), ids=Sum("id"), last=Max("updated_at"))
        .values_list("part", "n", "ids", "last")
        for i, qs in enumerate(sets)
    ]
    return tuple(sorted(parts[0].union(*parts[1:], all=True)))


def _brief(owner: User, round_: m.Round, today: dt.date, stamp: tuple[Any, ...]) -> Brief:
    """The round's brief as the brief page builds it, kept while its record is unchanged."""
    key = (owner.pk, round_.pk, today, config.read("SEMANTIC"), stamp)
    with _lock:
        made = _briefs.get(key)
    if made is not None:
        return made
    # The brief's modules cost a command's start time: loaded only when a session is planned.
    from nextround.coach.brief import build_brief
    from nextround.services import brief as brief_service
    from nextround.services import matching

    data = brief_service.brief_input(owner, round_.pk, today)
    made = build_brief(data, matching.cosine(warm=brief_service.meaning_texts(data)))
    with _lock:
        _briefs[key] = made
        while len(_briefs) > MAX_KEPT:
            _briefs.popitem(last=False)
    return made


def _plan(
    owner: User, round_: m.Round, count: int, seed: int, today: dt.date, stamp: tuple[Any, ...]
) -> list[PracticeQuestion]:
    from nextround.services import brief as brief_service

    opp = opportunities.get(owner, round_.opportunity_id)
    field_, label = p._field_of(opp)
    kind = round_.kind if round_.kind in ROUND_KINDS else None
    purpose = round_.purpose if round_.purpose in ROUND_PURPOSES else None
    styles = brief_service.round_styles(owner, round_)
    level = brief_service.job_level(opp)
    pool = bank_for(field_, kind, styles, level)
    # "Which kitchen appliance would you be?" belongs only where such questions are asked; a
    # business's question ("a new production line") is not put to a public service, nor one
    # that states what the record does not say ("the year you took out to travel").
    record = p._record(owner, opp)
    left_out = {
        q.id
        for q in pool
        if (field_ not in p.CURVEBALL_FIELDS and p.is_curveball(q))
        or not may_ask(q, record, opp.company, field_)
    }
    pool = tuple(q for q in pool if q.id not in left_out)
    brief = _brief(owner, round_, today, stamp)
    areas = p.weak_areas(owner, round_.opportunity_id)
    numbers = dict(
        m.Round.objects.filter(owner=owner, opportunity_id=round_.opportunity_id).values_list(
            "pk", "number"
        )
    )
    session = _Session(count)
    topics, used = _topics(brief, areas, numbers)
    for topic in topics:
        session.add(_ask(topic, pool))
    # The rest of the five to rehearse, as the brief has them (it asks no topic twice itself).
    for index, item in enumerate(brief.likely_questions):
        if item.rehearse and index not in used and item.category not in NOT_ANSWERED:
            session.add(_from_likely(item))
    covered = [w for t in topics for w in t.words]
    if session.full:
        return session.chosen
    # The bank: the round's style of interview, the field's own questions, then a draw that
    # leans towards the weak areas; none on a topic already asked about.
    for style in styles:
        styled = [q for q in pool if style in q.styles]
        have = sum(1 for c in session.chosen if c.bank_id in {q.id for q in styled})
        rng = random.Random(seed + round_.pk)
        for pick in rng.sample(styled, len(styled)):
            if have >= MAX_STYLE_PICKS:
                break
            why = f"They have called it a {STYLE_NAMES[style]} interview"
            have += session.add(replace(p._from_bank(pick), why=why), covered)
    styled_ids = {q.id for q in pool if q.styles}
    # A question written for another purpose of round (a final's "when could you start?" in a
    # shortlist round) is left for that round.
    other_purpose = {
        q.id for q in pool if q.rounds and purpose is not None and purpose not in q.rounds
    }
    excluded = session.bank_ids | left_out | other_purpose | styled_ids
    own = field_questions(
        field_,
        purpose,
        min(2, count - len(session.chosen)) + 2,
        seed + round_.pk,
        kind,
        exclude_ids=excluded,
        level=level,
    )
    added = 0
    for pick in own:
        if added < 2:
            asked_in = replace(p._from_bank(pick), why=f"Asked in {label} roles")
            added += session.add(asked_in, covered)
    picks = select_practice_questions(
        areas.competencies,
        None,
        2 * count + 10,
        seed + round_.pk,
        exclude_ids=session.bank_ids | excluded,
        field=field_,
        kind=kind,
        styles=styles,
        level=level,
    )
    for pick in picks:
        session.add(p._from_bank(pick), covered)
    return session.chosen


class _Session:
    """The questions chosen so far: none twice, none on a topic already asked about."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.chosen: list[PracticeQuestion] = []

    @property
    def full(self) -> bool:
        return len(self.chosen) >= self.count

    @property
    def bank_ids(self) -> set[str]:
        return {c.bank_id for c in self.chosen if c.bank_id}

    def add(self, question: PracticeQuestion | None, covered: list[str] | None = None) -> bool:
        """Add the question unless the session is full or already asks it or its topic."""
        if question is None or self.full:
            return False
        key = p.normalise_question(question.text)
        if any(p.normalise_question(c.text) == key for c in self.chosen):
            return False
        if question.bank_id and question.bank_id in self.bank_ids:
            return False
        if any(meaning.same_question(question.text, c.text) for c in self.chosen):
            return False
        if covered and _about_any(question.text, covered):
            return False
        self.chosen.append(question)
        return True


def _about_any(text: str, topics: list[str]) -> bool:
    """Whether a question is about one of the topics already asked about."""
    return any(_near(text, topic) for topic in topics)


# A word with a capital inside a sentence names something: a tool, a product, a place.
_NAME = re.compile(r"(?<![.?!:]\s)(?<!^)\b[A-Z][a-z]+[A-Za-z0-9]*\b")
# Capitalised inside a sentence without naming a thing of its own.
_NOT_NAMES = frozenset({"Year", "Key", "Stage", "Band", "Level", "Head"})


def _names(text: str) -> set[str]:
    """The names a text holds (not acronyms: "NHS" or "KS3" say little of the topic)."""
    return {w for w in _NAME.findall(text.strip()) if w not in _NOT_NAMES and len(w) > 2}


def _near(question: str, text: str) -> bool:
    """Whether a question is on the topic of a text (a doubt, an earlier question).

    Close in meaning, or fairly close in meaning and in words ("Which customer success tools
    have you used?" and "how quickly you pick up new tools", 0.35 and 0.35), or naming the same
    thing ("How would you learn Gainsight?" and "you haven't used Gainsight").
    """
    if not question.strip() or not text.strip():
        return False
    close = meaning.similarity(question, text, use="weak-areas")
    if close >= SAME_TOPIC:
        return True
    if close >= FAIRLY_CLOSE and lexical_similarity(question, text) >= FAIRLY_CLOSE:
        return True
    return bool(_names(question) & _names(text))


def _closeness(question: str, doubt: Doubt) -> float:
    return max(meaning.similarity(question, t, use="weak-areas") for t in _doubt_texts(doubt))


def _topics(
    brief: Brief, areas: p.WeakAreas, numbers: dict[int, int]
) -> tuple[list[_Topic], set[int]]:
    """The doubts and the answers to put right, one topic each, in the brief's order, and the
    brief's questions (by place in its list) that a topic stands for."""
    doubts = [d for d in brief.doubts if d.kind != "check"]
    by_doubt = {id(d): _Topic(doubt=d) for d in doubts}
    loose: list[_Topic] = []

    def place(question: str, number: int, named: list[Doubt]) -> None:
        if not named:
            # Not tied by the debrief: the doubt it is on, if any ("Which customer success tools
            # have you used?" beside "how quickly you pick up new tools").
            named = [d for d in doubts if _about_any(question, _doubt_texts(d))]
        if len(named) > 1:
            # The debrief may tie several doubts to one answer: it goes with the closest, and the
            # others keep their own question.
            named = [max(named, key=lambda d: _closeness(question, d))]
        if named:
            by_doubt[id(named[0])].asked.append((question, number))
        else:
            loose.append(_Topic(asked=[(question, number)]))

    for point in brief.debrief.counter:
        named = [d for d in doubts if d.question and d.question == point.question]
        place(point.question, point.round_number, named)
    # Answers that went badly which the brief does not weigh (asked in this round or later).
    known = [text for t in [*by_doubt.values(), *loose] for text, _ in t.asked]
    for question in areas.questions:
        if any(meaning.same_question(question.text, k) for k in known):
            continue
        known.append(question.text)
        place(question.text, numbers.get(question.round_id, 0), [])
    topics = [*by_doubt.values(), *loose]
    order: list[_Topic] = []
    used: set[int] = set()
    # The brief's order: each topic where the question written for it stands in the ranked list.
    for index, item in enumerate(brief.likely_questions):
        for topic in topics:
            if _is_about(item, topic):
                used.add(index)
                if topic not in order:
                    order.append(topic)
                if topic.doubt is not None and not topic.written:
                    topic.written = item.text
                break
    return order + [t for t in topics if t not in order], used


def _doubt_texts(doubt: Doubt) -> list[str]:
    return [t for t in (doubt.label.strip("“”"), doubt.quote) if t]


def _is_about(item: LikelyQuestion, topic: _Topic) -> bool:
    """Whether the brief wrote the question for the topic: for its doubt (its why quotes the
    doubt), or to put its answer right."""
    if item.category in ("concern", "focus"):
        return topic.doubt is not None and quoted(topic.doubt.quote) in item.why
    if item.category != "follow-up":
        return False
    said = load_content().sentences["follow_up_why"]
    return any(
        item.why == said.format(round=number, question=quoted(text)) for text, number in topic.asked
    )


def _ask(topic: _Topic, pool: tuple[BankQuestion, ...]) -> PracticeQuestion | None:
    """The topic's question: the earlier question again, else a bank question about the doubt,
    else the brief's own question for it."""
    doubt = topic.doubt
    if topic.asked:
        text, number = topic.asked[0]
        went = f"Your answer to it went badly in round {number}" if number else ""
        went = went or "Your answer to it needs putting right"
        said = _doubt_why(doubt)
        why = f"{said}; {went[0].lower()}{went[1:]}" if said else went
        classified = meaning.classify(text)
        return PracticeQuestion(
            text, why if len(why) <= MAX_WHY else went, classified.type, classified.competencies
        )
    if doubt is None:
        return None
    topic_words = doubt.label.strip("“”") if not doubt.label.startswith("“") else doubt.quote
    pick = _bank_about(topic_words, pool)
    if pick is not None:
        return replace(p._from_bank(pick), why=_doubt_why(doubt))
    text = topic.written or _written(doubt)
    if not text:
        return None
    return PracticeQuestion(text, _doubt_why(doubt), "second-round")


def _bank_about(topic: str, pool: tuple[BankQuestion, ...]) -> BankQuestion | None:
    """The bank question about the doubt, by what it tests and in its own words, or None."""
    pick = p.related_bank_question(topic, pool=pool, bar=BANK_FOR_DOUBT)
    if pick is None:
        return None
    in_words = meaning.similarity(topic, pick.text, use="weak-areas")
    return pick if in_words >= BANK_FOR_DOUBT else None


def _written(doubt: Doubt) -> str:
    if doubt.label.startswith("“"):
        return doubt.question
    content = load_content()
    if doubt.kind == "focus":
        return content.sentences["focus_question"].format(topic=doubt.label)
    return content.concern_question.format(topic=doubt.label)


def _doubt_why(doubt: Doubt | None) -> str:
    """Why a question practises a doubt, in plain words (the doubt named, never quoted)."""
    if doubt is None:
        return ""
    topic = "" if doubt.label.startswith("“") else doubt.label
    who = doubt.source
    if doubt.kind == "focus":
        if topic:
            return f"{who} said they will go deeper into {topic}"
        return f"{who} said what they will go deeper into next time"
    if topic:
        return f"{who} raised a concern about {topic}"
    return f"{who} raised a concern in the last round"


@functools.lru_cache(maxsize=1)
def _bank_by_text() -> dict[str, BankQuestion]:
    return {q.text: q for q in load_bank()}


def _from_likely(item: LikelyQuestion) -> PracticeQuestion:
    """One of the brief's questions to rehearse, with its reason's first sentence."""
    first = item.why.split(". ")[0].rstrip(".")
    why = first if first and "“" not in first and len(first) <= MAX_WHY else ""
    why = why or "One of the questions the brief says to rehearse"
    bank = _bank_by_text().get(item.text)
    if bank is not None:
        return replace(p._from_bank(bank), why=why)
    return PracticeQuestion(item.text, why, "second-round")
