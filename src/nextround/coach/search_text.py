"""The words of search: a query and a record's text cut into words folded alike, and excerpts.

Both databases match the words made here (SQLite's FTS5 and PostgreSQL's text search index the
folded words, never the raw text), so a search finds the same records on either; the excerpts
mark the same words the database matched: a query word of two letters or more is a prefix
("kube" finds "Kubernetes"), case and accents aside ("resume" finds "Résumé").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A query past these is cut, and the page says so: no real search needs more.
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 10
# No word is longer; a longer run of letters is cut (a prefix of it still matches).
MAX_WORD_CHARS = 40
# Words of one letter match only themselves: as a prefix they would match nearly everything.
PREFIX_FROM = 2
EXCERPT_CHARS = 200
LEAD_CHARS = 60

# Words too common to find anything by on their own: left out when a record need hold only some
# of the query's words.
_COMMON = (
    "a an and are as at be but by can did do for from had has have how i if in is it me my no "
    "not of on or our so than that the their them then they this to up us was we were what "
    "when where which who why will with you your"
)
COMMON_WORDS = frozenset(_COMMON.split())

# Letters and digits, with any combining marks a decomposed accent leaves after them.
_WORD = re.compile(r"(?:[^\W_][\u0300-\u036f]*)+")
# Letters with no decomposition to a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)


def fold(word: str) -> str:
    """A word as the index keeps it: lower case, accents taken off."""
    if word.isascii():
        return word.lower()[:MAX_WORD_CHARS]
    decomposed = unicodedata.normalize("NFKD", word.translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold()[:MAX_WORD_CHARS]


def index_words(text: str) -> str:
    """The words of a record's text, folded and joined by spaces (what the databases index)."""
    return " ".join(w for w in (fold(m.group()) for m in _WORD.finditer(text)) if w)


@dataclass(frozen=True)
class Query:
    """What was searched for: its folded words, and what was left out of a query too long."""

    text: str
    words: tuple[str, ...]
    words_left_out: int = 0
    cut: bool = False


def parse_query(text: str) -> Query:
    """The distinct words of a query (operators and punctuation are not words: they are ignored)."""
    text = " ".join(text.split())
    cut = len(text) > MAX_QUERY_CHARS
    if cut:
        text = text[:MAX_QUERY_CHARS].rstrip()
    seen: list[str] = []
    for m in _WORD.finditer(text):
        word = fold(m.group())
        if word and word not in seen:
            seen.append(word)
    return Query(
        text=text,
        words=tuple(seen[:MAX_QUERY_WORDS]),
        words_left_out=max(0, len(seen) - MAX_QUERY_WORDS),
        cut=cut,
    )


def telling(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a query that say what it is about (COMMON_WORDS left out)."""
    return tuple(w for w in words if w not in COMMON_WORDS)


def matches(word: str, query_words: tuple[str, ...]) -> bool:
    """Whether a folded word of a text is one the query asks for (as the databases decide)."""
    return any(word.startswith(q) if len(q) >= PREFIX_FROM else word == q for q in query_words)


@dataclass(frozen=True)
class Excerpt:
    """Text to show, in pieces; a piece is True where it is a word the query matched."""

    parts: tuple[tuple[str, bool], ...]
    cut_before: bool = False
    cut_after: bool = False

    @property
    def text(self) -> str:
        return "".join(p for p, _ in self.parts)

    @property
    def marked(self) -> tuple[str, ...]:
        return tuple(p for p, hit in self.parts if hit)


def _spans(
    text: str,
    query_words: tuple[str, ...],
    start: int = 0,
    end: int | None = None,
    first: bool = False,
) -> list[tuple[int, int]]:
    """Where the matched words are in text[start:end] (only the first, with `first`)."""
    found: list[tuple[int, int]] = []
    if not query_words:
        return found
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        if matches(fold(m.group()), query_words):
            found.append((m.start(), m.end()))
            if first:
                break
    return found


def _pieces(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start > at:
            parts.append((text[at:start], False))
        parts.append((text[start:end], True))
        at = end
    if at < len(text):
        parts.append((text[at:], False))
    return tuple(parts)


def mark(text: str, query_words: tuple[str, ...]) -> Excerpt:
    """The whole text (a title, a name) with the matched words marked."""
    return Excerpt(_pieces(text, _spans(text, query_words)))


def excerpt(text: str, query_words: tuple[str, ...], width: int = EXCERPT_CHARS) -> Excerpt | None:
    """About `width` characters of the text around its first matched word, or its opening
    when no word matches; None for an empty text. Whitespace is run together."""
    flat = " ".join(text.split())
    if not flat:
        return None
    start = 0
    first = _spans(flat, query_words, first=True) if query_words else []
    if first and first[0][1] > width:
        start = max(0, first[0][0] - LEAD_CHARS)
        space = flat.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        if space > start:
            end = space
    window = [(s - start, e - start) for s, e in _spans(flat, query_words, start, end)]
    return Excerpt(_pieces(flat[start:end], window), start > 0, end < len(flat))
