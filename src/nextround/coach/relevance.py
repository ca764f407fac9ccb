"""Relevance to the question asked, and the job's terms the answer uses or misses."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable

from nextround.coach.aspects import AspectResult, ParsedAnswer, listing, plural, quote
from nextround.coach.insight import Span
from nextround.coach.text import stem, words_of
from nextround.coach.wordlists import WordLists

RelevanceScorer = Callable[[str, str], float]
# Using half of the question's topic words (or their synonyms) is a full score: a good answer
# need not echo every word of the question. Project heuristic.
FULL_COVERAGE = 0.5
# With a plugged-in scorer (0-1), below this the answer is treated as off-topic.
OFF_TOPIC_SCORE = 0.25
# Sentence embeddings rate an answer to a neighbouring question (a lesson plan for "a student who
# disrupts lessons") close to an answer to this one: only at or above this is the answer surely
# on topic, and only then may anything in it be praised. Between the two the coach asks.
SURE_ON_TOPIC_SCORE = 0.75
# An answer that uses none of the question's topic words (nor their synonyms) is off-topic below
# this: strong answers' openings on eval/answers/dev.jsonl that share no word sit well above it.
WORDLESS_OFF_TOPIC_SCORE = 0.35
# With half the question's topic words in the answer, this much is enough to be sure.
WITH_WORDS_ON_TOPIC_SCORE = 0.65
# A question with this many topic words names a situation: a sure answer says back at least this
# share of them (project heuristic, checked on eval/answers/dev.jsonl).
SPECIFIC_QUESTION_WORDS, SPECIFIC_COVERAGE = 4, 0.25
# Fewer words than this are not judged on or off topic.
MIN_WORDS_TO_JUDGE = 5
# An answer that opens on a subject of its own choosing ("One thing I'm proud of is…") within
# this many sentences answers another question, however close its field is to this one.
SWITCH_SENTENCES = 2
# Job terms an answer can reasonably carry; using this many scores 100.
JOB_TERMS_FOR_FULL_SCORE = 5


@functools.cache
def _concept_sets(wordlists: WordLists) -> dict[str, frozenset[str]]:
    """Stem to every synonym group it belongs to (each group keyed by its first word)."""
    table: dict[str, set[str]] = {}
    for group in wordlists.synonyms:
        for entry in group:
            if " " not in entry:
                table.setdefault(stem(entry), set()).add(group[0])
    return {key: frozenset(groups) for key, groups in table.items()}


@functools.cache
def _concepts(wordlists: WordLists) -> dict[str, str]:
    """Stem to its first concept key, so synonyms meet."""
    table: dict[str, str] = {}
    for group in wordlists.synonyms:
        for entry in group:
            if " " not in entry:
                table.setdefault(stem(entry), group[0])
    return table


def concept(wordlists: WordLists, stemmed: str) -> str:
    """The key a stem counts under when comparing question and answer."""
    return _concepts(wordlists).get(stemmed, stemmed)


def concepts(wordlists: WordLists, stemmed: str) -> frozenset[str]:
    """Every key a stem counts under: a word can belong to several synonym groups."""
    return _concept_sets(wordlists).get(stemmed, frozenset((stemmed,)))


def topic_words(question: str, wordlists: WordLists) -> dict[str, str]:
    """The question's topic words: concept key to the word as the question says it."""
    skip = wordlists.sets["stopwords"] | wordlists.sets["question_framing"]
    keys: dict[str, str] = {}
    for word in words_of(question):
        lowered = word.lower
        if lowered in skip or (len(lowered) < 3 and lowered not in wordlists.sets["tool_words"]):
            continue
        keys.setdefault(concept(wordlists, stem(lowered)), lowered)
    return keys


def topic_switch(parsed: ParsedAnswer, question: str) -> list[Span]:
    """Where the opening turns to a subject the candidate chose ("My biggest win was…").

    Nothing when the question itself asks for it ("What are you proudest of?")."""
    spans = [
        span
        for span in parsed.found("topic_switch")
        if parsed.sentence_of(span.start) < SWITCH_SENTENCES
    ]
    if not spans:
        return []
    asked = parsed.wordlists.matchers["topic_switch_asked"]
    words = words_of(question)
    lowers = [w.lower for w in words]
    starts, ends = [w.start for w in words], [w.end for w in words]
    return [] if asked.find(lowers, starts, ends, question, len(question)) else spans


def _asked(parsed: ParsedAnswer, key: str, question: str) -> bool:
    """Whether a question holds a phrase of one word list."""
    words = words_of(question)
    matcher = parsed.wordlists.matchers[key]
    lowers = [w.lower for w in words]
    starts, ends = [w.start for w in words], [w.end for w in words]
    return bool(matcher.find(lowers, starts, ends, question, len(question)))


def outside_work(parsed: ParsedAnswer, question: str) -> list[Span]:
    """Where the opening sets its story outside work ("I captain a five-a-side team…").

    Nothing when the question invites such a story ("What do you do outside work?", "a
    challenge you overcame"), or when the answer places itself at work too (a colleague, a
    customer, "my role")."""
    if parsed.word_count < MIN_WORDS_TO_JUDGE:
        return []
    spans = [
        span
        for span in parsed.found("outside_work")
        if parsed.sentence_of(span.start) < SWITCH_SENTENCES
    ]
    if not spans or parsed.found("work_setting"):
        return []
    return [] if _asked(parsed, "outside_work_asked", question) else spans


def relevance(
    parsed: ParsedAnswer,
    question: str,
    scorer: RelevanceScorer | None,
    *,
    plan_for_past: bool = False,
) -> tuple[AspectResult, bool, bool]:
    """Score whether the answer speaks to the question; also whether it is off-topic, and
    whether its meaning is too far between the lines to praise what it says.

    `plan_for_past`: the answer says what would be done where the question asks what was; its
    meaning then sits apart from the question's even when it is on the subject, so the words it
    shares with the question decide whether it is off the subject."""
    result = AspectResult("relevance")
    wordlists = parsed.wordlists
    keys = topic_words(question, wordlists)
    # "difficult" in the question is met by "disputed" in the answer: words may share groups.
    wanted = {key: concepts(wordlists, stem(surface)) | {key} for key, surface in keys.items()}
    stopwords = wordlists.sets["stopwords"]
    found: dict[str, list[Span]] = {}
    for word, lowered, stemmed in zip(parsed.words, parsed.lowers, parsed.stems, strict=True):
        if lowered in stopwords:
            continue
        meanings = concepts(wordlists, stemmed)
        if "-" in lowered:
            # "on-call" answers "on call", "follow-up" answers "follow up".
            for part in lowered.split("-"):
                if part and part not in stopwords:
                    meanings = meanings | concepts(wordlists, stem(part))
        for key, accepted in wanted.items():
            if meanings & accepted:
                found.setdefault(key, []).append(word.span)
    coverage = len(found) / len(keys) if keys else 0.0
    matched = [keys[k] for k in keys if k in found]
    missing = [keys[k] for k in keys if k not in found]
    spans = [span for k in found for span in found[k][:2]]

    reasons = []
    specific_miss = False
    unsure = False  # between the lines in meaning: neither doubted nor praised
    if keys:
        reasons.append(f"{len(matched)} of {len(keys)} topic words of the question used")
    if scorer is not None:
        raw = max(0.0, min(1.0, float(scorer(question, parsed.text[: parsed.end]))))
        reasons.append(f"semantic similarity {raw:.2f}")
        score = 100 * raw
        # Far in meaning and none of the question's words: a miss, even above the line.
        off_topic = raw < OFF_TOPIC_SCORE or (
            bool(keys) and not found and raw < WORDLESS_OFF_TOPIC_SCORE
        )
        if plan_for_past:
            # "I would check my facts, then speak to the consultant…" to "a time you challenged
            # someone more senior": embeddings set a plan far from a question about the past
            # even on its subject; the tense is what to fix, and the meaning is left unjudged.
            off_topic = False
        # The opening's cosine alone is weak evidence; half the question's topic words said back
        # (or their synonyms) make a middling one enough, but one shared word ("team") is no
        # sign of meaning.
        on_topic = raw >= SURE_ON_TOPIC_SCORE or (
            raw >= WITH_WORDS_ON_TOPIC_SCORE and coverage >= FULL_COVERAGE and len(found) >= 2
        )
        # A question that names a situation at length ("…takes ten seconds to load on their
        # laptop, but it's fast for us") is not surely answered by one that says back hardly any
        # of its words: a neighbouring question of the same field reads as close in meaning.
        specific_miss = len(keys) >= SPECIFIC_QUESTION_WORDS and coverage < SPECIFIC_COVERAGE
        if specific_miss:
            on_topic = False
    elif not keys:
        result.add("info", "The question has no topic words to check the answer against.")
        return result, False, False
    else:
        score = min(100.0, 100 * coverage / FULL_COVERAGE)
        off_topic = not found
        # One shared word ("team" in a football story) says nothing of meaning.
        on_topic = coverage >= FULL_COVERAGE and (len(found) >= 2 or len(keys) == 1)

    # A couple of words cannot be judged on topic or off it; length and structure say "too short".
    switched = topic_switch(parsed, question) if parsed.word_count >= MIN_WORDS_TO_JUDGE else []
    # A story from outside work answers a work question only when it says back all it asks.
    away = outside_work(parsed, question)
    if away and keys and len(found) == len(keys):
        result.add(
            "info",
            f"This example is from outside work ({quote(parsed.text, away[0], 40)}): one from "
            "your work would count for more, if you have it.",
            away[:1],
            code="outside-work",
        )
        on_topic, unsure, away = False, True, []
    off_topic = (off_topic or bool(switched) or bool(away)) and (
        parsed.word_count >= MIN_WORDS_TO_JUDGE
    )
    clean = parsed.clean(spans)
    if away and not switched:
        result.add(
            "fix",
            "This does not answer what they asked: it is a story from outside work "
            f"({quote(parsed.text, away[0], 40)}). Answer the question with an example from "
            "your work.",
            away[:1],
            code="off-topic",
            confidence=0.85,
        )
        result.step(5, "Answer the question that was asked, with an example from your work.")
        reasons.append("a story from outside work")
    elif switched:
        opener = quote(parsed.text, switched[0], 50)
        result.add(
            "fix",
            f"This seems to answer another question: it opens on a subject you chose ({opener}) "
            "rather than the one asked. Answer what was asked first.",
            switched[:1],
            code="off-topic",
            confidence=0.75,
        )
        result.step(5, "Answer the question that was asked, in your first sentence.")
        reasons.append("opens on a subject of its own")
    elif off_topic:
        topic = listing(list(keys.values())[:4]) or "from the question"
        why = (
            "in meaning it is far from what was asked"
            if scorer is not None
            else f"none of its topic words ({topic}) or their synonyms appear"
        )
        result.add(
            "fix",
            f"This does not seem to answer the question: {why}. Answer what was asked first.",
            code="off-topic",
            # Shared words miss answers that use other words for the same thing.
            confidence=0.9 if scorer is not None else 0.6,
        )
        result.step(5, "Answer the question that was asked, in your first sentence.")
    elif on_topic and matched and clean:
        said = [parsed.text[sp.start : sp.end].lower() for sp in clean]
        shown = [
            word
            for word in matched
            if any(concept(wordlists, stem(word)) == concept(wordlists, stem(x)) for x in said)
        ] or matched
        message = (
            "In meaning, your answer speaks to the question asked."
            if scorer is not None
            else f"You speak to what was asked: {listing(shown[:4])}."
        )
        result.add("good", message, clean, code="on-topic")
    elif on_topic and scorer is not None:
        # On topic in meaning, but the shared words sit in weak sentences: nothing to point at.
        pass
    elif scorer is not None:
        # Between the lines in meaning alone, or a long question barely said back: strong answers
        # that set their scene first read so too, as often as answers that miss it. Neither
        # doubted nor praised.
        unsure = True
    elif matched and missing:
        result.add(
            "info",
            f"You touch on {listing(matched[:4])} but not {listing(missing[:4])}.",
            spans,
        )
        result.step(35, f"Speak to the whole question, including {listing(missing[:3])}.")
    if off_topic:
        # Whatever the similarity, an answer judged off the question scores below its line.
        score = min(score, 100 * OFF_TOPIC_SCORE * 0.8)
    elif unsure:
        # Between the lines, the opening's cosine ranks a vague echo of the question above a
        # strong story that sets its scene first: no figure is better than a wrong one.
        return result, off_topic, unsure
    result.set_score(score, reasons)
    return result, off_topic, unsure


# Sentences shorter than this are not substantive enough for a job term in them to earn praise.
MIN_WORDS_FOR_TERM_PRAISE = 6


def _requirement_words(requirements: tuple[str, ...], wordlists: WordLists) -> list[str]:
    """Content words of the job's requirements, most frequent first: no numbers, no common words."""
    skip = (
        wordlists.sets["stopwords"]
        | wordlists.sets["requirement_generic"]
        | wordlists.sets["question_framing"]
        | wordlists.sets["number_words"]
    )
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for requirement in requirements:
        for word in words_of(requirement):
            lowered = word.lower
            if (
                lowered in skip
                or len(lowered) < 3
                or not lowered.replace("-", "").isalpha()
                or lowered.endswith("ly")
            ):
                continue
            key = stem(lowered)
            counts[key] += 1
            surface.setdefault(key, lowered)
    return [surface[key] for key, _ in counts.most_common()]


@functools.cache
def _logistics_phrases(wordlists: WordLists) -> frozenset[tuple[str, ...]]:
    return frozenset(
        tuple(w.lower for w in words_of(phrase)) for phrase in wordlists.lists["not_job_terms"]
    )


def logistics_term(wordlists: WordLists, term: str) -> bool:
    """A check or a piece of logistics ("Full UK driving licence", "enhanced DBS", "passport"):
    a term of the job no answer is made better by."""
    words = tuple(w.lower for w in words_of(term))
    return any(
        words[i : i + len(phrase)] == phrase
        for phrase in _logistics_phrases(wordlists)
        for i in range(len(words) - len(phrase) + 1)
    )


def job_terms(
    parsed: ParsedAnswer,
    terms: tuple[str, ...],
    requirements: tuple[str, ...],
    question_keys: frozenset[str],
    *,
    advise: bool = True,
) -> AspectResult | None:
    """Which of the job's terms the answer uses, and the important ones it leaves out."""
    wordlists = parsed.wordlists
    candidates: list[str] = []
    seen: set[tuple[str, ...]] = set()
    numbers = wordlists.sets["number_words"]
    for term in [*terms, *_requirement_words(requirements, wordlists)]:
        parts = words_of(term)
        # A number ("five", "5+") is never a term of the job.
        if not parts or all(w.lower in numbers or not w.lower.isalpha() for w in parts):
            continue
        stems = tuple(stem(w.lower) for w in parts)
        if stems and stems not in seen:
            seen.add(stems)
            candidates.append(" ".join(term.split()))
    if not candidates:
        return None

    positions: dict[str, list[int]] = {}
    for index, stemmed in enumerate(parsed.stems):
        positions.setdefault(stemmed, []).append(index)
    used: dict[str, list[Span]] = {}
    for term in candidates:
        parts = words_of(term)
        term_stems = [stem(w.lower) for w in parts]
        for first in positions.get(term_stems[0], []):
            last = first + len(term_stems) - 1
            said = parsed.words[first : last + 1]
            if any(p.text.isupper() and len(p.text) > 1 and w.text != p.text
                   for p, w in zip(parts, said, strict=False)):  # fmt: skip
                continue  # "SEND" (special needs) is not "send a letter"
            if last < len(parsed.stems) and list(parsed.stems[first : last + 1]) == term_stems:
                used.setdefault(term, []).append(
                    Span(parsed.words[first].start, parsed.words[last].end)
                )
    # Suggest the job's key terms when there are some; a content word of a requirement is
    # matched but not pressed on the candidate.
    keys = {" ".join(t.split()) for t in terms}
    missing = [
        term
        for term in candidates
        if term not in used and (not keys or term in keys) and not logistics_term(wordlists, term)
    ]
    # Only a term that touches the question's topic is worth adding: the same five terms
    # suggested for every answer ("accounts payable" for a cabin-crew story, a qualification
    # the candidate may not hold) is noise, and wrong as often as right.
    missing = [
        term
        for term in missing
        if any(concept(wordlists, stem(w.lower)) in question_keys for w in words_of(term))
    ]

    # Only a term said in a substantive sentence counts: not in a cliché, hedge or filler line.
    weak = parsed.weak_sentences()
    substantive: dict[str, list[Span]] = {}
    for term, spans in used.items():
        kept = [
            span
            for span in spans
            if (index := parsed.sentence_of(span.start)) not in weak
            and len(parsed.sentences[index].words) >= MIN_WORDS_FOR_TERM_PRAISE
        ]
        if kept:
            substantive[term] = kept
    result = AspectResult("job terms")
    wanted = min(len(candidates), JOB_TERMS_FOR_FULL_SCORE)
    reasons = [
        f"{len(substantive)} of {len(candidates)} job terms used in substantive sentences",
    ]
    if substantive:
        result.add(
            "good",
            f"You use the job's language: {listing(list(substantive)[:5])}.",
            [span for spans in substantive.values() for span in spans],
            code="job-terms",
        )
    if not advise:
        missing = []
    if missing and len(substantive) < wanted:
        shown = listing(missing[:5])
        if substantive:
            result.add("info", f"You could also bring in {shown}.")
        else:
            result.add("fix", f"None of the job's terms appear; where true, use {shown}.")
        result.step(
            32 if substantive else 20, f"Work in the job's terms where they are true: {shown}."
        )
    reasons.append(plural(len(missing), "term") + " not used")
    result.set_score(100 * min(1.0, len(substantive) / wanted), reasons)
    return result
