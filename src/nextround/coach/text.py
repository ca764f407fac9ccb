"""Words and sentences with their character offsets, and a light stemmer."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from nextround.coach.insight import Span

# Letters or digits, joined by inner apostrophes or hyphens, and by a point or comma only between
# digits so that "1,200" and "3.5" stay one word while "end.Next" does not.
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+|(?<=\d)[.,]\d+)*")
# A sentence ends at . ! ? (with any closing quotes or brackets) followed by space, or at a newline.
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"'’”)\]]*(?=\s|$)|\n")
_ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "mr",
        "mrs",
        "ms",
        "dr",
        "vs",
        "approx",
        "inc",
        "ltd",
        "st",
        "jr",
        "sr",
        "no",
        "etc.,",
        "cf",
        "fig",
        "dept",
        "prof",
    }
)


@dataclass(frozen=True)
class Word:
    """One word of the text and where it sits."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        """The word lower-cased with curly apostrophes made straight."""
        return _lower(self.text)

    @property
    def span(self) -> Span:
        """Where the word sits."""
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its index, offsets (trimmed of spaces) and words."""

    index: int
    start: int
    end: int
    words: tuple[Word, ...]

    @property
    def span(self) -> Span:
        """Where the sentence sits."""
        return Span(self.start, self.end)


def _lower(text: str) -> str:
    return text.lower().replace("’", "'")


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Every word in text[start:end] with offsets into text."""
    stop = len(text) if end is None else end
    return [Word(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text, start, stop)]


def count_words(text: str) -> int:
    """How many words the text holds, without building Word objects."""
    return sum(1 for _ in WORD_RE.finditer(text))


def sentences_of(text: str, words: list[Word], end: int | None = None) -> list[Sentence]:
    """Split text[:end] into sentences, each holding its words (which must come from the text)."""
    stop = len(text) if end is None else end
    cuts: list[int] = []
    for match in _BOUNDARY_RE.finditer(text, 0, stop):
        if (
            match.group() != "\n"
            and match.group().startswith(".")
            and _is_abbreviation(text, match.start())
        ):
            continue
        cuts.append(match.end())
    cuts.append(stop)

    sentences: list[Sentence] = []
    position = 0
    word_index = 0
    for cut in cuts:
        left, right = position, cut
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        position = cut
        first = word_index
        while word_index < len(words) and words[word_index].start < cut:
            word_index += 1
        if first == word_index:
            # Stray punctuation or a blank line: no words, no sentence.
            continue
        sentences.append(Sentence(len(sentences), left, right, tuple(words[first:word_index])))
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    token = text[start:dot].lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha() and token != "i")


_SUFFIXES = (
    "isations",
    "izations",
    "isation",
    "ization",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ied",
    "ies",
    "ed",
    "es",
    "ly",
    "s",
)


# Words longer than this are junk rather than English; they are not stemmed or cached.
_LONGEST_WORD = 40


def stem(word: str) -> str:
    """A light suffix-stripping stem so that manage, managed and managing meet."""
    if len(word) > _LONGEST_WORD:
        return _lower(word)
    return _stem(word)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    w = _lower(word)
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix in ("ied", "ies"):
                return w[: -len(suffix)] + "y"
            if suffix == "es" and not w[:-2].endswith(("s", "x", "z", "ch", "sh")):
                suffix = "s"
            if suffix == "s" and w.endswith("ss"):
                break
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def is_control(char: str) -> bool:
    """A control or unassigned character other than ordinary whitespace."""
    return char not in "\t\n\r\f\v" and unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn")
