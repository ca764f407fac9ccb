"""Logistics facts the candidate was given: dress code, tour, what to bring, parking, address.

They are found sentence by sentence in the invite and the emails about the round, and quoted as
written with where they came from: a brief that says "the dress code is not known" when the
consultant's email says "smart casual is fine" loses the candidate's trust at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nextround.coach.words import clip

# A fact is quoted whole up to this length: the limit in "no more than 6 slides" is often its
# last words, so a sentence is cut only when it runs far past any instruction.
MAX_QUOTE = 400

# Kind of fact -> what marks a sentence as one. The first kind that matches a sentence keeps it.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dress",
        re.compile(
            r"\b(?:dress(?:ed)?(?: code)?|smart[- ]casual|business (?:casual|attire|dress)|"
            r"formal (?:attire|wear|dress)|wear (?:a )?(?:suit|tie|jeans|uniform)|suit and tie|"
            r"no need (?:for|to wear) (?:a )?(?:suit|tie)|jeans are fine|dress down|"
            r"(?:black|white|dark|smart) (?:trousers|shirt|shoes|skirt|jacket)|chef(?:'s)? whites|"
            r"suit-and-tie|office dress|what you'd wear|no uniform|uniform)\b",
            re.I,
        ),
    ),
    (
        "presentation",
        # A projector or a flipchart on offer is no presentation to give.
        re.compile(
            r"\b(?:presentation|present (?:to|on|for|your|a|an|back)|slides|slide deck|deck|"
            r"pitch)\b",
            re.I,
        ),
    ),
    (
        "tour",
        re.compile(
            r"\b(?:tour|show you (?:round|around)|walk (?:you )?round|site visit|"
            r"visit to (?:the|our)"
            r"|site walk)\b",
            re.I,
        ),
    ),
    (
        "agenda",
        re.compile(
            r"\b(?:exercise|case study|written (?:test|task)|role[- ]play|trial shift|trade test|"
            r"lunch|in-tray|psychometric|assessment|writing sample|observation|teach a|"
            r"lesson|system design|whiteboard|pair(?:ing)? (?:on|with)|take-home|"
            r"confidential|personal appointment|pre-?read|come ready to|be ready to|"
            r"talk (?:us|the panel|them) through|critique|design review|portfolio review|"
            # The day's timetable ("13:30 Student panel: six Year 10 students…"), the values the
            # questions are built on, a rule for the task, when the outcome comes.
            r"(?:our|the school's|the trust's|the company's|the firm's|its) (?:core )?values are|"
            r"(?:do not|don't|never|please avoid) (?:use|bring|share|include|name)|"
            r"cameras? on|let you know (?:the outcome|by|on|the same|tonight|today)|"
            r"(?:make|reach) (?:a|our|the|their) decision|decision by|outcome by)\b"
            r"|^\d{1,2}[:.]\d{2}\b",
            re.I,
        ),
    ),
    (
        "bring",
        re.compile(
            # "do bring that up again", "bring an example": said, not carried in.
            r"\b(?:please bring|bring(?!\s+(?:(?:it|that|this|them|those|these)\s+)?up\b)"
            r"(?!\s+(?:an?|some|any|your|one|two|a few)\s+(?:\w+\s+)?examples?\b)|"
            r"have with you|please (?:have|carry)|photo ID|passport|DBS|"
            r"driving licence|portfolio|certificates?|to hand|have (?:your|it) ready|"
            r"registration number|CSCS|hi-?vis|high-?vis|safety boots|PPE)\b",
            re.I,
        ),
    ),
    ("parking", re.compile(r"\b(?:park(?:ing)?|car park|visitor spaces?|nearest station)\b", re.I)),
    (
        "arrival",
        re.compile(
            r"\b(?:arrive|reception|ask for|sign in|report to|security desk|buzz|"
            r"(?:\d+|ten|fifteen|five) minutes early|call (?:me|us) on|passcode|meeting id|"
            r"dial[- ]in)\b",
            re.I,
        ),
    ),
)
_NO_PRESENTATION = re.compile(
    r"\b(?:no|not|without|instead of|never)\b[^.;]{0,30}"
    r"\b(?:presentation|slides|slide deck|deck)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# Sentences, with each line break kept as a separator of its own (None) so paragraphs show.
# Sentences; a blank line or a new item of a list is a separator of its own (""), so the end
# of a paragraph shows.
_SENTENCE_OR_BREAK = re.compile(r"(?<=[.!?])[ \t]+|\n[ \t]*(?=\n|[-•*]\s)(?:\n\s*)*()|\n\s*")
# What names a set task, whose paragraph goes on to describe it.
_TASK_CUE = re.compile(
    r"\b(?:case study|exercise|design review|critique|presentation|take-home|in-tray|"
    r"role[- ]play|pre-?read|written (?:test|task))\b",
    re.I,
)
# A judgement of the candidate or of an answer ("your resp assessment answer was one of the
# best", "the budget here is a big step up for you") is feedback, never a fact about the day.
_NOT_LOGISTICS = re.compile(
    r"\b(?:feedback|impressed|concerns?|convinced|liked (?:your|how|the way)|your answer|"
    r"your [\w\s-]{1,30}? answer|answers? (?:was|were)|one of the best|really pleased|"
    r"big step up|a step up for you|not sure you|salary|offer|"
    # "They also noticed you haven't used Gainsight, so be ready to talk about…": a doubt and
    # the advice on it, not the day's arrangements.
    r"noticed|(?:haven't|hasn't|have not|has not) (?:used|done|led|had|worked)|"
    r"be (?:ready|prepared) to (?:talk|explain|discuss))\b",
    re.I,
)
DRESS_CODES = (
    ("smart-casual", re.compile(r"\bsmart[- ]casual\b", re.I)),
    ("business", re.compile(r"\bbusiness (?:casual|attire|dress)\b", re.I)),
    ("formal", re.compile(r"\b(?:formal|suit and tie|wear a suit)\b", re.I)),
    (
        "casual",
        re.compile(r"\b(?:jeans are fine|casual dress|dress down|no need for a suit)\b", re.I),
    ),
)


@dataclass(frozen=True)
class Fact:
    kind: str  # dress, presentation, tour, agenda, bring, parking, arrival
    quote: str  # the sentence as written
    source: str  # where it came from, as the candidate would say it ("your consultant's email")


# "Great news Mateo - " before the fact itself.
_GREETING = re.compile(
    r"^(?:(?:great|good|brilliant) news|hi(?![-\w])|hello|dear)(?:,?\s+[A-Z][\w'-]*)?"
    r"\s*[-–—:,!]+\s*",
    re.IGNORECASE,
)


def _clean(sentence: str) -> str:
    text = " ".join(sentence.split()).strip(" -•*>")
    text = _GREETING.sub("", text)
    text = text[:1].upper() + text[1:]
    # A day's programme is quoted whole where it can be: its last part is often the interview.
    return clip(text, 2 * MAX_QUOTE - 1)


def find_facts(texts: Sequence[tuple[str, str]]) -> tuple[Fact, ...]:
    """Logistics facts in (source, text) pairs, each sentence once, in the order given."""
    facts: list[Fact] = []
    seen: set[str] = set()
    for source, text in texts:
        follow = 0  # sentences after a set task's, in its paragraph, that describe it
        for raw in _SENTENCE_OR_BREAK.split(text):
            if raw is None:
                continue
            if not raw.strip():
                follow = 0  # a new paragraph, or a new item of a list
                continue
            sentence = _clean(raw)
            if len(sentence) < 8 or sentence.lower() in seen:
                continue
            if _TASK_CUE.search(sentence) and not _NO_PRESENTATION.search(sentence):
                follow = 2
            elif (
                follow
                and not _NOT_LOGISTICS.search(sentence)
                and not any(cue.search(sentence) for _, cue in _CUES)
            ):
                # "You will have 45 minutes on your own with a short pack of drawings…": what
                # the task is, said after the sentence that names it.
                follow -= 1
                seen.add(sentence.lower())
                facts.append(Fact("agenda", sentence, source))
                continue
            kinds = []
            for kind, cue in _CUES:
                if cue.search(sentence):
                    if kind != "dress" and _NOT_LOGISTICS.search(sentence):
                        break
                    if kind == "presentation" and _NO_PRESENTATION.search(sentence):
                        # "There is no presentation", "no slides": a fact about the day.
                        kind = "agenda"
                    kinds.append(kind)
            if kinds:
                seen.add(sentence.lower())
                facts.append(Fact(kinds[0], sentence, source))
                # "Business dress, but bring safety boots and your CSCS card": what to wear,
                # and also what to bring, so it is in both lists.
                # "Hi-vis and safety boots required for the site walk" is the tour and also
                # what to bring.
                if kinds[0] != "bring" and "bring" in kinds:
                    facts.append(Fact("bring", sentence, source))
    return tuple(facts)


def dress_code(facts: Sequence[Fact]) -> str | None:
    """The dress code a fact names (smart-casual, business, formal, casual), if one does."""
    for fact in facts:
        if fact.kind != "dress":
            continue
        for code, pattern in DRESS_CODES:
            if pattern.search(fact.quote):
                return code
    return None


# Slides to send before the day: "please email your slides to Priya by noon on Friday".
_SEND_AHEAD = re.compile(
    r"\b(?:send|email|submit|share|upload|forward)\b[^.;]{0,50}\b(?:slides|deck|presentation)\b"
    r"|\b(?:slides|deck)\b[^.;]{0,40}\b(?:by|before|ahead of|no later than)\b",
    re.I,
)


def slides_due(facts: Sequence[Fact]) -> bool:
    """Whether the candidate was asked to send their slides before the day."""
    return any(f.kind == "presentation" and _SEND_AHEAD.search(f.quote) for f in facts)


# How the round is announced: "a values-based interview", "strengths-based questions".
_STYLES = (
    (
        "values",
        re.compile(
            r"\bvalues?[- ]based\b|\bvalues (?:interview|questions|panel)\b|"
            r"\b(?:based on|around|against|explore|exploring) (?:our|the trust's|the school's|"
            r"the council's|the organisation's|its|their) (?:core )?values\b",
            re.I,
        ),
    ),
    ("strengths", re.compile(r"\bstrengths?[- ]based\b", re.I)),
)


def interview_styles(texts: Sequence[str]) -> tuple[str, ...]:
    """The styles of interview the invite or an email announces ("values", "strengths")."""
    said = " ".join(texts)
    return tuple(style for style, cue in _STYLES if cue.search(said))


# Presenting on the day what a task found ("You will then present your findings to the panel
# for 10 minutes"): no presentation to prepare before it.
_PRESENT_FINDINGS = re.compile(
    r"\bpresent (?:your|the|their|back (?:your|the)) (?:findings|conclusions|recommendations|"
    r"answers|results|thoughts|solution|work)\b",
    re.I,
)


def presentation_to_prepare(facts: Sequence[Fact]) -> bool:
    """Whether a presentation is to be prepared before the day (not findings presented on it)."""
    return any(f.kind == "presentation" and not _PRESENT_FINDINGS.search(f.quote) for f in facts)
