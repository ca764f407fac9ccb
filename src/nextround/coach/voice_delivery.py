"""Delivery measured from a spoken answer: pace, long pauses, fillers, start and length in time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from nextround.coach.delivery import (
    FLUENT_FILLERS_PER_MIN,
    HESITANT_FILLERS_PER_MIN,
    LENGTH_TARGETS,
    NARROW_TARGET,
    WPM_HIGH,
    WPM_LOW,
    duration,
    span_of_time,
)
from nextround.coach.wordlists import wordlists

FORMAT_VERSION = 1
# A silence longer than this inside an answer is heard as a long pause (the bar; listeners
# notice pauses from about 2 s, Rochester 1973).
LONG_PAUSE_SECONDS = 2.0
# Taking longer than this before the first word reads as a slow start (project heuristic: a breath
# and a moment to think take 2-3 s).
SLOW_START_SECONDS = 4.0
PARTS = ("opening", "middle", "close")
# Under this many words or seconds, pace is not judged: a rate over a phrase means nothing.
MIN_WORDS_FOR_PACE = 10
MIN_SECONDS_FOR_PACE = 5.0
_COMMA_SET_OFF = re.compile(r"(?:^|[,.;:!?]\s*)$")


@dataclass(frozen=True)
class TimedWord:
    """One recognised word and when it was said, in seconds from the start of the recording."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Pause:
    start: float
    end: float
    seconds: float
    part: str
    # Where it falls in the transcript: after the word ending at this character offset.
    at: int
    after: str
    before: str


@dataclass(frozen=True)
class Filler:
    text: str
    time: float
    part: str
    start: int
    end: int


@dataclass(frozen=True)
class PartPace:
    part: str
    start: float
    end: float
    words: int
    words_per_minute: float | None


@dataclass(frozen=True)
class Note:
    level: str
    message: str
    code: str


@dataclass(frozen=True)
class VoiceDelivery:
    """What the recording says about delivery, with the transcript it is measured on."""

    transcript: str
    recording_seconds: float
    speaking_seconds: float
    word_count: int
    words_per_minute: float | None
    parts: tuple[PartPace, ...]
    pauses: tuple[Pause, ...]
    fillers: tuple[Filler, ...]
    fillers_per_minute: float | None
    time_to_first_word: float | None
    target: tuple[int, int]
    length_verdict: str
    notes: tuple[Note, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["format_version"] = FORMAT_VERSION
        data["target"] = {"low": self.target[0], "high": self.target[1]}
        return data


def transcript_of(words: Sequence[TimedWord]) -> tuple[str, list[tuple[int, int]]]:
    """The transcript and each word's character span in it."""
    text = ""
    spans = []
    for word in words:
        piece = word.text.strip()
        if not piece:
            spans.append((len(text), len(text)))
            continue
        if text:
            text += " "
        spans.append((len(text), len(text) + len(piece)))
        text += piece
    return text, spans


def _part(time: float, start: float, end: float) -> str:
    if end <= start:
        return PARTS[0]
    share = (time - start) / (end - start)
    return PARTS[min(2, max(0, int(share * 3)))]


def _word_at(spans: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(spans):
        if start <= offset < end or offset < start:
            return index
    return len(spans) - 1


def _fillers(
    text: str, words: Sequence[TimedWord], spans: list[tuple[int, int]], start: float, end: float
) -> list[Filler]:
    lists = wordlists()
    lowered = text.lower()
    found: list[tuple[int, int]] = [
        (m.start(), m.end()) for m in lists.patterns["fillers"].finditer(lowered)
    ]
    # "like", "so", "well" count only when commas set them off, as in typed answers.
    for match in lists.patterns["comma_fillers"].finditer(lowered):
        after = lowered[match.end() : match.end() + 1]
        if after == "," and _COMMA_SET_OFF.search(lowered[: match.start()].rstrip(" ")):
            found.append((match.start(), match.end()))
    out = []
    for s, e in sorted(set(found)):
        index = _word_at(spans, s)
        when = words[index].start if words else 0.0
        out.append(Filler(text[s:e], round(when, 2), _part(when, start, end), s, e))
    return out


def _pauses(
    quiet: Sequence[tuple[float, float]],
    words: Sequence[TimedWord],
    spans: list[tuple[int, int]],
    text: str,
    start: float,
    end: float,
) -> list[Pause]:
    found = []
    for q_start, q_end in quiet:
        # Only silences between the first and the last word are pauses in the answer.
        lo, hi = max(q_start, start), min(q_end, end)
        if hi - lo < LONG_PAUSE_SECONDS:
            continue
        middle = (lo + hi) / 2
        before_index = max(
            (i for i, w in enumerate(words) if (w.start + w.end) / 2 < middle), default=-1
        )
        after_word = text[slice(*spans[before_index])] if before_index >= 0 else ""
        next_word = text[slice(*spans[before_index + 1])] if before_index + 1 < len(words) else ""
        at = spans[before_index][1] if before_index >= 0 else 0
        found.append(
            Pause(
                round(lo, 2),
                round(hi, 2),
                round(hi - lo, 2),
                _part(middle, start, end),
                at,
                after_word,
                next_word,
            )
        )
    return found


def _pace(words: Sequence[TimedWord], start: float, end: float) -> list[PartPace]:
    out = []
    third = (end - start) / 3
    for number, name in enumerate(PARTS):
        lo = start + number * third
        hi = end if number == 2 else lo + third
        count = sum(
            1
            for w in words
            if lo <= (w.start + w.end) / 2 < hi or (number == 2 and (w.start + w.end) / 2 >= hi)
        )
        rate = 60 * count / (hi - lo) if hi - lo > 0 and count else None
        out.append(PartPace(name, round(lo, 2), round(hi, 2), count, _round(rate)))
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def measure(
    words: Sequence[TimedWord],
    recording_seconds: float,
    quiet: Sequence[tuple[float, float]] = (),
    *,
    voiced: tuple[float, float] | None = None,
    question_type: str = "behavioural",
    narrow: bool = False,
) -> VoiceDelivery:
    """Pace, pauses, fillers, start and length of a spoken answer from its timed words.

    `quiet` are the recording's silent stretches and `voiced` its first and last moment of voice,
    both read from the audio; word times from speech recognition are only the fallback.
    """
    words = [w for w in words if w.text.strip()]
    text, spans = transcript_of(words)
    low, high, why = (
        NARROW_TARGET
        if narrow
        else LENGTH_TARGETS.get(question_type, LENGTH_TARGETS["behavioural"])
    )
    if not words:
        return VoiceDelivery(
            "",
            round(recording_seconds, 2),
            0.0,
            0,
            None,
            (),
            (),
            (),
            None,
            None,
            (low, high),
            "no-speech",
            (Note("fix", "No words were recognised in the recording.", "no-speech"),),
        )
    start, end = words[0].start, words[-1].end
    if voiced is not None:
        # The audio knows better than the recogniser where the voice begins and ends.
        if voiced[0] < words[0].end:
            start = voiced[0]
        if voiced[1] > words[-1].start:
            end = voiced[1]
    speaking = max(0.0, end - start)
    count = len(words)
    minutes = speaking / 60
    judged = count >= MIN_WORDS_FOR_PACE and speaking >= MIN_SECONDS_FOR_PACE
    wpm = 60 * count / speaking if speaking > 0 else None
    fillers = _fillers(text, words, spans, start, end)
    per_minute = len(fillers) / minutes if minutes > 0 else None
    pauses = _pauses(quiet, words, spans, text, start, end)
    parts = _pace(words, start, end) if judged else []
    notes: list[Note] = []
    if judged and wpm is not None:
        if wpm > WPM_HIGH:
            notes.append(
                Note(
                    "fix",
                    f"{wpm:.0f} words a minute: faster than the {WPM_LOW}–{WPM_HIGH} "
                    "of clear speech. Slow down and let the key points land.",
                    "pace-fast",
                )
            )
        elif wpm < WPM_LOW:
            notes.append(
                Note(
                    "info",
                    f"{wpm:.0f} words a minute: slower than the {WPM_LOW}–{WPM_HIGH} "
                    "of clear speech.",
                    "pace-slow",
                )
            )
        else:
            notes.append(
                Note(
                    "good",
                    f"{wpm:.0f} words a minute: inside the {WPM_LOW}–{WPM_HIGH} of clear speech.",
                    "pace",
                )
            )
        rated = [p for p in parts if p.words_per_minute is not None]
        if len(rated) == 3:
            fastest = max(rated, key=lambda p: p.words_per_minute or 0)
            slowest = min(rated, key=lambda p: p.words_per_minute or 0)
            if (fastest.words_per_minute or 0) > 1.25 * (slowest.words_per_minute or 1):
                notes.append(
                    Note(
                        "info",
                        f"Pace changed: {fastest.words_per_minute:.0f} words a minute "
                        f"in the {fastest.part}, {slowest.words_per_minute:.0f} in the "
                        f"{slowest.part}.",
                        "pace-uneven",
                    )
                )
    if pauses:
        where = ", ".join(
            f"{p.seconds:.1f} s after “{p.after}” ({p.part})" if p.after else f"{p.seconds:.1f} s"
            for p in pauses[:4]
        )
        notes.append(
            Note(
                "info",
                f"{len(pauses)} long pause{'s' if len(pauses) != 1 else ''} "
                f"(over {LONG_PAUSE_SECONDS:g} s): {where}.",
                "long-pause",
            )
        )
    if fillers and per_minute is not None and minutes > 0:
        said = ", ".join(sorted({f.text.lower() for f in fillers}))
        level = "fix" if per_minute >= HESITANT_FILLERS_PER_MIN and len(fillers) >= 2 else "info"
        norm = HESITANT_FILLERS_PER_MIN if level == "fix" else FLUENT_FILLERS_PER_MIN
        kind = "hesitant" if level == "fix" else "fluent"
        notes.append(
            Note(
                level,
                f"{len(fillers)} filler{'s' if len(fillers) != 1 else ''} ({said}): "
                f"{per_minute:.1f} a minute, against {norm:g} a minute in {kind} speech.",
                "filler",
            )
        )
    first = round(start, 2)
    if first > SLOW_START_SECONDS:
        notes.append(
            Note(
                "info",
                f"{first:.1f} s before the first word: a short breath is enough; "
                "start with the headline.",
                "slow-start",
            )
        )
    target = span_of_time(low, high)
    if speaking < low:
        verdict = "short"
        notes.append(
            Note(
                "fix",
                f"{duration(speaking)} spoken: short against the {target} this "
                f"question needs ({why}).",
                "too-short",
            )
        )
    elif speaking > high:
        verdict = "long"
        notes.append(
            Note(
                "fix",
                f"{duration(speaking)} spoken: long against the {target} this "
                f"question needs ({why}).",
                "too-long",
            )
        )
    else:
        verdict = "inside"
        notes.append(
            Note(
                "good",
                f"{duration(speaking)} spoken: inside the {target} this question needs.",
                "length",
            )
        )
    return VoiceDelivery(
        transcript=text,
        recording_seconds=round(recording_seconds, 2),
        speaking_seconds=round(speaking, 2),
        word_count=count,
        words_per_minute=_round(wpm) if judged else None,
        parts=tuple(parts),
        pauses=tuple(pauses),
        fillers=tuple(fillers),
        fillers_per_minute=_round(per_minute) if judged else None,
        time_to_first_word=first,
        target=(low, high),
        length_verdict=verdict,
        notes=tuple(notes),
    )
