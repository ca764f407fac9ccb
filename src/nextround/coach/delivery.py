"""Delivery (fillers, hedges, repeats, self-talk, clichés) and length against spoken time."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from nextround.coach.aspects import AspectResult, ParsedAnswer, listing, plural, quote
from nextround.coach.insight import Span
from nextround.coach.text import stem

# Speaking rate of 130-160 words a minute (Tauroza & Allison 1990); 145 is its middle.
WPM_LOW, WPM_MID, WPM_HIGH = 130, 145, 160
# Fillers a minute in fluent (1.2) and hesitant (4.8) speech (Götz 2013), turned into a rate per
# 100 words at the middle speaking rate so that typed answers can be compared.
FLUENT_FILLERS_PER_MIN = 1.2
HESITANT_FILLERS_PER_MIN = 4.8
FLUENT_PER_100 = 100 * FLUENT_FILLERS_PER_MIN / WPM_MID
HESITANT_PER_100 = 100 * HESITANT_FILLERS_PER_MIN / WPM_MID
# Hedges have no published norm we rely on: two in every 100 words is where answers start to sound
# unsure in our own examples. Project heuristic.
HEDGES_PER_100 = 2.0
# Clichés named in one insight before "and 2 more".
MAX_CLICHES_SHOWN = 8
# An answer with a cliché in half its sentences or more is made of them: its reasons say so.
# No extra cost beyond each cliché's own (any lowered the dev ranking's tau, 0.825 to 0.82).
CLICHE_ANSWER_SHARE = 0.5
# Below this many words delivery is not judged: a rate over a handful of words means nothing.
MIN_WORDS_FOR_DELIVERY = 20

# Target spoken length per question type, in seconds, and why it is that long.
LENGTH_TARGETS: dict[str, tuple[int, int, str]] = {
    "background": (60, 120, "your experience in brief, with one example, leaving room to ask"),
    "motivation": (45, 90, "two or three reasons tied to this company and role"),
    "behavioural": (60, 120, "situation, task, action and result with the action in detail"),
    "situational": (45, 120, "how you would approach it, step by step, and what you would aim for"),
    "technical": (60, 180, "the idea, one worked detail and the trade-offs"),
    "culture-fit": (45, 90, "how you work, shown with one short example"),
    "tricky": (30, 90, "a calm, direct answer with one piece of evidence"),
    "salary-notice": (10, 45, "a clear figure or range, or your notice period, and nothing more"),
    "second-round": (60, 150, "deeper detail than the first round, without rambling"),
}
# A follow-up or a narrow question ("By how much?", "What exactly did you do first?") asks one
# thing: a direct answer with one detail, whatever the type of the question it follows.
NARROW_TARGET = (10, 45, "a direct answer to the one thing asked, with a detail that shows it")
_NARROW = re.compile(
    r"\b(?:exactly|personally|by how much|how did you (?:know|measure)|what was the "
    r"(?:result|outcome)|as opposed to|what did you do first|what happened next)\b",
    re.IGNORECASE,
)
# Longer than this, a question asks for a full answer even with a narrow word in it.
NARROW_MAX_WORDS = 16


def is_narrow_question(question: str) -> bool:
    """A question that asks one specific thing, as a follow-up does."""
    return len(question.split()) <= NARROW_MAX_WORDS and bool(_NARROW.search(question))


# Under this share of the target length an answer is too short; between it and the target, a
# little short (typed answers run shorter than spoken ones). Project heuristic.
SHORT_SHARE = 0.6
# "I'm not an employment law expert", "I'm not really a numbers person", "I've never actually
# led a team", "that's probably not a great example": a gap or a doubt said as a verdict.
_NOT_AN_EXPERT = re.compile(
    r"\bI(?:'|’)?m not (?:really |much of |exactly |the |an? )*(?:[\w-]+ ){0,3}"
    r"(?:expert|specialist|person|natural|guru)\b"
    r"|\bI(?:'|’)?m (?:not|never) (?:very |really |that |particularly |super |all that )?"
    r"(?:good|great|strong|confident|experienced|technical|organi[sz]ed|qualified|comfortable)"
    r"\b(?! (?:enough )?to say\b)"
    r"|\bI(?:'|’)?m (?:bad|terrible|awful|rubbish|useless|hopeless|weak) (?:at|with)\b"
    r"|\bI (?:don(?:'|’)t|do not|didn(?:'|’)t|did not) (?:really |actually |fully )?"
    r"(?:know|remember|understand) (?:much|what|how|if|whether|the details|it)\b"
    r"|\bI(?:(?:'|’)ve| have) never (?:really |actually )?(?:done|had|led|managed|run|used)\b"
    r"|\b(?:that|this)(?:'|’)?s? (?:is )?(?:probably |maybe )?not (?:a |the )?(?:great|good|"
    r"very good|best|right) (?:answer|example)\b",
    re.IGNORECASE,
)
_COMMA_SET_OFF = re.compile(r"[,.;:!?\n]\s*$")


def speaking_seconds(words: int) -> tuple[int, int]:
    """Estimated time to say this many words, at 160 and at 130 words a minute."""
    return round(words * 60 / WPM_HIGH), round(words * 60 / WPM_LOW)


def duration(seconds: float) -> str:
    """'45 s', '1 min 30 s', '2 h 5 min'."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min" + (f" {secs} s" if secs else "")
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h" + (f" {minutes} min" if minutes else "")


def spoken_time(words: int) -> str:
    """'under a second spoken', 'about 4 s spoken', 'about 38-46 s spoken'."""
    fast, slow = speaking_seconds(words)
    if slow < 1:
        return "under a second spoken"
    if fast == slow:
        return f"about {duration(fast)} spoken"
    if slow < 60:
        return f"about {fast}–{slow} s spoken"
    return f"about {duration(fast)} to {duration(slow)} spoken"


# An answer of this many words or fewer is no answer yet ("Yes.", "Team leadership").
FEW_WORDS = 3


def span_of_time(low: int, high: int) -> str:
    """'1–2 min', '45 s–1 min 30 s'."""
    if low % 60 == 0 and high % 60 == 0:
        return f"{low // 60}–{high // 60} min"
    return f"{duration(low)}–{duration(high)}"


def _spans(parsed: ParsedAnswer, key: str) -> list[Span]:
    return list(parsed.found(key))


def _comma_fillers(parsed: ParsedAnswer) -> list[Span]:
    """'like', 'so', 'well' counted only when commas set them off, as in 'it was, like, hard'."""
    found = []
    pattern = parsed.wordlists.patterns["comma_fillers"]
    text = parsed.text
    for match in pattern.finditer(text, 0, parsed.end):
        after = text[match.end() : match.end() + 2].lstrip(" ")
        before = text[max(0, match.start() - 3) : match.start()]
        if after.startswith(",") and (match.start() == 0 or _COMMA_SET_OFF.search(before)):
            found.append(Span(match.start(), match.end()))
    return found


def _repeats(
    parsed: ParsedAnswer, protected: frozenset[str]
) -> list[tuple[str, list[Span], tuple[str, ...]]]:
    """Content words said too often, most repeated first, with words to use instead."""
    stopwords = parsed.wordlists.sets["stopwords"]
    alternatives = parsed.wordlists.repeated_alternatives
    # Generic words (those with listed alternatives) grate from the third use, or once per 150
    # words in a long answer. A topic word is never flagged: "patients" in a physiotherapist's
    # answer, "walkers" in a fundraiser's, is the right word however often it comes.
    generic_threshold = max(3, parsed.word_count // 150)
    generic = {stem(word) for word in alternatives}
    by_stem: dict[str, list[int]] = defaultdict(list)
    for index, (lowered, stemmed) in enumerate(zip(parsed.lowers, parsed.stems, strict=True)):
        if len(lowered) < 3 or not lowered.isalpha() or lowered in stopwords:
            continue
        if stemmed in protected:
            continue
        by_stem[stemmed].append(index)
    repeated = [
        indexes
        for key, indexes in by_stem.items()
        if key in generic and len(indexes) >= generic_threshold
    ]
    repeated.sort(key=lambda indexes: (-len(indexes), indexes[0]))
    out = []
    for indexes in repeated[:5]:
        forms = Counter(parsed.lowers[i] for i in indexes)
        word = forms.most_common(1)[0][0]
        options = alternatives.get(word) or next(
            (alt for key, alt in alternatives.items() if stem(key) == parsed.stems[indexes[0]]), ()
        )
        out.append((word, [parsed.words[i].span for i in indexes], options))
    return out


_I_FORMS = frozenset({"i", "i'm", "i'd", "i've", "i'll", "i’m", "i’d", "i’ve", "i’ll"})


def _as_said(parsed: ParsedAnswer, spans: list[Span]) -> str:
    """Each phrase once, as the candidate wrote it ("I believe", not "i believe").

    Only the capital that a sentence start gave it is dropped ("So," opening a sentence is "so").
    """
    text = parsed.text
    first: dict[str, str] = {}
    for span in spans:
        said = " ".join(text[span.start : span.end].split())
        opening = parsed.sentences[parsed.sentence_of(span.start)].start == span.start
        if opening and said.split()[0].lower() not in _I_FORMS:
            said = said[:1].lower() + said[1:]
        first.setdefault(said.lower(), said)
    return listing([first[key] for key in sorted(first)])


def _compared(rate: float, norm: float) -> str:
    """How the candidate's own rate (a minute) stands to a published one, as shown to one place."""
    if round(rate, 1) > norm:
        return f"{rate / norm:.1f} times" if rate >= 2 * norm else "more than"
    return "as many as" if round(rate, 1) == norm else "fewer than"


def delivery(parsed: ParsedAnswer, protected: frozenset[str]) -> AspectResult:
    """Fillers, hedges, repeated words, negative self-talk and clichés."""
    result = AspectResult("delivery")
    words = parsed.word_count
    text = parsed.text
    fillers = sorted(_spans(parsed, "fillers") + _comma_fillers(parsed))
    hedges = _spans(parsed, "hedges")
    negative = _spans(parsed, "negative_self_talk")
    cliches = _spans(parsed, "cliches")
    repeats = _repeats(parsed, protected)

    filler_rate = 100 * len(fillers) / words if words else 0.0
    hedge_rate = 100 * len(hedges) / words if words else 0.0
    per_minute = len(fillers) / (words / WPM_MID) if words else 0.0
    rate_text = f"{filler_rate:.1f} per 100 words, about {per_minute:.1f} a minute spoken"
    if fillers:
        said = _as_said(parsed, fillers)
        if filler_rate >= HESITANT_PER_100 and len(fillers) >= 2:
            result.add(
                "fix",
                f"{plural(len(fillers), 'filler')} ({said}; {rate_text}): "
                f"{_compared(per_minute, HESITANT_FILLERS_PER_MIN)} the "
                f"{HESITANT_FILLERS_PER_MIN:g} a minute of hesitant speech. Pause instead.",
                fillers,
                code="filler",
            )
            result.step(14, f"Cut the fillers ({said}): a short pause sounds surer.")
        elif filler_rate > FLUENT_PER_100 and len(fillers) >= 2:
            result.add(
                "info",
                f"{plural(len(fillers), 'filler')} ({said}; {rate_text}): "
                f"{_compared(per_minute, FLUENT_FILLERS_PER_MIN)} the "
                f"{FLUENT_FILLERS_PER_MIN:g} a minute of fluent speech.",
                fillers,
                code="filler",
            )
            result.step(45, f"Drop the fillers ({said}).")
        else:
            # One filler is said plainly: a rate a minute made of one word tells nothing.
            rate = f"; {rate_text}" if len(fillers) >= 2 else ""
            result.add(
                "info",
                f"{plural(len(fillers), 'filler')} ({said}{rate}).",
                fillers,
                code="filler",
            )
    if hedges:
        said = _as_said(parsed, hedges)
        if hedge_rate >= HEDGES_PER_100 and len(hedges) >= 2:
            result.add(
                "fix",
                f"{plural(len(hedges), 'hedge')} ({said}) make you sound unsure of your own "
                "story: state it.",
                hedges,
                code="hedging",
            )
            result.step(17, f"Remove hedges ({said}) and state what happened.")
        else:
            result.add("info", f"{plural(len(hedges), 'hedge')} ({said}).", hedges, code="hedging")
    # Sentences that lean on a cliché: an answer made of them is not well delivered.
    cliche_share = (
        len({parsed.sentence_of(s.start) for s in cliches}) / len(parsed.sentences)
        if parsed.sentences
        else 0.0
    )
    if cliches:
        # Every cliché is named (the same one said twice, once), so none reads as accepted.
        seen: dict[str, Span] = {}
        for span in cliches:
            seen.setdefault(" ".join(text[span.start : span.end].lower().split()), span)
        named = [quote(text, s, 40) for s in list(seen.values())[:MAX_CLICHES_SHOWN]]
        if len(seen) > MAX_CLICHES_SHOWN:
            named.append(f"{len(seen) - MAX_CLICHES_SHOWN} more")
        said = listing(named)
        result.add(
            "fix",
            f"{said} {'is a cliché' if len(cliches) == 1 else 'are clichés'} interviewers hear "
            "all day: show the quality with an example instead.",
            cliches,
            code="cliche",
        )
        result.step(24, "Swap clichés for a line from your own example.")
    for word, spans, options in repeats[:3]:
        swaps = [o for o in options if o != "(cut it)"][:3]
        cut = len(swaps) < len(options)
        if swaps:
            suggestion = f": try {listing(swaps)}" + (", or cut it" if cut else "")
        else:
            suggestion = ": cut it" if cut else ": vary it or cut it"
        result.add("fix", f"“{word}” {plural(len(spans), 'time')}{suggestion}.", spans)
    if repeats:
        result.step(40, f"Vary repeated words ({listing([r[0] for r in repeats[:3]])}).")

    if words < MIN_WORDS_FOR_DELIVERY:
        return result
    reasons = [
        f"{plural(len(fillers), 'filler')} ({filler_rate:.1f} per 100 words)",
        f"{plural(len(hedges), 'hedge')} ({hedge_rate:.1f} per 100 words)",
        f"{plural(len(negative), 'negative self-description', 'negative self-descriptions')}",
        f"{plural(len(cliches), 'cliché')}"
        + (
            f" in {cliche_share:.0%} of the sentences"
            if cliche_share >= CLICHE_ANSWER_SHARE
            else ""
        ),
        f"{plural(len(repeats), 'overused word')}",
    ]
    score = (
        100
        - min(40, 12 * filler_rate)
        - min(20, 6 * hedge_rate)
        - min(30, 10 * len(negative))
        - min(20, 5 * len(cliches))
        - min(15, 5 * len(repeats))
    )
    if filler_rate <= FLUENT_PER_100 and not (hedges or negative or cliches or repeats):
        result.add(
            "good",
            "Clean delivery: no hedges, clichés, self-criticism or overused words.",
            code="clean-delivery",
        )
    result.set_score(score, reasons)
    return result


def self_undermining(parsed: ParsedAnswer) -> AspectResult:
    """Statements that talk the candidate down ("I'm no expert"): a problem of their own."""
    result = AspectResult("self-undermining")
    candidates = _spans(parsed, "negative_self_talk") + [
        Span(m.start(), m.end()) for m in _NOT_AN_EXPERT.finditer(parsed.text, 0, parsed.end)
    ]
    # Leftmost-longest: "I'm not really a numbers person" over "I'm not really a".
    candidates.sort(key=lambda s: (s.start, -(s.end - s.start)))
    found: list[Span] = []
    for span in candidates:
        if not found or span.start >= found[-1].end:
            found.append(span)
    if found:
        said = listing([quote(parsed.text, s, 40) for s in found[:3]])
        result.add(
            "fix",
            f"{said} {'undermines' if len(found) == 1 else 'undermine'} you: the interviewer "
            "hears the doubt, not the experience. Say what you did and what you can do.",
            found,
            code="self-undermining",
        )
        result.step(
            6, "Drop the lines that talk you down; frame a gap as something you are closing."
        )
    return result


# Question types answered with one case from the past, where "keep to the one case" fits.
STORY_TYPES = frozenset({"behavioural", "second-round"})
# A padded answer (mostly filler, hedging or self-doubt) is long from this share of its upper target
# (project heuristic, checked on eval/answers/dev.jsonl).
PADDED_SHARE = 0.75


def length(
    parsed: ParsedAnswer,
    question_type: str,
    total_words: int,
    *,
    praise: bool = True,
    padded: bool = False,
    narrow: bool = False,
    direct: str = "",
    rambling: bool = False,
) -> AspectResult:
    """Spoken length against the target for the question type.

    `padded`: most of the answer is filler, hedging, self-doubt or cliché, so near the upper
    target it is already long for what it says. `rambling`: padded with hedges, fillers or
    self-doubt, so however short it is, more words are not what it needs."""
    result = AspectResult("length")
    low, high, why = NARROW_TARGET if narrow else LENGTH_TARGETS[question_type]
    # "a follow-up answer", not "a background answer", when the question asked one thing.
    kind = "follow-up" if narrow else question_type
    spoken = total_words * 60 / WPM_MID
    fast, slow = speaking_seconds(total_words)
    target = span_of_time(low, high)
    said = f"About {duration(spoken)} spoken ({plural(total_words, 'word')}, {duration(fast)} to "
    said += f"{duration(slow)} at {WPM_LOW}–{WPM_HIGH} words a minute)"
    if fast == slow:
        # A few words: no range of "0 s to 0 s".
        said = f"{plural(total_words, 'word')}, {spoken_time(total_words)}".capitalize()
    reasons = [
        f"{plural(total_words, 'word')}, about {duration(spoken)} spoken",
        f"target {target}",
    ]
    if total_words <= FEW_WORDS and direct == "no":
        # "No." to "Have you completed DSL training?": honest, but it needs a bridge.
        result.add(
            "info",
            "An honest answer; don't leave it bare. Bridge from it: say what you have done that "
            "comes closest, and that you would welcome the chance to do it.",
            code="direct",
        )
        score = 50.0
    elif total_words <= FEW_WORDS and direct:
        # "Three months." to the notice question, "Yes." to "Do you hold a licence?": answered.
        result.add(
            "info",
            "A clear, direct answer. Add one line that backs it up (when, where, at what level), "
            "then stop.",
            code="direct",
        )
        score = 70.0
    elif total_words <= FEW_WORDS:
        # "Yes." or "Teamwork": one clear line, not a length note.
        shown = "One word" if total_words == 1 else f"{plural(total_words, 'word').capitalize()}"
        result.add(
            "fix",
            f"{shown} {'is' if total_words == 1 else 'are'} not an answer yet: answer in full "
            f"sentences, about {target}: {why}.",
            code="too-short",
        )
        result.step(13, f"Answer in full sentences, about {target}: {why}.")
        score = 100 * spoken / low
    elif padded and spoken < PADDED_SHARE * high and total_words >= MIN_WORDS_FOR_DELIVERY:
        # Short or not, a padded answer is never told to go on for longer.
        if rambling:
            keep = (
                "one case: what you did and how it ended"
                if question_type in STORY_TYPES and not narrow
                else why
            )
            result.add(
                "fix",
                f"{said}: more words would not help, since much of it is hedging, filler or "
                f"doubt. Keep to {keep}.",
                code="rambling",
            )
            result.step(22, f"Cut it to {keep}.")
        else:
            result.add(
                "info",
                f"{said}. More words of the same kind would not help: replace the general claims "
                "with one real example.",
            )
        score = min(100.0, 100 * spoken / low)
    elif spoken < SHORT_SHARE * low:
        result.add(
            "fix",
            f"{said}: short for a {kind} answer, which needs {target} for {why}.",
            code="too-short",
        )
        result.step(13 if spoken < low / 2 else 30, f"Develop the answer to about {target}: {why}.")
        score = 100 * spoken / low
    elif spoken < low:
        # Typed answers run shorter than spoken ones: a little under the target is only a note.
        result.add("info", f"{said}: on the short side; {target} leaves room for {why}.")
        score = 100 * spoken / low
    elif spoken > high:
        # Point at the words that run past the upper target.
        cut_at = math.ceil(high / 60 * WPM_MID)
        spans = []
        if cut_at < parsed.word_count:
            spans = [Span(parsed.words[cut_at].start, parsed.sentences[-1].end)]
        result.add(
            "fix",
            f"{said}: long for a {kind} answer ({target}: {why}). Interviewers lose the "
            "thread; cut the background and keep one example.",
            spans,
            code="too-long",
        )
        result.step(12 if spoken > 2 * high else 22, f"Cut the answer to {target}.")
        score = 100 - 100 * (spoken - high) / high
    elif padded and spoken >= PADDED_SHARE * high:
        result.add(
            "fix",
            f"{said}: long for what it says, since much of it is filler or hedging. Keep to "
            f"what happened, what you did and how it ended, well inside {target}.",
            code="too-long",
        )
        result.step(22, "Cut the fillers and hedges and keep to what you did.")
        score = 70
    else:
        if praise:
            result.add(
                "good",
                f"{said}: inside the {target} a {kind} answer should take.",
                code="length",
            )
        else:
            result.add("info", f"{said}: inside the {target} for a {kind} answer.")
        score = 100
    result.set_score(score, reasons)
    return result
