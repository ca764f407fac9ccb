"""Instant, explainable feedback on one typed answer to an interview question."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from nextround.coach.aspects import AspectResult, AspectScore, ParsedAnswer, Step, parse, plural
from nextround.coach.classify import asks_for_figure
from nextround.coach.delivery import (
    FEW_WORDS,
    HESITANT_PER_100,
    WPM_MID,
    delivery,
    duration,
    is_narrow_question,
    length,
    self_undermining,
    speaking_seconds,
)
from nextround.coach.insight import Insight, Span
from nextround.coach.quality import (
    TERM_TYPES,
    WEAK_SHARE_FOR_NO_PRAISE,
    answer_quality,
    overall_score,
)
from nextround.coach.question_type import QUESTION_TYPES, guess_question_type
from nextround.coach.relevance import (
    RelevanceScorer,
    concept,
    job_terms,
    outside_work,
    relevance,
    topic_words,
)
from nextround.coach.specificity import find_evidence, specificity
from nextround.coach.star import (
    MIN_WORDS_FOR_STORY,
    WOULD_NOT_DID,
    StarSentence,
    asks_for_past,
    is_hypothetical,
    label_sentences,
    ownership,
    says_what_would_be_done,
    star_applies,
    structure,
)
from nextround.coach.text import WORD_RE, stem, words_of
from nextround.coach.wordlists import wordlists

FORMAT_VERSION = 1
# Answers longer than this are measured in full but analysed in detail only up to here, so that a
# pasted document still gets instant feedback.
DETAIL_WORD_LIMIT = 3000
# No praise for answers shorter than this: a handful of words cannot earn "good".
MIN_WORDS_FOR_PRAISE = 15
# More than this share of control characters means the input is not typed text.
BINARY_SHARE = 0.05
# Fewer than this share of common English words (in answers of 8+ words) means another language.
ENGLISH_STOPWORD_SHARE = 0.12
EARLIER_ATTEMPTS_COMPARED = 5
# A score change smaller than this between attempts is noise, not progress.
PROGRESS_STEP = 10
ASPECT_ORDER = (
    "relevance",
    "self-undermining",
    "structure",
    "specificity",
    "ownership",
    "delivery",
    "length",
    "job terms",
    "input",
    "progress",
)

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


class AnswerError(ValueError):
    """Raised only for a bad call (an unknown question type or an answer that is not text)."""


@dataclass(frozen=True)
class AnswerContext:
    """What is known around an answer: the job, earlier attempts and the question's type."""

    job_terms: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    earlier_answers: tuple[str, ...] = ()
    question_type: str | None = None
    # The answer is to a follow-up ("What exactly did you do first?"): a short, direct answer fits.
    follow_up: bool = False
    # The question the follow-up follows: "What was the outcome?" is about that question's story.
    asked_after: str = ""


@dataclass(frozen=True)
class ProgressChange:
    """One aspect's score in the latest earlier attempt and in this one."""

    aspect: str
    before: int
    after: int

    @property
    def change(self) -> int:
        """After minus before."""
        return self.after - self.before

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON."""
        return {
            "aspect": self.aspect,
            "before": self.before,
            "after": self.after,
            "change": self.change,
        }


@dataclass(frozen=True)
class Analysis:
    """Everything the coach found in one answer, each point tied to the answer's words."""

    question_type: str
    word_count: int
    analysed_words: int
    speaking_seconds: tuple[int, int]
    star: tuple[StarSentence, ...]
    scores: tuple[AspectScore, ...]
    insights: tuple[Insight, ...]
    summary: str
    next_steps: tuple[str, ...]
    progress: tuple[ProgressChange, ...] = ()
    # The overall score: the aspects' mean, held down by what outweighs any aspect (off-topic,
    # too short, self-undermining); None means the plain mean.
    overall_score: int | None = None
    # "high", or "low" when the answer is short or unusual and the score is rough.
    overall_confidence: str = "high"
    overall_note: str = ""

    @property
    def mean(self) -> int | None:
        """The plain mean of the aspect scores, or None when nothing was scored."""
        if not self.scores:
            return None
        return round(sum(s.score for s in self.scores) / len(self.scores))

    @property
    def overall(self) -> int | None:
        """The overall 0-100 score, or None when nothing was scored."""
        if not self.scores:
            return None
        return self.overall_score if self.overall_score is not None else self.mean

    def score(self, aspect: str) -> int | None:
        """One aspect's score, or None if it was not scored."""
        return next((s.score for s in self.scores if s.aspect == aspect), None)

    def by_aspect(self, aspect: str) -> tuple[Insight, ...]:
        """The insights about one aspect."""
        return tuple(i for i in self.insights if i.aspect == aspect)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form, versioned."""
        return {
            "format_version": FORMAT_VERSION,
            "question_type": self.question_type,
            "word_count": self.word_count,
            "analysed_words": self.analysed_words,
            "speaking_seconds": {"low": self.speaking_seconds[0], "high": self.speaking_seconds[1]},
            "star": [item.to_dict() for item in self.star],
            "scores": [s.to_dict() for s in self.scores],
            "overall": {
                "score": self.overall,
                "mean": self.mean,
                "mean_of": [s.aspect for s in self.scores],
                "confidence": self.overall_confidence,
                "note": self.overall_note,
            },
            "insights": [i.to_dict() for i in self.insights],
            "summary": self.summary,
            "next_steps": list(self.next_steps),
            "progress": [p.to_dict() for p in self.progress],
        }


def analyze_answer(
    question: str,
    answer: str,
    context: AnswerContext | None = None,
    *,
    relevance_scorer: RelevanceScorer | None = None,
) -> Analysis:
    """Analyse a typed answer: structure, specificity, ownership, delivery, length and more."""
    if not isinstance(answer, str) or not isinstance(question, str):
        raise AnswerError("question and answer must be text")
    context = context or AnswerContext()
    question_type = context.question_type or guess_question_type(question)
    if question_type not in QUESTION_TYPES:
        raise AnswerError(
            f"unknown question type {question_type!r}; expected one of {', '.join(QUESTION_TYPES)}"
        )
    current = _analyse_one(question, answer, context, question_type, relevance_scorer)
    earlier = [a for a in context.earlier_answers if a.strip()][-EARLIER_ATTEMPTS_COMPARED:]
    if not earlier or not current.scores:
        return current
    past = [
        _analyse_one(question, text, context, question_type, relevance_scorer) for text in earlier
    ]
    return _with_progress(current, past, len(context.earlier_answers) + 1)


def _analyse_one(
    question: str,
    answer: str,
    context: AnswerContext,
    question_type: str,
    scorer: RelevanceScorer | None,
) -> Analysis:
    if not answer.strip():
        return _refusal(
            question_type,
            0,
            "Nothing to analyse: the answer is empty.",
            "Write the answer as you would say it, in full sentences.",
        )
    control = _CONTROL_RE.findall(answer)
    if len(control) > BINARY_SHARE * len(answer.strip()):
        return _refusal(
            question_type,
            0,
            "This looks like binary data, not a typed answer "
            f"({plural(len(control), 'control character')}).",
            "Paste the answer as plain text.",
        )

    lists = wordlists()
    narrow = context.follow_up or is_narrow_question(question)
    total_words, end, rest = _bounded(answer)
    parsed = parse(answer, end, lists)
    results: list[AspectResult] = []
    if control:
        note = AspectResult("input")
        note.add("info", f"Ignored {plural(len(control), 'control character')} in the answer.")
        results.append(note)
    if end < len(answer):
        note = AspectResult("input")
        note.add(
            "info",
            f"Only the first {DETAIL_WORD_LIMIT:,} of {total_words:,} words were analysed in "
            "detail; length counts them all.",
            [Span(rest, len(answer.rstrip()))],
        )
        results.append(note)

    if _looks_foreign(parsed):
        results.append(length(parsed, question_type, total_words, narrow=narrow))
        note = AspectResult("input")
        note.add(
            "info",
            "This answer does not look like English. The coach's word lists are English, so only "
            "its length was checked.",
        )
        results.append(note)
        return _assemble(
            parsed,
            question_type,
            total_words,
            (),
            results,
            praise=False,
            summary="Not in English: only the length was checked.",
        )

    labels = label_sentences(parsed)
    plan = is_hypothetical(question, question_type)  # what would be done, not what was
    # A story's parts are asked of a story: not of a plan outside a "what would you do"
    # scenario ("How quickly could you get up to speed?"), nor of the answer to a follow-up,
    # which carries on a story already told.
    star = (
        star_applies(question_type, labels)
        and not context.follow_up
        and not (plan and question_type != "situational")
    )
    # They asked what was done; the answer says what would be.
    would = (
        says_what_would_be_done(parsed)
        if asks_for_past(question) and parsed.word_count >= MIN_WORDS_FOR_PRAISE
        else []
    )
    question_keys = topic_words(question, lists)
    protected = frozenset(stem(w.lower) for w in words_of(question)) | frozenset(
        stem(w.lower) for term in context.job_terms for w in words_of(term)
    )
    # A follow-up ("What was the outcome?") is judged against the question it follows too.
    asked = f"{context.asked_after.strip()} {question}" if context.asked_after.strip() else question
    relevance_result, off_topic, unsure = relevance(
        parsed, asked, scorer, plan_for_past=bool(would)
    )
    away = bool(outside_work(parsed, asked))
    if (
        question_type == "salary-notice"
        and asks_for_figure(question)
        and _names_a_figure(parsed)
        and not away
    ):
        # A salary range or a notice period is the answer, whatever the embedding makes of it.
        relevance_result = _figure_answers(relevance_result)
        off_topic = unsure = False
    results.append(relevance_result)
    # A direct answer: a figure to the notice question, a yes or a no to a closed question.
    direct = ""
    if question_type == "salary-notice" and asks_for_figure(question) and _names_a_figure(parsed):
        direct = "figure"
    elif _CLOSED.match(question) and (said := _YES_NO.match(parsed.text)):
        direct = "no" if re.match(r"\W*(?:no|nope|not yet|i don't)", said.group(0), re.I) else "yes"
    undermining = self_undermining(parsed)
    results.append(undermining)
    if any(i.level == "fix" for i in undermining.insights):
        # An answer that talks itself down is not praised for being on topic.
        relevance_result.insights = [i for i in relevance_result.insights if i.code != "on-topic"]
    short = parsed.word_count < MIN_WORDS_FOR_PRAISE
    quality = answer_quality(parsed, labels if star else None)
    praise = not short and not off_topic and not unsure and quality.praiseworthy
    if short:
        # A word or two is told it is too short; advice on numbers or job terms would not fit.
        if star and total_words > FEW_WORDS:
            results.append(structure(parsed, question_type, labels, plan))
        results.append(delivery(parsed, protected))
        results.append(
            length(parsed, question_type, total_words, praise=False, narrow=narrow, direct=direct)
        )
    else:
        # An answer judged by meaning to miss the question is told so first; advice on the
        # shape of a story that was not asked for would only polish the wrong answer. (Shared
        # words alone are weaker evidence: then the story is still read.)
        elsewhere = off_topic and (scorer is not None or away)
        if would and not elsewhere:
            # "I would try to help them…" to "Describe how you have handled…": the tense is
            # the thing to fix, before any part of a story it does not tell.
            results.append(_would_not_did(parsed, would))
        elif star and quality.no_example and not elsewhere:
            # No story was told: say so once instead of listing every part it lacks.
            results.append(_no_example())
        elif star and not elsewhere:
            results.append(structure(parsed, question_type, labels, plan))
        if not elsewhere:
            detail = specificity(parsed, question_type)
            if would:
                # Numbers for a plan of what would be done would polish the wrong answer.
                detail.steps = []
            results.append(detail)
        if star and parsed.word_count >= MIN_WORDS_FOR_STORY and not elsewhere and not would:
            results.append(ownership(parsed, labels))
        results.append(delivery(parsed, protected))

        padded = quality.weak_share > WEAK_SHARE_FOR_NO_PRAISE or (
            quality.filler_rate >= HESITANT_PER_100
        )
        # Lengthening it, adding numbers or working in the job's terms would only polish an
        # answer to another question: answering this one is the one thing to say.
        if not elsewhere:
            spoken = length(
                parsed,
                question_type,
                total_words,
                praise=praise,
                padded=padded,
                narrow=narrow,
                rambling=padded and quality.rambling,
            )
            if would:
                # A longer account of what would be done is no nearer what was asked.
                spoken.steps = []
            results.append(spoken)
        terms = job_terms(
            parsed,
            context.job_terms,
            context.requirements,
            frozenset(question_keys),
            advise=question_type in TERM_TYPES,
        )
        if terms is not None and not elsewhere:
            results.append(terms)

    summary = None
    if off_topic:
        summary = (
            f"{question_type.capitalize()} question, {plural(total_words, 'word')}: the answer "
            "does not seem to address the question."
        )
    elif direct and total_words <= FEW_WORDS:
        then = (
            "bridge from it to the closest thing you have done"
            if direct == "no"
            else "add one line that backs it up"
        )
        summary = (
            f"{question_type.capitalize()} question, {plural(total_words, 'word')}: a direct "
            f"answer; {then}."
        )
    elif parsed.word_count < MIN_WORDS_FOR_PRAISE:
        summary = (
            f"{question_type.capitalize()} question, {plural(total_words, 'word')}: too short to "
            "show what you can do."
        )
    analysis = _assemble(
        parsed,
        question_type,
        total_words,
        labels if star else (),
        results,
        praise=praise,
        summary=summary,
    )
    score, sure, why = overall_score(
        analysis, short=short, off_topic=off_topic, quality=quality, star=star
    )
    return replace(
        analysis,
        overall_score=score,
        overall_confidence=sure,
        overall_note=why,
        summary=summary or _summary(replace(analysis, overall_score=score, overall_note=why)),
    )


# A yes-or-no question ("Do you hold a Personal Licence?"), not one that asks for an example.
_CLOSED = re.compile(
    r"^\s*(?:do|does|did|have|has|are|is|can|could|will|would)\s+you\b"
    r"(?!.*\b(?:example|a time|tell|describe|talk|walk|explain|how|why|what)\b)",
    re.IGNORECASE,
)
_YES_NO = re.compile(r"^\W*(?:yes|no|yeah|yep|nope|not yet|i do|i have|i am|i can|i don't)\b", re.I)


def _names_a_figure(parsed: ParsedAnswer) -> bool:
    return any(
        e.kind in ("money", "duration", "date") and parsed.sentence_of(e.span.start) < 2
        for e in find_evidence(parsed)
    )


def _figure_answers(result: AspectResult) -> AspectResult:
    """Relevance of an answer that names the figure or date a salary or notice question asks."""
    fixed = AspectResult("relevance", steps=[])
    fixed.insights = [i for i in result.insights if i.code not in ("relevance-unsure", "off-topic")]
    old = result.score.score if result.score is not None else 0
    reasons = list(result.score.reasons) if result.score is not None else []
    fixed.set_score(max(old, 90), [*reasons, "names the figure or date that was asked"])
    return fixed


def _would_not_did(parsed: ParsedAnswer, spans: list[Span]) -> AspectResult:
    note = AspectResult("structure")
    note.add(
        "fix",
        f"{WOULD_NOT_DID} Give a real example: when it happened, what you did and how it ended.",
        spans[:3],
        code="no-example",
    )
    note.step(9, "Give a real example of a time you did it, not what you would do.")
    note.set_score(10, ["says what would be done, not what was"])
    return note


def _no_example() -> AspectResult:
    note = AspectResult("structure")
    note.add(
        "fix",
        "No example: the answer speaks in general terms. Tell one real occasion: what "
        "happened, what you did and how it ended.",
        code="no-example",
    )
    note.step(9, "Tell one real example instead of describing yourself in general.")
    note.set_score(10, ["no example told"])
    return note


def _bounded(answer: str) -> tuple[int, int, int]:
    """Total words, the end of the part analysed in detail, and where the rest starts."""
    total = 0
    end = rest = len(answer)
    for match in WORD_RE.finditer(answer):
        total += 1
        if total == DETAIL_WORD_LIMIT:
            end = match.end()
        elif total == DETAIL_WORD_LIMIT + 1:
            rest = match.start()
    if total <= DETAIL_WORD_LIMIT:
        end = rest = len(answer)
    return total, end, rest


def _looks_foreign(parsed: ParsedAnswer) -> bool:
    """Too few common English words, or mostly letters outside the Latin alphabet."""
    if parsed.word_count < 8:
        letters = [c for w in parsed.words for c in w.text if c.isalpha()]
        return bool(letters) and sum(not c.isascii() for c in letters) > len(letters) / 2
    stopwords = parsed.wordlists.sets["stopwords"]
    common = sum(1 for lowered in parsed.lowers if lowered in stopwords)
    letters = [c for w in parsed.words[:500] for c in w.text if c.isalpha()]
    foreign_letters = sum(1 for c in letters if not c.isascii())
    return common < ENGLISH_STOPWORD_SHARE * parsed.word_count or foreign_letters > 0.3 * len(
        letters
    )


def _refusal(question_type: str, words: int, message: str, step: str) -> Analysis:
    return Analysis(
        question_type=question_type,
        word_count=words,
        analysed_words=0,
        speaking_seconds=(0, 0),
        star=(),
        scores=(),
        insights=(Insight("input", "fix", message),),
        summary=message,
        next_steps=(step,),
    )


def _assemble(
    parsed: ParsedAnswer,
    question_type: str,
    total_words: int,
    labels: tuple[StarSentence, ...],
    results: list[AspectResult],
    *,
    praise: bool,
    summary: str | None,
) -> Analysis:
    results.sort(key=lambda r: ASPECT_ORDER.index(r.aspect))
    weak = parsed.weak_sentences()
    insights = [
        insight
        for result in results
        for insight in result.insights
        # Honesty: an answer too short or off the question earns no praise at all, and no
        # praise rests on a hedged, filler-laden, self-undermining or cliché sentence.
        if insight.level != "good"
        or (praise and not any(parsed.sentence_of(sp.start) in weak for sp in insight.spans))
    ]
    scores = tuple(r.score for r in results if r.score is not None)
    steps = sorted((s for r in results for s in r.steps), key=lambda s: s.priority)
    analysis = Analysis(
        question_type=question_type,
        word_count=total_words,
        analysed_words=parsed.word_count,
        speaking_seconds=speaking_seconds(total_words),
        star=labels,
        scores=scores,
        insights=tuple(insights),
        summary="",
        next_steps=_top_steps(steps),
    )
    return replace(analysis, summary=summary or _summary(analysis))


def _top_steps(steps: list[Step], count: int = 3) -> tuple[str, ...]:
    chosen: list[str] = []
    for step in steps:
        if step.text not in chosen:
            chosen.append(step.text)
        if len(chosen) == count:
            break
    return tuple(chosen)


def _summary(analysis: Analysis) -> str:
    spoken = duration(analysis.word_count * 60 / WPM_MID)
    head = (
        f"{analysis.question_type.capitalize()} question, {plural(analysis.word_count, 'word')} "
        f"(about {spoken} spoken)."
    )
    if not analysis.scores:
        return head
    ranked = sorted(analysis.scores, key=lambda s: (s.score, s.aspect))
    weakest, strongest = ranked[0], ranked[-1]
    if analysis.overall != analysis.mean:
        tail = f" Overall {analysis.overall}/100"
    else:
        tail = f" Overall {analysis.overall}/100, the mean of {len(analysis.scores)} aspects"
    if strongest.score != weakest.score:
        tail += (
            f": strongest {strongest.aspect} ({strongest.score}), weakest {weakest.aspect} "
            f"({weakest.score})"
        )
    tail += "."
    if analysis.overall_note:
        tail += f" {analysis.overall_note}"
    return head + tail


def _with_progress(current: Analysis, past: list[Analysis], attempt: int) -> Analysis:
    """Compare this attempt with the latest earlier one, aspect by aspect."""
    latest = past[-1]
    before = {s.aspect: s.score for s in latest.scores}
    changes = tuple(
        ProgressChange(s.aspect, before[s.aspect], s.score)
        for s in current.scores
        if s.aspect in before
    )
    praise = any(i.level == "good" for i in current.insights) or not current.insights
    insights: list[Insight] = []
    for change in changes:
        evidence = tuple(
            span for i in current.insights if i.aspect == change.aspect for span in i.spans
        )[:10]
        if change.change >= PROGRESS_STEP and praise:
            insights.append(
                Insight(
                    "progress",
                    "good",
                    f"{change.aspect.capitalize()} improved since your last attempt: "
                    f"{change.before} → {change.after}.",
                    evidence,
                )
            )
        elif change.change <= -PROGRESS_STEP:
            insights.append(
                Insight(
                    "progress",
                    "fix",
                    f"{change.aspect.capitalize()} slipped since your last attempt: "
                    f"{change.before} → {change.after}.",
                    evidence,
                )
            )
    trail = [a.overall for a in past if a.overall is not None]
    if current.overall is not None:
        history = " → ".join(str(score) for score in [*trail, current.overall])
        insights.append(
            Insight("progress", "info", f"Attempt {attempt}; overall score by attempt: {history}.")
        )
    regressed = [c.aspect for c in changes if c.change <= -PROGRESS_STEP]
    next_steps = current.next_steps
    if regressed:
        step = f"Bring back what worked last time in {regressed[0]}."
        next_steps = (step, *next_steps)[:3]
    return replace(
        current,
        insights=current.insights + tuple(insights),
        progress=changes,
        next_steps=next_steps,
    )


__all__ = [
    "QUESTION_TYPES",
    "Analysis",
    "AnswerContext",
    "AnswerError",
    "AspectScore",
    "Insight",
    "ProgressChange",
    "Span",
    "StarSentence",
    "analyze_answer",
    "concept",
    "guess_question_type",
]
