"""Specificity: figures, dates, names and tools that back an answer, and claims with none."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nextround.coach.aspects import AspectResult, ParsedAnswer, listing, plural, quote
from nextround.coach.insight import Span
from nextround.coach.wordlists import WordLists

_NUMBER = r"\d[\d,.]*\d|\d"
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Kinds of evidence in the order they win when two overlap; figures come before plain numbers.
FIGURE_KINDS = ("money", "percentage", "duration", "date", "scale", "number")
NAME_KINDS = ("tool", "name")


@dataclass(frozen=True)
class Evidence:
    """One piece of concrete detail in the answer."""

    kind: str
    span: Span


@functools.cache
def _patterns(wordlists: WordLists) -> tuple[tuple[str, re.Pattern[str]], ...]:
    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(wordlists.lists[key], key=len, reverse=True))

    count = rf"(?:{_NUMBER}|{alternation('number_words')})"
    flags = re.IGNORECASE
    return (
        (
            "money",
            re.compile(
                rf"[$£€¥]\s?(?:{_NUMBER})(?:\s?(?:k|m|bn|million|billion|thousand)\b)?"
                rf"|\b(?:{_NUMBER})\s?(?:k|m|bn|million|billion|thousand)?\s?"
                r"(?:dollars|pounds|euros|usd|gbp|eur)\b",
                flags,
            ),
        ),
        ("percentage", re.compile(rf"\b(?:{_NUMBER})\s?(?:%|percent\b|per\s+cent\b)", flags)),
        (
            "duration",
            re.compile(rf"\b{count}[\s-]+(?:{alternation('time_units')})\b", flags),
        ),
        (
            "date",
            re.compile(
                rf"\b(?:{_MONTHS})\.?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\b|\bQ[1-4]\b", flags
            ),
        ),
        (
            "scale",
            re.compile(rf"\b{count}\+?\s+(?:[a-z-]+\s+)?(?:{alternation('scale_nouns')})\b", flags),
        ),
        ("number", re.compile(rf"\b(?:{_NUMBER})\b|\b(?:{alternation('number_words')})\b", flags)),
        ("tool", wordlists.patterns["tool_words"]),
    )


def find_evidence(parsed: ParsedAnswer) -> list[Evidence]:
    """Every figure, date, tool and name in the analysed text, without overlaps."""
    text, end = parsed.text, parsed.end
    found: list[Evidence] = []
    for kind, pattern in _patterns(parsed.wordlists):
        found.extend(
            Evidence(kind, Span(m.start(), m.end())) for m in pattern.finditer(text, 0, end)
        )
    common = parsed.wordlists.sets["capitalised_common"]
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
            if named and word.text.isalpha():
                run.append(position)
                continue
            if run:
                found.append(_name(sentence.words[run[0]].start, sentence.words[run[-1]].end))
                run = []
        if run:
            found.append(_name(sentence.words[run[0]].start, sentence.words[run[-1]].end))
    # Leftmost-longest wins; on equal spans the earlier kind in the list wins.
    order = {kind: i for i, kind in enumerate(FIGURE_KINDS + NAME_KINDS)}
    found.sort(key=lambda e: (e.span.start, -(e.span.end - e.span.start), order[e.kind]))
    kept: list[Evidence] = []
    for item in found:
        if kept and item.span.start < kept[-1].span.end:
            continue
        kept.append(item)
    return kept


def _name(start: int, end: int) -> Evidence:
    return Evidence("name", Span(start, end))


def _supported(evidence_starts: list[int], parsed: ParsedAnswer, index: int) -> bool:
    """Whether a sentence or the one after it holds any evidence."""
    sentences = parsed.sentences
    last = min(index + 1, len(sentences) - 1)
    lo, hi = sentences[index].start, sentences[last].end
    return any(lo <= start < hi for start in evidence_starts)


def specificity(parsed: ParsedAnswer) -> AspectResult:
    """Score concrete detail and point out claims that nothing in the answer backs."""
    result = AspectResult("specificity")
    evidence = find_evidence(parsed)
    figures = [e for e in evidence if e.kind in FIGURE_KINDS]
    names = [e for e in evidence if e.kind in NAME_KINDS]
    text = parsed.text

    starts = [e.span.start for e in evidence]
    vague: list[Span] = []
    pattern = parsed.wordlists.patterns["vague_claims"]
    for sentence in parsed.sentences:
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if not _supported(starts, parsed, sentence.index):
                vague.append(Span(match.start(), match.end()))

    def shown(items: list[Evidence]) -> str:
        return listing([text[e.span.start : e.span.end] for e in items[:4]])

    reasons = [
        f"{plural(len(figures), 'figure')}" + (f" ({shown(figures)})" if figures else ""),
        f"{plural(len(names), 'named tool or name', 'named tools or names')}"
        + (f" ({shown(names)})" if names else ""),
    ]
    score = min(60, 20 * len(figures)) + min(40, 10 * len(names)) - min(40, 10 * len(vague))
    if vague:
        reasons.append(f"{plural(len(vague), 'claim')} without evidence")

    if figures and len(evidence) >= 2:
        result.add(
            "good",
            f"Concrete detail backs your answer: {shown(evidence)}.",
            [e.span for e in evidence],
        )
    elif evidence:
        result.add("info", f"Some concrete detail: {shown(evidence)}.", [e.span for e in evidence])
    if not figures and parsed.word_count:
        result.add(
            "fix",
            "No numbers: add one that shows scale or outcome (how many, how much, how long).",
        )
        result.step(16, "Add one number that shows scale or outcome.")
    if vague:
        claims = listing([quote(text, span, 40) for span in vague[:3]])
        result.add(
            "fix",
            f"{claims} {'is a claim' if len(vague) == 1 else 'are claims'} with no evidence "
            f"nearby: show {'it' if len(vague) == 1 else 'them'} with something you did and "
            "what came of it.",
            vague,
        )
        result.step(18, "Replace general claims about yourself with an example that shows them.")
    result.set_score(score, reasons)
    return result
