"""Adaptive follow-ups: the one or two questions an interviewer would most likely ask next."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nextround.coach.analysis import Analysis
from nextround.coach.insight import CONFIDENCE_BAR, Span
from nextround.coach.relevance import logistics_term
from nextround.coach.star import WOULD_NOT_DID, is_hypothetical
from nextround.coach.text import Word, words_of
from nextround.coach.wordlists import wordlists
from nextround.coach.words import times

MAX_FOLLOW_UPS = 2
# An answer judged off the question this surely (by meaning) gets no probe of what it said.
SURE_OFF_TOPIC = 0.8
# "We" this many times, and more than twice as often as "I", hides what the candidate did.
MIN_WE = 3
# Answers shorter than this get no follow-up: the interviewer would ask for the answer itself.
MIN_WORDS = 12
# A bank probe counts as already answered when the answer is this close to it (0-1 similarity).
ANSWERED = 0.45
# Kinds, most likely asked first: a story without an ending is the first thing probed.
KINDS = ("result", "ownership", "first-step", "quantify", "skill", "example", "bank")
# Words in a bank probe that show it asks about the same gap; such a probe is preferred to the
# generic wording because it was written for this question.
KIND_CUES = {
    "result": ("result", "outcome", "impact", "happened", "end", "measur"),
    "ownership": ("you personally", "your role", "you yourself", "your part", "you do"),
    "quantify": ("how much", "how many", "measur", "number", "figure", "quantif"),
}
_NUMBER_RE = re.compile(r"\d")
# A figure of size or money anywhere in the answer: "about £110,000 a year", "21% over target".
_FIGURE = re.compile(
    r"[£$€]\s?\d|\d\s?(?:%|per ?cent|k\b|m\b)|\b\d[\d,.]*\s+(?:pounds|dollars|euros)\b", re.I
)
Similarity = Callable[[str, str], float]
_WE = frozenset({"we", "our", "us", "we've", "we'd", "we're", "ours"})
_I = frozenset({"i", "my", "me", "i've", "i'd", "i'm", "mine", "myself"})
# Claim words that promise a change in size; "delivered" or "fixed" need no figure.
_SIZE_CLAIMS = frozenset(
    {
        "increased",
        "increase",
        "reduced",
        "reduce",
        "decreased",
        "cut",
        "saved",
        "grew",
        "growth",
        "improved",
        "faster",
        "cheaper",
        "fewer",
        "higher",
        "lower",
        "boosted",
        "lowered",
        "raised",
        "sped",
        "shortened",
    }
)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question, why an interviewer would ask it, and the words that prompted it."""

    text: str
    kind: str
    reason: str
    source: str  # "bank": one of the question's own probes; "gap": written for this answer
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON."""
        return {
            "text": self.text,
            "kind": self.kind,
            "reason": self.reason,
            "source": self.source,
            "spans": [{"start": s.start, "end": s.end} for s in self.spans],
        }


def _sentences(analysis: Analysis, answer: str) -> list[tuple[Span, str | None]]:
    if analysis.star:
        return [(s.span, s.label) for s in analysis.star]
    return [(Span(0, len(answer)), None)] if answer.strip() else []


def _missing_result(analysis: Analysis, answer: str, question: str) -> FollowUp | None:
    labels = [label for _, label in _sentences(analysis, answer)]
    flags = [i for i in analysis.insights if i.code in ("no-result", "vague-result")]
    if not analysis.star or (("result" in labels or "action" not in labels) and not flags):
        return None
    sure = not flags or any(i.confidence >= CONFIDENCE_BAR for i in flags)
    if is_hypothetical(question, analysis.question_type):
        return FollowUp(
            "What would you expect to change, and how would you know it had worked?",
            "result",
            "Your plan says what you would do but not what it would achieve.",
            "gap",
        )
    return FollowUp(
        "What was the result, and how did you know it had worked?",
        "result",
        "Your story has actions but no result, so an interviewer will ask how it ended."
        if sure
        # The ending may be the result in words the coach does not recognise: say only that
        # it is unclear, never that it is missing.
        else "How your story ended is not plain, so an interviewer may ask.",
        "gap",
    )


def _vague_we(words: list[Word]) -> FollowUp | None:
    we = [w for w in words if w.lower in _WE]
    mine = sum(w.lower in _I for w in words)
    if len(we) < MIN_WE or len(we) <= 2 * mine:
        return None
    return FollowUp(
        "What did you personally do, as opposed to the rest of the team?",
        "ownership",
        f'You say "we" {times(len(we))} and "I" {times(mine) if mine else "not at all"}; '
        "interviewers probe for your own part.",
        "gap",
        tuple(Span(w.start, w.end) for w in we[:4]),
    )


_DESCRIBING = frozenset(
    {"a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "this", "that", "any"}
)


def _unquantified(analysis: Analysis, answer: str, question: str) -> FollowUp | None:
    if is_hypothetical(question, analysis.question_type):
        return None  # "You said it reduced…" does not fit a plan of what would be done
    if _FIGURE.search(answer):
        return None  # "It raised more…" told with its sum in the next sentence is not asked again
    for span, _ in _sentences(analysis, answer):
        sentence = answer[span.start : span.end]
        if _NUMBER_RE.search(sentence):
            continue
        numbers = wordlists().sets["number_words"]
        words = words_of(sentence)
        if any(w.lower in numbers for w in words):
            continue
        claim = next(
            (
                w
                for k, w in enumerate(words)
                # "a raised potassium", "the reduced dose": a word that describes, not a change.
                if w.lower in _SIZE_CLAIMS and not (k and words[k - 1].lower in _DESCRIBING)
            ),
            None,
        )
        if claim is not None:
            return FollowUp(
                f"You said it {claim.lower}: by how much, and how did you measure that?",
                "quantify",
                "A claim of change without a figure invites the question of its size.",
                "gap",
                (Span(span.start + claim.start, span.start + claim.end),),
            )
    return None


def _claimed_skill(
    words: list[Word], answer: str, question: str, skills: Sequence[str], question_type: str
) -> FollowUp | None:
    """A tool or a key term of the job named in passing, probed in words that fit what it is.

    Only a known tool ("SQL", "Jira"; "Spring" only written as a name) is asked how it was used;
    a key term of the job that is no known tool ("IV", "safeguarding") gets a general depth
    question, since "how did you use it" would not fit a practice or a treatment."""
    lists = wordlists().sets
    tools, plain = lists["tool_words"], lists["tool_words_plain"]
    # A check ("DBS", "CSCS") is no skill to dig into.
    terms = {
        s.lower() for s in skills if " " not in s.strip() and not logistics_term(wordlists(), s)
    }
    # An acronym of the job ("SEND") is that term only written in capitals: not "send a letter".
    acronyms = {s.strip().lower() for s in skills if s.strip().isupper() and len(s.strip()) > 1}
    asked = {w.lower for w in words_of(question)}
    counts: dict[str, list[Word]] = {}
    for index, word in enumerate(words):
        lowered = word.lower
        if lowered in asked:
            continue
        # Written as a name: a capital that does not just start a sentence.
        before = answer[: word.start].rstrip()[-1:]
        as_name = word.text[:1].isupper() and index > 0 and before not in ("", ".", "!", "?")
        is_tool = lowered in tools and (lowered not in plain or as_name)
        if lowered in acronyms and not word.text.isupper():
            continue
        if is_tool or lowered in terms:
            counts.setdefault(lowered, []).append(word)
    if not counts:
        return None
    # The skill named once, in passing, is the one the interviewer will dig into.
    key, found = min(counts.items(), key=lambda item: (len(item[1]), item[1][0].start))
    shown = answer[found[0].start : found[0].end]
    spans = tuple(Span(w.start, w.end) for w in found[:2])
    plan = is_hypothetical(question, question_type)
    if key in tools and (key not in plain or key in terms):
        return FollowUp(
            f"You mentioned {shown}: how exactly would you use it, and have you used it before?"
            if plan
            else f"You mentioned {shown}: how exactly did you use it, and what was hard about it?",
            "skill",
            f"Naming {shown} invites a check of how deep that skill goes.",
            "gap",
            spans,
        )
    if plan:
        # A plan is asked how it would be done, never what was done.
        return FollowUp(
            "Take me through that part in more detail: how exactly would you do it, and what "
            "would be hardest?",
            "skill",
            f"{shown} is a key term of the job; an interviewer checks how deep that knowledge "
            "goes.",
            "gap",
            spans,
        )
    return FollowUp(
        "Take me through that part in more detail: what did you do yourself, and what was the "
        "hardest part?",
        "skill",
        f"{shown} is a key term of the job; an interviewer checks how deep that experience goes.",
        "gap",
        spans,
    )


# Answers that tell no steps: a reason, a fit, a figure.
_NO_STEPS = frozenset({"motivation", "culture-fit", "salary-notice", "background"})
# A question that asks for what was or would be done: the answer has a first step to ask about.
_ASKS_STEPS = re.compile(
    r"\b(?:tell (?:me|us) about|a time|an? (?:example|incident|occasion|situation)|describe|"
    r"walk (?:me|us) through|talk (?:me|us) through|how (?:did|would|do) you|what (?:did|would|"
    r"do) you do|what happens next|what would you)\b",
    re.I,
)


def _rambled(analysis: Analysis, question: str) -> FollowUp | None:
    """A ramble (fillers, hedges, self-doubt) makes an interviewer ask for the first step."""
    weak = [
        i
        for i in analysis.insights
        if i.code == "self-undermining" or (i.code in ("filler", "hedging") and i.level == "fix")
    ]
    if not weak or analysis.question_type in _NO_STEPS or not _ASKS_STEPS.search(question):
        # "What did you do first?" asks about a story: not of a motivation or a fit answer.
        return None
    return FollowUp(
        "What exactly did you do first?",
        "first-step",
        "The answer circles without a clear step; an interviewer pins it down with this.",
        "gap",
        tuple(span for insight in weak for span in insight.spans)[:3],
    )


def _bank_probe_for(kind: str, probes: Sequence[str]) -> str | None:
    cues = KIND_CUES.get(kind, ())
    return next((p for p in probes if any(c in p.lower() for c in cues)), None)


def _covered(probe: str, sentences: Sequence[str], similarity: Similarity | None) -> bool:
    """Whether a sentence of the answer already answers the probe."""
    from nextround.coach.semantic import content_keys

    wanted = content_keys(probe)
    for sentence in sentences:
        have = content_keys(sentence)
        if wanted and len(wanted & have) / len(wanted) >= ANSWERED:
            return True
        if similarity is not None and similarity(probe, sentence) >= ANSWERED:
            return True
    return False


def follow_ups(
    question: str,
    answer: str,
    analysis: Analysis,
    *,
    probes: Sequence[str] = (),
    skills: Sequence[str] = (),
    similarity: Similarity | None = None,
    limit: int = MAX_FOLLOW_UPS,
) -> tuple[FollowUp, ...]:
    """The follow-ups an interviewer would most likely ask next, most likely first.

    Gaps in the answer (no result, a vague "we", a change without a figure, a skill named in
    passing) come first, worded with the question's own probe where one asks the same; then the
    bank's probes no sentence of the answer already covers (by shared content words, or by
    `similarity` (0-1) when given).
    """
    if limit < 1 or not answer.strip() or analysis.word_count < MIN_WORDS:
        return ()
    if any(i.code == "off-topic" and i.confidence >= SURE_OFF_TOPIC for i in analysis.insights):
        # An answer to another question gets that question again, not a probe of what it said.
        return ()
    words = words_of(answer)
    if any(
        i.code == "no-example" and i.message.startswith(WOULD_NOT_DID) for i in analysis.insights
    ):
        # "I would…" to "Tell me about a time…": the interviewer asks for the real case first.
        return (
            FollowUp(
                "Can you give me a real example: a time you actually did this?",
                "example",
                "You said what you would do; they asked what you did.",
                "gap",
            ),
        )
    gaps = [
        _missing_result(analysis, answer, question),
        _vague_we(words),
        _rambled(analysis, question),
        _unquantified(analysis, answer, question),
        _claimed_skill(words, answer, question, skills, analysis.question_type),
    ]
    chosen: list[FollowUp] = []
    used: set[str] = set()
    for gap in gaps:
        if gap is None:
            continue
        bank = _bank_probe_for(gap.kind, [p for p in probes if p not in used])
        if bank is not None:
            gap = FollowUp(bank, gap.kind, gap.reason, "bank", gap.spans)
        used.add(gap.text)
        chosen.append(gap)
    if len(chosen) < limit and probes:
        told = _sentences(analysis, answer)
        parts = [answer[span.start : span.end] for span, _ in told]
        # A story that told its result with a figure is not asked for "the measurable result".
        results = [answer[span.start : span.end] for span, label in told if label == "result"]
        has_result = bool(results) and any(re.search(r"\d", part) for part in results)
        for probe in probes:
            if probe in used or _covered(probe, parts, similarity):
                continue
            if has_result and re.search(r"\b(?:result|outcome|impact|measur)", probe, re.I):
                continue
            if _FIGURE.search(answer) and re.search(
                r"\b(?:save|saved|earn|earned|how much|by how much|worth|cost)\b", probe, re.I
            ):
                continue  # the figure it asks for is already there
            chosen.append(
                FollowUp(
                    probe,
                    "bank",
                    "A follow-up interviewers often ask after this question.",
                    "bank",
                )
            )
            used.add(probe)
    return tuple(chosen[:limit])
