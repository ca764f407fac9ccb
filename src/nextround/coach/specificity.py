"""Specificity: figures, dates, names and tools that back an answer, and claims with none."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nextround.coach.aspects import AspectResult, ParsedAnswer, listing, plural, quote
from nextround.coach.insight import Span
from nextround.coach.text import Word

_CURRENCY = "$£€¥"
_MONEY_WORDS = frozenset(
    {"dollar", "dollars", "pound", "pounds", "euro", "euros", "usd", "gbp", "eur"}
)
_MAGNITUDES = frozenset({"k", "m", "bn", "thousand", "million", "billion"})
_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_QUARTER = re.compile(r"q[1-4]")
# Kinds of evidence in the order they win when two overlap; figures come before plain numbers.
FIGURE_KINDS = ("money", "percentage", "duration", "date", "scale", "number")
NAME_KINDS = ("tool", "name")


@dataclass(frozen=True)
class Evidence:
    """One piece of concrete detail in the answer."""

    kind: str
    span: Span


def find_evidence(parsed: ParsedAnswer) -> list[Evidence]:
    """Every figure, date, tool and name in the analysed text, without overlaps."""
    known: list[Evidence] | None = parsed.memo.get("evidence")
    if known is None:
        known = _find_evidence(parsed)
        parsed.memo["evidence"] = known
    return list(known)


def _find_evidence(parsed: ParsedAnswer) -> list[Evidence]:
    found = _figures(parsed)
    lists = parsed.wordlists.sets
    found.extend(
        Evidence("tool", span) for span in parsed.found("tool_words") if _as_tool(parsed, span)
    )
    common = lists["capitalised_common"] | lists["stopwords"] | lists["question_framing"]
    for sentence in parsed.sentences:
        run: list[int] = []
        for position, word in enumerate(sentence.words):
            first = word.text[0]
            # Capitals inside a sentence mark names; at its start only acronyms and CamelCase do.
            named = (
                first.isupper()
                and word.lower not in common
                and (
                    position > 0 or (len(word.text) > 1 and any(c.isupper() for c in word.text[1:]))
                )
            )
            # "LAST" said for emphasis and the "S" of an initial are not names; "Aldhelm's" is.
            bare = _POSSESSIVE.sub("", word.text)
            if named and bare.isalpha() and len(bare) > 1:
                run.append(position)
                continue
            if run:
                found.extend(_name_run(sentence.words, run))
                run = []
        if run:
            found.extend(_name_run(sentence.words, run))
    # Leftmost-longest wins; on equal spans the earlier kind in the list wins.
    order = {kind: i for i, kind in enumerate(FIGURE_KINDS + NAME_KINDS)}
    found.sort(key=lambda e: (e.span.start, -(e.span.end - e.span.start), order[e.kind]))
    kept: list[Evidence] = []
    for item in found:
        if kept and item.span.start < kept[-1].span.end:
            continue
        kept.append(item)
    return kept


def _figures(parsed: ParsedAnswer) -> list[Evidence]:
    """Numbers and what they count (money, percentages, durations, dates, scale), by token."""
    lists = parsed.wordlists
    number_words, units, nouns = (
        lists.sets["number_words"],
        lists.sets["time_units"],
        lists.sets["scale_nouns"],
    )
    text, words, lowers = parsed.text, parsed.words, parsed.lowers
    count = len(words)

    def after(i: int, step: int = 1) -> str:
        return lowers[i + step] if i + step < count else ""

    found: list[Evidence] = []
    for i, lowered in enumerate(lowers):
        word = words[i]
        head, _, tail = lowered.partition("-")
        if _YEAR.fullmatch(lowered):
            found.append(Evidence("date", word.span))
            continue
        if lowered in _MONTHS and _YEAR.fullmatch(after(i)):
            found.append(Evidence("date", Span(word.start, words[i + 1].end)))
            continue
        if _QUARTER.fullmatch(lowered):
            found.append(Evidence("date", word.span))
            continue
        if not (lowered[0].isdigit() or head in number_words):
            continue
        start, last, kind = word.start, i, "number"
        if start > 0 and text[start - 1] in _CURRENCY:
            kind, start = "money", start - 1
            last = i + 1 if after(i) in _MAGNITUDES else i
        elif text[word.end : word.end + 1] == "%":
            found.append(Evidence("percentage", Span(start, word.end + 1)))
            continue
        elif after(i) == "percent" or (after(i) == "per" and after(i, 2) == "cent"):
            kind, last = "percentage", i + (1 if after(i) == "percent" else 2)
        elif after(i) in _MONEY_WORDS:
            kind, last = "money", i + 1
        elif after(i) in _MAGNITUDES and after(i, 2) in _MONEY_WORDS:
            kind, last = "money", i + 2
        elif after(i) in _MAGNITUDES:
            # "eight million" is one figure, not "eight" and "million".
            kind, last = ("scale", i + 2) if after(i, 2) in nouns else ("number", i + 1)
        elif tail in units:
            kind = "duration"
        elif after(i) in units:
            kind, last = "duration", i + 1
        elif after(i) in nouns:
            kind, last = "scale", i + 1
        elif after(i, 2) in nouns:
            kind, last = "scale", i + 2
        found.append(Evidence(kind, Span(start, words[last].end)))
    return found


def _as_tool(parsed: ParsedAnswer, span: Span) -> bool:
    """A tool word that is also an everyday word ("rest", "spring") is a tool only as a name."""
    said = parsed.text[span.start : span.end]
    if said.lower() not in parsed.wordlists.sets["tool_words_plain"]:
        return True
    sentence = parsed.sentences[parsed.sentence_of(span.start)]
    return said[0].isupper() and span.start != sentence.start


def _name(start: int, end: int) -> Evidence:
    return Evidence("name", Span(start, end))


_POSSESSIVE = re.compile(r"['’]s?$")
# Titles and abbreviations that belong to a name ("St Aldhelm's", "Dr Patel") but are none alone.
_NAME_PARTS = frozenset(
    {"st", "dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "rev", "fr", "mt", "cllr", "lt"}
)


def _name_run(words: Sequence[Word], run: list[int]) -> list[Evidence]:
    """A run of capitalised words as a name, unless it is only a title or a fragment of one."""
    parts = [words[i] for i in run]
    if all(w.lower in _NAME_PARTS for w in parts):
        return []
    if len(parts) == 1:
        # A lone two-letter word in mixed case ("St", "Co") is an abbreviation, not a detail.
        text = parts[0].text
        if len(text) <= 2 and not text.isupper():
            return []
    return [_name(parts[0].start, parts[-1].end)]


# A hedge this many words either side of a figure ("about eight million, maybe a bit more, I'd
# have to check") makes it a guess, not a detail. Project heuristic.
HEDGE_REACH = 3


def hedged(parsed: ParsedAnswer, span: Span) -> bool:
    """Whether a hedge stands within a few words of a figure, in its sentence."""
    sentence = parsed.sentences[parsed.sentence_of(span.start)]
    first = bisect.bisect_left(parsed.starts, span.start)
    last = max(first, bisect.bisect_left(parsed.starts, span.end) - 1)
    lo_word = max(first - HEDGE_REACH, bisect.bisect_left(parsed.starts, sentence.start))
    hi_word = min(last + HEDGE_REACH, bisect.bisect_left(parsed.starts, sentence.end) - 1)
    lo, hi = parsed.starts[lo_word], parsed.ends[hi_word]
    return any(lo <= h.start < hi for h in parsed.found("hedges"))


def _clause(parsed: ParsedAnswer, span: Span) -> Span:
    """The words around a figure up to the nearest commas ("about eight million")."""
    sentence = parsed.sentences[parsed.sentence_of(span.start)]
    text = parsed.text
    start = max(text.rfind(",", sentence.start, span.start) + 1, sentence.start)
    comma = text.find(",", span.end, sentence.end)
    end = comma if comma >= 0 else sentence.end
    while start < span.start and text[start].isspace():
        start += 1
    return Span(start, end)


def _supported(evidence_starts: list[int], parsed: ParsedAnswer, index: int) -> bool:
    """Whether a sentence or the one after it holds any evidence."""
    sentences = parsed.sentences
    last = min(index + 1, len(sentences) - 1)
    lo, hi = sentences[index].start, sentences[last].end
    return any(lo <= start < hi for start in evidence_starts)


# Question types whose answers are expected to carry a figure; elsewhere "add a number" misfits.
NUMBER_TYPES = frozenset({"behavioural", "situational", "second-round", "technical", "background"})


def specificity(parsed: ParsedAnswer, question_type: str = "behavioural") -> AspectResult:
    """Score concrete detail and point out claims that nothing in the answer backs."""
    result = AspectResult("specificity")
    found = find_evidence(parsed)
    # A figure said as a guess is no concrete detail; it is pointed out instead.
    guesses = [e for e in found if e.kind in FIGURE_KINDS and hedged(parsed, e.span)]
    evidence = [e for e in found if e not in guesses]
    text = parsed.text
    # A name said twice ("the CRO… the CRO") is one detail, counted and listed once.
    seen: set[str] = set()
    once: list[Evidence] = []
    for e in evidence:
        key = " ".join(text[e.span.start : e.span.end].split()).casefold()
        if e.kind in NAME_KINDS and key in seen:
            continue
        seen.add(key)
        once.append(e)
    # Every mention still supports a claim in its own sentence.
    starts = [e.span.start for e in evidence]
    evidence = once
    figures = [e for e in evidence if e.kind in FIGURE_KINDS]
    names = [e for e in evidence if e.kind in NAME_KINDS]

    vague: list[Span] = []
    for span in parsed.found("vague_claims"):
        if not _supported(starts, parsed, parsed.sentence_of(span.start)):
            vague.append(span)

    def shown(items: list[Evidence]) -> str:
        said = [text[e.span.start : e.span.end] for e in items]
        # "5 named tools or names (Harrogate, ESP, Keele and OA)" lists only four: say so.
        more = len(said) - 4
        return listing(said[:4] + ([f"{more} more"] if more > 0 else []))

    reasons = [
        f"{plural(len(figures), 'figure')}" + (f" ({shown(figures)})" if figures else ""),
        f"{plural(len(names), 'named tool or name', 'named tools or names')}"
        + (f" ({shown(names)})" if names else ""),
    ]
    score = min(60, 20 * len(figures)) + min(40, 10 * len(names)) - min(40, 10 * len(vague))
    if vague:
        reasons.append(f"{plural(len(vague), 'claim')} without evidence")

    # Praise rests only on detail said plainly, not inside hedged or filler-laden sentences.
    weak = parsed.weak_sentences()
    solid = [e for e in evidence if parsed.sentence_of(e.span.start) not in weak]
    if any(e.kind in FIGURE_KINDS for e in solid) and len(solid) >= 2:
        result.add(
            "good",
            f"Concrete detail backs your answer: {shown(solid)}.",
            [e.span for e in solid],
            code="concrete-detail",
        )
    elif evidence:
        result.add("info", f"Some concrete detail: {shown(evidence)}.", [e.span for e in evidence])
    if guesses and not figures:
        guessed = listing([quote(text, _clause(parsed, e.span), 50) for e in guesses[:2]])
        result.add(
            "fix",
            f"The {'figure is' if len(guesses) == 1 else 'figures are'} hedged ({guessed}): give "
            "the number plainly, or say you will confirm it.",
            [e.span for e in guesses],
            code="hedged-figure",
        )
        result.step(16, "Give the number plainly instead of a guess.")
    elif not figures and parsed.word_count and question_type in NUMBER_TYPES:
        result.add(
            "fix",
            "No numbers: add one that shows scale or outcome (how many, how much, how long).",
            code="no-number",
        )
        result.step(16, "Add one number that shows scale or outcome.")
    if question_type == "salary-notice":
        # What was asked is a figure, a range or a date; claims about oneself are beside it.
        vague = []
        # A hedged figure still answers what was asked; it is told to be plain above.
        if not any(e.kind in ("money", "duration", "date", "number") for e in figures + guesses):
            result.add(
                "fix",
                "No figure: give a salary range, or your notice period or start date, then stop.",
                code="no-figure",
            )
            result.step(7, "Name a figure or a date in your first sentence.")
    if vague:
        # Quote the claim as said ("I always stay calm and polite…"), not just its first words.
        said = [Span(s.start, parsed.sentences[parsed.sentence_of(s.start)].end) for s in vague]
        claims = listing([quote(text, span, 40) for span in said[:3]])
        result.add(
            "fix",
            f"{claims} {'is a claim' if len(vague) == 1 else 'are claims'} with no evidence "
            f"nearby: show {'it' if len(vague) == 1 else 'them'} with something you did and "
            "what came of it.",
            vague,
            code="no-example",
        )
        result.step(18, "Replace general claims about yourself with an example that shows them.")
    result.set_score(score, reasons)
    return result
