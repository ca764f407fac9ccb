"""STAR structure (situation, task, action, result) and ownership of the action."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from nextround.coach.aspects import AspectResult, ParsedAnswer, listing, plural, quote
from nextround.coach.insight import CONFIDENCE_BAR, Span
from nextround.coach.text import Sentence
from nextround.coach.wordlists import WordLists

StarPart = Literal["situation", "task", "action", "result"]
PARTS: tuple[StarPart, ...] = ("situation", "task", "action", "result")
# Question types where a told story is expected; second-round follow-ups only when the answer
# reads like a story (see star_applies).
STAR_TYPES = frozenset({"behavioural", "situational", "second-round"})
# Share of words in the action part: below the first a story is mostly background; at or above
# the second the action carries the weight. Project heuristic, documented in docs/coach.md.
ACTION_SHARE_LOW = 0.30
ACTION_SHARE_GOOD = 0.40
# Fewer words than this cannot hold a story, so its parts are not looked for.
MIN_WORDS_FOR_STORY = 15
_ADVERBS = frozenset(
    {
        "then",
        "also",
        "first",
        "quickly",
        "immediately",
        "personally",
        "eventually",
        "finally",
        "actually",
        "still",
        "just",
        "really",
        "directly",
        "carefully",
        "together",
        "both",
    }
)


@dataclass(frozen=True)
class StarSentence:
    """One sentence of the answer and the STAR part it gives, if any."""

    span: Span
    label: StarPart | None

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON."""
        return {"start": self.span.start, "end": self.span.end, "label": self.label}


def action_verbs(parsed: ParsedAnswer, sentence: Sentence) -> int:
    """Count 'I/we' followed by a doing verb, the core of an action sentence."""
    return len(_action_hits(parsed, sentence))


def _doing(parsed: ParsedAnswer, verb: str) -> bool:
    verbs = parsed.wordlists.sets["action_verbs"]
    if verb in parsed.wordlists.sets["action_excludes"]:
        return False
    return verb in verbs or (verb.endswith("ed") and len(verb) > 4)


def _action_hits(parsed: ParsedAnswer, sentence: Sentence) -> list[int]:
    """Where 'I/we' (or 'I'd') is followed by a doing verb, and 'and agreed' joined to one."""
    words = sentence.words
    hits: list[int] = []
    for i, word in enumerate(words):
        lowered = word.lower
        if lowered in ("i'd", "we'd", "i'll", "we'll"):
            hits.append(i)
            continue
        if lowered not in ("i", "we"):
            continue
        j = i + 1
        if j < len(words) and (words[j].lower in _ADVERBS or words[j].lower.endswith("ly")):
            j += 1
        if j >= len(words) or not _doing(parsed, words[j].lower):
            continue
        hits.append(i)
        # "I met the rep weekly and agreed a new rota": the verb joined by "and" is the same I's.
        for k in range(j + 1, min(len(words) - 1, j + 9)):
            if words[k].lower in ("i", "we", "but", "because", "so", "when", "while"):
                break
            if words[k].lower == "and":
                if _doing(parsed, words[k + 1].lower):
                    hits.append(k)
                break
    return hits


# An action said in the first words of a sentence ("I met…", "Then I rang…") is what the
# sentence is about; the situation words after it ("because the problem was…") are its context.
OPENING_WORDS = 3


def has_figure(parsed: ParsedAnswer, sentence: Sentence) -> bool:
    """Whether a sentence holds a number, in digits or words."""
    number_words = parsed.wordlists.sets["number_words"]
    return any(
        any(ch.isdigit() for ch in word.text) or word.lower in number_words
        for word in sentence.words
    )


@functools.cache
def _role_patterns(lists: WordLists) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Sentence openings that name the candidate's part, and a title said in passing."""

    def alternatives(words: frozenset[str] | tuple[str, ...]) -> str:
        ordered = sorted(words, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"

    role = alternatives(lists.lists["role_nouns"]) + r"s?\b"
    # Up to three words of a title ("project", "lead clinical"), none of them a common word: "As
    # soon as the manager…" names no part.
    title = rf"(?:(?!{alternatives(lists.sets['stopwords'])}\b)[\w'’&/-]+\s+){{0,3}}?"
    # "As pharmacist manager I set myself…", "As the project lead, I…".
    opening = re.compile(
        rf"\W*as\s+(?:(?:the|a|an|our|my|their)\s+)?{title}{role}\s*,?\s*(?:i|we)\b",
        re.IGNORECASE,
    )
    # "I was the project QS", "I'm the lead pharmacist", "I led the HR side of…".
    definite = re.compile(
        rf"\bI(?:\s+was|\s+am|['’]m)\s+(?:the|their|our)\s+{title}{role}"
        r"|\bI\s+(?:led|ran|owned|headed|handled|managed|covered)\s+the\s+"
        r"(?:[\w'’&/-]+\s+){1,3}side\b",
        re.IGNORECASE,
    )
    # "I was a pharmacist at…": a title, not yet what was expected of the candidate.
    passing = re.compile(rf"\bI(?:\s+was|\s+am|['’]m)\s+(?:a|an)\s+{title}{role}", re.IGNORECASE)
    return opening, definite, passing


def role_statement(parsed: ParsedAnswer, sentence: Sentence) -> str:
    """What a sentence says of the candidate's part: "part", "title" (a bare job title) or ""."""
    opening, definite, passing = _role_patterns(parsed.wordlists)
    text = parsed.text
    if opening.match(text, sentence.start, sentence.end) or definite.search(
        text, sentence.start, sentence.end
    ):
        return "part"
    return "title" if passing.search(text, sentence.start, sentence.end) else ""


def _part_scores(parsed: ParsedAnswer, sentence: Sentence) -> dict[StarPart, float]:
    scores: dict[StarPart, float] = {
        part: float(len(parsed.in_sentence(f"star:{part}", sentence))) for part in PARTS
    }
    hits = _action_hits(parsed, sentence)
    scores["action"] += len(hits)
    if hits and hits[0] < OPENING_WORDS:
        scores["situation"] = min(scores["situation"], 0.5 * len(hits))
    if parsed.in_sentence("outcome_words", sentence):
        scores["result"] += 1.5 if has_figure(parsed, sentence) else 0.5
    if parsed.in_sentence("vague_claims", sentence) and not has_figure(parsed, sentence):
        # "I'm always on time" describes the speaker; it is no outcome of the story.
        scores["result"] = 0.0
    return scores


def label_sentences(parsed: ParsedAnswer) -> tuple[StarSentence, ...]:
    """Give each sentence the STAR part its wording points to, leaning on position for ties."""
    labels: list[StarSentence] = []
    count = len(parsed.sentences)
    previous: StarPart | None = None
    for sentence in parsed.sentences:
        scores = _part_scores(parsed, sentence)
        label: StarPart | None
        if max(scores.values()) > 0:
            # Position only breaks near-ties: stories run from situation to result.
            where = sentence.index / (count - 1) if count > 1 else 0.0
            scores["situation"] += 0.2 * (1 - where)
            scores["task"] += 0.1 * (1 - where)
            scores["result"] += 0.2 * where
            best: StarPart = max(PARTS, key=scores.__getitem__)
            label = best
            if parsed.in_sentence("negative_self_talk", sentence) and not (
                _action_hits(parsed, sentence) or has_figure(parsed, sentence)
            ):
                # "Honestly, I'm not great at studying any more…" is doubt: no scene, no result.
                label = None
        elif len(sentence.words) < 4:
            label = None
        elif sentence.index == 0 and sentence.index not in parsed.weak_sentences():
            # An opening opinion or doubt ("I think it's really important to…", "I'm not really
            # an expert…") sets no scene.
            label = "situation"
        else:
            label = previous
        labels.append(StarSentence(sentence.span, label))
        previous = label if label is not None else previous
    return _results_after_actions(tuple(labels))


def _results_after_actions(labels: tuple[StarSentence, ...]) -> tuple[StarSentence, ...]:
    """A result is what came of the actions: an outcome told before any action is the problem."""
    first_action = next((i for i, item in enumerate(labels) if item.label == "action"), None)
    if first_action is None:
        return labels
    return tuple(
        StarSentence(item.span, "situation")
        if item.label == "result" and index < first_action
        else item
        for index, item in enumerate(labels)
    )


def star_applies(question_type: str, labels: tuple[StarSentence, ...]) -> bool:
    """STAR feedback fits stories: behavioural and situational always, second-round if told."""
    if question_type not in STAR_TYPES:
        return False
    if question_type != "second-round":
        return True
    found = {item.label for item in labels}
    return "action" in found and len(found - {None}) >= 2


_ASK_PLAN_RESULT = (
    "Did you say what you would aim for, and how you would know it had worked? One sentence on "
    "it ends a plan well."
)
_ASK: dict[StarPart, str] = {
    "situation": "Did you set the scene? One sentence on where you were and what was at stake "
    "helps the interviewer follow.",
    "task": "What was your part meant to be? One sentence such as “My job was to…” makes it plain.",
    "action": "Did you say what you did yourself, step by step?",
    "result": "Did you say what came of it? If so, start that sentence with “As a result” and "
    "say what changed.",
}


def _missing_confidence(
    parsed: ParsedAnswer, part: StarPart, by_part: dict[StarPart, list[int]], hypothetical: bool
) -> tuple[float, str]:
    """How sure a missing part is missing, and the question to ask when unsure."""
    sentences = parsed.sentences
    if part == "result" and hypothetical:
        # "What would you do?": the outcome of a plan is a forecast; ask for it, never assert.
        return 0.4, _ASK_PLAN_RESULT
    if part == "result" and sentences:
        last = sentences[-1]
        # The last sentence may well be the outcome, worded in a way the cues miss.
        if has_figure(parsed, last) or parsed.in_sentence("outcome_words", last):
            return 0.4, _ASK["result"]
        # The story goes on after its last action ("…and she was back on the ward in three
        # days"): what follows is likely how it ended, in words the cues miss. Only an answer
        # that stops on an action surely lacks its result.
        acted = [i for i, sentence in enumerate(sentences) if action_verbs(parsed, sentence)]
        if acted and acted[-1] < len(sentences) - 1:
            return 0.4, _ASK["result"]
    if part in ("action", "task") and any(action_verbs(parsed, s) for s in sentences):
        # "I gave an update every 20 minutes, arranged water and food…" is what they did, even
        # when the sentence read as the scene: ask, never assert there is no action.
        return 0.4, _ASK[part]
    if part == "task" and len(by_part["action"]) >= 2:
        # Several clear steps usually carry the task with them; ask rather than assert.
        return 0.4, _ASK[part]
    if part in ("task", "situation") and by_part["action"] and by_part["result"]:
        # A story with actions and a result usually implies its setting; ask, do not assert.
        return 0.4, _ASK[part]
    return 0.9, _ASK[part]


def _sentence_numbers(indexes: list[int]) -> str:
    """'sentence 2', 'sentences 3-5', 'sentences 1, 4'."""
    numbers = [i + 1 for i in indexes]
    if len(numbers) == 1:
        return f"sentence {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"sentences {numbers[0]}–{numbers[-1]}"
    return "sentences " + ", ".join(str(n) for n in numbers)


_MISSING_ADVICE: dict[StarPart, str] = {
    "situation": "set the scene in one or two sentences: where you were and what was at stake",
    "task": "say what you had to achieve or what was expected of you",
    "action": "describe the steps you took yourself, in order",
    "result": "finish with how it ended and what changed, with a number if you have one",
}


_CLAUSE_BREAK = re.compile(r"\s*[,;:–—]\s+")


def hedged_ending(parsed: ParsedAnswer, span: Span, limit: int = 60) -> str:
    """The words where a hedged result sentence says how it ended, in quotes.

    The last clause that holds both an outcome and a hedge ("I guess it worked out okay in the
    end"), else the last hedged clause, else the sentence's last words."""
    text = parsed.text
    clauses: list[Span] = []
    at = span.start
    for gap in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        clauses.append(Span(at, gap.start()))
        at = gap.end()
    clauses.append(Span(at, span.end))

    hedges = parsed.found("hedges")
    # "more" and "less" of "more or less" are the hedge, not an outcome.
    outcomes = [
        o
        for o in parsed.found("star:result") + parsed.found("outcome_words")
        if not any(h.start <= o.start < h.end for h in hedges)
    ]

    def holds(spans: list[Span], clause: Span) -> bool:
        return any(clause.start <= s.start < clause.end for s in spans)

    hedged = [c for c in clauses if holds(hedges, c)]
    told = [c for c in hedged if holds(outcomes, c)]
    chosen = (told or hedged or clauses)[-1]
    said = quote(text, chosen, limit)
    if chosen.start > span.start:
        said = "“…" + said[1:]
    if chosen.end < span.end and not said.endswith("…”"):
        said = said[:-1] + "…”"
    return said


# "How would you…?", "How quickly could you…?", "What will you…?", "What if…?": the answer is a
# plan, its outcome a forecast.
_WOULD = re.compile(
    r"\b(?:(?:how|what|where|who|when)(?: \w+){0,2} (?:would|might|could|will) you|what if|"
    r"what might|(?:how|what) do you plan)\b",
    re.I,
)
# "Tell me about a time…", "Describe how you have handled…", "an upsell you led yourself": the
# question asks what the candidate did.
_PAST = re.compile(
    r"\b(?:a time|an (?:occasion|example|instance)|a (?:situation|case|moment) (?:when|where|in "
    r"which)|how (?:you have|you've|have you)|what have you|when have you|have you ever|"
    r"describe (?:a|an|the) \w+ (?:you|that you) (?:\w+ed|led|ran|made|had|met|took|built|"
    r"faced|won|lost)|tell (?:me|us) about (?:a|an|the|one)\b[^?.]{0,60}?\byou(?: \w+ly)? "
    r"(?:\w+ed|led|ran|made|had|met|took|built|faced|won|lost|saved|dealt|gave|did))\b",
    re.I,
)
# First person in the conditional or the habitual: what would be, or usually is, done.
_WOULD_SAY = re.compile(
    r"\b(?:(?:i|we)(?: \w+ly)? (?:would|will|might|could|tend to|try to|always|usually|"
    r"normally|generally)|i'd|we'd|i'll|we'll|usually|normally|generally)\b"
    # "I would say", "I'd like to talk about": a way into the answer, not a plan.
    r"(?! (?:say|like|love|argue|describe)\b)",
    re.I,
)
# "I'd tested it", "I'd already spoken": "had", not "would".
_HAD = re.compile(r"\b(?:i|we)'d (?:\w+ly )?(?:\w+ed|been|done|had|spoken|seen|met|made)\b", re.I)
_IRREGULAR_PAST = frozenset(
    [
        "met",
        "ran",
        "took",
        "made",
        "led",
        "went",
        "spoke",
        "told",
        "gave",
        "set",
        "got",
        "wrote",
        "found",
        "brought",
        "began",
        "built",
        "sent",
        "rang",
        "saw",
        "kept",
        "put",
        "sat",
        "did",
        "had",
        "was",
        "were",
        "felt",
        "chose",
        "drew",
        "won",
        "lost",
        "paid",
        "sold",
        "bought",
        "taught",
        "caught",
        "thought",
    ]
)


# How the coach's line on an "I would…" answer to a question about the past begins.
WOULD_NOT_DID = "They asked what you did; this says what you would do."


def is_hypothetical(question: str, question_type: str) -> bool:
    """Whether a question asks what the candidate would do, not what they did."""
    return question_type == "situational" or bool(_WOULD.search(question))


def asks_for_past(question: str) -> bool:
    """Whether a question asks for something the candidate has done ("Tell me about a time…")."""
    return bool(_PAST.search(question)) and not _WOULD.search(question)


def says_what_would_be_done(parsed: ParsedAnswer) -> list[Span]:
    """Where an answer tells what would (or usually does) happen, when it tells nothing done.

    Empty when any sentence says in the past tense what the candidate did ("I rang…", "we
    agreed…"): then the answer holds an example, however it is framed. A past verb after "if"
    ("If they still refused and I believed…, I would escalate") tells nothing done."""
    text = parsed.text
    spans: list[Span] = []
    for sentence in parsed.sentences:
        said = [
            Span(m.start(), m.end())
            for m in _WOULD_SAY.finditer(text, sentence.start, sentence.end)
            if not _HAD.match(text, m.start())
        ]
        spans.extend(said)
        if _HAD.search(text, sentence.start, sentence.end):
            return []
        words = sentence.words
        conditional = False
        for i, word in enumerate(words[:-1]):
            # A past verb after "if", or after "I would…" in its sentence ("I would check the
            # chart so I had my facts right"), is part of the plan.
            if word.lower in ("if", "unless", "whether") or any(
                sp.start <= word.start for sp in said
            ):
                conditional = True
            if word.lower not in ("i", "we") or conditional:
                continue
            j = i + 1
            if words[j].lower in _ADVERBS or words[j].lower.endswith("ly"):
                j += 1
            if j < len(words) and (
                words[j].lower in _IRREGULAR_PAST
                or (words[j].lower.endswith("ed") and len(words[j].lower) > 3)
            ):
                return []
    return spans


def structure(
    parsed: ParsedAnswer,
    question_type: str,
    labels: tuple[StarSentence, ...],
    hypothetical: bool | None = None,
) -> AspectResult:
    """Which STAR parts the answer gives, what is missing and where the words go.

    `hypothetical` (by default: a situational question) asks what would come of a plan, never
    "what came of it"."""
    if hypothetical is None:
        hypothetical = question_type == "situational"
    result = AspectResult("structure")
    by_part: dict[StarPart, list[int]] = {part: [] for part in PARTS}
    for index, item in enumerate(labels):
        if item.label is not None:
            by_part[item.label].append(index)
    # A hypothetical answer gets its situation from the question, so only action and result count.
    required: tuple[StarPart, ...] = ("action", "result") if hypothetical else PARTS
    if parsed.word_count < MIN_WORDS_FOR_STORY:
        result.add(
            "fix",
            f"Too short to tell a story: say {listing(list(required))}, with the action in detail.",
        )
        result.step(8, f"Tell one real example: {listing(list(required))}.")
        result.set_score(0, [f"{plural(parsed.word_count, 'word')}: too short for a story"])
        return result
    # A sentence can carry two parts: "As responsible pharmacist I rang her back…" is an action
    # that also says what her part was, so the task is there whatever the sentence's label.
    tasks = set(by_part["task"]) | {
        sentence.index for sentence in parsed.sentences if parsed.in_sentence("star:task", sentence)
    }
    roles: dict[int, str] = {}
    if not tasks:
        roles = {sentence.index: role_statement(parsed, sentence) for sentence in parsed.sentences}
        tasks = {index for index, role in roles.items() if role == "part"}
    by_part["task"] = sorted(tasks)
    present = [part for part in required if by_part[part]]
    reasons = [f"{len(present)} of {len(required)} parts found ({listing(present) or 'none'})"]
    score = 100.0 * len(present) / len(required)

    found_spans = [labels[i].span for part in PARTS for i in by_part[part]]
    found_text = listing(
        [f"{part} ({_sentence_numbers(by_part[part])})" for part in PARTS if by_part[part]]
    )
    if len(present) == len(required):
        clean = parsed.clean(found_spans)
        if len(clean) * 2 > len(found_spans):
            result.add("good", f"Clear story shape: {found_text}.", clean, code="structure")
        else:
            result.add("info", f"Found {found_text}.", found_spans)
    elif found_text:
        result.add("info", f"Found {found_text}.", found_spans)

    sentences = parsed.sentences
    for part in required:
        if by_part[part]:
            continue
        # Point at where the missing part belongs so the candidate knows where to add it.
        anchor: list[Span] = []
        if sentences:
            if part == "situation":
                anchor = [sentences[0].span]
            elif part == "result":
                anchor = [sentences[-1].span]
            elif part == "task" and by_part["action"]:
                anchor = [labels[by_part["action"][0]].span]
        confidence, ask = _missing_confidence(parsed, part, by_part, hypothetical=hypothetical)
        if part == "task" and "title" in roles.values():
            # "I was a pharmacist at…" may be all the task the story needs: ask, do not assert.
            confidence = min(confidence, 0.4)
        result.add(
            "fix",
            f"No {part}: {_MISSING_ADVICE[part]}.",
            anchor,
            code=f"no-{part}",
            confidence=confidence,
            ask=ask,
        )
        if confidence < CONFIDENCE_BAR:
            continue
        result.step(
            10 if part in ("action", "result") else 20, f"Add the {part}: {_MISSING_ADVICE[part]}."
        )

    total = parsed.word_count
    # "…and I closed it without an account executive" in the result is what she did too.
    acting = set(by_part["action"]) | {
        i for i in by_part["result"] if _action_hits(parsed, sentences[i])
    }
    action_words = sum(len(sentences[i].words) for i in acting)
    share = action_words / total if total else 0.0
    if by_part["action"]:
        reasons.append(f"action is {share:.0%} of the words")
        action_spans = [labels[i].span for i in by_part["action"]]
        if share < ACTION_SHARE_LOW:
            background = [labels[i].span for i in by_part["situation"] + by_part["task"]]
            result.add(
                "fix",
                f"Only {share:.0%} of your words describe what you did; aim for about half by "
                "cutting the background short.",
                background or action_spans,
            )
            result.step(25, "Spend more of the answer on your own actions and less on background.")
            score -= 15
        elif (
            share >= ACTION_SHARE_GOOD
            and len(present) >= len(required) - 1
            and len(by_part["action"]) < len(sentences)
            and len(parsed.clean(action_spans)) == len(action_spans)
        ):
            result.add(
                "good",
                f"The action carries the weight: {share:.0%} of your words.",
                action_spans,
                code="action-share",
            )

    if by_part["result"]:
        measured = [i for i in by_part["result"] if has_figure(parsed, sentences[i])]
        with_outcome = [
            i for i in by_part["result"] if parsed.in_sentence("outcome_words", sentences[i])
        ]
        weak = parsed.weak_sentences()
        if not measured and all(i in weak for i in by_part["result"]):
            # "I think it went okay in the end, I guess": an ending hedged away is no result.
            ending = labels[by_part["result"][-1]].span
            result.add(
                "fix",
                f"No clear result: the ending is hedged ({hedged_ending(parsed, ending)}). Say "
                "plainly how it ended and what changed, with a number if you have one.",
                [labels[i].span for i in by_part["result"]],
                code="no-result",
            )
            result.step(10, "Say plainly how it ended and what changed.")
            reasons.append("result only in hedged sentences")
            score -= 15
        elif not measured and not with_outcome:
            result.add(
                "fix",
                "The result says how it ended but not what changed: add an outcome or a number "
                "(time saved, money, customers, a decision made).",
                [labels[i].span for i in by_part["result"]],
                code="vague-result",
            )
            result.step(15, "Give the result a number or a concrete outcome.")
            reasons.append("result has no outcome or number")
            score -= 15
        elif not measured:
            result.add(
                "fix",
                "The result has an outcome but no number: say how much, how many or how fast.",
                [labels[i].span for i in with_outcome],
            )
            result.step(30, "Put a number on the result.")
            reasons.append("result has no number")
            score -= 10
        else:
            reasons.append("result has a number")
            clean = parsed.clean([labels[i].span for i in measured])
            if clean:
                result.add(
                    "good",
                    "The result is measured: " + quote(parsed.text, clean[-1]) + ".",
                    clean,
                    code="measured-result",
                )
    result.set_score(score, reasons)
    return result


def tells_outcome(parsed: ParsedAnswer, sentence: Sentence) -> bool:
    """A sentence where nobody acts but a figure or an outcome says how it ended.

    "The patient was unharmed and stayed with us": a team result, rightly "we" or "us"."""
    if _action_hits(parsed, sentence):
        return False
    return (
        has_figure(parsed, sentence)
        or bool(parsed.in_sentence("outcome_words", sentence))
        or bool(parsed.in_sentence("star:result", sentence))
    )


_COLLECTIVE = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"})
# Words that start a clause with another actor: the verbs after them are not the candidate's.
_NEW_SUBJECT = frozenset(
    [
        "we",
        "they",
        "he",
        "she",
        "it",
        "that",
        "which",
        "who",
        "but",
        "because",
        "so",
        "when",
        "while",
    ]
)


def _more_deeds(parsed: ParsedAnswer, sentence: Sentence) -> int:
    """Verbs an "I" carries on to in a list ("I mapped…, ran…, brought in… and agreed…").

    One "I" then stands for several deeds; counted once, a single "we" in a clause at the end
    ("…that we reviewed") would weigh as much as all of them."""
    words = sentence.words
    text = parsed.text
    hits = _action_hits(parsed, sentence)
    if not hits:
        return 0
    extra = 0
    for i in hits:
        if words[i].lower != "i":
            continue
        for k in range(i + 2, len(words)):
            lowered = words[k].lower
            if lowered in _NEW_SUBJECT or lowered == "i":
                break
            between = text[words[k - 1].end : words[k].start]
            joined = "," in between or words[k - 1].lower == "and"
            if joined and _doing(parsed, lowered):
                extra += 1
    # "and agreed" was counted already by the action hits; count each verb once.
    return max(0, extra - (len(hits) - 1))


def _we_quote(parsed: ParsedAnswer, span: Span, limit: int = 50) -> str:
    """The words around the first "we" of a sentence, so the quote shows what it points at."""
    words = [w for w in parsed.words if span.start <= w.start < span.end]
    at = next((w for w in words if w.lower in _COLLECTIVE), None)
    text = parsed.text
    if at is None or at.end - span.start <= limit:
        return quote(text, span, limit)
    start = max(text.rfind(",", span.start, at.start) + 1, span.start)
    while text[start].isspace():
        start += 1
    if at.end - start > limit:
        start = at.start
    return "“…" + quote(text, Span(start, span.end), limit)[1:]


def ownership(parsed: ParsedAnswer, labels: tuple[StarSentence, ...]) -> AspectResult:
    """'I' against 'we' in the action, and the sentences where the candidate's role is unclear."""
    result = AspectResult("ownership")
    pairs = list(zip(parsed.sentences, labels, strict=True))
    # How it ended is rightly "we" ("Within three months we were doing 61 a week"): only the
    # sentences that tell what was done are read for whose doing it was.
    outcome = {s.index for s, item in pairs if item.label == "result" or tells_outcome(parsed, s)}
    chosen = [s for s, item in pairs if item.label == "action" and s.index not in outcome]
    where = "the action"
    if len(chosen) < 2:
        # One action sentence is too little to judge by, and labels can miss a 'we did' sentence.
        chosen = [s for s, item in pairs if item.label != "situation" and s.index not in outcome]
        if not chosen:
            # Nothing told but how it ended ("…I'm not sure we got the timings right, but I guess
            # it resolved itself"): those sentences are all there is to read.
            chosen = [s for s, item in pairs if item.label != "situation"] or list(parsed.sentences)
            outcome = set()
        where = "the story"
    mine = ours = 0.0  # weighted by deeds, for the score
    said_i = said_we = 0  # as said, for the message
    unclear: list[Span] = []
    for sentence in chosen:
        singular, collective = parsed.first_person(sentence)
        said_i += singular
        said_we += collective
        if collective and not singular and sentence.index not in outcome:
            unclear.append(sentence.span)
        shared = float(collective)
        if singular:
            # Where "I" acts, "our finance team" and "with us" name the setting, not who acted,
            # and "a plan that we reviewed" shares a detail of what "I" did.
            words = sentence.words
            shared -= sum(1 for w in words if w.lower in ("our", "us"))
            shared -= 0.5 * sum(
                1
                for k, w in enumerate(words)
                if w.lower == "we" and k and words[k - 1].lower in ("that", "which", "where")
            )
            singular += _more_deeds(parsed, sentence)
        mine += singular
        ours += max(0.0, shared)
    reasons = [f"“I” {plural(said_i, 'time')}, “we” {plural(said_we, 'time')} in {where}"]
    if mine + ours == 0:
        result.add(
            "info",
            f"Neither “I” nor “we” appears in {where}: say who did what.",
            code="no-own-part",
        )
        result.step(40, "Say in the first person what you did.")
        result.set_score(30, [*reasons, "no first person"])
        return result
    share = mine / (mine + ours)
    if unclear:
        shown = unclear[:3]
        example = _we_quote(parsed, shown[0])
        if share < 0.5:
            result.add(
                "fix",
                f"Your own role is unclear in {plural(len(unclear), 'sentence')}: say what you "
                f"did yourself, for example {example} with “I” and your part.",
                shown,
                code="no-own-part",
            )
            result.step(12, "Replace “we” with what you did yourself.")
        else:
            # Mostly "I": one "we" sentence is worth a note, never the thing to fix first.
            result.add(
                "info",
                f"In {plural(len(unclear), 'sentence')} it is “we” alone, for example {example}: "
                "if that part was yours, say so with “I”.",
                shown,
            )
        reasons.append(f"{plural(len(unclear), 'sentence')} with “we” and no “I”")
    # Praise rests only on sentences that are not hedged, filler-laden or self-undermining.
    weak = parsed.weak_sentences()
    clean = [s for s in chosen if s.index not in weak and parsed.first_person(s)[0]]
    clean_mine = sum(parsed.first_person(s)[0] for s in clean)
    clean_ours = sum(parsed.first_person(s)[1] for s in chosen if s.index not in weak)
    if share >= 0.6 and clean_mine >= 2 and clean_mine >= 2 * clean_ours and len(clean) >= 2:
        result.add(
            "good",
            f"Your own part is clear: “I” {plural(said_i, 'time')} against “we” "
            f"{plural(said_we, 'time')} in {where}.",
            [s.span for s in clean],
            code="ownership",
        )
    result.set_score(100 * share, reasons)
    return result
